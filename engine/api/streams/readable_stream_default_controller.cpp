#include "api/streams/readable_stream_default_controller.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_reader.h"

namespace nano::api::streams {

// https://streams.spec.whatwg.org/#rs-default-controller-desired-size
bind::Nullable<bind::UnrestrictedDouble> ReadableStreamDefaultController::desiredSize() const
{
    std::optional<double> size = readableStreamDefaultControllerGetDesiredSize(this);
    if (!size) return {};
    return bind::UnrestrictedDouble{*size};
}

// https://streams.spec.whatwg.org/#rs-default-controller-close
void ReadableStreamDefaultController::close(bind::CallContext& cx)
{
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(this)) {
        cx.throwTypeError("The stream is not in a state that permits close.");
        return;
    }
    readableStreamDefaultControllerClose(cx.isolate(), this);
}

// https://streams.spec.whatwg.org/#rs-default-controller-enqueue
void ReadableStreamDefaultController::enqueue(bind::CallContext& cx,
                                              std::optional<v8::Local<v8::Value>> chunk)
{
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(this)) {
        cx.throwTypeError(m_closeRequested ? "Cannot enqueue a chunk into a stream that is "
                                             "closing."
                                           : "Cannot enqueue a chunk into a stream that is not "
                                             "readable.");
        return;
    }
    v8::Isolate* isolate = cx.isolate();
    if (!readableStreamDefaultControllerEnqueue(isolate, this, valueOrUndefined(isolate, chunk)))
        cx.setFailed();
}

// https://streams.spec.whatwg.org/#rs-default-controller-error
void ReadableStreamDefaultController::error(bind::CallContext& cx,
                                            std::optional<v8::Local<v8::Value>> e)
{
    v8::Isolate* isolate = cx.isolate();
    readableStreamDefaultControllerError(isolate, this, valueOrUndefined(isolate, e));
}

// https://streams.spec.whatwg.org/#rs-default-controller-private-cancel
v8::Local<v8::Promise> ReadableStreamDefaultController::cancelSteps(v8::Isolate* isolate,
                                                                    v8::Local<v8::Value> reason)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    // Step 1.
    m_queue.resetQueue();
    // Step 2: the cancel algorithm.
    v8::Local<v8::Promise> result;
    if (m_algorithms) {
        result = runNativeAlgorithm(isolate, "cancel", [&] {
            return m_algorithms->cancelAlgorithm(isolate, this, reason);
        });
    } else if (v8::Local<v8::Function> cancel = m_cancelFunction.get(isolate); !cancel.IsEmpty()) {
        if (!bind::CallbackFunction{cancel}
                 .invokeForPromise(isolate, m_underlyingSource.get(isolate), {reason})
                 .ToLocal(&result))
            return {};
    } else {
        result = promiseResolvedWithUndefined(context);
    }
    // Step 3.
    readableStreamDefaultControllerClearAlgorithms(this);
    return result;
}

// https://streams.spec.whatwg.org/#rs-default-controller-private-pull
void ReadableStreamDefaultController::pullSteps(v8::Isolate* isolate,
                                                v8::Local<v8::Promise> promise,
                                                ReadRequest* request)
{
    ReadableStream* stream = m_stream.get();
    // Step 2.
    if (!m_queue.isEmpty()) {
        v8::Local<v8::Value> chunk = m_queue.dequeueValue(isolate);
        countChunk(chunk);
        if (m_closeRequested && m_queue.isEmpty()) {
            readableStreamDefaultControllerClearAlgorithms(this);
            readableStreamClose(isolate, stream);
        } else {
            readableStreamDefaultControllerCallPullIfNeeded(isolate, this);
        }
        if (request)
            request->chunkSteps(isolate, chunk);
        else
            resolveReadResult(isolate, promise, chunk, false);
        return;
    }
    // Step 3.
    readableStreamAddReadRequest(isolate, stream, promise, request);
    readableStreamDefaultControllerCallPullIfNeeded(isolate, this);
}

void ReadableStreamDefaultController::onStartFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    m_started = true;
    readableStreamDefaultControllerCallPullIfNeeded(isolate, this);
}

void ReadableStreamDefaultController::onStartRejected(v8::Isolate* isolate, v8::Local<v8::Value> r)
{
    readableStreamDefaultControllerError(isolate, this, r);
}

void ReadableStreamDefaultController::onPullFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    m_pulling = false;
    if (m_pullAgain) {
        m_pullAgain = false;
        readableStreamDefaultControllerCallPullIfNeeded(isolate, this);
    }
}

void ReadableStreamDefaultController::onPullRejected(v8::Isolate* isolate, v8::Local<v8::Value> e)
{
    readableStreamDefaultControllerError(isolate, this, e);
}

void ReadableStreamDefaultController::define(bind::ClassBuilder<ReadableStreamDefaultController>& c)
{
    c.readonlyAttribute<&ReadableStreamDefaultController::desiredSize>("desiredSize")
        .method<&ReadableStreamDefaultController::close>("close")
        .method<&ReadableStreamDefaultController::enqueue>("enqueue")
        .method<&ReadableStreamDefaultController::error>("error");
}

namespace {
// Steps 10-14 of https://streams.spec.whatwg.org/#set-up-readable-stream-default-controller,
// once the start algorithm returned `startResult`.
void startController(v8::Isolate* isolate, ReadableStream* stream,
                     ReadableStreamDefaultController* controller, v8::Local<v8::Value> startResult)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    stream->m_controller.set(controller);
    v8::Local<v8::Promise> startPromise;
    if (startResult->IsUndefined())
        startPromise = promiseResolvedWithUndefined(context);
    else if (!promiseFromValue(context, startResult).ToLocal(&startPromise))
        return;
    v8::Local<v8::Function> onFulfilled =
        reactionOnce<&ReadableStreamDefaultController::onStartFulfilled>(context, controller);
    v8::Local<v8::Function> onRejected =
        reactionOnce<&ReadableStreamDefaultController::onStartRejected>(context, controller);
    uponPromise(context, startPromise, onFulfilled, onRejected);
}

void initializeController(ReadableStream* stream, ReadableStreamDefaultController* controller,
                          double highWaterMark)
{
    controller->m_stream.set(stream);
    controller->m_queue.resetQueue();
    controller->m_started = controller->m_closeRequested = false;
    controller->m_pullAgain = controller->m_pulling = false;
    controller->m_strategyHWM = highWaterMark;
}
} // namespace

// https://streams.spec.whatwg.org/#set-up-readable-stream-default-controller-from-underlying-source
bool setUpReadableStreamDefaultControllerFromUnderlyingSource(
    bind::CallContext& cx, ReadableStream* stream, v8::Local<v8::Object> underlyingSource,
    const UnderlyingSource& dict, double highWaterMark, const QueuingStrategy& strategy)
{
    v8::Isolate* isolate = cx.isolate();
    // Step 1.
    auto* controller = bind::create<ReadableStreamDefaultController>(isolate);
    if (!controller) {
        cx.setFailed();
        return false;
    }
    // Steps 2-7 and SetUpReadableStreamDefaultController steps 1-9.
    initializeController(stream, controller, highWaterMark);
    controller->m_strategySizeAlgorithm.extract(strategy);
    if (!underlyingSource.IsEmpty()) controller->m_underlyingSource.set(underlyingSource);
    controller->m_pullFunction.set(dict.pull);
    controller->m_cancelFunction.set(dict.cancel);
    // Step 11 of the set-up: the start algorithm; an exception is rethrown.
    stream->m_controller.set(controller);
    v8::Local<v8::Value> startResult;
    if (!invokeStartMethod(isolate, dict.start, underlyingSource, controller->wrapper())
             .ToLocal(&startResult)) {
        cx.setFailed();
        return false;
    }
    startController(isolate, stream, controller, startResult);
    return true;
}

// https://streams.spec.whatwg.org/#set-up-readable-stream-default-controller
bool setUpReadableStreamDefaultController(v8::Isolate* isolate, ReadableStream* stream,
                                          ReadableStreamDefaultController* controller,
                                          bind::Wrappable* algorithmsHolder,
                                          SourceAlgorithms* algorithms, double highWaterMark,
                                          v8::Local<v8::Function> sizeFunction,
                                          v8::Local<v8::Promise> startPromise)
{
    initializeController(stream, controller, highWaterMark);
    QueuingStrategy strategy;
    strategy.size = sizeFunction;
    controller->m_strategySizeAlgorithm.extract(strategy);
    controller->m_algorithmsHolder.set(algorithmsHolder->wrapper());
    controller->m_algorithms = algorithms;
    v8::Local<v8::Value> startResult = startPromise;
    if (startPromise.IsEmpty()) startResult = v8::Undefined(isolate);
    startController(isolate, stream, controller, startResult);
    return true;
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-call-pull-if-needed
void readableStreamDefaultControllerCallPullIfNeeded(v8::Isolate* isolate,
                                                     ReadableStreamDefaultController* controller)
{
    // Steps 1-2.
    if (!readableStreamDefaultControllerShouldCallPull(controller)) return;
    // Step 3.
    if (controller->m_pulling) {
        controller->m_pullAgain = true;
        return;
    }
    // Steps 5-6.
    controller->m_pulling = true;
    // Steps 6-8: the pull algorithm, and the reactions to its promise.
    using Controller = ReadableStreamDefaultController;
    if (controller->m_algorithms) {
        v8::Local<v8::Promise> pullPromise = runNativeAlgorithm(isolate, "pull", [&] {
            return controller->m_algorithms->pullAlgorithm(isolate, controller);
        });
        uponPromiseWith<&Controller::onPullFulfilled, &Controller::onPullRejected>(
            isolate, pullPromise, controller, controller->m_onPullFulfilled,
            controller->m_onPullRejected);
        return;
    }
    v8::Local<v8::Value> argv[] = {controller->wrapper()};
    invokeAndReact<&Controller::onPullFulfilled, &Controller::onPullRejected>(
        isolate, controller->m_pullFunction.get(isolate),
        controller->m_underlyingSource.get(isolate), 1, argv, controller,
        controller->m_onPullFulfilled, controller->m_onPullRejected);
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-should-call-pull
bool readableStreamDefaultControllerShouldCallPull(ReadableStreamDefaultController* controller)
{
    ReadableStream* stream = controller->m_stream.get();
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return false;
    if (!controller->m_started) return false;
    if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
    std::optional<double> desiredSize = readableStreamDefaultControllerGetDesiredSize(controller);
    return desiredSize && *desiredSize > 0;
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-clear-algorithms
void readableStreamDefaultControllerClearAlgorithms(ReadableStreamDefaultController* controller)
{
    controller->m_pullFunction.clear();
    controller->m_cancelFunction.clear();
    controller->m_underlyingSource.clear();
    controller->m_algorithms = nullptr;
    controller->m_algorithmsHolder.clear();
    controller->m_strategySizeAlgorithm.clear();
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-close
void readableStreamDefaultControllerClose(v8::Isolate* isolate,
                                          ReadableStreamDefaultController* controller)
{
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
    controller->m_closeRequested = true;
    if (controller->m_queue.isEmpty()) {
        readableStreamDefaultControllerClearAlgorithms(controller);
        readableStreamClose(isolate, controller->m_stream.get());
    }
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-enqueue
bool readableStreamDefaultControllerEnqueue(v8::Isolate* isolate,
                                            ReadableStreamDefaultController* controller,
                                            v8::Local<v8::Value> chunk)
{
    ReadableStream* stream = controller->m_stream.get();
    // Step 1.
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return true;
    // Step 3: a waiting read takes the chunk directly.
    if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) {
        controller->countChunk(chunk);
        readableStreamFulfillReadRequest(isolate, stream, chunk, false);
    } else {
        // Step 4.
        v8::TryCatch tryCatch(isolate);
        double chunkSize = 1;
        bool queued = controller->m_strategySizeAlgorithm.run(isolate, chunk, chunkSize) &&
                      controller->m_queue.enqueueValueWithSize(isolate, chunk, chunkSize);
        if (!queued) {
            if (!tryCatch.CanContinue()) return false;
            v8::Local<v8::Value> error = tryCatch.Exception();
            readableStreamDefaultControllerError(isolate, controller, error);
            tryCatch.ReThrow();
            return false;
        }
    }
    // Step 5.
    readableStreamDefaultControllerCallPullIfNeeded(isolate, controller);
    return true;
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-error
void readableStreamDefaultControllerError(v8::Isolate* isolate,
                                          ReadableStreamDefaultController* controller,
                                          v8::Local<v8::Value> e)
{
    ReadableStream* stream = controller->m_stream.get();
    if (!stream || stream->m_state != ReadableStream::State::Readable) return;
    controller->m_queue.resetQueue();
    readableStreamDefaultControllerClearAlgorithms(controller);
    readableStreamError(isolate, stream, e);
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-get-desired-size
std::optional<double> readableStreamDefaultControllerGetDesiredSize(
    const ReadableStreamDefaultController* controller)
{
    const ReadableStream* stream = controller->m_stream.get();
    if (stream->m_state == ReadableStream::State::Errored) return std::nullopt;
    if (stream->m_state == ReadableStream::State::Closed) return 0;
    return controller->m_strategyHWM - controller->m_queue.totalSize();
}

// https://streams.spec.whatwg.org/#rs-default-controller-has-backpressure
bool readableStreamDefaultControllerHasBackpressure(ReadableStreamDefaultController* controller)
{
    return !readableStreamDefaultControllerShouldCallPull(controller);
}

// https://streams.spec.whatwg.org/#readable-stream-default-controller-can-close-or-enqueue
bool readableStreamDefaultControllerCanCloseOrEnqueue(
    const ReadableStreamDefaultController* controller)
{
    return !controller->m_closeRequested &&
           controller->m_stream.get()->m_state == ReadableStream::State::Readable;
}

} // namespace nano::api::streams
