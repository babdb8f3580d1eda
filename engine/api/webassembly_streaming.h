#pragma once
// WebAssembly.compileStreaming and instantiateStreaming (WebAssembly Web API,
// https://webassembly.github.io/spec/web-api/#streaming-modules) over our Response.
//
// V8 installs the two functions when the isolate has a streaming callback, and calls it with
// the Response once the argument's promise has fulfilled; the callback checks the response as
// "compile a potential WebAssembly response" says and feeds its body to V8 chunk by chunk as
// the body stream delivers it (a network body is compiled while it downloads, never held whole
// by us).

#include <v8.h>

namespace nano::api {

// Run on every isolate before its context is made (core::RuntimeOptions::isolateSetups).
void setUpWebAssemblyStreaming(v8::Isolate* isolate);

} // namespace nano::api
