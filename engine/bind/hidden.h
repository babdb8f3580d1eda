#pragma once
// JS values a platform object refers to (its listeners, an event's target, an abort reason) live
// on its wrapper under private keys instead of in v8::Global handles held by C++. The GC traces
// them like ordinary properties, so a cycle such as a listener that closes over its own target
// is collected; a Global would be a root and keep the whole cycle alive until the run ends.

#include <v8.h>

namespace nano::bind::hidden {

// The value stored under `key` (a string literal naming the slot, "Event.target"); undefined if
// none was stored.
v8::Local<v8::Value> get(v8::Isolate* isolate, v8::Local<v8::Object> holder, const char* key);
bool set(v8::Isolate* isolate, v8::Local<v8::Object> holder, const char* key,
         v8::Local<v8::Value> value);

} // namespace nano::bind::hidden
