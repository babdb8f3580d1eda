#pragma once
// ReadableStreamBYOBReader (https://streams.spec.whatwg.org/#byob-reader-class).
//
// [Exposed=*] interface ReadableStreamBYOBReader {
//   constructor(ReadableStream stream);
//   Promise<ReadableStreamReadResult> read(ArrayBufferView view,
//                                          optional ReadableStreamBYOBReaderReadOptions options = {});
//   undefined releaseLock();
// };
// ReadableStreamBYOBReader includes ReadableStreamGenericReader;
// dictionary ReadableStreamBYOBReaderReadOptions { [EnforceRange] unsigned long long min = 1; };

#include "api/streams/readable_stream_generic_reader.h"
#include "api/streams/value_queue.h"
#include "bind/class_builder.h"

#include <deque>

namespace nano::api::streams {

// A read-into request (https://streams.spec.whatwg.org/#read-into-request) made by C++ (a byte
// tee); reader.read(view) uses its promise.
class ReadIntoRequest : public bind::Wrappable {
public:
    virtual void chunkSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) = 0;
    virtual void closeSteps(v8::Isolate* isolate, v8::Local<v8::Value> chunk) = 0;
    virtual void errorSteps(v8::Isolate* isolate, v8::Local<v8::Value> e) = 0;
};

// [[readIntoRequests]]: promises of reader.read(view) and C++ requests, in order.
class ReadIntoRequestList {
public:
    explicit ReadIntoRequestList(bind::Wrappable* holder)
        : m_values(holder)
    {}
    bool isEmpty() const { return m_native.empty(); }
    size_t size() const { return m_native.size(); }
    bool append(v8::Isolate* isolate, v8::Local<v8::Promise> promise, ReadIntoRequest* request);
    enum class Steps { Chunk, Close, Error };
    // Removes the first request and runs its chunk, close or error steps with `value`.
    void takeFirstAndRun(v8::Isolate* isolate, Steps steps, v8::Local<v8::Value> value);

private:
    ValueQueue m_values;
    std::deque<ReadIntoRequest*> m_native;
};

class ReadableStreamBYOBReader final : public ReadableStreamGenericReader {
    NANO_BIND_CLASS(ReadableStreamBYOBReader)
public:
    static constexpr int kInlineReferences = 5; // all its Members

    struct ReadOptions {
        bind::EnforceRange<uint64_t> min{1};
    };

    ReadableStreamBYOBReader() = default;
    static void define(bind::ClassBuilder<ReadableStreamBYOBReader>& c);
    bool isBYOB() const override { return true; }

    // https://streams.spec.whatwg.org/#byob-reader-constructor
    static std::unique_ptr<ReadableStreamBYOBReader> construct(bind::CallContext& cx,
                                                               ReadableStream* stream);
    void constructed(bind::CallContext& cx);

    // IDL members.
    v8::Local<v8::Promise> closed(bind::CallContext& cx) const;
    v8::Local<v8::Promise> cancel(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> reason);
    v8::Local<v8::Promise> read(bind::CallContext& cx, v8::Local<v8::Value> view,
                                ReadOptions options);
    void releaseLock(bind::CallContext& cx);

    // Internal slots besides the generic reader's.
    ReadIntoRequestList m_readIntoRequests{this};

private:
    ReadableStream* m_constructingFor = nullptr;
};

// https://streams.spec.whatwg.org/#acquire-readable-stream-byob-reader: null with a TypeError
// pending.
ReadableStreamBYOBReader* acquireReadableStreamBYOBReader(v8::Isolate* isolate,
                                                          ReadableStream* stream);
// https://streams.spec.whatwg.org/#set-up-readable-stream-byob-reader
bool setUpReadableStreamBYOBReader(v8::Isolate* isolate, ReadableStreamBYOBReader* reader,
                                   ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-byob-reader-read (a request of
// reader.read(view) is its promise, request null).
void readableStreamBYOBReaderRead(v8::Isolate* isolate, ReadableStreamBYOBReader* reader,
                                  v8::Local<v8::ArrayBufferView> view, uint64_t min,
                                  v8::Local<v8::Promise> promise, ReadIntoRequest* request);
// https://streams.spec.whatwg.org/#abstract-opdef-readablestreambyobreaderrelease
void readableStreamBYOBReaderRelease(v8::Isolate* isolate, ReadableStreamBYOBReader* reader);
// https://streams.spec.whatwg.org/#abstract-opdef-readablestreambyobreadererrorreadintorequests
void readableStreamBYOBReaderErrorReadIntoRequests(v8::Isolate* isolate,
                                                   ReadableStreamBYOBReader* reader,
                                                   v8::Local<v8::Value> e);
// Step 6 of https://streams.spec.whatwg.org/#readable-stream-cancel: close steps with
// undefined for every pending read-into request.
void readableStreamBYOBReaderCloseReadIntoRequests(v8::Isolate* isolate,
                                                   ReadableStreamBYOBReader* reader);

} // namespace nano::api::streams

namespace nano::bind {
template <> struct DictionaryTraits<api::streams::ReadableStreamBYOBReader::ReadOptions> {
    static constexpr const char* name = "ReadableStreamBYOBReaderReadOptions";
    static bool read(DictionaryReader& d, api::streams::ReadableStreamBYOBReader::ReadOptions& out)
    {
        return d.get("min", out.min);
    }
};
} // namespace nano::bind
