#pragma once
// The network of one runtime: one QNetworkAccessManager, made lazily on the engine thread and
// destroyed with the runtime (core::Runtime::threadObject), so connections are reused
// (HTTP/1.1 keep-alive, HTTP/2 over TLS where the server offers it) within a run and never
// shared between runs. Proxies come from the environment (http_proxy, https_proxy, no_proxy);
// HTTPS uses the system CA store; gzip, deflate and br bodies are decoded as browsers do.
// Cookies are neither sent nor stored unless a request asks for them.

#include "net/http_transfer.h"

#include <QObject>

#include <memory>

class QIODevice;
class QNetworkAccessManager;

namespace nano::net {

struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    RawHeaders headers;
    QByteArray body;                   // a body held in memory, or
    std::unique_ptr<QIODevice> stream; // a body read as it is sent (chunked without a
                                       // Content-Length header)
    bool useCookies = false;           // credentials "include"
};

class NetworkSession final : public QObject {
    Q_OBJECT
public:
    // Unread response bytes a transfer holds before it stops reading its socket.
    static constexpr qint64 kReadBufferBytes = 1 << 20;

    explicit NetworkSession(QObject* parent = nullptr);
    ~NetworkSession() override;

    // Starts a request; the transfer belongs to the caller (destroying it aborts the request).
    std::unique_ptr<HttpTransfer> start(HttpRequest request);
    // Aborts every transfer still running (a run is stopped or ends).
    void abortAll();

private:
    QNetworkAccessManager* manager();

    QNetworkAccessManager* m_manager = nullptr;
};

} // namespace nano::net
