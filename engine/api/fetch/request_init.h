#pragma once
// RequestInit and the request enumerations (https://fetch.spec.whatwg.org/#requestinit), and
// the URL parsing Request and Response.redirect() share.
//
// dictionary RequestInit {
//   ByteString method;  HeadersInit headers;  BodyInit? body;  USVString referrer;
//   ReferrerPolicy referrerPolicy;  RequestMode mode;  RequestCredentials credentials;
//   RequestCache cache;  RequestRedirect redirect;  DOMString integrity;  boolean keepalive;
//   AbortSignal? signal;  RequestDuplex duplex;  RequestPriority priority;
//   any window; // can only be set to null
// };
// enum RequestDestination { "", "audio", ..., "xslt" };  (no destination but "" exists here)
// enum RequestMode { "navigate", "same-origin", "no-cors", "cors" };
// enum RequestCredentials { "omit", "same-origin", "include" };
// enum RequestCache { "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"
// }; enum RequestRedirect { "follow", "error", "manual" }; enum RequestDuplex { "half" }; enum
// RequestPriority { "high", "low", "auto" }; enum ReferrerPolicy { "", "no-referrer", ...,
// "unsafe-url" };  (Referrer Policy spec)

#include "api/fetch/body.h"
#include "api/fetch/headers.h"
#include "api/url/url_record.h"

namespace nano::api {
class AbortSignal;
}

namespace nano::api::fetch {

enum class RequestMode { Navigate, SameOrigin, NoCors, Cors };
enum class RequestCredentials { Omit, SameOrigin, Include };
enum class RequestCache { Default, NoStore, Reload, NoCache, ForceCache, OnlyIfCached };
enum class RequestRedirect { Follow, Error, Manual };
enum class RequestDuplex { Half };
enum class RequestPriority { High, Low, Auto };
enum class ReferrerPolicy {
    Empty,
    NoReferrer,
    NoReferrerWhenDowngrade,
    SameOrigin,
    Origin,
    StrictOrigin,
    OriginWhenCrossOrigin,
    StrictOriginWhenCrossOrigin,
    UnsafeUrl
};

struct RequestInit {
    std::optional<bind::Nullable<BodyInit>> body;
    std::optional<RequestCache> cache;
    std::optional<RequestCredentials> credentials;
    std::optional<RequestDuplex> duplex;
    std::optional<Headers::Init> headers;
    std::optional<std::string> integrity;
    std::optional<bool> keepalive;
    std::optional<bind::ByteString> method;
    std::optional<RequestMode> mode;
    std::optional<RequestPriority> priority;
    std::optional<RequestRedirect> redirect;
    std::optional<std::string> referrer;
    std::optional<ReferrerPolicy> referrerPolicy;
    std::optional<bind::Nullable<AbortSignal*>> signal;
    v8::Local<v8::Value> window; // undefined when it does not exist

    // https://webidl.spec.whatwg.org/#dfn-dictionary-member "init is not empty": a member exists.
    bool isEmpty() const;
};

// Parses `input` against the run's API base URL (https://url.spec.whatwg.org/#api-url-parser);
// nullopt with a TypeError thrown (naming `what`) on failure.
std::optional<url::UrlRecord> parseUrlWithApiBase(bind::CallContext& cx, std::string_view input,
                                                  const char* what);

} // namespace nano::api::fetch

namespace nano::bind {
template <> struct EnumTraits<api::fetch::RequestMode> {
    static constexpr const char* name = "RequestMode";
    static constexpr std::pair<const char*, api::fetch::RequestMode> values[] = {
        {"navigate", api::fetch::RequestMode::Navigate},
        {"same-origin", api::fetch::RequestMode::SameOrigin},
        {"no-cors", api::fetch::RequestMode::NoCors},
        {"cors", api::fetch::RequestMode::Cors}};
};
template <> struct EnumTraits<api::fetch::RequestCredentials> {
    static constexpr const char* name = "RequestCredentials";
    static constexpr std::pair<const char*, api::fetch::RequestCredentials> values[] = {
        {"omit", api::fetch::RequestCredentials::Omit},
        {"same-origin", api::fetch::RequestCredentials::SameOrigin},
        {"include", api::fetch::RequestCredentials::Include}};
};
template <> struct EnumTraits<api::fetch::RequestCache> {
    static constexpr const char* name = "RequestCache";
    static constexpr std::pair<const char*, api::fetch::RequestCache> values[] = {
        {"default", api::fetch::RequestCache::Default},
        {"no-store", api::fetch::RequestCache::NoStore},
        {"reload", api::fetch::RequestCache::Reload},
        {"no-cache", api::fetch::RequestCache::NoCache},
        {"force-cache", api::fetch::RequestCache::ForceCache},
        {"only-if-cached", api::fetch::RequestCache::OnlyIfCached}};
};
template <> struct EnumTraits<api::fetch::RequestRedirect> {
    static constexpr const char* name = "RequestRedirect";
    static constexpr std::pair<const char*, api::fetch::RequestRedirect> values[] = {
        {"follow", api::fetch::RequestRedirect::Follow},
        {"error", api::fetch::RequestRedirect::Error},
        {"manual", api::fetch::RequestRedirect::Manual}};
};
template <> struct EnumTraits<api::fetch::RequestDuplex> {
    static constexpr const char* name = "RequestDuplex";
    static constexpr std::pair<const char*, api::fetch::RequestDuplex> values[] = {
        {"half", api::fetch::RequestDuplex::Half}};
};
template <> struct EnumTraits<api::fetch::RequestPriority> {
    static constexpr const char* name = "RequestPriority";
    static constexpr std::pair<const char*, api::fetch::RequestPriority> values[] = {
        {"high", api::fetch::RequestPriority::High},
        {"low", api::fetch::RequestPriority::Low},
        {"auto", api::fetch::RequestPriority::Auto}};
};
template <> struct EnumTraits<api::fetch::ReferrerPolicy> {
    static constexpr const char* name = "ReferrerPolicy";
    static constexpr std::pair<const char*, api::fetch::ReferrerPolicy> values[] = {
        {"", api::fetch::ReferrerPolicy::Empty},
        {"no-referrer", api::fetch::ReferrerPolicy::NoReferrer},
        {"no-referrer-when-downgrade", api::fetch::ReferrerPolicy::NoReferrerWhenDowngrade},
        {"same-origin", api::fetch::ReferrerPolicy::SameOrigin},
        {"origin", api::fetch::ReferrerPolicy::Origin},
        {"strict-origin", api::fetch::ReferrerPolicy::StrictOrigin},
        {"origin-when-cross-origin", api::fetch::ReferrerPolicy::OriginWhenCrossOrigin},
        {"strict-origin-when-cross-origin",
         api::fetch::ReferrerPolicy::StrictOriginWhenCrossOrigin},
        {"unsafe-url", api::fetch::ReferrerPolicy::UnsafeUrl}};
};
template <> struct DictionaryTraits<api::fetch::RequestInit> {
    static constexpr const char* name = "RequestInit";
    static bool read(DictionaryReader& d, api::fetch::RequestInit& out);
};
} // namespace nano::bind
