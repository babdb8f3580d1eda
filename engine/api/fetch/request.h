#pragma once
// Request (https://fetch.spec.whatwg.org/#request-class).
//
// typedef (Request or USVString) RequestInfo;
// [Exposed=(Window,Worker)] interface Request {
//   constructor(RequestInfo input, optional RequestInit init = {});
//   readonly attribute ByteString method;
//   readonly attribute USVString url;
//   [SameObject] readonly attribute Headers headers;
//   readonly attribute RequestDestination destination;
//   readonly attribute USVString referrer;
//   readonly attribute ReferrerPolicy referrerPolicy;
//   readonly attribute RequestMode mode;
//   readonly attribute RequestCredentials credentials;
//   readonly attribute RequestCache cache;
//   readonly attribute RequestRedirect redirect;
//   readonly attribute DOMString integrity;
//   readonly attribute boolean keepalive;
//   readonly attribute boolean isReloadNavigation;
//   readonly attribute boolean isHistoryNavigation;
//   readonly attribute AbortSignal signal;
//   readonly attribute RequestDuplex duplex;
//   [NewObject] Request clone();
// };
// Request includes Body;
//
// The object holds the spec's request (the members fetch() needs, below) and its Headers
// object, whose list is the request's header list, and its signal (a dependent AbortSignal
// following the input's and init's signals). There are no documents, so a request's client is
// the run: its origin is the API base URL's (--location), opaque without one.

#include "api/fetch/body.h"
#include "api/fetch/headers.h"
#include "api/fetch/request_init.h"

namespace nano::api::fetch {

class Request final : public bind::Wrappable {
    NANO_BIND_CLASS(Request)
public:
    using Info = std::variant<Request*, std::string>;

    Request() = default;
    static void define(bind::ClassBuilder<Request>& c);

    // https://fetch.spec.whatwg.org/#dom-request
    static std::unique_ptr<Request> construct(bind::CallContext& cx, Info input, RequestInit init);

    // IDL members.
    bind::ByteString method() const { return {m_method}; }
    std::string url() const { return m_urlList.empty() ? std::string() : m_urlList.back(); }
    Headers* headers() const { return m_headers.get(); }
    std::string destination() const { return {}; } // RequestDestination "": no destinations here
    std::string referrer() const;
    ReferrerPolicy referrerPolicy() const { return m_referrerPolicy; }
    RequestMode mode() const { return m_mode; }
    RequestCredentials credentials() const { return m_credentials; }
    RequestCache cache() const { return m_cache; }
    RequestRedirect redirect() const { return m_redirect; }
    std::string integrity() const { return m_integrity; }
    bool keepalive() const { return m_keepalive; }
    bool isReloadNavigation() const { return m_reloadNavigation; }
    bool isHistoryNavigation() const { return m_historyNavigation; }
    AbortSignal* signal() const { return m_signal.get(); }
    RequestDuplex duplex() const { return RequestDuplex::Half; }
    Request* clone(bind::CallContext& cx);

    // Body.
    v8::Local<v8::Value> bodyStream(bind::CallContext& cx) { return bodyGetter(cx, m_body); }
    bool bodyUsed() const { return !m_body.isNull() && m_body.disturbed(); }
    v8::Local<v8::Promise> arrayBuffer(bind::CallContext& cx);
    v8::Local<v8::Promise> blob(bind::CallContext& cx);
    v8::Local<v8::Promise> bytes(bind::CallContext& cx);
    v8::Local<v8::Promise> formData(bind::CallContext& cx);
    v8::Local<v8::Promise> json(bind::CallContext& cx);
    v8::Local<v8::Promise> text(bind::CallContext& cx);

    // For fetch().
    Body& body() { return m_body; }
    const HeaderList& headerList() const { return m_headers->list(); }
    const std::vector<std::string>& urlList() const { return m_urlList; }
    RequestPriority priority() const { return m_priority; }
    bool useCorsPreflight() const { return m_useCorsPreflight; }

    void inspectMore(v8::Isolate* isolate, Inspected& out) override;

private:
    // https://fetch.spec.whatwg.org/#concept-request-referrer
    enum class ReferrerKind { NoReferrer, Client, Url };

    // The constructor's steps 28-42 (after the request's fields are set).
    bool setUpHeadersAndBody(bind::CallContext& cx, Request* input, RequestInit& init,
                             AbortSignal* signal);
    // Copies the request's fields (step 12: the new request made from `from`).
    void copyRequestFrom(const Request& from);

    // The spec's request (https://fetch.spec.whatwg.org/#concept-request).
    std::string m_method = "GET";
    std::vector<std::string> m_urlList; // serialized; the last is the current URL
    ReferrerKind m_referrerKind = ReferrerKind::Client;
    std::string m_referrerUrl;
    ReferrerPolicy m_referrerPolicy = ReferrerPolicy::Empty;
    RequestMode m_mode = RequestMode::NoCors;
    RequestCredentials m_credentials = RequestCredentials::SameOrigin;
    RequestCache m_cache = RequestCache::Default;
    RequestRedirect m_redirect = RequestRedirect::Follow;
    std::string m_integrity;
    bool m_keepalive = false;
    bool m_reloadNavigation = false;
    bool m_historyNavigation = false;
    RequestPriority m_priority = RequestPriority::Auto;
    bool m_useCorsPreflight = false;

    bind::Member<Headers> m_headers{this};
    bind::Member<AbortSignal> m_signal{this};
    Body m_body{this, "Request body"};
};

void installRequest(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::fetch
