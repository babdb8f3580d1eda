#pragma once

// Punycode (RFC 3492), for the labels that ICU's UTS #46 will not convert: ICU encodes at most
// 1000 code points and decodes at most 2000 characters per label, limits the URL Standard does not
// have (see idna.cpp). Plain C++, no ICU. Both directions are O(n log n) in the label's length
// (the RFC's loops are quadratic), so a label of 100 000 code points costs milliseconds.

#include <string>
#include <string_view>

namespace nano::url {

// https://www.rfc-editor.org/rfc/rfc3492#section-6.3
// Appends the Punycode encoding of `input` (code points, no "xn--" prefix) to `out`. Returns false
// on overflow (section 6.4), leaving `out` partly written.
bool punycodeEncodeAppend(std::u32string_view input, std::string& out);

// https://www.rfc-editor.org/rfc/rfc3492#section-6.2
// Decodes `input` (no "xn--" prefix; digits of either case) into `out`. Returns false for bad
// input: a non-ASCII basic code point, an invalid digit, a truncated number, overflow, or a
// decoded code point that is a surrogate or above U+10FFFF.
bool punycodeDecode(std::string_view input, std::u32string& out);

} // namespace nano::url
