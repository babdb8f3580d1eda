#pragma once
// ReadableByteStreamController (https://streams.spec.whatwg.org/#rbs-controller-class) and
// ReadableStreamBYOBRequest (https://streams.spec.whatwg.org/#rs-byob-request-class).
//
// [Exposed=*] interface ReadableByteStreamController {
//   readonly attribute ReadableStreamBYOBRequest? byobRequest;
//   readonly attribute unrestricted double? desiredSize;
//   undefined close();
//   undefined enqueue(ArrayBufferView chunk);
//   undefined error(optional any e);
// };
// [Exposed=*] interface ReadableStreamBYOBRequest {
//   readonly attribute ArrayBufferView? view;
//   undefined respond([EnforceRange] unsigned long long bytesWritten);
//   undefined respondWithNewView(ArrayBufferView view);
// };
//
// The queue holds byte ranges of ArrayBuffers the controller took over (transferred) from the
// enqueued views; pending pull-into descriptors describe the buffers of BYOB reads (and of
// default reads when autoAllocateChunkSize is set) that the source fills in place.

#include "api/streams/readable_stream_controller.h"
#include "api/streams/underlying_source.h"
#include "api/streams/value_queue.h"
#include "bind/class_builder.h"

#include <deque>

namespace nano::api::streams {

class ReadableStream;
class ReadableByteStreamController;
class ReadIntoRequest;

class ReadableStreamBYOBRequest final : public bind::Wrappable {
    NANO_BIND_CLASS(ReadableStreamBYOBRequest)
public:
    ReadableStreamBYOBRequest() = default;
    static void define(bind::ClassBuilder<ReadableStreamBYOBRequest>& c);

    v8::Local<v8::Value> view(bind::CallContext& cx) const;
    void respond(bind::CallContext& cx, bind::EnforceRange<uint64_t> bytesWritten);
    void respondWithNewView(bind::CallContext& cx, v8::Local<v8::Value> view);

    // Internal slots (https://streams.spec.whatwg.org/#rs-byob-request-internal-slots).
    bind::Member<ReadableByteStreamController> m_controller{this};
    bind::Member<v8::Value> m_view{this};
};

class ReadableByteStreamController final : public ReadableStreamController {
    NANO_BIND_CLASS(ReadableByteStreamController)
public:
    static constexpr int kInlineReferences = 14; // all its Members: read per chunk

    // The constructor of a pull-into descriptor's view.
    enum class ViewType {
        DataView, Int8, Uint8, Uint8Clamped, Int16, Uint16, Int32, Uint32, Float32, Float64,
        BigInt64, BigUint64
    };
    enum class ReaderType { Default, Byob, None };
    // https://streams.spec.whatwg.org/#pull-into-descriptor (its buffer is kept apart, in
    // m_pullIntoBuffers).
    struct PullIntoDescriptor {
        size_t bufferByteLength;
        size_t byteOffset;
        size_t byteLength;
        size_t bytesFilled;
        size_t minimumFill;
        size_t elementSize;
        ViewType viewConstructor;
        ReaderType readerType;
    };
    // https://streams.spec.whatwg.org/#readable-byte-stream-queue-entry (buffer apart).
    struct QueueEntry {
        size_t byteOffset;
        size_t byteLength;
    };

    ReadableByteStreamController() = default;
    static void define(bind::ClassBuilder<ReadableByteStreamController>& c);

    // IDL members.
    ReadableStreamBYOBRequest* byobRequest(bind::CallContext& cx);
    bind::Nullable<bind::UnrestrictedDouble> desiredSize() const;
    void close(bind::CallContext& cx);
    void enqueue(bind::CallContext& cx, v8::Local<v8::Value> chunk);
    void error(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> e);

    bool isByteController() const override { return true; }
    // https://streams.spec.whatwg.org/#rbs-controller-private-cancel
    v8::Local<v8::Promise> cancelSteps(v8::Isolate* isolate, v8::Local<v8::Value> reason) override;
    // https://streams.spec.whatwg.org/#rbs-controller-private-pull
    void pullSteps(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                   ReadRequest* request) override;
    // https://streams.spec.whatwg.org/#abstract-opdef-readablebytestreamcontroller-releasesteps
    void releaseSteps() override;

    // Internal slots (https://streams.spec.whatwg.org/#rbs-controller-internal-slots).
    uint64_t m_autoAllocateChunkSize = 0; // 0: undefined
    bind::Member<ReadableStreamBYOBRequest> m_byobRequest{this};
    bool m_closeRequested = false;
    bool m_pullAgain = false;
    bool m_pulling = false;
    std::deque<PullIntoDescriptor> m_pendingPullIntos;
    ValueQueue m_pullIntoBuffers{this}; // the descriptors' buffers, in the same order
    std::deque<QueueEntry> m_queue;
    ValueQueue m_queueBuffers{this}; // the entries' buffers, in the same order
    double m_queueTotalSize = 0;
    bool m_started = false;
    double m_strategyHWM = 0;
    bind::Member<ReadableStream> m_stream{this};
    // [[pullAlgorithm]], [[cancelAlgorithm]]: a JS source's functions or C++ ones.
    bind::Member<v8::Object> m_underlyingSource{this};
    bind::Member<v8::Function> m_pullFunction{this};
    bind::Member<v8::Function> m_cancelFunction{this};
    bind::Member<v8::Object> m_algorithmsHolder{this};
    SourceAlgorithms* m_algorithms = nullptr;
    uint64_t m_chunksPassed = 0; // for the stream inspector
    uint64_t m_bytesPassed = 0;

    void onStartFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onStartRejected(v8::Isolate* isolate, v8::Local<v8::Value> r);
    void onPullFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onPullRejected(v8::Isolate* isolate, v8::Local<v8::Value> e);
    bind::Member<v8::Function> m_onPullFulfilled{this};
    bind::Member<v8::Function> m_onPullRejected{this};
};

// https://streams.spec.whatwg.org/#set-up-readable-byte-stream-controller-from-underlying-source
bool setUpReadableByteStreamControllerFromUnderlyingSource(bind::CallContext& cx,
                                                           ReadableStream* stream,
                                                           v8::Local<v8::Object> underlyingSource,
                                                           const UnderlyingSource& dict,
                                                           double highWaterMark);
// https://streams.spec.whatwg.org/#abstract-opdef-createreadablebytestream with C++ algorithms
// (start returns undefined, high-water mark 0). Null with an exception pending.
ReadableStream* createReadableByteStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                         SourceAlgorithms* algorithms);

// https://streams.spec.whatwg.org/#readable-byte-stream-controller-close: false with a
// TypeError pending (and the stream errored) when a partial element is pending.
bool readableByteStreamControllerClose(v8::Isolate* isolate, ReadableByteStreamController* c);
// https://streams.spec.whatwg.org/#readable-byte-stream-controller-enqueue: false with an
// exception pending.
bool readableByteStreamControllerEnqueue(v8::Isolate* isolate, ReadableByteStreamController* c,
                                         v8::Local<v8::ArrayBufferView> chunk);
// https://streams.spec.whatwg.org/#readable-byte-stream-controller-error
void readableByteStreamControllerError(v8::Isolate* isolate, ReadableByteStreamController* c,
                                       v8::Local<v8::Value> e);
// https://streams.spec.whatwg.org/#readable-byte-stream-controller-get-byob-request
ReadableStreamBYOBRequest* readableByteStreamControllerGetBYOBRequest(
    v8::Isolate* isolate, ReadableByteStreamController* c);
// https://streams.spec.whatwg.org/#readable-byte-stream-controller-pull-into (a request of
// reader.read(view) is its promise, request null).
void readableByteStreamControllerPullInto(v8::Isolate* isolate, ReadableByteStreamController* c,
                                          v8::Local<v8::ArrayBufferView> view, uint64_t min,
                                          v8::Local<v8::Promise> promise, ReadIntoRequest* request);
// https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond: false with an
// exception pending.
bool readableByteStreamControllerRespond(v8::Isolate* isolate, ReadableByteStreamController* c,
                                         uint64_t bytesWritten);
// https://streams.spec.whatwg.org/#readable-byte-stream-controller-respond-with-new-view
bool readableByteStreamControllerRespondWithNewView(v8::Isolate* isolate,
                                                    ReadableByteStreamController* c,
                                                    v8::Local<v8::ArrayBufferView> view);

// https://streams.spec.whatwg.org/#readable-stream-add-read-into-request
bool readableStreamAddReadIntoRequest(v8::Isolate* isolate, ReadableStream* stream,
                                      v8::Local<v8::Promise> promise, ReadIntoRequest* request);
// https://streams.spec.whatwg.org/#readable-stream-fulfill-read-into-request
void readableStreamFulfillReadIntoRequest(v8::Isolate* isolate, ReadableStream* stream,
                                          v8::Local<v8::Value> chunk, bool done);
// https://streams.spec.whatwg.org/#readable-stream-get-num-read-into-requests
size_t readableStreamGetNumReadIntoRequests(const ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-has-byob-reader
bool readableStreamHasBYOBReader(const ReadableStream* stream);
// https://streams.spec.whatwg.org/#readable-stream-has-default-reader
bool readableStreamHasDefaultReader(const ReadableStream* stream);

} // namespace nano::api::streams
