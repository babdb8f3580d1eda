#include "api/encoding/decoder.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace nano::api::encoding {

namespace {

// https://encoding.spec.whatwg.org/#names-and-labels (encodings.json).
const Encoding kEncodings[] = {
    {"utf-8", Kind::Utf8, nullptr},                  // 0
    {"ibm866", Kind::Icu, "ibm-866"},                // 1
    {"iso-8859-2", Kind::Icu, "ISO-8859-2"},         // 2
    {"iso-8859-3", Kind::Icu, "ISO-8859-3"},         // 3
    {"iso-8859-4", Kind::Icu, "ISO-8859-4"},         // 4
    {"iso-8859-5", Kind::Icu, "ISO-8859-5"},         // 5
    {"iso-8859-6", Kind::Icu, "ISO-8859-6"},         // 6
    {"iso-8859-7", Kind::Icu, "ISO-8859-7"},         // 7
    {"iso-8859-8", Kind::Icu, "ISO-8859-8"},         // 8
    {"iso-8859-8-i", Kind::Icu, "ISO-8859-8"},       // 9: the same decoder
    {"iso-8859-10", Kind::Icu, "ISO-8859-10"},       // 10
    {"iso-8859-13", Kind::Icu, "ISO-8859-13"},       // 11
    {"iso-8859-14", Kind::Icu, "ISO-8859-14"},       // 12
    {"iso-8859-15", Kind::Icu, "ISO-8859-15"},       // 13
    {"iso-8859-16", Kind::Iso885916, nullptr},       // 14: not in every ICU data set
    {"koi8-r", Kind::Icu, "KOI8-R"},                 // 15
    {"koi8-u", Kind::Icu, "KOI8-U"},                 // 16
    {"macintosh", Kind::Icu, "macintosh"},           // 17
    {"windows-874", Kind::Icu, "windows-874"},       // 18
    {"windows-1250", Kind::Icu, "windows-1250"},     // 19
    {"windows-1251", Kind::Icu, "windows-1251"},     // 20
    {"windows-1252", Kind::Windows1252, nullptr},    // 21
    {"windows-1253", Kind::Icu, "windows-1253"},     // 22
    {"windows-1254", Kind::Icu, "windows-1254"},     // 23
    {"windows-1255", Kind::Icu, "windows-1255"},     // 24
    {"windows-1256", Kind::Icu, "windows-1256"},     // 25
    {"windows-1257", Kind::Icu, "windows-1257"},     // 26
    {"windows-1258", Kind::Icu, "windows-1258"},     // 27
    {"x-mac-cyrillic", Kind::Icu, "x-mac-cyrillic"}, // 28
    {"gbk", Kind::Icu, "GB18030"},                   // 29: GBK's decoder is gb18030's
    {"gb18030", Kind::Icu, "GB18030"},               // 30
    {"big5", Kind::Icu, "Big5-HKSCS"},               // 31
    {"euc-jp", Kind::Icu, "EUC-JP"},                 // 32
    {"iso-2022-jp", Kind::Icu, "ISO-2022-JP"},       // 33
    {"shift_jis", Kind::Icu, "windows-31j"},         // 34
    {"euc-kr", Kind::Icu, "windows-949"},            // 35
    {"replacement", Kind::Replacement, nullptr},     // 36
    {"utf-16be", Kind::Utf16BE, nullptr},            // 37
    {"utf-16le", Kind::Utf16LE, nullptr},            // 38
    {"x-user-defined", Kind::XUserDefined, nullptr}, // 39
};

struct Label {
    const char* label;
    int encoding;
};

// Sorted by label for binary search.
const Label kLabels[] = {
    {"866", 1},
    {"ansi_x3.4-1968", 21},
    {"arabic", 6},
    {"ascii", 21},
    {"asmo-708", 6},
    {"big5", 31},
    {"big5-hkscs", 31},
    {"chinese", 29},
    {"cn-big5", 31},
    {"cp1250", 19},
    {"cp1251", 20},
    {"cp1252", 21},
    {"cp1253", 22},
    {"cp1254", 23},
    {"cp1255", 24},
    {"cp1256", 25},
    {"cp1257", 26},
    {"cp1258", 27},
    {"cp819", 21},
    {"cp866", 1},
    {"csbig5", 31},
    {"cseuckr", 35},
    {"cseucpkdfmtjapanese", 32},
    {"csgb2312", 29},
    {"csibm866", 1},
    {"csiso2022jp", 33},
    {"csiso2022kr", 36},
    {"csiso58gb231280", 29},
    {"csiso88596e", 6},
    {"csiso88596i", 6},
    {"csiso88598e", 8},
    {"csiso88598i", 9},
    {"csisolatin1", 21},
    {"csisolatin2", 2},
    {"csisolatin3", 3},
    {"csisolatin4", 4},
    {"csisolatin5", 23},
    {"csisolatin6", 10},
    {"csisolatin9", 13},
    {"csisolatinarabic", 6},
    {"csisolatincyrillic", 5},
    {"csisolatingreek", 7},
    {"csisolatinhebrew", 8},
    {"cskoi8r", 15},
    {"csksc56011987", 35},
    {"csmacintosh", 17},
    {"csshiftjis", 34},
    {"csunicode", 38},
    {"cyrillic", 5},
    {"dos-874", 18},
    {"ecma-114", 6},
    {"ecma-118", 7},
    {"elot_928", 7},
    {"euc-jp", 32},
    {"euc-kr", 35},
    {"gb18030", 30},
    {"gb2312", 29},
    {"gb_2312", 29},
    {"gb_2312-80", 29},
    {"gbk", 29},
    {"greek", 7},
    {"greek8", 7},
    {"hebrew", 8},
    {"hz-gb-2312", 36},
    {"ibm819", 21},
    {"ibm866", 1},
    {"iso-10646-ucs-2", 38},
    {"iso-2022-cn", 36},
    {"iso-2022-cn-ext", 36},
    {"iso-2022-jp", 33},
    {"iso-2022-kr", 36},
    {"iso-8859-1", 21},
    {"iso-8859-10", 10},
    {"iso-8859-11", 18},
    {"iso-8859-13", 11},
    {"iso-8859-14", 12},
    {"iso-8859-15", 13},
    {"iso-8859-16", 14},
    {"iso-8859-2", 2},
    {"iso-8859-3", 3},
    {"iso-8859-4", 4},
    {"iso-8859-5", 5},
    {"iso-8859-6", 6},
    {"iso-8859-6-e", 6},
    {"iso-8859-6-i", 6},
    {"iso-8859-7", 7},
    {"iso-8859-8", 8},
    {"iso-8859-8-e", 8},
    {"iso-8859-8-i", 9},
    {"iso-8859-9", 23},
    {"iso-ir-100", 21},
    {"iso-ir-101", 2},
    {"iso-ir-109", 3},
    {"iso-ir-110", 4},
    {"iso-ir-126", 7},
    {"iso-ir-127", 6},
    {"iso-ir-138", 8},
    {"iso-ir-144", 5},
    {"iso-ir-148", 23},
    {"iso-ir-149", 35},
    {"iso-ir-157", 10},
    {"iso-ir-58", 29},
    {"iso8859-1", 21},
    {"iso8859-10", 10},
    {"iso8859-11", 18},
    {"iso8859-13", 11},
    {"iso8859-14", 12},
    {"iso8859-15", 13},
    {"iso8859-2", 2},
    {"iso8859-3", 3},
    {"iso8859-4", 4},
    {"iso8859-5", 5},
    {"iso8859-6", 6},
    {"iso8859-7", 7},
    {"iso8859-8", 8},
    {"iso8859-9", 23},
    {"iso88591", 21},
    {"iso885910", 10},
    {"iso885911", 18},
    {"iso885913", 11},
    {"iso885914", 12},
    {"iso885915", 13},
    {"iso88592", 2},
    {"iso88593", 3},
    {"iso88594", 4},
    {"iso88595", 5},
    {"iso88596", 6},
    {"iso88597", 7},
    {"iso88598", 8},
    {"iso88599", 23},
    {"iso_8859-1", 21},
    {"iso_8859-15", 13},
    {"iso_8859-1:1987", 21},
    {"iso_8859-2", 2},
    {"iso_8859-2:1987", 2},
    {"iso_8859-3", 3},
    {"iso_8859-3:1988", 3},
    {"iso_8859-4", 4},
    {"iso_8859-4:1988", 4},
    {"iso_8859-5", 5},
    {"iso_8859-5:1988", 5},
    {"iso_8859-6", 6},
    {"iso_8859-6:1987", 6},
    {"iso_8859-7", 7},
    {"iso_8859-7:1987", 7},
    {"iso_8859-8", 8},
    {"iso_8859-8:1988", 8},
    {"iso_8859-9", 23},
    {"iso_8859-9:1989", 23},
    {"koi", 15},
    {"koi8", 15},
    {"koi8-r", 15},
    {"koi8-ru", 16},
    {"koi8-u", 16},
    {"koi8_r", 15},
    {"korean", 35},
    {"ks_c_5601-1987", 35},
    {"ks_c_5601-1989", 35},
    {"ksc5601", 35},
    {"ksc_5601", 35},
    {"l1", 21},
    {"l2", 2},
    {"l3", 3},
    {"l4", 4},
    {"l5", 23},
    {"l6", 10},
    {"l9", 13},
    {"latin1", 21},
    {"latin2", 2},
    {"latin3", 3},
    {"latin4", 4},
    {"latin5", 23},
    {"latin6", 10},
    {"logical", 9},
    {"mac", 17},
    {"macintosh", 17},
    {"ms932", 34},
    {"ms_kanji", 34},
    {"replacement", 36},
    {"shift-jis", 34},
    {"shift_jis", 34},
    {"sjis", 34},
    {"sun_eu_greek", 7},
    {"tis-620", 18},
    {"ucs-2", 38},
    {"unicode", 38},
    {"unicode-1-1-utf-8", 0},
    {"unicode11utf8", 0},
    {"unicode20utf8", 0},
    {"unicodefeff", 38},
    {"unicodefffe", 37},
    {"us-ascii", 21},
    {"utf-16", 38},
    {"utf-16be", 37},
    {"utf-16le", 38},
    {"utf-8", 0},
    {"utf8", 0},
    {"visual", 8},
    {"windows-1250", 19},
    {"windows-1251", 20},
    {"windows-1252", 21},
    {"windows-1253", 22},
    {"windows-1254", 23},
    {"windows-1255", 24},
    {"windows-1256", 25},
    {"windows-1257", 26},
    {"windows-1258", 27},
    {"windows-31j", 34},
    {"windows-874", 18},
    {"windows-949", 35},
    {"x-cp1250", 19},
    {"x-cp1251", 20},
    {"x-cp1252", 21},
    {"x-cp1253", 22},
    {"x-cp1254", 23},
    {"x-cp1255", 24},
    {"x-cp1256", 25},
    {"x-cp1257", 26},
    {"x-cp1258", 27},
    {"x-euc-jp", 32},
    {"x-gbk", 29},
    {"x-mac-cyrillic", 28},
    {"x-mac-roman", 17},
    {"x-mac-ukrainian", 28},
    {"x-sjis", 34},
    {"x-unicode20utf8", 0},
    {"x-user-defined", 39},
    {"x-x-big5", 31},
};

constexpr char16_t kReplacement = 0xFFFD;

void appendCodePoint(std::u16string& out, uint32_t cp)
{
    if (cp < 0x10000) {
        out.push_back(static_cast<char16_t>(cp));
    } else {
        cp -= 0x10000;
        out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
        out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    }
}

// https://encoding.spec.whatwg.org/#utf-8-decoder
class Utf8Decoder final : public Decoder {
public:
    explicit Utf8Decoder(bool fatal)
        : m_fatal(fatal)
    {}

    bool decode(const uint8_t* data, size_t size, bool flush, std::u16string& out) override
    {
        out.reserve(out.size() + size);
        size_t i = 0;
        while (i < size) {
            if (m_bytesNeeded == 0) {
                // ASCII runs, the common case.
                while (i < size && data[i] < 0x80)
                    out.push_back(static_cast<char16_t>(data[i++]));
                if (i == size) break;
            }
            const uint8_t byte = data[i];
            if (m_bytesNeeded == 0) {
                ++i;
                if (byte >= 0xC2 && byte <= 0xDF) {
                    m_bytesNeeded = 1;
                    m_codePoint = byte & 0x1F;
                } else if (byte >= 0xE0 && byte <= 0xEF) {
                    if (byte == 0xE0)
                        m_lower = 0xA0;
                    else if (byte == 0xED)
                        m_upper = 0x9F;
                    m_bytesNeeded = 2;
                    m_codePoint = byte & 0xF;
                } else if (byte >= 0xF0 && byte <= 0xF4) {
                    if (byte == 0xF0)
                        m_lower = 0x90;
                    else if (byte == 0xF4)
                        m_upper = 0x8F;
                    m_bytesNeeded = 3;
                    m_codePoint = byte & 0x7;
                } else if (!error(out)) {
                    return false;
                }
                continue;
            }
            if (byte < m_lower || byte > m_upper) {
                // The byte is processed again (not consumed) after the error.
                reset();
                if (!error(out)) return false;
                continue;
            }
            ++i;
            m_lower = 0x80;
            m_upper = 0xBF;
            m_codePoint = (m_codePoint << 6) | (byte & 0x3F);
            if (++m_bytesSeen == m_bytesNeeded) {
                appendCodePoint(out, m_codePoint);
                reset();
            }
        }
        if (flush && m_bytesNeeded != 0) {
            reset();
            return error(out);
        }
        return true;
    }

private:
    void reset()
    {
        m_codePoint = 0;
        m_bytesNeeded = 0;
        m_bytesSeen = 0;
        m_lower = 0x80;
        m_upper = 0xBF;
    }
    bool error(std::u16string& out)
    {
        if (m_fatal) {
            reset();
            return false;
        }
        out.push_back(kReplacement);
        return true;
    }

    bool m_fatal;
    uint32_t m_codePoint = 0;
    int m_bytesNeeded = 0;
    int m_bytesSeen = 0;
    uint8_t m_lower = 0x80;
    uint8_t m_upper = 0xBF;
};

// https://encoding.spec.whatwg.org/#shared-utf-16-decoder
class Utf16Decoder final : public Decoder {
public:
    Utf16Decoder(bool bigEndian, bool fatal)
        : m_bigEndian(bigEndian)
        , m_fatal(fatal)
    {}

    bool decode(const uint8_t* data, size_t size, bool flush, std::u16string& out) override
    {
        out.reserve(out.size() + size / 2 + 1);
        for (size_t i = 0; i < size; ++i) {
            if (m_leadByte < 0) {
                m_leadByte = data[i];
                continue;
            }
            const uint16_t lead = static_cast<uint16_t>(m_leadByte);
            const uint16_t codeUnit = m_bigEndian ? static_cast<uint16_t>((lead << 8) | data[i])
                                                  : static_cast<uint16_t>(lead | (data[i] << 8));
            m_leadByte = -1;
            if (m_leadSurrogate) {
                const char16_t leadSurrogate = m_leadSurrogate;
                m_leadSurrogate = 0;
                if (codeUnit >= 0xDC00 && codeUnit <= 0xDFFF) {
                    out.push_back(leadSurrogate);
                    out.push_back(static_cast<char16_t>(codeUnit));
                    continue;
                }
                // The code unit's bytes are processed again after the error.
                if (!error(out)) return false;
            }
            if (codeUnit >= 0xD800 && codeUnit <= 0xDBFF) {
                m_leadSurrogate = codeUnit;
            } else if (codeUnit >= 0xDC00 && codeUnit <= 0xDFFF) {
                if (!error(out)) return false;
            } else {
                out.push_back(static_cast<char16_t>(codeUnit));
            }
        }
        if (flush && (m_leadByte >= 0 || m_leadSurrogate)) {
            m_leadByte = -1;
            m_leadSurrogate = 0;
            return error(out);
        }
        return true;
    }

private:
    bool error(std::u16string& out)
    {
        if (m_fatal) {
            m_leadByte = -1;
            m_leadSurrogate = 0;
            return false;
        }
        out.push_back(kReplacement);
        return true;
    }

    bool m_bigEndian;
    bool m_fatal;
    int m_leadByte = -1;
    char16_t m_leadSurrogate = 0;
};

// index-windows-1252.txt, pointers 0-31 (bytes 0x80-0x9F); the other bytes map to themselves.
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// index-iso-8859-16.txt, pointers 32-127 (bytes 0xA0-0xFF); 0x80-0x9F map to themselves.
constexpr char16_t kIso885916[96] = {
    0x00A0, 0x0104, 0x0105, 0x0141, 0x20AC, 0x201E, 0x0160, 0x00A7, 0x0161, 0x00A9, 0x0218, 0x00AB,
    0x0179, 0x00AD, 0x017A, 0x017B, 0x00B0, 0x00B1, 0x010C, 0x0142, 0x017D, 0x201D, 0x00B6, 0x00B7,
    0x017E, 0x010D, 0x0219, 0x00BB, 0x0152, 0x0153, 0x0178, 0x017C, 0x00C0, 0x00C1, 0x00C2, 0x0102,
    0x00C4, 0x0106, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,
    0x0110, 0x0143, 0x00D2, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x015A, 0x0170, 0x00D9, 0x00DA, 0x00DB,
    0x00DC, 0x0118, 0x021A, 0x00DF, 0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x0107, 0x00E6, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF, 0x0111, 0x0144, 0x00F2, 0x00F3,
    0x00F4, 0x0151, 0x00F6, 0x015B, 0x0171, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x0119, 0x021B, 0x00FF};

// https://encoding.spec.whatwg.org/#single-byte-decoder and
// https://encoding.spec.whatwg.org/#x-user-defined-decoder: every byte maps to one code point.
class TableDecoder final : public Decoder {
public:
    explicit TableDecoder(Kind kind)
        : m_kind(kind)
    {}

    bool decode(const uint8_t* data, size_t size, bool, std::u16string& out) override
    {
        out.reserve(out.size() + size);
        for (size_t i = 0; i < size; ++i) {
            const uint8_t byte = data[i];
            if (byte < 0x80)
                out.push_back(byte);
            else if (m_kind == Kind::Windows1252)
                out.push_back(byte < 0xA0 ? kWindows1252[byte - 0x80] : byte);
            else if (m_kind == Kind::Iso885916)
                out.push_back(byte < 0xA0 ? byte : kIso885916[byte - 0xA0]);
            else
                out.push_back(static_cast<char16_t>(0xF780 + byte - 0x80));
        }
        return true;
    }

private:
    Kind m_kind;
};

// A legacy encoding through an ICU converter. In replacement mode every error becomes one
// U+FFFD (ICU's own substitution callback may write U+001A for single-byte code pages).
class IcuDecoder final : public Decoder {
public:
    IcuDecoder(UConverter* converter, bool fatal)
        : m_converter(converter)
        , m_fatal(fatal)
    {
        UErrorCode status = U_ZERO_ERROR;
        if (fatal)
            ucnv_setToUCallBack(m_converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                                &status);
        else
            ucnv_setToUCallBack(m_converter, &replace, nullptr, nullptr, nullptr, &status);
    }
    ~IcuDecoder() override { ucnv_close(m_converter); }

    bool decode(const uint8_t* data, size_t size, bool flush, std::u16string& out) override
    {
        const char* source = reinterpret_cast<const char*>(data);
        const char* sourceLimit = source + size;
        UChar buffer[4096];
        for (;;) {
            UChar* target = buffer;
            UErrorCode status = U_ZERO_ERROR;
            ucnv_toUnicode(m_converter, &target, buffer + std::size(buffer), &source, sourceLimit,
                           nullptr, flush, &status);
            out.append(reinterpret_cast<const char16_t*>(buffer),
                       static_cast<size_t>(target - buffer));
            if (status == U_BUFFER_OVERFLOW_ERROR) continue;
            if (U_FAILURE(status)) {
                ucnv_resetToUnicode(m_converter);
                if (m_fatal) return false;
                out.push_back(kReplacement);
                if (source >= sourceLimit) return true;
                continue;
            }
            return true;
        }
    }

private:
    static void replace(const void*, UConverterToUnicodeArgs* args, const char*, int32_t,
                        UConverterCallbackReason reason, UErrorCode* status)
    {
        if (reason > UCNV_IRREGULAR) return; // reset, close, clone: nothing to write
        *status = U_ZERO_ERROR;
        const UChar replacement = kReplacement;
        ucnv_cbToUWriteUChars(args, &replacement, 1, 0, status);
    }

    UConverter* m_converter;
    bool m_fatal;
};

} // namespace

const Encoding* getEncoding(std::string_view label)
{
    // Step 1: remove leading and trailing ASCII whitespace; then match case-insensitively.
    const auto isSpace = [](char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    };
    while (!label.empty() && isSpace(label.front()))
        label.remove_prefix(1);
    while (!label.empty() && isSpace(label.back()))
        label.remove_suffix(1);
    if (label.empty() || label.size() > 32) return nullptr;
    char lower[33];
    for (size_t i = 0; i < label.size(); ++i)
        lower[i] =
            (label[i] >= 'A' && label[i] <= 'Z') ? static_cast<char>(label[i] + 32) : label[i];
    const std::string_view key(lower, label.size());
    const auto* end = std::end(kLabels);
    const auto* it =
        std::lower_bound(std::begin(kLabels), end, key,
                         [](const Label& l, std::string_view k) { return l.label < k; });
    if (it == end || it->label != key) return nullptr;
    return &kEncodings[it->encoding];
}

const Encoding& utf8()
{
    return kEncodings[0];
}

std::unique_ptr<Decoder> Decoder::create(const Encoding& encoding, bool fatal)
{
    switch (encoding.kind) {
    case Kind::Utf8: return std::make_unique<Utf8Decoder>(fatal);
    case Kind::Utf16LE: return std::make_unique<Utf16Decoder>(false, fatal);
    case Kind::Utf16BE: return std::make_unique<Utf16Decoder>(true, fatal);
    case Kind::Windows1252:
    case Kind::Iso885916:
    case Kind::XUserDefined: return std::make_unique<TableDecoder>(encoding.kind);
    case Kind::Icu: {
        UErrorCode status = U_ZERO_ERROR;
        UConverter* converter = ucnv_open(encoding.icuName, &status);
        if (U_FAILURE(status) || !converter) return nullptr;
        return std::make_unique<IcuDecoder>(converter, fatal);
    }
    case Kind::Replacement: return nullptr;
    }
    return nullptr;
}

bool isAscii(const uint8_t* data, size_t size)
{
    uint8_t any = 0;
    for (size_t i = 0; i < size; ++i)
        any |= data[i];
    return any < 0x80;
}

std::u16string utf8Decode(const uint8_t* data, size_t size)
{
    if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
        data += 3;
        size -= 3;
    }
    std::u16string out;
    Utf8Decoder(false).decode(data, size, true, out);
    return out;
}

} // namespace nano::api::encoding
