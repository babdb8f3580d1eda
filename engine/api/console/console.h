#pragma once
// The console namespace (https://console.spec.whatwg.org/): every method of the Console
// Standard, formatted like Node's util.inspect (see formatter.h), sent to the runtime as
// ConsoleMessage values with level, group depth and the caller's source location.

#include <v8.h>

namespace nano::api {

void installConsole(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
