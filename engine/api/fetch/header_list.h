#pragma once
// Header lists (https://fetch.spec.whatwg.org/#concept-header-list): what a Headers object, a
// request and a response carry. Names and values are byte sequences (held as std::string, one
// byte per char); names compare byte-case-insensitively and keep the case they were given.
// Also the header predicates the Headers guards need.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nano::api::fetch {

struct Header {
    std::string name;
    std::string value;
};

class HeaderList {
public:
    const std::vector<Header>& headers() const { return m_headers; }
    size_t size() const { return m_headers.size(); }

    // https://fetch.spec.whatwg.org/#header-list-contains
    bool contains(std::string_view name) const;
    // https://fetch.spec.whatwg.org/#concept-header-list-get: the values joined by ", ".
    std::optional<std::string> get(std::string_view name) const;
    // https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split
    std::optional<std::vector<std::string>> getDecodeSplit(std::string_view name) const;
    // The values of every header named `name`, in order (getSetCookie()).
    std::vector<std::string> values(std::string_view name) const;
    // https://fetch.spec.whatwg.org/#concept-header-list-append: a name already present keeps
    // that header's casing.
    void append(Header header);
    // https://fetch.spec.whatwg.org/#concept-header-list-delete
    void remove(std::string_view name);
    // https://fetch.spec.whatwg.org/#concept-header-list-set
    void set(Header header);
    // https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine: lowercase names in
    // byte order, values combined except for set-cookie.
    std::vector<Header> sortAndCombine() const;

private:
    std::vector<Header> m_headers;
};

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b);
// Without leading and trailing HTTP tab or space bytes.
std::string_view trimHttpTabOrSpace(std::string_view s);
std::string byteLowercase(std::string_view s);

// https://fetch.spec.whatwg.org/#collect-an-http-quoted-string: `position` is at the opening
// quote and ends past the closing one. With extractValue the unescaped value, else the quoted
// text as it stands.
std::string collectHttpQuotedString(std::string_view input, size_t& position, bool extractValue);
// https://fetch.spec.whatwg.org/#header-value-get-decode-and-split
std::vector<std::string> getDecodeAndSplit(std::string_view value);

// https://fetch.spec.whatwg.org/#concept-header-value-normalize
std::string_view normalizeHeaderValue(std::string_view value);
// https://fetch.spec.whatwg.org/#header-name
bool isHeaderName(std::string_view name);
// https://fetch.spec.whatwg.org/#header-value
bool isHeaderValue(std::string_view value);

// https://fetch.spec.whatwg.org/#forbidden-method
bool isForbiddenMethod(std::string_view method);
// https://fetch.spec.whatwg.org/#forbidden-request-header
bool isForbiddenRequestHeader(std::string_view name, std::string_view value);
// https://fetch.spec.whatwg.org/#forbidden-response-header-name
bool isForbiddenResponseHeaderName(std::string_view name);
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
bool isCorsSafelistedRequestHeader(std::string_view name, std::string_view value);
// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header-name
bool isNoCorsSafelistedRequestHeaderName(std::string_view name);
// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header
bool isNoCorsSafelistedRequestHeader(std::string_view name, std::string_view value);
// https://fetch.spec.whatwg.org/#privileged-no-cors-request-header-name
bool isPrivilegedNoCorsRequestHeaderName(std::string_view name);

} // namespace nano::api::fetch
