#pragma once
// The runtime's QNetworkAccessManager, which stays the one entry point for requests. Plain
// http:// requests without a proxy go to the same-thread HTTP/1.1 client (Http1Reply over
// Http1Pool): QNetworkAccessManager's own path hands every request and every reply signal
// across to its HTTP thread (queued signals and thread wake-ups), which was most of the cost
// of a small fetch. https:// stays on Qt's path (HTTP/2 where the server offers it), except
// a streamed upload (a sequential body without a Content-Length), which Qt would buffer whole:
// that goes to the HTTP/1.1 client over TLS with Transfer-Encoding: chunked. Proxied requests
// (http_proxy, https_proxy, no_proxy) and other schemes keep Qt's path.

#include <QHash>
#include <QNetworkAccessManager>

namespace nano::net {

class Http1Pool;

class AccessManager final : public QNetworkAccessManager {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessManager)
public:
    explicit AccessManager(QObject* parent = nullptr);
    ~AccessManager() override;

    Http1Pool* pool() const { return m_pool; }

protected:
    QNetworkReply* createRequest(Operation op, const QNetworkRequest& request,
                                 QIODevice* outgoingData) override;

private:
    bool usesHttp1Client(const QNetworkRequest& request, QIODevice* outgoingData);
    bool isDirect(const QUrl& url);

    Http1Pool* m_pool;
    QHash<QString, bool> m_direct; // scheme|host → no proxy (the environment does not change)
};

} // namespace nano::net
