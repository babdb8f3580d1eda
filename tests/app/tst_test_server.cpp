// Tests for the local test server (app/test_server, `nanojs serve-test`): each endpoint the
// network tests rely on, answered to a real HTTP client (QNetworkAccessManager), streaming
// without holding large bodies, the fault endpoints, TLS with the self-signed certificate,
// and the command: it prints its URL first, serves, and stops cleanly on SIGINT.

#include "routes.h"
#include "test_server.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QtTest>

#include <csignal>

using nano::testserver::TestServer;

class TestTestServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void getEchoesTheRequest();
    void anythingEchoesMethodAndBody();
    void statusAndRedirects();
    void bytesAreStreamedInTheDocumentedPattern();
    void chunkedAndCompressedBodies();
    void uploadIsHashedNotKept();
    void faults();
    void tlsServesTheSelfSignedCertificate();
    void commandPrintsItsUrlAndStopsOnSigint();

private:
    struct Result {
        int status = 0;
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QNetworkReply* reply = nullptr; // valid until the next request
    };
    Result request(const QByteArray& method, const QString& path, const QByteArray& body = {},
                   int timeoutMs = 10000, QNetworkRequest req = QNetworkRequest());

    TestServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<QNetworkReply> m_lastReply;
};

void TestTestServer::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start({}, &error), qPrintable(error));
    QCOMPARE(m_server.url().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_server.url().port() > 0);
}

TestTestServer::Result TestTestServer::request(const QByteArray& method, const QString& path,
                                               const QByteArray& body, int timeoutMs,
                                               QNetworkRequest req)
{
    if (req.url().isEmpty()) req.setUrl(QUrl(m_server.url().toString() + path));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setTransferTimeout(timeoutMs);
    m_lastReply.reset(m_network.sendCustomRequest(req, method, body));
    QSignalSpy finished(m_lastReply.get(), &QNetworkReply::finished);
    if (!m_lastReply->isFinished()) finished.wait(timeoutMs + 2000);
    Result result;
    result.reply = m_lastReply.get();
    result.status = m_lastReply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_lastReply->isOpen()) result.body = m_lastReply->readAll();
    result.error = m_lastReply->error();
    return result;
}

void TestTestServer::getEchoesTheRequest()
{
    QNetworkRequest req;
    req.setRawHeader("X-Test", "yes");
    req.setUrl(QUrl(m_server.url().toString() + "/get?a=1&b=two"));
    const Result r = request("GET", {}, {}, 10000, req);
    QCOMPARE(r.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(json.value("args").toObject().value("b").toString(), QStringLiteral("two"));
    QCOMPARE(json.value("headers").toObject().value("X-Test").toString(), QStringLiteral("yes"));
    QCOMPARE(json.value("url").toString(), m_server.url().toString() + "/get?a=1&b=two");
}

void TestTestServer::anythingEchoesMethodAndBody()
{
    QNetworkRequest req(QUrl(m_server.url().toString() + "/anything/deep/path"));
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded");
    Result r = request("PATCH", {}, "x=1&y=a+b", 10000, req);
    QCOMPARE(r.status, 200);
    QJsonObject json = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(json.value("method").toString(), QStringLiteral("PATCH"));
    QCOMPARE(json.value("data").toString(), QStringLiteral("x=1&y=a+b"));
    QCOMPARE(json.value("form").toObject().value("y").toString(), QStringLiteral("a b"));
    r = request("POST", "/anything", QByteArray("\xff\x00\x01", 3));
    json = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(json.value("data").toString(),
             QStringLiteral("data:application/octet-stream;base64,/wAB"));
    QCOMPARE(json.value("bodySize").toInt(), 3);
}

void TestTestServer::statusAndRedirects()
{
    QCOMPARE(request("GET", "/status/418").status, 418);
    QCOMPARE(request("GET", "/status/503").status, 503);
    Result r = request("GET", "/redirect/3");
    QCOMPARE(r.status, 302);
    QCOMPARE(r.reply->rawHeader("Location"), QByteArray("/redirect/2"));
    r = request("GET", "/redirect/1");
    QCOMPARE(r.reply->rawHeader("Location"), QByteArray("/get"));
    r = request("GET", "/absolute-redirect/2");
    QCOMPARE(r.reply->rawHeader("Location"),
             (m_server.url().toString() + "/absolute-redirect/1").toUtf8());
    r = request("GET", "/redirect-to?url=http%3A%2F%2Fexample.test%2Fx&status_code=307");
    QCOMPARE(r.status, 307);
    QCOMPARE(r.reply->rawHeader("Location"), QByteArray("http://example.test/x"));
    QCOMPARE(request("GET", "/no-such-thing").status, 404);
}

void TestTestServer::bytesAreStreamedInTheDocumentedPattern()
{
    const qint64 size = 3 * 1024 * 1024 + 5;
    const Result r = request("GET", QStringLiteral("/bytes/%1?seed=7&chunk_size=1000").arg(size));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.size(), size);
    QByteArray expected(size, Qt::Uninitialized);
    nano::testserver::PatternBytes(7).fill(expected.data(), size);
    QVERIFY(r.body == expected);
    // The documented generator: xorshift32, low byte.
    quint32 state = 7;
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    QCOMPARE(static_cast<quint8>(r.body[0]), static_cast<quint8>(state & 0xFF));
}

void TestTestServer::chunkedAndCompressedBodies()
{
    Result r = request("GET", "/stream-bytes/70000");
    QCOMPARE(r.body.size(), 70000);
    QVERIFY(r.reply->rawHeader("Content-Length").isEmpty());
    r = request("GET", "/stream-json/5");
    QCOMPARE(r.body.count('\n'), 5);
    QCOMPARE(QJsonDocument::fromJson(r.body.split('\n').value(4)).object().value("id").toInt(), 4);
    r = request("GET", "/gzip"); // QNetworkAccessManager decodes gzip itself
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value("gzipped").toBool(), true);
    r = request("GET", "/deflate");
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value("deflated").toBool(), true);
    r = request("GET", "/response-headers?X-One=1&Set-Cookie=a%3Db");
    QCOMPARE(r.reply->rawHeader("X-One"), QByteArray("1"));
    QCOMPARE(r.reply->rawHeader("Set-Cookie"), QByteArray("a=b"));
}

void TestTestServer::uploadIsHashedNotKept()
{
    QByteArray body(20 * 1024 * 1024, 'u');
    const Result r = request("PUT", "/upload", body);
    const QJsonObject json = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(json.value("bytes").toDouble(), double(body.size()));
    QCOMPARE(json.value("sha256").toString().toLatin1(),
             QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
}

void TestTestServer::faults()
{
    QElapsedTimer timer;
    timer.start();
    Result r = request("GET", "/hang", {}, 500);
    QCOMPARE(r.error, QNetworkReply::OperationCanceledError); // the transfer timeout
    QVERIFY(timer.elapsed() >= 400);
    r = request("GET", "/close");
    QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
    r = request("GET", "/reset/5000");
    QVERIFY2(r.error != QNetworkReply::NoError, "a reset mid-body is an error");
    r = request("GET", "/big-header/70000");
    QCOMPARE(r.reply->rawHeader("X-Big").size(), 70000);
    r = request("GET", "/basic-auth/u/p");
    QCOMPARE(r.status, 401);
    QNetworkRequest req(QUrl(m_server.url().toString() + "/basic-auth/u/p"));
    req.setRawHeader("Authorization", "Basic " + QByteArray("u:p").toBase64());
    QCOMPARE(request("GET", {}, {}, 10000, req).status, 200);
    timer.restart();
    r = request("GET", "/drip?numbytes=4&duration=1");
    QCOMPARE(r.body, QByteArray("****"));
    QVERIFY(timer.elapsed() >= 700);
}

void TestTestServer::tlsServesTheSelfSignedCertificate()
{
    TestServer tls;
    QString error;
    QVERIFY2(tls.start({0, true}, &error), qPrintable(error));
    QCOMPARE(tls.url().scheme(), QStringLiteral("https"));
    const QList<QSslCertificate> certs = QSslCertificate::fromData(tls.certificatePem());
    QCOMPARE(certs.size(), 1);

    QNetworkRequest trusted(QUrl(tls.url().toString() + "/get"));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(certs);
    trusted.setSslConfiguration(config);
    Result r = request("GET", {}, {}, 10000, trusted);
    QVERIFY2(r.error == QNetworkReply::NoError, qPrintable(r.reply->errorString()));
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value("url").toString(),
             tls.url().toString() + "/get");

    // QNetworkAccessManager would reuse the trusted connection for the next request.
    m_network.clearConnectionCache();
    QNetworkRequest untrusted(QUrl(tls.url().toString() + "/get"));
    r = request("GET", {}, {}, 10000, untrusted);
    QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
}

void TestTestServer::commandPrintsItsUrlAndStopsOnSigint()
{
    QProcess process;
    process.start(QStringLiteral(NANOJS_PATH), {QStringLiteral("serve-test")});
    QVERIFY(process.waitForStarted());
    QVERIFY(process.waitForReadyRead(10000));
    QTRY_VERIFY(process.canReadLine());
    const QUrl url(QString::fromUtf8(process.readLine()).trimmed());
    QCOMPARE(url.scheme(), QStringLiteral("http"));
    QNetworkRequest req(QUrl(url.toString() + "/status/204"));
    QCOMPARE(request("GET", {}, {}, 10000, req).status, 204);
    ::kill(static_cast<pid_t>(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAll().contains("stopped"));

    QProcess bad;
    bad.start(QStringLiteral(NANOJS_PATH), {QStringLiteral("serve-test"), QStringLiteral("x.js")});
    QVERIFY(bad.waitForFinished(5000));
    QCOMPARE(bad.exitCode(), 2);
}

QTEST_GUILESS_MAIN(TestTestServer)
#include "tst_test_server.moc"
