#pragma once
// WebAssembly's asynchronous entry points (compile, instantiate) finish on V8's worker threads
// and settle their promise from a foreground task. Until then nothing else may keep the event
// loop alive, so the run would end early: each call holds a keep-alive until its promise
// settles. The functions keep their names, lengths and behaviour otherwise.

#include <v8.h>

namespace nano::api {

void installWebAssembly(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
