#pragma once
// Underlying sinks (https://streams.spec.whatwg.org/#underlying-sink-api).
//
// dictionary UnderlyingSink {
//   UnderlyingSinkStartCallback start;
//   UnderlyingSinkWriteCallback write;
//   UnderlyingSinkCloseCallback close;
//   UnderlyingSinkAbortCallback abort;
//   any type;
// };
//
// A C++ consumer (a TransformStream's writable side, later fetch uploads and compression)
// provides the controller's algorithms through SinkAlgorithms.

#include "bind/convert.h"

#include <v8.h>

namespace nano::api::streams {

class WritableStreamDefaultController;

struct UnderlyingSink {
    v8::Local<v8::Function> abort;
    v8::Local<v8::Function> close;
    v8::Local<v8::Function> start;
    v8::Local<v8::Value> type; // undefined unless given
    v8::Local<v8::Function> write;
};

// [[writeAlgorithm]], [[closeAlgorithm]] and [[abortAlgorithm]] of a controller set up by C++.
// The implementing object is a Wrappable: the controller holds its wrapper.
class SinkAlgorithms {
public:
    virtual v8::Local<v8::Promise> writeAlgorithm(v8::Isolate* isolate,
                                                  WritableStreamDefaultController* controller,
                                                  v8::Local<v8::Value> chunk) = 0;
    virtual v8::Local<v8::Promise> closeAlgorithm(v8::Isolate* isolate,
                                                  WritableStreamDefaultController* controller) = 0;
    virtual v8::Local<v8::Promise> abortAlgorithm(v8::Isolate* isolate,
                                                  WritableStreamDefaultController* controller,
                                                  v8::Local<v8::Value> reason) = 0;

protected:
    ~SinkAlgorithms() = default;
};

} // namespace nano::api::streams

namespace nano::bind {
template <> struct DictionaryTraits<api::streams::UnderlyingSink> {
    static constexpr const char* name = "UnderlyingSink";
    static bool read(DictionaryReader& d, api::streams::UnderlyingSink& out)
    {
        return d.get("abort", out.abort) && d.get("close", out.close) &&
               d.get("start", out.start) && d.raw("type", out.type) && d.get("write", out.write);
    }
};
} // namespace nano::bind
