#pragma once
// A FIFO of JS values held where the garbage collector sees them: a ring buffer in a JS array
// that a Member of the holder keeps. Chunk queues, read requests and write requests use it,
// so a queued chunk costs one array slot, not a v8::Global or a Member each.

#include "bind/member.h"

#include <cstdint>
#include <v8.h>

namespace nano::api::streams {

class ValueQueue {
public:
    explicit ValueQueue(bind::Wrappable* holder)
        : m_array(holder)
    {}

    bool isEmpty() const { return m_size == 0; }
    uint32_t size() const { return m_size; }

    // False with an exception pending if V8 could not allocate.
    bool push(v8::Isolate* isolate, v8::Local<v8::Value> value);
    // The first value (the queue must not be empty).
    v8::Local<v8::Value> front(v8::Isolate* isolate) const;
    // Removes and returns the first value (the queue must not be empty).
    v8::Local<v8::Value> take(v8::Isolate* isolate);
    // The value at `index` from the front.
    v8::Local<v8::Value> at(v8::Isolate* isolate, uint32_t index) const;
    void clear();

private:
    bool grow(v8::Isolate* isolate);

    bind::Member<v8::Array> m_array;
    uint32_t m_head = 0;
    uint32_t m_size = 0;
    uint32_t m_capacity = 0;
};

} // namespace nano::api::streams
