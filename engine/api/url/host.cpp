#include "engine/api/url/host.h"

#include "engine/api/url/idna.h"
#include "engine/api/url/percent_encode.h"

#include <array>
#include <charconv>

namespace nano::url {

namespace {

// Byte classes for host parsing: one table lookup per byte answers every question the fast
// path asks.
enum : std::uint8_t {
    kForbiddenHost = 1,
    kForbiddenDomain = 2,
    kNonAscii = 4,
    kPercent = 8,
    kDash = 16,
};

constexpr std::array<std::uint8_t, 256> makeHostTable()
{
    std::array<std::uint8_t, 256> table{};
    for (unsigned char c : {'\0', '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[',
                            '\\', ']', '^', '|'}) {
        table[c] = kForbiddenHost | kForbiddenDomain;
    }
    for (unsigned c = 0; c < 0x20; ++c)
        table[c] |= kForbiddenDomain;
    table['%'] |= kForbiddenDomain | kPercent;
    table[0x7F] |= kForbiddenDomain;
    table['-'] |= kDash;
    for (unsigned c = 0x80; c < 0x100; ++c)
        table[c] = kNonAscii;
    return table;
}

constexpr std::array<std::uint8_t, 256> kHostTable = makeHostTable();

// Writes the ASCII lower-casing of `input` to `out`; returns the union of the bytes' classes.
inline std::uint8_t asciiLowercaseInto(std::string_view input, std::string& out)
{
    out.resize(input.size());
    char* const dst = out.data();
    std::uint8_t seen = 0;
    for (size_t i = 0; i < input.size(); ++i) {
        const auto c = static_cast<unsigned char>(input[i]);
        seen |= kHostTable[c];
        dst[i] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c | 0x20 : c);
    }
    return seen;
}

inline bool startsWithXnDashDash(std::string_view s, size_t i)
{
    return i + 4 <= s.size() && (s[i] | 0x20) == 'x' && (s[i + 1] | 0x20) == 'n' &&
           s[i + 2] == '-' && s[i + 3] == '-';
}

// Some label (splitting strictly on '.') starts with "xn--", ASCII case-insensitively.
bool hasXnLabel(std::string_view domain)
{
    for (size_t i = 0; i + 4 <= domain.size(); ++i) {
        if ((i == 0 || domain[i - 1] == '.') && startsWithXnDashDash(domain, i)) return true;
    }
    return false;
}

bool containsForbiddenDomainCodePoint(std::string_view s)
{
    for (unsigned char c : s) {
        if (kHostTable[c] & kForbiddenDomain) return true;
    }
    return false;
}

inline bool isAsciiDigit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

inline int hexDigitValue(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c |= 0x20;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// Larger than any valid IPv4 number; keeps 1 MB digit strings from overflowing.
constexpr std::uint64_t kIpv4Saturated = std::uint64_t(1) << 40;

// https://url.spec.whatwg.org/#ipv4-number-parser
// Returns nullopt for failure; values above 2^32 saturate (they fail later either way).
std::optional<std::uint64_t> parseIpv4Number(std::string_view input)
{
    if (input.empty()) return std::nullopt;
    unsigned radix = 10;
    if (input.size() >= 2 && input[0] == '0' && (input[1] | 0x20) == 'x') {
        input.remove_prefix(2);
        radix = 16;
    } else if (input.size() >= 2 && input[0] == '0') {
        input.remove_prefix(1);
        radix = 8;
    }
    std::uint64_t value = 0;
    for (unsigned char c : input) {
        const int digit = hexDigitValue(c);
        if (digit < 0 || static_cast<unsigned>(digit) >= radix) return std::nullopt;
        value = value * radix + static_cast<unsigned>(digit);
        if (value > kIpv4Saturated) value = kIpv4Saturated;
    }
    return value;
}

} // namespace

bool isForbiddenHostCodePoint(unsigned char c)
{
    return kHostTable[c] & kForbiddenHost;
}
bool isForbiddenDomainCodePoint(unsigned char c)
{
    return kHostTable[c] & kForbiddenDomain;
}

// https://url.spec.whatwg.org/#concept-domain-to-ascii
bool domainToAscii(std::string_view domain, bool beStrict, std::string& out)
{
    // Step 1's shortcut: an ASCII domain without an "xn--" label only needs ASCII lower-casing.
    if (beStrict || (asciiLowercaseInto(domain, out) & kNonAscii) || hasXnLabel(domain)) {
        if (!uts46ToAscii(domain, beStrict, out)) return false;
    }
    // Steps 3-4 (not strict): the empty string and forbidden domain code points are failures.
    return beStrict || (!out.empty() && !containsForbiddenDomainCodePoint(out));
}

// https://url.spec.whatwg.org/#ends-in-a-number-checker
bool endsInANumber(std::string_view input)
{
    // A trailing empty part is dropped unless it is the only one; either way an empty input or a
    // lone "." leaves nothing that could be a number.
    if (!input.empty() && input.back() == '.') input.remove_suffix(1);
    if (input.empty()) return false;
    // Cheap rejection of the common domain: the last label must end like a number.
    const auto lastByte = static_cast<unsigned char>(input.back());
    if (hexDigitValue(lastByte) < 0 && (lastByte | 0x20) != 'x') return false;
    const size_t dot = input.rfind('.');
    const std::string_view last = dot == std::string_view::npos ? input : input.substr(dot + 1);
    if (last.empty()) return false;
    bool allDigits = true;
    for (unsigned char c : last)
        allDigits = allDigits && isAsciiDigit(c);
    if (allDigits) return true;
    return parseIpv4Number(last).has_value();
}

// https://url.spec.whatwg.org/#concept-ipv4-parser
std::optional<std::uint32_t> parseIpv4(std::string_view input)
{
    if (!input.empty() && input.back() == '.') input.remove_suffix(1);
    std::uint64_t numbers[4];
    size_t count = 0;
    size_t start = 0;
    for (;;) {
        size_t dot = input.find('.', start);
        if (dot == std::string_view::npos) dot = input.size();
        if (count == 4) return std::nullopt; // more than four parts
        const auto number = parseIpv4Number(input.substr(start, dot - start));
        if (!number) return std::nullopt;
        numbers[count++] = *number;
        if (dot == input.size()) break;
        start = dot + 1;
    }
    for (size_t i = 0; i + 1 < count; ++i) {
        if (numbers[i] > 255) return std::nullopt;
    }
    const std::uint64_t limit = std::uint64_t(1) << (8 * (5 - count));
    if (numbers[count - 1] >= limit) return std::nullopt;
    std::uint64_t ipv4 = numbers[count - 1];
    for (size_t i = 0; i + 1 < count; ++i)
        ipv4 += numbers[i] << (8 * (3 - i));
    return static_cast<std::uint32_t>(ipv4);
}

// https://url.spec.whatwg.org/#concept-ipv4-serializer
void serializeIpv4(std::uint32_t address, std::string& out)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        const unsigned part = (address >> shift) & 0xFF;
        if (part >= 100) out.push_back(static_cast<char>('0' + part / 100));
        if (part >= 10) out.push_back(static_cast<char>('0' + part / 10 % 10));
        out.push_back(static_cast<char>('0' + part % 10));
        if (shift) out.push_back('.');
    }
}

// https://url.spec.whatwg.org/#concept-ipv6-parser
std::optional<Ipv6Address> parseIpv6(std::string_view input)
{
    Ipv6Address address{};
    int pieceIndex = 0;
    int compress = -1;
    size_t pointer = 0;
    const size_t n = input.size();
    auto at = [&](size_t i) -> int { return i < n ? static_cast<unsigned char>(input[i]) : -1; };

    if (at(pointer) == ':') {
        if (at(pointer + 1) != ':') return std::nullopt;
        pointer += 2;
        compress = ++pieceIndex;
    }
    while (at(pointer) != -1) {
        if (pieceIndex == 8) return std::nullopt;
        if (at(pointer) == ':') {
            if (compress != -1) return std::nullopt;
            ++pointer;
            compress = ++pieceIndex;
            continue;
        }
        unsigned value = 0;
        int length = 0;
        while (length < 4 && at(pointer) != -1 && hexDigitValue(at(pointer)) >= 0) {
            value = value * 0x10 + static_cast<unsigned>(hexDigitValue(at(pointer)));
            ++pointer;
            ++length;
        }
        if (at(pointer) == '.') {
            if (length == 0) return std::nullopt;
            pointer -= static_cast<size_t>(length);
            if (pieceIndex > 6) return std::nullopt;
            int numbersSeen = 0;
            while (at(pointer) != -1) {
                int ipv4Piece = -1;
                if (numbersSeen > 0) {
                    if (at(pointer) == '.' && numbersSeen < 4)
                        ++pointer;
                    else
                        return std::nullopt;
                }
                if (at(pointer) == -1 || !isAsciiDigit(at(pointer))) return std::nullopt;
                while (at(pointer) != -1 && isAsciiDigit(at(pointer))) {
                    const int number = at(pointer) - '0';
                    if (ipv4Piece == -1)
                        ipv4Piece = number;
                    else if (ipv4Piece == 0)
                        return std::nullopt;
                    else
                        ipv4Piece = ipv4Piece * 10 + number;
                    if (ipv4Piece > 255) return std::nullopt;
                    ++pointer;
                }
                address[pieceIndex] =
                    static_cast<std::uint16_t>(address[pieceIndex] * 0x100 + ipv4Piece);
                ++numbersSeen;
                if (numbersSeen == 2 || numbersSeen == 4) ++pieceIndex;
            }
            if (numbersSeen != 4) return std::nullopt;
            break;
        } else if (at(pointer) == ':') {
            ++pointer;
            if (at(pointer) == -1) return std::nullopt;
        } else if (at(pointer) != -1) {
            return std::nullopt;
        }
        address[pieceIndex] = static_cast<std::uint16_t>(value);
        ++pieceIndex;
    }
    if (compress != -1) {
        int swaps = pieceIndex - compress;
        pieceIndex = 7;
        while (pieceIndex != 0 && swaps > 0) {
            std::swap(address[pieceIndex], address[compress + swaps - 1]);
            --pieceIndex;
            --swaps;
        }
    } else if (pieceIndex != 8) {
        return std::nullopt;
    }
    return address;
}

// https://url.spec.whatwg.org/#concept-ipv6-serializer
void serializeIpv6(const Ipv6Address& address, std::string& out)
{
    // The first longest run of two or more zero pieces is compressed.
    int compress = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (address[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && address[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestLength = j - i;
            compress = i;
        }
        i = j;
    }
    char buffer[48];
    char* p = buffer;
    for (int i = 0; i < 8; ++i) {
        if (i == compress) {
            if (i == 0) *p++ = ':';
            *p++ = ':';
            i += bestLength - 1;
            continue;
        }
        p = std::to_chars(p, buffer + sizeof buffer, address[i], 16).ptr;
        if (i != 7) *p++ = ':';
    }
    out.append(buffer, static_cast<size_t>(p - buffer));
}

// https://url.spec.whatwg.org/#concept-opaque-host-parser
bool parseOpaqueHost(std::string_view input, std::string& out)
{
    for (unsigned char c : input) {
        if (isForbiddenHostCodePoint(c)) return false;
    }
    out.clear();
    percentEncodeAppend(out, input, EncodeSet::C0Control);
    return true;
}

// https://url.spec.whatwg.org/#concept-host-parser
bool parseHost(std::string_view input, bool isOpaque, std::string& out)
{
    if (!input.empty() && input.front() == '[') {
        if (input.size() < 2 || input.back() != ']') return false;
        const auto address = parseIpv6(input.substr(1, input.size() - 2));
        if (!address) return false;
        out.assign(1, '[');
        serializeIpv6(*address, out);
        out.push_back(']');
        return true;
    }
    if (isOpaque) return parseOpaqueHost(input, out);

    // Steps 4-6. ASCII input without '%' decodes to itself, and then domain to ASCII needs only
    // the lower-casing done here unless a label starts with "xn--".
    const std::uint8_t seen = asciiLowercaseInto(input, out);
    if (!(seen & (kNonAscii | kPercent))) {
        if ((seen & kDash) && hasXnLabel(input)) {
            if (!domainToAscii(input, false, out)) return false;
        } else if ((seen & kForbiddenDomain) || out.empty()) {
            return false;
        }
    } else {
        // Per-thread buffers: this runs for every IDN host.
        thread_local std::string decoded;
        thread_local std::string domain;
        decoded.clear();
        percentDecodeAppend(decoded, input);
        domain.clear();
        utf8DecodeWithoutBomAppend(domain, decoded);
        if (!domainToAscii(domain, false, out)) return false;
    }
    // Steps 7-8.
    if (endsInANumber(out)) {
        const auto ipv4 = parseIpv4(out);
        if (!ipv4) return false;
        out.clear();
        serializeIpv4(*ipv4, out);
    }
    return true;
}

} // namespace nano::url
