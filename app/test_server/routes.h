#pragma once
// The test server's endpoints (httpbin-like, plus faults for the network-error tests).
// `describeRoutes()` is the index served at "/" and printed by `nanojs serve-test --help`.

#include "http_exchange.h"

namespace nano::testserver {

void handle(const std::shared_ptr<Exchange>& exchange);
// Whether a request's body is kept (false for /upload, whose bodies are only hashed).
bool keepsBody(const Request& request);
QByteArray describeRoutes();

// The bytes of /bytes/N?seed=S: a xorshift32 stream seeded with S (default 1), its low byte
// each step, so a client can check what it received. Exposed for tests.
class PatternBytes {
public:
    explicit PatternBytes(quint32 seed)
        : m_state(seed ? seed : 1)
    {}
    void fill(char* out, qint64 n);

private:
    quint32 m_state;
};

} // namespace nano::testserver
