#include "api/streams/writable_stream_default_controller.h"

#include "api/events/abort_signal.h"
#include "api/streams/promises.h"
#include "api/streams/writable_stream.h"

namespace nano::api::streams {

// https://streams.spec.whatwg.org/#ws-default-controller-signal
AbortSignal* WritableStreamDefaultController::signal(bind::CallContext& cx)
{
    // [[abortController]] is made when script first asks: most streams are never aborted.
    if (!m_signal) {
        v8::Isolate* isolate = cx.isolate();
        AbortSignal* signal = AbortSignal::create(isolate);
        if (!signal) {
            cx.setFailed();
            return nullptr;
        }
        m_signal.set(signal);
        if (m_aborted) signal->signalAbort(isolate, m_abortReason.get(isolate));
    }
    return m_signal.get();
}

void WritableStreamDefaultController::signalAbort(v8::Isolate* isolate, v8::Local<v8::Value> reason)
{
    if (m_aborted) return;
    m_aborted = true;
    // https://dom.spec.whatwg.org/#abortsignal-signal-abort: no reason is a new AbortError.
    if (reason->IsUndefined())
        reason = bind::newDOMException(isolate, "AbortError", "The stream was aborted.");
    m_abortReason.set(reason);
    if (AbortSignal* signal = m_signal.get()) signal->signalAbort(isolate, reason);
}

// https://streams.spec.whatwg.org/#ws-default-controller-error
void WritableStreamDefaultController::error(bind::CallContext& cx,
                                            std::optional<v8::Local<v8::Value>> e)
{
    v8::Isolate* isolate = cx.isolate();
    if (m_stream->m_state != WritableStream::State::Writable) return;
    writableStreamDefaultControllerError(isolate, this, valueOrUndefined(isolate, e));
}

// https://streams.spec.whatwg.org/#ws-default-controller-private-abort
v8::Local<v8::Promise> WritableStreamDefaultController::abortSteps(v8::Isolate* isolate,
                                                                   v8::Local<v8::Value> reason)
{
    v8::Local<v8::Promise> result;
    if (m_algorithms) {
        result = runNativeAlgorithm(
            isolate, "abort", [&] { return m_algorithms->abortAlgorithm(isolate, this, reason); });
    } else if (v8::Local<v8::Function> abort = m_abortFunction.get(isolate); !abort.IsEmpty()) {
        if (!bind::CallbackFunction{abort}
                 .invokeForPromise(isolate, m_underlyingSink.get(isolate), {reason})
                 .ToLocal(&result))
            return {};
    } else {
        result = promiseResolvedWithUndefined(isolate->GetCurrentContext());
    }
    writableStreamDefaultControllerClearAlgorithms(this);
    return result;
}

void WritableStreamDefaultController::define(bind::ClassBuilder<WritableStreamDefaultController>& c)
{
    c.readonlyAttribute<&WritableStreamDefaultController::signal>("signal")
        .method<&WritableStreamDefaultController::error>("error");
}

// Step 17 of https://streams.spec.whatwg.org/#set-up-writable-stream-default-controller
void WritableStreamDefaultController::onStartFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    m_started = true;
    writableStreamDefaultControllerAdvanceQueueIfNeeded(isolate, this);
}

// Step 18.
void WritableStreamDefaultController::onStartRejected(v8::Isolate* isolate, v8::Local<v8::Value> r)
{
    m_started = true;
    writableStreamDealWithRejection(isolate, m_stream.get(), r);
}

namespace {
void initializeController(v8::Isolate* isolate, WritableStream* stream,
                          WritableStreamDefaultController* controller, double highWaterMark,
                          v8::Local<v8::Function> sizeFunction)
{
    // Steps 3-9.
    controller->m_stream.set(stream);
    stream->m_controller.set(controller);
    controller->m_queue.resetQueue();
    controller->m_started = false;
    QueuingStrategy strategy;
    strategy.size = sizeFunction;
    controller->m_strategySizeAlgorithm.extract(strategy);
    controller->m_strategyHWM = highWaterMark;
    // Steps 13-14.
    writableStreamUpdateBackpressure(isolate, stream,
                                     writableStreamDefaultControllerGetBackpressure(controller));
}

// Steps 16-18, once the start algorithm returned `startResult`.
void startController(v8::Isolate* isolate, WritableStreamDefaultController* controller,
                     v8::Local<v8::Value> startResult)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Promise> startPromise;
    if (startResult->IsUndefined())
        startPromise = promiseResolvedWithUndefined(context);
    else if (!promiseFromValue(context, startResult).ToLocal(&startPromise))
        return;
    uponPromise(
        context, startPromise,
        reactionOnce<&WritableStreamDefaultController::onStartFulfilled>(context, controller),
        reactionOnce<&WritableStreamDefaultController::onStartRejected>(context, controller));
}

v8::Local<v8::Promise> runCloseAlgorithm(v8::Isolate* isolate, WritableStreamDefaultController* c)
{
    if (c->m_algorithms)
        return runNativeAlgorithm(isolate, "close",
                                  [&] { return c->m_algorithms->closeAlgorithm(isolate, c); });
    v8::Local<v8::Function> close = c->m_closeFunction.get(isolate);
    if (close.IsEmpty()) return promiseResolvedWithUndefined(isolate->GetCurrentContext());
    v8::Local<v8::Promise> promise;
    if (!bind::CallbackFunction{close}
             .invokeForPromise(isolate, c->m_underlyingSink.get(isolate), {})
             .ToLocal(&promise))
        return {};
    return promise;
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-process-close
void writableStreamDefaultControllerProcessClose(v8::Isolate* isolate,
                                                 WritableStreamDefaultController* controller)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    writableStreamMarkCloseRequestInFlight(controller->m_stream.get());
    controller->m_queue.dequeueValue(isolate);
    v8::Local<v8::Promise> sinkClosePromise = runCloseAlgorithm(isolate, controller);
    writableStreamDefaultControllerClearAlgorithms(controller);
    if (sinkClosePromise.IsEmpty()) return;
    uponPromise(
        context, sinkClosePromise,
        reactionOnce<&WritableStreamDefaultController::onCloseFulfilled>(context, controller),
        reactionOnce<&WritableStreamDefaultController::onCloseRejected>(context, controller));
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-process-write
void writableStreamDefaultControllerProcessWrite(v8::Isolate* isolate,
                                                 WritableStreamDefaultController* controller,
                                                 v8::Local<v8::Value> chunk)
{
    using Controller = WritableStreamDefaultController;
    writableStreamMarkFirstWriteRequestInFlight(isolate, controller->m_stream.get());
    controller->m_inFlightBytes =
        chunk->IsArrayBufferView() ? chunk.As<v8::ArrayBufferView>()->ByteLength() : 0;
    // Steps 3-5: the write algorithm, and the reactions to its promise.
    if (controller->m_algorithms) {
        v8::Local<v8::Promise> sinkWritePromise = runNativeAlgorithm(isolate, "write", [&] {
            return controller->m_algorithms->writeAlgorithm(isolate, controller, chunk);
        });
        uponPromiseWith<&Controller::onWriteFulfilled, &Controller::onWriteRejected>(
            isolate, sinkWritePromise, controller, controller->m_onWriteFulfilled,
            controller->m_onWriteRejected);
        return;
    }
    v8::Local<v8::Value> argv[] = {chunk, controller->wrapper()};
    invokeAndReact<&Controller::onWriteFulfilled, &Controller::onWriteRejected>(
        isolate, controller->m_writeFunction.get(isolate),
        controller->m_underlyingSink.get(isolate), 2, argv, controller,
        controller->m_onWriteFulfilled, controller->m_onWriteRejected);
}
} // namespace

void WritableStreamDefaultController::onCloseFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    writableStreamFinishInFlightClose(isolate, m_stream.get());
}

void WritableStreamDefaultController::onCloseRejected(v8::Isolate* isolate,
                                                      v8::Local<v8::Value> reason)
{
    writableStreamFinishInFlightCloseWithError(isolate, m_stream.get(), reason);
}

// Step 4 of ProcessWrite: upon fulfillment of sinkWritePromise.
void WritableStreamDefaultController::onWriteFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    WritableStream* stream = m_stream.get();
    writableStreamFinishInFlightWrite(isolate, stream);
    m_queue.dequeueValue(isolate);
    ++m_chunksPassed;
    m_bytesPassed += m_inFlightBytes;
    if (!writableStreamCloseQueuedOrInFlight(stream) &&
        stream->m_state == WritableStream::State::Writable)
        writableStreamUpdateBackpressure(isolate, stream,
                                         writableStreamDefaultControllerGetBackpressure(this));
    writableStreamDefaultControllerAdvanceQueueIfNeeded(isolate, this);
}

// Step 5 of ProcessWrite: upon rejection of sinkWritePromise.
void WritableStreamDefaultController::onWriteRejected(v8::Isolate* isolate,
                                                      v8::Local<v8::Value> reason)
{
    WritableStream* stream = m_stream.get();
    if (stream->m_state == WritableStream::State::Writable)
        writableStreamDefaultControllerClearAlgorithms(this);
    writableStreamFinishInFlightWriteWithError(isolate, stream, reason);
}

// https://streams.spec.whatwg.org/#set-up-writable-stream-default-controller-from-underlying-sink
bool setUpWritableStreamDefaultControllerFromUnderlyingSink(
    bind::CallContext& cx, WritableStream* stream, v8::Local<v8::Object> underlyingSink,
    const UnderlyingSink& dict, double highWaterMark, const QueuingStrategy& strategy)
{
    v8::Isolate* isolate = cx.isolate();
    auto* controller = bind::create<WritableStreamDefaultController>(isolate);
    if (!controller) {
        cx.setFailed();
        return false;
    }
    if (!underlyingSink.IsEmpty()) controller->m_underlyingSink.set(underlyingSink);
    controller->m_writeFunction.set(dict.write);
    controller->m_closeFunction.set(dict.close);
    controller->m_abortFunction.set(dict.abort);
    initializeController(isolate, stream, controller, highWaterMark, strategy.size);
    // Step 15: the start algorithm; an exception is rethrown.
    v8::Local<v8::Value> startResult;
    if (!invokeStartMethod(isolate, dict.start, underlyingSink, controller->wrapper())
             .ToLocal(&startResult)) {
        cx.setFailed();
        return false;
    }
    startController(isolate, controller, startResult);
    return true;
}

// https://streams.spec.whatwg.org/#set-up-writable-stream-default-controller
bool setUpWritableStreamDefaultController(v8::Isolate* isolate, WritableStream* stream,
                                          WritableStreamDefaultController* controller,
                                          bind::Wrappable* algorithmsHolder,
                                          SinkAlgorithms* algorithms, double highWaterMark,
                                          v8::Local<v8::Function> sizeFunction,
                                          v8::Local<v8::Promise> startPromise)
{
    controller->m_algorithmsHolder.set(algorithmsHolder->wrapper());
    controller->m_algorithms = algorithms;
    initializeController(isolate, stream, controller, highWaterMark, sizeFunction);
    v8::Local<v8::Value> startResult = startPromise;
    if (startPromise.IsEmpty()) startResult = v8::Undefined(isolate);
    startController(isolate, controller, startResult);
    return true;
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-advance-queue-if-needed
void writableStreamDefaultControllerAdvanceQueueIfNeeded(
    v8::Isolate* isolate, WritableStreamDefaultController* controller)
{
    WritableStream* stream = controller->m_stream.get();
    if (!controller->m_started) return;
    if (!stream->m_inFlightWriteRequest.isEmpty()) return;
    if (stream->m_state == WritableStream::State::Erroring) {
        writableStreamFinishErroring(isolate, stream);
        return;
    }
    if (controller->m_queue.isEmpty()) return;
    if (controller->m_queue.peekIsCloseSentinel())
        writableStreamDefaultControllerProcessClose(isolate, controller);
    else
        writableStreamDefaultControllerProcessWrite(isolate, controller,
                                                    controller->m_queue.peekQueueValue(isolate));
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-clear-algorithms
void writableStreamDefaultControllerClearAlgorithms(WritableStreamDefaultController* controller)
{
    controller->m_writeFunction.clear();
    controller->m_closeFunction.clear();
    controller->m_abortFunction.clear();
    controller->m_underlyingSink.clear();
    controller->m_algorithms = nullptr;
    controller->m_algorithmsHolder.clear();
    controller->m_strategySizeAlgorithm.clear();
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-close
void writableStreamDefaultControllerClose(v8::Isolate* isolate,
                                          WritableStreamDefaultController* controller)
{
    controller->m_queue.enqueueCloseSentinel(isolate);
    writableStreamDefaultControllerAdvanceQueueIfNeeded(isolate, controller);
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-error
void writableStreamDefaultControllerError(v8::Isolate* isolate,
                                          WritableStreamDefaultController* controller,
                                          v8::Local<v8::Value> error)
{
    writableStreamDefaultControllerClearAlgorithms(controller);
    writableStreamStartErroring(isolate, controller->m_stream.get(), error);
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-error-if-needed
void writableStreamDefaultControllerErrorIfNeeded(v8::Isolate* isolate,
                                                  WritableStreamDefaultController* controller,
                                                  v8::Local<v8::Value> error)
{
    if (controller->m_stream->m_state == WritableStream::State::Writable)
        writableStreamDefaultControllerError(isolate, controller, error);
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-get-backpressure
bool writableStreamDefaultControllerGetBackpressure(
    const WritableStreamDefaultController* controller)
{
    return writableStreamDefaultControllerGetDesiredSize(controller) <= 0;
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-get-chunk-size
std::optional<double> writableStreamDefaultControllerGetChunkSize(
    v8::Isolate* isolate, WritableStreamDefaultController* controller, v8::Local<v8::Value> chunk)
{
    v8::TryCatch tryCatch(isolate);
    double size = 1;
    if (controller->m_strategySizeAlgorithm.run(isolate, chunk, size)) return size;
    if (!tryCatch.CanContinue()) return std::nullopt;
    v8::Local<v8::Value> error = tryCatch.Exception();
    tryCatch.Reset();
    writableStreamDefaultControllerErrorIfNeeded(isolate, controller, error);
    return 1;
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-get-desired-size
double writableStreamDefaultControllerGetDesiredSize(
    const WritableStreamDefaultController* controller)
{
    return controller->m_strategyHWM - controller->m_queue.totalSize();
}

// https://streams.spec.whatwg.org/#writable-stream-default-controller-write
void writableStreamDefaultControllerWrite(v8::Isolate* isolate,
                                          WritableStreamDefaultController* controller,
                                          v8::Local<v8::Value> chunk, double chunkSize)
{
    {
        v8::TryCatch tryCatch(isolate);
        if (!controller->m_queue.enqueueValueWithSize(isolate, chunk, chunkSize)) {
            if (!tryCatch.CanContinue()) return;
            v8::Local<v8::Value> error = tryCatch.Exception();
            tryCatch.Reset();
            writableStreamDefaultControllerErrorIfNeeded(isolate, controller, error);
            return;
        }
    }
    WritableStream* stream = controller->m_stream.get();
    if (!writableStreamCloseQueuedOrInFlight(stream) &&
        stream->m_state == WritableStream::State::Writable)
        writableStreamUpdateBackpressure(
            isolate, stream, writableStreamDefaultControllerGetBackpressure(controller));
    writableStreamDefaultControllerAdvanceQueueIfNeeded(isolate, controller);
}

} // namespace nano::api::streams
