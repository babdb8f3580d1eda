#pragma once
// ReadableStreamGenericReader (https://streams.spec.whatwg.org/#readablestreamgenericreader):
// what the default and the BYOB reader share, and the generic reader operations.
//
// interface mixin ReadableStreamGenericReader {
//   readonly attribute Promise<undefined> closed;
//   Promise<undefined> cancel(optional any reason);
// };

#include "bind/member.h"

#include <v8.h>

namespace nano::api::streams {

class ReadableStream;

class ReadableStreamGenericReader : public bind::Wrappable {
public:
    virtual bool isBYOB() const = 0;

    // Internal slots.
    bind::Member<v8::Promise> m_closedPromise{this};
    bind::Member<ReadableStream> m_stream{this};
};

// https://streams.spec.whatwg.org/#readable-stream-reader-generic-initialize
void readableStreamReaderGenericInitialize(v8::Isolate* isolate,
                                           ReadableStreamGenericReader* reader,
                                           ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-reader-generic-release
void readableStreamReaderGenericRelease(v8::Isolate* isolate, ReadableStreamGenericReader* reader);
// https://streams.spec.whatwg.org/#readable-stream-reader-generic-cancel
v8::Local<v8::Promise> readableStreamReaderGenericCancel(v8::Isolate* isolate,
                                                         ReadableStreamGenericReader* reader,
                                                         v8::Local<v8::Value> reason);
// The TypeError a released reader's promises reject with.
v8::Local<v8::Value> readerReleasedError(v8::Isolate* isolate, const char* className);

} // namespace nano::api::streams
