#include "engine/api/url/idna.h"

#include "engine/api/url/punycode.h"

#include <unicode/uidna.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>

namespace nano::url {

namespace {

struct IdnaCloser {
    void operator()(UIDNA* idna) const { uidna_close(idna); }
};
using IdnaPtr = std::unique_ptr<UIDNA, IdnaCloser>;

IdnaPtr openUts46(bool beStrict)
{
    // https://url.spec.whatwg.org/#concept-domain-to-ascii: CheckHyphens=false (ICU always checks,
    // so those errors are masked below), CheckBidi=true, CheckJoiners=true,
    // UseSTD3ASCIIRules=beStrict, Transitional_Processing=false, VerifyDnsLength=beStrict.
    uint32_t options = UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII |
                       UIDNA_NONTRANSITIONAL_TO_UNICODE;
    if (beStrict) options |= UIDNA_USE_STD3_RULES;
    UErrorCode status = U_ZERO_ERROR;
    IdnaPtr idna(uidna_openUTS46(options, &status));
    if (U_FAILURE(status)) idna.reset();
    return idna;
}

// ICU's UIDNA is immutable after opening and documented as thread-safe for these calls.
const UIDNA* uts46(bool beStrict)
{
    static const IdnaPtr lenient = openUts46(false);
    static const IdnaPtr strict = openUts46(true);
    return beStrict ? strict.get() : lenient.get();
}

using IcuNameConversion = int32_t (*)(const UIDNA*, const char*, int32_t, char*, int32_t,
                                      UIDNAInfo*, UErrorCode*);

// Runs uidna_nameToASCII_UTF8 or uidna_nameToUnicodeUTF8 into `out`, growing it as asked.
UErrorCode runIcu(IcuNameConversion convert, const UIDNA* idna, std::string_view domain,
                  std::string& out, UIDNAInfo& info)
{
    info = UIDNA_INFO_INITIALIZER;
    if (domain.size() > static_cast<size_t>(INT32_MAX / 4)) return U_ILLEGAL_ARGUMENT_ERROR;
    const auto length = static_cast<int32_t>(domain.size());
    UErrorCode status = U_ZERO_ERROR;
    out.resize(domain.size() + 64);
    int32_t written = convert(idna, domain.data(), length, out.data(),
                              static_cast<int32_t>(out.size()), &info, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(static_cast<size_t>(written));
        info = UIDNA_INFO_INITIALIZER;
        status = U_ZERO_ERROR;
        written = convert(idna, domain.data(), length, out.data(), static_cast<int32_t>(out.size()),
                          &info, &status);
    }
    if (U_SUCCESS(status)) out.resize(static_cast<size_t>(written));
    return status;
}

// The errors that count: ICU always checks hyphens and DNS lengths, the URL Standard asks for
// neither (CheckHyphens=false; VerifyDnsLength=beStrict).
bool hasErrors(const UIDNAInfo& info, bool beStrict)
{
    uint32_t errors = info.errors;
    errors &= ~uint32_t(UIDNA_ERROR_LEADING_HYPHEN | UIDNA_ERROR_TRAILING_HYPHEN |
                        UIDNA_ERROR_HYPHEN_3_4);
    if (!beStrict) {
        errors &= ~uint32_t(UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
                            UIDNA_ERROR_DOMAIN_NAME_TOO_LONG);
    }
    return errors != 0;
}

// ICU (72, as Debian builds it) Punycode-encodes at most 1000 code points and decodes at most
// 2000 characters per label, and fails beyond (U_INPUT_TOO_LONG_ERROR, UIDNA_ERROR_PUNYCODE).
// Labels up to kIcuLabelLimit are always left to ICU.
constexpr size_t kIcuLabelLimit = 1000;

bool isAsciiCaseInsensitiveXn(std::string_view label)
{
    return label.size() >= 4 && (label[0] | 0x20) == 'x' && (label[1] | 0x20) == 'n' &&
           label[2] == '-' && label[3] == '-';
}

bool isAscii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Calls fn(label) for each label of `domain` split on '.'; stops at the first false.
template <class Fn> bool forEachLabel(std::string_view domain, Fn fn)
{
    for (size_t start = 0;;) {
        const size_t dot = std::min(domain.find('.', start), domain.size());
        if (!fn(domain.substr(start, dot - start))) return false;
        if (dot == domain.size()) return true;
        start = dot + 1;
    }
}

bool hasAceLabelBeyondIcu(std::string_view domain)
{
    return !forEachLabel(domain, [](std::string_view label) {
        return !(label.size() > 4 + kIcuLabelLimit && isAsciiCaseInsensitiveXn(label));
    });
}

void appendUtf8(std::u32string_view codePoints, std::string& out)
{
    for (const char32_t c : codePoints) {
        char buffer[U8_MAX_LENGTH];
        int32_t length = 0;
        U8_APPEND_UNSAFE(buffer, length, c);
        out.append(buffer, static_cast<size_t>(length));
    }
}

// https://www.unicode.org/reports/tr46/#ToASCII step 2 after the Processing step: each label
// with a non-ASCII code point becomes "xn--" + its Punycode. `unicode` is valid UTF-8.
bool encodeLabels(std::string_view unicode, std::string& out)
{
    out.clear();
    std::u32string codePoints;
    bool first = true;
    return forEachLabel(unicode, [&](std::string_view label) {
        if (!first) out.push_back('.');
        first = false;
        if (isAscii(label)) {
            out.append(label);
            return true;
        }
        codePoints.clear();
        for (int32_t i = 0; i < static_cast<int32_t>(label.size());) {
            UChar32 c;
            U8_NEXT_UNSAFE(label.data(), i, c);
            codePoints.push_back(static_cast<char32_t>(c));
        }
        out.append("xn--");
        return punycodeEncodeAppend(codePoints, out);
    });
}

// https://www.unicode.org/reports/tr46/#ToASCII for names with a label beyond ICU's limits, with
// ICU's result. The Processing step (https://www.unicode.org/reports/tr46/#Processing) is ICU's
// nameToUnicode once the "xn--" labels are decoded here: an ASCII label is mapped by lower-casing
// alone (UseSTD3ASCIIRules is false), so they can be found and decoded before the mapping. A
// decoded label must pass step 4.1: ICU's Processing leaves it unchanged (valid code points only,
// NFC, no dot) and finds no error; it must also encode back to its own text, so the result
// keeps the label as given, as ICU does. Then step 2 encodes each non-ASCII label.
bool longLabelsToAscii(const UIDNA* idna, std::string_view domain, std::string& out)
{
    std::string input; // the domain with its Punycode labels decoded
    std::string ace, decodedUtf8, processed, encoded;
    std::u32string decoded;
    UIDNAInfo info;
    bool first = true;
    const bool decodedAll = forEachLabel(domain, [&](std::string_view label) {
        if (!first) input.push_back('.');
        first = false;
        if (!isAscii(label) || !isAsciiCaseInsensitiveXn(label)) {
            input.append(label);
            return true;
        }
        ace.clear();
        for (const char c : label.substr(4))
            ace.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c));
        decoded.clear();
        if (!punycodeDecode(ace, decoded) || decoded.empty()) return false;
        // An all-ASCII result is not a Punycode label (ICU's UIDNA_ERROR_INVALID_ACE_LABEL).
        if (std::all_of(decoded.begin(), decoded.end(), [](char32_t c) { return c < 0x80; }))
            return false;
        encoded.clear();
        if (!punycodeEncodeAppend(decoded, encoded) || encoded != ace) return false;
        decodedUtf8.clear();
        appendUtf8(decoded, decodedUtf8);
        if (decodedUtf8.find('.') != std::string::npos) return false;
        if (U_FAILURE(runIcu(uidna_nameToUnicodeUTF8, idna, decodedUtf8, processed, info)) ||
            hasErrors(info, false) || processed != decodedUtf8)
            return false;
        input.append(decodedUtf8);
        return true;
    });
    if (!decodedAll) return false;
    if (U_FAILURE(runIcu(uidna_nameToUnicodeUTF8, idna, input, processed, info)) ||
        hasErrors(info, false))
        return false;
    return encodeLabels(processed, out);
}

bool icuNameToAscii(std::string_view domain, bool beStrict, std::string& out)
{
    const UIDNA* idna = uts46(beStrict);
    if (!idna) return false;
    UIDNAInfo info;
    const UErrorCode status = runIcu(uidna_nameToASCII_UTF8, idna, domain, out, info);
    // A label beyond ICU's limits is no error of the URL Standard's unless VerifyDnsLength is on
    // (beStrict), which fails any label of more than 63 octets anyway.
    const bool beyondIcu =
        status == U_INPUT_TOO_LONG_ERROR ||
        (U_SUCCESS(status) && (info.errors & UIDNA_ERROR_PUNYCODE) && hasAceLabelBeyondIcu(domain));
    if (beyondIcu) return !beStrict && longLabelsToAscii(idna, domain, out);
    return U_SUCCESS(status) && !hasErrors(info, beStrict);
}

// ICU's UTS #46 costs close to a microsecond per name (UTF-8 -> UTF-16 -> UTF-8 around the
// mapping), and programs parse URLs of the same few hosts over and over, so each thread keeps
// its last few results. Names longer than kMaxCachedLength are not cached.
struct IdnaCache {
    static constexpr size_t kEntries = 8;
    static constexpr size_t kMaxCachedLength = 256;
    struct Entry {
        std::string domain;
        std::string result;
        bool beStrict = false;
        bool ok = false;
        bool used = false;
    };
    std::array<Entry, kEntries> entries;
    size_t next = 0;
};

} // namespace

bool uts46ToAscii(std::string_view domain, bool beStrict, std::string& out)
{
    if (domain.size() > IdnaCache::kMaxCachedLength) return icuNameToAscii(domain, beStrict, out);
    thread_local IdnaCache cache;
    for (const IdnaCache::Entry& entry : cache.entries) {
        if (entry.used && entry.beStrict == beStrict && entry.domain == domain) {
            out.assign(entry.result);
            return entry.ok;
        }
    }
    const bool ok = icuNameToAscii(domain, beStrict, out);
    IdnaCache::Entry& entry = cache.entries[cache.next];
    cache.next = (cache.next + 1) % IdnaCache::kEntries;
    entry.domain.assign(domain);
    entry.result.assign(out);
    entry.beStrict = beStrict;
    entry.ok = ok;
    entry.used = true;
    return ok;
}

} // namespace nano::url
