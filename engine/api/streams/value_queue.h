#pragma once
// A FIFO of JS values held where the garbage collector sees them. The first value sits in a
// Member of its own (an internal field of the holder when it has inline references): the
// common queue of zero or one chunk, read request or write request touches nothing else. The
// rest live in segments, objects with kSegmentValues internal fields, linked from oldest to
// newest. Internal fields are no properties: a script's accessors on Array.prototype or
// Object.prototype cannot see or intercept them, and reading or writing one is a slot access,
// not a property lookup.
//
// A drained queue keeps at most two segments (the one in use and one spare), so a burst of a
// million chunks leaves no big structure behind.

#include "bind/member.h"

#include <cstdint>
#include <v8.h>

namespace nano::api::streams {

class ValueQueue {
public:
    explicit ValueQueue(bind::Wrappable* holder)
        : m_front(holder)
        , m_head(holder)
        , m_tail(holder)
    {}

    bool isEmpty() const { return m_size == 0; }
    uint32_t size() const { return m_size; }

    // False with an exception pending if V8 could not allocate.
    bool push(v8::Isolate* isolate, v8::Local<v8::Value> value);
    // The first value (undefined when empty).
    v8::Local<v8::Value> front(v8::Isolate* isolate) const;
    // Removes and returns the first value (undefined when empty).
    v8::Local<v8::Value> take(v8::Isolate* isolate);
    // Replaces the first value (the queue must not be empty).
    void setFront(v8::Local<v8::Value> value) { m_front.set(value); }
    void clear();

    // Values per segment; a segment's field 0 links the next (newer) segment.
    static constexpr int kSegmentValues = 32;

private:
    // The segments hold values 1..size-1.
    bool segmentPush(v8::Isolate* isolate, v8::Local<v8::Value> value);
    v8::Local<v8::Value> segmentTake(v8::Isolate* isolate);
    v8::MaybeLocal<v8::Object> freshSegment(v8::Isolate* isolate, v8::Local<v8::Object> tail);

    bind::Member<v8::Value> m_front;
    bind::Member<v8::Object> m_head; // the oldest segment
    bind::Member<v8::Object> m_tail; // the newest; its link field holds a spare segment, if any
    uint32_t m_headIndex = 0;        // the next value to take from m_head
    uint32_t m_tailIndex = 0;        // the next free slot of m_tail
    uint32_t m_size = 0;             // including the front value
};

} // namespace nano::api::streams
