// atob() (https://html.spec.whatwg.org/#atob) over forgiving-base64 decode
// (https://infra.spec.whatwg.org/#forgiving-base64-decode), and btoa's encoder.
// Input: the code units of the string (each byte one code unit, as atob's Latin-1 input; pairs
// of bytes as UTF-16 when the first byte is odd). Properties: what decodes re-encodes to text that
// decodes to the same bytes; any bytes encode to text that decodes back to them.

#include "api/encoding/base64.h"
#include "fuzz_support.h"

using namespace nano::api;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1) return 0;
    std::u16string text;
    if (data[0] & 1) {
        for (size_t i = 1; i + 1 < size; i += 2)
            text.push_back(char16_t(data[i] | data[i + 1] << 8));
    } else {
        for (size_t i = 1; i < size; ++i)
            text.push_back(char16_t(data[i]));
    }

    if (std::optional<std::string> decoded = forgivingBase64Decode(text)) {
        const std::string encoded = forgivingBase64Encode(
            reinterpret_cast<const uint8_t*>(decoded->data()), decoded->size());
        std::optional<std::string> again =
            forgivingBase64Decode(std::u16string(encoded.begin(), encoded.end()));
        NANO_FUZZ_CHECK(again && *again == *decoded,
                        "re-encoded " + encoded + " decodes differently");
    }

    const std::string encoded = forgivingBase64Encode(data + 1, size - 1);
    NANO_FUZZ_CHECK(encoded.size() % 4 == 0, "encoding " + encoded + " is not padded");
    std::optional<std::string> decoded =
        forgivingBase64Decode(std::u16string(encoded.begin(), encoded.end()));
    NANO_FUZZ_CHECK(decoded && *decoded == std::string(nano::fuzz::bytesOf(data + 1, size - 1)),
                    "bytes encoded as " + encoded + " do not decode back");
    return 0;
}
