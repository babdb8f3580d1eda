#include "api/streams/value_queue.h"

namespace nano::api::streams {

bool ValueQueue::push(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    if (m_size == m_capacity && !grow(isolate)) return false;
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    uint32_t index = (m_head + m_size) % m_capacity;
    if (m_array.get(isolate)->Set(context, index, value).IsNothing()) return false;
    ++m_size;
    return true;
}

v8::Local<v8::Value> ValueQueue::front(v8::Isolate* isolate) const
{
    return at(isolate, 0);
}

v8::Local<v8::Value> ValueQueue::at(v8::Isolate* isolate, uint32_t index) const
{
    v8::Local<v8::Value> value;
    if (index >= m_size ||
        !m_array.get(isolate)
             ->Get(isolate->GetCurrentContext(), (m_head + index) % m_capacity)
             .ToLocal(&value))
        return v8::Undefined(isolate);
    return value;
}

v8::Local<v8::Value> ValueQueue::take(v8::Isolate* isolate)
{
    v8::Local<v8::Value> value = front(isolate);
    if (m_size == 0) return value;
    // Drop the array's reference, so a taken chunk is not kept alive by the queue.
    m_array.get(isolate)
        ->Set(isolate->GetCurrentContext(), m_head, v8::Undefined(isolate))
        .IsJust();
    m_head = (m_head + 1) % m_capacity;
    if (--m_size == 0) m_head = 0;
    return value;
}

void ValueQueue::clear()
{
    m_array.clear();
    m_head = m_size = m_capacity = 0;
}

bool ValueQueue::grow(v8::Isolate* isolate)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    uint32_t capacity = m_capacity ? m_capacity * 2 : 4;
    v8::Local<v8::Array> bigger = v8::Array::New(isolate, static_cast<int>(capacity));
    if (bigger.IsEmpty()) return false;
    for (uint32_t i = 0; i < m_size; ++i)
        if (bigger->Set(context, i, at(isolate, i)).IsNothing()) return false;
    m_array.set(bigger);
    m_head = 0;
    m_capacity = capacity;
    return true;
}

} // namespace nano::api::streams
