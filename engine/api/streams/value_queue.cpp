#include "api/streams/value_queue.h"

#include "bind/internal_array.h"

namespace nano::api::streams {

bool ValueQueue::push(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    if (m_size == 0) {
        m_front.set(value);
    } else if (!ringPush(isolate, value)) {
        return false;
    }
    ++m_size;
    return true;
}

v8::Local<v8::Value> ValueQueue::front(v8::Isolate* isolate) const
{
    if (m_size == 0) return v8::Undefined(isolate);
    return m_front.get(isolate);
}

v8::Local<v8::Value> ValueQueue::take(v8::Isolate* isolate)
{
    if (m_size == 0) return v8::Undefined(isolate);
    v8::Local<v8::Value> value = m_front.get(isolate);
    // The slot keeps no taken value alive; it is reused by the next push.
    m_front.set(--m_size > 0 ? ringTake(isolate) : v8::Undefined(isolate).As<v8::Value>());
    return value;
}

void ValueQueue::clear()
{
    m_front.clear();
    m_array.clear();
    m_head = m_size = m_capacity = 0;
}

bool ValueQueue::ringPush(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    uint32_t ringSize = m_size - 1;
    if (ringSize == m_capacity && !grow(isolate)) return false;
    uint32_t index = (m_head + ringSize) % m_capacity;
    return bind::setInternalElement(isolate->GetCurrentContext(), m_array.get(isolate), index,
                                    value);
}

v8::Local<v8::Value> ValueQueue::ringTake(v8::Isolate* isolate)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Array> array = m_array.get(isolate);
    v8::Local<v8::Value> value = bind::internalElement(context, array, m_head);
    // Overwriting a slot of our own array fails only with a termination pending, when the
    // queue is not used again.
    (void)bind::setInternalElement(context, array, m_head, v8::Undefined(isolate));
    m_head = (m_head + 1) % m_capacity;
    if (m_size == 1) m_head = 0; // the ring is empty again
    return value;
}

bool ValueQueue::grow(v8::Isolate* isolate)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    uint32_t capacity = m_capacity ? m_capacity * 2 : 4;
    v8::Local<v8::Array> bigger;
    if (!bind::newInternalArray(context, static_cast<int>(capacity)).ToLocal(&bigger)) return false;
    uint32_t ringSize = m_size - 1;
    if (ringSize > 0) {
        v8::Local<v8::Array> array = m_array.get(isolate);
        for (uint32_t i = 0; i < ringSize; ++i) {
            v8::Local<v8::Value> value =
                bind::internalElement(context, array, (m_head + i) % m_capacity);
            if (!bind::setInternalElement(context, bigger, i, value)) return false;
        }
    }
    m_array.set(bigger);
    m_head = 0;
    m_capacity = capacity;
    return true;
}

} // namespace nano::api::streams
