#include "proxy_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

namespace nano::testserver {

namespace {

constexpr qint64 kMaxHeadBytes = 1 << 20;

// Both ways until either side closes; then the other is closed once its data is written.
void pipe(QTcpSocket* a, QTcpSocket* b)
{
    QObject::connect(a, &QTcpSocket::readyRead, b, [a, b] { b->write(a->readAll()); });
    QObject::connect(b, &QTcpSocket::readyRead, a, [a, b] { a->write(b->readAll()); });
    auto closeBoth = [a, b] {
        a->disconnectFromHost();
        b->disconnectFromHost();
    };
    QObject::connect(a, &QTcpSocket::disconnected, b, closeBoth);
    QObject::connect(b, &QTcpSocket::disconnected, a, closeBoth);
    QObject::connect(a, &QTcpSocket::disconnected, a, &QObject::deleteLater);
    QObject::connect(b, &QTcpSocket::disconnected, b, &QObject::deleteLater);
}

void answer(QTcpSocket* client, const QByteArray& status, const QByteArray& body)
{
    client->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    client->disconnectFromHost();
}

} // namespace

ProxyServer::ProxyServer(QObject* parent)
    : QObject(parent)
{}

ProxyServer::~ProxyServer() = default;

bool ProxyServer::start(quint16 port, QString* error)
{
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &ProxyServer::accept);
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2")
                     .arg(port)
                     .arg(m_server->errorString());
        return false;
    }
    m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort()));
    return true;
}

void ProxyServer::accept()
{
    while (QTcpSocket* client = m_server->nextPendingConnection()) {
        client->setParent(this);
        connect(client, &QTcpSocket::readyRead, this, [this, client] { onHead(client); });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
}

// Waits for the whole head of the connection's one request, then answers or forwards it.
void ProxyServer::onHead(QTcpSocket* client)
{
    QByteArray buffered = client->property("head").toByteArray() + client->readAll();
    const qsizetype end = buffered.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buffered.size() > kMaxHeadBytes) return answer(client, "431 Too Large", "[]");
        client->setProperty("head", buffered);
        return;
    }
    client->disconnect(this); // the head is complete: from here on the connection is piped
    const qsizetype lineEnd = buffered.indexOf("\r\n");
    const QList<QByteArray> line = buffered.left(lineEnd).split(' ');
    if (line.size() != 3) return answer(client, "400 Bad Request", "[]");
    const QByteArray method = line[0], target = line[1];
    if (target == "/__proxy/log") return answerLog(client);
    m_log << QString::fromLatin1(method + ' ' + target);
    if (method == "CONNECT") {
        const qsizetype colon = target.lastIndexOf(':');
        const quint16 port = colon > 0 ? target.mid(colon + 1).toUShort() : 0;
        if (!port) return answer(client, "400 Bad Request", "[]");
        return forward(client, target.left(colon), port, buffered.mid(end + 4), true);
    }
    const QUrl url = QUrl::fromEncoded(target);
    if (!url.isValid() || url.scheme() != QLatin1String("http"))
        return answer(client, "400 Bad Request", "[]");
    if (url.port(80) == m_url.port() && url.host() == m_url.host() &&
        url.path() == QLatin1String("/__proxy/log")) {
        m_log.removeLast();
        return answerLog(client);
    }
    // Origin-form, and Connection: close in place of whatever the client asked for.
    QByteArray head = method + ' ' + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) +
                      ' ' + line[2] + "\r\n";
    for (const QByteArray& field : buffered.mid(lineEnd + 2, end - lineEnd - 2).split('\n')) {
        const QByteArray name = field.left(field.indexOf(':')).trimmed().toLower();
        if (name == "connection" || name == "proxy-connection" || name == "keep-alive") continue;
        head += field.trimmed() + "\r\n";
    }
    head += "Connection: close\r\n\r\n";
    forward(client, url.host().toLatin1(), static_cast<quint16>(url.port(80)),
            head + buffered.mid(end + 4), false);
}

void ProxyServer::answerLog(QTcpSocket* client)
{
    answer(client, "200 OK", QJsonDocument(QJsonArray::fromStringList(m_log)).toJson());
}

void ProxyServer::forward(QTcpSocket* client, const QByteArray& host, quint16 port,
                          QByteArray firstBytes, bool tunnel)
{
    auto* upstream = new QTcpSocket(this);
    connect(upstream, &QTcpSocket::connected, client, [client, upstream, firstBytes, tunnel] {
        upstream->setProperty("wasConnected", true);
        if (tunnel) client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        if (!firstBytes.isEmpty()) upstream->write(firstBytes);
        pipe(client, upstream);
        if (client->bytesAvailable()) upstream->write(client->readAll());
    });
    connect(upstream, &QTcpSocket::errorOccurred, client, [client, upstream] {
        if (upstream->property("wasConnected").toBool()) return; // pipe() closes both
        answer(client, "502 Bad Gateway", "[]");
        upstream->deleteLater();
    });
    const QString name = QString::fromLatin1(host);
    upstream->connectToHost(name.endsWith(QLatin1String(".test")) ? QStringLiteral("127.0.0.1")
                                                                   : name,
                            port);
}

} // namespace nano::testserver
