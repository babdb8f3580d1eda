#pragma once
// `nanojs serve-test --proxy`: a small forwarding HTTP proxy on 127.0.0.1 for the proxy tests
// (http_proxy / https_proxy / no_proxy). An absolute-form request (`GET http://host:port/path`)
// is forwarded to its origin with `Connection: close` (one request per connection, so no
// request is ever forwarded to the wrong origin); `CONNECT host:port` opens a tunnel (https).
// It records each request's method and target; `GET /__proxy/log` (to the proxy itself, by
// origin or absolute form) answers them as a JSON array of "METHOD TARGET" strings.
// Host names under .test (RFC 6761's names for testing) are forwarded to 127.0.0.1: Qt never
// sends a request for a loopback host through a proxy (as browsers), so the tests reach the
// local servers through the proxy by such names (http://origin.test:PORT/).

#include <QObject>
#include <QStringList>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace nano::testserver {

class ProxyServer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyServer)
public:
    explicit ProxyServer(QObject* parent = nullptr);
    ~ProxyServer() override;

    bool start(quint16 port, QString* error);
    QUrl url() const { return m_url; } // http://127.0.0.1:PORT
    const QStringList& log() const { return m_log; }

private:
    void accept();
    void onHead(QTcpSocket* client);
    void answerLog(QTcpSocket* client);
    void forward(QTcpSocket* client, const QByteArray& host, quint16 port, QByteArray firstBytes,
                 bool tunnel);

    QTcpServer* m_server = nullptr;
    QUrl m_url;
    QStringList m_log;
};

} // namespace nano::testserver
