#pragma once
// Response (https://fetch.spec.whatwg.org/#response-class).
//
// [Exposed=(Window,Worker)] interface Response {
//   constructor(optional BodyInit? body = null, optional ResponseInit init = {});
//   [NewObject] static Response error();
//   [NewObject] static Response redirect(USVString url, optional unsigned short status = 302);
//   [NewObject] static Response json(any data, optional ResponseInit init = {});
//   readonly attribute ResponseType type;
//   readonly attribute USVString url;
//   readonly attribute boolean redirected;
//   readonly attribute unsigned short status;
//   readonly attribute boolean ok;
//   readonly attribute ByteString statusText;
//   [SameObject] readonly attribute Headers headers;
//   [NewObject] Response clone();
// };
// Response includes Body;
// dictionary ResponseInit {
//   unsigned short status = 200;
//   ByteString statusText = "";
//   HeadersInit headers;
// };
// enum ResponseType { "basic", "cors", "default", "error", "opaque", "opaqueredirect" };
//
// The object holds the spec's response (type, status, status message, URL list, body) and its
// Headers object, whose list is the response's header list.

#include "api/fetch/body.h"
#include "api/fetch/headers.h"

namespace nano::api::fetch {

struct ResponseInit {
    std::optional<Headers::Init> headers;
    uint16_t status = 200;
    bind::ByteString statusText;
};

class Response final : public bind::Wrappable {
    NANO_BIND_CLASS(Response)
public:
    enum class Type { Basic, Cors, Default, Error, Opaque, OpaqueRedirect };

    Response() = default;
    static void define(bind::ClassBuilder<Response>& c);

    // For fetch(): a Response of `type` whose headers are `headers` with the "immutable"
    // guard and whose body is read from `body` (a native stream; null for a null body) of
    // `length` bytes if known. Null with an exception pending.
    static Response* create(v8::Isolate* isolate, Type type, uint16_t status,
                            std::string statusText, HeaderList headers,
                            std::vector<std::string> urlList, streams::ReadableStream* body,
                            std::optional<uint64_t> length);

    // https://fetch.spec.whatwg.org/#dom-response
    static std::unique_ptr<Response> construct(bind::CallContext& cx,
                                               std::optional<bind::Nullable<BodyInit>> body,
                                               ResponseInit init);
    // IDL members.
    static Response* error(bind::CallContext& cx);
    static Response* redirect(bind::CallContext& cx, std::string url,
                              std::optional<uint16_t> status);
    static Response* json(bind::CallContext& cx, v8::Local<v8::Value> data, ResponseInit init);
    Type type() const { return m_type; }
    std::string url() const;
    bool redirected() const { return m_urlList.size() > 1; }
    uint16_t status() const { return m_status; }
    bool ok() const { return m_status >= 200 && m_status <= 299; }
    bind::ByteString statusText() const { return {m_statusText}; }
    Headers* headers() const { return m_headers.get(); }
    Response* clone(bind::CallContext& cx);

    // Body.
    v8::Local<v8::Value> bodyStream(bind::CallContext& cx) { return bodyGetter(cx, m_body); }
    bool bodyUsed() const { return !m_body.isNull() && m_body.disturbed(); }
    v8::Local<v8::Promise> arrayBuffer(bind::CallContext& cx);
    v8::Local<v8::Promise> blob(bind::CallContext& cx);
    v8::Local<v8::Promise> bytes(bind::CallContext& cx);
    v8::Local<v8::Promise> formData(bind::CallContext& cx);
    v8::Local<v8::Promise> json(bind::CallContext& cx);
    v8::Local<v8::Promise> text(bind::CallContext& cx);

    Body& body() { return m_body; }
    const HeaderList& headerList() const { return m_headers->list(); }

    void inspectMore(v8::Isolate* isolate, Inspected& out) override;

private:
    // https://fetch.spec.whatwg.org/#initialize-a-response; false with an exception thrown.
    bool initialize(bind::CallContext& cx, ResponseInit& init, Body* body,
                    const std::optional<std::string>& type);
    bool makeHeaders(v8::Isolate* isolate, Headers::Guard guard);

    Type m_type = Type::Default;
    uint16_t m_status = 200;
    std::string m_statusText;
    std::vector<std::string> m_urlList; // serialized URLs
    bind::Member<Headers> m_headers{this};
    Body m_body{this, "Response body"};
};

void installResponse(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::fetch

namespace nano::bind {
template <> struct EnumTraits<api::fetch::Response::Type> {
    static constexpr const char* name = "ResponseType";
    static constexpr std::pair<const char*, api::fetch::Response::Type> values[] = {
        {"basic", api::fetch::Response::Type::Basic},
        {"cors", api::fetch::Response::Type::Cors},
        {"default", api::fetch::Response::Type::Default},
        {"error", api::fetch::Response::Type::Error},
        {"opaque", api::fetch::Response::Type::Opaque},
        {"opaqueredirect", api::fetch::Response::Type::OpaqueRedirect}};
};
template <> struct DictionaryTraits<api::fetch::ResponseInit> {
    static constexpr const char* name = "ResponseInit";
    static bool read(DictionaryReader& d, api::fetch::ResponseInit& out)
    {
        return d.get("headers", out.headers) && d.get("status", out.status) &&
               d.get("statusText", out.statusText);
    }
};
} // namespace nano::bind
