#pragma once
// What CompressionStream and DecompressionStream share: the GenericTransformStream whose
// transform feeds a ZlibCodec and enqueues its output as Uint8Arrays of at most 64 KiB.
// https://compression.spec.whatwg.org/#compress-and-enqueue-a-chunk and the three others.
//
// Memory: the readable side has a high-water mark of 0, so the next write waits until its
// chunks are read; what is queued at once is the output of one input chunk. The codec's own
// memory (zlib's state, its output buffer) is reported as the holder's external memory
// (ExternalMemoryKind::StreamQueues) and freed as soon as the stream finishes, errors or is
// cancelled.

#include "api/compression/zlib_codec.h"
#include "api/generic_transform_stream.h"
#include "bind/convert.h"

#include <memory>

namespace nano::api::compression {

class CodecTransform : public GenericTransformStream {
public:
    CodecTransform(bind::Wrappable* holder, ZlibCodec::Direction direction,
                   CompressionFormat format);

    CompressionFormat format() const { return m_format; }

    // Sets up the transform stream; false with an exception pending.
    bool setUp(v8::Isolate* isolate, const char* className);

    v8::Local<v8::Promise> transformAlgorithm(v8::Isolate* isolate,
                                              streams::TransformStreamDefaultController* controller,
                                              v8::Local<v8::Value> chunk) override;
    v8::Local<v8::Promise> flushAlgorithm(
        v8::Isolate* isolate, streams::TransformStreamDefaultController* controller) override;
    // Frees the codec (the spec gives no cancel algorithm; nothing else is observable).
    v8::Local<v8::Promise> cancelAlgorithm(v8::Isolate* isolate,
                                           streams::TransformStreamDefaultController* controller,
                                           v8::Local<v8::Value> reason) override;

protected:
    ~CodecTransform() = default;

private:
    // Runs `step` (a push or the finish) with a sink that enqueues each chunk; a promise
    // resolved when all went well, else rejected with the TypeError or what enqueue threw.
    template <class Step>
    v8::Local<v8::Promise> runCodec(v8::Isolate* isolate,
                                    streams::TransformStreamDefaultController* controller,
                                    const char* algorithm, Step&& step);
    void releaseCodec();

    bind::Wrappable* m_holder;
    const char* m_className = "";
    ZlibCodec::Direction m_direction;
    CompressionFormat m_format;
    std::unique_ptr<ZlibCodec> m_codec; // null once finished, errored or cancelled
};

} // namespace nano::api::compression

namespace nano::bind {
// https://compression.spec.whatwg.org/#enumdef-compressionformat: any other string is a
// TypeError, as for every IDL enumeration.
template <> struct EnumTraits<api::compression::CompressionFormat> {
    static constexpr const char* name = "CompressionFormat";
    static constexpr std::pair<const char*, api::compression::CompressionFormat> values[] = {
        {"deflate", api::compression::CompressionFormat::Deflate},
        {"deflate-raw", api::compression::CompressionFormat::DeflateRaw},
        {"gzip", api::compression::CompressionFormat::Gzip}};
};
} // namespace nano::bind
