#pragma once

// The URL parser (https://url.spec.whatwg.org/#url-parsing).
//
// parse() is the API URL parser: it returns a serialised UrlRecord or nullopt for failure (the
// binding's TypeError). One state machine, written after the spec's basic URL parser, runs on two
// representations (url_builder.h): a fresh parse writes the href in order straight into the new
// record, and setters run it with a state override on detail::UrlParts, the record in mutable,
// component-by-component form. Input is UTF-8; the machine works on bytes, which is exact because
// every delimiter is ASCII and every percent-encode set contains all non-ASCII code points.
//
// Speed: a fresh parse allocates once (the href) unless the host needs IDNA; the states scan runs
// of bytes (16 at a time with SSE2, byte_scan.h) instead of stepping one code point at a time, and
// the usual scheme-authority-path-query sequence falls through the switch without dispatching.
// Linear in the input.

#include "engine/api/url/url_record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nano::url {

// https://url.spec.whatwg.org/#api-url-parser (and the basic URL parser without state override).
// `base` may be null. The returned record is independent of `input` and `base`.
std::optional<UrlRecord> parse(std::string_view input, const UrlRecord* base = nullptr);
// The same into `out`, reusing its buffer (no allocation for a URL that fits); false on failure,
// leaving `out` unspecified. `base` must not be `out`.
bool parse(UrlRecord& out, std::string_view input, const UrlRecord* base = nullptr);
// The same with a base given as a string, like `new URL(input, base)`: a base that fails to
// parse makes the whole parse fail.
std::optional<UrlRecord> parse(std::string_view input, std::string_view base);

namespace detail {

// https://url.spec.whatwg.org/#scheme-start-state and the states after it.
enum class ParserState : std::uint8_t {
    None,
    SchemeStart,
    Scheme,
    NoScheme,
    SpecialRelativeOrAuthority,
    PathOrAuthority,
    Relative,
    RelativeSlash,
    SpecialAuthoritySlashes,
    SpecialAuthorityIgnoreSlashes,
    Authority,
    Host,
    Hostname,
    Port,
    File,
    FileSlash,
    FileHost,
    PathStart,
    Path,
    OpaquePath,
    Query,
    Fragment,
};

// A URL record with each component held separately, the shape the spec's algorithms mutate.
// Components are stored in their final, percent-encoded form.
struct UrlParts {
    std::string scheme;
    std::string username;
    std::string password;
    // The serialised host; meaningful only when hasHost ("" with hasHost is the empty host).
    std::string host;
    // A list path is stored serialised: each segment preceded by '/' ("" is the empty list, "/"
    // is one empty segment), so segments are never copied one by one. An opaque path is stored
    // as is.
    std::string path;
    std::string query;    // meaningful only when hasQuery
    std::string fragment; // meaningful only when hasFragment
    std::int32_t port = -1;
    SchemeType schemeType = SchemeType::NotSpecial;
    bool hasHost = false;
    bool hasOpaquePath = false;
    bool hasQuery = false;
    bool hasFragment = false;

    bool isSpecial() const { return schemeType != SchemeType::NotSpecial; }
    bool includesCredentials() const { return !username.empty() || !password.empty(); }
    // Keeps the strings' capacity: these objects are reused across parses.
    void clear();
};

// https://url.spec.whatwg.org/#concept-basic-url-parser
// Runs the state machine on `url` (fresh, or an existing record for a state override). Returns
// false on failure. With a state override, `url` keeps whatever the machine changed before it
// returned or failed, as the spec's setters observe.
bool basicParse(std::string_view input, const UrlRecord* base, UrlParts& url,
                ParserState stateOverride = ParserState::None);

// The thread's reusable parts buffer, for setters (it keeps its capacity). Not re-entrant: a
// caller must be done with it before anything it calls uses it again.
UrlParts& scratchParts();

// https://url.spec.whatwg.org/#potentially-strip-trailing-spaces-from-an-opaque-path
void potentiallyStripTrailingSpacesFromAnOpaquePath(UrlParts& url);

} // namespace detail

} // namespace nano::url
