#pragma once
// ReadableStreamFromIterable (https://streams.spec.whatwg.org/#readable-stream-from-iterable):
// ReadableStream.from() over an async iterable, or a sync iterable through the spec's
// async-from-sync iterator steps.

#include "bind/errors.h"

#include <v8.h>

namespace nano::api::streams {

class ReadableStream;

// Null with an exception pending (not iterable, or the iterator method threw).
ReadableStream* readableStreamFromIterable(bind::CallContext& cx,
                                           v8::Local<v8::Value> asyncIterable);

} // namespace nano::api::streams
