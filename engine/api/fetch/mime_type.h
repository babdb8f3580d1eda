#pragma once
// MIME types (https://mimesniff.spec.whatwg.org/#mime-type-representation): parsing and
// serializing as the MIME Sniffing standard says. Fetch uses them to decide whether a
// Content-Type is CORS-safelisted, and a body's type (Blob, FormData) is extracted with them.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nano::api::fetch {

struct MimeType {
    std::string type;    // ASCII lowercase
    std::string subtype; // ASCII lowercase
    // In the order they appeared; names lowercase, unique (the first occurrence wins).
    std::vector<std::pair<std::string, std::string>> parameters;

    // https://mimesniff.spec.whatwg.org/#mime-type-essence
    std::string essence() const { return type + '/' + subtype; }
    const std::string* parameter(std::string_view name) const;
    // https://mimesniff.spec.whatwg.org/#serializing-a-mime-type
    std::string serialize() const;
};

// https://mimesniff.spec.whatwg.org/#parse-a-mime-type; the input is a string of code points
// below U+0100 held one byte each (an isomorphic decode of a header value, or a Latin-1
// string). Empty on failure.
std::optional<MimeType> parseMimeType(std::string_view input);

// https://mimesniff.spec.whatwg.org/#http-token-code-point
bool isHttpTokenCodePoint(unsigned char c);
// https://fetch.spec.whatwg.org/#http-whitespace-byte
inline bool isHttpWhitespace(unsigned char c)
{
    return c == 0x09 || c == 0x0A || c == 0x0D || c == 0x20;
}

} // namespace nano::api::fetch
