#pragma once
// ReadableStream (https://streams.spec.whatwg.org/#rs-class).
//
// [Exposed=*, Transferable] interface ReadableStream {
//   constructor(optional object underlyingSource, optional QueuingStrategy strategy = {});
//   static ReadableStream from(any asyncIterable);
//   readonly attribute boolean locked;
//   Promise<undefined> cancel(optional any reason);
//   ReadableStreamReader getReader(optional ReadableStreamGetReaderOptions options = {});
//   ReadableStream pipeThrough(ReadableWritablePair transform,
//                              optional StreamPipeOptions options = {});
//   Promise<undefined> pipeTo(WritableStream destination,
//                             optional StreamPipeOptions options = {});
//   sequence<ReadableStream> tee();
//   async iterable<any>(optional ReadableStreamIteratorOptions options = {});
// };
// dictionary ReadableStreamGetReaderOptions { ReadableStreamReaderMode mode; };
// enum ReadableStreamReaderMode { "byob" };
// dictionary ReadableStreamIteratorOptions { boolean preventCancel = false; };
// dictionary ReadableWritablePair {
//   required ReadableStream readable;
//   required WritableStream writable;
// };
// dictionary StreamPipeOptions {
//   boolean preventClose = false;
//   boolean preventAbort = false;
//   boolean preventCancel = false;
//   AbortSignal signal;
// };

#include "api/streams/queuing_strategy.h"
#include "api/streams/read_request.h"
#include "api/streams/stream_inspection.h"
#include "api/streams/underlying_source.h"
#include "bind/async_iterable.h"
#include "bind/class_builder.h"

#include <memory>

namespace nano::api {
class AbortSignal;
}

namespace nano::api::streams {

class ReadableStreamController;
class ReadableStreamDefaultController;
class ReadableStreamDefaultReader;
class ReadableStreamGenericReader;
class ReadRequest;
class ReadableStream;
class WritableStream;

enum class ReadableStreamReaderMode { Byob };

struct ReadableStreamGetReaderOptions {
    std::optional<ReadableStreamReaderMode> mode;
};

struct ReadableWritablePair {
    ReadableStream* readable = nullptr;
    WritableStream* writable = nullptr;
};

struct StreamPipeOptions {
    bool preventAbort = false;
    bool preventCancel = false;
    bool preventClose = false;
    AbortSignal* signal = nullptr;
};

class ReadableStream final : public bind::Wrappable {
    NANO_BIND_CLASS(ReadableStream)
public:
    static constexpr int kInlineReferences = 3; // all its Members: read per chunk
    enum class State { Readable, Closed, Errored };

    ReadableStream() = default;
    static void define(bind::ClassBuilder<ReadableStream>& c);

    // https://streams.spec.whatwg.org/#rs-constructor (the steps that need the wrapper run in
    // constructed()).
    static std::unique_ptr<ReadableStream> construct(bind::CallContext& cx,
                                                     std::optional<v8::Local<v8::Object>> source,
                                                     QueuingStrategy strategy);
    void constructed(bind::CallContext& cx);

    // IDL members.
    static v8::Local<v8::Value> from(bind::CallContext& cx, v8::Local<v8::Value> asyncIterable);
    bool locked() const;
    v8::Local<v8::Promise> cancel(bind::CallContext& cx,
                                  std::optional<v8::Local<v8::Value>> reason);
    v8::Local<v8::Value> getReader(bind::CallContext& cx, ReadableStreamGetReaderOptions options);
    v8::Local<v8::Value> pipeThrough(bind::CallContext& cx, ReadableWritablePair transform,
                                     StreamPipeOptions options);
    v8::Local<v8::Promise> pipeTo(bind::CallContext& cx, WritableStream* destination,
                                  StreamPipeOptions options);
    std::vector<ReadableStream*> tee(bind::CallContext& cx);

    // async iterable<any> (bind/async_iterable.h).
    static const char* asyncIteratorName() { return "ReadableStream AsyncIterator"; }
    struct AsyncIterationState {
        explicit AsyncIterationState(bind::Wrappable* iterator)
            : request(iterator)
        {}
        bind::Member<ReadRequest> request; // the iterator's read request (and its reader)
    };
    bool asyncIteratorInit(bind::CallContext& cx, AsyncIterationState& state);
    v8::Local<v8::Promise> nextIterationResult(v8::Isolate* isolate, AsyncIterationState& state);
    v8::Local<v8::Promise> asyncIteratorReturn(v8::Isolate* isolate, AsyncIterationState& state,
                                               v8::Local<v8::Value> value);


    // The controller of a stream that is not a byte stream (the spec's assertion).
    ReadableStreamDefaultController* defaultController() const;
    // The reader if it is a default reader, else null.
    ReadableStreamDefaultReader* defaultReader() const;

    // console.log shows the state too.
    void inspectMore(v8::Isolate* isolate, Inspected& out) override;

    // Registers with the run's stream inspector (once set up; `label` says who made it).
    void registerWithInspector(v8::Isolate* isolate, QString label);
    StreamInspection m_inspection;

    // Internal slots (https://streams.spec.whatwg.org/#rs-internal-slots).
    bind::Member<ReadableStreamController> m_controller{this};
    bool m_disturbed = false;
    bind::Member<ReadableStreamGenericReader> m_reader{this};
    State m_state = State::Readable;
    bind::Member<v8::Value> m_storedError{this};

private:
    // The converted constructor arguments, between construct() and constructed() (one call).
    struct PendingSetup {
        v8::Local<v8::Object> source;
        UnderlyingSource dict;
        QueuingStrategy strategy;
        double highWaterMark;
    };
    std::unique_ptr<PendingSetup> m_pendingSetup;
};

// https://streams.spec.whatwg.org/#create-readable-stream with C++ algorithms (the start
// algorithm returns `startPromise`, or undefined). Null with an exception pending if V8 failed.
ReadableStream* createReadableStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                     SourceAlgorithms* algorithms, double highWaterMark = 1,
                                     v8::Local<v8::Function> sizeFunction = {},
                                     v8::Local<v8::Promise> startPromise = {});

// https://streams.spec.whatwg.org/#is-readable-stream-locked
bool isReadableStreamLocked(const ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-cancel
v8::Local<v8::Promise> readableStreamCancel(v8::Isolate* isolate, ReadableStream* stream,
                                            v8::Local<v8::Value> reason);
// https://streams.spec.whatwg.org/#readable-stream-close
void readableStreamClose(v8::Isolate* isolate, ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-error
void readableStreamError(v8::Isolate* isolate, ReadableStream* stream, v8::Local<v8::Value> e);
// https://streams.spec.whatwg.org/#readable-stream-fulfill-read-request
void readableStreamFulfillReadRequest(v8::Isolate* isolate, ReadableStream* stream,
                                      v8::Local<v8::Value> chunk, bool done);
// https://streams.spec.whatwg.org/#readable-stream-get-num-read-requests
size_t readableStreamGetNumReadRequests(const ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-add-read-request
bool readableStreamAddReadRequest(v8::Isolate* isolate, ReadableStream* stream,
                                  v8::Local<v8::Promise> promise, ReadRequest* request);

void installReadableStream(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::streams

namespace nano::bind {
template <> struct EnumTraits<api::streams::ReadableStreamReaderMode> {
    static constexpr const char* name = "ReadableStreamReaderMode";
    static constexpr std::pair<const char*, api::streams::ReadableStreamReaderMode> values[] = {
        {"byob", api::streams::ReadableStreamReaderMode::Byob}};
};
template <> struct DictionaryTraits<api::streams::ReadableStreamGetReaderOptions> {
    static constexpr const char* name = "ReadableStreamGetReaderOptions";
    static bool read(DictionaryReader& d, api::streams::ReadableStreamGetReaderOptions& out)
    {
        return d.get("mode", out.mode);
    }
};
template <> struct DictionaryTraits<api::streams::ReadableWritablePair> {
    static constexpr const char* name = "ReadableWritablePair";
    static bool read(DictionaryReader& d, api::streams::ReadableWritablePair& out);
};
template <> struct DictionaryTraits<api::streams::StreamPipeOptions> {
    static constexpr const char* name = "StreamPipeOptions";
    static bool read(DictionaryReader& d, api::streams::StreamPipeOptions& out);
};
} // namespace nano::bind
