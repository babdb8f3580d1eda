// The host parser (https://url.spec.whatwg.org/#concept-host-parser) with UTS #46 ToASCII
// (idna.h) and domain to ASCII. The first byte picks the mode, the rest is the host.
// Property: a host that parses serializes to a host that parses to itself.

#include "api/url/host.h"
#include "api/url/idna.h"
#include "fuzz_support.h"

using namespace nano;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1) return 0;
    const uint8_t mode = data[0];
    const std::string input = fuzz::validUtf8(fuzz::bytesOf(data + 1, size - 1));
    const bool isOpaque = mode & 1;

    std::string host;
    // The state machine never hands a special URL's parser an empty host.
    if ((isOpaque || !input.empty()) && url::parseHost(input, isOpaque, host)) {
        std::string again;
        NANO_FUZZ_CHECK(url::parseHost(host, isOpaque, again) || (!isOpaque && host.empty()),
                        "host " + host + " (from " + input + ") does not parse");
        if (!host.empty()) NANO_FUZZ_CHECK(again == host, "host " + host + " parses to " + again);
    }

    const bool beStrict = mode & 2;
    std::string ascii;
    if (url::domainToAscii(input, beStrict, ascii)) {
        std::string again;
        NANO_FUZZ_CHECK(url::domainToAscii(ascii, beStrict, again),
                        "domain " + ascii + " (from " + input + ") fails domain to ASCII");
        NANO_FUZZ_CHECK(again == ascii, "domain " + ascii + " becomes " + again);
    }
    std::string uts46;
    (void)url::uts46ToAscii(input, beStrict, uts46);
    return 0;
}
