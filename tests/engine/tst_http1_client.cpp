// Tests for the same-thread HTTP/1.1 client under NetworkSession (net/http1_reply.*,
// net/http1_pool.*, net/http1_response.*, net/content_decoder.*), against servers started in
// the test: a scripted raw TCP server for what the test server does not do (close-delimited
// bodies, stale keep-alive connections, held responses, brotli), and the test server for
// chunked uploads. What HttpTransfer sees through it is tested in tst_http_transport.

#include "engine/net/network_session.h"
#include "test_server.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <brotli/encode.h>
#include <zlib.h>

#include <functional>

using namespace nano::net;

namespace {

// A TCP server whose answers the test scripts: `respond` gets each request head (and the
// socket) and writes what it likes. It counts connections and the bytes it received.
class RawServer : public QObject {
public:
    using Respond = std::function<void(QTcpSocket*, const QByteArray& head)>;
    explicit RawServer(Respond respond)
        : m_respond(std::move(respond))
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                ++connections;
                socket->setParent(this);
                socket->setReadBufferSize(64 * 1024); // unread bytes stay in the kernel
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRead(socket); });
            }
        });
    }
    QString url(const QString& path = QStringLiteral("/")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    int connections = 0;
    qint64 received = 0; // bytes after the heads
    bool readBodies = true;

private:
    void onRead(QTcpSocket* socket)
    {
        if (m_uploading.contains(socket)) { // an upload's body
            if (readBodies) received += socket->readAll().size();
            return;
        }
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (qsizetype end; (end = buffer.indexOf("\r\n\r\n")) >= 0;) {
            const QByteArray head = buffer.left(end + 4);
            buffer.remove(0, end + 4);
            if (!head.startsWith("GET ")) {
                m_uploading.insert(socket);
                received += buffer.size();
                buffer.clear();
                m_respond(socket, head);
                return;
            }
            m_respond(socket, head);
        }
    }

    QTcpServer m_server;
    Respond m_respond;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QSet<QTcpSocket*> m_uploading;
};

QByteArray okResponse(const QByteArray& body, const QByteArray& extraHeaders = {})
{
    return "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" +
           extraHeaders + "\r\n" + body;
}

QByteArray gzipped(const QByteArray& data)
{
    z_stream stream{};
    deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(out.size() - int(stream.avail_out));
    deflateEnd(&stream);
    return out;
}

QByteArray brotli(const QByteArray& data)
{
    size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
    QByteArray out(qsizetype(size), Qt::Uninitialized);
    BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                          size_t(data.size()), reinterpret_cast<const uint8_t*>(data.constData()),
                          &size, reinterpret_cast<uint8_t*>(out.data()));
    out.resize(qsizetype(size));
    return out;
}

// A sequential upload body the test feeds by hand; counts what the client took from it.
class FedDevice final : public QIODevice {
public:
    FedDevice() { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_data.size() + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_ended && bytesAvailable() == 0; }
    void feed(const QByteArray& bytes)
    {
        m_data += bytes;
        emit readyRead();
    }
    void end()
    {
        m_ended = true;
        emit readChannelFinished();
    }
    // Endless: every read is given what it asks for.
    bool endless = false;
    qint64 taken = 0;

protected:
    qint64 readData(char* data, qint64 max) override
    {
        if (endless) {
            memset(data, 'e', size_t(max));
            taken += max;
            return max;
        }
        const qint64 n = std::min<qint64>(max, m_data.size());
        memcpy(data, m_data.constData(), size_t(n));
        m_data.remove(0, n);
        taken += n;
        return n == 0 && m_ended ? -1 : n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray m_data;
    bool m_ended = false;
};

} // namespace

class TestHttp1Client : public QObject {
    Q_OBJECT
private slots:
    void keepAliveConnectionIsReused();
    void atMostSixConnectionsPerHost();
    void chunkedBodyWithExtensionsAndTrailers();
    void closeDelimitedBody();
    void bodiesAreDecoded_data();
    void bodiesAreDecoded();
    void corruptEncodingIsAFailure();
    void staleKeepAliveConnectionIsRetried();
    void streamedUploadIsChunkedAndSentAsItComes();
    void streamedUploadReachesTheServerWhole();
    void uploadIsReadOnlyAsTheSocketDrains();
    void streamedUploadOverTlsChecksTheCertificate();

private:
    std::unique_ptr<HttpTransfer> get(const QString& url)
    {
        HttpRequest request;
        request.url = QUrl(url);
        return m_session.start(std::move(request));
    }
    static bool waitFinished(HttpTransfer& transfer, int ms = 10000)
    {
        if (transfer.isComplete() || transfer.failure()) return true;
        QSignalSpy finished(&transfer, &HttpTransfer::finished);
        return finished.wait(ms);
    }
    static QByteArray readAll(HttpTransfer& transfer)
    {
        QByteArray body;
        QSignalSpy readable(&transfer, &HttpTransfer::readable);
        QSignalSpy finished(&transfer, &HttpTransfer::finished);
        for (int spins = 0; spins < 2000; ++spins) {
            body += transfer.read(1 << 20);
            if ((transfer.isComplete() || transfer.failure()) && transfer.bytesAvailable() == 0)
                break;
            if (transfer.bytesAvailable() == 0) readable.wait(50);
        }
        return body;
    }

    NetworkSession m_session;
};

void TestHttp1Client::keepAliveConnectionIsReused()
{
    RawServer server(
        [](QTcpSocket* socket, const QByteArray&) { socket->write(okResponse("ok")); });
    for (int i = 0; i < 5; ++i) {
        auto transfer = get(server.url());
        QCOMPARE(readAll(*transfer), QByteArray("ok"));
        QVERIFY(transfer->isComplete());
        QCOMPARE(transfer->head()->httpVersion, QByteArray("1.1"));
    }
    QCOMPARE(server.connections, 1);
}

void TestHttp1Client::atMostSixConnectionsPerHost()
{
    QList<QTcpSocket*> held;
    bool holding = true;
    RawServer server([&](QTcpSocket* socket, const QByteArray&) {
        if (holding)
            held << socket;
        else
            socket->write(okResponse("ok"));
    });
    std::vector<std::unique_ptr<HttpTransfer>> transfers;
    for (int i = 0; i < 8; ++i)
        transfers.push_back(get(server.url()));
    QTRY_COMPARE(held.size(), 6);
    QTest::qWait(200); // the other two wait for a connection: none is opened for them
    QCOMPARE(server.connections, 6);
    holding = false;
    for (QTcpSocket* socket : held)
        socket->write(okResponse("ok"));
    for (auto& transfer : transfers)
        QCOMPARE(readAll(*transfer), QByteArray("ok"));
    QCOMPARE(server.connections, 6);
}

void TestHttp1Client::chunkedBodyWithExtensionsAndTrailers()
{
    RawServer server([](QTcpSocket* socket, const QByteArray&) {
        socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n");
    });
    for (int i = 0; i < 2; ++i) {
        auto transfer = get(server.url());
        QCOMPARE(readAll(*transfer), QByteArray("hello world"));
        QVERIFY(!transfer->failure());
    }
    QCOMPARE(server.connections, 1); // the connection outlived the chunked body
}

void TestHttp1Client::closeDelimitedBody()
{
    const QByteArray body(300000, 'c');
    RawServer server([&](QTcpSocket* socket, const QByteArray&) {
        socket->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n" + body);
        socket->disconnectFromHost();
    });
    auto transfer = get(server.url());
    QCOMPARE(readAll(*transfer), body);
    QVERIFY(transfer->isComplete() && !transfer->failure());
    QCOMPARE(transfer->head()->httpVersion, QByteArray("1.0"));
}

void TestHttp1Client::bodiesAreDecoded_data()
{
    QTest::addColumn<QByteArray>("coding");
    QTest::newRow("gzip") << QByteArray("gzip");
    QTest::newRow("br") << QByteArray("br");
}

void TestHttp1Client::bodiesAreDecoded()
{
    QFETCH(QByteArray, coding);
    QByteArray plain;
    for (int i = 0; i < 200000; ++i)
        plain += QByteArray::number(i) + ',';
    const QByteArray encoded = coding == "br" ? brotli(plain) : gzipped(plain);
    QByteArray accept;
    RawServer server([&](QTcpSocket* socket, const QByteArray& head) {
        accept = head;
        // Chunked and in pieces, so decoding spans reads.
        QByteArray out = "HTTP/1.1 200 OK\r\nContent-Encoding: " + coding +
                         "\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (qsizetype at = 0; at < encoded.size(); at += 1000) {
            const QByteArray piece = encoded.mid(at, 1000);
            out += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
        }
        socket->write(out + "0\r\n\r\n");
    });
    auto transfer = get(server.url());
    QCOMPARE(readAll(*transfer), plain);
    QVERIFY(!transfer->failure());
    QVERIFY2(accept.contains("Accept-Encoding: gzip, deflate, br"), accept.constData());
}

void TestHttp1Client::corruptEncodingIsAFailure()
{
    RawServer server([](QTcpSocket* socket, const QByteArray&) {
        socket->write(okResponse("this is not gzip at all", "Content-Encoding: gzip\r\n"));
    });
    auto transfer = get(server.url());
    readAll(*transfer);
    QVERIFY(waitFinished(*transfer));
    QVERIFY(transfer->failure());
    QCOMPARE(transfer->failure()->code, QStringLiteral("ERR_CONTENT_DECODING"));
}

void TestHttp1Client::staleKeepAliveConnectionIsRetried()
{
    // The server closes each connection after its response without saying so: the kept
    // connection is found closed when the next request goes out, which is sent again.
    RawServer server([](QTcpSocket* socket, const QByteArray&) {
        socket->write(okResponse("ok"));
        socket->flush();
        socket->disconnectFromHost();
    });
    for (int i = 0; i < 3; ++i) {
        auto transfer = get(server.url());
        QCOMPARE(readAll(*transfer), QByteArray("ok"));
        QVERIFY2(!transfer->failure(), qPrintable(transfer->failure()->message));
        QTest::qWait(50); // the close reaches the client while the connection is idle, or not
    }
    QCOMPARE(server.connections, 3);
}

void TestHttp1Client::streamedUploadIsChunkedAndSentAsItComes()
{
    QByteArray head;
    RawServer server([&](QTcpSocket*, const QByteArray& h) { head = h; });
    HttpRequest request;
    request.method = "PUT";
    request.url = QUrl(server.url("/up"));
    auto device = std::make_unique<FedDevice>();
    FedDevice* fed = device.get();
    request.stream = std::move(device);
    auto transfer = m_session.start(std::move(request));
    fed->feed(QByteArray(1 << 20, 'a'));
    // The server has the first MiB while the body has not ended: it was not buffered.
    QTRY_VERIFY2(
        server.received >= (1 << 20),
        qPrintable(QStringLiteral("%1 received, %2 taken").arg(server.received).arg(fed->taken)));
    QVERIFY(head.contains("Transfer-Encoding: chunked"));
    QVERIFY(!head.contains("Content-Length"));
    QVERIFY(!transfer->isComplete() && !transfer->failure());
    transfer->abort();
}

void TestHttp1Client::streamedUploadReachesTheServerWhole()
{
    nano::testserver::TestServer testServer;
    QString error;
    QVERIFY2(testServer.start({}, &error), qPrintable(error));
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(testServer.url().toString() + "/upload");
    auto device = std::make_unique<FedDevice>();
    FedDevice* fed = device.get();
    request.stream = std::move(device);
    auto transfer = m_session.start(std::move(request));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 total = 0;
    for (int i = 0; i < 40; ++i) {
        const QByteArray chunk(100000 + i, char('a' + i % 26));
        hash.addData(chunk);
        total += chunk.size();
        fed->feed(chunk);
        QTest::qWait(1);
    }
    fed->end();
    const QJsonObject json = QJsonDocument::fromJson(readAll(*transfer)).object();
    QCOMPARE(json.value("bytes").toDouble(), double(total));
    QCOMPARE(json.value("sha256").toString().toLatin1(), hash.result().toHex());
}

void TestHttp1Client::uploadIsReadOnlyAsTheSocketDrains()
{
    RawServer server([](QTcpSocket*, const QByteArray&) {});
    server.readBodies = false; // after the head, the server reads nothing: TCP fills up
    HttpRequest request;
    request.method = "PUT";
    request.url = QUrl(server.url("/up"));
    auto device = std::make_unique<FedDevice>();
    FedDevice* fed = device.get();
    fed->endless = true;
    request.stream = std::move(device);
    auto transfer = m_session.start(std::move(request));
    QTRY_VERIFY(fed->taken > 0);
    QTest::qWait(500);
    // What was taken fits in the kernel's socket buffers and the client's bounded queue.
    QVERIFY2(fed->taken < 64 * 1024 * 1024, qPrintable(QString::number(fed->taken)));
    const qint64 taken = fed->taken;
    QTest::qWait(300);
    QVERIFY(fed->taken - taken < 8 * 1024 * 1024);
    transfer->abort();
}

void TestHttp1Client::streamedUploadOverTlsChecksTheCertificate()
{
    // An https:// streamed upload goes by this client over TLS (Qt would buffer it): the test
    // server's self-signed certificate is refused with the problem named, as on Qt's path.
    nano::testserver::TestServer tls;
    QString error;
    QVERIFY2(tls.start({0, true}, &error), qPrintable(error));
    HttpRequest request;
    request.method = "POST";
    request.url = QUrl(tls.url().toString() + "/upload");
    auto device = std::make_unique<FedDevice>();
    device->feed("some bytes");
    device->end();
    request.stream = std::move(device);
    auto transfer = m_session.start(std::move(request));
    QVERIFY(waitFinished(*transfer));
    QVERIFY(transfer->failure());
    QCOMPARE(transfer->failure()->code, QStringLiteral("ERR_TLS_CERT"));
    QVERIFY2(transfer->failure()->message.contains("self-signed", Qt::CaseInsensitive),
             qPrintable(transfer->failure()->message));
}

QTEST_GUILESS_MAIN(TestHttp1Client)
#include "tst_http1_client.moc"
