#pragma once
// CompressionStream (https://compression.spec.whatwg.org/#compression-stream).
//
// [Exposed=*] interface CompressionStream {
//   constructor(CompressionFormat format);
// };
// CompressionStream includes GenericTransformStream; // readable, writable

#include "api/compression/codec_transform.h"
#include "bind/class_builder.h"

namespace nano::api::compression {

class CompressionStream final : public bind::Wrappable, public CodecTransform {
    NANO_BIND_CLASS(CompressionStream)
public:
    explicit CompressionStream(CompressionFormat format)
        : CodecTransform(this, ZlibCodec::Direction::Compress, format)
    {}
    // https://compression.spec.whatwg.org/#dom-compressionstream-compressionstream
    static std::unique_ptr<CompressionStream> construct(CompressionFormat format)
    {
        return std::make_unique<CompressionStream>(format);
    }
    void constructed(bind::CallContext& cx);
    static void define(bind::ClassBuilder<CompressionStream>& c);

    // IDL members.
    streams::ReadableStream* readable() const { return transformReadable(); }
    streams::WritableStream* writable() const { return transformWritable(); }
};

// Installs CompressionStream and DecompressionStream.
void installCompressionStreams(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::compression
