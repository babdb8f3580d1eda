#include "api/encoding/text_decoder_stream.h"

#include "api/streams/readable_stream.h"
#include "api/streams/stream_inspection.h"
#include "api/streams/writable_stream.h"
#include "bind/errors.h"

namespace nano::api {

namespace {
constexpr const char* kClass = "TextDecoderStream";
}

// https://encoding.spec.whatwg.org/#dom-textdecoderstream
std::unique_ptr<TextDecoderStream> TextDecoderStream::construct(bind::CallContext& cx,
                                                                std::optional<std::string> label,
                                                                TextDecoderOptions options)
{
    // Steps 1-2.
    const std::string text = label.value_or("utf-8");
    const encoding::Encoding* found = encoding::getEncoding(text);
    if (!found || found->kind == encoding::Kind::Replacement) {
        cx.throwRangeError("The encoding label provided ('" + text + "') is invalid.");
        return nullptr;
    }
    // Steps 3-5.
    return std::make_unique<TextDecoderStream>(*found, options.fatal, options.ignoreBOM);
}

// Steps 6-10: the transform stream, set up once the wrapper exists.
void TextDecoderStream::constructed(bind::CallContext& cx)
{
    if (!setUpTransform(cx.isolate(), QStringLiteral("TextDecoderStream ") + m_encoding.name +
                                          QStringLiteral(" at ") +
                                          streams::callSiteLabel(cx.isolate())))
        cx.setFailed();
}

// https://encoding.spec.whatwg.org/#decode-and-enqueue-a-chunk
v8::Local<v8::Promise> TextDecoderStream::transformAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
    v8::Local<v8::Value> chunk)
{
    // Step 1: an AllowSharedBufferSource, or a TypeError.
    std::optional<bind::AllowSharedBufferSource> bytes = bind::AllowSharedBufferSource::from(chunk);
    if (!bytes)
        return completion(isolate,
                          typeError(isolate, kClass, "transform",
                                    "The chunk is not an ArrayBuffer or ArrayBufferView."));
    // Steps 2-5 (the decoder reads the bytes where they are: nothing else runs meanwhile).
    return decodeAndEnqueue(isolate, controller, bytes->data(), bytes->size(), false);
}

// https://encoding.spec.whatwg.org/#flush-and-enqueue
v8::Local<v8::Promise> TextDecoderStream::flushAlgorithm(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller)
{
    return decodeAndEnqueue(isolate, controller, nullptr, 0, true);
}

v8::Local<v8::Promise> TextDecoderStream::decodeAndEnqueue(
    v8::Isolate* isolate, streams::TransformStreamDefaultController* controller,
    const uint8_t* data, size_t size, bool flush)
{
    if (!m_decoder) {
        m_decoder = encoding::Decoder::create(m_encoding, m_fatal);
        if (!m_decoder)
            return completion(isolate,
                              bind::newDOMException(isolate, "NotSupportedError",
                                                    std::string("The '") + m_encoding.name +
                                                        "' decoder is not available."));
    }
    std::u16string output;
    if (!m_decoder->decode(data, size, flush, output))
        return completion(isolate, typeError(isolate, kClass, flush ? "flush" : "transform",
                                             "The encoded data was not valid for encoding " +
                                                 std::string(m_encoding.name) + "."));
    // https://encoding.spec.whatwg.org/#concept-td-serialize: a BOM at the very start of a
    // Unicode stream is dropped unless ignoreBOM.
    const bool unicode = m_encoding.kind == encoding::Kind::Utf8 ||
                         m_encoding.kind == encoding::Kind::Utf16LE ||
                         m_encoding.kind == encoding::Kind::Utf16BE;
    if (unicode && !m_ignoreBOM && !m_bomSeen && !output.empty()) {
        m_bomSeen = true;
        if (output.front() == 0xFEFF) output.erase(0, 1);
    }
    // "If outputChunk is non-empty, then enqueue outputChunk."
    if (output.empty()) return completion(isolate, {});
    v8::Local<v8::String> string;
    if (!bind::newString(isolate, output).ToLocal(&string))
        return completion(isolate,
                          bind::makeError(isolate, "RangeError",
                                          {bind::CallSite::Kind::Method, kClass, "transform"},
                                          "The decoded string is too long."));
    v8::Local<v8::Value> error;
    enqueue(isolate, controller, string, error);
    return completion(isolate, error);
}

void TextDecoderStream::define(bind::ClassBuilder<TextDecoderStream>& c)
{
    c.constructor<&TextDecoderStream::construct>()
        .readonlyAttribute<&TextDecoderStream::encoding>("encoding")
        .readonlyAttribute<&TextDecoderStream::fatal>("fatal")
        .readonlyAttribute<&TextDecoderStream::ignoreBOM>("ignoreBOM")
        .readonlyAttribute<&TextDecoderStream::readable>("readable")
        .readonlyAttribute<&TextDecoderStream::writable>("writable");
}

} // namespace nano::api
