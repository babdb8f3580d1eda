#pragma once
// Timers (https://html.spec.whatwg.org/#timers): setTimeout, setInterval, clearTimeout,
// clearInterval, with extra arguments, string handlers and the nesting clamp (a timer nested
// more than 5 levels deep waits at least 4 ms).

#include <v8.h>

namespace nano::api {

void installTimers(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
