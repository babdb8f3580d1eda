#include "http_exchange.h"

#include <QMetaObject>

#include <cstring>

#include <sys/socket.h>

namespace nano::testserver {

namespace {

constexpr qint64 kMaxHeadBytes = 1 << 20;    // a larger request head gets a 431
constexpr qint64 kSendBufferBytes = 1 << 18; // produce more body below this much unsent

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 418: return "I'm a teapot";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status " + QByteArray::number(status);
    }
}

// https://www.rfc-editor.org/rfc/rfc9110#name-tokens
bool isTokenByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool hasToken(const QByteArray& value, const char* token)
{
    for (const QByteArray& part : value.split(','))
        if (part.trimmed().compare(token, Qt::CaseInsensitive) == 0) return true;
    return false;
}

} // namespace

QByteArray Request::header(const QByteArray& name) const
{
    QByteArray combined;
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) != 0) continue;
        if (!combined.isEmpty()) combined += ", ";
        combined += value;
    }
    return combined;
}

void Exchange::respond(int status, HeaderPairs headers, const QByteArray& body)
{
    if (!m_connection) return;
    m_connection->writeHead(status, headers, body.size());
    m_connection->writeBody(body);
    m_connection->finishBody();
}

void Exchange::respondJson(int status, const QByteArray& json, HeaderPairs headers)
{
    headers.emplaceBack("Content-Type", "application/json");
    respond(status, std::move(headers), json);
}

void Exchange::stream(int status, HeaderPairs headers, qint64 contentLength,
                      std::function<bool(QByteArray&)> produce)
{
    if (!m_connection) return;
    m_connection->writeHead(status, headers, contentLength);
    m_connection->stream(std::move(produce));
}

void Exchange::begin(int status, HeaderPairs headers, qint64 contentLength)
{
    if (m_connection) m_connection->writeHead(status, headers, contentLength);
}

void Exchange::write(const QByteArray& bytes)
{
    if (m_connection) m_connection->writeBody(bytes);
}

void Exchange::finish()
{
    if (m_connection) m_connection->finishBody();
}

void Exchange::writeRaw(const QByteArray& bytes)
{
    if (m_connection) m_connection->writeRaw(bytes);
}

void Exchange::abort()
{
    if (m_connection) m_connection->abortSocket();
}

void Exchange::close()
{
    if (m_connection) m_connection->closeSocket();
}

Connection::Connection(QTcpSocket* socket, QUrl origin, Handler handler, KeepsBody keepsBody,
                       QObject* parent)
    : QObject(parent)
    , m_socket(socket)
    , m_origin(std::move(origin))
    , m_handler(std::move(handler))
    , m_keepsBody(std::move(keepsBody))
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        m_state = State::Closed;
        deleteLater();
    });
    if (m_socket->bytesAvailable() > 0) onReadyRead();
}

void Connection::onReadyRead()
{
    if (m_state == State::Closed) return;
    m_buffer += m_socket->readAll();
    while (true) {
        if (m_state == State::Head && !parseHead()) return;
        if (m_state == State::Body && !parseBody()) return;
        if (m_state != State::Handling) return;
        dispatch();
        return; // the rest waits until this response is done
    }
}

// Reads the request line and the header section; false until they are complete.
bool Connection::parseHead()
{
    // A request line starts with a method (a token): anything else (a TLS ClientHello sent to
    // this plain server) is answered at once instead of waiting for a head that never comes.
    if (!m_buffer.isEmpty() && !isTokenByte(m_buffer.at(0))) {
        fail(400, "not an HTTP request\n");
        return false;
    }
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_buffer.size() > kMaxHeadBytes) fail(431, "request head too large\n");
        return false;
    }
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);
    m_request = Request();
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3) {
        fail(400, "bad request line\n");
        return false;
    }
    m_request.method = requestLine[0];
    m_request.target = requestLine[1];
    m_request.version = requestLine[2];
    m_request.url = m_origin.resolved(QUrl::fromEncoded(m_request.target));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            fail(400, "bad header line\n");
            return false;
        }
        m_request.headers.emplaceBack(line.left(colon), line.mid(colon + 1).trimmed());
    }
    const QByteArray connection = m_request.header("Connection");
    m_keepAlive = m_request.version == "HTTP/1.1" ? !hasToken(connection, "close")
                                                  : hasToken(connection, "keep-alive");
    m_chunked = hasToken(m_request.header("Transfer-Encoding"), "chunked");
    m_chunkRemaining = kChunkSizeLine;
    bool lengthOk = true;
    const QByteArray length = m_request.header("Content-Length");
    m_bodyRemaining = m_chunked || length.isEmpty() ? 0 : length.toLongLong(&lengthOk);
    if (!lengthOk || m_bodyRemaining < 0) {
        fail(400, "bad Content-Length\n");
        return false;
    }
    if (hasToken(m_request.header("Expect"), "100-continue"))
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_bodyHash.reset();
    if (m_keepsBody && !m_keepsBody(m_request))
        m_bodyHash = std::make_unique<QCryptographicHash>(QCryptographicHash::Sha256);
    m_state = State::Body;
    return true;
}

// Consumes body bytes; false until the body is complete.
bool Connection::parseBody()
{
    auto take = [this](qint64 n) {
        const QByteArray bytes = m_buffer.left(n);
        m_buffer.remove(0, n);
        m_request.bodySize += bytes.size();
        if (m_bodyHash)
            m_bodyHash->addData(bytes);
        else
            m_request.body += bytes;
    };
    if (!m_chunked) {
        const qint64 n = std::min<qint64>(m_bodyRemaining, m_buffer.size());
        take(n);
        m_bodyRemaining -= n;
        if (m_bodyRemaining > 0) return false;
        m_state = State::Handling;
        return true;
    }
    while (true) {
        if (m_chunkRemaining == kChunkSizeLine || m_chunkRemaining == kTrailer) {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) return false;
            const QByteArray line = m_buffer.left(eol);
            m_buffer.remove(0, eol + 2);
            if (m_chunkRemaining == kTrailer) {
                if (!line.isEmpty()) continue; // a trailer field: ignored
                m_state = State::Handling;
                return true;
            }
            bool ok = false;
            m_chunkRemaining = line.split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok || m_chunkRemaining < 0) {
                fail(400, "bad chunk size\n");
                return false;
            }
            if (m_chunkRemaining == 0) m_chunkRemaining = kTrailer;
            continue;
        }
        if (m_chunkRemaining == kChunkDataEnd) {
            if (m_buffer.size() < 2) return false;
            m_buffer.remove(0, 2);
            m_chunkRemaining = kChunkSizeLine;
            continue;
        }
        const qint64 n = std::min<qint64>(m_chunkRemaining, m_buffer.size());
        take(n);
        m_chunkRemaining -= n;
        if (m_chunkRemaining > 0) return false;
        m_chunkRemaining = kChunkDataEnd;
    }
}

void Connection::dispatch()
{
    if (m_bodyHash) m_request.bodySha256 = m_bodyHash->result().toHex();
    m_bodyHash.reset();
    m_handler(std::make_shared<Exchange>(this, m_request));
}

void Connection::writeHead(int status, const HeaderPairs& headers, qint64 contentLength)
{
    if (m_state == State::Closed) return;
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    for (const auto& [name, value] : headers)
        head += name + ": " + value + "\r\n";
    m_chunkedResponse = contentLength < 0;
    if (m_chunkedResponse)
        head += "Transfer-Encoding: chunked\r\n";
    else
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    head += m_keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    m_socket->write(head);
}

void Connection::writeBody(const QByteArray& bytes)
{
    if (m_state == State::Closed || bytes.isEmpty()) return;
    if (m_chunkedResponse) m_socket->write(QByteArray::number(bytes.size(), 16) + "\r\n");
    m_socket->write(bytes);
    if (m_chunkedResponse) m_socket->write("\r\n");
}

void Connection::finishBody()
{
    if (m_state == State::Closed) return;
    if (m_chunkedResponse) m_socket->write("0\r\n\r\n");
    m_produce = nullptr;
    responseDone();
}

void Connection::stream(std::function<bool(QByteArray&)> produce)
{
    m_produce = std::move(produce);
    onBytesWritten();
}

void Connection::onBytesWritten()
{
    // A socket the client has closed takes no more bytes (bytesToWrite stays 0): an endless
    // body would loop here forever before the disconnected signal is delivered.
    while (m_produce && m_state != State::Closed &&
           m_socket->state() == QAbstractSocket::ConnectedState &&
           m_socket->bytesToWrite() < kSendBufferBytes) {
        QByteArray chunk;
        const bool more = m_produce(chunk);
        writeBody(chunk);
        if (!more) {
            finishBody();
            return;
        }
    }
}

void Connection::responseDone()
{
    if (!m_keepAlive) {
        m_socket->disconnectFromHost();
        return;
    }
    m_state = State::Head;
    if (!m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
}

void Connection::fail(int status, const QByteArray& why)
{
    m_keepAlive = false;
    writeHead(status, {{"Content-Type", "text/plain"}}, why.size());
    writeBody(why);
    m_state = State::Closed;
    m_socket->disconnectFromHost();
}

void Connection::writeRaw(const QByteArray& bytes)
{
    if (m_state == State::Closed) return;
    m_keepAlive = false;
    m_socket->write(bytes);
}

void Connection::abortSocket()
{
    m_state = State::Closed;
    m_produce = nullptr;
    // Linger 0: close() sends an RST, so the peer sees "connection reset", not an end of data.
    const struct linger reset = {1, 0};
    ::setsockopt(static_cast<int>(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset,
                 sizeof reset);
    m_socket->abort();
    deleteLater();
}

void Connection::closeSocket()
{
    m_state = State::Closed;
    m_produce = nullptr;
    m_socket->disconnectFromHost();
}

} // namespace nano::testserver
