#pragma once
// TextDecoderStream (https://encoding.spec.whatwg.org/#interface-textdecoderstream).
//
// [Exposed=*] interface TextDecoderStream {
//   constructor(optional DOMString label = "utf-8", optional TextDecoderOptions options = {});
// };
// TextDecoderStream includes TextDecoderCommon;   // encoding, fatal, ignoreBOM
// TextDecoderStream includes GenericTransformStream; // readable, writable
//
// A TransformStream set up from C++ (https://streams.spec.whatwg.org/#transformstream-set-up)
// whose transform runs the same streaming decoder as TextDecoder.decode(..., {stream: true}).

#include "api/encoding/decoder.h"
#include "api/encoding/text_decoder.h"
#include "api/generic_transform_stream.h"
#include "bind/class_builder.h"

namespace nano::api {

class TextDecoderStream final : public bind::Wrappable, public GenericTransformStream {
    NANO_BIND_CLASS(TextDecoderStream)
public:
    TextDecoderStream(const encoding::Encoding& encoding, bool fatal, bool ignoreBOM)
        : GenericTransformStream(this)
        , m_encoding(encoding)
        , m_fatal(fatal)
        , m_ignoreBOM(ignoreBOM)
    {}
    // https://encoding.spec.whatwg.org/#dom-textdecoderstream
    static std::unique_ptr<TextDecoderStream> construct(bind::CallContext& cx,
                                                        std::optional<std::string> label,
                                                        TextDecoderOptions options);
    void constructed(bind::CallContext& cx);
    static void define(bind::ClassBuilder<TextDecoderStream>& c);

    // IDL members.
    std::string encoding() const { return m_encoding.name; }
    bool fatal() const { return m_fatal; }
    bool ignoreBOM() const { return m_ignoreBOM; }
    streams::ReadableStream* readable() const { return transformReadable(); }
    streams::WritableStream* writable() const { return transformWritable(); }

    // https://encoding.spec.whatwg.org/#decode-and-enqueue-a-chunk
    v8::Local<v8::Promise> transformAlgorithm(v8::Isolate* isolate,
                                              streams::TransformStreamDefaultController* controller,
                                              v8::Local<v8::Value> chunk) override;
    // https://encoding.spec.whatwg.org/#flush-and-enqueue
    v8::Local<v8::Promise> flushAlgorithm(
        v8::Isolate* isolate, streams::TransformStreamDefaultController* controller) override;

private:
    // Decodes the bytes (flush: end-of-queue after them) and enqueues the output if it is not
    // empty; a promise resolved with undefined, or rejected with the error.
    v8::Local<v8::Promise> decodeAndEnqueue(v8::Isolate* isolate,
                                            streams::TransformStreamDefaultController* controller,
                                            const uint8_t* data, size_t size, bool flush);

    const encoding::Encoding& m_encoding;
    bool m_fatal;
    bool m_ignoreBOM;
    bool m_bomSeen = false;
    std::unique_ptr<encoding::Decoder> m_decoder;
};

} // namespace nano::api
