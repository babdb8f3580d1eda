// The network dock in the real window (offscreen) against the local test server: a script's
// three fetches become three rows with status, size and timing, and a refused one shows its
// cause; the details pane parses the query string and shows JSON as a tree; a click on an
// initiator jumps to its line; Copy as cURL of a POST with a JSON body runs under curl (when
// present) and the server echoes the same body; an exported HAR has HAR 1.2's structure and
// imports back to the same rows; Resend adds a row. The models run under
// QAbstractItemModelTester.

#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "network/network_details.h"
#include "network/network_dock.h"
#include "network/network_filter.h"
#include "network/network_model.h"
#include "network/timing_view.h"
#include "server_thread.h"
#include "window_test_support.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

using namespace nano;
using nano::ui::MainWindow;
using nano::ui::NetworkDetails;
using nano::ui::NetworkDock;
using nano::ui::NetworkModel;
using nano::ui::test::ServerThread;
using nano::ui::test::testWindowOptions;

namespace {

// A port of 127.0.0.1 where nothing listens.
quint16 refusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

// Runs `code` in the window's current buffer and waits until the run ended and the dock has
// `rows` finished rows.
bool runAndWait(MainWindow& window, const QString& code, int rows)
{
    QSignalSpy finished(window.controller(), &Controller::runFinished);
    window.editors()->current()->setText(code);
    window.runCurrent();
    if (!finished.wait(20000)) return false;
    NetworkModel* model = window.networkDock()->model();
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20000) {
        int done = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            done += model->record(row).state != FetchRecord::State::InFlight;
        if (done == rows && model->rowCount() == rows) return true;
        QTest::qWait(20);
    }
    return false;
}

int rowOf(NetworkDock* dock, const QString& urlPart)
{
    for (int row = 0; row < dock->filter()->rowCount(); ++row) {
        if (dock->filter()->index(row, 0).data(NetworkModel::UrlRole).toString().contains(urlPart))
            return row;
    }
    return -1;
}

void select(NetworkDock* dock, int row)
{
    dock->view()->setCurrentIndex(dock->filter()->index(row, NetworkModel::NameColumn));
}

QStringList rowTexts(const QAbstractItemModel* model, int row)
{
    QStringList texts;
    for (const int column :
         {NetworkModel::MethodColumn, NetworkModel::NameColumn, NetworkModel::StatusColumn,
          NetworkModel::TypeColumn, NetworkModel::SizeColumn})
        texts << model->index(row, column).data().toString();
    return texts;
}

} // namespace

class TestNetworkDock : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(m_server.ok(), qPrintable(m_server.error())); }

    void threeFetchesAndAFailureFillTheTable()
    {
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        NetworkDock* dock = window.networkDock();
        dock->raise();
        QAbstractItemModelTester modelTester(
            dock->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(
            dock->filter(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString code = QStringLiteral("const base = '%1';\n"
                                            "const read = (p) => p.then((r) => r.arrayBuffer());\n"
                                            "read(fetch(base + '/get?x=1&name=nano'));\n"
                                            "read(fetch(base + '/bytes/2048'));\n"
                                            "read(fetch(base + '/status/404'));\n"
                                            "fetch('http://127.0.0.1:%2/refused').catch((e) => "
                                            "console.log(e.cause && e.cause.code));\n")
                                 .arg(m_server.url())
                                 .arg(refusedPort());
        QVERIFY(runAndWait(window, code, 4));
        QAbstractItemModel* rows = dock->filter();

        const int get = rowOf(dock, QStringLiteral("/get"));
        const int bytes = rowOf(dock, QStringLiteral("/bytes/2048"));
        const int missing = rowOf(dock, QStringLiteral("/status/404"));
        const int refused = rowOf(dock, QStringLiteral("/refused"));
        QVERIFY(get >= 0 && bytes >= 0 && missing >= 0 && refused >= 0);
        QCOMPARE(rows->index(get, NetworkModel::StatusColumn).data().toString(),
                 QStringLiteral("200 OK"));
        QCOMPARE(rows->index(get, NetworkModel::TypeColumn).data().toString(),
                 QStringLiteral("json"));
        QCOMPARE(rows->index(bytes, NetworkModel::SizeColumn).data().toString(),
                 QStringLiteral("2.0 kB"));
        QCOMPARE(rows->index(missing, NetworkModel::StatusColumn).data().toString().left(3),
                 QStringLiteral("404"));
        for (const int row : {get, bytes, missing}) {
            QVERIFY(rows->index(row, NetworkModel::TimeColumn)
                        .data()
                        .toString()
                        .endsWith(QLatin1String("ms")) ||
                    rows->index(row, NetworkModel::TimeColumn)
                        .data()
                        .toString()
                        .endsWith(QLatin1String(" s")));
            const auto timing =
                rows->index(row, 0).data(NetworkModel::TimingRole).value<FetchRecord::Timing>();
            QVERIFY(timing.firstByte >= timing.queued && timing.end >= timing.firstByte);
        }
        QCOMPARE(rows->index(refused, NetworkModel::StatusColumn).data().toString(),
                 QStringLiteral("(failed) ECONNREFUSED"));
        QVERIFY(rows->index(refused, NetworkModel::StatusColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QLatin1String("ECONNREFUSED")));
        QCOMPARE(rows->index(get, NetworkModel::InitiatorColumn).data().toString(),
                 window.editors()->current()->sourceUrl().section(u'/', -1) + QStringLiteral(":3"));
        QVERIFY(dock->summaryText().startsWith(QStringLiteral("Requests: 4 \u00b7")));

        // Details: the query string parsed, the JSON body as a tree, a bar per phase.
        select(dock, get);
        NetworkDetails* details = dock->details();
        QVERIFY(details->isVisibleTo(dock));
        QTreeWidget* payload = details->payloadTree();
        QCOMPARE(payload->topLevelItemCount(), 1);
        QCOMPARE(payload->topLevelItem(0)->childCount(), 2);
        QCOMPARE(payload->topLevelItem(0)->child(1)->text(1), QStringLiteral("nano"));
        QCOMPARE(details->responseView(), NetworkDetails::ResponseView::JsonTree);
        QVERIFY(details->jsonTree()->topLevelItem(0)->childCount() > 0);
        QVERIFY(details->headersText().contains(QLatin1String("Content-Type")));
        details->rawHeaders()->setChecked(true);
        QVERIFY(
            details->headersText().startsWith(QLatin1String("GET /get?x=1&name=nano HTTP/1.1")));
        QVERIFY(details->timingView()->rows().size() >= 2);
        select(dock, bytes);
        QCOMPARE(details->responseView(), NetworkDetails::ResponseView::Hex);

        // Filters: the failed class alone shows the refused fetch.
        for (int i = 0; i < 4; ++i)
            dock->findChild<QToolButton*>(QStringLiteral("networkStatus%1").arg(i))
                ->setChecked(false);
        QCOMPARE(dock->filter()->rowCount(), 1);
        QVERIFY(dock->summaryText().startsWith(QLatin1String("Requests: 1 of 4")));
        for (int i = 0; i < 4; ++i)
            dock->findChild<QToolButton*>(QStringLiteral("networkStatus%1").arg(i))
                ->setChecked(true);

        // The initiator column jumps to the line of the fetch in the editor.
        QSignalSpy activated(dock, &NetworkDock::initiatorActivated);
        const QModelIndex initiator =
            rows->index(rowOf(dock, QStringLiteral("/status/404")), NetworkModel::InitiatorColumn);
        dock->view()->scrollTo(initiator);
        QTest::mouseClick(dock->view()->viewport(), Qt::LeftButton, {},
                          dock->view()->visualRect(initiator).center());
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().at(1).toInt(), 5);
        int line = 0, index = 0;
        window.editors()->current()->getCursorPosition(&line, &index);
        QCOMPARE(line + 1, 5);

        // A new run clears the table unless Preserve log is on.
        dock->preserveLog()->setChecked(true);
        QVERIFY(runAndWait(
            window, QStringLiteral("fetch('%1/get').then((r) => r.text());").arg(m_server.url()),
            5));
        dock->preserveLog()->setChecked(false);
        QVERIFY(runAndWait(
            window, QStringLiteral("fetch('%1/get').then((r) => r.text());").arg(m_server.url()),
            1));
    }

    void copyAsCurlReproducesAPost()
    {
        MainWindow window(testWindowOptions());
        NetworkDock* dock = window.networkDock();
        const QString body = QStringLiteral("{\"name\":\"nano\",\"quote\":\"it's\",\"n\":[1,2]}");
        QVERIFY(
            runAndWait(window,
                       QStringLiteral("fetch('%1/anything/post', { method: 'POST', headers: "
                                      "{ 'content-type': 'application/json', 'x-test': 'a b' }, "
                                      "body: JSON.stringify(%2) }).then((r) => r.text());")
                           .arg(m_server.url(), body),
                       1));
        select(dock, 0);
        dock->action(QStringLiteral("networkCopyCurlAction"))->trigger();
        const QString command = QGuiApplication::clipboard()->text();
        QVERIFY2(command.startsWith(QStringLiteral("curl '%1/anything/post'").arg(m_server.url())),
                 qPrintable(command));
        QVERIFY(command.contains(QLatin1String("--data-raw")));
        dock->action(QStringLiteral("networkCopyFetchAction"))->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().contains(QLatin1String("method: \"POST\"")));

        if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
            QSKIP("curl is not installed: the command's text was checked, not run");
        QProcess curl;
        curl.start(QStringLiteral("sh"), {QStringLiteral("-c"), command + QStringLiteral(" -s")});
        QVERIFY(curl.waitForFinished(20000));
        QCOMPARE(curl.exitCode(), 0);
        const QJsonObject echo = QJsonDocument::fromJson(curl.readAllStandardOutput()).object();
        QCOMPARE(echo.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QCOMPARE(echo.value(QStringLiteral("data")).toString(), body);
        QCOMPARE(echo.value(QStringLiteral("json")).toObject(),
                 QJsonDocument::fromJson(body.toUtf8()).object());
    }

    void harExportImportsBackToTheSameRows()
    {
        MainWindow window(testWindowOptions());
        NetworkDock* dock = window.networkDock();
        QVERIFY(runAndWait(window,
                           QStringLiteral("const b = '%1';\n"
                                          "fetch(b + '/redirect/2').then((r) => r.text());\n"
                                          "fetch(b + '/bytes/100').then((r) => r.arrayBuffer());\n"
                                          "fetch(b + '/status/500').then((r) => r.text());\n")
                               .arg(m_server.url()),
                           3));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.har"));
        nano::ui::test::answerFileDialog(path);
        dock->action(QStringLiteral("networkExportAction"))->trigger();
        QVERIFY(QFile::exists(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject log = QJsonDocument::fromJson(file.readAll())
                                    .object()
                                    .value(QStringLiteral("log"))
                                    .toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        QVERIFY(log.value(QStringLiteral("creator")).toObject().contains(QStringLiteral("name")));
        const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 5); // two redirect hops, then three final requests
        for (const QJsonValue& value : entries) {
            const QJsonObject entry = value.toObject();
            for (const char* key :
                 {"startedDateTime", "time", "request", "response", "cache", "timings"})
                QVERIFY2(entry.contains(QLatin1String(key)), key);
            for (const char* key : {"method", "url", "httpVersion", "headers", "queryString",
                                    "cookies", "headersSize", "bodySize"})
                QVERIFY2(
                    entry.value(QStringLiteral("request")).toObject().contains(QLatin1String(key)),
                    key);
            for (const char* key : {"status", "statusText", "content", "redirectURL", "headers"})
                QVERIFY2(
                    entry.value(QStringLiteral("response")).toObject().contains(QLatin1String(key)),
                    key);
            for (const char* key : {"send", "wait", "receive"})
                QVERIFY2(
                    entry.value(QStringLiteral("timings")).toObject().contains(QLatin1String(key)),
                    key);
        }

        QList<QStringList> before;
        QList<double> beforeTimes;
        for (int row = 0; row < dock->filter()->rowCount(); ++row) {
            before << rowTexts(dock->filter(), row);
            beforeTimes << dock->filter()
                               ->index(row, NetworkModel::TimeColumn)
                               .data(NetworkModel::SortRole)
                               .toDouble();
        }
        dock->clear();
        QString error;
        QVERIFY2(dock->importHar(path, &error), qPrintable(error));
        QCOMPARE(dock->filter()->rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(rowTexts(dock->filter(), row), before.at(row));
            // HAR's startedDateTime has millisecond resolution: a redirected fetch's total
            // (its hops' starts included) comes back within a millisecond.
            const QModelIndex time = dock->filter()->index(row, NetworkModel::TimeColumn);
            QVERIFY(qAbs(time.data(NetworkModel::SortRole).toDouble() - beforeTimes.at(row)) <=
                    1.0);
            QVERIFY(dock->filter()->index(row, 0).data(NetworkModel::ImportedRole).toBool());
        }
        QVERIFY(dock->filter()
                    ->index(0, NetworkModel::InitiatorColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("imported")));
        select(dock, 0);
        QCOMPARE(dock->details()->redirectsTree()->topLevelItemCount(), 3);
        QVERIFY(!dock->importHar(dir.filePath(QStringLiteral("missing.har")), &error));
    }

    void resendAddsARow()
    {
        MainWindow window(testWindowOptions());
        NetworkDock* dock = window.networkDock();
        QVERIFY(runAndWait(
            window,
            QStringLiteral(
                "fetch('%1/anything/again', { method: 'PUT', body: 'x=1' }).then((r) => r.text());")
                .arg(m_server.url()),
            1));
        select(dock, 0);
        dock->action(QStringLiteral("networkResendAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(dock->model()->rowCount(), 2, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(dock->model()->record(1).state, FetchRecord::State::Done, 20000);
        QCOMPARE(dock->model()->record(1).method, QByteArray("PUT"));
        QCOMPARE(dock->model()->record(1).requestBody.bytes, QByteArray("x=1"));
        QCOMPARE(dock->model()->record(1).status, 200);
    }

private:
    ServerThread m_server;
};

QTEST_MAIN(TestNetworkDock)
#include "tst_network_dock.moc"
