#pragma once
// One request over the same-thread HTTP/1.1 client, presented as a QNetworkReply so that
// HttpTransfer, fetch, the traffic recorder and abort see what QNetworkAccessManager's own
// replies give them (attributes, raw headers, errors and the same signals: socketStartedConnecting,
// encrypted, sslErrors, requestSent, metaDataChanged, readyRead, uploadProgress, finished).
//
// Everything runs on the thread of the manager (the engine thread): no hand-off to Qt's HTTP
// thread, no queued signal per reply signal.
//
// Backpressure both ways: the socket's own read buffer is small and the decoded body held here
// is at most readBufferSize(); past that nothing is read from the socket until the consumer
// reads. An upload is read from its device only as the socket drains (at most kWriteAhead
// bytes queued), and a sequential device without a Content-Length is sent with
// Transfer-Encoding: chunked, never buffered whole.

#include "net/http1_pool.h"
#include "net/http1_response.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

#include <deque>
#include <memory>

class QAbstractSocket;

namespace nano::net {

class ContentDecoder;

class Http1Reply final : public QNetworkReply {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Http1Reply)
public:
    // Bytes of upload queued in the socket before more is read from the device.
    static constexpr qint64 kWriteAhead = 256 * 1024;
    // The socket's own read buffer (kernel bytes Qt takes before we do).
    static constexpr qint64 kSocketReadBuffer = 256 * 1024;
    // A QNetworkReply attribute with a NetworkFailure code that describeFailure uses as is.
    static constexpr auto kFailureCodeAttribute =
        QNetworkRequest::Attribute(QNetworkRequest::User + 1);

    Http1Reply(Http1Pool* pool, QNetworkAccessManager::Operation op, const QNetworkRequest& request,
               QIODevice* outgoingData, QObject* parent);
    ~Http1Reply() override;

    void abort() override;
    void setReadBufferSize(qint64 size) override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    void ignoreSslErrors() override {}
    // "1.1" or "1.0", as the status line said.
    QByteArray httpVersion() const { return m_response.head().httpVersion; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;

private:
    void onGranted(QAbstractSocket* socket, bool fresh);
    void connectSocket(bool fresh);
    void sendRequest();
    void writeBody();
    void onSocketReadable();
    void onSocketError();
    void onSocketClosed();
    // Parses what has been read and takes more from the socket while there is room.
    void pump();
    void schedulePump();
    void headReceived();
    void bodyComplete();
    void finishWithError(NetworkError error, const QString& message, const QString& code = {});
    // Qt's archive-bomb rule, so both paths agree: past 10 MiB decoded, more than 40 bytes out
    // per byte in is an error (QNetworkRequest::decompressedSafetyCheckThreshold).
    static constexpr qint64 kBombThreshold = 10 << 20;
    static constexpr int kBombRatio = 40;
    bool isDecompressionBomb() const;
    void releaseConnection(bool reusable);
    bool canRetry() const;

    QPointer<Http1Pool> m_pool;
    ConnectionKey m_key;
    QByteArray m_verb;
    QPointer<QIODevice> m_upload;
    QPointer<QAbstractSocket> m_socket;
    Http1Response m_response;
    std::unique_ptr<ContentDecoder> m_decoder;

    QByteArray m_in; // read from the socket, parsed from m_inPos
    qsizetype m_inPos = 0;
    QByteArray m_encoded; // body bytes still to decode, from m_encodedPos
    qsizetype m_encodedPos = 0;
    qint64 m_encodedTotal = 0; // compressed body bytes decoded so far (the bomb check)
    qint64 m_decodedTotal = 0;
    std::deque<QByteArray> m_body; // decoded body for the reader
    qsizetype m_bodyOffset = 0;    // into m_body.front()
    qint64 m_bodyHeld = 0;
    qint64 m_readLimit = 0; // 0: unbounded

    qint64 m_uploadLength = -1; // -1: chunked
    qint64 m_uploadSent = 0;
    bool m_uploadDone = false;
    bool m_reused = false;
    bool m_retried = false;
    bool m_receivedAny = false;
    bool m_headDone = false;
    bool m_pumpScheduled = false;
    bool m_inPump = false;
    bool m_inWriteBody = false;
};

} // namespace nano::net
