#include "net/http1_reply.h"

#include "net/content_decoder.h"

#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>

namespace nano::net {

namespace {

QByteArray verbOf(QNetworkAccessManager::Operation op, const QNetworkRequest& request)
{
    switch (op) {
    case QNetworkAccessManager::HeadOperation: return "HEAD";
    case QNetworkAccessManager::GetOperation: return "GET";
    case QNetworkAccessManager::PutOperation: return "PUT";
    case QNetworkAccessManager::PostOperation: return "POST";
    case QNetworkAccessManager::DeleteOperation: return "DELETE";
    default: return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    }
}

QString hostPort(const QUrl& url)
{
    return QStringLiteral("%1:%2")
        .arg(url.host())
        .arg(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

// Bytes of body read from the upload device per write.
constexpr qint64 kUploadChunk = 64 * 1024;
// Encoded body bytes framed ahead of the decoder.
constexpr qsizetype kEncodedAhead = 64 * 1024;

} // namespace

Http1Reply::Http1Reply(Http1Pool* pool, QNetworkAccessManager::Operation op,
                       const QNetworkRequest& request, QIODevice* outgoingData, QObject* parent)
    : QNetworkReply(parent)
    , m_pool(pool)
    , m_verb(verbOf(op, request))
    , m_upload(outgoingData)
    , m_response(m_verb == "HEAD")
{
    setRequest(request);
    setUrl(request.url());
    setOperation(op);
    QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    const QUrl url = request.url();
    const QString scheme = url.scheme().toLower();
    m_key = {scheme, url.host(), quint16(url.port(scheme == QLatin1String("https") ? 443 : 80))};

    if (m_upload) {
        bool ok = false;
        const qint64 declared = request.rawHeader("Content-Length").toLongLong(&ok);
        if (ok && declared >= 0)
            m_uploadLength = declared;
        else if (!m_upload->isSequential())
            m_uploadLength = m_upload->size();
        connect(m_upload, &QIODevice::readyRead, this, &Http1Reply::writeBody);
        connect(m_upload, &QIODevice::readChannelFinished, this, &Http1Reply::writeBody);
    } else {
        m_uploadDone = true;
    }
    // Started from the event loop: the caller connects to the signals first.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (isFinished() || !m_pool) return;
            m_pool->acquire(m_key, this, [this](QAbstractSocket* socket, bool fresh) {
                onGranted(socket, fresh);
            });
        },
        Qt::QueuedConnection);
}

Http1Reply::~Http1Reply()
{
    if (m_pool) m_pool->cancel(this);
    releaseConnection(false);
}

void Http1Reply::onGranted(QAbstractSocket* socket, bool fresh)
{
    m_socket = socket;
    m_reused = !fresh;
    socket->setReadBufferSize(kSocketReadBuffer);
    connect(socket, &QAbstractSocket::readyRead, this, &Http1Reply::onSocketReadable);
    connect(socket, &QAbstractSocket::bytesWritten, this, &Http1Reply::writeBody);
    connect(socket, &QAbstractSocket::errorOccurred, this, &Http1Reply::onSocketError);
    connect(socket, &QAbstractSocket::disconnected, this, &Http1Reply::onSocketClosed);
    if (fresh)
        connectSocket(true);
    else
        sendRequest();
}

void Http1Reply::connectSocket(bool fresh)
{
    Q_UNUSED(fresh)
    emit socketStartedConnecting();
    // Requests are written whole: no Nagle delay on them (as Qt's and node's HTTP clients do).
    connect(m_socket, &QAbstractSocket::connected, this,
            [this] { m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
    if (auto* ssl = qobject_cast<QSslSocket*>(m_socket.data())) {
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            emit encrypted();
            sendRequest();
        });
        connect(ssl, &QSslSocket::sslErrors, this,
                [this](const QList<QSslError>& errors) { emit sslErrors(errors); });
        ssl->connectToHostEncrypted(m_key.host, m_key.port);
    } else {
        connect(m_socket, &QAbstractSocket::connected, this, &Http1Reply::sendRequest);
        m_socket->connectToHost(m_key.host, m_key.port);
    }
}

// https://www.rfc-editor.org/rfc/rfc9112#section-3
void Http1Reply::sendRequest()
{
    if (!m_socket) return;
    const QNetworkRequest req = request();
    const QUrl target = url();
    QByteArray path =
        target.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (path.isEmpty()) path = "/";
    QByteArray head;
    head.reserve(512);
    head += m_verb + ' ' + path + " HTTP/1.1\r\n";
    const QList<QByteArray> names = req.rawHeaderList();
    auto has = [&names](const char* name) {
        return std::any_of(names.begin(), names.end(), [name](const QByteArray& n) {
            return n.compare(name, Qt::CaseInsensitive) == 0;
        });
    };
    if (!has("Host")) {
        const QString host = target.host(QUrl::FullyEncoded);
        head += "Host: ";
        head += host.contains(QLatin1Char(':')) ? '[' + host.toLatin1() + ']' : host.toLatin1();
        const int defaultPort = m_key.scheme == QLatin1String("https") ? 443 : 80;
        if (target.port(defaultPort) != defaultPort)
            head += ':' + QByteArray::number(target.port());
        head += "\r\n";
    }
    for (const QByteArray& name : names) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0 && m_upload) continue;
        head += name + ": " + req.rawHeader(name) + "\r\n";
    }
    if (!has("Accept-Encoding"))
        head += "Accept-Encoding: " + ContentDecoder::acceptEncoding() + "\r\n";
    if (req.attribute(QNetworkRequest::CookieLoadControlAttribute).toInt() ==
            QNetworkRequest::Automatic &&
        !has("Cookie")) {
        if (QNetworkAccessManager* nam = manager(); nam && nam->cookieJar()) {
            QByteArray cookies;
            for (const QNetworkCookie& cookie : nam->cookieJar()->cookiesForUrl(target))
                cookies += (cookies.isEmpty() ? "" : "; ") +
                           cookie.toRawForm(QNetworkCookie::NameAndValueOnly);
            if (!cookies.isEmpty()) head += "Cookie: " + cookies + "\r\n";
        }
    }
    if (m_upload) {
        if (m_uploadLength >= 0)
            head += "Content-Length: " + QByteArray::number(m_uploadLength) + "\r\n";
        else
            head += "Transfer-Encoding: chunked\r\n";
    }
    head += "\r\n";
    m_socket->write(head);
    if (m_upload) {
        writeBody(); // flushes and says requestSent once the body is out
    } else {
        m_socket->flush();
        emit requestSent();
    }
}

void Http1Reply::writeBody()
{
    if (!m_socket || m_uploadDone || !m_upload || isFinished()) return;
    if (m_socket->state() != QAbstractSocket::ConnectedState) return;
    if (auto* ssl = qobject_cast<QSslSocket*>(m_socket.data()); ssl && !ssl->isEncrypted()) return;
    // flush() may emit bytesWritten, which calls this again; and inside a bytesWritten slot Qt
    // emits no further bytesWritten, so the loop itself goes on while the socket takes more.
    if (m_inWriteBody) return;
    m_inWriteBody = true;
    bool wrote = false;
    for (;;) {
        if (m_socket->bytesToWrite() >= kWriteAhead) {
            m_socket->flush();
            if (!m_socket || m_socket->bytesToWrite() >= kWriteAhead) break; // the kernel is full
        }
        qint64 want = kUploadChunk;
        if (m_uploadLength >= 0) want = std::min(want, m_uploadLength - m_uploadSent);
        QByteArray chunk;
        if (want > 0) {
            chunk.resize(want);
            const qint64 n = m_upload->read(chunk.data(), want);
            chunk.resize(std::max<qint64>(n, 0));
            if (n < 0 && m_uploadLength >= 0) {
                m_inWriteBody = false;
                finishWithError(UnknownContentError,
                                QStringLiteral("the request body ended before its length"));
                return;
            }
        }
        if (!chunk.isEmpty()) {
            if (m_uploadLength < 0) m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n");
            m_socket->write(chunk);
            if (m_uploadLength < 0) m_socket->write("\r\n");
            m_uploadSent += chunk.size();
            wrote = true;
            continue;
        }
        const bool ended = m_uploadLength >= 0 ? m_uploadSent == m_uploadLength : m_upload->atEnd();
        if (!ended) break; // the device has nothing now: its readyRead resumes
        if (m_uploadLength < 0) m_socket->write("0\r\n\r\n");
        m_uploadDone = true;
        break;
    }
    m_inWriteBody = false;
    if (!m_socket) return;
    if (wrote || m_uploadDone) m_socket->flush();
    if (wrote) emit uploadProgress(m_uploadSent, m_uploadLength);
    if (m_uploadDone) emit requestSent();
}

void Http1Reply::setReadBufferSize(qint64 size)
{
    QNetworkReply::setReadBufferSize(size);
    m_readLimit = size;
    schedulePump();
}

qint64 Http1Reply::bytesAvailable() const
{
    return m_bodyHeld + QIODevice::bytesAvailable();
}

qint64 Http1Reply::readData(char* data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize && !m_body.empty()) {
        const QByteArray& chunk = m_body.front();
        const qint64 n = std::min<qint64>(maxSize - copied, chunk.size() - m_bodyOffset);
        memcpy(data + copied, chunk.constData() + m_bodyOffset, size_t(n));
        copied += n;
        m_bodyOffset += n;
        if (m_bodyOffset == chunk.size()) {
            m_body.pop_front();
            m_bodyOffset = 0;
        }
    }
    m_bodyHeld -= copied;
    if (copied > 0 && !isFinished() && m_socket) schedulePump();
    if (copied == 0 && isFinished()) return -1;
    return copied;
}

void Http1Reply::schedulePump()
{
    if (m_pumpScheduled || isFinished() || !m_socket) return;
    m_pumpScheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_pumpScheduled = false;
            pump();
        },
        Qt::QueuedConnection);
}

void Http1Reply::onSocketReadable()
{
    m_receivedAny = true;
    pump();
}

void Http1Reply::pump()
{
    if (m_inPump || isFinished() || !m_socket) return;
    m_inPump = true;
    const qint64 heldBefore = m_bodyHeld;
    bool failed = false;
    for (;;) {
        if (!m_headDone) {
            const auto result = m_response.parseHead(m_in, &m_inPos);
            if (result == Http1Response::Result::Error) {
                failed = true;
                break;
            }
            if (result == Http1Response::Result::Done) {
                headReceived();
                if (isFinished() || !m_socket) break;
                continue;
            }
        } else if (!m_response.bodyComplete() || (m_decoder && m_encodedPos < m_encoded.size())) {
            const qint64 room =
                m_readLimit > 0 ? m_readLimit - m_bodyHeld : std::numeric_limits<qint64>::max();
            if (room <= 0) break;
            QByteArray chunk;
            if (m_decoder) {
                if (m_encoded.size() - m_encodedPos < kEncodedAhead && !m_response.bodyComplete()) {
                    QByteArray framed;
                    if (m_response.parseBody(m_in, &m_inPos, &framed, kEncodedAhead) ==
                        Http1Response::Result::Error) {
                        failed = true;
                        break;
                    }
                    if (m_encodedPos == m_encoded.size()) {
                        m_encoded = std::move(framed);
                        m_encodedPos = 0;
                    } else {
                        m_encoded += framed;
                    }
                }
                const qsizetype encodedBefore = m_encodedPos;
                if (!m_decoder->decode(m_encoded, &m_encodedPos, &chunk,
                                       qsizetype(std::min<qint64>(room, 1 << 30)))) {
                    finishWithError(ProtocolFailure,
                                    QStringLiteral("the body from %1 could not be decoded")
                                        .arg(hostPort(url())),
                                    QStringLiteral("ERR_CONTENT_DECODING"));
                    break;
                }
                m_encodedTotal += m_encodedPos - encodedBefore;
                m_decodedTotal += chunk.size();
                if (isDecompressionBomb()) {
                    finishWithError(
                        ProtocolFailure,
                        QStringLiteral("the body from %1 inflates more than %2:1 past %3 MiB "
                                       "(a decompression bomb)")
                            .arg(hostPort(url()))
                            .arg(kBombRatio)
                            .arg(kBombThreshold >> 20),
                        QStringLiteral("ERR_CONTENT_DECODING"));
                    break;
                }
            } else if (m_response.parseBody(m_in, &m_inPos, &chunk,
                                            qsizetype(std::min<qint64>(room, 1 << 30))) ==
                       Http1Response::Result::Error) {
                failed = true;
                break;
            }
            if (!chunk.isEmpty()) {
                m_bodyHeld += chunk.size();
                m_body.push_back(std::move(chunk));
                continue;
            }
        }
        // Trailing bytes after the end of a compressed stream are dropped.
        if (m_decoder && m_decoder->isFinished()) m_encodedPos = m_encoded.size();
        if (m_headDone && m_response.bodyComplete() &&
            (!m_decoder || m_encodedPos == m_encoded.size())) {
            if (m_bodyHeld > heldBefore) emit readyRead();
            m_inPump = false;
            bodyComplete();
            return;
        }
        // What was read is parsed as far as it goes: take more from the socket.
        if (m_inPos == m_in.size()) {
            m_in.clear();
            m_inPos = 0;
        }
        if (m_socket->bytesAvailable() == 0) break;
        if (m_in.isEmpty()) {
            m_in = m_socket->readAll();
        } else {
            if (m_inPos > 0) {
                m_in.remove(0, m_inPos);
                m_inPos = 0;
            }
            m_in += m_socket->readAll();
        }
    }
    m_inPump = false;
    if (failed) {
        if (m_response.headerTooLarge())
            finishWithError(ProtocolFailure,
                            QStringLiteral("the response head from %1 is too large (a header "
                                           "line of about 100 KiB or more, or %2 MiB in all)")
                                .arg(hostPort(url()))
                                .arg(Http1Response::kMaxHeadSize >> 20),
                            QStringLiteral("ERR_HTTP_HEADERS_TOO_LARGE"));
        else
            finishWithError(ProtocolFailure, QString::fromLatin1(m_response.error()));
        return;
    }
    if (m_bodyHeld > heldBefore) emit readyRead();
}

void Http1Reply::headReceived()
{
    m_headDone = true;
    const ResponseHead& head = m_response.head();
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, head.status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, head.statusText);
    setAttribute(QNetworkRequest::Http2WasUsedAttribute, false);
    QByteArray contentEncoding;
    for (const auto& [name, value] : head.headers) {
        // Repeated headers are combined as QNetworkAccessManager does (Set-Cookie with
        // newlines), so HttpTransfer sees the same either way.
        QByteArray combined = rawHeader(name);
        if (!combined.isEmpty())
            combined += name.compare("set-cookie", Qt::CaseInsensitive) == 0 ? "\n" : ", ";
        combined += value;
        setRawHeader(name, combined);
        if (name.compare("content-encoding", Qt::CaseInsensitive) == 0) contentEncoding = value;
    }
    if (request().attribute(QNetworkRequest::CookieSaveControlAttribute).toInt() ==
        QNetworkRequest::Automatic) {
        if (QNetworkAccessManager* nam = manager(); nam && nam->cookieJar())
            for (const auto& [name, value] : head.headers)
                if (name.compare("set-cookie", Qt::CaseInsensitive) == 0)
                    nam->cookieJar()->setCookiesFromUrl(QNetworkCookie::parseCookies(value), url());
    }
    m_decoder = ContentDecoder::create(contentEncoding);
    emit metaDataChanged();
}

void Http1Reply::bodyComplete()
{
    if (isFinished()) return;
    // A response that came before the whole upload was sent ends the connection's use.
    releaseConnection(m_response.keepAlive() && m_uploadDone && m_inPos == m_in.size());
    setFinished(true);
    emit readChannelFinished();
    emit finished();
}

bool Http1Reply::canRetry() const
{
    // A kept-alive connection the server had closed: nothing of the response came, and the
    // request can be sent again (no upload, or one that can be read again from the start).
    return m_reused && !m_retried && !m_receivedAny && !m_headDone &&
           (!m_upload || (!m_upload->isSequential() && m_upload->seek(0)));
}

void Http1Reply::onSocketError()
{
    if (isFinished() || !m_socket) return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onSocketClosed();
        return;
    }
    NetworkError code = UnknownNetworkError;
    QString message = m_socket->errorString();
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError: code = ConnectionRefusedError; break;
    case QAbstractSocket::HostNotFoundError: code = HostNotFoundError; break;
    case QAbstractSocket::SocketTimeoutError: code = TimeoutError; break;
    case QAbstractSocket::SslHandshakeFailedError: code = SslHandshakeFailedError; break;
    default:
        if (canRetry()) {
            onSocketClosed();
            return;
        }
        break;
    }
    finishWithError(code, message);
}

void Http1Reply::onSocketClosed()
{
    if (isFinished() || !m_socket) return;
    if (canRetry()) {
        m_retried = true;
        m_socket->disconnect(this);
        QAbstractSocket* fresh = m_pool ? m_pool->replace(m_socket) : nullptr;
        m_socket = nullptr;
        if (fresh) onGranted(fresh, true);
        return;
    }
    // Take what is still buffered in the socket before judging the body.
    if (m_socket->bytesAvailable() > 0) {
        m_receivedAny = true;
        m_readLimit = 0; // the connection is gone: nothing to hold back any more
        pump();
        if (isFinished()) return;
    }
    if (m_headDone && m_response.closeEndsBody() && m_inPos == m_in.size()) {
        m_readLimit = 0;
        pump(); // decode the rest
        if (isFinished()) return;
        releaseConnection(false);
        setFinished(true);
        emit readChannelFinished();
        emit finished();
        return;
    }
    finishWithError(RemoteHostClosedError,
                    QStringLiteral("%1 closed the connection").arg(hostPort(url())));
}

bool Http1Reply::isDecompressionBomb() const
{
    return m_decodedTotal > kBombThreshold && m_decodedTotal > m_encodedTotal * kBombRatio;
}

void Http1Reply::finishWithError(NetworkError error, const QString& message, const QString& code)
{
    if (isFinished()) return;
    releaseConnection(false);
    if (!code.isEmpty()) setAttribute(kFailureCodeAttribute, code);
    setError(error, message);
    setFinished(true);
    emit errorOccurred(error);
    emit finished();
}

void Http1Reply::releaseConnection(bool reusable)
{
    if (!m_socket) return;
    QAbstractSocket* socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    if (m_pool) m_pool->release(socket, reusable);
}

void Http1Reply::abort()
{
    if (isFinished()) return;
    if (m_pool) m_pool->cancel(this);
    finishWithError(OperationCanceledError, QStringLiteral("Operation canceled"));
}

} // namespace nano::net
