// TextDecoder's decoders (api/encoding/decoder.h) for every encoding of the Encoding Standard.
// Input: byte 0 picks the encoding, byte 1 the mode (fatal; the chunk size), the rest is the
// byte stream. Property: decoding in chunks (the stream option) gives what one call gives.

#include "api/encoding/decoder.h"
#include "fuzz_support.h"

#include <memory>

using namespace nano::api;

namespace {

// https://encoding.spec.whatwg.org/#names-and-labels: every encoding's name.
const char* const kEncodings[] = {
    "utf-8",        "ibm866",       "iso-8859-2",   "iso-8859-3",     "iso-8859-4",
    "iso-8859-5",   "iso-8859-6",   "iso-8859-7",   "iso-8859-8",     "iso-8859-8-i",
    "iso-8859-10",  "iso-8859-13",  "iso-8859-14",  "iso-8859-15",    "iso-8859-16",
    "koi8-r",       "koi8-u",       "macintosh",    "windows-874",    "windows-1250",
    "windows-1251", "windows-1252", "windows-1253", "windows-1254",   "windows-1255",
    "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic", "gbk",
    "gb18030",      "big5",         "euc-jp",       "iso-2022-jp",    "shift_jis",
    "euc-kr",       "replacement",  "utf-16be",     "utf-16le",       "x-user-defined",
};
constexpr size_t kEncodingCount = sizeof(kEncodings) / sizeof(kEncodings[0]);

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2) return 0;
    const encoding::Encoding* enc = encoding::getEncoding(kEncodings[data[0] % kEncodingCount]);
    NANO_FUZZ_CHECK(enc, std::string("no encoding for ") + kEncodings[data[0] % kEncodingCount]);
    const bool fatal = data[1] & 0x80;
    const size_t chunk = (data[1] & 0x7f) + 1;
    data += 2;
    size -= 2;

    std::unique_ptr<encoding::Decoder> whole = encoding::Decoder::create(*enc, fatal);
    if (!whole) return 0; // replacement: TextDecoder refuses it before decoding
    std::u16string once;
    const bool onceOk = whole->decode(data, size, true, once);

    std::unique_ptr<encoding::Decoder> streaming = encoding::Decoder::create(*enc, fatal);
    std::u16string chunked;
    bool chunkedOk = true;
    for (size_t at = 0; at < size && chunkedOk; at += chunk) {
        const size_t n = std::min(chunk, size - at);
        chunkedOk = streaming->decode(data + at, n, false, chunked);
    }
    if (chunkedOk) chunkedOk = streaming->decode(nullptr, 0, true, chunked);

    NANO_FUZZ_CHECK(onceOk == chunkedOk, std::string(enc->name) + ": one call " +
                                             (onceOk ? "succeeds" : "fails") + ", chunks of " +
                                             std::to_string(chunk) +
                                             (chunkedOk ? " succeed" : " fail"));
    if (onceOk)
        NANO_FUZZ_CHECK(once == chunked, std::string(enc->name) + ": chunks of " +
                                             std::to_string(chunk) + " decode differently");

    // A decoder is reusable after a flush (TextDecoder keeps one per object).
    std::u16string again;
    NANO_FUZZ_CHECK(whole->decode(data, size, true, again) == onceOk,
                    std::string(enc->name) + ": a second decode differs");
    if (onceOk) NANO_FUZZ_CHECK(again == once, std::string(enc->name) + ": not reset by a flush");
    return 0;
}
