#include "net/network_failure.h"

#include <QNetworkReply>
#include <QSslError>
#include <QStringList>

namespace nano::net {

bool isHttpStatusError(const QNetworkReply& reply)
{
    const QVariant status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute);
    // Only a 4xx/5xx is Qt's error for a status: the same codes after a 2xx head are failures
    // of the body (UnknownContentError is also what a failed decompression gives).
    if (!status.isValid() || status.toInt() < 400) return false;
    switch (reply.error()) {
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::OperationNotImplementedError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError: return true;
    // Qt reports a 400 Bad Request as an invalid protocol operation.
    case QNetworkReply::ProtocolInvalidOperationError: return status.toInt() == 400;
    default: return false;
    }
}

NetworkFailure describeFailure(const QNetworkReply& reply, const QList<QSslError>& sslErrors,
                               bool receivedHead)
{
    // The HTTP/1.1 client names some failures itself (Http1Reply::kFailureCodeAttribute).
    const QVariant ownCode = reply.attribute(QNetworkRequest::Attribute(QNetworkRequest::User + 1));
    if (ownCode.isValid()) return {ownCode.toString(), reply.errorString()};
    const QUrl url = reply.url();
    const QString host = url.host();
    const QString hostPort =
        QStringLiteral("%1:%2").arg(host).arg(url.port(url.scheme() == "https" ? 443 : 80));
    // Qt's own decoder (gzip, deflate, br, zstd) failed: a corrupt body, or its archive-bomb
    // check (more than 40:1 for gzip/deflate, 100:1 for br/zstd, past 10 MiB decoded:
    // QNetworkRequest::decompressedSafetyCheckThreshold).
    if (reply.errorString().startsWith(QLatin1String("Decompression failed")))
        return {QStringLiteral("ERR_CONTENT_DECODING"),
                QStringLiteral("the body from %1 could not be decoded: %2")
                    .arg(hostPort, reply.errorString())};
    switch (reply.error()) {
    case QNetworkReply::HostNotFoundError:
        return {QStringLiteral("ENOTFOUND"),
                QStringLiteral("the host name '%1' could not be resolved").arg(host)};
    case QNetworkReply::ConnectionRefusedError:
        return {QStringLiteral("ECONNREFUSED"),
                QStringLiteral("the connection to %1 was refused").arg(hostPort)};
    case QNetworkReply::RemoteHostClosedError:
        return {QStringLiteral("ECONNRESET"),
                receivedHead
                    ? QStringLiteral("%1 closed the connection before the response body was "
                                     "complete")
                          .arg(hostPort)
                    : QStringLiteral("%1 closed the connection without sending a response")
                          .arg(hostPort)};
    case QNetworkReply::TimeoutError:
        return {QStringLiteral("ETIMEDOUT"),
                QStringLiteral("the connection to %1 timed out").arg(hostPort)};
    case QNetworkReply::OperationCanceledError:
        return {QStringLiteral("ABORTED"), QStringLiteral("the request was aborted")};
    case QNetworkReply::SslHandshakeFailedError: {
        if (sslErrors.isEmpty())
            return {QStringLiteral("ERR_TLS"),
                    QStringLiteral("the TLS handshake with %1 failed: %2")
                        .arg(hostPort, reply.errorString())};
        QStringList problems;
        for (const QSslError& error : sslErrors)
            if (!problems.contains(error.errorString())) problems << error.errorString();
        return {QStringLiteral("ERR_TLS_CERT"),
                QStringLiteral("the certificate of %1 is not trusted: %2")
                    .arg(hostPort, problems.join(QStringLiteral("; ")))};
    }
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return {QStringLiteral("ERR_PROXY"),
                QStringLiteral("the proxy for %1 failed: %2").arg(hostPort, reply.errorString())};
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::ProtocolUnknownError:
        return {QStringLiteral("ERR_HTTP_PROTOCOL"),
                QStringLiteral("%1 sent a response that is not valid HTTP: %2")
                    .arg(hostPort, reply.errorString())};
    default:
        return {QStringLiteral("ERR_NETWORK"),
                QStringLiteral("the request to %1 failed: %2").arg(hostPort, reply.errorString())};
    }
}

} // namespace nano::net
