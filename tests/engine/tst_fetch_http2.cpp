// fetch() over HTTP/2: QNetworkAccessManager offers h2 by ALPN over TLS (Http2AllowedAttribute)
// and uses it when the server agrees. Our own test server speaks HTTP/1.1 only (QTcpServer;
// Qt HttpServer 6.4 has no HTTP/2 either), so the h2 server here is Debian's nginx (built with
// its http_v2 module), started on a free port of 127.0.0.1 with a self-signed certificate that
// this process trusts (QSslConfiguration::setDefaultConfiguration): nanojs itself has no
// option to trust a certificate. The test is skipped where nginx is not installed.

#include "engine/controller.h"
#include "har_output.h"
#include "inspect/har.h"
#include "test_server.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace nano;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort(); // closed again here: nginx takes it a moment later
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestFetchHttp2 : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        const QString nginx = QStandardPaths::findExecutable(
            QStringLiteral("nginx"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        if (nginx.isEmpty()) QSKIP("nginx is not installed: no HTTP/2 server to test against");
        QVERIFY(m_dir.isValid());
        QByteArray cert, key;
        QVERIFY(testserver::makeSelfSignedCertificate(cert, key));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("cert.pem")), cert));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("key.pem")), key));
        m_port = freePort();
        const QByteArray dir = m_dir.path().toUtf8();
        const QByteArray config =
            "daemon off; master_process off; worker_processes 1;\n"
            "pid " +
            dir + "/nginx.pid; error_log " + dir +
            "/error.log;\n"
            "events { worker_connections 64; }\n"
            "http {\n"
            "  access_log off;\n"
            "  client_body_temp_path " +
            dir + "/body; proxy_temp_path " + dir +
            "/proxy;\n"
            "  fastcgi_temp_path " +
            dir + "/fcgi; uwsgi_temp_path " + dir +
            "/uwsgi;\n"
            "  scgi_temp_path " +
            dir +
            "/scgi;\n"
            "  server {\n"
            "    listen 127.0.0.1:" +
            QByteArray::number(m_port) +
            " ssl http2;\n"
            "    ssl_certificate " +
            dir + "/cert.pem; ssl_certificate_key " + dir +
            "/key.pem;\n"
            "    location / { default_type text/plain; return 200 \"over h2\\n\"; }\n"
            "  }\n"
            "}\n";
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("nginx.conf")), config));
        m_nginx.setProcessChannelMode(QProcess::MergedChannels);
        m_nginx.start(nginx, {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-e"),
                              m_dir.filePath(QStringLiteral("error.log")), QStringLiteral("-c"),
                              m_dir.filePath(QStringLiteral("nginx.conf"))});
        QVERIFY(m_nginx.waitForStarted());
        bool listening = false;
        for (int i = 0; i < 100 && !listening && m_nginx.state() == QProcess::Running; ++i) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, m_port);
            listening = socket.waitForConnected(100);
            if (!listening) QTest::qWait(100);
        }
        QVERIFY2(listening, m_nginx.readAll().constData());

        // Trusted by this process only: every request made from now on takes it.
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(QSslCertificate::fromData(cert));
        QSslConfiguration::setDefaultConfiguration(ssl);
    }

    void cleanupTestCase()
    {
        if (m_nginx.state() == QProcess::NotRunning) return;
        m_nginx.terminate();
        if (!m_nginx.waitForFinished(5000)) m_nginx.kill();
    }

    void aResponseOverHttp2ReportsVersion2()
    {
        Controller controller;
        cli::HarCollector collector(controller);
        QSignalSpy finished(&controller, &Controller::runFinished);
        RunRequest request;
        request.source =
            QStringLiteral("const r = await fetch('https://127.0.0.1:%1/h2');\n"
                           "if (r.status !== 200 || r.statusText !== '') throw r.status;\n"
                           "const text = await r.text();\n"
                           "if (text !== 'over h2\\n') throw new Error(text);\n")
                .arg(m_port);
        request.sourceName = QStringLiteral("h2.mjs");
        controller.run(request);
        QVERIFY(finished.wait(20000));
        QCoreApplication::processEvents();
        const RunResult result = finished.at(0).at(0).value<RunResult>();
        QVERIFY2(result.status == RunResult::Status::Completed && result.exitCode == 0,
                 qPrintable(result.errorText));

        const FetchRecords records = collector.records();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].state, FetchRecord::State::Done);
        QCOMPARE(records[0].httpVersion, QByteArray("2"));
        QCOMPARE(records[0].status, 200);

        const QString har = m_dir.filePath(QStringLiteral("h2.har"));
        QString error;
        QVERIFY2(collector.write(har, &error), qPrintable(error));
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject entry = QJsonDocument::fromJson(file.readAll())
                                      .object()["log"]
                                      .toObject()["entries"]
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(entry["response"].toObject()["httpVersion"].toString(), QStringLiteral("HTTP/2"));
    }

private:
    QTemporaryDir m_dir;
    QProcess m_nginx;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(TestFetchHttp2)
#include "tst_fetch_http2.moc"
