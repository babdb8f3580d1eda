#include "engine/api/console/formatter_text.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <locale.h>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

namespace nano::api::formatter_detail {

namespace {

bool isHighSurrogate(char16_t c)
{
    return c >= 0xD800 && c <= 0xDBFF;
}
bool isLowSurrogate(char16_t c)
{
    return c >= 0xDC00 && c <= 0xDFFF;
}

void appendCodePoint(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

// The decimal digits of `value`, zero-padded to `width`.
std::string zeroPadded(long long value, int width)
{
    std::string digits = std::to_string(value);
    return std::string(std::size_t(std::max(0, width - int(digits.size()))), '0') + digits;
}

// Node's `meta` table for the characters it escapes by code (C0, DEL and C1 controls).
std::string metaEscape(char16_t c)
{
    switch (c) {
    case 8: return "\\b";
    case 9: return "\\t";
    case 10: return "\\n";
    case 12: return "\\f";
    case 13: return "\\r";
    default: break;
    }
    return "\\x" + toHex(c, 2, true);
}

// The body of Node's strEscape(): `escapeQuote` says whether ' is escaped.
std::string escapeBody(std::u16string_view s, bool escapeQuote)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char16_t c = s[i];
        if (c == u'\'' && escapeQuote) {
            out += "\\'";
        } else if (c == u'\\') {
            out += "\\\\";
        } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            out += metaEscape(c);
        } else if (isHighSurrogate(c) && i + 1 < s.size() && isLowSurrogate(s[i + 1])) {
            const uint32_t cp = 0x10000 + ((uint32_t(c) - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            appendCodePoint(out, cp);
            ++i;
        } else if (isHighSurrogate(c) || isLowSurrogate(c)) {
            out += "\\u" + toHex(c);
        } else {
            appendCodePoint(out, c);
        }
    }
    return out;
}

bool contains(std::u16string_view s, std::u16string_view what)
{
    return s.find(what) != std::u16string_view::npos;
}

// ECMAScript StrWhiteSpaceChar (WhiteSpace and LineTerminator).
bool isJsWhitespace(char16_t c)
{
    switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF: return true;
    default: return c >= 0x2000 && c <= 0x200A;
    }
}

std::size_t skipJsWhitespace(std::u16string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && isJsWhitespace(s[i]))
        ++i;
    return i;
}

bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

// Node's GetColumnWidth() from src/node_i18n.cc (ambiguous characters are narrow).
int columnWidth(UChar32 cp)
{
    const int eaw = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    switch (eaw) {
    case U_EA_FULLWIDTH:
    case U_EA_WIDE: return 2;
    case U_EA_AMBIGUOUS:
    case U_EA_NEUTRAL:
        if (u_hasBinaryProperty(cp, UCHAR_EMOJI_PRESENTATION)) return 2;
        [[fallthrough]];
    default: {
        const uint32_t zeroWidthMask = U_GC_CC_MASK | U_GC_CF_MASK | U_GC_ME_MASK | U_GC_MN_MASK;
        if (cp != 0x00AD && ((U_MASK(u_charType(cp)) & zeroWidthMask) ||
                             u_hasBinaryProperty(cp, UCHAR_EMOJI_MODIFIER)))
            return 0;
        return 1;
    }
    }
}

int icuStringWidth(std::string_view utf8)
{
    std::u16string text = utf8ToUtf16(utf8);
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2* nfc = unorm2_getNFCInstance(&status);
    if (U_SUCCESS(status)) {
        std::u16string normalized(text.size() * 3 + 16, u'\0');
        const int32_t n = unorm2_normalize(
            nfc, reinterpret_cast<const UChar*>(text.data()), int32_t(text.size()),
            reinterpret_cast<UChar*>(normalized.data()), int32_t(normalized.size()), &status);
        if (U_SUCCESS(status)) {
            normalized.resize(std::size_t(n));
            text.swap(normalized);
        }
    }
    int width = 0;
    const auto* str = reinterpret_cast<const UChar*>(text.data());
    const int32_t length = int32_t(text.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c;
        U16_NEXT(str, i, length, c);
        width += columnWidth(c);
    }
    return width;
}

// --- ansi-regex, as used by Node's stripVTControlCharacters() -------------------------------
// [\u001B\u009B][[\]()#;?]*(?:
//   (?:(?:(?:;[-a-zA-Z\d\/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d\/#&.:=?%@~_]*)*)?
//    (?:\u0007|\u001B\u005C|\u009C))
//   |(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]))
// Matched on UTF-8 bytes; \u009B and \u009C are the two-byte sequences C2 9B and C2 9C.

bool isAnsiPrefixChar(char c)
{
    return c == '[' || c == ']' || c == '(' || c == ')' || c == '#' || c == ';' || c == '?';
}

bool isAnsiParamChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '/' || c == '#' ||
           c == '&' || c == '.' || c == ':' || c == '=' || c == '?' || c == '%' || c == '@' ||
           c == '~' || c == '_';
}

bool isAnsiFinalChar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'P') || (c >= 'R' && c <= 'T') || c == 'Z' ||
           c == 'c' || c == 'f' || c == 'g' || c == 'h' || c == 'i' || c == 'j' || c == 'k' ||
           c == 'l' || c == 'm' || c == 'n' || c == 'q' || c == 'r' || c == 's' || c == 't' ||
           c == 'u' || c == 'y' || c == '=' || c == '>' || c == '<' || c == '~';
}

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Length of the string terminator (BEL, ESC \ or U+009C) at `p`, or 0.
std::size_t ansiTerminatorAt(std::string_view s, std::size_t p)
{
    if (p < s.size() && s[p] == '\x07') return 1;
    if (p + 1 < s.size() && s[p] == '\x1b' && s[p + 1] == '\\') return 2;
    if (p + 1 < s.size() && s[p] == '\xc2' && s[p + 1] == '\x9c') return 2;
    return 0;
}

// First alternative (OSC-like sequences). Returns the end position or npos.
std::size_t matchAnsiOsc(std::string_view s, std::size_t p)
{
    constexpr auto npos = std::string_view::npos;
    // (?:;[params]+)*  -- only the longest run can be followed by a terminator.
    std::size_t q = p;
    while (q + 1 < s.size() && s[q] == ';' && isAnsiParamChar(s[q + 1])) {
        ++q;
        while (q < s.size() && isAnsiParamChar(s[q]))
            ++q;
    }
    if (std::size_t t = ansiTerminatorAt(s, q)) return q + t;
    // [a-zA-Z\d]+(?:;[params]*)*
    q = p;
    while (q < s.size() && std::isalnum(static_cast<unsigned char>(s[q])))
        ++q;
    if (q > p) {
        while (q < s.size() && s[q] == ';') {
            ++q;
            while (q < s.size() && isAnsiParamChar(s[q]))
                ++q;
        }
        if (std::size_t t = ansiTerminatorAt(s, q)) return q + t;
    }
    if (std::size_t t = ansiTerminatorAt(s, p)) return p + t;
    return npos;
}

// (?:;\d{0,4})* followed by the final character, tried in the regex's priority order.
std::size_t matchAnsiCsiTail(std::string_view s, std::size_t p, int budget)
{
    constexpr auto npos = std::string_view::npos;
    if (budget > 0 && p < s.size() && s[p] == ';') {
        std::size_t digits = 0;
        while (digits < 4 && p + 1 + digits < s.size() && isAsciiDigit(s[p + 1 + digits]))
            ++digits;
        for (std::size_t n = digits + 1; n-- > 0;) {
            const std::size_t r = matchAnsiCsiTail(s, p + 1 + n, budget - 1);
            if (r != npos) return r;
        }
    }
    if (p < s.size() && isAnsiFinalChar(s[p])) return p + 1;
    return npos;
}

// Second alternative (CSI sequences). Returns the end position or npos.
std::size_t matchAnsiCsi(std::string_view s, std::size_t p)
{
    constexpr auto npos = std::string_view::npos;
    std::size_t digits = 0;
    while (digits < 4 && p + digits < s.size() && isAsciiDigit(s[p + digits]))
        ++digits;
    for (std::size_t n = digits; n >= 1; --n) {
        const std::size_t r = matchAnsiCsiTail(s, p + n, 8);
        if (r != npos) return r;
    }
    if (p < s.size() && isAnsiFinalChar(s[p])) return p + 1;
    return npos;
}

// Length of an escape sequence starting at `i`, or 0.
std::size_t ansiSequenceLength(std::string_view s, std::size_t i)
{
    std::size_t p;
    if (s[i] == '\x1b')
        p = i + 1;
    else if (s[i] == '\xc2' && i + 1 < s.size() && s[i + 1] == '\x9b')
        p = i + 2;
    else
        return 0;
    std::size_t prefixEnd = p;
    while (prefixEnd < s.size() && isAnsiPrefixChar(s[prefixEnd]))
        ++prefixEnd;
    for (std::size_t q = prefixEnd + 1; q-- > p;) {
        std::size_t end = matchAnsiOsc(s, q);
        if (end == std::string_view::npos) end = matchAnsiCsi(s, q);
        if (end != std::string_view::npos) return end - i;
    }
    return 0;
}

// days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = int64_t(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
}

} // namespace

void appendUtf16AsUtf8(std::string& out, std::u16string_view s)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char16_t c = s[i];
        if (isHighSurrogate(c) && i + 1 < s.size() && isLowSurrogate(s[i + 1])) {
            appendCodePoint(out, 0x10000 + ((uint32_t(c) - 0xD800) << 10) + (s[i + 1] - 0xDC00));
            ++i;
        } else if (isHighSurrogate(c) || isLowSurrogate(c)) {
            appendCodePoint(out, 0xFFFD);
        } else {
            appendCodePoint(out, c);
        }
    }
}

std::string utf16ToUtf8(std::u16string_view s)
{
    std::string out;
    out.reserve(s.size());
    appendUtf16AsUtf8(out, s);
    return out;
}

std::u16string utf8ToUtf16(std::string_view s)
{
    std::u16string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        uint32_t cp;
        std::size_t n;
        if (b < 0x80) {
            cp = b;
            n = 1;
        } else if ((b >> 5) == 0x6) {
            cp = b & 0x1F;
            n = 2;
        } else if ((b >> 4) == 0xE) {
            cp = b & 0x0F;
            n = 3;
        } else if ((b >> 3) == 0x1E) {
            cp = b & 0x07;
            n = 4;
        } else {
            out += u'\uFFFD';
            ++i;
            continue;
        }
        if (i + n > s.size()) {
            out += u'\uFFFD';
            break;
        }
        for (std::size_t k = 1; k < n; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += n;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += char16_t(0xD800 + (cp >> 10));
            out += char16_t(0xDC00 + (cp & 0x3FF));
        } else {
            out += char16_t(cp);
        }
    }
    return out;
}

std::size_t utf16Length(std::string_view utf8)
{
    std::size_t n = 0;
    for (const char ch : utf8) {
        const auto b = static_cast<unsigned char>(ch);
        if ((b & 0xC0) != 0x80) ++n; // a code point starts here
        if ((b & 0xF8) == 0xF0) ++n; // four-byte sequences are surrogate pairs in UTF-16
    }
    return n;
}

std::string quoteJsString(std::u16string_view s)
{
    char quote = '\'';
    if (contains(s, u"'")) {
        if (!contains(s, u"\""))
            quote = '"';
        else if (!contains(s, u"`") && !contains(s, u"${"))
            quote = '`';
    }
    std::string out(1, quote);
    out += escapeBody(s, quote == '\'');
    out += quote;
    return out;
}

std::string escapeJsText(std::u16string_view s)
{
    return escapeBody(s, true);
}

std::string stripVTControlCharacters(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        if (const std::size_t n = ansiSequenceLength(utf8, i)) {
            i += n;
        } else {
            out += utf8[i];
            ++i;
        }
    }
    return out;
}

int stringWidth(std::string_view utf8, bool removeControlChars)
{
    std::string stripped;
    if (removeControlChars) {
        stripped = stripVTControlCharacters(utf8);
        utf8 = stripped;
    }
    int width = 0;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto code = static_cast<unsigned char>(utf8[i]);
        if (code >= 127) return width + icuStringWidth(utf8.substr(i));
        width += code >= 32 ? 1 : 0;
    }
    return width;
}

std::size_t lengthWithoutColors(std::string_view utf8)
{
    std::size_t n = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        // /\u001b\[\d\d?m/
        if (utf8[i] == '\x1b' && i + 3 < utf8.size() && utf8[i + 1] == '[' &&
            isAsciiDigit(utf8[i + 2])) {
            if (utf8[i + 3] == 'm') {
                i += 4;
                continue;
            }
            if (i + 4 < utf8.size() && isAsciiDigit(utf8[i + 3]) && utf8[i + 4] == 'm') {
                i += 5;
                continue;
            }
        }
        const std::size_t start = i++;
        while (i < utf8.size() && (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80)
            ++i;
        n += utf16Length(utf8.substr(start, i - start));
    }
    return n;
}

std::string stylize(std::string_view text, Style style, bool colors)
{
    if (!colors || style == Style::Name) return std::string(text);
    int open = 0;
    int close = 39;
    switch (style) {
    case Style::Special: open = 36; break;
    case Style::Number:
    case Style::BigInt:
    case Style::Boolean: open = 33; break;
    case Style::Undefined: open = 90; break;
    case Style::Null:
        open = 1;
        close = 22;
        break;
    case Style::String:
    case Style::Symbol: open = 32; break;
    case Style::Date: open = 35; break;
    case Style::RegExp: open = 31; break;
    case Style::Module:
        open = 4;
        close = 24;
        break;
    case Style::Name: break;
    }
    std::string out = "\x1b[" + std::to_string(open) + "m";
    out += text;
    out += "\x1b[" + std::to_string(close) + "m";
    return out;
}

std::string toHex(unsigned long long value, int minDigits, bool upperCase)
{
    const char* digits = upperCase ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    do {
        out.insert(out.begin(), digits[value & 0xF]);
        value >>= 4;
    } while (value != 0);
    if (int(out.size()) < minDigits) out.insert(0, std::size_t(minDigits) - out.size(), '0');
    return out;
}

std::string isoDateString(double timeValue)
{
    const auto ms = static_cast<int64_t>(timeValue);
    int64_t days = ms / 86400000;
    int64_t msOfDay = ms % 86400000;
    if (msOfDay < 0) {
        msOfDay += 86400000;
        --days;
    }
    int64_t year;
    unsigned month;
    unsigned day;
    civilFromDays(days, year, month, day);
    // Years outside 0..9999 use the expanded six-digit form with a sign.
    std::string out = year >= 0 && year <= 9999
                          ? zeroPadded(year, 4)
                          : (year < 0 ? "-" : "+") + zeroPadded(year < 0 ? -year : year, 6);
    out += "-" + zeroPadded(month, 2) + "-" + zeroPadded(day, 2);
    out += "T" + zeroPadded(msOfDay / 3600000, 2) + ":" + zeroPadded(msOfDay / 60000 % 60, 2);
    out += ":" + zeroPadded(msOfDay / 1000 % 60, 2) + "." + zeroPadded(msOfDay % 1000, 3) + "Z";
    return out;
}

double parseIntLikeJs(std::u16string_view s)
{
    std::size_t i = skipJsWhitespace(s);
    bool negative = false;
    if (i < s.size() && (s[i] == u'+' || s[i] == u'-')) {
        negative = s[i] == u'-';
        ++i;
    }
    bool hex = false;
    if (i + 1 < s.size() && s[i] == u'0' && (s[i + 1] == u'x' || s[i + 1] == u'X')) {
        hex = true;
        i += 2;
    }
    std::string digits = hex ? "0x" : "";
    const std::size_t prefix = digits.size();
    for (; i < s.size(); ++i) {
        const char16_t c = s[i];
        const bool ok =
            isDigit(c) || (hex && ((c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')));
        if (!ok) break;
        digits += char(c);
    }
    if (digits.size() == prefix) return std::numeric_limits<double>::quiet_NaN();
    // strtod rounds correctly for decimal and hexadecimal digit strings alike.
    const double value = std::strtod(digits.c_str(), nullptr);
    return negative ? -value : value;
}

double parseFloatLikeJs(std::u16string_view s)
{
    std::size_t i = skipJsWhitespace(s);
    std::string literal;
    if (i < s.size() && (s[i] == u'+' || s[i] == u'-')) literal += char(s[i++]);
    const std::u16string_view rest = s.substr(i);
    if (rest.substr(0, 8) == u"Infinity") {
        const double inf = std::numeric_limits<double>::infinity();
        return !literal.empty() && literal[0] == '-' ? -inf : inf;
    }
    std::size_t intDigits = 0;
    while (i < s.size() && isDigit(s[i])) {
        literal += char(s[i++]);
        ++intDigits;
    }
    std::size_t fracDigits = 0;
    if (i < s.size() && s[i] == u'.') {
        std::size_t j = i + 1;
        while (j < s.size() && isDigit(s[j]))
            ++j;
        fracDigits = j - i - 1;
        if (intDigits > 0 || fracDigits > 0) {
            for (; i < j; ++i)
                literal += char(s[i]);
        }
    }
    if (intDigits == 0 && fracDigits == 0) return std::numeric_limits<double>::quiet_NaN();
    if (i < s.size() && (s[i] == u'e' || s[i] == u'E')) {
        std::size_t j = i + 1;
        if (j < s.size() && (s[j] == u'+' || s[j] == u'-')) ++j;
        if (j < s.size() && isDigit(s[j])) {
            while (j < s.size() && isDigit(s[j]))
                ++j;
            for (; i < j; ++i)
                literal += char(s[i]);
        }
    }
    // In the C locale whatever the process's is: strtod would stop at the '.' under de_DE.
    static const locale_t cLocale = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
    return strtod_l(literal.c_str(), nullptr, cLocale);
}

} // namespace nano::api::formatter_detail
