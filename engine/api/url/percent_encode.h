#pragma once

// Percent-encoding, percent-decoding and application/x-www-form-urlencoded, as the URL Standard
// defines them (https://url.spec.whatwg.org/#percent-encoded-bytes).
//
// Everything works on UTF-8 bytes. All the encode sets contain every code point above U+007E, so
// percent-encoding a code point's UTF-8 bytes one by one is the same as the spec's "UTF-8
// percent-encode" of the code point: the functions below never need to decode UTF-8.
// No Qt, no V8: this file is used by the URL parser and, later, by URLSearchParams.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nano::url {

// The spec's percent-encode sets, each a superset of the one before it except where noted.
enum class EncodeSet : std::uint8_t {
    // https://url.spec.whatwg.org/#c0-control-percent-encode-set
    C0Control,
    // https://url.spec.whatwg.org/#fragment-percent-encode-set
    Fragment,
    // https://url.spec.whatwg.org/#query-percent-encode-set
    Query,
    // https://url.spec.whatwg.org/#special-query-percent-encode-set
    SpecialQuery,
    // https://url.spec.whatwg.org/#path-percent-encode-set
    Path,
    // https://url.spec.whatwg.org/#userinfo-percent-encode-set
    Userinfo,
    // https://url.spec.whatwg.org/#component-percent-encode-set
    Component,
    // https://url.spec.whatwg.org/#application-x-www-form-urlencoded-percent-encode-set
    FormUrlencoded,
};

namespace detail {
// One bit per EncodeSet for each byte; bytes >= 0x80 are in every set.
extern const std::array<std::uint8_t, 256> kEncodeSetTable;
} // namespace detail

inline bool inEncodeSet(unsigned char byte, EncodeSet set)
{
    return (detail::kEncodeSetTable[byte] >> static_cast<unsigned>(set)) & 1u;
}

// https://url.spec.whatwg.org/#string-utf-8-percent-encode
// Appends `input` (UTF-8) to `out`, percent-encoding the bytes in `set` with upper-case hex.
// With spaceAsPlus, U+0020 becomes '+' (only meaningful with EncodeSet::FormUrlencoded).
// Runs of bytes that need no encoding are copied in one append.
void percentEncodeAppend(std::string& out, std::string_view input, EncodeSet set,
                         bool spaceAsPlus = false);
std::string percentEncode(std::string_view input, EncodeSet set, bool spaceAsPlus = false);

// https://url.spec.whatwg.org/#percent-decode
// Byte-wise: "%XY" with two hex digits becomes the byte 0xXY, anything else is copied. The result
// may be invalid UTF-8; callers that need text run it through utf8DecodeWithoutBom.
void percentDecodeAppend(std::string& out, std::string_view input);
std::string percentDecode(std::string_view input);

// https://encoding.spec.whatwg.org/#utf-8-decode-without-bom
// Appends `bytes` to `out`, replacing each ill-formed subsequence with U+FFFD exactly as the
// Encoding Standard's UTF-8 decoder does (so the output is valid UTF-8). A leading BOM is kept.
void utf8DecodeWithoutBomAppend(std::string& out, std::string_view bytes);
bool isValidUtf8(std::string_view bytes);

// A name-value list as URLSearchParams holds it; both strings are UTF-8.
using NameValueList = std::vector<std::pair<std::string, std::string>>;

// https://url.spec.whatwg.org/#concept-urlencoded-parser
NameValueList parseUrlencoded(std::string_view input);

// https://url.spec.whatwg.org/#concept-urlencoded-serializer
std::string serializeUrlencoded(const NameValueList& list);

// True when serializeUrlencoded(parseUrlencoded(input)) == input, checked without building the
// list: URLSearchParams keeps such input as its serialization and parses it only when asked.
bool isSerializedUrlencoded(std::string_view input);

// Appends one "name=value" tuple (with a leading '&' unless `out` is empty), so a caller holding
// its own list type can serialise without building a NameValueList.
void appendUrlencodedTuple(std::string& out, std::string_view name, std::string_view value);

} // namespace nano::url
