#pragma once
// The fetch() method (https://fetch.spec.whatwg.org/#fetch-method).
//
// partial interface mixin WindowOrWorkerGlobalScope {
//   [NewObject] Promise<Response> fetch(RequestInfo input, optional RequestInit init = {});
// };
//
// The fetch itself (main fetch, redirects, the network, the response body's byte source) is
// FetchController's (fetch_controller.h); the transport is engine/net.

#include <v8.h>

namespace nano::api::fetch {

void installFetch(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

} // namespace nano::api::fetch
