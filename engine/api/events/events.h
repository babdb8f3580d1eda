#pragma once
// The DOM events and abort APIs of the global scope, and the global scope itself as an
// EventTarget (like a browser's window or a worker's global scope): the global object's class
// inherits EventTarget, so globalThis instanceof EventTarget, addEventListener() works
// unqualified, and uncaught exceptions and unhandled rejections are fired at it as "error"
// (ErrorEvent) and "unhandledrejection" (PromiseRejectionEvent) events that a listener may
// cancel (https://html.spec.whatwg.org/#runtime-script-errors,
// https://html.spec.whatwg.org/#unhandled-promise-rejections).

#include "core/runtime.h"

namespace nano::api {

// The template of the global object (for core::RuntimeOptions::globalTemplate).
v8::Local<v8::ObjectTemplate> globalScopeTemplate(v8::Isolate* isolate);

// Installs Event, EventTarget, CustomEvent, ErrorEvent, PromiseRejectionEvent, AbortController
// and AbortSignal, makes the global object an EventTarget and sets the runtime's error hooks.
void installEvents(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
