#pragma once
// TextEncoderStream (https://encoding.spec.whatwg.org/#interface-textencoderstream).
//
// [Exposed=*] interface TextEncoderStream {
//   constructor();
// };
// TextEncoderStream includes TextEncoderCommon;      // encoding ("utf-8")
// TextEncoderStream includes GenericTransformStream; // readable, writable
//
// Chunks are converted with ToString; a surrogate pair split across two chunks is encoded as
// its one code point (the encoder keeps the leading surrogate until the next chunk).

#include "api/generic_transform_stream.h"
#include "bind/class_builder.h"

namespace nano::api {

class TextEncoderStream final : public bind::Wrappable, public GenericTransformStream {
    NANO_BIND_CLASS(TextEncoderStream)
public:
    TextEncoderStream()
        : GenericTransformStream(this)
    {}
    // https://encoding.spec.whatwg.org/#dom-textencoderstream
    static std::unique_ptr<TextEncoderStream> construct()
    {
        return std::make_unique<TextEncoderStream>();
    }
    void constructed(bind::CallContext& cx);
    static void define(bind::ClassBuilder<TextEncoderStream>& c);

    // IDL members.
    std::string encoding() const { return "utf-8"; }
    streams::ReadableStream* readable() const { return transformReadable(); }
    streams::WritableStream* writable() const { return transformWritable(); }

    // https://encoding.spec.whatwg.org/#encode-and-enqueue-a-chunk
    v8::Local<v8::Promise> transformAlgorithm(v8::Isolate* isolate,
                                              streams::TransformStreamDefaultController* controller,
                                              v8::Local<v8::Value> chunk) override;
    // https://encoding.spec.whatwg.org/#encode-and-flush
    v8::Local<v8::Promise> flushAlgorithm(
        v8::Isolate* isolate, streams::TransformStreamDefaultController* controller) override;

private:
    // https://encoding.spec.whatwg.org/#textencoderstream-pending-high-surrogate (0: none)
    char16_t m_leadingSurrogate = 0;
};

// Installs TextEncoderStream and TextDecoderStream.
void installEncodingStreams(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
