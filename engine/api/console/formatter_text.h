#pragma once

// Text helpers of the console formatter that do not touch V8: UTF-16/UTF-8 conversion, Node's
// string escaping and quoting, display widths, ANSI styles, dates and the number parsing used
// by %i and %f. Internal to engine/api/console.
//
// Lengths: Node measures strings in UTF-16 code units (`str.length`) when it decides about line
// breaks, and in terminal columns (getStringWidth) when it aligns grouped arrays and tables. Our
// strings are UTF-8, so both measures are computed here explicitly.

#include <cstddef>
#include <string>
#include <string_view>

namespace nano::api::formatter_detail {

// Appends `s` as UTF-8; unpaired surrogates become U+FFFD.
void appendUtf16AsUtf8(std::string& out, std::u16string_view s);
std::string utf16ToUtf8(std::u16string_view s);
std::u16string utf8ToUtf16(std::string_view s);

// `str.length` in JavaScript for a UTF-8 string.
std::size_t utf16Length(std::string_view utf8);

// Node's strEscape(): quotes with ' unless the string contains one, then with " or `, and
// escapes control characters, the chosen quote, backslashes and lone surrogates.
std::string quoteJsString(std::u16string_view s);

// The same escaping without quotes, where the single quote is always escaped (Node uses it for
// symbol and non-enumerable property names).
std::string escapeJsText(std::u16string_view s);

// Node's getStringWidth(): terminal columns using ICU east-asian widths on the NFC form.
// `removeControlChars` strips ANSI/VT escape sequences first.
int stringWidth(std::string_view utf8, bool removeControlChars = true);

// Node's stripVTControlCharacters() (the ansi-regex pattern).
std::string stripVTControlCharacters(std::string_view utf8);

// UTF-16 length of `utf8` once SGR colour codes (ESC [ n m) are removed (Node's removeColors).
std::size_t lengthWithoutColors(std::string_view utf8);

// Node's inspect.styles mapped to SGR codes.
enum class Style {
    Special,
    Number,
    BigInt,
    Boolean,
    Undefined,
    Null,
    String,
    Symbol,
    Date,
    RegExp,
    Module,
    Name
};
std::string stylize(std::string_view text, Style style, bool colors);

// `value` in hexadecimal, zero-padded to `minDigits`.
std::string toHex(unsigned long long value, int minDigits = 1, bool upperCase = false);

// Date.prototype.toISOString() for a finite time value.
std::string isoDateString(double timeValue);

// Number.parseInt(str) / Number.parseFloat(str) for an already converted string.
double parseIntLikeJs(std::u16string_view s);
double parseFloatLikeJs(std::u16string_view s);

// " ".repeat(n)
inline std::string spaces(long long n)
{
    return n > 0 ? std::string(std::size_t(n), ' ') : std::string();
}

inline bool startsWith(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

inline bool endsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

} // namespace nano::api::formatter_detail
