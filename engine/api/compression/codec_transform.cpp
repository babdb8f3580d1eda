#include "api/compression/codec_transform.h"

#include "api/streams/stream_inspection.h"

namespace nano::api::compression {

CodecTransform::CodecTransform(bind::Wrappable* holder, ZlibCodec::Direction direction,
                               CompressionFormat format)
    : GenericTransformStream(holder)
    , m_holder(holder)
    , m_direction(direction)
    , m_format(format)
    , m_codec(std::make_unique<ZlibCodec>(direction, format))
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
v8::Local<v8::Promise> CodecTransform::runCodec(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
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
    return completion(isolate, error);
}

// https://compression.spec.whatwg.org/#compress-and-enqueue-a-chunk
// https://compression.spec.whatwg.org/#decompress-and-enqueue-a-chunk
v8::Local<v8::Promise> CodecTransform::transformAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
    v8::Local<v8::Value> chunk)
{
    // Step 1: "If chunk is not a BufferSource type, then throw a TypeError" (shared memory
    // included: BufferSource is not [AllowShared]).
    std::optional<bind::BufferSource> bytes = bind::BufferSource::from(chunk);
    if (!bytes)
        return completion(isolate, typeError(isolate, m_className, "transform",
                                             "The chunk is not an ArrayBuffer or ArrayBufferView."));
    if (!m_codec) // cannot happen: a stream whose codec is gone runs no more transforms
        return completion(isolate, typeError(isolate, m_className, "transform",
                                             "The stream is finished."));
    // Steps 2-5: corrupt data, or data after its end, is a TypeError.
    return runCodec(isolate, controller, "transform",
                    [&](ZlibCodec& codec, const ZlibCodec::Sink& sink) {
                        return codec.push(bytes->data(), bytes->size(), sink);
                    });
}

// https://compression.spec.whatwg.org/#compress-flush-and-enqueue
// https://compression.spec.whatwg.org/#decompress-flush-and-enqueue
v8::Local<v8::Promise> CodecTransform::flushAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller)
{
    if (!m_codec)
        return completion(isolate, typeError(isolate, m_className, "flush",
                                             "The stream is finished."));
    // Decompression: input that ends before the end of the compressed data is a TypeError.
    v8::Local<v8::Promise> result =
        runCodec(isolate, controller, "flush", [](ZlibCodec& codec, const ZlibCodec::Sink& sink) {
            return codec.finish(sink);
        });
    releaseCodec();
    return result;
}

v8::Local<v8::Promise> CodecTransform::cancelAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
    v8::Local<v8::Value> reason)
{
    releaseCodec();
    return GenericTransformStream::cancelAlgorithm(isolate, controller, reason);
}

} // namespace nano::api::compression
