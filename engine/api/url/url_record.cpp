#include "engine/api/url/url_record.h"

#include "engine/api/url/percent_encode.h"
#include "engine/api/url/url_parser.h"

#include <charconv>
#include <cstring>

namespace nano::url {

using detail::ParserState;
using detail::UrlParts;

SchemeType schemeTypeOf(std::string_view scheme)
{
    switch (scheme.size()) {
    case 2:
        if (scheme == "ws") return SchemeType::Ws;
        break;
    case 3:
        if (scheme == "wss") return SchemeType::Wss;
        if (scheme == "ftp") return SchemeType::Ftp;
        break;
    case 4:
        if (scheme == "http") return SchemeType::Http;
        if (scheme == "file") return SchemeType::File;
        break;
    case 5:
        if (scheme == "https") return SchemeType::Https;
        break;
    default: break;
    }
    return SchemeType::NotSpecial;
}

int defaultPort(SchemeType type)
{
    switch (type) {
    case SchemeType::Http:
    case SchemeType::Ws: return 80;
    case SchemeType::Https:
    case SchemeType::Wss: return 443;
    case SchemeType::Ftp: return 21;
    case SchemeType::File:
    case SchemeType::NotSpecial: break;
    }
    return -1;
}

// https://url.spec.whatwg.org/#dom-url-username
std::string_view UrlRecord::username() const
{
    return m_at.hasHost ? view(m_at.schemeEnd + 3, m_at.usernameEnd) : std::string_view();
}

// https://url.spec.whatwg.org/#dom-url-password
std::string_view UrlRecord::password() const
{
    return m_at.passwordEnd > m_at.usernameEnd ? view(m_at.usernameEnd + 1, m_at.passwordEnd)
                                               : std::string_view();
}

// https://url.spec.whatwg.org/#dom-url-host
std::string_view UrlRecord::host() const
{
    return m_at.hasHost ? view(m_at.hostStart, m_at.pathStart) : std::string_view();
}

// https://url.spec.whatwg.org/#dom-url-hostname
std::string_view UrlRecord::hostname() const
{
    return m_at.hasHost ? view(m_at.hostStart, m_at.hostEnd) : std::string_view();
}

// https://url.spec.whatwg.org/#dom-url-port
std::string_view UrlRecord::port() const
{
    return m_at.port >= 0 ? view(m_at.hostEnd + 1, m_at.pathStart) : std::string_view();
}

// https://url.spec.whatwg.org/#dom-url-search
std::string_view UrlRecord::search() const
{
    if (m_at.queryStart == npos) return {};
    const size_t end = m_at.fragmentStart != npos ? m_at.fragmentStart : m_href.size();
    return end - m_at.queryStart > 1 ? view(m_at.queryStart, end) : std::string_view();
}

// https://url.spec.whatwg.org/#dom-url-hash
std::string_view UrlRecord::hash() const
{
    if (m_at.fragmentStart == npos || m_at.fragmentStart + 1 == m_href.size()) return {};
    return view(m_at.fragmentStart, m_href.size());
}

std::optional<std::string_view> UrlRecord::query() const
{
    if (m_at.queryStart == npos) return std::nullopt;
    return view(m_at.queryStart + 1,
                m_at.fragmentStart != npos ? m_at.fragmentStart : m_href.size());
}

std::optional<std::string_view> UrlRecord::fragment() const
{
    if (m_at.fragmentStart == npos) return std::nullopt;
    return view(m_at.fragmentStart + 1, m_href.size());
}

bool UrlRecord::cannotHaveUsernamePasswordPort() const
{
    return !m_at.hasHost || m_at.hostStart == m_at.hostEnd || m_at.schemeType == SchemeType::File;
}

// https://url.spec.whatwg.org/#concept-url-origin and
// https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
std::string UrlRecord::origin() const
{
    switch (m_at.schemeType) {
    case SchemeType::Http:
    case SchemeType::Https:
    case SchemeType::Ws:
    case SchemeType::Wss:
    case SchemeType::Ftp: {
        // A tuple origin: scheme "://" host [":" port]; host() already holds exactly that tail.
        const std::string_view hostAndPort = host();
        std::string out;
        out.reserve(m_at.schemeEnd + 3 + hostAndPort.size());
        out.append(protocol()).append("//").append(hostAndPort);
        return out;
    }
    case SchemeType::NotSpecial:
        // "blob": the origin of the URL its path holds, when that is http(s). (No blob URL store
        // exists at this layer, so an entry's environment origin never applies here.)
        if (scheme() == "blob") {
            const std::optional<UrlRecord> pathUrl = parse(pathname());
            if (pathUrl && (pathUrl->schemeType() == SchemeType::Http ||
                            pathUrl->schemeType() == SchemeType::Https)) {
                return pathUrl->origin();
            }
        }
        break;
    case SchemeType::File: break; // "left as an exercise to the reader": an opaque origin
    }
    return "null";
}

// https://url.spec.whatwg.org/#concept-url-serializer
void UrlRecord::assign(const UrlParts& u)
{
    const bool credentials = u.includesCredentials();
    const bool dotSlash = !u.hasHost && !u.hasOpaquePath && u.path.size() > 1 && u.path[1] == '/';
    char port[8];
    size_t portLength = 0;
    if (u.hasHost && u.port >= 0) {
        port[0] = ':';
        portLength =
            static_cast<size_t>(std::to_chars(port + 1, port + sizeof port, u.port).ptr - port);
    }
    size_t size = u.scheme.size() + 1 + u.path.size();
    if (u.hasHost) {
        size += 2 + u.host.size() + portLength;
        if (credentials) size += u.username.size() + 1 + u.password.size();
        if (credentials && !u.password.empty()) ++size;
    }
    if (dotSlash) size += 2;
    if (u.hasQuery) size += 1 + u.query.size();
    if (u.hasFragment) size += 1 + u.fragment.size();

    // Sized once, then filled with memcpy: the components are copies, so m_href may be reused.
    m_href.resize(size);
    char* const begin = m_href.data();
    char* out = begin;
    auto put = [&out](const char* data, size_t length) {
        std::memcpy(out, data, length);
        out += length;
    };
    auto putChar = [&out](char c) { *out++ = c; };
    auto offset = [&out, begin] { return static_cast<size_t>(out - begin); };

    put(u.scheme.data(), u.scheme.size());
    m_at.schemeEnd = offset();
    putChar(':');
    if (u.hasHost) {
        put("//", 2);
        if (credentials) {
            put(u.username.data(), u.username.size());
            m_at.usernameEnd = offset();
            if (!u.password.empty()) {
                putChar(':');
                put(u.password.data(), u.password.size());
            }
            m_at.passwordEnd = offset();
            putChar('@');
        } else {
            m_at.usernameEnd = m_at.passwordEnd = offset();
        }
        m_at.hostStart = offset();
        put(u.host.data(), u.host.size());
        m_at.hostEnd = offset();
        put(port, portLength);
    } else {
        m_at.usernameEnd = m_at.passwordEnd = m_at.hostStart = m_at.hostEnd = offset();
    }
    if (dotSlash) put("/.", 2);
    m_at.pathStart = offset();
    put(u.path.data(), u.path.size());
    m_at.queryStart = npos;
    if (u.hasQuery) {
        m_at.queryStart = offset();
        putChar('?');
        put(u.query.data(), u.query.size());
    }
    m_at.fragmentStart = npos;
    if (u.hasFragment) {
        m_at.fragmentStart = offset();
        putChar('#');
        put(u.fragment.data(), u.fragment.size());
    }
    m_at.port = u.port;
    m_at.schemeType = u.schemeType;
    m_at.hasHost = u.hasHost;
    m_at.hasOpaquePath = u.hasOpaquePath;
}

void UrlRecord::toParts(UrlParts& u) const
{
    u.scheme.assign(scheme());
    u.schemeType = m_at.schemeType;
    u.username.assign(username());
    u.password.assign(password());
    u.hasHost = m_at.hasHost;
    u.host.assign(hostname());
    u.port = m_at.port;
    u.path.assign(pathname());
    u.hasOpaquePath = m_at.hasOpaquePath;
    const auto q = query();
    u.hasQuery = q.has_value();
    u.query.assign(q.value_or(std::string_view()));
    const auto f = fragment();
    u.hasFragment = f.has_value();
    u.fragment.assign(f.value_or(std::string_view()));
}

// `input` may view this record's own href: it is read before assign() rewrites m_href.
void UrlRecord::runStateOverride(std::string_view input, ParserState state)
{
    UrlParts& parts = detail::scratchParts();
    toParts(parts);
    if (state == ParserState::PathStart) parts.path.clear();
    detail::basicParse(input, nullptr, parts, state);
    assign(parts);
}

// https://url.spec.whatwg.org/#dom-url-href
bool UrlRecord::setHref(std::string_view value)
{
    std::optional<UrlRecord> parsed = parse(value);
    if (!parsed) return false;
    *this = std::move(*parsed);
    return true;
}

// https://url.spec.whatwg.org/#dom-url-protocol
void UrlRecord::setProtocol(std::string_view value)
{
    std::string input;
    input.reserve(value.size() + 1);
    input.append(value).push_back(':');
    runStateOverride(input, ParserState::SchemeStart);
}

// https://url.spec.whatwg.org/#dom-url-username and #set-the-username
void UrlRecord::setUsername(std::string_view value)
{
    if (cannotHaveUsernamePasswordPort()) return;
    UrlParts& parts = detail::scratchParts();
    toParts(parts);
    parts.username.clear();
    percentEncodeAppend(parts.username, value, EncodeSet::Userinfo);
    assign(parts);
}

// https://url.spec.whatwg.org/#dom-url-password and #set-the-password
void UrlRecord::setPassword(std::string_view value)
{
    if (cannotHaveUsernamePasswordPort()) return;
    UrlParts& parts = detail::scratchParts();
    toParts(parts);
    parts.password.clear();
    percentEncodeAppend(parts.password, value, EncodeSet::Userinfo);
    assign(parts);
}

// https://url.spec.whatwg.org/#dom-url-host
void UrlRecord::setHost(std::string_view value)
{
    if (m_at.hasOpaquePath) return;
    runStateOverride(value, ParserState::Host);
}

// https://url.spec.whatwg.org/#dom-url-hostname
void UrlRecord::setHostname(std::string_view value)
{
    if (m_at.hasOpaquePath) return;
    runStateOverride(value, ParserState::Hostname);
}

// https://url.spec.whatwg.org/#dom-url-port
void UrlRecord::setPort(std::string_view value)
{
    if (cannotHaveUsernamePasswordPort()) return;
    if (!value.empty()) {
        runStateOverride(value, ParserState::Port);
        return;
    }
    UrlParts& parts = detail::scratchParts();
    toParts(parts);
    parts.port = -1;
    assign(parts);
}

// https://url.spec.whatwg.org/#dom-url-pathname
void UrlRecord::setPathname(std::string_view value)
{
    if (m_at.hasOpaquePath) return;
    runStateOverride(value, ParserState::PathStart); // empties the path first
}

// https://url.spec.whatwg.org/#dom-url-search
void UrlRecord::setSearch(std::string_view value)
{
    UrlParts& parts = detail::scratchParts();
    toParts(parts);
    if (value.empty()) {
        parts.hasQuery = false;
        parts.query.clear();
        detail::potentiallyStripTrailingSpacesFromAnOpaquePath(parts);
    } else {
        if (value.front() == '?') value.remove_prefix(1);
        parts.hasQuery = true;
        parts.query.clear();
        detail::basicParse(value, nullptr, parts, ParserState::Query);
    }
    assign(parts);
}

// https://url.spec.whatwg.org/#dom-url-hash
void UrlRecord::setHash(std::string_view value)
{
    UrlParts& parts = detail::scratchParts();
    toParts(parts);
    if (value.empty()) {
        parts.hasFragment = false;
        parts.fragment.clear();
        detail::potentiallyStripTrailingSpacesFromAnOpaquePath(parts);
    } else {
        if (value.front() == '#') value.remove_prefix(1);
        parts.hasFragment = true;
        parts.fragment.clear();
        detail::basicParse(value, nullptr, parts, ParserState::Fragment);
    }
    assign(parts);
}

// https://url.spec.whatwg.org/#concept-urlsearchparams-update (steps 2-4)
void UrlRecord::setQuery(std::optional<std::string_view> encodedQuery)
{
    UrlParts& parts = detail::scratchParts();
    toParts(parts);
    if (encodedQuery && !encodedQuery->empty()) {
        parts.hasQuery = true;
        parts.query.assign(*encodedQuery);
    } else {
        parts.hasQuery = false;
        parts.query.clear();
        detail::potentiallyStripTrailingSpacesFromAnOpaquePath(parts);
    }
    assign(parts);
}

} // namespace nano::url
