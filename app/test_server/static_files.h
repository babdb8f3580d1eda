#pragma once
// `nanojs serve-test --static DIR`: files under DIR (and further --static roots, searched in
// order) are served at their relative path, before the httpbin-like routes. It is how the WPT
// fetch files in ctest reach their resources (tests/wpt/README.md): their own copy under
// tests/wpt/upstream, resources WPT makes with its python server under tests/wpt/served, and
// the python handlers those tests call, answered here.

#include "http_exchange.h"

#include <QStringList>

namespace nano::testserver {

// Answers the exchange from a file or a WPT handler and returns true, or returns false (the
// request is for a route). Paths that leave a root ("..") are never served.
bool serveStatic(const QStringList& roots, const std::shared_ptr<Exchange>& exchange);

} // namespace nano::testserver
