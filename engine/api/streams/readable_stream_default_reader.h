#pragma once
// ReadableStreamDefaultReader (https://streams.spec.whatwg.org/#default-reader-class).
//
// interface mixin ReadableStreamGenericReader {
//   readonly attribute Promise<undefined> closed;
//   Promise<undefined> cancel(optional any reason);
// };
// [Exposed=*] interface ReadableStreamDefaultReader {
//   constructor(ReadableStream stream);
//   Promise<ReadableStreamReadResult> read();
//   undefined releaseLock();
// };
// ReadableStreamDefaultReader includes ReadableStreamGenericReader;
// dictionary ReadableStreamReadResult { any value; boolean done; };

#include "api/streams/read_request.h"
#include "api/streams/readable_stream_generic_reader.h"
#include "bind/class_builder.h"

namespace nano::api::streams {

class ReadableStream;

class ReadableStreamDefaultReader final : public ReadableStreamGenericReader {
    NANO_BIND_CLASS(ReadableStreamDefaultReader)
public:
    static constexpr int kInlineReferences = 5; // all its Members: read per chunk
    ReadableStreamDefaultReader() = default;
    static void define(bind::ClassBuilder<ReadableStreamDefaultReader>& c);

    // https://streams.spec.whatwg.org/#default-reader-constructor
    static std::unique_ptr<ReadableStreamDefaultReader> construct(bind::CallContext& cx,
                                                                  ReadableStream* stream);
    void constructed(bind::CallContext& cx);

    // IDL members.
    v8::Local<v8::Promise> closed(bind::CallContext& cx) const;
    v8::Local<v8::Promise> cancel(bind::CallContext& cx,
                                  std::optional<v8::Local<v8::Value>> reason);
    v8::Local<v8::Promise> read(bind::CallContext& cx);
    void releaseLock(bind::CallContext& cx);

    bool isBYOB() const override { return false; }

    // Internal slots (https://streams.spec.whatwg.org/#default-reader-internal-slots) besides
    // the generic reader's.
    ReadRequestList m_readRequests{this};

private:
    ReadableStream* m_constructingFor = nullptr; // between construct() and constructed()
};

// https://streams.spec.whatwg.org/#acquire-readable-stream-reader: null with a TypeError
// pending if the stream is locked.
ReadableStreamDefaultReader* acquireReadableStreamDefaultReader(v8::Isolate* isolate,
                                                                ReadableStream* stream);
// https://streams.spec.whatwg.org/#set-up-readable-stream-default-reader
bool setUpReadableStreamDefaultReader(v8::Isolate* isolate, ReadableStreamDefaultReader* reader,
                                      ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-default-reader-read; a request of
// reader.read() is its promise (request null), else `request`.
void readableStreamDefaultReaderRead(v8::Isolate* isolate, ReadableStreamDefaultReader* reader,
                                     v8::Local<v8::Promise> promise, ReadRequest* request);
// https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultreaderrelease
void readableStreamDefaultReaderRelease(v8::Isolate* isolate,
                                        ReadableStreamDefaultReader* reader);
// https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultreadererrorreadrequests
void readableStreamDefaultReaderErrorReadRequests(v8::Isolate* isolate,
                                                  ReadableStreamDefaultReader* reader,
                                                  v8::Local<v8::Value> e);

} // namespace nano::api::streams
