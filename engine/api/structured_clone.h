#pragma once
// structuredClone() and the HTML StructuredSerialize/StructuredDeserialize algorithms over V8's
// ValueSerializer (https://html.spec.whatwg.org/#structured-data). Platform objects take part
// through the table of serializable interfaces in structured_clone.cpp; ArrayBuffers can be
// transferred (the source is detached).

#include <v8.h>
#include <vector>

namespace nano::api {

// Serializes and deserializes `value` in one go, transferring the buffers in `transfer`.
// Empty with a DOMException "DataCloneError" (or a RangeError for too deep a graph) pending.
v8::MaybeLocal<v8::Value> structuredCloneValue(v8::Isolate* isolate, v8::Local<v8::Value> value,
                                               const std::vector<v8::Local<v8::Object>>& transfer);

void installStructuredClone(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
