#include "engine/api/url/percent_encode.h"

#include <array>
#include <cstring>

namespace nano::url {

namespace {

constexpr std::uint8_t bit(EncodeSet set)
{
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(set));
}

constexpr bool contains(const char* chars, unsigned c)
{
    for (; *chars; ++chars) {
        if (static_cast<unsigned char>(*chars) == c) return true;
    }
    return false;
}

constexpr std::array<std::uint8_t, 256> makeEncodeSetTable()
{
    std::array<std::uint8_t, 256> table{};
    for (unsigned c = 0; c < 256; ++c) {
        // Each set is the previous one plus a few ASCII characters.
        bool in = c < 0x20 || c > 0x7E;
        std::uint8_t bits = 0;
        if (in) bits |= bit(EncodeSet::C0Control);
        if (in || contains(" \"<>`", c)) bits |= bit(EncodeSet::Fragment);
        bool query = in || contains(" \"#<>", c);
        if (query) bits |= bit(EncodeSet::Query);
        if (query || c == '\'') bits |= bit(EncodeSet::SpecialQuery);
        bool path = query || contains("?`{}", c);
        if (path) bits |= bit(EncodeSet::Path);
        bool userinfo = path || contains("/:;=@[\\]^|", c);
        if (userinfo) bits |= bit(EncodeSet::Userinfo);
        bool component = userinfo || contains("$%&+,", c);
        if (component) bits |= bit(EncodeSet::Component);
        if (component || contains("!'()~", c)) bits |= bit(EncodeSet::FormUrlencoded);
        table[c] = bits;
    }
    return table;
}

constexpr char kUpperHex[] = "0123456789ABCDEF";

inline int hexValue(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

} // namespace

namespace detail {
// Constant-initialised: computed at compile time, so it is ready before any static constructor.
const std::array<std::uint8_t, 256> kEncodeSetTable = makeEncodeSetTable();
} // namespace detail

// https://url.spec.whatwg.org/#string-percent-encode-after-encoding
void percentEncodeAppend(std::string& out, std::string_view input, EncodeSet set, bool spaceAsPlus)
{
    const std::uint8_t mask = bit(set);
    const char* p = input.data();
    const char* const end = p + input.size();
    while (p < end) {
        const char* run = p;
        while (p < end && !(detail::kEncodeSetTable[static_cast<unsigned char>(*p)] & mask))
            ++p;
        out.append(run, static_cast<size_t>(p - run));
        if (p == end) break;
        const auto byte = static_cast<unsigned char>(*p++);
        if (spaceAsPlus && byte == ' ') {
            out.push_back('+');
        } else {
            const char encoded[3] = {'%', kUpperHex[byte >> 4], kUpperHex[byte & 0xF]};
            out.append(encoded, 3);
        }
    }
}

std::string percentEncode(std::string_view input, EncodeSet set, bool spaceAsPlus)
{
    std::string out;
    out.reserve(input.size());
    percentEncodeAppend(out, input, set, spaceAsPlus);
    return out;
}

// https://url.spec.whatwg.org/#percent-decode
void percentDecodeAppend(std::string& out, std::string_view input)
{
    const size_t n = input.size();
    size_t i = 0;
    while (i < n) {
        const void* hit = std::memchr(input.data() + i, '%', n - i);
        const size_t pct =
            hit ? static_cast<size_t>(static_cast<const char*>(hit) - input.data()) : n;
        out.append(input.data() + i, pct - i);
        if (pct == n) break;
        int hi = pct + 2 < n ? hexValue(static_cast<unsigned char>(input[pct + 1])) : -1;
        int lo = hi >= 0 ? hexValue(static_cast<unsigned char>(input[pct + 2])) : -1;
        if (lo >= 0) {
            out.push_back(static_cast<char>(hi * 16 + lo));
            i = pct + 3;
        } else {
            out.push_back('%');
            i = pct + 1;
        }
    }
}

std::string percentDecode(std::string_view input)
{
    std::string out;
    out.reserve(input.size());
    percentDecodeAppend(out, input);
    return out;
}

// https://encoding.spec.whatwg.org/#utf-8-decoder
// Returns the length of the well-formed sequence starting at `i`, or 0 if it is ill-formed; on 0,
// `consumed` is how many bytes the decoder swallows before emitting U+FFFD (the rest are
// reprocessed, which is what "prepend byte to stream" means).
static size_t utf8SequenceLength(std::string_view s, size_t i, size_t& consumed)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return 1;
    unsigned needed;
    unsigned char lower = 0x80, upper = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        needed = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        needed = 2;
        if (b0 == 0xE0) lower = 0xA0;
        if (b0 == 0xED) upper = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        needed = 3;
        if (b0 == 0xF0) lower = 0x90;
        if (b0 == 0xF4) upper = 0x8F;
    } else {
        consumed = 1;
        return 0;
    }
    for (unsigned k = 1; k <= needed; ++k) {
        if (i + k >= s.size()) {
            consumed = k;
            return 0;
        }
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (b < lower || b > upper) {
            consumed = k;
            return 0;
        }
        lower = 0x80;
        upper = 0xBF;
    }
    return needed + 1;
}

bool isValidUtf8(std::string_view bytes)
{
    size_t i = 0;
    while (i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        size_t consumed = 0;
        const size_t len = utf8SequenceLength(bytes, i, consumed);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

void utf8DecodeWithoutBomAppend(std::string& out, std::string_view bytes)
{
    size_t i = 0;
    size_t runStart = 0;
    while (i < bytes.size()) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            ++i;
            continue;
        }
        size_t consumed = 0;
        const size_t len = utf8SequenceLength(bytes, i, consumed);
        if (len) {
            i += len;
            continue;
        }
        out.append(bytes.data() + runStart, i - runStart);
        out.append("\xEF\xBF\xBD");
        i += consumed;
        runStart = i;
    }
    out.append(bytes.data() + runStart, bytes.size() - runStart);
}

// https://url.spec.whatwg.org/#concept-urlencoded-parser
NameValueList parseUrlencoded(std::string_view input)
{
    NameValueList output;
    std::string scratch;
    size_t pos = 0;
    while (pos <= input.size()) {
        size_t amp = input.find('&', pos);
        if (amp == std::string_view::npos) amp = input.size();
        std::string_view bytes = input.substr(pos, amp - pos);
        pos = amp + 1;
        if (bytes.empty()) continue;
        const size_t eq = bytes.find('=');
        std::string_view name = bytes.substr(0, eq);
        std::string_view value =
            eq == std::string_view::npos ? std::string_view() : bytes.substr(eq + 1);
        auto decode = [&scratch](std::string_view part) {
            scratch.assign(part);
            for (char& c : scratch) {
                if (c == '+') c = ' ';
            }
            std::string decoded;
            percentDecodeAppend(decoded, scratch);
            if (isValidUtf8(decoded)) return decoded;
            std::string text;
            utf8DecodeWithoutBomAppend(text, decoded);
            return text;
        };
        output.emplace_back(decode(name), decode(value));
    }
    return output;
}

void appendUrlencodedTuple(std::string& out, std::string_view name, std::string_view value)
{
    if (!out.empty()) out.push_back('&');
    percentEncodeAppend(out, name, EncodeSet::FormUrlencoded, true);
    out.push_back('=');
    percentEncodeAppend(out, value, EncodeSet::FormUrlencoded, true);
}

namespace {
int upperHexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1; // lower-case hex is valid input but serialises in upper case
}

// One name or value: the serializer writes exactly these bytes back.
bool isSerializedComponent(std::string_view part, std::string& bytes)
{
    bytes.clear();
    bool nonAscii = false;
    for (size_t i = 0; i < part.size(); ++i) {
        const auto c = static_cast<unsigned char>(part[i]);
        if (c == '+' || (c < 0x80 && !inEncodeSet(c, EncodeSet::FormUrlencoded))) {
            bytes.push_back(static_cast<char>(c));
            continue;
        }
        if (c != '%' || i + 2 >= part.size()) return false;
        const int high = upperHexValue(part[i + 1]);
        const int low = upperHexValue(part[i + 2]);
        if (high < 0 || low < 0) return false;
        const auto byte = static_cast<unsigned char>(high * 16 + low);
        // A byte the serializer leaves alone, or a space (written as '+'), was not encoded by it.
        if (byte == ' ' || !inEncodeSet(byte, EncodeSet::FormUrlencoded)) return false;
        nonAscii |= byte >= 0x80;
        bytes.push_back(static_cast<char>(byte));
        i += 2;
    }
    // Ill-formed UTF-8 would come back as U+FFFD.
    return !nonAscii || isValidUtf8(bytes);
}
} // namespace

// Runs https://url.spec.whatwg.org/#concept-urlencoded-parser and -serializer in reverse: each
// tuple must be one the serializer writes.
bool isSerializedUrlencoded(std::string_view input)
{
    std::string bytes;
    for (size_t pos = 0; pos < input.size();) {
        size_t amp = input.find('&', pos);
        if (amp == std::string_view::npos) amp = input.size();
        const std::string_view tuple = input.substr(pos, amp - pos);
        const size_t eq = tuple.find('=');
        // An empty tuple is dropped, and one without '=' comes back with it.
        if (eq == std::string_view::npos) return false;
        if (!isSerializedComponent(tuple.substr(0, eq), bytes) ||
            !isSerializedComponent(tuple.substr(eq + 1), bytes))
            return false;
        if (amp == input.size()) return true;
        pos = amp + 1;
        if (pos == input.size()) return false; // a trailing '&'
    }
    return true; // the empty string
}

// https://url.spec.whatwg.org/#concept-urlencoded-serializer
std::string serializeUrlencoded(const NameValueList& list)
{
    std::string output;
    for (const auto& [name, value] : list)
        appendUrlencodedTuple(output, name, value);
    return output;
}

} // namespace nano::url
