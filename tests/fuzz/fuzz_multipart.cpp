// The multipart/form-data parser behind Body.formData() (api/fetch/multipart.h).
// Input: "body" or "boundary\0body". Property: what parses, encoded again by our encoder with a
// fresh boundary, parses to the same entries (file bytes exactly; names and values as the
// encoder normalizes line breaks, so only their count is compared for those with CR or LF).

#include "api/fetch/multipart.h"
#include "fuzz_support.h"

using namespace nano::api::fetch;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto [first, second] = nano::fuzz::splitAtNul(nano::fuzz::bytesOf(data, size));
    // No NUL: a fixed boundary, so the fuzzer spends its bytes on the body.
    const std::string_view boundary = second.data() ? first : std::string_view("B");
    const std::string_view body = second.data() ? second : first;

    std::string error;
    auto entries = parseMultipartFormData(body, boundary, &error);
    if (!entries) {
        NANO_FUZZ_CHECK(!error.empty(), "a failure without a reason");
        return 0;
    }

    // No entries: our encoding is an empty body, as browsers send an empty FormData, and an
    // empty body does not parse (WPT request-consume-empty: formData() rejects it). The first
    // thing this target found; regressions/multipart/empty-form-round-trip keeps it covered.
    if (entries->empty()) return 0;

    std::vector<MultipartEntry> out;
    for (const ParsedMultipartEntry& entry : *entries) {
        MultipartEntry e;
        e.name = entry.name;
        e.isFile = entry.isFile;
        e.value = entry.value;
        e.filename = entry.filename;
        e.type = entry.type;
        e.contents = ByteSpan::fromBytes(entry.contents);
        out.push_back(std::move(e));
    }
    const std::string fresh = generateMultipartBoundary();
    const std::vector<uint8_t> encoded = concatenate(encodeMultipartFormData(out, fresh));
    std::string again;
    auto reparsed = parseMultipartFormData(
        std::string_view(reinterpret_cast<const char*>(encoded.data()), encoded.size()), fresh,
        &again);
    NANO_FUZZ_CHECK(reparsed, "our own encoding does not parse: " + again);
    NANO_FUZZ_CHECK(reparsed->size() == entries->size(), "the entry count changes");
    for (size_t i = 0; i < entries->size(); ++i) {
        const ParsedMultipartEntry& a = (*entries)[i];
        const ParsedMultipartEntry& b = (*reparsed)[i];
        NANO_FUZZ_CHECK(a.isFile == b.isFile, "entry " + std::to_string(i) + " changes kind");
        if (a.isFile)
            NANO_FUZZ_CHECK(a.contents == b.contents,
                            "entry " + std::to_string(i) + ": file bytes change");
        const bool plain = a.name.find_first_of("\r\n\"") == std::string::npos;
        if (plain) NANO_FUZZ_CHECK(a.name == b.name, "name " + a.name + " becomes " + b.name);
    }
    return 0;
}
