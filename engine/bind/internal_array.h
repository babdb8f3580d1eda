#pragma once
// JS arrays only the engine sees (a wrapper's reference array, a ValueQueue's ring). They have
// a null prototype and are written with CreateDataProperty, never with an ordinary [[Set]]: an
// index accessor a script defines on Array.prototype or Object.prototype can then neither
// swallow a write (the value would be left unreferenced and collected while C++ still uses
// it) nor answer the read of a hole.

#include <cstdint>
#include <v8.h>

namespace nano::bind {

// An array of `length` holes with a null prototype; empty with an exception pending if V8
// could not make it.
inline v8::MaybeLocal<v8::Array> newInternalArray(v8::Local<v8::Context> context, int length = 0)
{
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::Array> array = v8::Array::New(isolate, length);
    if (array.IsEmpty() || !array->SetPrototype(context, v8::Null(isolate)).FromMaybe(false))
        return {};
    return array;
}

// Stores `value` at `index` as an own data property. False only if V8 could not (an exception,
// such as a termination, is pending then).
inline bool setInternalElement(v8::Local<v8::Context> context, v8::Local<v8::Array> array,
                               uint32_t index, v8::Local<v8::Value> value)
{
    return array->CreateDataProperty(context, index, value).FromMaybe(false);
}

// The value at `index`; undefined for a hole or if V8 could not read it.
inline v8::Local<v8::Value> internalElement(v8::Local<v8::Context> context,
                                            v8::Local<v8::Array> array, uint32_t index)
{
    v8::Local<v8::Value> value;
    if (!array->Get(context, index).ToLocal(&value)) return v8::Undefined(context->GetIsolate());
    return value;
}

} // namespace nano::bind
