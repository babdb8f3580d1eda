// The URL parser (https://url.spec.whatwg.org/#url-parsing), with and without a base.
// Input: "input" or "input\0base". Properties: a parsed URL's href parses again to the same href
// (the serializer and parser agree), and so does each URL after a setter runs on it.

#include "api/url/url_parser.h"
#include "fuzz_support.h"

using namespace nano;

namespace {

void checkRoundTrip(const url::UrlRecord& record, const char* after)
{
    const std::string href(record.href());
    std::optional<url::UrlRecord> again = url::parse(href);
    NANO_FUZZ_CHECK(again.has_value(), std::string(after) + ": href does not parse: " + href);
    NANO_FUZZ_CHECK(again->href() == href,
                    std::string(after) + ": " + href + " parses to " + std::string(again->href()));
    // The getters are views at the stored offsets; reading them checks the offsets' bounds.
    std::string all = std::string(record.protocol()) + std::string(record.username()) +
                      std::string(record.password()) + std::string(record.host()) +
                      std::string(record.hostname()) + std::string(record.port()) +
                      std::string(record.pathname()) + std::string(record.search()) +
                      std::string(record.hash()) + record.origin();
    (void)all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto [inputBytes, baseBytes] = fuzz::splitAtNul(fuzz::bytesOf(data, size));
    const std::string input = fuzz::validUtf8(inputBytes);
    const std::string base = fuzz::validUtf8(baseBytes);

    std::optional<url::UrlRecord> parsed =
        baseBytes.data() ? url::parse(input, std::string_view(base)) : url::parse(input);
    if (!parsed) return 0;
    checkRoundTrip(*parsed, "parse");

    // Each setter with the other string, as `url.x = base` would (the spec's setter steps).
    using Setter = void (url::UrlRecord::*)(std::string_view);
    static const std::pair<Setter, const char*> setters[] = {
        {&url::UrlRecord::setProtocol, "protocol"}, {&url::UrlRecord::setUsername, "username"},
        {&url::UrlRecord::setPassword, "password"}, {&url::UrlRecord::setHost, "host"},
        {&url::UrlRecord::setHostname, "hostname"}, {&url::UrlRecord::setPort, "port"},
        {&url::UrlRecord::setPathname, "pathname"}, {&url::UrlRecord::setSearch, "search"},
        {&url::UrlRecord::setHash, "hash"},
    };
    for (const auto& [setter, name] : setters) {
        url::UrlRecord copy = *parsed;
        (copy.*setter)(base);
        checkRoundTrip(copy, name);
    }
    url::UrlRecord copy = *parsed;
    if (copy.setHref(base)) checkRoundTrip(copy, "href");
    return 0;
}
