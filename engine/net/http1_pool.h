#pragma once
// The connections of the same-thread HTTP/1.1 client: at most kMaxPerHost open per
// scheme/host/port (as QNetworkAccessManager), idle ones kept alive for reuse, requests beyond
// the limit queued in order. Sockets live on the engine thread with their pool; a request owns
// its connection while it runs and gives it back (reusable or not) when it ends.

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <deque>
#include <functional>
#include <vector>

class QAbstractSocket;

namespace nano::net {

struct ConnectionKey {
    QString scheme; // "http" or "https"
    QString host;
    quint16 port = 0;
    QString toString() const
    {
        return scheme + QLatin1Char('|') + host + QLatin1Char(':') + QString::number(port);
    }
};

class Http1Pool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Http1Pool)
public:
    static constexpr int kMaxPerHost = 6;

    // Called with the connection: `fresh` is a new, not yet connected socket (the caller
    // connects it), otherwise a kept-alive one.
    using Grant = std::function<void(QAbstractSocket* socket, bool fresh)>;

    explicit Http1Pool(QObject* parent = nullptr);
    ~Http1Pool() override;

    // Grants a connection now or when one is free; `owner` identifies the request (cancel()).
    void acquire(const ConnectionKey& key, QObject* owner, Grant grant);
    // The request no longer waits (aborted or destroyed before its turn).
    void cancel(QObject* owner);
    // The request is done with `socket`: kept for reuse if `reusable`, else closed. The next
    // waiting request of that host gets a connection.
    void release(QAbstractSocket* socket, bool reusable);
    // A fresh connection in place of a kept-alive one that turned out closed (the request is
    // retried on it).
    QAbstractSocket* replace(QAbstractSocket* stale);

    int openConnections(const ConnectionKey& key) const;
    int idleConnections(const ConnectionKey& key) const;

private:
    struct Waiter {
        QPointer<QObject> owner;
        Grant grant;
    };
    struct Host {
        ConnectionKey key;
        int open = 0;
        std::vector<QAbstractSocket*> idle;
        std::deque<Waiter> waiting;
    };

    QAbstractSocket* newSocket(Host& host);
    void closeSocket(QAbstractSocket* socket);
    void serveWaiting(Host& host);

    QHash<QString, Host> m_hosts;
    QHash<QAbstractSocket*, QString> m_hostOf;
};

} // namespace nano::net
