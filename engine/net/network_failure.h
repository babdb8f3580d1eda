#pragma once
// Why a network request failed, in words a user can act on. fetch() rejects with
// TypeError("fetch failed") whose `cause` is an Error carrying `code` and `message`.

#include <QList>
#include <QString>

class QNetworkReply;
class QSslError;

namespace nano::net {

struct NetworkFailure {
    // Node-style codes where there is one: ENOTFOUND, ECONNREFUSED, ECONNRESET, ETIMEDOUT,
    // ABORTED, ERR_TLS_CERT (with the certificate problem in the message), ERR_TLS,
    // ERR_PROXY, ERR_HTTP_PROTOCOL, ERR_HTTP_HEADERS_TOO_LARGE, ERR_CONTENT_DECODING (a body
    // that cannot be decoded, or past Qt's decompression-bomb check), ERR_NETWORK.
    QString code;
    QString message;
};

// Classifies a finished reply. `sslErrors` are those reported by QNetworkReply::sslErrors;
// `receivedHead` says whether the response head had arrived (a reset mid-body reads
// differently from a refused connection).
NetworkFailure describeFailure(const QNetworkReply& reply, const QList<QSslError>& sslErrors,
                               bool receivedHead);

// Whether the reply's error only restates its HTTP status (a 404 is a response, not a
// failure, for fetch).
bool isHttpStatusError(const QNetworkReply& reply);

} // namespace nano::net
