// Tests for engine/net, the transport under fetch, against the local test server started
// in-process: responses and their heads, redirects returned rather than followed, bodies pulled
// with bounded buffering, uploads, every failure explained, abort, cookies off by default,
// connection reuse.

#include "engine/net/network_session.h"
#include "routes.h"
#include "test_server.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

using namespace nano::net;
using nano::testserver::TestServer;

class TestHttpTransport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void getReturnsHeadAndBody();
    void errorStatusesAreResponses();
    void redirectsAreReturned();
    void bodyIsPulledWithBoundedBuffering();
    void compressedBodiesAreDecoded();
    void uploadsFromMemoryAndFromADevice();
    void failuresAreExplained_data();
    void failuresAreExplained();
    void selfSignedCertificateIsNamed();
    void abortEndsTheTransfer();
    void cookiesAreOffByDefault();
    void connectionsAreReused();

private:
    std::unique_ptr<HttpTransfer> start(const QString& path, QByteArray method = "GET",
                                        QByteArray body = {});
    static bool waitFinished(HttpTransfer& transfer, int ms = 10000);
    static QByteArray readAll(HttpTransfer& transfer);
    QString url(const QString& path) const { return m_server.url().toString() + path; }

    TestServer m_server;
    NetworkSession m_session;
};

void TestHttpTransport::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start({}, &error), qPrintable(error));
}

std::unique_ptr<HttpTransfer> TestHttpTransport::start(const QString& path, QByteArray method,
                                                       QByteArray body)
{
    HttpRequest request;
    request.method = std::move(method);
    request.url = QUrl(path.startsWith('/') ? url(path) : path);
    request.body = std::move(body);
    return m_session.start(std::move(request));
}

bool TestHttpTransport::waitFinished(HttpTransfer& transfer, int ms)
{
    if (transfer.isComplete() || transfer.failure()) return true;
    QSignalSpy finished(&transfer, &HttpTransfer::finished);
    return finished.wait(ms);
}

QByteArray TestHttpTransport::readAll(HttpTransfer& transfer)
{
    QByteArray body;
    QSignalSpy readable(&transfer, &HttpTransfer::readable);
    while (true) {
        body += transfer.read(1 << 20);
        if ((transfer.isComplete() || transfer.failure()) && transfer.bytesAvailable() == 0) break;
        if (transfer.bytesAvailable() == 0) readable.wait(2000);
    }
    return body;
}

void TestHttpTransport::getReturnsHeadAndBody()
{
    auto transfer = start("/get?x=1");
    QSignalSpy head(transfer.get(), &HttpTransfer::headReceived);
    QVERIFY(head.wait(10000));
    QCOMPARE(transfer->head()->status, 200);
    QCOMPARE(transfer->head()->statusText, QByteArray("OK"));
    QCOMPARE(transfer->head()->httpVersion, QByteArray("1.1"));
    bool hasType = false;
    for (const auto& [name, value] : transfer->head()->headers)
        hasType |=
            name.compare("content-type", Qt::CaseInsensitive) == 0 && value == "application/json";
    QVERIFY(hasType);
    const QJsonObject json = QJsonDocument::fromJson(readAll(*transfer)).object();
    QCOMPARE(json.value("args").toObject().value("x").toString(), QStringLiteral("1"));
    QVERIFY(transfer->isComplete() && !transfer->failure());
    QVERIFY(transfer->timing().end >= transfer->timing().firstByte);
    QVERIFY(transfer->timing().firstByte >= transfer->timing().queued);
}

void TestHttpTransport::errorStatusesAreResponses()
{
    for (int status : {400, 401, 404, 410, 500, 503}) {
        auto transfer = start(QStringLiteral("/status/%1").arg(status));
        QVERIFY(waitFinished(*transfer));
        QVERIFY2(!transfer->failure(), qPrintable(QString::number(status)));
        QCOMPARE(transfer->head()->status, status);
    }
}

void TestHttpTransport::redirectsAreReturned()
{
    auto transfer = start("/redirect/2");
    QVERIFY(waitFinished(*transfer));
    QCOMPARE(transfer->head()->status, 302);
    QByteArray location;
    for (const auto& [name, value] : transfer->head()->headers)
        if (name.compare("location", Qt::CaseInsensitive) == 0) location = value;
    QCOMPARE(location, QByteArray("/redirect/1"));
}

void TestHttpTransport::bodyIsPulledWithBoundedBuffering()
{
    const qint64 size = 48 * 1024 * 1024;
    auto transfer = start(QStringLiteral("/bytes/%1?seed=3").arg(size));
    QSignalSpy head(transfer.get(), &HttpTransfer::headReceived);
    QVERIFY(head.wait(10000));
    // Nobody reads for a while: what waits in memory stays near the read buffer's bound.
    QTest::qWait(500);
    QVERIFY(!transfer->isComplete());
    QVERIFY2(transfer->bytesAvailable() <= 2 * NetworkSession::kReadBufferBytes,
             qPrintable(QString::number(transfer->bytesAvailable())));
    const QByteArray body = readAll(*transfer);
    QCOMPARE(body.size(), size);
    QByteArray expected(size, Qt::Uninitialized);
    nano::testserver::PatternBytes(3).fill(expected.data(), size);
    QVERIFY(body == expected);
    QCOMPARE(transfer->bodyBytesReceived(), size);
}

void TestHttpTransport::compressedBodiesAreDecoded()
{
    for (const char* path : {"/gzip", "/deflate"}) {
        auto transfer = start(QString::fromLatin1(path));
        const QJsonObject json = QJsonDocument::fromJson(readAll(*transfer)).object();
        QVERIFY2(json.value("gzipped").toBool() || json.value("deflated").toBool(), path);
        const QString accept = json.value("headers").toObject().value("Accept-Encoding").toString();
        QVERIFY2(accept.contains("gzip") && accept.contains("br"), qPrintable(accept));
    }
}

void TestHttpTransport::uploadsFromMemoryAndFromADevice()
{
    const QByteArray body(8 * 1024 * 1024 + 11, 'b');
    const QByteArray hash = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
    auto transfer = start("/upload", "POST", body);
    QJsonObject json = QJsonDocument::fromJson(readAll(*transfer)).object();
    QCOMPARE(json.value("bytes").toDouble(), double(body.size()));
    QCOMPARE(json.value("sha256").toString().toLatin1(), hash);

    HttpRequest request;
    request.method = "PUT";
    request.url = QUrl(url("/upload"));
    request.headers.append({"Content-Length", QByteArray::number(body.size())});
    auto buffer = std::make_unique<QBuffer>();
    buffer->setData(body);
    buffer->open(QIODevice::ReadOnly);
    request.stream = std::move(buffer);
    transfer = m_session.start(std::move(request));
    QSignalSpy progress(transfer.get(), &HttpTransfer::uploadProgress);
    json = QJsonDocument::fromJson(readAll(*transfer)).object();
    QCOMPARE(json.value("sha256").toString().toLatin1(), hash);
    QVERIFY(!progress.isEmpty());
}

void TestHttpTransport::failuresAreExplained_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    QTest::newRow("refused") << QStringLiteral("http://127.0.0.1:%1/").arg(port)
                             << QStringLiteral("ECONNREFUSED")
                             << QStringLiteral("127.0.0.1:%1").arg(port);
    QTest::newRow("closed without a response")
        << QStringLiteral("/close") << QStringLiteral("ECONNRESET")
        << QStringLiteral("without sending a response");
    QTest::newRow("reset mid-body")
        << QStringLiteral("/reset/100000") << QStringLiteral("ECONNRESET")
        << QStringLiteral("before the response body was complete");
    QTest::newRow("unknown host") << QStringLiteral("http://no-such-host.invalid/")
                                  << QStringLiteral("ENOTFOUND")
                                  << QStringLiteral("'no-such-host.invalid'");
    // Qt 6.4 drops the headers of such a head and would read the body until the server closes.
    QTest::newRow("head too large") << QStringLiteral("/big-header/200000")
                                    << QStringLiteral("ERR_HTTP_HEADERS_TOO_LARGE")
                                    << QStringLiteral("too large");
}

void TestHttpTransport::failuresAreExplained()
{
    QFETCH(QString, target);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    auto transfer = start(target);
    if (transfer->head()) readAll(*transfer);
    QVERIFY(waitFinished(*transfer, 20000));
    if (!transfer->failure()) readAll(*transfer);
    QVERIFY(transfer->failure());
    QCOMPARE(transfer->failure()->code, code);
    QVERIFY2(transfer->failure()->message.contains(messagePart),
             qPrintable(transfer->failure()->message));
}

void TestHttpTransport::selfSignedCertificateIsNamed()
{
    TestServer tls;
    QString error;
    QVERIFY2(tls.start({0, true}, &error), qPrintable(error));
    auto transfer = start(tls.url().toString() + "/get");
    QVERIFY(waitFinished(*transfer));
    QVERIFY(transfer->failure());
    QCOMPARE(transfer->failure()->code, QStringLiteral("ERR_TLS_CERT"));
    QVERIFY2(transfer->failure()->message.contains("self-signed", Qt::CaseInsensitive),
             qPrintable(transfer->failure()->message));
}

void TestHttpTransport::abortEndsTheTransfer()
{
    auto transfer = start("/drip?numbytes=100&duration=5");
    QSignalSpy head(transfer.get(), &HttpTransfer::headReceived);
    QVERIFY(head.wait(10000));
    QSignalSpy finished(transfer.get(), &HttpTransfer::finished);
    transfer->abort();
    QVERIFY(finished.count() == 1 || finished.wait(2000));
    QCOMPARE(transfer->failure()->code, QStringLiteral("ABORTED"));
    // Before the head: a request to an endpoint that never answers.
    transfer = start("/hang");
    QTest::qWait(100);
    transfer->abort();
    QVERIFY(waitFinished(*transfer, 2000));
    QCOMPARE(transfer->failure()->code, QStringLiteral("ABORTED"));
}

void TestHttpTransport::cookiesAreOffByDefault()
{
    auto transfer = start("/cookies/set?session=1");
    QVERIFY(waitFinished(*transfer));
    transfer = start("/cookies");
    const QJsonObject json = QJsonDocument::fromJson(readAll(*transfer)).object();
    QVERIFY(json.value("cookies").toObject().isEmpty());
}

void TestHttpTransport::connectionsAreReused()
{
    auto first = start("/get");
    readAll(*first);
    auto second = start("/get");
    readAll(*second);
    QCOMPARE(second->timing().connectStart, 0.0); // no new connection
    QVERIFY(second->timing().requestSent > 0);
}

QTEST_GUILESS_MAIN(TestHttpTransport)
#include "tst_http_transport.moc"
