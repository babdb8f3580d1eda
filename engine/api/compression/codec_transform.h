#pragma once
// What CompressionStream and DecompressionStream share: the GenericTransformStream whose
// transform feeds a ZlibCodec and enqueues its output as Uint8Arrays of at most 64 KiB.
// https://compression.spec.whatwg.org/#compress-and-enqueue-a-chunk and the three others.
//
// Memory: a transform feeds its chunk to the codec in rounds of about 64 KiB of output and,
// while the readable side has backpressure (its high-water mark is 0: nobody is waiting for a
// chunk), waits for the next read before the next round. So what is queued stays about one
// round whatever a chunk expands to, and the write settles once its chunk is consumed. The
// codec's own memory (zlib's state, its output buffer) is reported as the holder's external
// memory (ExternalMemoryKind::StreamQueues) and freed as soon as the stream finishes, errors
// or is cancelled.

#include "api/compression/zlib_codec.h"
#include "api/generic_transform_stream.h"
#include "bind/convert.h"

#include <memory>
#include <optional>

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
    static constexpr size_t kRoundOutput = 64 * 1024;

    // Runs `step` (a round of the input or the finish) with a sink that enqueues each chunk;
    // empty if all went well, else the TypeError or what enqueue threw (the codec is freed).
    template <class Step>
    v8::Local<v8::Value> runCodec(v8::Isolate* isolate,
                                  streams::TransformStreamDefaultController* controller,
                                  const char* algorithm, Step&& step);
    // Feeds rounds of m_input until it is consumed (resolving m_transformPromise), an error
    // (rejecting it) or backpressure (waiting for the readable side's next pull).
    void pump(v8::Isolate* isolate);
    void settleTransform(v8::Isolate* isolate, v8::Local<v8::Value> error);
    void releaseCodec();

    bind::Wrappable* m_holder;
    const char* m_className = "";
    ZlibCodec::Direction m_direction;
    CompressionFormat m_format;
    std::unique_ptr<ZlibCodec> m_codec; // null once finished, errored or cancelled
    // The chunk being transformed (its bytes stay alive even if script detaches its buffer)
    // and how far the codec got; the promise its transform returned.
    std::optional<bind::BufferSource> m_input;
    size_t m_inputOffset = 0;
    bind::Member<v8::Promise> m_transformPromise;
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
