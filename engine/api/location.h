#pragma once
// `location` and the API base URL, as Deno's --location gives them: `nanojs run --location URL`
// (and the workbench's per-script setting) makes URL the base against which fetch(), Request
// and Response.redirect() resolve relative URLs, and exposes it read-only as
// `globalThis.location`, a WorkerLocation (https://html.spec.whatwg.org/#workerlocation):
//
// [Exposed=Worker] interface WorkerLocation {
//   stringifier readonly attribute USVString href;
//   readonly attribute USVString origin;
//   readonly attribute USVString protocol;
//   readonly attribute USVString host;
//   readonly attribute USVString hostname;
//   readonly attribute USVString port;
//   readonly attribute USVString pathname;
//   readonly attribute USVString search;
//   readonly attribute USVString hash;
// };
//
// Without a location there is no `location` global and relative URLs are a TypeError that
// says how to set one.

#include "api/url/url_record.h"
#include "bind/class_builder.h"

#include <string>

namespace nano::api {

// The API base URL of the isolate's run, or null when the run has none.
const url::UrlRecord* apiBaseUrl(v8::Isolate* isolate);
// What a TypeError says when a relative URL meets a run without a base URL.
std::string missingBaseUrlHint();

class WorkerLocation final : public bind::Wrappable {
    NANO_BIND_CLASS(WorkerLocation)
public:
    WorkerLocation();
    static void define(bind::ClassBuilder<WorkerLocation>& c);

    std::string href() const { return std::string(m_url.href()); }
    std::string origin() const { return m_url.origin(); }
    std::string protocol() const { return std::string(m_url.protocol()); }
    std::string host() const { return std::string(m_url.host()); }
    std::string hostname() const { return std::string(m_url.hostname()); }
    std::string port() const { return std::string(m_url.port()); }
    std::string pathname() const { return std::string(m_url.pathname()); }
    std::string search() const { return std::string(m_url.search()); }
    std::string hash() const { return std::string(m_url.hash()); }

private:
    url::UrlRecord m_url;
};

void installLocation(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api
