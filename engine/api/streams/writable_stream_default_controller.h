#pragma once
// WritableStreamDefaultController
// (https://streams.spec.whatwg.org/#ws-default-controller-class).
//
// [Exposed=*] interface WritableStreamDefaultController {
//   readonly attribute AbortSignal signal;
//   undefined error(optional any e);
// };
//
// Queues the chunks written and the close sentinel, and hands them to the sink one at a time:
// the next write starts when the sink's promise for the previous one fulfilled.

#include "api/streams/queue_with_sizes.h"
#include "api/streams/queuing_strategy.h"
#include "api/streams/underlying_sink.h"
#include "bind/class_builder.h"

namespace nano::api {
class AbortSignal;
}

namespace nano::api::streams {

class WritableStream;

class WritableStreamDefaultController final : public bind::Wrappable {
    NANO_BIND_CLASS(WritableStreamDefaultController)
public:
    static constexpr int kInlineReferences = 14; // all its Members: read per chunk
    WritableStreamDefaultController() = default;
    static void define(bind::ClassBuilder<WritableStreamDefaultController>& c);

    // IDL members.
    AbortSignal* signal(bind::CallContext& cx);
    void error(bind::CallContext& cx, std::optional<v8::Local<v8::Value>> e);

    // https://streams.spec.whatwg.org/#ws-default-controller-private-abort
    v8::Local<v8::Promise> abortSteps(v8::Isolate* isolate, v8::Local<v8::Value> reason);
    // https://streams.spec.whatwg.org/#ws-default-controller-private-error
    void errorSteps() { m_queue.resetQueue(); }
    // Signal abort on [[abortController]] (its signal is made when first read).
    void signalAbort(v8::Isolate* isolate, v8::Local<v8::Value> reason);

    // Internal slots (https://streams.spec.whatwg.org/#ws-default-controller-internal-slots).
    bind::Member<AbortSignal> m_signal{this};
    bool m_aborted = false;
    bind::Member<v8::Value> m_abortReason{this};
    QueueWithSizes m_queue{this};
    bool m_started = false;
    double m_strategyHWM = 1;
    SizeAlgorithm m_strategySizeAlgorithm{this};
    bind::Member<WritableStream> m_stream{this};
    // The sink's algorithms: a JS sink's functions (with the sink as `this`) or C++ ones.
    bind::Member<v8::Object> m_underlyingSink{this};
    bind::Member<v8::Function> m_writeFunction{this};
    bind::Member<v8::Function> m_closeFunction{this};
    bind::Member<v8::Function> m_abortFunction{this};
    bind::Member<v8::Object> m_algorithmsHolder{this};
    SinkAlgorithms* m_algorithms = nullptr;

    // Reactions, made once per controller.
    bind::Member<v8::Function> m_onWriteFulfilled{this};
    bind::Member<v8::Function> m_onWriteRejected{this};
    void onStartFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onStartRejected(v8::Isolate* isolate, v8::Local<v8::Value> r);
    void onWriteFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onWriteRejected(v8::Isolate* isolate, v8::Local<v8::Value> reason);
    void onCloseFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>);
    void onCloseRejected(v8::Isolate* isolate, v8::Local<v8::Value> reason);

    uint64_t m_chunksPassed = 0;
    uint64_t m_bytesPassed = 0; // for the stream inspector
    uint64_t m_inFlightBytes = 0;
};

// https://streams.spec.whatwg.org/#set-up-writable-stream-default-controller-from-underlying-sink
bool setUpWritableStreamDefaultControllerFromUnderlyingSink(
    bind::CallContext& cx, WritableStream* stream, v8::Local<v8::Object> underlyingSink,
    const UnderlyingSink& dict, double highWaterMark, const QueuingStrategy& strategy);
// https://streams.spec.whatwg.org/#set-up-writable-stream-default-controller with C++
// algorithms (start returns undefined).
bool setUpWritableStreamDefaultController(v8::Isolate* isolate, WritableStream* stream,
                                          WritableStreamDefaultController* controller,
                                          bind::Wrappable* algorithmsHolder,
                                          SinkAlgorithms* algorithms, double highWaterMark,
                                          v8::Local<v8::Function> sizeFunction,
                                          v8::Local<v8::Promise> startPromise = {});

// https://streams.spec.whatwg.org/#writable-stream-default-controller-advance-queue-if-needed
void writableStreamDefaultControllerAdvanceQueueIfNeeded(
    v8::Isolate* isolate, WritableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-clear-algorithms
void writableStreamDefaultControllerClearAlgorithms(WritableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-close
void writableStreamDefaultControllerClose(v8::Isolate* isolate,
                                          WritableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-error
void writableStreamDefaultControllerError(v8::Isolate* isolate,
                                          WritableStreamDefaultController* controller,
                                          v8::Local<v8::Value> error);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-error-if-needed
void writableStreamDefaultControllerErrorIfNeeded(v8::Isolate* isolate,
                                                  WritableStreamDefaultController* controller,
                                                  v8::Local<v8::Value> error);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-get-backpressure
bool writableStreamDefaultControllerGetBackpressure(
    const WritableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-get-chunk-size; 1 when
// the size algorithm threw (the stream is errored then). Empty only when terminating.
std::optional<double> writableStreamDefaultControllerGetChunkSize(
    v8::Isolate* isolate, WritableStreamDefaultController* controller, v8::Local<v8::Value> chunk);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-get-desired-size
double writableStreamDefaultControllerGetDesiredSize(
    const WritableStreamDefaultController* controller);
// https://streams.spec.whatwg.org/#writable-stream-default-controller-write
void writableStreamDefaultControllerWrite(v8::Isolate* isolate,
                                          WritableStreamDefaultController* controller,
                                          v8::Local<v8::Value> chunk, double chunkSize);

} // namespace nano::api::streams
