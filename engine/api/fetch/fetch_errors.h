#pragma once
// The errors fetch() rejects with. Every network failure is TypeError("fetch failed") (the
// spec's network error, as browsers and Node word it) whose `cause` says what happened: an
// Error with a node-style `code` (ECONNREFUSED, ENOTFOUND, ERR_TLS_CERT, ...) and a message
// that names the host, port, URL or certificate problem.

#include <QString>
#include <v8.h>

namespace nano::api::fetch {

v8::Local<v8::Value> fetchFailedError(v8::Isolate* isolate, const QString& code,
                                      const QString& message);
// The same with `cause` as given (the error of a request body stream).
v8::Local<v8::Value> fetchFailedError(v8::Isolate* isolate, v8::Local<v8::Value> cause);

} // namespace nano::api::fetch
