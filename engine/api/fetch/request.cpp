#include "api/fetch/request.h"

#include "api/events/abort_signal.h"
#include "api/location.h"
#include "api/url/url_parser.h"

namespace nano::api::fetch {

namespace {

// https://fetch.spec.whatwg.org/#concept-method-normalize
std::string normalizeMethod(std::string method)
{
    for (const char* known : {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"})
        if (equalsIgnoringAsciiCase(method, known)) return known;
    return method;
}

// https://fetch.spec.whatwg.org/#concept-method: a token.
bool isMethod(std::string_view method)
{
    return isHeaderName(method);
}

// https://fetch.spec.whatwg.org/#cors-safelisted-method
bool isCorsSafelistedMethod(std::string_view method)
{
    return method == "GET" || method == "HEAD" || method == "POST";
}

// The origin of the run's settings object: its API base URL's, or an opaque one ("null",
// same origin with nothing) without a base URL.
std::string settingsOrigin(v8::Isolate* isolate)
{
    const url::UrlRecord* base = apiBaseUrl(isolate);
    return base ? base->origin() : std::string("null");
}

bool sameOrigin(const std::string& a, const std::string& b)
{
    return a != "null" && a == b;
}

} // namespace

void Request::copyRequestFrom(const Request& from)
{
    m_method = from.m_method;
    m_urlList = from.m_urlList;
    m_referrerKind = from.m_referrerKind;
    m_referrerUrl = from.m_referrerUrl;
    m_referrerPolicy = from.m_referrerPolicy;
    m_mode = from.m_mode;
    m_credentials = from.m_credentials;
    m_cache = from.m_cache;
    m_redirect = from.m_redirect;
    m_integrity = from.m_integrity;
    m_keepalive = from.m_keepalive;
    m_reloadNavigation = from.m_reloadNavigation;
    m_historyNavigation = from.m_historyNavigation;
    m_priority = from.m_priority;
}

// https://fetch.spec.whatwg.org/#dom-request
std::unique_ptr<Request> Request::construct(bind::CallContext& cx, Info input, RequestInit init)
{
    v8::Isolate* isolate = cx.isolate();
    auto request = std::make_unique<Request>();
    // Steps 1-4.
    std::optional<RequestMode> fallbackMode;
    AbortSignal* signal = nullptr;
    Request* inputRequest = nullptr;
    if (auto* text = std::get_if<std::string>(&input)) {
        // Step 5.
        std::optional<url::UrlRecord> parsedURL = parseUrlWithApiBase(cx, *text, "URL");
        if (!parsedURL) return nullptr;
        if (parsedURL->includesCredentials()) {
            cx.throwTypeError("The URL '" + *text + "' includes credentials.");
            return nullptr;
        }
        request->m_urlList = {std::string(parsedURL->href())};
        fallbackMode = RequestMode::Cors;
    } else {
        // Step 6.
        inputRequest = std::get<Request*>(input);
        request->copyRequestFrom(*inputRequest); // step 12's copy of the input's request
        signal = inputRequest->m_signal.get();
    }
    // Step 7.
    const std::string origin = settingsOrigin(isolate);
    // Steps 10-11.
    if (!init.window.IsEmpty() && !init.window->IsUndefined() && !init.window->IsNull()) {
        cx.throwTypeError("The 'window' member can only be null.");
        return nullptr;
    }
    // Step 13.
    if (!init.isEmpty()) {
        if (request->m_mode == RequestMode::Navigate) request->m_mode = RequestMode::SameOrigin;
        request->m_reloadNavigation = false;
        request->m_historyNavigation = false;
        request->m_referrerKind = ReferrerKind::Client;
        request->m_referrerPolicy = ReferrerPolicy::Empty;
        request->m_urlList = {request->url()};
    }
    // Step 14.
    if (init.referrer) {
        const std::string& referrer = *init.referrer;
        if (referrer.empty()) {
            request->m_referrerKind = ReferrerKind::NoReferrer;
        } else {
            std::optional<url::UrlRecord> parsedReferrer =
                parseUrlWithApiBase(cx, referrer, "referrer URL");
            if (!parsedReferrer) return nullptr;
            if ((parsedReferrer->scheme() == "about" && parsedReferrer->pathname() == "client") ||
                !sameOrigin(parsedReferrer->origin(), origin)) {
                request->m_referrerKind = ReferrerKind::Client;
            } else {
                request->m_referrerKind = ReferrerKind::Url;
                request->m_referrerUrl = std::string(parsedReferrer->href());
            }
        }
    }
    // Step 15.
    if (init.referrerPolicy) request->m_referrerPolicy = *init.referrerPolicy;
    // Steps 16-18.
    std::optional<RequestMode> mode = init.mode ? init.mode : fallbackMode;
    if (mode == RequestMode::Navigate) {
        cx.throwTypeError("The mode 'navigate' cannot be set by a script.");
        return nullptr;
    }
    if (mode) request->m_mode = *mode;
    // Steps 19-21.
    if (init.credentials) request->m_credentials = *init.credentials;
    if (init.cache) request->m_cache = *init.cache;
    if (request->m_cache == RequestCache::OnlyIfCached &&
        request->m_mode != RequestMode::SameOrigin) {
        cx.throwTypeError("The cache mode 'only-if-cached' needs the mode 'same-origin'.");
        return nullptr;
    }
    // Steps 22-24.
    if (init.redirect) request->m_redirect = *init.redirect;
    if (init.integrity) request->m_integrity = *init.integrity;
    if (init.keepalive) request->m_keepalive = *init.keepalive;
    // Step 25.
    if (init.method) {
        const std::string& method = init.method->value;
        if (!isMethod(method)) {
            cx.throwTypeError("'" + method + "' is not a valid HTTP method.");
            return nullptr;
        }
        if (isForbiddenMethod(method)) {
            cx.throwTypeError("'" + method + "' HTTP method is unsupported.");
            return nullptr;
        }
        request->m_method = normalizeMethod(method);
    }
    // Step 26.
    if (init.signal) signal = init.signal->has_value() ? **init.signal : nullptr;
    // Step 27.
    if (init.priority) request->m_priority = *init.priority;
    // Steps 28-42.
    if (!request->setUpHeadersAndBody(cx, inputRequest, init, signal)) return nullptr;
    return request;
}

bool Request::setUpHeadersAndBody(bind::CallContext& cx, Request* input, RequestInit& init,
                                  AbortSignal* signal)
{
    v8::Isolate* isolate = cx.isolate();
    // Steps 29-30: https://dom.spec.whatwg.org/#create-a-dependent-abort-signal
    std::vector<AbortSignal*> sources;
    if (signal) sources.push_back(signal);
    AbortSignal* dependent = AbortSignal::any(cx, std::move(sources));
    if (!dependent) return false;
    m_signal.set(dependent);
    // Step 31.
    Headers* headers = Headers::create(isolate, Headers::Guard::Request);
    if (!headers) {
        cx.setFailed();
        return false;
    }
    m_headers.set(headers);
    if (input) headers->setList(input->headerList());
    // Step 32.
    if (m_mode == RequestMode::NoCors) {
        if (!isCorsSafelistedMethod(m_method)) {
            cx.throwTypeError("The method '" + m_method + "' is not allowed in 'no-cors' mode.");
            return false;
        }
        headers->setGuard(Headers::Guard::RequestNoCors);
    }
    // Step 33.
    if (!init.isEmpty()) {
        HeaderList copy = headers->list();
        headers->setList({});
        if (init.headers) {
            if (!headers->fill(cx, *init.headers)) return false;
        } else {
            for (const Header& header : copy.headers())
                if (!headers->append(cx, header.name, header.value)) return false;
        }
    }
    // Steps 34-35.
    Body* inputBody = input && !input->m_body.isNull() ? &input->m_body : nullptr;
    const bool hasInitBody = init.body && init.body->has_value();
    if ((hasInitBody || inputBody) && (m_method == "GET" || m_method == "HEAD")) {
        cx.throwTypeError("A request with the method " + m_method + " cannot have a body.");
        return false;
    }
    // Steps 36-37.
    if (hasInitBody) {
        std::optional<std::string> type;
        if (!m_body.extract(cx, **init.body, m_keepalive, type)) return false;
        if (type && !headers->list().contains("Content-Type"))
            headers->appendToList({"Content-Type", *type});
    }
    // Step 38-39.
    Body* inputOrInitBody = hasInitBody ? &m_body : inputBody;
    if (inputOrInitBody && !inputOrInitBody->hasSource()) {
        if (hasInitBody && !init.duplex) {
            cx.throwTypeError("A ReadableStream body needs the duplex member set to 'half'.");
            return false;
        }
        if (m_mode != RequestMode::SameOrigin && m_mode != RequestMode::Cors) {
            cx.throwTypeError("A ReadableStream body needs the mode 'same-origin' or 'cors'.");
            return false;
        }
        m_useCorsPreflight = true;
    }
    // Steps 40-42.
    if (!hasInitBody && inputBody) {
        if (inputBody->unusable()) {
            cx.throwTypeError("The input request's body has already been read or is locked.");
            return false;
        }
        if (!inputBody->transferInto(isolate, m_body)) {
            cx.setFailed();
            return false;
        }
    } else if (inputBody && !inputBody->unusable()) {
        // The input's body is replaced, and still becomes used, as browsers do (WPT
        // request-disturbed.any.js; the spec leaves it untouched: docs/conformance.md).
        inputBody->markUsed(isolate);
    }
    return true;
}

// https://fetch.spec.whatwg.org/#dom-request-referrer
std::string Request::referrer() const
{
    switch (m_referrerKind) {
    case ReferrerKind::NoReferrer: return {};
    case ReferrerKind::Client: return "about:client";
    case ReferrerKind::Url: return m_referrerUrl;
    }
    return {};
}

// https://fetch.spec.whatwg.org/#dom-request-clone
Request* Request::clone(bind::CallContext& cx)
{
    v8::Isolate* isolate = cx.isolate();
    // Step 1.
    if (m_body.unusable()) {
        cx.throwTypeError("The body has already been read or is locked.");
        return nullptr;
    }
    // Steps 2-4: https://fetch.spec.whatwg.org/#concept-request-clone
    auto* clone = bind::create<Request>(isolate);
    Headers* headers = clone ? Headers::create(isolate, m_headers->guard()) : nullptr;
    if (!headers) {
        cx.setFailed();
        return nullptr;
    }
    clone->copyRequestFrom(*this);
    clone->m_useCorsPreflight = m_useCorsPreflight;
    headers->setList(m_headers->list());
    clone->m_headers.set(headers);
    AbortSignal* signal = AbortSignal::any(cx, {m_signal.get()});
    if (!signal) return nullptr;
    clone->m_signal.set(signal);
    if (!m_body.cloneInto(isolate, clone->m_body)) {
        cx.setFailed();
        return nullptr;
    }
    return clone;
}

v8::Local<v8::Promise> Request::arrayBuffer(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::ArrayBuffer, headerList());
}
v8::Local<v8::Promise> Request::blob(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Blob, headerList());
}
v8::Local<v8::Promise> Request::bytes(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Bytes, headerList());
}
v8::Local<v8::Promise> Request::formData(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::FormData, headerList());
}
v8::Local<v8::Promise> Request::json(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Json, headerList());
}
v8::Local<v8::Promise> Request::text(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Text, headerList());
}

void Request::inspectMore(v8::Isolate* isolate, Inspected& out)
{
    streams::ReadableStream* stream = m_body.stream(isolate);
    out.emplace_back("body", stream ? v8::Local<v8::Value>(stream->wrapper())
                                    : v8::Local<v8::Value>(v8::Null(isolate)));
}

void Request::define(bind::ClassBuilder<Request>& c)
{
    c.constructor<&Request::construct>()
        .readonlyAttribute<&Request::method>("method")
        .readonlyAttribute<&Request::url>("url")
        .readonlyAttribute<&Request::headers>("headers")
        .readonlyAttribute<&Request::destination>("destination")
        .readonlyAttribute<&Request::referrer>("referrer")
        .readonlyAttribute<&Request::referrerPolicy>("referrerPolicy")
        .readonlyAttribute<&Request::mode>("mode")
        .readonlyAttribute<&Request::credentials>("credentials")
        .readonlyAttribute<&Request::cache>("cache")
        .readonlyAttribute<&Request::redirect>("redirect")
        .readonlyAttribute<&Request::integrity>("integrity")
        .readonlyAttribute<&Request::keepalive>("keepalive")
        .readonlyAttribute<&Request::isReloadNavigation>("isReloadNavigation")
        .readonlyAttribute<&Request::isHistoryNavigation>("isHistoryNavigation")
        .readonlyAttribute<&Request::signal>("signal")
        .readonlyAttribute<&Request::duplex>("duplex")
        .method<&Request::clone>("clone")
        .readonlyAttribute<&Request::bodyStream>("body")
        .readonlyAttribute<&Request::bodyUsed>("bodyUsed")
        .method<&Request::arrayBuffer>("arrayBuffer")
        .method<&Request::blob>("blob")
        .method<&Request::bytes>("bytes")
        .method<&Request::formData>("formData")
        .method<&Request::json>("json")
        .method<&Request::text>("text");
}

void installRequest(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<Request>(context, global);
}

} // namespace nano::api::fetch
