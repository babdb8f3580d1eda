#include "net/http1_pool.h"

#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>

namespace nano::net {

Http1Pool::Http1Pool(QObject* parent)
    : QObject(parent)
{}

Http1Pool::~Http1Pool()
{
    for (auto it = m_hostOf.begin(); it != m_hostOf.end(); ++it) {
        it.key()->disconnect(this);
        it.key()->abort();
        delete it.key();
    }
}

QAbstractSocket* Http1Pool::newSocket(Host& host)
{
    QAbstractSocket* socket = nullptr;
    if (host.key.scheme == QLatin1String("https")) {
        auto* ssl = new QSslSocket(this);
        // ALPN: this client speaks HTTP/1.1 only.
        QSslConfiguration config = ssl->sslConfiguration();
        config.setAllowedNextProtocols({QSslConfiguration::NextProtocolHttp1_1});
        ssl->setSslConfiguration(config);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
    }
    socket->setProxy(QNetworkProxy::NoProxy); // the manager decided: no proxy for this host
    ++host.open;
    m_hostOf.insert(socket, host.key.toString());
    return socket;
}

void Http1Pool::acquire(const ConnectionKey& key, QObject* owner, Grant grant)
{
    const QString id = key.toString();
    Host& host = m_hosts[id];
    host.key = key;
    while (!host.idle.empty()) {
        QAbstractSocket* socket = host.idle.back();
        host.idle.pop_back();
        socket->disconnect(this);
        // An idle connection with bytes waiting, or closed, cannot carry a new request.
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0) {
            grant(socket, false);
            return;
        }
        closeSocket(socket);
    }
    if (host.open < kMaxPerHost) {
        grant(newSocket(host), true);
        return;
    }
    host.waiting.push_back({owner, std::move(grant)});
}

void Http1Pool::cancel(QObject* owner)
{
    for (Host& host : m_hosts) {
        auto& waiting = host.waiting;
        waiting.erase(std::remove_if(waiting.begin(), waiting.end(),
                                     [owner](const Waiter& w) { return w.owner == owner; }),
                      waiting.end());
    }
}

void Http1Pool::closeSocket(QAbstractSocket* socket)
{
    const auto it = m_hostOf.find(socket);
    if (it == m_hostOf.end()) return;
    const QString id = it.value();
    m_hostOf.erase(it);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater(); // it may be emitting a signal right now
    Host& host = m_hosts[id];
    --host.open;
    host.idle.erase(std::remove(host.idle.begin(), host.idle.end(), socket), host.idle.end());
}

void Http1Pool::release(QAbstractSocket* socket, bool reusable)
{
    const auto it = m_hostOf.find(socket);
    if (it == m_hostOf.end()) return;
    Host& host = m_hosts[it.value()];
    if (reusable && socket->state() == QAbstractSocket::ConnectedState) {
        host.idle.push_back(socket);
        // The server closing an idle connection (its keep-alive timeout) retires it.
        connect(socket, &QAbstractSocket::disconnected, this,
                [this, socket] { closeSocket(socket); });
        connect(socket, &QAbstractSocket::readyRead, this, [this, socket] { closeSocket(socket); });
    } else {
        closeSocket(socket);
    }
    serveWaiting(host);
}

QAbstractSocket* Http1Pool::replace(QAbstractSocket* stale)
{
    const auto it = m_hostOf.find(stale);
    if (it == m_hostOf.end()) return nullptr;
    const QString id = it.value();
    closeSocket(stale);
    return newSocket(m_hosts[id]);
}

void Http1Pool::serveWaiting(Host& host)
{
    while (!host.waiting.empty()) {
        Waiter waiter = std::move(host.waiting.front());
        host.waiting.pop_front();
        if (!waiter.owner) continue;
        if (!host.idle.empty()) {
            QAbstractSocket* socket = host.idle.back();
            host.idle.pop_back();
            socket->disconnect(this);
            waiter.grant(socket, false);
        } else if (host.open < kMaxPerHost) {
            waiter.grant(newSocket(host), true);
        } else {
            host.waiting.push_front(std::move(waiter));
        }
        return;
    }
}

int Http1Pool::openConnections(const ConnectionKey& key) const
{
    return m_hosts.value(key.toString()).open;
}

int Http1Pool::idleConnections(const ConnectionKey& key) const
{
    return int(m_hosts.value(key.toString()).idle.size());
}

} // namespace nano::net
