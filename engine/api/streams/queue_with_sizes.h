#pragma once
// Queue-with-sizes (https://streams.spec.whatwg.org/#queue-with-sizes): the chunk queue of a
// default controller, with each chunk's size from the strategy and the running total that
// desiredSize is computed from. A WritableStream's controller also queues the close sentinel.

#include "api/streams/value_queue.h"

#include <deque>

namespace nano::api::streams {

class QueueWithSizes {
public:
    explicit QueueWithSizes(bind::Wrappable* holder)
        : m_values(holder)
    {}

    bool isEmpty() const { return m_sizes.empty(); }
    size_t size() const { return m_sizes.size(); }
    double totalSize() const { return m_queueTotalSize; }

    // https://streams.spec.whatwg.org/#enqueue-value-with-size: throws RangeError for a size
    // that is not a finite non-negative number (false, exception pending).
    bool enqueueValueWithSize(v8::Isolate* isolate, v8::Local<v8::Value> value, double size);
    // https://streams.spec.whatwg.org/#dequeue-value
    v8::Local<v8::Value> dequeueValue(v8::Isolate* isolate);
    // https://streams.spec.whatwg.org/#peek-queue-value
    v8::Local<v8::Value> peekQueueValue(v8::Isolate* isolate) const;
    // https://streams.spec.whatwg.org/#reset-queue
    void resetQueue();

    // The close sentinel of a WritableStreamDefaultController (size 0).
    bool enqueueCloseSentinel(v8::Isolate* isolate);
    bool peekIsCloseSentinel() const { return !m_sizes.empty() && m_sizes.front().closeSentinel; }

private:
    struct Entry {
        double size;
        bool closeSentinel;
    };
    ValueQueue m_values;
    std::deque<Entry> m_sizes;
    double m_queueTotalSize = 0;
};

} // namespace nano::api::streams
