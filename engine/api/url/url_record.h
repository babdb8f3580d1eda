#pragma once

// The URL record (https://url.spec.whatwg.org/#concept-url), stored serialised.
//
// Like ada's url_aggregator, a UrlRecord keeps its href in one std::string plus the offsets of each
// component, so every getter is a substring view and nothing is re-serialised on read:
//
//   https://user:pass@example.com:8080/a/b?q=1#frag
//         |   |    |  |          |   |   |   `- m_fragmentStart ('#', or npos)
//         |   |    |  |          |   |   `----- m_queryStart ('?', or npos)
//         |   |    |  |          |   `--------- m_pathStart
//         |   |    |  |          `------------- m_hostEnd (':' before the port, if any)
//         |   |    |  `------------------------ m_hostStart
//         |   |    `--------------------------- m_passwordEnd ('@' when credentials exist)
//         |   `-------------------------------- m_usernameEnd
//         `------------------------------------ m_schemeEnd (':')
//
// Without a host, the four authority offsets all equal m_schemeEnd + 1. A URL whose host is null
// and whose path starts with an empty segment serialises with "/." before the path (the spec's
// serializer step 3); m_pathStart then points after the "/.", so pathname() does not include it.
//
// Setters decompose the record into its mutable form (detail::UrlParts), run the spec's basic URL
// parser with a state override on it, and serialise once. Getters return views into href(): they
// are invalidated by any setter and by destroying or assigning the record.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nano::url {

namespace detail {
struct UrlParts;
class HrefBuilder;
enum class ParserState : std::uint8_t;
} // namespace detail

// https://url.spec.whatwg.org/#special-scheme
enum class SchemeType : std::uint8_t { NotSpecial, Http, Https, Ws, Wss, Ftp, File };

class UrlRecord final {
public:
    // An empty record, to be filled by parse(UrlRecord&, ...) or load(); its buffer is reused.
    UrlRecord() = default;
    UrlRecord(const UrlRecord&) = default;
    UrlRecord(UrlRecord&&) noexcept = default;
    UrlRecord& operator=(const UrlRecord&) = default;
    UrlRecord& operator=(UrlRecord&&) noexcept = default;
    ~UrlRecord() = default;

    // --- The URL interface's getters (https://url.spec.whatwg.org/#urlutils-members) ---
    std::string_view href() const { return m_href; }
    // https://url.spec.whatwg.org/#dom-url-origin: the ASCII serialisation of the origin; "null"
    // for opaque origins. blob: URLs take the origin of the URL in their path (http/https only).
    std::string origin() const;
    std::string_view protocol() const { return view(0, m_schemeEnd + 1); }
    std::string_view username() const;
    std::string_view password() const;
    std::string_view host() const;
    std::string_view hostname() const;
    std::string_view port() const;
    std::string_view pathname() const { return view(m_pathStart, pathEnd()); }
    std::string_view search() const;
    std::string_view hash() const;

    // --- The URL interface's setters; each implements the spec's setter steps exactly ---
    // https://url.spec.whatwg.org/#dom-url-href: returns false (record unchanged) when `value`
    // does not parse; the binding throws a TypeError then.
    bool setHref(std::string_view value);
    void setProtocol(std::string_view value);
    void setUsername(std::string_view value);
    void setPassword(std::string_view value);
    void setHost(std::string_view value);
    void setHostname(std::string_view value);
    void setPort(std::string_view value);
    void setPathname(std::string_view value);
    void setSearch(std::string_view value);
    void setHash(std::string_view value);

    // --- Internal slots, for other APIs (URLSearchParams, fetch, the parser's base URL) ---
    std::string_view scheme() const { return view(0, m_schemeEnd); }
    SchemeType schemeType() const { return m_schemeType; }
    bool isSpecial() const { return m_schemeType != SchemeType::NotSpecial; }
    // Host is non-null (possibly the empty host).
    bool hasHost() const { return m_hasHost; }
    bool hasOpaquePath() const { return m_hasOpaquePath; }
    // -1 when the port is null (absent or the scheme's default).
    int portNumber() const { return m_port; }
    // https://url.spec.whatwg.org/#include-credentials
    bool includesCredentials() const { return m_passwordEnd > m_schemeEnd + 3; }
    // https://url.spec.whatwg.org/#cannot-have-a-username-password-port
    bool cannotHaveUsernamePasswordPort() const;
    // The query and fragment without their leading '?'/'#'; nullopt when null (distinct from "").
    std::optional<std::string_view> query() const;
    std::optional<std::string_view> fragment() const;
    // Sets the URL's query to an already-encoded string (URLSearchParams' "update" steps pass the
    // urlencoded serialisation), or to null with nullopt; "" also means null, as in those steps.
    // Setting null potentially strips trailing spaces from an opaque path.
    void setQuery(std::optional<std::string_view> encodedQuery);
    // The href without the fragment (https://url.spec.whatwg.org/#concept-url-serializer with
    // exclude fragment), e.g. for fetch's request URL.
    std::string_view hrefWithoutFragment() const {
        return view(0, m_fragmentStart == npos ? m_href.size() : m_fragmentStart);
    }

    // Everything besides href(): with it, the whole record. The URL binding keeps a record as its
    // href string plus this layout in its JS object, and loads it back for each call.
    struct Layout {
        size_t schemeEnd, usernameEnd, passwordEnd, hostStart, hostEnd, pathStart;
        size_t queryStart, fragmentStart; // npos when null
        std::int32_t port;
        SchemeType schemeType;
        bool hasHost, hasOpaquePath;
    };
    static constexpr size_t npos = std::string::npos;
    Layout layout() const {
        return {m_schemeEnd, m_usernameEnd, m_passwordEnd, m_hostStart,     m_hostEnd,
                m_pathStart, m_queryStart,  m_fragmentStart, m_port, m_schemeType,
                m_hasHost,   m_hasOpaquePath};
    }
    // Restores a record saved as href() and layout(): `fill` writes the href's `size` bytes into
    // the buffer it is given. Reuses this record's buffer.
    template <class Fill> void load(size_t size, const Layout& layout, Fill&& fill) {
        m_href.resize(size);
        fill(m_href.data());
        m_schemeEnd = layout.schemeEnd;
        m_usernameEnd = layout.usernameEnd;
        m_passwordEnd = layout.passwordEnd;
        m_hostStart = layout.hostStart;
        m_hostEnd = layout.hostEnd;
        m_pathStart = layout.pathStart;
        m_queryStart = layout.queryStart;
        m_fragmentStart = layout.fragmentStart;
        m_port = layout.port;
        m_schemeType = layout.schemeType;
        m_hasHost = layout.hasHost;
        m_hasOpaquePath = layout.hasOpaquePath;
    }

private:
    friend class detail::HrefBuilder; // writes m_href and the offsets during a fresh parse

    std::string_view view(size_t begin, size_t end) const {
        return std::string_view(m_href).substr(begin, end - begin);
    }
    size_t pathEnd() const {
        return m_queryStart != npos      ? m_queryStart
               : m_fragmentStart != npos ? m_fragmentStart
                                         : m_href.size();
    }
    // Serialises `parts` into this record (https://url.spec.whatwg.org/#concept-url-serializer).
    void assign(const detail::UrlParts& parts);
    // The inverse of assign(): fills `parts` with copies of this record's components.
    void toParts(detail::UrlParts& parts) const;
    // Runs the basic URL parser on this record with a state override and re-serialises.
    void runStateOverride(std::string_view input, detail::ParserState state);

    std::string m_href;
    size_t m_schemeEnd = 0;
    size_t m_usernameEnd = 0;
    size_t m_passwordEnd = 0;
    size_t m_hostStart = 0;
    size_t m_hostEnd = 0;
    size_t m_pathStart = 0;
    size_t m_queryStart = npos;
    size_t m_fragmentStart = npos;
    std::int32_t m_port = -1;
    SchemeType m_schemeType = SchemeType::NotSpecial;
    bool m_hasHost = false;
    bool m_hasOpaquePath = false;
};

// https://url.spec.whatwg.org/#scheme-state: the special scheme for a lower-case scheme.
SchemeType schemeTypeOf(std::string_view scheme);
// https://url.spec.whatwg.org/#default-port, or -1.
int defaultPort(SchemeType type);

} // namespace nano::url
