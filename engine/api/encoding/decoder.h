#pragma once
// The WHATWG Encoding Standard's encodings and decoders (https://encoding.spec.whatwg.org/):
// the label table, streaming decoders for UTF-8 and UTF-16 written from the spec, windows-1252,
// ISO-8859-16 and x-user-defined from their index tables, and ICU converters (ucnv) for the
// other legacy encodings. See docs/conformance.md for where ICU's tables differ from the
// spec's indexes.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace nano::api::encoding {

enum class Kind { Utf8, Utf16LE, Utf16BE, Windows1252, Iso885916, XUserDefined, Icu, Replacement };

struct Encoding {
    const char* name; // the spec's name, lower-cased as TextDecoder.encoding reports it
    Kind kind;
    const char* icuName; // the ICU converter for Kind::Icu
};

// https://encoding.spec.whatwg.org/#concept-encoding-get: null for an unknown label.
const Encoding* getEncoding(std::string_view label);
const Encoding& utf8();

// One instance of an encoding's decoder, keeping state between chunks (the stream option).
class Decoder {
public:
    virtual ~Decoder() = default;
    // Null if the encoding has no decoder here (replacement, or an ICU converter missing from
    // the ICU data).
    static std::unique_ptr<Decoder> create(const Encoding& encoding, bool fatal);

    // Decodes `size` bytes, appending UTF-16 to `out`; `flush` processes end-of-queue after
    // them. Returns false on an error in fatal mode (the decoder is then reset).
    virtual bool decode(const uint8_t* data, size_t size, bool flush, std::u16string& out) = 0;
};

// https://encoding.spec.whatwg.org/#utf-8-decode: a leading BOM is dropped, errors are U+FFFD.
std::u16string utf8Decode(const uint8_t* data, size_t size);

// True if every byte is ASCII.
bool isAscii(const uint8_t* data, size_t size);

} // namespace nano::api::encoding
