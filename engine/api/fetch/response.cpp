#include "api/fetch/response.h"

#include "api/fetch/request_init.h"
#include "api/streams/readable_stream.h"

namespace nano::api::fetch {

namespace {

// https://fetch.spec.whatwg.org/#null-body-status
bool isNullBodyStatus(uint16_t status)
{
    return status == 101 || status == 103 || status == 204 || status == 205 || status == 304;
}

// https://fetch.spec.whatwg.org/#redirect-status
bool isRedirectStatus(uint16_t status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// reason-phrase = *( HTAB / SP / VCHAR / obs-text ) (RFC 9112).
bool isReasonPhrase(std::string_view text)
{
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte != 0x09 && byte != 0x20 && (byte < 0x21 || byte == 0x7F)) return false;
    }
    return true;
}

} // namespace

bool Response::makeHeaders(v8::Isolate* isolate, Headers::Guard guard)
{
    Headers* headers = Headers::create(isolate, guard);
    if (!headers) return false;
    m_headers.set(headers);
    return true;
}

Response* Response::create(v8::Isolate* isolate, Type type, uint16_t status, std::string statusText,
                           HeaderList headers, std::vector<std::string> urlList,
                           streams::ReadableStream* body, std::optional<uint64_t> length)
{
    auto* response = bind::create<Response>(isolate);
    if (!response || !response->makeHeaders(isolate, Headers::Guard::Immutable)) return nullptr;
    response->m_type = type;
    response->m_status = status;
    response->m_statusText = std::move(statusText);
    response->m_urlList = std::move(urlList);
    response->m_headers->setList(std::move(headers));
    response->m_body.setStream(body, length);
    return response;
}

// https://fetch.spec.whatwg.org/#dom-response
std::unique_ptr<Response> Response::construct(bind::CallContext& cx,
                                              std::optional<bind::Nullable<BodyInit>> body,
                                              ResponseInit init)
{
    auto response = std::make_unique<Response>();
    // Step 2: the Headers object is made with the wrapper-less response; Members set before
    // wrap() are held until then.
    if (!response->makeHeaders(cx.isolate(), Headers::Guard::Response)) {
        cx.setFailed();
        return nullptr;
    }
    // Steps 3-4.
    std::optional<std::string> type;
    Body extracted(response.get(), "Response body");
    const bool hasBody = body && *body;
    if (hasBody && !extracted.extract(cx, **body, false, type)) return nullptr;
    // Step 5.
    if (!response->initialize(cx, init, hasBody ? &extracted : nullptr, type)) return nullptr;
    return response;
}

// https://fetch.spec.whatwg.org/#initialize-a-response
bool Response::initialize(bind::CallContext& cx, ResponseInit& init, Body* body,
                          const std::optional<std::string>& type)
{
    // Steps 1-2.
    if (init.status < 200 || init.status > 599) {
        cx.throwRangeError("The status " + std::to_string(init.status) +
                           " is outside the range [200, 599].");
        return false;
    }
    if (!isReasonPhrase(init.statusText.value)) {
        cx.throwTypeError("The statusText is not a valid reason-phrase.");
        return false;
    }
    // Steps 3-5.
    m_status = init.status;
    m_statusText = std::move(init.statusText.value);
    if (init.headers && !m_headers->fill(cx, *init.headers)) return false;
    // Step 6.
    if (body) {
        if (isNullBodyStatus(m_status)) {
            cx.throwTypeError("A Response with the status " + std::to_string(m_status) +
                              " cannot have a body.");
            return false;
        }
        m_body = std::move(*body);
        if (type && !m_headers->list().contains("Content-Type"))
            m_headers->appendToList({"Content-Type", *type});
    }
    return true;
}

// https://fetch.spec.whatwg.org/#dom-response-error
Response* Response::error(bind::CallContext& cx)
{
    auto* response = bind::create<Response>(cx.isolate());
    if (!response || !response->makeHeaders(cx.isolate(), Headers::Guard::Immutable)) {
        cx.setFailed();
        return nullptr;
    }
    response->m_type = Type::Error;
    response->m_status = 0;
    return response;
}

// https://fetch.spec.whatwg.org/#dom-response-redirect
Response* Response::redirect(bind::CallContext& cx, std::string url, std::optional<uint16_t> status)
{
    // Steps 1-2.
    std::optional<url::UrlRecord> parsedURL = parseUrlWithApiBase(cx, url, "URL");
    if (!parsedURL) return nullptr;
    // Step 3.
    const uint16_t redirectStatus = status.value_or(302);
    if (!isRedirectStatus(redirectStatus)) {
        cx.throwRangeError("The status " + std::to_string(redirectStatus) +
                           " is not a redirect status.");
        return nullptr;
    }
    // Steps 4-7.
    auto* response = bind::create<Response>(cx.isolate());
    if (!response || !response->makeHeaders(cx.isolate(), Headers::Guard::Immutable)) {
        cx.setFailed();
        return nullptr;
    }
    response->m_status = redirectStatus;
    response->m_headers->appendToList({"Location", std::string(parsedURL->href())});
    return response;
}

// https://fetch.spec.whatwg.org/#dom-response-json
Response* Response::json(bind::CallContext& cx, v8::Local<v8::Value> data, ResponseInit init)
{
    // Step 1: https://infra.spec.whatwg.org/#serialize-a-javascript-value-to-json-bytes
    v8::Local<v8::String> serialized;
    if (!v8::JSON::Stringify(cx.context(), data).ToLocal(&serialized)) {
        cx.setFailed();
        return nullptr;
    }
    // JSON.stringify's undefined (for undefined, functions, symbols, a toJSON() returning
    // undefined) comes back from V8 as the text "undefined", which no JSON text can be.
    std::string json = bind::toUtf8(cx.isolate(), serialized);
    if (json == "undefined") {
        cx.throwTypeError("The data is not JSON-serializable.");
        return nullptr;
    }
    // Steps 2-5.
    auto* response = bind::create<Response>(cx.isolate());
    if (!response || !response->makeHeaders(cx.isolate(), Headers::Guard::Response)) {
        cx.setFailed();
        return nullptr;
    }
    Body body(response, "Response body");
    body.setSource({ByteSpan::fromString(std::move(json))});
    if (!response->initialize(cx, init, &body, std::string("application/json"))) return nullptr;
    return response;
}

// https://fetch.spec.whatwg.org/#dom-response-url
std::string Response::url() const
{
    if (m_urlList.empty()) return {};
    const std::string& last = m_urlList.back();
    return last.substr(0, last.find('#')); // serialized with exclude fragment
}

// https://fetch.spec.whatwg.org/#dom-response-clone
Response* Response::clone(bind::CallContext& cx)
{
    if (m_body.unusable()) {
        cx.throwTypeError("The body has already been read or is locked.");
        return nullptr;
    }
    // https://fetch.spec.whatwg.org/#concept-response-clone
    auto* clone = bind::create<Response>(cx.isolate());
    if (!clone || !clone->makeHeaders(cx.isolate(), m_headers->guard())) {
        cx.setFailed();
        return nullptr;
    }
    clone->m_type = m_type;
    clone->m_status = m_status;
    clone->m_statusText = m_statusText;
    clone->m_urlList = m_urlList;
    clone->m_headers->setList(m_headers->list());
    if (!m_body.cloneInto(cx.isolate(), clone->m_body)) {
        cx.setFailed();
        return nullptr;
    }
    return clone;
}

v8::Local<v8::Promise> Response::arrayBuffer(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::ArrayBuffer, headerList());
}
v8::Local<v8::Promise> Response::blob(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Blob, headerList());
}
v8::Local<v8::Promise> Response::bytes(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Bytes, headerList());
}
v8::Local<v8::Promise> Response::formData(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::FormData, headerList());
}
v8::Local<v8::Promise> Response::json(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Json, headerList());
}
v8::Local<v8::Promise> Response::text(bind::CallContext& cx)
{
    return m_body.consume(cx, Body::Consumer::Text, headerList());
}

void Response::inspectMore(v8::Isolate* isolate, Inspected& out)
{
    streams::ReadableStream* stream = m_body.stream(isolate);
    out.emplace_back("body", stream ? v8::Local<v8::Value>(stream->wrapper())
                                    : v8::Local<v8::Value>(v8::Null(isolate)));
}

void Response::define(bind::ClassBuilder<Response>& c)
{
    c.constructor<&Response::construct>()
        .staticMethod<&Response::error>("error")
        .staticMethod<&Response::redirect>("redirect")
        .staticMethod<static_cast<Response* (*)(bind::CallContext&, v8::Local<v8::Value>,
                                                ResponseInit)>(&Response::json)>("json")
        .readonlyAttribute<&Response::type>("type")
        .readonlyAttribute<&Response::url>("url")
        .readonlyAttribute<&Response::redirected>("redirected")
        .readonlyAttribute<&Response::status>("status")
        .readonlyAttribute<&Response::ok>("ok")
        .readonlyAttribute<&Response::statusText>("statusText")
        .readonlyAttribute<&Response::headers>("headers")
        .method<&Response::clone>("clone")
        .readonlyAttribute<&Response::bodyStream>("body")
        .readonlyAttribute<&Response::bodyUsed>("bodyUsed")
        .method<&Response::arrayBuffer>("arrayBuffer")
        .method<&Response::blob>("blob")
        .method<&Response::bytes>("bytes")
        .method<&Response::formData>("formData")
        .method<static_cast<v8::Local<v8::Promise> (Response::*)(bind::CallContext&)>(
            &Response::json)>("json")
        .method<&Response::text>("text");
}

void installResponse(v8::Local<v8::Context> context, v8::Local<v8::Object> global)
{
    bind::exposeLazily<Response>(context, global);
}

} // namespace nano::api::fetch
