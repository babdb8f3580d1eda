// Header name/value validation and header list operations (api/fetch/header_list.h), what
// Headers' append/set/get/delete run. Input: "name\0value\0name\0value...". Properties: a
// normalized value of a valid value is a valid value and normalizing is idempotent; after
// set(name, value) get(name) is that value; sort and combine gives lowercase names in order.

#include "api/fetch/header_list.h"
#include "fuzz_support.h"

#include <algorithm>

using namespace nano::api::fetch;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view rest = nano::fuzz::bytesOf(data, size);
    HeaderList list;
    while (!rest.empty()) {
        auto [name, tail] = nano::fuzz::splitAtNul(rest);
        auto [value, next] = nano::fuzz::splitAtNul(tail);
        rest = next;

        const std::string_view normalized = normalizeHeaderValue(value);
        NANO_FUZZ_CHECK(normalizeHeaderValue(normalized) == normalized, "normalize twice differs");
        if (!isHeaderName(name) || !isHeaderValue(normalized)) continue;
        (void)isForbiddenRequestHeader(name, normalized);
        (void)isForbiddenResponseHeaderName(name);
        (void)isCorsSafelistedRequestHeader(name, normalized);
        (void)isNoCorsSafelistedRequestHeader(name, normalized);
        (void)getDecodeAndSplit(normalized);
        if (!normalized.empty() && normalized.front() == '"') {
            size_t position = 0;
            (void)collectHttpQuotedString(normalized, position, true);
            NANO_FUZZ_CHECK(position <= normalized.size(), "quoted string ran past the end");
        }

        const Header header{std::string(name), std::string(normalized)};
        if (name.size() % 2) {
            list.append(header);
            NANO_FUZZ_CHECK(list.contains(name), "appended header missing");
        } else {
            list.set(header);
            NANO_FUZZ_CHECK(list.get(name) == std::string(normalized), "set then get differs");
        }
        (void)list.getDecodeSplit(name);
        if (value.size() % 3 == 0) {
            list.remove(name);
            NANO_FUZZ_CHECK(!list.contains(name), "removed header still there");
        }
    }
    const std::vector<Header> combined = list.sortAndCombine();
    for (size_t i = 0; i < combined.size(); ++i) {
        NANO_FUZZ_CHECK(combined[i].name == byteLowercase(combined[i].name),
                        "a name not lowercase");
        if (i) NANO_FUZZ_CHECK(combined[i - 1].name <= combined[i].name, "names out of order");
    }
    return 0;
}
