// MIME type parsing and serializing (https://mimesniff.spec.whatwg.org/#parsing-a-mime-type).
// Input: the string, one byte per code point (an isomorphic decode). Property: a parsed MIME
// type's serialization parses to a MIME type with the same serialization.

#include "api/fetch/mime_type.h"
#include "fuzz_support.h"

using namespace nano::api::fetch;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::optional<MimeType> parsed = parseMimeType(nano::fuzz::bytesOf(data, size));
    if (!parsed) return 0;
    NANO_FUZZ_CHECK(!parsed->type.empty() && !parsed->subtype.empty(), "an empty type or subtype");
    const std::string serialized = parsed->serialize();
    std::optional<MimeType> again = parseMimeType(serialized);
    NANO_FUZZ_CHECK(again, "serialization " + serialized + " does not parse");
    NANO_FUZZ_CHECK(again->serialize() == serialized,
                    serialized + " serializes again as " + again->serialize());
    NANO_FUZZ_CHECK(again->essence() == parsed->essence(), "the essence changes");
    return 0;
}
