#include "api/encoding/base64.h"

#include "bind/namespace_builder.h"

namespace nano::api {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int8_t decodeValue(char16_t c)
{
    if (c >= 'A' && c <= 'Z') return static_cast<int8_t>(c - 'A');
    if (c >= 'a' && c <= 'z') return static_cast<int8_t>(c - 'a' + 26);
    if (c >= '0' && c <= '9') return static_cast<int8_t>(c - '0' + 52);
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

bool isAsciiWhitespace(char16_t c)
{
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

// https://html.spec.whatwg.org/#dom-btoa
bind::ByteString btoa(bind::CallContext& cx, std::u16string data)
{
    std::string bytes;
    bytes.reserve(data.size());
    for (char16_t c : data) {
        if (c > 0xFF) {
            cx.throwDOMException("InvalidCharacterError",
                                 "The string to be encoded contains characters outside of the "
                                 "Latin1 range.");
            return {};
        }
        bytes.push_back(static_cast<char>(c));
    }
    return bind::ByteString{
        forgivingBase64Encode(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size())};
}

// https://html.spec.whatwg.org/#dom-atob
bind::ByteString atob(bind::CallContext& cx, std::u16string data)
{
    std::optional<std::string> decoded = forgivingBase64Decode(data);
    if (!decoded) {
        cx.throwDOMException("InvalidCharacterError",
                             "The string to be decoded is not correctly encoded.");
        return {};
    }
    return bind::ByteString{std::move(*decoded)};
}

} // namespace

std::string forgivingBase64Encode(const uint8_t* data, size_t size)
{
    std::string out;
    out.reserve((size + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const uint32_t n = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        out.push_back(kAlphabet[n >> 18]);
        out.push_back(kAlphabet[(n >> 12) & 63]);
        out.push_back(kAlphabet[(n >> 6) & 63]);
        out.push_back(kAlphabet[n & 63]);
    }
    if (size - i == 1) {
        const uint32_t n = data[i] << 16;
        out.push_back(kAlphabet[n >> 18]);
        out.push_back(kAlphabet[(n >> 12) & 63]);
        out.append("==");
    } else if (size - i == 2) {
        const uint32_t n = (data[i] << 16) | (data[i + 1] << 8);
        out.push_back(kAlphabet[n >> 18]);
        out.push_back(kAlphabet[(n >> 12) & 63]);
        out.push_back(kAlphabet[(n >> 6) & 63]);
        out.push_back('=');
    }
    return out;
}

std::optional<std::string> forgivingBase64Decode(std::u16string_view input)
{
    // Step 1: remove ASCII whitespace.
    std::u16string data;
    data.reserve(input.size());
    for (char16_t c : input) {
        if (!isAsciiWhitespace(c)) data.push_back(c);
    }
    // Step 2: one or two trailing '=' when the length is a multiple of 4.
    if (data.size() % 4 == 0 && !data.empty() && data.back() == '=') {
        data.pop_back();
        if (!data.empty() && data.back() == '=') data.pop_back();
    }
    // Step 3.
    if (data.size() % 4 == 1) return std::nullopt;
    // Steps 4-9.
    std::string out;
    out.reserve(data.size() / 4 * 3 + 2);
    uint32_t buffer = 0;
    int bits = 0;
    for (char16_t c : data) {
        const int8_t value = decodeValue(c);
        if (value < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<uint32_t>(value);
        bits += 6;
        if (bits == 24) {
            out.push_back(static_cast<char>((buffer >> 16) & 0xFF));
            out.push_back(static_cast<char>((buffer >> 8) & 0xFF));
            out.push_back(static_cast<char>(buffer & 0xFF));
            buffer = 0;
            bits = 0;
        }
    }
    // Step 10: 12 or 18 leftover bits hold one or two bytes; the rest are discarded.
    if (bits == 12) {
        out.push_back(static_cast<char>((buffer >> 4) & 0xFF));
    } else if (bits == 18) {
        out.push_back(static_cast<char>((buffer >> 10) & 0xFF));
        out.push_back(static_cast<char>((buffer >> 2) & 0xFF));
    }
    return out;
}

void installBase64(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::NamespaceBuilder(context, global, nullptr)
        .function<&atob>("atob")
        .function<&btoa>("btoa");
}

} // namespace nano::api
