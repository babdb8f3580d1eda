#include "api/encoding/text_decoder.h"

namespace nano::api {

// https://encoding.spec.whatwg.org/#dom-textdecoder
std::unique_ptr<TextDecoder> TextDecoder::construct(bind::CallContext& cx,
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
    return std::make_unique<TextDecoder>(*found, options.fatal, options.ignoreBOM);
}

// https://encoding.spec.whatwg.org/#dom-textdecoder-decode
v8::Local<v8::Value> TextDecoder::decode(bind::CallContext& cx,
                                         std::optional<bind::AllowSharedBufferSource> input,
                                         TextDecodeOptions options)
{
    v8::Isolate* isolate = cx.isolate();
    const uint8_t* data = input ? input->data() : nullptr;
    const size_t size = input ? input->size() : 0;
    // Step 1: a new decoder unless the previous call was streaming.
    if (!m_doNotFlush) {
        m_decoder.reset();
        m_bomSeen = false;
    }
    // Step 2.
    m_doNotFlush = options.stream;
    const bool unicode = m_encoding.kind == encoding::Kind::Utf8 ||
                         m_encoding.kind == encoding::Kind::Utf16LE ||
                         m_encoding.kind == encoding::Kind::Utf16BE;
    // Fast path: a whole UTF-8 input that is ASCII decodes to itself.
    if (!m_decoder && !options.stream && m_encoding.kind == encoding::Kind::Utf8 &&
        encoding::isAscii(data, size)) {
        v8::Local<v8::String> out;
        if (!bind::newString(isolate, std::string_view(reinterpret_cast<const char*>(data), size))
                 .ToLocal(&out)) {
            cx.throwRangeError("The decoded string is too long.");
            return {};
        }
        return out;
    }
    if (!m_decoder) {
        m_decoder = encoding::Decoder::create(m_encoding, m_fatal);
        if (!m_decoder) {
            cx.throwDOMException("NotSupportedError", std::string("The '") + m_encoding.name +
                                                          "' decoder is not available.");
            return {};
        }
    }
    // Steps 3-5.
    std::u16string output;
    if (!m_decoder->decode(data, size, !options.stream, output)) {
        m_decoder.reset();
        m_doNotFlush = false;
        cx.throwTypeError("The encoded data was not valid for encoding " +
                          std::string(m_encoding.name) + ".");
        return {};
    }
    // https://encoding.spec.whatwg.org/#concept-td-serialize: a BOM at the very start of a
    // Unicode stream is dropped unless ignoreBOM.
    if (unicode && !m_ignoreBOM && !m_bomSeen && !output.empty()) {
        m_bomSeen = true;
        if (output.front() == 0xFEFF) output.erase(0, 1);
    }
    v8::Local<v8::String> out;
    if (!bind::newString(isolate, output).ToLocal(&out)) {
        cx.throwRangeError("The decoded string is too long.");
        return {};
    }
    return out;
}

void TextDecoder::define(bind::ClassBuilder<TextDecoder>& c)
{
    c.constructor<&TextDecoder::construct>()
        .readonlyAttribute<&TextDecoder::encoding>("encoding")
        .readonlyAttribute<&TextDecoder::fatal>("fatal")
        .readonlyAttribute<&TextDecoder::ignoreBOM>("ignoreBOM")
        .method<&TextDecoder::decode>("decode");
}

} // namespace nano::api
