#include "api/encoding/text_encoder.h"

#include "api/encoding/text_decoder.h"

namespace nano::api {

// https://encoding.spec.whatwg.org/#dom-textencoder-encode: the USVString conversion already
// replaced lone surrogates, so the UTF-8 bytes are the input's.
bind::NewUint8Array TextEncoder::encode(std::optional<std::string> input)
{
    bind::NewUint8Array out;
    if (input) out.bytes.assign(input->begin(), input->end());
    return out;
}

// https://encoding.spec.whatwg.org/#dom-textencoder-encodeinto
v8::Local<v8::Value> TextEncoder::encodeInto(bind::CallContext& cx, std::u16string source,
                                             bind::AllowSharedArrayBufferView destination)
{
    v8::Isolate* isolate = cx.isolate();
    if (!destination.viewObject(isolate)->IsUint8Array()) {
        cx.throwTypeError("parameter 2 is not of type 'Uint8Array'.");
        return {};
    }
    uint8_t* out = destination.mutableData();
    const size_t capacity = destination.size();
    size_t read = 0;
    size_t written = 0;
    const size_t length = source.size();
    // Steps 3-5: encode code point by code point until one does not fit.
    while (read < length) {
        uint32_t cp = source[read];
        size_t units = 1;
        if (cp >= 0xD800 && cp <= 0xDBFF && read + 1 < length && source[read + 1] >= 0xDC00 &&
            source[read + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (source[read + 1] - 0xDC00);
            units = 2;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD; // USVString: a lone surrogate is U+FFFD
        }
        const size_t bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (written + bytes > capacity) break;
        uint8_t* p = out + written;
        switch (bytes) {
        case 1: p[0] = static_cast<uint8_t>(cp); break;
        case 2:
            p[0] = static_cast<uint8_t>(0xC0 | (cp >> 6));
            p[1] = static_cast<uint8_t>(0x80 | (cp & 0x3F));
            break;
        case 3:
            p[0] = static_cast<uint8_t>(0xE0 | (cp >> 12));
            p[1] = static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3F));
            p[2] = static_cast<uint8_t>(0x80 | (cp & 0x3F));
            break;
        default:
            p[0] = static_cast<uint8_t>(0xF0 | (cp >> 18));
            p[1] = static_cast<uint8_t>(0x80 | ((cp >> 12) & 0x3F));
            p[2] = static_cast<uint8_t>(0x80 | ((cp >> 6) & 0x3F));
            p[3] = static_cast<uint8_t>(0x80 | (cp & 0x3F));
            break;
        }
        written += bytes;
        read += units;
    }
    v8::Local<v8::Context> context = cx.context();
    v8::Local<v8::Object> result = v8::Object::New(isolate);
    if (result
            ->CreateDataProperty(context, bind::name(isolate, "read"),
                                 v8::Number::New(isolate, static_cast<double>(read)))
            .IsNothing() ||
        result
            ->CreateDataProperty(context, bind::name(isolate, "written"),
                                 v8::Number::New(isolate, static_cast<double>(written)))
            .IsNothing()) {
        cx.setFailed();
        return {};
    }
    return result;
}

void TextEncoder::define(bind::ClassBuilder<TextEncoder>& c)
{
    c.constructor<&TextEncoder::construct>()
        .readonlyAttribute<&TextEncoder::encoding>("encoding")
        .method<&TextEncoder::encode>("encode")
        .method<&TextEncoder::encodeInto>("encodeInto");
}

void installEncoding(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<TextEncoder>(context, global);
    bind::exposeLazily<TextDecoder>(context, global);
}

} // namespace nano::api
