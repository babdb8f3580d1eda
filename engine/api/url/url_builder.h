#pragma once

// Internal to the URL parser: the two record representations its state machine writes into.
//
//  - HrefBuilder writes a fresh parse straight into the UrlRecord's href, in serialisation order
//    (scheme, credentials, host, port, path, query, fragment), the way ada's url_aggregator does,
//    so nothing is copied twice. A fresh parse only ever rewrites the component it wrote last (the
//    file state's host, the scheme state's "file"), which is all it supports.
//  - PartsUrl wraps detail::UrlParts, whose components can change in any order; setters (state
//    overrides) use it.
//
// Both expose the same members, so url_parser.cpp instantiates one state machine for each. Text is
// appended through Sink, an append buffer over a std::string whose appends are inline memcpy's.

#include "engine/api/url/percent_encode.h"
#include "engine/api/url/url_parser.h"
#include "engine/api/url/url_record.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <string>
#include <string_view>

namespace nano::url::detail {

// An append buffer over a std::string. It keeps the string sized to its capacity and tracks the
// used length itself, so push_back/append are a bounds check and a memcpy rather than out-of-line
// std::string calls. The string's size is set to the used length by commit() or the destructor;
// until then the string holds unspecified bytes past size().
class Sink final {
public:
    Sink(std::string& target, size_t capacity)
        : m_target(target)
        , m_size(target.size())
    {
        m_target.resize(std::max({capacity, m_size + 16, m_target.capacity()}));
        m_data = m_target.data();
        m_capacity = m_target.size();
    }
    ~Sink() { commit(); }
    Sink(const Sink&) = delete;
    Sink& operator=(const Sink&) = delete;

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    char* data() { return m_data; }
    std::string_view view() const { return std::string_view(m_data, m_size); }
    char& operator[](size_t i) { return m_data[i]; }
    char back() const { return m_data[m_size - 1]; }

    void push_back(char c)
    {
        reserveMore(1);
        m_data[m_size++] = c;
    }
    void append(const char* bytes, size_t length)
    {
        if (length == 0) return; // `bytes` may then be null, which memcpy must not see
        reserveMore(length);
        std::memcpy(m_data + m_size, bytes, length);
        m_size += length;
    }
    void append(std::string_view text) { append(text.data(), text.size()); }
    // Shrinks, or grows with unspecified bytes the caller then writes.
    void resize(size_t size)
    {
        if (size > m_size) reserveMore(size - m_size);
        m_size = size;
    }
    void insert(size_t at, std::string_view text)
    {
        reserveMore(text.size());
        std::memmove(m_data + at + text.size(), m_data + at, m_size - at);
        std::memcpy(m_data + at, text.data(), text.size());
        m_size += text.size();
    }
    void appendPercentEncodedByte(unsigned char byte)
    {
        constexpr char kHex[] = "0123456789ABCDEF";
        reserveMore(3);
        m_data[m_size] = '%';
        m_data[m_size + 1] = kHex[byte >> 4];
        m_data[m_size + 2] = kHex[byte & 0xF];
        m_size += 3;
    }
    // https://url.spec.whatwg.org/#string-utf-8-percent-encode, as percentEncodeAppend.
    void appendPercentEncoded(std::string_view input, EncodeSet set)
    {
        const char* p = input.data();
        const char* const end = p + input.size();
        while (p < end) {
            const char* const run = p;
            while (p < end && !inEncodeSet(static_cast<unsigned char>(*p), set))
                ++p;
            append(run, static_cast<size_t>(p - run));
            if (p == end) break;
            appendPercentEncodedByte(static_cast<unsigned char>(*p++));
        }
    }

    void commit() { m_target.resize(m_size); }

private:
    void reserveMore(size_t extra)
    {
        if (m_capacity - m_size >= extra) return;
        m_target.resize(std::max(m_capacity * 2, m_size + extra));
        m_data = m_target.data();
        m_capacity = m_target.size();
    }

    std::string& m_target;
    char* m_data = nullptr;
    size_t m_size = 0;
    size_t m_capacity = 0;
};

// The state machine's view of a UrlParts (setters).
class PartsUrl final {
public:
    explicit PartsUrl(UrlParts& parts)
        : m_u(parts)
        , m_path(parts.path, 0)
        , m_query(parts.query, 0)
        , m_fragment(parts.fragment, 0)
    {}

    SchemeType schemeType() const { return m_u.schemeType; }
    bool isSpecial() const { return m_u.isSpecial(); }
    bool includesCredentials() const { return m_u.includesCredentials(); }
    int port() const { return m_u.port; }
    bool hasHost() const { return m_u.hasHost; }
    bool hasEmptyHost() const { return m_u.hasHost && m_u.host.empty(); }

    void setScheme(std::string_view scheme, SchemeType type)
    {
        m_u.scheme.assign(scheme);
        m_u.schemeType = type;
    }
    void appendCredentials(std::string_view username, std::string_view password)
    {
        percentEncodeAppend(m_u.username, username, EncodeSet::Userinfo);
        percentEncodeAppend(m_u.password, password, EncodeSet::Userinfo);
    }
    void setHost(std::string_view host)
    {
        m_u.host.assign(host);
        m_u.hasHost = true;
    }
    void setEmptyHost() { setHost(std::string_view()); }
    void setPort(int port) { m_u.port = port; }
    void copyHostFrom(const UrlRecord& base)
    {
        m_u.hasHost = base.hasHost();
        m_u.host.assign(base.hostname());
    }
    void copyAuthorityFrom(const UrlRecord& base)
    {
        m_u.username.assign(base.username());
        m_u.password.assign(base.password());
        copyHostFrom(base);
        m_u.port = base.portNumber();
    }

    Sink& pathSink() { return m_path; }
    size_t pathOffset() const { return 0; }
    void copyPathFrom(const UrlRecord& base)
    {
        m_path.resize(0);
        m_path.append(base.pathname());
    }
    void startOpaquePath()
    {
        m_path.resize(0);
        m_u.hasOpaquePath = true;
    }

    void startQuery()
    {
        m_query.resize(0);
        m_u.hasQuery = true;
    }
    Sink& querySink() { return m_query; }
    void copyQueryFrom(const UrlRecord& base)
    {
        const auto query = base.query();
        m_u.hasQuery = query.has_value();
        m_query.resize(0);
        if (query) m_query.append(*query);
    }

    void startFragment()
    {
        m_fragment.resize(0);
        m_u.hasFragment = true;
    }
    Sink& fragmentSink() { return m_fragment; }

private:
    UrlParts& m_u;
    Sink m_path;
    Sink m_query;
    Sink m_fragment;
};

// The state machine's view of a record being parsed from scratch (see the top of this file).
class HrefBuilder final {
public:
    // `capacity` is a guess at the href's length; the buffer grows past it if needed.
    HrefBuilder(UrlRecord& record, size_t capacity)
        : m_record(record)
        , m_out((record.m_href.clear(), record.m_href), capacity)
    {}

    SchemeType schemeType() const { return m_at.schemeType; }
    bool isSpecial() const { return m_at.schemeType != SchemeType::NotSpecial; }
    bool includesCredentials() const { return m_credentials; }
    int port() const { return m_at.port; }
    bool hasHost() const { return m_at.hasHost; }
    bool hasEmptyHost() const { return m_at.hasHost && m_at.hostEnd == m_at.hostStart; }

    // The scheme is the first thing written; setting it again (the file state) rewrites it.
    void setScheme(std::string_view scheme, SchemeType type)
    {
        m_out.resize(0);
        m_out.append(scheme);
        m_at.schemeEnd = m_out.size();
        m_out.push_back(':');
        m_at.schemeType = type;
    }
    void appendCredentials(std::string_view username, std::string_view password)
    {
        beginAuthority();
        const size_t start = m_out.size();
        m_out.appendPercentEncoded(username, EncodeSet::Userinfo);
        m_at.usernameEnd = m_out.size();
        if (!password.empty()) {
            m_out.push_back(':');
            m_out.appendPercentEncoded(password, EncodeSet::Userinfo);
        }
        m_at.passwordEnd = m_out.size();
        if (m_at.passwordEnd == start) return; // "http://:@h" serialises without credentials
        m_out.push_back('@');
        m_credentials = true;
    }
    void setHost(std::string_view host)
    {
        if (m_at.hasHost) {
            m_out.resize(m_at.hostStart);
        } else {
            beginAuthority();
            m_at.hostStart = m_out.size();
        }
        m_out.append(host);
        m_at.hostEnd = m_out.size();
        m_at.hasHost = true;
    }
    void setEmptyHost() { setHost(std::string_view()); }
    // Only ever right after the host.
    void setPort(int port)
    {
        m_at.port = port;
        if (port < 0) return;
        char digits[8];
        digits[0] = ':';
        const auto result = std::to_chars(digits + 1, digits + sizeof digits, port);
        m_out.append(digits, static_cast<size_t>(result.ptr - digits));
    }
    void copyHostFrom(const UrlRecord& base)
    {
        if (base.hasHost()) {
            setHost(base.hostname());
            return;
        }
        m_out.resize(m_at.schemeEnd + 1);
        m_authority = m_at.hasHost = false;
    }
    // Right after setScheme(base's scheme): base's authority and offsets carry over verbatim.
    void copyAuthorityFrom(const UrlRecord& base)
    {
        if (!base.m_at.hasHost) return;
        m_out.append(base.m_href.data() + base.m_at.schemeEnd + 1,
                     base.m_at.pathStart - base.m_at.schemeEnd - 1);
        m_at.usernameEnd = base.m_at.usernameEnd;
        m_at.passwordEnd = base.m_at.passwordEnd;
        m_at.hostStart = base.m_at.hostStart;
        m_at.hostEnd = base.m_at.hostEnd;
        m_at.port = base.m_at.port;
        m_credentials = base.includesCredentials();
        m_authority = m_at.hasHost = true;
    }

    Sink& pathSink()
    {
        beginPath();
        return m_out;
    }
    size_t pathOffset() const { return m_at.pathStart; }
    void copyPathFrom(const UrlRecord& base) { pathSink().append(base.pathname()); }
    void startOpaquePath()
    {
        beginPath();
        m_at.hasOpaquePath = true;
    }

    void startQuery()
    {
        beginPath();
        m_at.queryStart = m_out.size();
        m_out.push_back('?');
    }
    Sink& querySink() { return m_out; }
    void copyQueryFrom(const UrlRecord& base)
    {
        if (const auto query = base.query()) {
            startQuery();
            m_out.append(*query);
        }
    }

    void startFragment()
    {
        beginPath();
        m_at.fragmentStart = m_out.size();
        m_out.push_back('#');
    }
    Sink& fragmentSink() { return m_out; }

    // https://url.spec.whatwg.org/#concept-url-serializer step 3, then the record's offsets.
    void finish()
    {
        beginPath();
        const size_t pathEnd = m_at.queryStart != npos      ? m_at.queryStart
                               : m_at.fragmentStart != npos ? m_at.fragmentStart
                                                            : m_out.size();
        if (!m_at.hasHost && !m_at.hasOpaquePath && pathEnd - m_at.pathStart > 1 &&
            m_out[m_at.pathStart + 1] == '/') {
            m_out.insert(m_at.pathStart, "/.");
            m_at.pathStart += 2;
            if (m_at.queryStart != npos) m_at.queryStart += 2;
            if (m_at.fragmentStart != npos) m_at.fragmentStart += 2;
        }
        m_out.commit();
        m_record.m_at = m_at;
    }

private:
    static constexpr size_t npos = std::string::npos;

    void beginAuthority()
    {
        if (m_authority) return;
        m_out.append("//", 2);
        m_at.usernameEnd = m_at.passwordEnd = m_out.size();
        m_authority = true;
    }
    void beginPath()
    {
        if (m_pathBegun) return;
        if (!m_at.hasHost)
            m_at.usernameEnd = m_at.passwordEnd = m_at.hostStart = m_at.hostEnd =
                m_at.schemeEnd + 1;
        m_at.pathStart = m_out.size();
        m_pathBegun = true;
    }

    UrlRecord& m_record;
    Sink m_out;
    UrlRecord::Layout m_at; // of the href being written
    bool m_authority = false;
    bool m_credentials = false;
    bool m_pathBegun = false;
};

} // namespace nano::url::detail
