#pragma once
// One HTTP/1.1 connection of the test server: parses requests (Content-Length and chunked
// bodies, keep-alive, pipelining one at a time) and writes responses, whole or streamed with
// backpressure (more body is produced only once the socket's send buffer has drained).

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>

namespace nano::testserver {

using HeaderPairs = QList<QPair<QByteArray, QByteArray>>;

struct Request {
    QByteArray method;
    QByteArray target; // as sent: path and query
    QUrl url;          // target resolved against the server's origin
    QByteArray version;
    HeaderPairs headers;
    QByteArray body;       // when kept (see Connection::KeepsBody)
    QByteArray bodySha256; // hex, when the body was not kept
    qint64 bodySize = 0;
    QByteArray header(const QByteArray& name) const; // combined, case-insensitive
    QString path() const { return url.path(); }
};

class Connection;

// What a route uses to answer one request.
class Exchange {
public:
    Exchange(Connection* connection, Request request)
        : m_connection(connection)
        , m_request(std::move(request))
    {}
    const Request& request() const { return m_request; }
    bool isOpen() const { return !m_connection.isNull(); }

    void respond(int status, HeaderPairs headers, const QByteArray& body);
    void respondJson(int status, const QByteArray& json, HeaderPairs headers = {});
    // A streamed body: `contentLength` or -1 for chunked transfer coding. `produce` is called
    // whenever the socket can take more and appends to its argument; it returns false when
    // the body is complete.
    void stream(int status, HeaderPairs headers, qint64 contentLength,
                std::function<bool(QByteArray&)> produce);
    // Starts a body to be written piece by piece (write(), finish()).
    void begin(int status, HeaderPairs headers, qint64 contentLength);
    void write(const QByteArray& bytes);
    void finish();
    // Writes bytes as they are, outside any response framing (the fault routes: a head or
    // body that is wrong on purpose). The connection is no longer kept alive.
    void writeRaw(const QByteArray& bytes);
    // Resets the connection (RST) without finishing the response.
    void abort();
    // Closes the connection without a response.
    void close();

private:
    QPointer<Connection> m_connection;
    Request m_request;
};

class Connection : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(std::shared_ptr<Exchange>)>;
    // Decides, once a request's head is read, whether its body is kept in Request::body or
    // only counted and hashed as it arrives (large uploads).
    using KeepsBody = std::function<bool(const Request&)>;

    Connection(QTcpSocket* socket, QUrl origin, Handler handler, KeepsBody keepsBody,
               QObject* parent = nullptr);
    void writeHead(int status, const HeaderPairs& headers, qint64 contentLength);
    void writeBody(const QByteArray& bytes);
    void finishBody();
    void stream(std::function<bool(QByteArray&)> produce);
    void writeRaw(const QByteArray& bytes);
    void abortSocket();
    void closeSocket();

private:
    void onReadyRead();
    void onBytesWritten();
    bool parseHead();
    bool parseBody();
    void dispatch();
    void responseDone();
    void fail(int status, const QByteArray& why);

    enum class State { Head, Body, Handling, Closed };
    QTcpSocket* m_socket;
    QUrl m_origin;
    Handler m_handler;
    KeepsBody m_keepsBody;
    State m_state = State::Head;
    QByteArray m_buffer;
    Request m_request;
    std::unique_ptr<QCryptographicHash> m_bodyHash; // while a body is hashed, not kept
    qint64 m_bodyRemaining = 0;                     // Content-Length left
    bool m_chunked = false;
    // Chunked request bodies: bytes left in the current chunk, or one of these states.
    static constexpr qint64 kChunkSizeLine = -1, kChunkDataEnd = -2, kTrailer = -3;
    qint64 m_chunkRemaining = kChunkSizeLine;
    bool m_keepAlive = true;
    bool m_chunkedResponse = false;
    std::function<bool(QByteArray&)> m_produce;
};

} // namespace nano::testserver
