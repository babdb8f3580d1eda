#pragma once
// What a ReadableStream asks of its controller, a ReadableStreamDefaultController or a
// ReadableByteStreamController: the spec's [[CancelSteps]], [[PullSteps]] and [[ReleaseSteps]]
// (https://streams.spec.whatwg.org/#rs-abstract-ops-used-by-controllers).

#include "bind/wrappable.h"

#include <v8.h>

namespace nano::api::streams {

class ReadRequest;

class ReadableStreamController : public bind::Wrappable {
public:
    virtual bool isByteController() const = 0;
    virtual v8::Local<v8::Promise> cancelSteps(v8::Isolate* isolate,
                                               v8::Local<v8::Value> reason) = 0;
    // A read request of reader.read() is its promise (request null), else `request`.
    virtual void pullSteps(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                           ReadRequest* request) = 0;
    virtual void releaseSteps() = 0;
};

} // namespace nano::api::streams
