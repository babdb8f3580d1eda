#pragma once
// A FIFO of JS values held where the garbage collector sees them. The first value sits in a
// Member of its own (an internal field of the holder when it has inline references), the
// rest in a ring buffer in a JS array: the common queue of zero or one chunk, read request
// or write request costs no array access. Chunk queues, read requests and write requests use
// it, so a queued value costs one slot, not a v8::Global or a Member each.

#include "bind/member.h"

#include <cstdint>
#include <v8.h>

namespace nano::api::streams {

class ValueQueue {
public:
    explicit ValueQueue(bind::Wrappable* holder)
        : m_front(holder)
        , m_array(holder)
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

private:
    // The ring holds values 1..size-1.
    bool ringPush(v8::Isolate* isolate, v8::Local<v8::Value> value);
    v8::Local<v8::Value> ringTake(v8::Isolate* isolate);
    bool grow(v8::Isolate* isolate);

    bind::Member<v8::Value> m_front;
    bind::Member<v8::Array> m_array;
    uint32_t m_head = 0;
    uint32_t m_size = 0; // including the front value
    uint32_t m_capacity = 0;
};

} // namespace nano::api::streams
