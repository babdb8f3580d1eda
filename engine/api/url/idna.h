#pragma once

// UTS #46 ToASCII with the URL Standard's options, for domain to ASCII
// (https://url.spec.whatwg.org/#concept-domain-to-ascii step 2). ICU does the work; labels longer
// than ICU will Punycode-convert take a path of our own with the same result (see idna.cpp).

#include <string>
#include <string_view>

namespace nano::url {

// https://www.unicode.org/reports/tr46/#ToASCII with CheckHyphens=false, CheckBidi=true,
// CheckJoiners=true, UseSTD3ASCIIRules=beStrict, Transitional_Processing=false and
// VerifyDnsLength=beStrict. `domain` must be valid UTF-8. Returns false on any error; on success
// the ASCII domain replaces `out`. Each thread caches its last few results for short names.
bool uts46ToAscii(std::string_view domain, bool beStrict, std::string& out);

} // namespace nano::url
