#include "api/streams/queue_with_sizes.h"

#include "bind/errors.h"

#include <cmath>

namespace nano::api::streams {

// https://streams.spec.whatwg.org/#enqueue-value-with-size
bool QueueWithSizes::enqueueValueWithSize(v8::Isolate* isolate, v8::Local<v8::Value> value,
                                          double size)
{
    // Steps 2-3: IsNonNegativeNumber and not +Infinity.
    if (std::isnan(size) || size < 0 || std::isinf(size)) {
        bind::throwRangeError(isolate, "The size of a chunk must be a finite, non-negative "
                                       "number.");
        return false;
    }
    if (!m_values.push(isolate, value)) return false;
    m_sizes.push_back({size, false});
    m_queueTotalSize += size;
    return true;
}

bool QueueWithSizes::enqueueCloseSentinel(v8::Isolate* isolate)
{
    if (!m_values.push(isolate, v8::Undefined(isolate))) return false;
    m_sizes.push_back({0, true});
    return true;
}

// https://streams.spec.whatwg.org/#dequeue-value
v8::Local<v8::Value> QueueWithSizes::dequeueValue(v8::Isolate* isolate)
{
    v8::Local<v8::Value> value = m_values.take(isolate);
    if (m_sizes.empty()) return value;
    m_queueTotalSize -= m_sizes.front().size;
    m_sizes.pop_front();
    // Step 6: rounding errors must not make the total negative.
    if (m_queueTotalSize < 0) m_queueTotalSize = 0;
    return value;
}

// https://streams.spec.whatwg.org/#peek-queue-value
v8::Local<v8::Value> QueueWithSizes::peekQueueValue(v8::Isolate* isolate) const
{
    return m_values.front(isolate);
}

// https://streams.spec.whatwg.org/#reset-queue
void QueueWithSizes::resetQueue()
{
    m_values.clear();
    m_sizes.clear();
    m_queueTotalSize = 0;
}

} // namespace nano::api::streams
