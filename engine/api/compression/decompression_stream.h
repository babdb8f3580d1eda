#pragma once
// DecompressionStream (https://compression.spec.whatwg.org/#decompression-stream).
//
// [Exposed=*] interface DecompressionStream {
//   constructor(CompressionFormat format);
// };
// DecompressionStream includes GenericTransformStream; // readable, writable

#include "api/compression/codec_transform.h"
#include "bind/class_builder.h"

namespace nano::api::compression {

class DecompressionStream final : public bind::Wrappable, public CodecTransform {
    NANO_BIND_CLASS(DecompressionStream)
public:
    explicit DecompressionStream(CompressionFormat format)
        : CodecTransform(this, ZlibCodec::Direction::Decompress, format)
    {}
    // https://compression.spec.whatwg.org/#dom-decompressionstream-decompressionstream
    static std::unique_ptr<DecompressionStream> construct(CompressionFormat format)
    {
        return std::make_unique<DecompressionStream>(format);
    }
    void constructed(bind::CallContext& cx);
    static void define(bind::ClassBuilder<DecompressionStream>& c);

    // IDL members.
    streams::ReadableStream* readable() const { return transformReadable(); }
    streams::WritableStream* writable() const { return transformWritable(); }
};

} // namespace nano::api::compression
