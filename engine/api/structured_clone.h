#pragma once
// structuredClone() and the HTML StructuredSerialize/StructuredDeserialize algorithms over V8's
// ValueSerializer (https://html.spec.whatwg.org/#structured-data). Platform objects take part
// through the table of serializable interfaces in structured_clone.cpp; ArrayBuffers can be
// transferred (the source is detached).

#include <cstdint>
#include <memory>
#include <v8.h>
#include <vector>

namespace nano::api {

// Serializes and deserializes `value` in one go, transferring the buffers in `transfer`.
// Empty with a DOMException "DataCloneError" (or a RangeError for too deep a graph) pending.
v8::MaybeLocal<v8::Value> structuredCloneValue(v8::Isolate* isolate, v8::Local<v8::Value> value,
                                               const std::vector<v8::Local<v8::Object>>& transfer);

// The serialized form of a value (https://html.spec.whatwg.org/#structuredserialize without
// transfer): V8's bytes, and what they refer to by index instead of copying (host objects' shared
// data, shared memory, wasm modules). Valid within this isolate only.
struct SerializedValue {
    std::vector<uint8_t> bytes;
    std::vector<std::shared_ptr<const void>> shared;
    std::vector<v8::Global<v8::SharedArrayBuffer>> sharedBuffers;
    std::vector<v8::Global<v8::WasmModuleObject>> wasmModules;
};

// https://html.spec.whatwg.org/#structuredserialize: false with a DataCloneError pending.
bool structuredSerialize(v8::Isolate* isolate, v8::Local<v8::Value> value, SerializedValue& out);

// https://html.spec.whatwg.org/#structureddeserialize in the current context. `serialized` may be
// corrupt (any bytes): that fails with a DataCloneError (or another exception) pending, never
// worse.
v8::MaybeLocal<v8::Value> structuredDeserialize(v8::Isolate* isolate,
                                                const SerializedValue& serialized);

void installStructuredClone(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
