#pragma once
// One HTTP request in flight over QNetworkAccessManager: the transport under fetch's
// "HTTP-network fetch". Redirects are returned, not followed (fetch follows them itself, with
// its own rules); HTTP error statuses are responses, not failures.
//
// The response body is pulled: read() takes what has arrived. The reply's read buffer is
// bounded (readBufferBytes), so once that much is waiting unread, Qt stops reading the socket
// and the server is held back by TCP: memory stays bounded however large the body is.
// Signals arrive on the thread the session lives on (the engine thread).

#include "net/network_failure.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslError>
#include <QUrl>

#include <optional>

class QNetworkReply;

namespace nano::net {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

struct ResponseHead {
    int status = 0;
    QByteArray statusText;
    RawHeaders headers;     // as received (QNetworkAccessManager removes Content-Encoding
                            // handling details: a decoded body keeps its original headers)
    QByteArray httpVersion; // "1.1", "2"
    QUrl url;
};

// Timestamps on the steady clock in milliseconds (core::EventLoop::monotonicNowMs); 0: did not
// happen (a reused connection has no connect or TLS phase).
struct TransferTiming {
    double queued = 0;
    double connectStart = 0;
    double tlsDone = 0;
    double requestSent = 0;
    double firstByte = 0; // the response head
    double end = 0;
};

class HttpTransfer final : public QObject {
    Q_OBJECT
public:
    HttpTransfer(QNetworkReply* reply, qint64 readBufferBytes, QObject* parent = nullptr);
    ~HttpTransfer() override;

    const std::optional<ResponseHead>& head() const { return m_head; }
    qint64 bytesAvailable() const;
    // Up to maxBytes of body that has arrived (decoded).
    QByteArray read(qint64 maxBytes);
    // The same into `into` (room for maxBytes): the number of bytes read.
    qint64 read(char* into, qint64 maxBytes);
    qint64 bodyBytesReceived() const { return m_bodyBytes; }
    // Every byte of the body has arrived (some may still be unread).
    bool isComplete() const { return m_complete; }
    const std::optional<NetworkFailure>& failure() const { return m_failure; }
    const TransferTiming& timing() const { return m_timing; }
    // Ends the transfer: the connection is closed or returned, finished() follows with an
    // ABORTED failure unless it had already completed.
    void abort();

signals:
    void headReceived();
    void readable();
    // The body is complete or the transfer failed (see failure()).
    void finished();
    void uploadProgress(qint64 sent, qint64 total);

private:
    void onMetaData();
    void onFinished();

    QPointer<QNetworkReply> m_reply;
    std::optional<ResponseHead> m_head;
    std::optional<NetworkFailure> m_failure;
    QList<QSslError> m_sslErrors;
    TransferTiming m_timing;
    qint64 m_bodyBytes = 0;
    bool m_complete = false;
    bool m_done = false;
};

} // namespace nano::net
