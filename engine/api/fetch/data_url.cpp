#include "api/fetch/data_url.h"

#include "api/encoding/base64.h"
#include "api/fetch/header_list.h"
#include "api/url/percent_encode.h"

namespace nano::api::fetch {

namespace {

bool isAsciiWhitespace(char c)
{
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

std::string_view stripAsciiWhitespace(std::string_view s)
{
    while (!s.empty() && isAsciiWhitespace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isAsciiWhitespace(s.back()))
        s.remove_suffix(1);
    return s;
}

bool endsWithIgnoringAsciiCase(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() &&
           equalsIgnoringAsciiCase(s.substr(s.size() - suffix.size()), suffix);
}

// Step 11's test: mimeType ends with ";", zero or more U+0020, then "base64" (any case).
bool hasBase64Suffix(std::string_view mimeType)
{
    if (!endsWithIgnoringAsciiCase(mimeType, "base64")) return false;
    mimeType.remove_suffix(6);
    while (!mimeType.empty() && mimeType.back() == ' ')
        mimeType.remove_suffix(1);
    return !mimeType.empty() && mimeType.back() == ';';
}

} // namespace

// https://fetch.spec.whatwg.org/#data-url-processor
std::optional<DataUrl> processDataUrl(const url::UrlRecord& dataUrl)
{
    // Steps 1-3: the URL serialized without its fragment, less "data:".
    std::string_view input = dataUrl.hrefWithoutFragment();
    input.remove_prefix(dataUrl.scheme().size() + 1);
    // Steps 4-7.
    const size_t comma = input.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    std::string mimeType(stripAsciiWhitespace(input.substr(0, comma)));
    // Steps 8-10.
    std::string body = url::percentDecode(input.substr(comma + 1));
    // Step 11.
    if (hasBase64Suffix(mimeType)) {
        // An isomorphic decode: each byte is one code point.
        std::u16string stringBody(body.size(), u'\0');
        for (size_t i = 0; i < body.size(); ++i)
            stringBody[i] = static_cast<unsigned char>(body[i]);
        std::optional<std::string> decoded = forgivingBase64Decode(stringBody);
        if (!decoded) return std::nullopt;
        body = std::move(*decoded);
        mimeType.resize(mimeType.size() - 6);
        while (!mimeType.empty() && mimeType.back() == ' ')
            mimeType.pop_back();
        mimeType.pop_back(); // the ';'
    }
    // Step 12.
    if (!mimeType.empty() && mimeType.front() == ';') mimeType.insert(0, "text/plain");
    // Steps 13-14.
    std::optional<MimeType> record = parseMimeType(mimeType);
    if (!record) record = parseMimeType("text/plain;charset=US-ASCII");
    // Step 15.
    return DataUrl{std::move(*record), std::move(body)};
}

} // namespace nano::api::fetch
