#pragma once

// The URL record (https://url.spec.whatwg.org/#concept-url), stored serialised.
//
// Like ada's url_aggregator, a UrlRecord keeps its href in one std::string plus the offsets of each
// component (Layout), so every getter is a substring view and nothing is re-serialised on read:
//
//   https://user:pass@example.com:8080/a/b?q=1#frag
//         |   |    |  |          |   |   |   `- fragmentStart ('#', or npos)
//         |   |    |  |          |   |   `----- queryStart ('?', or npos)
//         |   |    |  |          |   `--------- pathStart
//         |   |    |  |          `------------- hostEnd (':' before the port, if any)
//         |   |    |  `------------------------ hostStart
//         |   |    `--------------------------- passwordEnd ('@' when credentials exist)
//         |   `-------------------------------- usernameEnd
//         `------------------------------------ schemeEnd (':')
//
// Without a host, the four authority offsets all equal schemeEnd + 1. A URL whose host is null
// and whose path starts with an empty segment serialises with "/." before the path (the spec's
// serializer step 3); pathStart then points after the "/.", so pathname() does not include it.
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
    std::string_view protocol() const { return view(0, m_at.schemeEnd + 1); }
    std::string_view username() const;
    std::string_view password() const;
    std::string_view host() const;
    std::string_view hostname() const;
    std::string_view port() const;
    std::string_view pathname() const { return view(m_at.pathStart, pathEnd()); }
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
    std::string_view scheme() const { return view(0, m_at.schemeEnd); }
    SchemeType schemeType() const { return m_at.schemeType; }
    bool isSpecial() const { return m_at.schemeType != SchemeType::NotSpecial; }
    // Host is non-null (possibly the empty host).
    bool hasHost() const { return m_at.hasHost; }
    bool hasOpaquePath() const { return m_at.hasOpaquePath; }
    // -1 when the port is null (absent or the scheme's default).
    int portNumber() const { return m_at.port; }
    // https://url.spec.whatwg.org/#include-credentials
    bool includesCredentials() const { return m_at.passwordEnd > m_at.schemeEnd + 3; }
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
    std::string_view hrefWithoutFragment() const
    {
        return view(0, m_at.fragmentStart == npos ? m_href.size() : m_at.fragmentStart);
    }

    static constexpr size_t npos = std::string::npos;
    // Everything besides href(): with it, the whole record. The URL binding keeps a record as its
    // href string plus this layout in its JS object, and loads it back for each call.
    struct Layout {
        size_t schemeEnd = 0;
        size_t usernameEnd = 0;
        size_t passwordEnd = 0;
        size_t hostStart = 0;
        size_t hostEnd = 0;
        size_t pathStart = 0;
        size_t queryStart = npos; // npos when null
        size_t fragmentStart = npos;
        std::int32_t port = -1;
        SchemeType schemeType = SchemeType::NotSpecial;
        bool hasHost = false;
        bool hasOpaquePath = false;
    };
    const Layout& layout() const { return m_at; }
    // Restores a record saved as href() and layout(): `fill` writes the href's `size` bytes into
    // the buffer it is given. Reuses this record's buffer.
    template <class Fill> void load(size_t size, const Layout& layout, Fill&& fill)
    {
        m_href.resize(size);
        fill(m_href.data());
        m_at = layout;
    }

private:
    friend class detail::HrefBuilder; // writes m_href and the offsets during a fresh parse

    std::string_view view(size_t begin, size_t end) const
    {
        return std::string_view(m_href).substr(begin, end - begin);
    }
    size_t pathEnd() const
    {
        return m_at.queryStart != npos      ? m_at.queryStart
               : m_at.fragmentStart != npos ? m_at.fragmentStart
                                            : m_href.size();
    }
    // Serialises `parts` into this record (https://url.spec.whatwg.org/#concept-url-serializer).
    void assign(const detail::UrlParts& parts);
    // The inverse of assign(): fills `parts` with copies of this record's components.
    void toParts(detail::UrlParts& parts) const;
    // Runs the basic URL parser on this record with a state override and re-serialises.
    void runStateOverride(std::string_view input, detail::ParserState state);

    std::string m_href;
    Layout m_at; // where each component is in m_href
};

// https://url.spec.whatwg.org/#scheme-state: the special scheme for a lower-case scheme.
SchemeType schemeTypeOf(std::string_view scheme);
// https://url.spec.whatwg.org/#default-port, or -1.
int defaultPort(SchemeType type);

} // namespace nano::url
