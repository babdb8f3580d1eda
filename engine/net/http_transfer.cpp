#include "net/http_transfer.h"

#include "net/http1_reply.h"

#include <QNetworkReply>

#include <chrono>

namespace nano::net {

namespace {
double nowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
} // namespace

HttpTransfer::HttpTransfer(QNetworkReply* reply, qint64 readBufferBytes, QObject* parent)
    : QObject(parent)
    , m_reply(reply)
{
    m_timing.queued = nowMs();
    reply->setReadBufferSize(readBufferBytes);
    connect(reply, &QNetworkReply::socketStartedConnecting, this,
            [this] { m_timing.connectStart = nowMs(); });
    connect(reply, &QNetworkReply::encrypted, this, [this] { m_timing.tlsDone = nowMs(); });
    connect(reply, &QNetworkReply::requestSent, this, [this] { m_timing.requestSent = nowMs(); });
    connect(reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError>& errors) { m_sslErrors = errors; });
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpTransfer::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, [this] {
        if (!m_head) onMetaData();
        emit readable();
    });
    connect(reply, &QNetworkReply::uploadProgress, this, &HttpTransfer::uploadProgress);
    connect(reply, &QNetworkReply::finished, this, &HttpTransfer::onFinished);
}

HttpTransfer::~HttpTransfer()
{
    if (m_reply) {
        m_reply->disconnect(this);
        if (m_reply->isRunning()) m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpTransfer::onMetaData()
{
    if (m_head || !m_reply) return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) return; // not an HTTP response (yet)
    const bool http2 = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    // (The same-thread client reports such a head as a failure itself.)
    if (!http2 && m_reply->rawHeaderPairs().isEmpty() && !qobject_cast<Http1Reply*>(m_reply)) {
        // Qt 6.4 (QHttpHeaderParser) drops every header of a head with more than 100 fields,
        // a line past 100 KiB, 256 KiB in all or a line without a colon, and then reads the
        // body until the connection closes (it lost the framing): fail instead of waiting.
        const QUrl url = m_reply->url();
        m_failure = NetworkFailure{
            QStringLiteral("ERR_HTTP_HEADERS_TOO_LARGE"),
            QStringLiteral("the response head from %1:%2 is too large or malformed to read "
                           "(more than 100 header fields, a header line of 100 KiB or more, "
                           "256 KiB in all, or a header line without a colon)")
                .arg(url.host())
                .arg(url.port(url.scheme() == QLatin1String("https") ? 443 : 80))};
        m_done = true;
        m_timing.end = nowMs();
        m_reply->disconnect(this);
        m_reply->abort();
        emit finished();
        return;
    }
    ResponseHead head;
    head.status = status.toInt();
    head.statusText = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    for (const auto& pair : m_reply->rawHeaderPairs())
        head.headers.append(pair);
    head.httpVersion = http2 ? QByteArray("2") : QByteArray("1.1");
    if (auto* own = qobject_cast<Http1Reply*>(m_reply)) head.httpVersion = own->httpVersion();
    head.url = m_reply->url();
    m_head = std::move(head);
    m_timing.firstByte = nowMs();
    emit headReceived();
}

qint64 HttpTransfer::bytesAvailable() const
{
    return m_reply ? m_reply->bytesAvailable() : 0;
}

QByteArray HttpTransfer::read(qint64 maxBytes)
{
    if (!m_reply) return {};
    QByteArray bytes = m_reply->read(maxBytes);
    m_bodyBytes += bytes.size();
    return bytes;
}

qint64 HttpTransfer::read(char* into, qint64 maxBytes)
{
    if (!m_reply || maxBytes <= 0) return 0;
    const qint64 n = m_reply->read(into, maxBytes);
    if (n <= 0) return 0;
    m_bodyBytes += n;
    return n;
}

void HttpTransfer::onFinished()
{
    if (m_done || !m_reply) return;
    m_done = true;
    m_timing.end = nowMs();
    onMetaData(); // a response without a body has no readyRead
    if (m_reply->error() == QNetworkReply::NoError || isHttpStatusError(*m_reply))
        m_complete = true;
    else
        m_failure = describeFailure(*m_reply, m_sslErrors, m_head.has_value());
    emit finished();
}

void HttpTransfer::abort()
{
    if (m_done || !m_reply) return;
    m_reply->abort(); // finished() follows synchronously with OperationCanceledError
}

} // namespace nano::net
