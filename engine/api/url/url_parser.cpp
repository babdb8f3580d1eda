#include "engine/api/url/url_parser.h"

#include "engine/api/url/host.h"
#include "engine/api/url/percent_encode.h"

#include <array>
#include <cstring>
#include <utility>

namespace nano::url {

namespace detail {

namespace {

constexpr size_t npos = std::string_view::npos;
constexpr int kEof = -1;

inline bool isAsciiAlpha(unsigned c) { return ((c | 0x20) - 'a') < 26u; }
inline bool isAsciiDigit(unsigned c) { return c - '0' < 10u; }
inline bool isSchemeCodePoint(unsigned c)
{
    return isAsciiAlpha(c) || isAsciiDigit(c) || c == '+' || c == '-' || c == '.';
}
inline char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

// https://url.spec.whatwg.org/#windows-drive-letter
inline bool isWindowsDriveLetter(std::string_view s)
{
    return s.size() == 2 && isAsciiAlpha(static_cast<unsigned char>(s[0]))
        && (s[1] == ':' || s[1] == '|');
}

// https://url.spec.whatwg.org/#normalized-windows-drive-letter
inline bool isNormalizedWindowsDriveLetter(std::string_view s)
{
    return s.size() == 2 && isAsciiAlpha(static_cast<unsigned char>(s[0])) && s[1] == ':';
}

// https://url.spec.whatwg.org/#start-with-a-windows-drive-letter
inline bool startsWithWindowsDriveLetter(std::string_view s)
{
    if (s.size() < 2 || !isWindowsDriveLetter(s.substr(0, 2))) return false;
    if (s.size() == 2) return true;
    const char c = s[2];
    return c == '/' || c == '\\' || c == '?' || c == '#';
}

inline bool isPercent2e(std::string_view s, size_t i)
{
    return s[i] == '%' && s[i + 1] == '2' && (s[i + 2] | 0x20) == 'e';
}

// https://url.spec.whatwg.org/#single-dot-path-segment
inline bool isSingleDotSegment(std::string_view s)
{
    return (s.size() == 1 && s[0] == '.') || (s.size() == 3 && isPercent2e(s, 0));
}

// https://url.spec.whatwg.org/#double-dot-path-segment
inline bool isDoubleDotSegment(std::string_view s)
{
    switch (s.size()) {
    case 2:
        return s[0] == '.' && s[1] == '.';
    case 4:
        return (s[0] == '.' && isPercent2e(s, 1)) || (isPercent2e(s, 0) && s[3] == '.');
    case 6:
        return isPercent2e(s, 0) && isPercent2e(s, 3);
    default:
        return false;
    }
}

// The first segment of a non-empty list path ("/a/b" -> "a").
inline std::string_view firstSegment(std::string_view path)
{
    const size_t end = path.find('/', 1);
    return path.substr(1, end == npos ? npos : end - 1);
}

// https://url.spec.whatwg.org/#shorten-a-urls-path
void shortenPath(UrlParts& url)
{
    if (url.path.empty()) return;
    if (url.schemeType == SchemeType::File && url.path.find('/', 1) == npos
        && isNormalizedWindowsDriveLetter(std::string_view(url.path).substr(1))) {
        return;
    }
    url.path.resize(url.path.rfind('/'));
}

void copyQuery(const UrlRecord& base, UrlParts& url)
{
    const auto query = base.query();
    url.hasQuery = query.has_value();
    url.query.assign(query.value_or(std::string_view()));
}

void copyHost(const UrlRecord& base, UrlParts& url)
{
    url.hasHost = base.hasHost();
    url.host.assign(base.hostname());
}

// Username, password, host and port, as the relative states copy them together.
void copyAuthority(const UrlRecord& base, UrlParts& url)
{
    url.username.assign(base.username());
    url.password.assign(base.password());
    copyHost(base, url);
    url.port = base.portNumber();
}

void setScheme(UrlParts& url, std::string_view scheme, SchemeType type)
{
    url.scheme.assign(scheme);
    url.schemeType = type;
}

void startQuery(UrlParts& url)
{
    url.query.clear();
    url.hasQuery = true;
}

void startFragment(UrlParts& url)
{
    url.fragment.clear();
    url.hasFragment = true;
}

inline bool isTabOrNewline(char c) { return c == '\t' || c == '\n' || c == '\r'; }

// Eight bytes at a time: a set high bit marks each byte of `v` equal to `byte` (SWAR).
inline std::uint64_t bytesEqual(std::uint64_t v, unsigned char byte)
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHigh = 0x8080808080808080ull;
    const std::uint64_t x = v ^ (kOnes * byte);
    return (x - kOnes) & ~x & kHigh;
}

// The index of the first ASCII tab or newline, or npos; most inputs have none.
size_t findTabOrNewline(std::string_view s)
{
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t v;
        std::memcpy(&v, s.data() + i, 8);
        if (bytesEqual(v, '\t') | bytesEqual(v, '\n') | bytesEqual(v, '\r')) break;
    }
    for (; i < s.size(); ++i) {
        if (isTabOrNewline(s[i])) return i;
    }
    return npos;
}

// Delimiter classes for the states that scan ahead.
enum : std::uint8_t {
    kSlash = 1,
    kBackslash = 2,
    kQuestion = 4,
    kHash = 8,
    kAt = 16,
    kColon = 32,
    kBracket = 64,
};

constexpr std::array<std::uint8_t, 256> makeDelimiterTable()
{
    std::array<std::uint8_t, 256> table{};
    table['/'] = kSlash;
    table['\\'] = kBackslash;
    table['?'] = kQuestion;
    table['#'] = kHash;
    table['@'] = kAt;
    table[':'] = kColon;
    table['['] = kBracket;
    table[']'] = kBracket;
    return table;
}

constexpr std::array<std::uint8_t, 256> kDelimiters = makeDelimiterTable();

inline std::uint8_t delimiterClass(char c) { return kDelimiters[static_cast<unsigned char>(c)]; }

// https://url.spec.whatwg.org/#authority-state and the host state end the authority at these.
inline std::uint8_t authorityEnd(bool special)
{
    return kSlash | kQuestion | kHash | (special ? kBackslash : 0);
}

// Per-thread buffers the parser writes into; see the header's "Speed" note.
struct ParserScratch {
    std::string input;  // the input with tabs and newlines removed, when it had any
    std::string scheme; // the lower-cased scheme buffer
    std::string host;   // a host being parsed, kept apart so a failure leaves url's host intact
};

ParserScratch& parserScratch()
{
    thread_local ParserScratch scratch;
    return scratch;
}

} // namespace

void UrlParts::clear()
{
    scheme.clear();
    username.clear();
    password.clear();
    host.clear();
    path.clear();
    query.clear();
    fragment.clear();
    port = -1;
    schemeType = SchemeType::NotSpecial;
    hasHost = false;
    hasOpaquePath = false;
    hasQuery = false;
    hasFragment = false;
}

UrlParts& scratchParts()
{
    thread_local UrlParts parts;
    return parts;
}

// https://url.spec.whatwg.org/#potentially-strip-trailing-spaces-from-an-opaque-path
void potentiallyStripTrailingSpacesFromAnOpaquePath(UrlParts& url)
{
    if (!url.hasOpaquePath || url.hasFragment || url.hasQuery) return;
    size_t end = url.path.size();
    while (end > 0 && url.path[end - 1] == ' ') --end;
    url.path.resize(end);
}

// https://url.spec.whatwg.org/#concept-basic-url-parser
//
// `p` is the spec's pointer and `c` the code point (byte) it points at, kEof past the end. A state
// that "decreases pointer by 1" leaves `p` alone here and switches state; one that moves on
// advances `p`. States return directly where the spec's loop would stop at EOF. Tight states scan
// ahead and handle a whole run of input per iteration.
bool basicParse(std::string_view input, const UrlRecord* base, UrlParts& url,
                ParserState stateOverride)
{
    using S = ParserState;
    const bool hasOverride = stateOverride != S::None;
    ParserScratch& scratch = parserScratch();

    // Steps 1-2: trim C0 controls and spaces (not for setters), then drop tabs and newlines.
    if (!hasOverride) {
        size_t begin = 0;
        size_t end = input.size();
        while (begin < end && static_cast<unsigned char>(input[begin]) <= 0x20) ++begin;
        while (end > begin && static_cast<unsigned char>(input[end - 1]) <= 0x20) --end;
        input = input.substr(begin, end - begin);
    }
    if (const size_t first = findTabOrNewline(input); first != npos) {
        scratch.input.assign(input.data(), first);
        for (size_t i = first + 1; i < input.size(); ++i) {
            if (!isTabOrNewline(input[i])) scratch.input.push_back(input[i]);
        }
        input = scratch.input;
    }

    const char* const in = input.data();
    const size_t n = input.size();
    auto at = [in, n](size_t i) -> int { return i < n ? static_cast<unsigned char>(in[i]) : kEof; };

    S state = hasOverride ? stateOverride : S::SchemeStart;
    size_t p = 0;
    // The file host state's Windows drive letter quirk hands its buffer to the path state.
    std::string_view pathBuffer;

    for (;;) {
        const int c = at(p);
        switch (state) {
        case S::None:
            return false;

        // https://url.spec.whatwg.org/#scheme-start-state
        case S::SchemeStart:
            if (c != kEof && isAsciiAlpha(static_cast<unsigned>(c))) {
                state = S::Scheme; // the scheme state reads the buffer from p
            } else if (!hasOverride) {
                state = S::NoScheme;
            } else {
                return false;
            }
            break;

        // https://url.spec.whatwg.org/#scheme-state
        case S::Scheme: {
            size_t q = p;
            while (q < n && isSchemeCodePoint(static_cast<unsigned char>(in[q]))) ++q;
            if (q == n || in[q] != ':') {
                if (hasOverride) return false;
                state = S::NoScheme; // start over
                p = 0;
                break;
            }
            std::string& buffer = scratch.scheme;
            buffer.resize(q - p);
            for (size_t i = p; i < q; ++i) buffer[i - p] = asciiLower(in[i]);
            const SchemeType type = schemeTypeOf(buffer);
            if (hasOverride) {
                if (url.isSpecial() != (type != SchemeType::NotSpecial)) return true;
                if ((url.includesCredentials() || url.port != -1) && type == SchemeType::File) {
                    return true;
                }
                if (url.schemeType == SchemeType::File && url.hasHost && url.host.empty()) {
                    return true;
                }
            }
            setScheme(url, buffer, type);
            if (hasOverride) {
                if (url.port == defaultPort(type)) url.port = -1;
                return true;
            }
            p = q + 1;
            if (type == SchemeType::File) {
                state = S::File;
            } else if (type != SchemeType::NotSpecial && base && base->schemeType() == type) {
                state = S::SpecialRelativeOrAuthority;
            } else if (type != SchemeType::NotSpecial) {
                state = S::SpecialAuthoritySlashes;
            } else if (at(p) == '/') {
                state = S::PathOrAuthority;
                ++p;
            } else {
                url.path.clear();
                url.hasOpaquePath = true;
                state = S::OpaquePath;
            }
            break;
        }

        // https://url.spec.whatwg.org/#no-scheme-state
        case S::NoScheme:
            if (!base || (base->hasOpaquePath() && c != '#')) return false;
            if (base->hasOpaquePath()) {
                setScheme(url, base->scheme(), base->schemeType());
                url.path.assign(base->pathname());
                url.hasOpaquePath = true;
                copyQuery(*base, url);
                startFragment(url);
                state = S::Fragment;
                ++p;
            } else {
                state = base->schemeType() != SchemeType::File ? S::Relative : S::File;
            }
            break;

        // https://url.spec.whatwg.org/#special-relative-or-authority-state
        case S::SpecialRelativeOrAuthority:
            if (c == '/' && at(p + 1) == '/') {
                state = S::SpecialAuthorityIgnoreSlashes;
                p += 2;
            } else {
                state = S::Relative;
            }
            break;

        // https://url.spec.whatwg.org/#path-or-authority-state
        case S::PathOrAuthority:
            if (c == '/') {
                state = S::Authority;
                ++p;
            } else {
                state = S::Path;
            }
            break;

        // https://url.spec.whatwg.org/#relative-state
        case S::Relative:
            setScheme(url, base->scheme(), base->schemeType());
            if (c == '/' || (url.isSpecial() && c == '\\')) {
                state = S::RelativeSlash;
                ++p;
                break;
            }
            copyAuthority(*base, url);
            url.path.assign(base->pathname());
            copyQuery(*base, url);
            if (c == '?') {
                startQuery(url);
                state = S::Query;
                ++p;
            } else if (c == '#') {
                startFragment(url);
                state = S::Fragment;
                ++p;
            } else if (c != kEof) {
                url.hasQuery = false;
                url.query.clear();
                shortenPath(url);
                state = S::Path;
            } else {
                return true;
            }
            break;

        // https://url.spec.whatwg.org/#relative-slash-state
        case S::RelativeSlash:
            if (url.isSpecial() && (c == '/' || c == '\\')) {
                state = S::SpecialAuthorityIgnoreSlashes;
                ++p;
            } else if (c == '/') {
                state = S::Authority;
                ++p;
            } else {
                copyAuthority(*base, url);
                state = S::Path;
            }
            break;

        // https://url.spec.whatwg.org/#special-authority-slashes-state
        case S::SpecialAuthoritySlashes:
            state = S::SpecialAuthorityIgnoreSlashes;
            if (c == '/' && at(p + 1) == '/') p += 2;
            break;

        // https://url.spec.whatwg.org/#special-authority-ignore-slashes-state
        case S::SpecialAuthorityIgnoreSlashes:
            while (p < n && (in[p] == '/' || in[p] == '\\')) ++p;
            state = S::Authority;
            break;

        // https://url.spec.whatwg.org/#authority-state
        // Each '@' flushes the buffer into the credentials, with "%40" standing for the earlier
        // '@'s and only the first ':' splitting username from password. That equals splitting
        // everything before the last '@' at its first ':' and encoding both halves with the
        // userinfo set, which also encodes '@' as "%40" and later ':'s as "%3A".
        case S::Authority: {
            const std::uint8_t endMask = authorityEnd(url.isSpecial());
            size_t end = p;
            size_t lastAt = npos;
            for (; end < n; ++end) {
                const std::uint8_t cls = delimiterClass(in[end]);
                if (!(cls & (endMask | kAt))) continue;
                if (cls & endMask) break;
                lastAt = end;
            }
            if (lastAt != npos) {
                if (lastAt + 1 == end) return false; // host-missing
                const std::string_view userinfo(in + p, lastAt - p);
                const size_t colon = userinfo.find(':');
                percentEncodeAppend(url.username, userinfo.substr(0, colon), EncodeSet::Userinfo);
                if (colon != npos) {
                    percentEncodeAppend(url.password, userinfo.substr(colon + 1),
                                        EncodeSet::Userinfo);
                }
                p = lastAt + 1;
            }
            state = S::Host;
            break;
        }

        // https://url.spec.whatwg.org/#host-state
        case S::Host:
        case S::Hostname: {
            if (hasOverride && url.schemeType == SchemeType::File) {
                state = S::FileHost;
                break;
            }
            const bool special = url.isSpecial();
            const std::uint8_t stop = authorityEnd(special) | kColon | kBracket;
            bool insideBrackets = false; // the spec's flag; this state runs once per parse
            size_t q = p;
            for (; q < n; ++q) {
                const std::uint8_t cls = delimiterClass(in[q]);
                if (!(cls & stop)) continue;
                if (cls & kBracket) {
                    insideBrackets = in[q] == '[';
                } else if (!(cls & kColon) || !insideBrackets) {
                    break;
                }
            }
            const std::string_view buffer(in + p, q - p);
            if (q < n && in[q] == ':') {
                if (buffer.empty()) return false; // host-missing
                if (stateOverride == S::Hostname) return false;
                if (!parseHost(buffer, !special, scratch.host)) return false;
                std::swap(url.host, scratch.host);
                url.hasHost = true;
                state = S::Port;
                p = q + 1;
                break;
            }
            if (special && buffer.empty()) return false; // host-missing
            if (hasOverride && buffer.empty() && (url.includesCredentials() || url.port != -1)) {
                return true;
            }
            if (!parseHost(buffer, !special, scratch.host)) return false;
            std::swap(url.host, scratch.host);
            url.hasHost = true;
            if (hasOverride) return true;
            state = S::PathStart;
            p = q;
            break;
        }

        // https://url.spec.whatwg.org/#port-state
        case S::Port: {
            size_t q = p;
            std::uint32_t value = 0;
            for (; q < n && isAsciiDigit(static_cast<unsigned char>(in[q])); ++q) {
                if (value <= 65535) value = value * 10 + static_cast<unsigned>(in[q] - '0');
            }
            const int ch = at(q);
            if (ch == kEof || ch == '/' || ch == '?' || ch == '#' || (url.isSpecial() && ch == '\\')
                || hasOverride) {
                if (q != p) {
                    if (value > 65535) return false;
                    const auto port = static_cast<int>(value);
                    url.port = port == defaultPort(url.schemeType) ? -1 : port;
                    if (hasOverride) return true;
                }
                if (hasOverride) return false;
                state = S::PathStart;
                p = q;
                break;
            }
            return false;
        }

        // https://url.spec.whatwg.org/#file-state
        case S::File:
            setScheme(url, "file", SchemeType::File);
            url.host.clear();
            url.hasHost = true;
            if (c == '/' || c == '\\') {
                state = S::FileSlash;
                ++p;
            } else if (base && base->schemeType() == SchemeType::File) {
                copyHost(*base, url);
                url.path.assign(base->pathname());
                copyQuery(*base, url);
                if (c == '?') {
                    startQuery(url);
                    state = S::Query;
                    ++p;
                } else if (c == '#') {
                    startFragment(url);
                    state = S::Fragment;
                    ++p;
                } else if (c != kEof) {
                    url.hasQuery = false;
                    url.query.clear();
                    if (!startsWithWindowsDriveLetter(input.substr(p))) shortenPath(url);
                    else url.path.clear();
                    state = S::Path;
                } else {
                    return true;
                }
            } else {
                state = S::Path;
            }
            break;

        // https://url.spec.whatwg.org/#file-slash-state
        case S::FileSlash:
            if (c == '/' || c == '\\') {
                state = S::FileHost;
                ++p;
                break;
            }
            if (base && base->schemeType() == SchemeType::File) {
                copyHost(*base, url);
                const std::string_view basePath = base->pathname();
                if (!startsWithWindowsDriveLetter(input.substr(p)) && !basePath.empty()
                    && isNormalizedWindowsDriveLetter(firstSegment(basePath))) {
                    url.path.push_back('/');
                    url.path.append(firstSegment(basePath));
                }
            }
            state = S::Path;
            break;

        // https://url.spec.whatwg.org/#file-host-state
        case S::FileHost: {
            size_t q = p;
            while (q < n && in[q] != '/' && in[q] != '\\' && in[q] != '?' && in[q] != '#') ++q;
            const std::string_view buffer(in + p, q - p);
            p = q;
            if (!hasOverride && isWindowsDriveLetter(buffer)) {
                // The quirk: the buffer is not reset and becomes the path's first segment.
                pathBuffer = buffer;
                state = S::Path;
                break;
            }
            if (buffer.empty()) {
                url.host.clear();
                url.hasHost = true;
                if (hasOverride) return true;
                state = S::PathStart;
                break;
            }
            if (!parseHost(buffer, false, scratch.host)) return false;
            if (scratch.host == "localhost") scratch.host.clear();
            std::swap(url.host, scratch.host);
            url.hasHost = true;
            if (hasOverride) return true;
            state = S::PathStart;
            break;
        }

        // https://url.spec.whatwg.org/#path-start-state
        case S::PathStart:
            if (url.isSpecial()) {
                state = S::Path;
                if (c == '/' || c == '\\') ++p;
            } else if (!hasOverride && c == '?') {
                startQuery(url);
                state = S::Query;
                ++p;
            } else if (!hasOverride && c == '#') {
                startFragment(url);
                state = S::Fragment;
                ++p;
            } else if (c != kEof) {
                state = S::Path;
                if (c == '/') ++p;
            } else {
                if (hasOverride && !url.hasHost) url.path.push_back('/');
                return true;
            }
            break;

        // https://url.spec.whatwg.org/#path-state
        // One iteration per segment: the segment is percent-encoded straight into url's path
        // after a '/', then the dot-segment and drive-letter rules look at what was written.
        case S::Path: {
            const bool special = url.isSpecial();
            const std::uint8_t stop =
                kSlash | (special ? kBackslash : 0) | (hasOverride ? 0 : kQuestion | kHash);
            for (;;) {
                const size_t segmentStart = url.path.size();
                url.path.push_back('/');
                url.path.append(pathBuffer);
                pathBuffer = std::string_view();
                // Copy runs that need nothing, encode single bytes, stop at a delimiter.
                size_t q = p;
                for (;;) {
                    const size_t run = q;
                    while (q < n && !(delimiterClass(in[q]) & stop)
                           && !inEncodeSet(static_cast<unsigned char>(in[q]), EncodeSet::Path)) {
                        ++q;
                    }
                    url.path.append(in + run, q - run);
                    if (q == n || (delimiterClass(in[q]) & stop)) break;
                    appendPercentEncodedByte(url.path, static_cast<unsigned char>(in[q++]));
                }
                const int ch = at(q);
                const bool slash = ch == '/' || (special && ch == '\\');
                const std::string_view segment(url.path.data() + segmentStart + 1,
                                               url.path.size() - segmentStart - 1);
                if (isDoubleDotSegment(segment)) {
                    url.path.resize(segmentStart);
                    shortenPath(url);
                    if (!slash) url.path.push_back('/');
                } else if (isSingleDotSegment(segment)) {
                    url.path.resize(segmentStart);
                    if (!slash) url.path.push_back('/');
                } else if (url.schemeType == SchemeType::File && segmentStart == 0
                           && isWindowsDriveLetter(segment)) {
                    url.path[2] = ':';
                }
                if (slash) {
                    p = q + 1;
                    continue;
                }
                if (ch == kEof) return true;
                if (ch == '?') {
                    startQuery(url);
                    state = S::Query;
                } else {
                    startFragment(url);
                    state = S::Fragment;
                }
                p = q + 1;
                break;
            }
            break;
        }

        // https://url.spec.whatwg.org/#cannot-be-a-base-url-path-state
        case S::OpaquePath: {
            size_t q = p;
            while (q < n && in[q] != '?' && in[q] != '#') ++q;
            percentEncodeAppend(url.path, std::string_view(in + p, q - p), EncodeSet::C0Control);
            if (q == n) return true;
            if (in[q] == '?') {
                startQuery(url);
                state = S::Query;
            } else {
                startFragment(url);
                state = S::Fragment;
            }
            p = q + 1;
            break;
        }

        // https://url.spec.whatwg.org/#query-state
        case S::Query: {
            size_t q = n;
            if (!hasOverride && p < n) {
                const void* hash = std::memchr(in + p, '#', n - p);
                if (hash) q = static_cast<size_t>(static_cast<const char*>(hash) - in);
            }
            if (p < q) {
                percentEncodeAppend(url.query, std::string_view(in + p, q - p),
                                    url.isSpecial() ? EncodeSet::SpecialQuery : EncodeSet::Query);
            }
            if (q >= n) return true;
            startFragment(url);
            state = S::Fragment;
            p = q + 1;
            break;
        }

        // https://url.spec.whatwg.org/#fragment-state
        case S::Fragment:
            if (p < n) {
                percentEncodeAppend(url.fragment, std::string_view(in + p, n - p),
                                    EncodeSet::Fragment);
            }
            return true;
        }
    }
}

} // namespace detail

// https://url.spec.whatwg.org/#api-url-parser
std::optional<UrlRecord> parse(std::string_view input, const UrlRecord* base)
{
    detail::UrlParts& parts = detail::scratchParts();
    parts.clear();
    if (!detail::basicParse(input, base, parts)) return std::nullopt;
    UrlRecord record;
    record.assign(parts);
    return record;
}

std::optional<UrlRecord> parse(std::string_view input, std::string_view base)
{
    const std::optional<UrlRecord> baseRecord = parse(base);
    if (!baseRecord) return std::nullopt;
    return parse(input, &*baseRecord);
}

} // namespace nano::url
