#include "api/streams/transform_stream_default_controller.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_controller.h"
#include "api/streams/transform_stream.h"
#include "bind/errors.h"

namespace nano::api::streams {

namespace {
ReadableStreamDefaultController* readableController(const TransformStreamDefaultController* c)
{
    return c->m_stream->m_readable->defaultController();
}

v8::Local<v8::Promise> invokeForPromise(v8::Isolate* isolate, v8::Local<v8::Function> fn,
                                        v8::Local<v8::Value> thisArg,
                                        std::initializer_list<v8::Local<v8::Value>> args)
{
    if (thisArg.IsEmpty()) thisArg = v8::Undefined(isolate);
    v8::Local<v8::Promise> promise;
    if (!bind::CallbackFunction{fn}.invokeForPromise(isolate, thisArg, args).ToLocal(&promise))
        return {};
    return promise;
}
} // namespace

// https://streams.spec.whatwg.org/#ts-default-controller-desired-size
bind::Nullable<bind::UnrestrictedDouble> TransformStreamDefaultController::desiredSize() const
{
    std::optional<double> size =
        readableStreamDefaultControllerGetDesiredSize(readableController(this));
    if (!size) return {};
    return bind::UnrestrictedDouble{*size};
}

// https://streams.spec.whatwg.org/#ts-default-controller-enqueue
void TransformStreamDefaultController::enqueue(bind::CallContext& cx,
                                               std::optional<v8::Local<v8::Value>> chunk)
{
    v8::Isolate* isolate = cx.isolate();
    if (!transformStreamDefaultControllerEnqueue(isolate, this,
                                                 valueOrUndefined(isolate, chunk)))
        cx.setFailed();
}

// https://streams.spec.whatwg.org/#ts-default-controller-error
void TransformStreamDefaultController::error(bind::CallContext& cx,
                                             std::optional<v8::Local<v8::Value>> reason)
{
    v8::Isolate* isolate = cx.isolate();
    transformStreamError(isolate, m_stream.get(), valueOrUndefined(isolate, reason));
}

// https://streams.spec.whatwg.org/#ts-default-controller-terminate
// (https://streams.spec.whatwg.org/#transform-stream-default-controller-terminate)
void TransformStreamDefaultController::terminate(bind::CallContext& cx)
{
    v8::Isolate* isolate = cx.isolate();
    TransformStream* stream = m_stream.get();
    readableStreamDefaultControllerClose(isolate, readableController(this));
    v8::Local<v8::Value> error = bind::makeError(
        isolate, "TypeError",
        {bind::CallSite::Kind::Method, "TransformStreamDefaultController", "terminate"},
        "The transform stream was terminated.");
    transformStreamErrorWritableAndUnblockWrite(isolate, stream, error);
}

// https://streams.spec.whatwg.org/#set-up-transform-stream-default-controller-from-transformer,
// steps 2-4 and 5-7.
v8::Local<v8::Promise> TransformStreamDefaultController::transformAlgorithm(
    v8::Isolate* isolate, v8::Local<v8::Value> chunk)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (m_algorithms)
        return runNativeAlgorithm(isolate, "transform", [&] {
            return m_algorithms->transformAlgorithm(isolate, this, chunk);
        });
    v8::Local<v8::Function> transform = m_transformFunction.get(isolate);
    if (!transform.IsEmpty())
        return invokeForPromise(isolate, transform, m_transformer.get(isolate),
                                {chunk, wrapper()});
    v8::TryCatch tryCatch(isolate);
    if (transformStreamDefaultControllerEnqueue(isolate, this, chunk))
        return promiseResolvedWithUndefined(context);
    if (!tryCatch.CanContinue()) return {};
    v8::Local<v8::Value> exception = tryCatch.Exception();
    tryCatch.Reset();
    return promiseRejectedWith(context, exception);
}

v8::Local<v8::Promise> TransformStreamDefaultController::flushAlgorithm(v8::Isolate* isolate)
{
    if (m_algorithms)
        return runNativeAlgorithm(isolate, "flush",
                                  [&] { return m_algorithms->flushAlgorithm(isolate, this); });
    v8::Local<v8::Function> flush = m_flushFunction.get(isolate);
    if (flush.IsEmpty()) return promiseResolvedWithUndefined(isolate->GetCurrentContext());
    return invokeForPromise(isolate, flush, m_transformer.get(isolate), {wrapper()});
}

v8::Local<v8::Promise> TransformStreamDefaultController::cancelAlgorithm(v8::Isolate* isolate,
                                                                         v8::Local<v8::Value> reason)
{
    if (m_algorithms)
        return runNativeAlgorithm(isolate, "cancel", [&] {
            return m_algorithms->cancelAlgorithm(isolate, this, reason);
        });
    v8::Local<v8::Function> cancel = m_cancelFunction.get(isolate);
    if (cancel.IsEmpty()) return promiseResolvedWithUndefined(isolate->GetCurrentContext());
    return invokeForPromise(isolate, cancel, m_transformer.get(isolate), {reason});
}

v8::MaybeLocal<v8::Value> TransformStreamDefaultController::onTransformRejected(
    v8::Isolate* isolate, v8::Local<v8::Value> r)
{
    transformStreamError(isolate, m_stream.get(), r);
    isolate->ThrowException(r);
    return {};
}

void TransformStreamDefaultController::define(
    bind::ClassBuilder<TransformStreamDefaultController>& c)
{
    c.readonlyAttribute<&TransformStreamDefaultController::desiredSize>("desiredSize")
        .method<&TransformStreamDefaultController::enqueue>("enqueue")
        .method<&TransformStreamDefaultController::error>("error")
        .method<&TransformStreamDefaultController::terminate>("terminate");
}

// https://streams.spec.whatwg.org/#transform-stream-default-controller-clear-algorithms
void transformStreamDefaultControllerClearAlgorithms(TransformStreamDefaultController* controller)
{
    controller->m_transformFunction.clear();
    controller->m_flushFunction.clear();
    controller->m_cancelFunction.clear();
    controller->m_transformer.clear();
    controller->m_algorithms = nullptr;
    controller->m_algorithmsHolder.clear();
}

// https://streams.spec.whatwg.org/#transform-stream-default-controller-enqueue
bool transformStreamDefaultControllerEnqueue(v8::Isolate* isolate,
                                             TransformStreamDefaultController* controller,
                                             v8::Local<v8::Value> chunk)
{
    TransformStream* stream = controller->m_stream.get();
    ReadableStreamDefaultController* readable = readableController(controller);
    // Step 3.
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(readable)) {
        bind::throwError(isolate, "TypeError",
                         {bind::CallSite::Kind::Method, "TransformStreamDefaultController",
                          "enqueue"},
                         "The readable side is not in a state that permits enqueue.");
        return false;
    }
    // Steps 4-5.
    v8::Local<v8::Value> error;
    {
        v8::TryCatch tryCatch(isolate);
        if (!readableStreamDefaultControllerEnqueue(isolate, readable, chunk)) {
            if (!tryCatch.CanContinue()) {
                tryCatch.ReThrow();
                return false;
            }
            error = tryCatch.Exception();
        }
    }
    if (!error.IsEmpty()) {
        transformStreamErrorWritableAndUnblockWrite(isolate, stream, error);
        isolate->ThrowException(stream->m_readable->m_storedError.get(isolate));
        return false;
    }
    // Steps 6-7.
    bool backpressure = readableStreamDefaultControllerHasBackpressure(readable);
    if (backpressure != stream->m_backpressure)
        transformStreamSetBackpressure(isolate, stream, true);
    return true;
}

// https://streams.spec.whatwg.org/#transform-stream-default-controller-perform-transform
v8::Local<v8::Promise> transformStreamDefaultControllerPerformTransform(
    v8::Isolate* isolate, TransformStreamDefaultController* controller, v8::Local<v8::Value> chunk)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Promise> transformPromise = controller->transformAlgorithm(isolate, chunk);
    if (transformPromise.IsEmpty()) return {};
    return reactToPromise(context, transformPromise, {},
                          reaction<&TransformStreamDefaultController::onTransformRejected>(
                              context, controller, controller->m_onTransformRejected));
}

} // namespace nano::api::streams
