#pragma once
// The global scope's own members (https://html.spec.whatwg.org/#windoworworkerglobalscope):
// self, reportError, queueMicrotask, navigator, DOMException; and the `Nano` namespace
// (version, args, exit).

#include <v8.h>

namespace nano::api {

void installGlobalScope(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
