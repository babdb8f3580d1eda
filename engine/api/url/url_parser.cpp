#include "engine/api/url/url_parser.h"

#include "engine/api/url/byte_scan.h"
#include "engine/api/url/host.h"
#include "engine/api/url/percent_encode.h"
#include "engine/api/url/url_builder.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace nano::url {

namespace detail {

namespace {

constexpr size_t npos = std::string_view::npos;
constexpr int kEof = -1;

inline bool isAsciiAlpha(unsigned c)
{
    return ((c | 0x20) - 'a') < 26u;
}
inline bool isAsciiDigit(unsigned c)
{
    return c - '0' < 10u;
}
inline bool isSchemeCodePoint(unsigned c)
{
    return isAsciiAlpha(c) || isAsciiDigit(c) || c == '+' || c == '-' || c == '.';
}
inline char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
}

// https://url.spec.whatwg.org/#windows-drive-letter
inline bool isWindowsDriveLetter(std::string_view s)
{
    return s.size() == 2 && isAsciiAlpha(static_cast<unsigned char>(s[0])) &&
           (s[1] == ':' || s[1] == '|');
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
    case 2: return s[0] == '.' && s[1] == '.';
    case 4: return (s[0] == '.' && isPercent2e(s, 1)) || (isPercent2e(s, 0) && s[3] == '.');
    case 6: return isPercent2e(s, 0) && isPercent2e(s, 3);
    default: return false;
    }
}

// The first segment of a non-empty list path ("/a/b" -> "a").
inline std::string_view firstSegment(std::string_view path)
{
    const size_t end = path.find('/', 1);
    return path.substr(1, end == npos ? npos : end - 1);
}

inline bool isTabOrNewline(char c)
{
    return c == '\t' || c == '\n' || c == '\r';
}

// The byte sets the scanning states stop at (see byte_scan.h). Each lists the state's delimiters
// and the ASCII members of its percent-encode set; the state then decides what the byte means.
using TabOrNewline = ByteSet<0, '\t', '\n', '\r'>;
using AuthorityDelimiters = ByteSet<0, '/', '?', '#', '\\', '@'>;
using HostDelimiters = ByteSet<0, '/', '?', '#', '\\', ':', '[', ']'>;
using PathStops = ByteSet<0x21, '"', '#', '<', '>', '?', '`', '{', '}', '/', '\\'>;
using OpaquePathStops = ByteSet<0x20, '?', '#'>;
using QueryStops = ByteSet<0x21, '"', '#', '<', '>', '\''>;
using FragmentStops = ByteSet<0x21, '"', '<', '>', '`'>;

// Appends in[q, n) to `out` up to the first byte `isStop` accepts, percent-encoding the bytes of
// `set`, and returns that byte's index (or n). `Stops` must match every byte of `set` and every
// byte `isStop` accepts; runs between matches are copied whole.
template <class Stops, class IsStop>
size_t appendEncodedRun(Sink& out, const char* in, size_t q, size_t n, EncodeSet set, IsStop isStop)
{
    for (;;) {
        const size_t next = Stops::find(in, q, n);
        out.append(in + q, next - q);
        if (next == n) return n;
        const auto c = static_cast<unsigned char>(in[next]);
        if (isStop(c)) return next;
        if (inEncodeSet(c, set))
            out.appendPercentEncodedByte(c);
        else
            out.push_back(static_cast<char>(c));
        q = next + 1;
    }
}

// The path state's delimiters; which of them end a segment depends on the scheme and override.
enum : std::uint8_t { kSlash = 1, kBackslash = 2, kQuestion = 4, kHash = 8 };

inline std::uint8_t pathDelimiter(unsigned char c)
{
    switch (c) {
    case '/': return kSlash;
    case '\\': return kBackslash;
    case '?': return kQuestion;
    case '#': return kHash;
    default: return 0;
    }
}

// Per-thread buffers the parser writes into; see the header's "Speed" note.
struct ParserScratch {
    std::string input;  // the input with tabs and newlines removed, when it had any
    std::string scheme; // the lower-cased scheme buffer
    std::string host;   // the host parser's output, copied into url when parsing succeeds
};

ParserScratch& parserScratch()
{
    thread_local ParserScratch scratch;
    return scratch;
}

// https://url.spec.whatwg.org/#shorten-a-urls-path
// `Url` is PartsUrl or HrefBuilder; the path is the tail of pathSink() from pathOffset().
template <class Url> void shortenPath(Url& url)
{
    Sink& path = url.pathSink();
    const size_t offset = url.pathOffset();
    const std::string_view text = path.view();
    if (text.size() == offset) return;
    if (url.schemeType() == SchemeType::File && text.find('/', offset + 1) == npos &&
        isNormalizedWindowsDriveLetter(text.substr(offset + 1))) {
        return;
    }
    path.resize(text.rfind('/'));
}

// https://url.spec.whatwg.org/#concept-basic-url-parser
//
// `p` is the spec's pointer and `c` the code point (byte) it points at, kEof past the end. A state
// that "decreases pointer by 1" leaves `p` alone here and switches state; one that moves on
// advances `p`. States return directly where the spec's loop would stop at EOF. Tight states scan
// ahead and handle a whole run of input per iteration. `input` has been trimmed and stripped of
// tabs and newlines by basicParse/parse.
template <class Url>
bool runStateMachine(std::string_view input, const UrlRecord* base, Url& url,
                     ParserState stateOverride, ParserScratch& scratch)
{
    using S = ParserState;
    const bool hasOverride = stateOverride != S::None;
    const char* const in = input.data();
    const size_t n = input.size();
    auto at = [in, n](size_t i) -> int { return i < n ? static_cast<unsigned char>(in[i]) : kEof; };

    S state = hasOverride ? stateOverride : S::SchemeStart;
    size_t p = 0;
    // The file host state's Windows drive letter quirk hands its buffer to the path state.
    std::string_view pathBuffer;

    for (;;) {
        const int c = at(p); // states entered by falling through read at(p) themselves
        switch (state) {
        // The states are ordered so that the usual path through them falls through from one
        // case to the next (scheme, authority, host, port, path, query, fragment) instead of
        // going back to the switch; the others come after.
        // https://url.spec.whatwg.org/#scheme-start-state
        case S::SchemeStart:
            if (c == kEof || !isAsciiAlpha(static_cast<unsigned>(c))) {
                if (hasOverride) return false;
                state = S::NoScheme;
                break;
            }
            state = S::Scheme; // the scheme state reads the buffer from p
            [[fallthrough]];

        // https://url.spec.whatwg.org/#scheme-state
        case S::Scheme: {
            size_t q = p;
            bool lower = true;
            for (; q < n && isSchemeCodePoint(static_cast<unsigned char>(in[q])); ++q) {
                lower = lower && !(in[q] >= 'A' && in[q] <= 'Z');
            }
            if (q == n || in[q] != ':') {
                if (hasOverride) return false;
                state = S::NoScheme; // start over
                p = 0;
                break;
            }
            std::string_view buffer(in + p, q - p);
            if (!lower) {
                scratch.scheme.resize(q - p);
                for (size_t i = p; i < q; ++i)
                    scratch.scheme[i - p] = asciiLower(in[i]);
                buffer = scratch.scheme;
            }
            const SchemeType type = schemeTypeOf(buffer);
            if (hasOverride) {
                if (url.isSpecial() != (type != SchemeType::NotSpecial)) return true;
                if ((url.includesCredentials() || url.port() != -1) && type == SchemeType::File) {
                    return true;
                }
                if (url.schemeType() == SchemeType::File && url.hasEmptyHost()) return true;
            }
            url.setScheme(buffer, type);
            if (hasOverride) {
                if (url.port() == defaultPort(type)) url.setPort(-1);
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
                url.startOpaquePath();
                state = S::OpaquePath;
            }
            if (state != S::SpecialAuthoritySlashes) break;
            [[fallthrough]];
        }

        // https://url.spec.whatwg.org/#special-authority-slashes-state
        case S::SpecialAuthoritySlashes:
            state = S::SpecialAuthorityIgnoreSlashes;
            if (at(p) == '/' && at(p + 1) == '/') p += 2;
            [[fallthrough]];

        // https://url.spec.whatwg.org/#special-authority-ignore-slashes-state
        case S::SpecialAuthorityIgnoreSlashes:
            while (p < n && (in[p] == '/' || in[p] == '\\'))
                ++p;
            state = S::Authority;
            [[fallthrough]];

        // https://url.spec.whatwg.org/#authority-state
        // Each '@' flushes the buffer into the credentials, with "%40" standing for the earlier
        // '@'s and only the first ':' splitting username from password. That equals splitting
        // everything before the last '@' at its first ':' and encoding both halves with the
        // userinfo set, which also encodes '@' as "%40" and later ':'s as "%3A".
        case S::Authority: {
            const bool special = url.isSpecial();
            size_t end = p;
            size_t lastAt = npos;
            for (;; ++end) {
                end = AuthorityDelimiters::find(in, end, n);
                if (end == n) break;
                if (in[end] == '@')
                    lastAt = end;
                else if (in[end] != '\\' || special)
                    break;
            }
            if (lastAt != npos) {
                if (lastAt + 1 == end) return false; // host-missing
                const std::string_view userinfo(in + p, lastAt - p);
                const size_t colon = userinfo.find(':');
                url.appendCredentials(userinfo.substr(0, colon), colon == npos
                                                                     ? std::string_view()
                                                                     : userinfo.substr(colon + 1));
                p = lastAt + 1;
            }
            state = S::Host;
            [[fallthrough]];
        }

        // https://url.spec.whatwg.org/#host-state
        case S::Host:
        case S::Hostname: {
            if (hasOverride && url.schemeType() == SchemeType::File) {
                state = S::FileHost;
                break;
            }
            const bool special = url.isSpecial();
            bool insideBrackets = false; // the spec's flag; this state runs once per parse
            size_t q = p;
            for (;; ++q) {
                q = HostDelimiters::find(in, q, n);
                if (q == n) break;
                const char ch = in[q];
                if (ch == '[')
                    insideBrackets = true;
                else if (ch == ']')
                    insideBrackets = false;
                else if (!(ch == ':' && insideBrackets) && !(ch == '\\' && !special))
                    break;
            }
            const std::string_view buffer(in + p, q - p);
            if (q < n && in[q] == ':') {
                if (buffer.empty()) return false; // host-missing
                if (stateOverride == S::Hostname) return false;
                if (!parseHost(buffer, !special, scratch.host)) return false;
                url.setHost(scratch.host);
                state = S::Port;
                p = q + 1;
            } else {
                if (special && buffer.empty()) return false; // host-missing
                if (hasOverride && buffer.empty() &&
                    (url.includesCredentials() || url.port() != -1)) {
                    return true;
                }
                if (!parseHost(buffer, !special, scratch.host)) return false;
                url.setHost(scratch.host);
                if (hasOverride) return true;
                state = S::PathStart;
                p = q;
            }
            [[fallthrough]]; // into the port state, which only runs when state says so
        }

        // https://url.spec.whatwg.org/#port-state
        case S::Port:
            if (state == S::Port) { // not when the host state fell through without a port
                size_t q = p;
                std::uint32_t value = 0;
                for (; q < n && isAsciiDigit(static_cast<unsigned char>(in[q])); ++q) {
                    if (value <= 65535) value = value * 10 + static_cast<unsigned>(in[q] - '0');
                }
                const int ch = at(q);
                const bool endOfPort = ch == kEof || ch == '/' || ch == '?' || ch == '#' ||
                                       (url.isSpecial() && ch == '\\');
                if (!endOfPort && !hasOverride) return false;
                if (q != p) {
                    if (value > 65535) return false;
                    const auto port = static_cast<int>(value);
                    url.setPort(port == defaultPort(url.schemeType()) ? -1 : port);
                    if (hasOverride) return true;
                }
                if (hasOverride) return false;
                state = S::PathStart;
                p = q;
            }
            [[fallthrough]];

        // https://url.spec.whatwg.org/#path-start-state
        case S::PathStart: {
            const int ch = at(p);
            if (url.isSpecial()) {
                state = S::Path;
                if (ch == '/' || ch == '\\') ++p;
            } else if (!hasOverride && ch == '?') {
                url.startQuery();
                state = S::Query;
                ++p;
            } else if (!hasOverride && ch == '#') {
                url.startFragment();
                state = S::Fragment;
                ++p;
            } else if (ch != kEof) {
                state = S::Path;
                if (ch == '/') ++p;
            } else {
                if (hasOverride && !url.hasHost()) url.pathSink().push_back('/');
                return true;
            }
            if (state != S::Path) break;
            [[fallthrough]];
        }

        // https://url.spec.whatwg.org/#path-state
        // One iteration per segment: the segment is percent-encoded straight into url's path
        // after a '/', then the dot-segment and drive-letter rules look at what was written.
        case S::Path: {
            const bool special = url.isSpecial();
            const std::uint8_t stop =
                kSlash | (special ? kBackslash : 0) | (hasOverride ? 0 : kQuestion | kHash);
            Sink& path = url.pathSink();
            const size_t pathOffset = url.pathOffset();
            for (;;) {
                const size_t segmentStart = path.size();
                path.push_back('/');
                path.append(pathBuffer);
                pathBuffer = std::string_view();
                const size_t q = appendEncodedRun<PathStops>(
                    path, in, p, n, EncodeSet::Path,
                    [stop](unsigned char b) { return (pathDelimiter(b) & stop) != 0; });
                const int ch = at(q);
                const bool slash = ch == '/' || (special && ch == '\\');
                const std::string_view segment(path.data() + segmentStart + 1,
                                               path.size() - segmentStart - 1);
                if (isDoubleDotSegment(segment)) {
                    path.resize(segmentStart);
                    shortenPath(url);
                    if (!slash) path.push_back('/');
                } else if (isSingleDotSegment(segment)) {
                    path.resize(segmentStart);
                    if (!slash) path.push_back('/');
                } else if (url.schemeType() == SchemeType::File && segmentStart == pathOffset &&
                           isWindowsDriveLetter(segment)) {
                    path[pathOffset + 2] = ':';
                }
                if (slash) {
                    p = q + 1;
                    continue;
                }
                if (ch == kEof) return true;
                if (ch == '?') {
                    url.startQuery();
                    state = S::Query;
                } else {
                    url.startFragment();
                    state = S::Fragment;
                }
                p = q + 1;
                break;
            }
            if (state != S::Query) break;
            [[fallthrough]];
        }

        // https://url.spec.whatwg.org/#query-state
        case S::Query: {
            const size_t q = appendEncodedRun<QueryStops>(
                url.querySink(), in, p, n,
                url.isSpecial() ? EncodeSet::SpecialQuery : EncodeSet::Query,
                [hasOverride](unsigned char b) { return b == '#' && !hasOverride; });
            if (q == n) return true;
            url.startFragment();
            state = S::Fragment;
            p = q + 1;
            [[fallthrough]];
        }

        // https://url.spec.whatwg.org/#fragment-state
        case S::Fragment:
            appendEncodedRun<FragmentStops>(url.fragmentSink(), in, p, n, EncodeSet::Fragment,
                                            [](unsigned char) { return false; });
            return true;

        // https://url.spec.whatwg.org/#no-scheme-state
        case S::NoScheme:
            if (!base || (base->hasOpaquePath() && c != '#')) return false;
            if (base->hasOpaquePath()) {
                url.setScheme(base->scheme(), base->schemeType());
                url.startOpaquePath();
                url.pathSink().append(base->pathname());
                url.copyQueryFrom(*base);
                url.startFragment();
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
        // Base's query is copied only where it survives: '?' replaces it and any other code
        // point nulls it, so it is never written just to be removed.
        case S::Relative:
            url.setScheme(base->scheme(), base->schemeType());
            if (c == '/' || (url.isSpecial() && c == '\\')) {
                state = S::RelativeSlash;
                ++p;
                break;
            }
            url.copyAuthorityFrom(*base);
            url.copyPathFrom(*base);
            if (c == '?') {
                url.startQuery();
                state = S::Query;
                ++p;
            } else if (c == '#') {
                url.copyQueryFrom(*base);
                url.startFragment();
                state = S::Fragment;
                ++p;
            } else if (c != kEof) {
                shortenPath(url);
                state = S::Path;
            } else {
                url.copyQueryFrom(*base);
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
                url.copyAuthorityFrom(*base);
                state = S::Path;
            }
            break;

        // https://url.spec.whatwg.org/#file-state
        // As in the relative state, base's query is copied only where it survives.
        case S::File:
            url.setScheme("file", SchemeType::File);
            url.setEmptyHost();
            if (c == '/' || c == '\\') {
                state = S::FileSlash;
                ++p;
            } else if (base && base->schemeType() == SchemeType::File) {
                url.copyHostFrom(*base);
                url.copyPathFrom(*base);
                if (c == '?') {
                    url.startQuery();
                    state = S::Query;
                    ++p;
                } else if (c == '#') {
                    url.copyQueryFrom(*base);
                    url.startFragment();
                    state = S::Fragment;
                    ++p;
                } else if (c != kEof) {
                    if (!startsWithWindowsDriveLetter(input.substr(p))) {
                        shortenPath(url);
                    } else {
                        url.pathSink().resize(url.pathOffset());
                    }
                    state = S::Path;
                } else {
                    url.copyQueryFrom(*base);
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
                url.copyHostFrom(*base);
                const std::string_view basePath = base->pathname();
                if (!startsWithWindowsDriveLetter(input.substr(p)) && !basePath.empty() &&
                    isNormalizedWindowsDriveLetter(firstSegment(basePath))) {
                    Sink& path = url.pathSink();
                    path.push_back('/');
                    path.append(firstSegment(basePath));
                }
            }
            state = S::Path;
            break;

        // https://url.spec.whatwg.org/#file-host-state
        case S::FileHost: {
            size_t q = p;
            while (q < n && in[q] != '/' && in[q] != '\\' && in[q] != '?' && in[q] != '#')
                ++q;
            const std::string_view buffer(in + p, q - p);
            p = q;
            if (!hasOverride && isWindowsDriveLetter(buffer)) {
                // The quirk: the buffer is not reset and becomes the path's first segment.
                pathBuffer = buffer;
                state = S::Path;
                break;
            }
            if (buffer.empty()) {
                url.setEmptyHost();
                if (hasOverride) return true;
                state = S::PathStart;
                break;
            }
            if (!parseHost(buffer, false, scratch.host)) return false;
            if (scratch.host == "localhost") scratch.host.clear();
            url.setHost(scratch.host);
            if (hasOverride) return true;
            state = S::PathStart;
            break;
        }

        // https://url.spec.whatwg.org/#cannot-be-a-base-url-path-state
        case S::OpaquePath: {
            auto isStop = [](unsigned char ch) { return ch == '?' || ch == '#'; };
            const size_t q = appendEncodedRun<OpaquePathStops>(url.pathSink(), in, p, n,
                                                               EncodeSet::C0Control, isStop);
            if (q == n) return true;
            if (in[q] == '?') {
                url.startQuery();
                state = S::Query;
            } else {
                url.startFragment();
                state = S::Fragment;
            }
            p = q + 1;
            break;
        }

        case S::None: return false;
        }
    }
}

// Steps 1-2 of the basic URL parser: trim C0 controls and spaces (not for setters), then remove
// tabs and newlines (into the scratch buffer, only when there are any).
std::string_view preprocessInput(std::string_view input, bool trim, ParserScratch& scratch)
{
    if (trim) {
        size_t begin = 0;
        size_t end = input.size();
        while (begin < end && static_cast<unsigned char>(input[begin]) <= 0x20)
            ++begin;
        while (end > begin && static_cast<unsigned char>(input[end - 1]) <= 0x20)
            --end;
        input = input.substr(begin, end - begin);
    }
    if (const size_t first = TabOrNewline::find(input.data(), 0, input.size());
        first != input.size()) {
        scratch.input.assign(input.data(), first);
        for (size_t i = first + 1; i < input.size(); ++i) {
            if (!isTabOrNewline(input[i])) scratch.input.push_back(input[i]);
        }
        input = scratch.input;
    }
    return input;
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
    while (end > 0 && url.path[end - 1] == ' ')
        --end;
    url.path.resize(end);
}

// https://url.spec.whatwg.org/#concept-basic-url-parser
bool basicParse(std::string_view input, const UrlRecord* base, UrlParts& url,
                ParserState stateOverride)
{
    ParserScratch& scratch = parserScratch();
    const bool hasOverride = stateOverride != ParserState::None;
    input = preprocessInput(input, !hasOverride, scratch);
    PartsUrl adapter(url);
    return runStateMachine(input, base, adapter, stateOverride, scratch);
}

} // namespace detail

// https://url.spec.whatwg.org/#api-url-parser
bool parse(UrlRecord& record, std::string_view input, const UrlRecord* base)
{
    detail::ParserScratch& scratch = detail::parserScratch();
    input = detail::preprocessInput(input, true, scratch);
    // Room for the input, some percent-encoding growth and, for relative input, base's
    // components: one allocation for the common URL.
    const size_t capacity = input.size() + 24 + (base ? base->href().size() : 0);
    detail::HrefBuilder builder(record, capacity);
    if (!detail::runStateMachine(input, base, builder, detail::ParserState::None, scratch)) {
        return false;
    }
    builder.finish();
    return true;
}

std::optional<UrlRecord> parse(std::string_view input, const UrlRecord* base)
{
    std::optional<UrlRecord> record(UrlRecord{});
    if (!parse(*record, input, base)) return std::nullopt;
    return record;
}

std::optional<UrlRecord> parse(std::string_view input, std::string_view base)
{
    // The base only lives for this call: parse it into a per-thread record whose buffer is
    // reused, as `new URL(input, base)` does on every call.
    thread_local UrlRecord baseRecord;
    if (!parse(baseRecord, base, nullptr)) return std::nullopt;
    return parse(input, &baseRecord);
}

} // namespace nano::url
