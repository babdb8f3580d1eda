#include "api/fetch/header_list.h"

#include "api/fetch/mime_type.h"

#include <algorithm>
#include <set>

namespace nano::api::fetch {

namespace {

char byteLower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isHttpTabOrSpace(char c)
{
    return c == '\t' || c == ' ';
}

bool startsWithIgnoringCase(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && equalsIgnoringAsciiCase(s.substr(0, prefix.size()), prefix);
}

template <size_t N> bool isOneOf(std::string_view name, const std::string_view (&names)[N])
{
    return std::any_of(std::begin(names), std::end(names), [name](std::string_view candidate) {
        return equalsIgnoringAsciiCase(name, candidate);
    });
}

// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
bool isCorsUnsafeRequestHeaderByte(unsigned char c)
{
    if (c < 0x20) return c != 0x09;
    switch (c) {
    case 0x22:
    case 0x28:
    case 0x29:
    case 0x3A:
    case 0x3C:
    case 0x3E:
    case 0x3F:
    case 0x40:
    case 0x5B:
    case 0x5C:
    case 0x5D:
    case 0x7B:
    case 0x7D:
    case 0x7F: return true;
    default: return false;
    }
}

bool hasCorsUnsafeByte(std::string_view value)
{
    return std::any_of(value.begin(), value.end(), [](char c) {
        return isCorsUnsafeRequestHeaderByte(static_cast<unsigned char>(c));
    });
}

// Accept-Language and Content-Language: 0-9 A-Z a-z space * , - . ; =
bool isLanguageByte(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' ||
           c == '*' || c == ',' || c == '-' || c == '.' || c == ';' || c == '=';
}

std::string_view collectDigits(std::string_view data, size_t& position)
{
    const size_t start = position;
    while (position < data.size() && data[position] >= '0' && data[position] <= '9')
        ++position;
    return data.substr(start, position - start);
}

// Compares two non-empty decimal digit strings by value (they may exceed any integer type).
int compareDecimal(std::string_view a, std::string_view b)
{
    auto strip = [](std::string_view s) {
        while (s.size() > 1 && s.front() == '0')
            s.remove_prefix(1);
        return s;
    };
    a = strip(a);
    b = strip(b);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b);
}

// https://fetch.spec.whatwg.org/#simple-range-header-value with allowWhitespace false, as the
// CORS-safelisted check uses it: whether it parses and has a start.
bool isSimpleRangeWithStart(std::string_view data)
{
    if (data.substr(0, 5) != "bytes") return false;
    size_t position = 5;
    if (position >= data.size() || data[position] != '=') return false;
    ++position;
    const std::string_view rangeStart = collectDigits(data, position);
    if (position >= data.size() || data[position] != '-') return false;
    ++position;
    const std::string_view rangeEnd = collectDigits(data, position);
    if (position < data.size()) return false;
    if (rangeStart.empty()) return false; // a suffix range (or none at all) is not safelisted
    return rangeEnd.empty() || compareDecimal(rangeStart, rangeEnd) <= 0;
}

} // namespace

std::string_view trimHttpTabOrSpace(std::string_view s)
{
    while (!s.empty() && isHttpTabOrSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isHttpTabOrSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return byteLower(x) == byteLower(y);
           });
}

std::string byteLowercase(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), byteLower);
    return out;
}

// https://fetch.spec.whatwg.org/#collect-an-http-quoted-string
std::string collectHttpQuotedString(std::string_view input, size_t& position, bool extractValue)
{
    const size_t positionStart = position;
    std::string value;
    ++position; // step 4: past the opening quote
    while (true) {
        while (position < input.size() && input[position] != '"' && input[position] != '\\')
            value += input[position++];
        if (position >= input.size()) break;
        const char quoteOrBackslash = input[position++];
        if (quoteOrBackslash != '\\') break; // the closing quote
        if (position >= input.size()) {
            value += '\\';
            break;
        }
        value += input[position++];
    }
    if (extractValue) return value;
    return std::string(input.substr(positionStart, position - positionStart));
}

// https://fetch.spec.whatwg.org/#header-value-get-decode-and-split
std::vector<std::string> getDecodeAndSplit(std::string_view input)
{
    std::vector<std::string> values;
    std::string temporaryValue;
    size_t position = 0;
    while (true) {
        while (position < input.size() && input[position] != '"' && input[position] != ',')
            temporaryValue += input[position++];
        if (position < input.size() && input[position] == '"') {
            temporaryValue += collectHttpQuotedString(input, position, false);
            if (position < input.size()) continue;
        }
        values.emplace_back(trimHttpTabOrSpace(temporaryValue));
        temporaryValue.clear();
        if (position >= input.size()) return values;
        ++position; // past ','
    }
}

bool HeaderList::contains(std::string_view name) const
{
    return std::any_of(m_headers.begin(), m_headers.end(),
                       [name](const Header& h) { return equalsIgnoringAsciiCase(h.name, name); });
}

std::optional<std::string> HeaderList::get(std::string_view name) const
{
    std::optional<std::string> combined;
    for (const Header& header : m_headers) {
        if (!equalsIgnoringAsciiCase(header.name, name)) continue;
        if (combined)
            combined->append(", ").append(header.value);
        else
            combined = header.value;
    }
    return combined;
}

std::optional<std::vector<std::string>> HeaderList::getDecodeSplit(std::string_view name) const
{
    std::optional<std::string> value = get(name);
    if (!value) return std::nullopt;
    return getDecodeAndSplit(*value);
}

std::vector<std::string> HeaderList::values(std::string_view name) const
{
    std::vector<std::string> out;
    for (const Header& header : m_headers)
        if (equalsIgnoringAsciiCase(header.name, name)) out.push_back(header.value);
    return out;
}

// https://fetch.spec.whatwg.org/#concept-header-list-append
void HeaderList::append(Header header)
{
    for (const Header& existing : m_headers) {
        if (equalsIgnoringAsciiCase(existing.name, header.name)) {
            header.name = existing.name;
            break;
        }
    }
    m_headers.push_back(std::move(header));
}

// https://fetch.spec.whatwg.org/#concept-header-list-delete
void HeaderList::remove(std::string_view name)
{
    m_headers.erase(
        std::remove_if(m_headers.begin(), m_headers.end(),
                       [name](const Header& h) { return equalsIgnoringAsciiCase(h.name, name); }),
        m_headers.end());
}

// https://fetch.spec.whatwg.org/#concept-header-list-set
void HeaderList::set(Header header)
{
    auto first = std::find_if(m_headers.begin(), m_headers.end(), [&](const Header& h) {
        return equalsIgnoringAsciiCase(h.name, header.name);
    });
    if (first == m_headers.end()) {
        m_headers.push_back(std::move(header));
        return;
    }
    first->value = std::move(header.value);
    m_headers.erase(std::remove_if(std::next(first), m_headers.end(),
                                   [&](const Header& h) {
                                       return equalsIgnoringAsciiCase(h.name, first->name);
                                   }),
                    m_headers.end());
}

// https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine
std::vector<Header> HeaderList::sortAndCombine() const
{
    std::set<std::string> names; // byte order, as the spec's "sorted lowercase set"
    for (const Header& header : m_headers)
        names.insert(byteLowercase(header.name));
    std::vector<Header> headers;
    headers.reserve(names.size());
    for (const std::string& name : names) {
        if (name == "set-cookie") {
            for (std::string& value : values(name))
                headers.push_back({name, std::move(value)});
        } else {
            headers.push_back({name, *get(name)});
        }
    }
    return headers;
}

// https://fetch.spec.whatwg.org/#concept-header-value-normalize
std::string_view normalizeHeaderValue(std::string_view value)
{
    while (!value.empty() && isHttpWhitespace(static_cast<unsigned char>(value.front())))
        value.remove_prefix(1);
    while (!value.empty() && isHttpWhitespace(static_cast<unsigned char>(value.back())))
        value.remove_suffix(1);
    return value;
}

// https://fetch.spec.whatwg.org/#header-name: the field-name token of RFC 9110.
bool isHeaderName(std::string_view name)
{
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return isHttpTokenCodePoint(static_cast<unsigned char>(c));
    });
}

// https://fetch.spec.whatwg.org/#header-value
bool isHeaderValue(std::string_view value)
{
    if (!value.empty() && (isHttpTabOrSpace(value.front()) || isHttpTabOrSpace(value.back())))
        return false;
    return std::none_of(value.begin(), value.end(),
                        [](char c) { return c == '\0' || c == '\n' || c == '\r'; });
}

// https://fetch.spec.whatwg.org/#forbidden-method
bool isForbiddenMethod(std::string_view method)
{
    static constexpr std::string_view kMethods[] = {"CONNECT", "TRACE", "TRACK"};
    return isOneOf(method, kMethods);
}

// https://fetch.spec.whatwg.org/#forbidden-request-header
bool isForbiddenRequestHeader(std::string_view name, std::string_view value)
{
    static constexpr std::string_view kNames[] = {
        "Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers",
        "Access-Control-Request-Method",
        // from the Private Network Access draft
        // (WPT tests it as tentative)
        "Access-Control-Request-Private-Network", "Connection", "Content-Length", "Cookie",
        "Cookie2", "Date", "DNT", "Expect", "Host", "Keep-Alive", "Origin", "Referer", "Set-Cookie",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Via"};
    if (isOneOf(name, kNames)) return true;
    if (startsWithIgnoringCase(name, "proxy-") || startsWithIgnoringCase(name, "sec-")) return true;
    static constexpr std::string_view kMethodOverrides[] = {
        "X-HTTP-Method", "X-HTTP-Method-Override", "X-Method-Override"};
    if (isOneOf(name, kMethodOverrides)) {
        for (const std::string& method : getDecodeAndSplit(value))
            if (isForbiddenMethod(method)) return true;
    }
    return false;
}

// https://fetch.spec.whatwg.org/#forbidden-response-header-name
bool isForbiddenResponseHeaderName(std::string_view name)
{
    static constexpr std::string_view kNames[] = {"Set-Cookie", "Set-Cookie2"};
    return isOneOf(name, kNames);
}

// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
bool isCorsSafelistedRequestHeader(std::string_view name, std::string_view value)
{
    if (value.size() > 128) return false;
    const std::string lower = byteLowercase(name);
    if (lower == "accept") return !hasCorsUnsafeByte(value);
    if (lower == "accept-language" || lower == "content-language")
        return std::all_of(value.begin(), value.end(), isLanguageByte);
    if (lower == "content-type") {
        if (hasCorsUnsafeByte(value)) return false;
        const std::optional<MimeType> mimeType = parseMimeType(value);
        if (!mimeType) return false;
        const std::string essence = mimeType->essence();
        return essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data" ||
               essence == "text/plain";
    }
    if (lower == "range") return isSimpleRangeWithStart(value);
    return false;
}

// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header-name
bool isNoCorsSafelistedRequestHeaderName(std::string_view name)
{
    static constexpr std::string_view kNames[] = {"Accept", "Accept-Language", "Content-Language",
                                                  "Content-Type"};
    return isOneOf(name, kNames);
}

// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header
bool isNoCorsSafelistedRequestHeader(std::string_view name, std::string_view value)
{
    return isNoCorsSafelistedRequestHeaderName(name) && isCorsSafelistedRequestHeader(name, value);
}

// https://fetch.spec.whatwg.org/#privileged-no-cors-request-header-name
bool isPrivilegedNoCorsRequestHeaderName(std::string_view name)
{
    return equalsIgnoringAsciiCase(name, "Range");
}

} // namespace nano::api::fetch
