#pragma once
// Installs the Streams API (https://streams.spec.whatwg.org/) on the global object.

#include <v8.h>

namespace nano::api::streams {

void installStreams(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::streams
