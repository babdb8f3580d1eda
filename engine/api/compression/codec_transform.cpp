#include "api/compression/codec_transform.h"

#include "api/streams/promises.h"
#include "api/streams/stream_inspection.h"
#include "api/streams/transform_stream.h"
#include "bind/promise.h"

namespace nano::api::compression {

CodecTransform::CodecTransform(bind::Wrappable* holder, ZlibCodec::Direction direction,
                               CompressionFormat format)
    : GenericTransformStream(holder)
    , m_holder(holder)
    , m_direction(direction)
    , m_format(format)
    , m_codec(std::make_unique<ZlibCodec>(direction, format))
    , m_transformPromise(holder)
{
    m_holder->setExternalMemory(ExternalMemoryKind::StreamQueues,
                                static_cast<int64_t>(m_codec->memoryUsage()));
}

bool CodecTransform::setUp(v8::Isolate* isolate, const char* className)
{
    m_className = className;
    // "CompressionStream gzip at file.js:3" in the stream inspector.
    return setUpTransform(isolate, QString::fromLatin1(className) + u' ' +
                                       QString::fromLatin1(formatName(m_format)) +
                                       QStringLiteral(" at ") + streams::callSiteLabel(isolate));
}

void CodecTransform::releaseCodec()
{
    m_codec.reset();
    m_holder->setExternalMemory(ExternalMemoryKind::StreamQueues, 0);
}

template <class Step>
v8::Local<v8::Value> CodecTransform::runCodec(v8::Isolate* isolate,
                                              streams::TransformStreamDefaultController* controller,
                                              const char* algorithm, Step&& step)
{
    v8::Local<v8::Value> error;
    // After an enqueue failed, the rest of the output has nowhere to go: it is dropped.
    const ZlibCodec::Sink sink = [&](ZlibCodec::Chunk&& chunk) {
        if (error.IsEmpty()) enqueueBytes(isolate, controller, std::move(chunk), error);
    };
    const CodecStatus status = step(*m_codec, sink);
    if (!status.ok() && error.IsEmpty())
        error = typeError(isolate, m_className, algorithm, status.message);
    if (!error.IsEmpty())
        releaseCodec(); // the stream errors: the codec is not used again
    else
        m_holder->setExternalMemory(ExternalMemoryKind::StreamQueues,
                                    static_cast<int64_t>(m_codec->memoryUsage()));
    return error;
}

// https://compression.spec.whatwg.org/#compress-and-enqueue-a-chunk
// https://compression.spec.whatwg.org/#decompress-and-enqueue-a-chunk
v8::Local<v8::Promise> CodecTransform::transformAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController*, v8::Local<v8::Value> chunk)
{
    // Step 1: "If chunk is not a BufferSource type, then throw a TypeError" (shared memory
    // included: BufferSource is not [AllowShared]).
    std::optional<bind::BufferSource> bytes = bind::BufferSource::from(chunk);
    if (!bytes)
        return completion(isolate,
                          typeError(isolate, m_className, "transform",
                                    "The chunk is not an ArrayBuffer or ArrayBufferView."));
    // Steps 2-5, in rounds (one transform at a time: the writable side waits for this one).
    m_input = std::move(bytes);
    m_inputOffset = 0;
    v8::Local<v8::Promise> promise = streams::newPromise(isolate->GetCurrentContext());
    m_transformPromise.set(promise);
    pump(isolate);
    return promise;
}

void CodecTransform::pump(v8::Isolate* isolate)
{
    streams::TransformStream* stream = transformStream();
    for (;;) {
        if (!m_codec) // cancelled (or aborted) while it waited: the stream is errored already
            return settleTransform(
                isolate, typeError(isolate, m_className, "transform", "The stream was cancelled."));
        bool drained = false;
        // Corrupt data, or data after its end, is a TypeError.
        v8::Local<v8::Value> error =
            runCodec(isolate, stream->m_controller.get(), "transform",
                     [&](ZlibCodec& codec, const ZlibCodec::Sink& sink) {
                         size_t consumed = 0;
                         const CodecStatus status = codec.pushSome(
                             m_input->data() + m_inputOffset, m_input->size() - m_inputOffset,
                             kRoundOutput, sink, consumed, drained);
                         m_inputOffset += consumed;
                         return status;
                     });
        if (!error.IsEmpty() || drained) return settleTransform(isolate, error);
        if (stream->m_backpressure) break;
    }
    // Nobody waits for output: go on when the readable side pulls (or is cancelled).
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    const bind::Reaction resume = [this](v8::Isolate* i, v8::Local<v8::Value>) { pump(i); };
    if (!bind::react(context, stream->m_backpressureChangePromise.get(isolate), resume, resume,
                     m_holder->wrapper()))
        settleTransform(isolate, v8::Undefined(isolate)); // out of memory: V8 has it pending
}

void CodecTransform::settleTransform(v8::Isolate* isolate, v8::Local<v8::Value> error)
{
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Promise> promise = m_transformPromise.get(isolate);
    m_transformPromise.clear();
    m_input.reset();
    if (error.IsEmpty())
        streams::resolvePromise(context, promise, v8::Undefined(isolate));
    else
        streams::rejectPromise(context, promise, error);
}

// https://compression.spec.whatwg.org/#compress-flush-and-enqueue
// https://compression.spec.whatwg.org/#decompress-flush-and-enqueue
v8::Local<v8::Promise> CodecTransform::flushAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller)
{
    if (!m_codec)
        return completion(isolate,
                          typeError(isolate, m_className, "flush", "The stream is finished."));
    // Decompression: input that ends before the end of the compressed data is a TypeError.
    v8::Local<v8::Value> error =
        runCodec(isolate, controller, "flush",
                 [](ZlibCodec& codec, const ZlibCodec::Sink& sink) { return codec.finish(sink); });
    releaseCodec();
    return completion(isolate, error);
}

v8::Local<v8::Promise> CodecTransform::cancelAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
    v8::Local<v8::Value> reason)
{
    releaseCodec();
    return GenericTransformStream::cancelAlgorithm(isolate, controller, reason);
}

} // namespace nano::api::compression
