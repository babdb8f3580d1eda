#pragma once

// Host parsing and serialising (https://url.spec.whatwg.org/#hosts-(domains-and-ip-addresses)).
//
// The URL record stores a host already serialised (a domain, "1.2.3.4", "[::1]", an opaque host
// or the empty host), so the parser below returns the serialisation directly: nothing downstream
// needs the parsed form. Domains go through UTS #46 (idna.h) only when they are not plain ASCII or
// contain an "xn--" label; the common ASCII host is lower-cased in place, which the spec allows
// (https://url.spec.whatwg.org/#concept-domain-to-ascii, step 1's note).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nano::url {

using Ipv6Address = std::array<std::uint16_t, 8>;

// https://url.spec.whatwg.org/#concept-host-parser
// `isOpaque` is "url is not special". On success the serialised host replaces `out`'s contents
// and true is returned; on failure `out` is unspecified. `input` is UTF-8 and, unless it is opaque,
// not empty (the state machine guarantees both).
bool parseHost(std::string_view input, bool isOpaque, std::string& out);

// https://url.spec.whatwg.org/#concept-opaque-host-parser
bool parseOpaqueHost(std::string_view input, std::string& out);

// https://url.spec.whatwg.org/#concept-domain-to-ascii
// `domain` must be valid UTF-8 (the host parser decodes with replacement first). Includes the
// spec's checks for the empty result and forbidden domain code points when beStrict is false.
bool domainToAscii(std::string_view domain, bool beStrict, std::string& out);

// https://url.spec.whatwg.org/#ends-in-a-number-checker
bool endsInANumber(std::string_view input);

// https://url.spec.whatwg.org/#concept-ipv4-parser
std::optional<std::uint32_t> parseIpv4(std::string_view input);

// https://url.spec.whatwg.org/#concept-ipv4-serializer
void serializeIpv4(std::uint32_t address, std::string& out);

// https://url.spec.whatwg.org/#concept-ipv6-parser
// `input` is the text between the brackets.
std::optional<Ipv6Address> parseIpv6(std::string_view input);

// https://url.spec.whatwg.org/#concept-ipv6-serializer
// Appends the compressed form without brackets ("2001:db8::1").
void serializeIpv6(const Ipv6Address& address, std::string& out);

// https://url.spec.whatwg.org/#forbidden-host-code-point
bool isForbiddenHostCodePoint(unsigned char c);
// https://url.spec.whatwg.org/#forbidden-domain-code-point
bool isForbiddenDomainCodePoint(unsigned char c);

} // namespace nano::url
