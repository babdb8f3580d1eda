#include "api/streams/transform_stream.h"

#include "api/streams/promises.h"
#include "api/streams/readable_stream.h"
#include "api/streams/readable_stream_default_controller.h"
#include "api/streams/transform_stream_default_controller.h"
#include "api/streams/writable_stream.h"
#include "api/streams/writable_stream_default_controller.h"

namespace nano::api::streams {

// https://streams.spec.whatwg.org/#ts-constructor
std::unique_ptr<TransformStream> TransformStream::construct(
    bind::CallContext& cx, std::optional<v8::Local<v8::Object>> transformer,
    QueuingStrategy writableStrategy, QueuingStrategy readableStrategy)
{
    v8::Isolate* isolate = cx.isolate();
    auto setup = std::make_unique<PendingSetup>();
    // Steps 1-2.
    bind::ValueSource src;
    src.index = 0;
    v8::Local<v8::Value> value =
        transformer ? v8::Local<v8::Value>(*transformer) : v8::Null(isolate).As<v8::Value>();
    if (!bind::Convert<Transformer>::fromJs(cx, src, value, setup->dict)) return nullptr;
    if (transformer) setup->transformer = *transformer;
    // Steps 3-4.
    if (!setup->dict.readableType.IsEmpty() && !setup->dict.readableType->IsUndefined()) {
        cx.throwRangeError("Invalid readableType is specified.");
        return nullptr;
    }
    if (!setup->dict.writableType.IsEmpty() && !setup->dict.writableType->IsUndefined()) {
        cx.throwRangeError("Invalid writableType is specified.");
        return nullptr;
    }
    // Steps 5-8.
    std::optional<double> readableHWM = extractHighWaterMark(cx, readableStrategy, 0);
    if (!readableHWM) return nullptr;
    std::optional<double> writableHWM = extractHighWaterMark(cx, writableStrategy, 1);
    if (!writableHWM) return nullptr;
    setup->readableHWM = *readableHWM;
    setup->writableHWM = *writableHWM;
    setup->readableStrategy = readableStrategy;
    setup->writableStrategy = writableStrategy;
    auto stream = std::make_unique<TransformStream>();
    stream->m_pendingSetup = std::move(setup);
    return stream;
}

void TransformStream::constructed(bind::CallContext& cx)
{
    v8::Isolate* isolate = cx.isolate();
    v8::Local<v8::Context> context = cx.context();
    std::unique_ptr<PendingSetup> setup = std::move(m_pendingSetup);
    // Step 9.
    v8::Local<v8::Promise> startPromise = newPromise(context);
    // Step 10.
    if (!initialize(isolate, startPromise, setup->writableHWM, setup->writableStrategy.size,
                    setup->readableHWM, setup->readableStrategy.size)) {
        cx.setFailed();
        return;
    }
    labelSides(QStringLiteral("TransformStream at ") + callSiteLabel(isolate));
    // Step 11: https://streams.spec.whatwg.org/#set-up-transform-stream-default-controller-from-transformer
    auto* controller = bind::create<TransformStreamDefaultController>(isolate);
    if (!controller) {
        cx.setFailed();
        return;
    }
    controller->m_stream.set(this);
    m_controller.set(controller);
    const Transformer& dict = setup->dict;
    if (!setup->transformer.IsEmpty()) controller->m_transformer.set(setup->transformer);
    controller->m_transformFunction.set(dict.transform);
    controller->m_flushFunction.set(dict.flush);
    controller->m_cancelFunction.set(dict.cancel);
    // Steps 12-13.
    v8::Local<v8::Value> startResult;
    if (!invokeStartMethod(isolate, dict.start, setup->transformer, controller->wrapper())
             .ToLocal(&startResult)) {
        cx.setFailed();
        return;
    }
    resolvePromise(context, startPromise, startResult);
}

// https://streams.spec.whatwg.org/#initialize-transform-stream
bool TransformStream::initialize(v8::Isolate* isolate, v8::Local<v8::Promise> startPromise,
                                 double writableHWM, v8::Local<v8::Function> writableSize,
                                 double readableHWM, v8::Local<v8::Function> readableSize)
{
    WritableStream* writable =
        createWritableStream(isolate, this, this, writableHWM, writableSize, startPromise);
    if (!writable) return false;
    m_writable.set(writable);
    ReadableStream* readable =
        createReadableStream(isolate, this, this, readableHWM, readableSize, startPromise);
    if (!readable) return false;
    m_readable.set(readable);
    transformStreamSetBackpressure(isolate, this, true);
    return true;
}

void TransformStream::labelSides(const QString& what)
{
    StreamInspection& readable = m_readable->m_inspection;
    StreamInspection& writable = m_writable->m_inspection;
    readable.label = QStringLiteral("readable side of ") + what;
    writable.label = QStringLiteral("writable side of ") + what;
    readable.transformSide = writable.transformSide = true;
    readable.transformPair = writable.id();
    writable.transformPair = readable.id();
}

// https://streams.spec.whatwg.org/#transformstream-set-up
TransformStream* setUpTransformStream(v8::Isolate* isolate, bind::Wrappable* algorithmsHolder,
                                      TransformerAlgorithms* algorithms,
                                      double writableHighWaterMark, double readableHighWaterMark,
                                      const QString& label)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    auto* stream = bind::create<TransformStream>(isolate);
    if (!stream) return nullptr;
    // Steps 1-7 (the size algorithms count chunks).
    v8::Local<v8::Promise> startPromise = promiseResolvedWithUndefined(context);
    if (!stream->initialize(isolate, startPromise, writableHighWaterMark, {},
                            readableHighWaterMark, {}))
        return nullptr;
    stream->labelSides(label);
    // Steps 8-9.
    auto* controller = bind::create<TransformStreamDefaultController>(isolate);
    if (!controller) return nullptr;
    controller->m_stream.set(stream);
    stream->m_controller.set(controller);
    controller->m_algorithmsHolder.set(algorithmsHolder->wrapper());
    controller->m_algorithms = algorithms;
    return stream;
}

// https://streams.spec.whatwg.org/#transform-stream-default-sink-write-algorithm
v8::Local<v8::Promise> TransformStream::writeAlgorithm(v8::Isolate* isolate,
                                                       WritableStreamDefaultController*,
                                                       v8::Local<v8::Value> chunk)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (m_backpressure) {
        m_pendingChunk.set(chunk);
        return reactToPromise(context, m_backpressureChangePromise.get(isolate),
                              reaction<&TransformStream::onBackpressureRelieved>(
                                  context, this, m_onBackpressureRelieved),
                              {});
    }
    return transformStreamDefaultControllerPerformTransform(isolate, m_controller.get(), chunk);
}

// Step 2.2 of the sink write algorithm: the readable side wants more.
v8::MaybeLocal<v8::Value> TransformStream::onBackpressureRelieved(v8::Isolate* isolate,
                                                                  v8::Local<v8::Value>)
{
    v8::Local<v8::Value> chunk = m_pendingChunk.get(isolate);
    m_pendingChunk.clear();
    WritableStream* writable = m_writable.get();
    if (writable->m_state == WritableStream::State::Erroring) {
        isolate->ThrowException(writable->m_storedError.get(isolate));
        return {};
    }
    v8::Local<v8::Promise> result =
        transformStreamDefaultControllerPerformTransform(isolate, m_controller.get(), chunk);
    if (result.IsEmpty()) return {};
    return result;
}

// The shared shape of the sink's abort and close algorithms and the source's cancel
// algorithm: the first of them to run calls the transformer (`algorithm`), clears the
// algorithms and settles controller.[[finishPromise]] with the outcome through OnFulfilled /
// OnRejected; a later one returns the same promise (steps 1-2 of each).
template <void (TransformStream::*OnFulfilled)(v8::Isolate*, v8::Local<v8::Value>),
          void (TransformStream::*OnRejected)(v8::Isolate*, v8::Local<v8::Value>),
          typename Algorithm>
v8::Local<v8::Promise> TransformStream::finishOnce(v8::Isolate* isolate, Algorithm&& algorithm)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    TransformStreamDefaultController* controller = m_controller.get();
    if (controller->m_finishPromise) return controller->m_finishPromise.get(isolate);
    controller->m_finishPromise.set(newPromise(context));
    v8::Local<v8::Promise> promise = algorithm(controller);
    transformStreamDefaultControllerClearAlgorithms(controller);
    if (promise.IsEmpty()) return {};
    uponPromise(context, promise, reactionOnce<OnFulfilled>(context, this),
                reactionOnce<OnRejected>(context, this));
    return controller->m_finishPromise.get(isolate);
}

// https://streams.spec.whatwg.org/#transform-stream-default-sink-abort-algorithm
v8::Local<v8::Promise> TransformStream::abortAlgorithm(v8::Isolate* isolate,
                                                       WritableStreamDefaultController*,
                                                       v8::Local<v8::Value> reason)
{
    return finishOnce<&TransformStream::onAbortCancelFulfilled,
                      &TransformStream::onFinishRejected>(
        isolate, [&](TransformStreamDefaultController* controller) {
            m_finishReason.set(reason);
            return controller->cancelAlgorithm(isolate, reason);
        });
}

void TransformStream::onAbortCancelFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    ReadableStream* readable = m_readable.get();
    const bool errored = readable->m_state == ReadableStream::State::Errored;
    if (!errored)
        readableStreamDefaultControllerError(isolate, readable->defaultController(),
                                             m_finishReason.get(isolate));
    settleFinishPromise(isolate, errored, readable->m_storedError.get(isolate));
}

// https://streams.spec.whatwg.org/#transform-stream-default-sink-close-algorithm
v8::Local<v8::Promise> TransformStream::closeAlgorithm(v8::Isolate* isolate,
                                                       WritableStreamDefaultController*)
{
    return finishOnce<&TransformStream::onFlushFulfilled, &TransformStream::onFinishRejected>(
        isolate, [&](TransformStreamDefaultController* controller) {
            return controller->flushAlgorithm(isolate);
        });
}

void TransformStream::onFlushFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    ReadableStream* readable = m_readable.get();
    const bool errored = readable->m_state == ReadableStream::State::Errored;
    if (!errored) readableStreamDefaultControllerClose(isolate, readable->defaultController());
    settleFinishPromise(isolate, errored, readable->m_storedError.get(isolate));
}

// The abort and close algorithms' rejection steps: error the readable side and reject the
// finish promise with r.
void TransformStream::onFinishRejected(v8::Isolate* isolate, v8::Local<v8::Value> r)
{
    readableStreamDefaultControllerError(isolate, m_readable->defaultController(), r);
    rejectPromise(isolate->GetCurrentContext(), m_controller->m_finishPromise.get(isolate), r);
}

// The fulfilment steps' end: reject the finish promise with the other side's stored error
// when that side had errored meanwhile, resolve it otherwise.
void TransformStream::settleFinishPromise(v8::Isolate* isolate, bool otherSideErrored,
                                          v8::Local<v8::Value> storedError)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Promise> finish = m_controller->m_finishPromise.get(isolate);
    if (otherSideErrored)
        rejectPromise(context, finish, storedError);
    else
        resolvePromise(context, finish, v8::Undefined(isolate));
}

// https://streams.spec.whatwg.org/#transform-stream-default-source-pull
v8::Local<v8::Promise> TransformStream::pullAlgorithm(v8::Isolate* isolate,
                                                      ReadableStreamController*)
{
    transformStreamSetBackpressure(isolate, this, false);
    return m_backpressureChangePromise.get(isolate);
}

// https://streams.spec.whatwg.org/#transform-stream-default-source-cancel
v8::Local<v8::Promise> TransformStream::cancelAlgorithm(v8::Isolate* isolate,
                                                        ReadableStreamController*,
                                                        v8::Local<v8::Value> reason)
{
    return finishOnce<&TransformStream::onSourceCancelFulfilled,
                      &TransformStream::onSourceCancelRejected>(
        isolate, [&](TransformStreamDefaultController* controller) {
            m_finishReason.set(reason);
            return controller->cancelAlgorithm(isolate, reason);
        });
}

void TransformStream::onSourceCancelFulfilled(v8::Isolate* isolate, v8::Local<v8::Value>)
{
    WritableStream* writable = m_writable.get();
    const bool errored = writable->m_state == WritableStream::State::Errored;
    if (!errored) {
        writableStreamDefaultControllerErrorIfNeeded(isolate, writable->m_controller.get(),
                                                     m_finishReason.get(isolate));
        transformStreamUnblockWrite(isolate, this);
    }
    settleFinishPromise(isolate, errored, writable->m_storedError.get(isolate));
}

void TransformStream::onSourceCancelRejected(v8::Isolate* isolate, v8::Local<v8::Value> r)
{
    writableStreamDefaultControllerErrorIfNeeded(isolate, m_writable->m_controller.get(), r);
    transformStreamUnblockWrite(isolate, this);
    rejectPromise(isolate->GetCurrentContext(), m_controller->m_finishPromise.get(isolate), r);
}

void TransformStream::define(bind::ClassBuilder<TransformStream>& c)
{
    c.constructor<&TransformStream::construct>()
        .readonlyAttribute<&TransformStream::readable>("readable")
        .readonlyAttribute<&TransformStream::writable>("writable");
}

// https://streams.spec.whatwg.org/#transform-stream-error
void transformStreamError(v8::Isolate* isolate, TransformStream* stream, v8::Local<v8::Value> e)
{
    readableStreamDefaultControllerError(isolate, stream->m_readable->defaultController(), e);
    transformStreamErrorWritableAndUnblockWrite(isolate, stream, e);
}

// https://streams.spec.whatwg.org/#transform-stream-error-writable-and-unblock-write
void transformStreamErrorWritableAndUnblockWrite(v8::Isolate* isolate, TransformStream* stream,
                                                 v8::Local<v8::Value> e)
{
    transformStreamDefaultControllerClearAlgorithms(stream->m_controller.get());
    writableStreamDefaultControllerErrorIfNeeded(isolate, stream->m_writable->m_controller.get(),
                                                 e);
    transformStreamUnblockWrite(isolate, stream);
}

// https://streams.spec.whatwg.org/#transform-stream-set-backpressure
void transformStreamSetBackpressure(v8::Isolate* isolate, TransformStream* stream,
                                    bool backpressure)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    if (stream->m_backpressureChangePromise)
        resolvePromise(context, stream->m_backpressureChangePromise.get(isolate),
                       v8::Undefined(isolate));
    stream->m_backpressureChangePromise.set(newPromise(context));
    stream->m_backpressure = backpressure;
}

// https://streams.spec.whatwg.org/#transform-stream-unblock-write
void transformStreamUnblockWrite(v8::Isolate* isolate, TransformStream* stream)
{
    if (stream->m_backpressure) transformStreamSetBackpressure(isolate, stream, false);
}

void installTransformStream(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<TransformStream>(context, global);
    bind::exposeLazily<TransformStreamDefaultController>(context, global);
}

} // namespace nano::api::streams
