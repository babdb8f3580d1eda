#pragma once
// ReadableStreamDefaultController
// (https://streams.spec.whatwg.org/#rs-default-controller-class).
//
// [Exposed=*] interface ReadableStreamDefaultController {
//   readonly attribute unrestricted double? desiredSize;
//   undefined close();
//   undefined enqueue(optional any chunk);
//   undefined error(optional any e);
// };
//
// The chunk queue lives here (queue-with-sizes); the stream asks for chunks through
// [[PullSteps]]. Its algorithms come from a JS underlying source (the dictionary's functions,
// called with the source object as `this`) or from C++ (SourceAlgorithms).

#include "api/streams/queue_with_sizes.h"
#include "api/streams/queuing_strategy.h"
#include "api/streams/readable_stream_controller.h"
#include "api/streams/underlying_source.h"
#include "bind/class_builder.h"

namespace nano::api::streams {

class ReadableStream;
class ReadRequest;

class ReadableStreamDefaultController final : public ReadableStreamController {
    NANO_BIND_CLASS(ReadableStreamDefaultController)
public:
    static constexpr int kInlineReferences = 11; // all its Members: read per chunk
    ReadableStreamDefaultController() = default;
    static void define(bind::ClassBuilder<ReadableStreamDefaultController>& c);

    // IDL members.
    bind::Nullable<bind::UnrestrictedDouble> desiredSize() const;
    void close(bind::CallContext& cx);
    void enqueue(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> chunk);
    void error(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> e);

    // https://streams.spec.whatwg.org/#rs-default-controller-private-cancel
    v8::Local<v8::Promise> cancelSteps(v8::Isolate* isolate, v8::Local<v8::Value> reason) override;
    // https://streams.spec.whatwg.org/#rs-default-controller-private-pull; a read request of
    // reader.read() is its promise (request null), else `request`.
    void pullSteps(v8::Isolate* isolate, v8::Local<v8::Promise> promise,
                   ReadRequest* request) override;
    // https://streams.spec.whatwg.org/#abstract-opdef-readablestreamdefaultcontroller-releasesteps
    void releaseSteps() override {}
    bool isByteController() const override { return false; }

    // Internal slots (https://streams.spec.whatwg.org/#rs-default-controller-internal-slots).
    bind::Member<ReadableStream> m_stream{this};
    QueueWithSizes m_queue{this};
    bool m_started = false;
    bool m_closeRequested = false;
    bool m_pullAgain = false;
    bool m_pulling = false;
    double m_strategyHWM = 1;
    SizeAlgorithm m_strategySizeAlgorithm{this};
    // [[pullAlgorithm]] and [[cancelAlgorithm]]: a JS source's functions (with the source as
    // `this`), or C++ algorithms held through their wrapper.
    bind::Member<v8::Object> m_underlyingSource{this};
    bind::Member<v8::Function> m_pullFunction{this};
    bind::Member<v8::Function> m_cancelFunction{this};
    bind::Member<v8::Object> m_algorithmsHolder{this};
    SourceAlgorithms* m_algorithms = nullptr;

    // Reaction functions made once per controller (promises.h).
    bind::Member<v8::Function> m_onPullFulfilled{this};
    bind::Member<v8::Function> m_onPullRejected{this};
    void onPullFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onPullRejected(v8::Isolate* isolate, v8::Local<v8::Value> e);
    void onStartFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onStartRejected(v8::Isolate* isolate, v8::Local<v8::Value> r);

    // Counts a chunk read, for the stream inspector.
    void countChunk(v8::Local<v8::Value> chunk)
    {
        ++m_chunksPassed;
        if (chunk->IsArrayBufferView()) m_bytesPassed += chunk.As<v8::ArrayBufferView>()->ByteLength();
    }
    // Counters for the stream inspector.
    uint64_t m_chunksPassed = 0;
    uint64_t m_bytesPassed = 0;
};

// https://streams.spec.whatwg.org/#set-up-readable-stream-default-controller-from-underlying-source
bool setUpReadableStreamDefaultControllerFromUnderlyingSource(
    bind::CallContext& cx, ReadableStream* stream, v8::Local<v8::Object> underlyingSource,
    const UnderlyingSource& dict, double highWaterMark, const QueuingStrategy& strategy);
// https://streams.spec.whatwg.org/#set-up-readable-stream-default-controller with C++
// algorithms and a start algorithm that returns undefined. False with an exception pending.
bool setUpReadableStreamDefaultController(v8::Isolate* isolate, ReadableStream* stream,
                                          ReadableStreamDefaultController* controller,
                                          bind::Wrappable* algorithmsHolder,
                                          SourceAlgorithms* algorithms, double highWaterMark,
                                          v8::Local<v8::Function> sizeFunction,
                                          v8::Local<v8::Promise> startPromise = {});

// https://streams.spec.whatwg.org/#readable-stream-default-controller-call-pull-if-needed
void readableStreamDefaultControllerCallPullIfNeeded(v8::Isolate* isolate,
                                                     ReadableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#readable-stream-default-controller-should-call-pull
bool readableStreamDefaultControllerShouldCallPull(ReadableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#readable-stream-default-controller-clear-algorithms
void readableStreamDefaultControllerClearAlgorithms(ReadableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#readable-stream-default-controller-close
void readableStreamDefaultControllerClose(v8::Isolate* isolate,
                                          ReadableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#readable-stream-default-controller-enqueue: false with the
// size algorithm's exception (or a RangeError) pending, the stream errored with it.
bool readableStreamDefaultControllerEnqueue(v8::Isolate* isolate,
                                            ReadableStreamDefaultController* controller,
                                            v8::Local<v8::Value> chunk);
// https://streams.spec.whatwg.org/#readable-stream-default-controller-error
void readableStreamDefaultControllerError(v8::Isolate* isolate,
                                          ReadableStreamDefaultController* controller,
                                          v8::Local<v8::Value> e);
// https://streams.spec.whatwg.org/#readable-stream-default-controller-get-desired-size
std::optional<double> readableStreamDefaultControllerGetDesiredSize(
    const ReadableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#rs-default-controller-has-backpressure
bool readableStreamDefaultControllerHasBackpressure(ReadableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#readable-stream-default-controller-can-close-or-enqueue
bool readableStreamDefaultControllerCanCloseOrEnqueue(
    const ReadableStreamDefaultController* controller);

} // namespace nano::api::streams
