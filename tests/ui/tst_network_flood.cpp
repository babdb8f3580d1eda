// 1000 fetches in one run, with the network dock showing them: the UI thread keeps serving
// its events. A QTimer probe ticks every 5 ms on the UI thread during the run and records the
// longest gap between two ticks; the model is updated per inspector batch (about every 50 ms),
// never per request or per chunk, so the gap stays small. The server runs on its own thread.
//
// The bound: 50 ms is the goal. On the shared 2-core build
// machine (load 10-13 while five engineers build) five runs measured 36 to 40 ms and once 63 ms:
// the scheduler alone keeps a runnable thread off the CPU that long. So the test asserts kMaxGapMs,
// four times the goal, which still fails for what it guards against (an update per request or per
// chunk, a relayout of the whole table per batch: seconds, not tens of ms), and prints the measured
// maximum for the record.

#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "network/network_dock.h"
#include "network/network_model.h"
#include "server_thread.h"
#include "window_test_support.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace nano;
using nano::ui::MainWindow;
using nano::ui::NetworkModel;

namespace {
constexpr int kRequests = 1000;
constexpr qint64 kGoalMs = 50;
constexpr qint64 kMaxGapMs = 4 * kGoalMs;
} // namespace

class TestNetworkFlood : public QObject {
    Q_OBJECT
private slots:
    void thousandRequestsKeepTheUiResponsive()
    {
        nano::ui::test::ServerThread server;
        QVERIFY2(server.ok(), qPrintable(server.error()));
        MainWindow window(nano::ui::test::testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.networkDock()->show();
        window.networkDock()->raise();
        window.editors()->current()->setText(
            QStringLiteral(
                "const base = '%1';\n"
                "for (let i = 0; i < %2; ++i)\n"
                "  fetch(base + '/bytes/512?seed=' + (i + 1)).then((r) => r.arrayBuffer());\n")
                .arg(server.url())
                .arg(kRequests));

        QElapsedTimer sinceTick;
        qint64 maxGap = 0;
        QTimer probe;
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            if (sinceTick.isValid()) maxGap = std::max(maxGap, sinceTick.elapsed());
            sinceTick.restart();
        });
        QSignalSpy finished(window.controller(), &Controller::runFinished);
        // Let the window settle (first paints, the engine's start) before measuring.
        QTest::qWait(200);
        probe.start();
        window.runCurrent();
        QVERIFY(finished.wait(120000));
        NetworkModel* model = window.networkDock()->model();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kRequests, 30000);
        QTest::qWait(200); // the last batches
        probe.stop();
        int done = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            done += model->record(row).state == FetchRecord::State::Done;
        QCOMPARE(done, kRequests);
        qInfo("longest gap between two 5 ms ticks of the UI thread: %lld ms (goal %lld ms)", maxGap,
              kGoalMs);
        QVERIFY2(maxGap < kMaxGapMs, qPrintable(QStringLiteral("%1 ms").arg(maxGap)));
    }
};

QTEST_MAIN(TestNetworkFlood)
#include "tst_network_flood.moc"
