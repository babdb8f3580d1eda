#include "api/fetch/mime_type.h"

#include "api/fetch/header_list.h"

#include <algorithm>

namespace nano::api::fetch {

namespace {

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string asciiLowercase(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), asciiLower);
    return out;
}

bool solelyTokenCodePoints(std::string_view s)
{
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return isHttpTokenCodePoint(static_cast<unsigned char>(c)); });
}

// https://mimesniff.spec.whatwg.org/#http-quoted-string-token-code-point
bool isQuotedStringTokenCodePoint(unsigned char c)
{
    return c == 0x09 || (c >= 0x20 && c <= 0x7E) || c >= 0x80;
}

std::string_view trimTrailingHttpWhitespace(std::string_view s)
{
    while (!s.empty() && isHttpWhitespace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

// Reads the input a code point (here: a byte) at a time, as the spec's position variable does.
class Cursor {
public:
    explicit Cursor(std::string_view input)
        : m_input(input)
    {}
    bool atEnd() const { return m_position >= m_input.size(); }
    char current() const { return m_input[m_position]; }
    void advance() { ++m_position; }
    // https://infra.spec.whatwg.org/#collect-a-sequence-of-code-points
    template <class Predicate> std::string_view collect(Predicate keep)
    {
        const size_t start = m_position;
        while (!atEnd() && keep(current()))
            advance();
        return m_input.substr(start, m_position - start);
    }
    std::string_view collectUntil(char a, char b = '\0')
    {
        return collect([a, b](char c) { return c != a && (b == '\0' || c != b); });
    }
    std::string collectQuotedStringValue()
    {
        return collectHttpQuotedString(m_input, m_position, true);
    }

private:
    std::string_view m_input;
    size_t m_position = 0;
};

} // namespace

// https://mimesniff.spec.whatwg.org/#http-token-code-point
bool isHttpTokenCodePoint(unsigned char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~': return true;
    default: return false;
    }
}

const std::string* MimeType::parameter(std::string_view name) const
{
    for (const auto& [key, value] : parameters)
        if (key == name) return &value;
    return nullptr;
}

// https://mimesniff.spec.whatwg.org/#parse-a-mime-type
std::optional<MimeType> parseMimeType(std::string_view input)
{
    // Step 1: strip leading and trailing HTTP whitespace.
    while (!input.empty() && isHttpWhitespace(static_cast<unsigned char>(input.front())))
        input.remove_prefix(1);
    input = trimTrailingHttpWhitespace(input);

    Cursor cursor(input);
    // Steps 3-6.
    const std::string_view type = cursor.collectUntil('/');
    if (type.empty() || !solelyTokenCodePoints(type) || cursor.atEnd()) return std::nullopt;
    cursor.advance();
    // Steps 7-9.
    const std::string_view subtype = trimTrailingHttpWhitespace(cursor.collectUntil(';'));
    if (subtype.empty() || !solelyTokenCodePoints(subtype)) return std::nullopt;

    MimeType mimeType{asciiLowercase(type), asciiLowercase(subtype), {}};
    // Step 11: the parameters.
    while (!cursor.atEnd()) {
        cursor.advance(); // past ';'
        cursor.collect([](char c) { return isHttpWhitespace(static_cast<unsigned char>(c)); });
        std::string name = asciiLowercase(cursor.collectUntil(';', '='));
        if (!cursor.atEnd()) {
            if (cursor.current() == ';') continue;
            cursor.advance(); // past '='
        }
        if (cursor.atEnd()) break;

        std::string value;
        if (cursor.current() == '"') {
            value = cursor.collectQuotedStringValue();
            cursor.collectUntil(';');
        } else {
            value = std::string(trimTrailingHttpWhitespace(cursor.collectUntil(';')));
            if (value.empty()) continue;
        }
        const bool valueIsValid = std::all_of(value.begin(), value.end(), [](char c) {
            return isQuotedStringTokenCodePoint(static_cast<unsigned char>(c));
        });
        if (!name.empty() && solelyTokenCodePoints(name) && valueIsValid &&
            !mimeType.parameter(name))
            mimeType.parameters.emplace_back(std::move(name), std::move(value));
    }
    return mimeType;
}

// https://mimesniff.spec.whatwg.org/#serializing-a-mime-type
std::string MimeType::serialize() const
{
    std::string serialization = essence();
    for (const auto& [name, value] : parameters) {
        serialization += ';';
        serialization += name;
        serialization += '=';
        if (!value.empty() && solelyTokenCodePoints(value)) {
            serialization += value;
            continue;
        }
        serialization += '"';
        for (char c : value) {
            if (c == '"' || c == '\\') serialization += '\\';
            serialization += c;
        }
        serialization += '"';
    }
    return serialization;
}

} // namespace nano::api::fetch
