#include "api/fetch/request_init.h"

#include "api/events/abort_signal.h"
#include "api/location.h"
#include "api/url/url_parser.h"

namespace nano::api::fetch {

bool RequestInit::isEmpty() const
{
    return !body && !cache && !credentials && !duplex && !headers && !integrity && !keepalive &&
           !method && !mode && !priority && !redirect && !referrer && !referrerPolicy && !signal &&
           (window.IsEmpty() || window->IsUndefined());
}

std::optional<url::UrlRecord> parseUrlWithApiBase(bind::CallContext& cx, std::string_view input,
                                                  const char* what)
{
    const url::UrlRecord* base = apiBaseUrl(cx.isolate());
    std::optional<url::UrlRecord> parsed = url::parse(input, base);
    if (!parsed) {
        std::string message = std::string("Invalid ") + what + " '" + std::string(input) + "'.";
        if (!base && url::parse(input, "https://example.invalid/")) // relative, and no base
            message += ' ' + missingBaseUrlHint();
        cx.throwTypeError(message);
    }
    return parsed;
}

} // namespace nano::api::fetch

namespace nano::bind {
bool DictionaryTraits<api::fetch::RequestInit>::read(DictionaryReader& d,
                                                     api::fetch::RequestInit& out)
{
    return d.get("body", out.body) && d.get("cache", out.cache) &&
           d.get("credentials", out.credentials) && d.get("duplex", out.duplex) &&
           d.get("headers", out.headers) && d.get("integrity", out.integrity) &&
           d.get("keepalive", out.keepalive) && d.get("method", out.method) &&
           d.get("mode", out.mode) && d.get("priority", out.priority) &&
           d.get("redirect", out.redirect) && d.get("referrer", out.referrer) &&
           d.get("referrerPolicy", out.referrerPolicy) && d.get("signal", out.signal) &&
           d.raw("window", out.window);
}
} // namespace nano::bind
