#pragma once
// ReadableStreamPipeTo (https://streams.spec.whatwg.org/#readable-stream-pipe-to).
//
// The loop the spec leaves to implementations runs in C++: wait for the writer's ready promise
// (backpressure), read one chunk with a reused C++ read request, write it, repeat. No JS
// function runs per chunk besides the source's pull and the sink's write. Errors and closing
// propagate both ways as the spec's steps say; a shutdown waits for the writes in flight.

#include "api/streams/readable_stream.h"

namespace nano::api::streams {

// The pipe's promise; empty with an exception pending if V8 failed. Both streams must be
// unlocked (the callers check).
v8::Local<v8::Promise> readableStreamPipeTo(v8::Isolate* isolate, ReadableStream* source,
                                            WritableStream* dest,
                                            const StreamPipeOptions& options);

} // namespace nano::api::streams
