#pragma once
// The global scope as an EventTarget (like a browser's window or a worker's global scope): the
// global object's class inherits EventTarget, with the onerror and onunhandledrejection event
// handlers, and the runtime's error hooks fire uncaught exceptions and unhandled rejections at
// it (https://html.spec.whatwg.org/#runtime-script-errors,
// https://html.spec.whatwg.org/#unhandled-promise-rejections).

#include "core/runtime.h"

namespace nano::api {

// The template of the global object (for core::RuntimeOptions::globalTemplate).
v8::Local<v8::ObjectTemplate> globalScopeTemplate(v8::Isolate* isolate);

// Gives the global object (an instance of globalScopeTemplate()) its C++ EventTarget and sets
// the runtime's dispatchError and dispatchUnhandledRejection hooks.
void attachGlobalScope(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
