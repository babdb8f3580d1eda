#include "api/streams/value_queue.h"

#include "bind/isolate_data.h"

namespace nano::api::streams {

namespace {

constexpr int kLink = 0;
constexpr int kFirstValue = 1;

// The per-isolate template of segments.
struct SegmentTemplate {
    v8::Global<v8::ObjectTemplate> tmpl;
};

v8::MaybeLocal<v8::Object> newSegment(v8::Isolate* isolate)
{
    v8::Global<v8::ObjectTemplate>& global =
        bind::IsolateData::get(isolate)->state<SegmentTemplate>().tmpl;
    if (global.IsEmpty()) {
        v8::Local<v8::ObjectTemplate> tmpl = v8::ObjectTemplate::New(isolate);
        tmpl->SetInternalFieldCount(kFirstValue + ValueQueue::kSegmentValues);
        global.Reset(isolate, tmpl);
    }
    return global.Get(isolate)->NewInstance(isolate->GetCurrentContext());
}

} // namespace

bool ValueQueue::push(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    if (m_size == 0) {
        m_front.set(value);
    } else if (!segmentPush(isolate, value)) {
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
    m_front.set(--m_size > 0 ? segmentTake(isolate) : v8::Undefined(isolate).As<v8::Value>());
    return value;
}

void ValueQueue::clear()
{
    m_front.clear();
    m_head.clear();
    m_tail.clear();
    m_headIndex = m_tailIndex = m_size = 0;
}

// The spare linked after `tail`, or a new segment.
v8::MaybeLocal<v8::Object> ValueQueue::freshSegment(v8::Isolate* isolate, v8::Local<v8::Object> tail)
{
    if (!tail.IsEmpty()) {
        v8::Local<v8::Value> spare = tail->GetInternalField(kLink);
        if (spare->IsObject()) return spare.As<v8::Object>();
    }
    return newSegment(isolate);
}

bool ValueQueue::segmentPush(v8::Isolate* isolate, v8::Local<v8::Value> value)
{
    v8::Local<v8::Object> tail = m_tail.get(isolate);
    if (tail.IsEmpty() || m_tailIndex == kSegmentValues) {
        v8::Local<v8::Object> segment;
        if (!freshSegment(isolate, tail).ToLocal(&segment)) return false;
        segment->SetInternalField(kLink, v8::Undefined(isolate));
        if (tail.IsEmpty())
            m_head.set(segment);
        else
            tail->SetInternalField(kLink, segment);
        m_tail.set(segment);
        m_tailIndex = 0;
        tail = segment;
    }
    tail->SetInternalField(kFirstValue + static_cast<int>(m_tailIndex++), value);
    return true;
}

v8::Local<v8::Value> ValueQueue::segmentTake(v8::Isolate* isolate)
{
    v8::Local<v8::Object> head = m_head.get(isolate);
    const int field = kFirstValue + static_cast<int>(m_headIndex++);
    v8::Local<v8::Value> value = head->GetInternalField(field);
    head->SetInternalField(field, v8::Undefined(isolate));
    if (m_size == 1) {
        // That was the newest value, so head and tail are one segment: start it over.
        m_headIndex = m_tailIndex = 0;
    } else if (m_headIndex == kSegmentValues) {
        // The head is used up: the next segment becomes the head, the old one the spare
        // (replacing an older spare).
        v8::Local<v8::Object> next = head->GetInternalField(kLink).As<v8::Object>();
        head->SetInternalField(kLink, v8::Undefined(isolate));
        m_tail.get(isolate)->SetInternalField(kLink, head);
        m_head.set(next);
        m_headIndex = 0;
    }
    return value;
}

} // namespace nano::api::streams
