#pragma once
// The DOM events and abort APIs. The global scope itself is an EventTarget too: see
// global_scope.h.

#include "core/runtime.h"

namespace nano::api {

// Installs Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent, AbortController
// and AbortSignal, makes the global object an EventTarget and sets the runtime's error hooks.
void installEvents(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
