// fetch() and the life of a run, through the Controller: Stop and the end of a run abort every
// request still in flight (the server sees its connections closed), an unread body does not
// hold the run open, and the REPL after a run can still await fetch(). A raw QTcpServer that
// never answers (or answers and stalls) stands for the network.

#include "engine/controller.h"
#include "routes.h"
#include "test_server.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace nano;

namespace {

// Accepts connections and counts those still open; with `answer`, each gets a response head
// announcing a large body, a few bytes of it, and nothing more.
class StallingServer : public QObject {
public:
    explicit StallingServer(bool answer)
        : m_answer(answer)
    {
        m_server.listen(QHostAddress::LocalHost);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                ++m_open;
                QObject::connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    --m_open;
                    socket->deleteLater();
                });
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    socket->readAll();
                    if (m_answer && !socket->property("answered").toBool()) {
                        socket->setProperty("answered", true);
                        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n"
                                      "first bytes");
                    }
                });
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    int open() const { return m_open; }

private:
    QTcpServer m_server;
    bool m_answer;
    int m_open = 0;
};

RunRequest source(const QString& code)
{
    RunRequest request;
    request.source = code;
    request.sourceName = QStringLiteral("test.mjs");
    return request;
}

} // namespace

class TestFetchRun : public QObject {
    Q_OBJECT
private slots:
    void stopAbortsRequestsInFlight()
    {
        StallingServer server(false);
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(
            source(QStringLiteral("for (let i = 0; i < 3; ++i) fetch('%1/x');").arg(server.url())));
        QTRY_COMPARE_WITH_TIMEOUT(server.open(), 3, 10000);
        QVERIFY(finished.isEmpty()); // the requests keep the run alive
        controller.stop();
        QVERIFY(finished.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(server.open(), 0, 10000);
    }

    void theEndOfARunAbortsAnUnreadBody()
    {
        StallingServer server(true);
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        // The response arrives; nobody reads its body, so nothing keeps the run alive.
        controller.run(
            source(QStringLiteral("globalThis.r = await fetch('%1/big'); console.log(r.status);")
                       .arg(server.url())));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<RunResult>().exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(server.open(), 0, 10000);
    }

    void exitAbortsRequestsInFlight()
    {
        StallingServer server(false);
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        controller.run(source(QStringLiteral("fetch('%1/x'); setTimeout(() => Nano.exit(3), 200);")
                                  .arg(server.url())));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(0).value<RunResult>().exitCode, 3);
        QTRY_COMPARE_WITH_TIMEOUT(server.open(), 0, 10000);
    }

    void theReplAfterARunCanAwaitFetch()
    {
        testserver::TestServer server;
        QString error;
        QVERIFY2(server.start({}, &error), qPrintable(error));
        Controller controller;
        QSignalSpy finished(&controller, &Controller::runFinished);
        QSignalSpy evaluated(&controller, &Controller::evaluated);
        controller.run(
            source(QStringLiteral("globalThis.base = '%1';").arg(server.url().toString())));
        QVERIFY(finished.wait(10000));
        controller.evaluate(QStringLiteral("(await fetch(base + '/get?repl=1')).status"));
        QVERIFY(evaluated.wait(10000));
        QCOMPARE(evaluated.first().at(1).toString(), QStringLiteral("200"));
        controller.evaluate(
            QStringLiteral("(await (await fetch(base + '/anything', {method: 'POST', body: 'b'}))"
                           ".json()).data"));
        QVERIFY(evaluated.wait(10000));
        QCOMPARE(evaluated.last().at(1).toString(), QStringLiteral("'b'"));
    }
};

QTEST_GUILESS_MAIN(TestFetchRun)
#include "tst_fetch_run.moc"
