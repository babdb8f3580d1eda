// A script that logs 100 000 lines, in the real window (offscreen): the UI thread keeps
// answering events within 50 ms while the lines arrive, the console follows the newest row
// unless the user scrolled up, and the status bar reports the run's own time.

#include "console/console_dock.h"
#include "console/console_model.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "window_test_support.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QStatusBar>
#include <QTreeView>
#include <QtTest>
#include <ctime>

using nano::ui::ConsoleModel;
using nano::ui::MainWindow;
using nano::ui::test::testWindowOptions;

namespace {

// The memory chart samples as often as in the application, redrawn meanwhile.
const int AppHeapSamplingMs = MainWindow::Options().heapSamplingMs;

// Measures the longest gap between two timer ticks of the UI thread's event loop: what a
// user feels as the delay before a key press shows. On a loaded machine the thread may also
// wait for a core, which no code of ours causes; so each gap also records the CPU time the UI
// thread itself spent in it (the part our code is responsible for).
class LatencyProbe final : public QObject {
public:
    explicit LatencyProbe(int intervalMs = 5)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 cpu = threadCpuMs();
            if (m_clock.isValid()) {
                const qint64 gap = m_clock.restart() - m_timer.interval();
                m_worst = qMax(m_worst, gap);
                m_worstBusy = qMax(m_worstBusy, cpu - m_lastCpu);
            } else {
                m_clock.start();
            }
            m_lastCpu = cpu;
        });
        m_timer.start();
    }
    qint64 worstMs() const { return m_worst; }
    qint64 worstBusyMs() const { return m_worstBusy; }

private:
    static qint64 threadCpuMs()
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
    qint64 m_worstBusy = 0;
    qint64 m_lastCpu = 0;
};

const char* const Flood = "for (let i = 0; i < 100000; i++) console.log('line ' + i);";

} // namespace

class TestConsoleFlood : public QObject {
    Q_OBJECT
private slots:
    void windowStaysResponsiveWhile100000LinesArrive()
    {
        MainWindow window(testWindowOptions(AppHeapSamplingMs));
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.editors()->current()->setText(QString::fromLatin1(Flood));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        ConsoleModel* model = window.consoleDock()->model();
        QTreeView* view = window.consoleDock()->view();

        LatencyProbe probe;
        QElapsedTimer clock;
        clock.start();
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        // Every line is through the console (the newest ones are kept, the rest counted).
        QTRY_COMPARE_WITH_TIMEOUT(model->messageCount() + int(model->droppedCount()), 100000,
                                  20000);
        QTest::qWait(100);
        qInfo("100000 lines: shown after %lld ms, worst event delay %lld ms, of which the UI "
              "thread was busy %lld ms",
              static_cast<long long>(clock.elapsed()), static_cast<long long>(probe.worstMs()),
              static_cast<long long>(probe.worstBusyMs()));
        // Under 50 ms of our own work between two events; the wall-clock bound is looser for
        // a loaded two-core machine (before the fix both were about 20 000 ms).
        QVERIFY2(probe.worstBusyMs() < 50, qPrintable(QString::number(probe.worstBusyMs())));
        QVERIFY2(probe.worstMs() < 250, qPrintable(QString::number(probe.worstMs())));

        // The newest row is on screen.
        const QModelIndex last = view->model()->index(view->model()->rowCount() - 1, 0);
        QCOMPARE(last.data().toString(), QStringLiteral("line 99999"));
        QVERIFY(view->viewport()->rect().intersects(view->visualRect(last)));
    }

    void scrolledUpConsoleStaysWhereTheUserPutIt()
    {
        MainWindow window(testWindowOptions(AppHeapSamplingMs));
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.editors()->current()->setText(
            QStringLiteral("for (let i = 0; i < 500; i++) console.log('first ' + i);"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE(finished.size(), 1);
        QTreeView* view = window.consoleDock()->view();
        QTRY_COMPARE(view->model()->rowCount(), 500);
        QTest::qWait(100);
        QScrollBar* bar = view->verticalScrollBar();
        QTRY_COMPARE(bar->value(), bar->maximum());
        // The user scrolls to the top; new rows do not pull the view down.
        bar->setValue(0);
        window.consoleDock()->appendMessages({[] {
            nano::ConsoleMessage m;
            m.text = QStringLiteral("later");
            m.runId = 1;
            return m;
        }()});
        QTRY_COMPARE(view->model()->rowCount(), 501);
        QTest::qWait(200);
        QCOMPARE(bar->value(), 0);
        // Back at the bottom, it follows again.
        bar->setValue(bar->maximum());
        window.consoleDock()->appendMessages({[] {
            nano::ConsoleMessage m;
            m.text = QStringLiteral("latest");
            m.runId = 1;
            return m;
        }()});
        QTRY_COMPARE(view->model()->rowCount(), 502);
        QTRY_COMPARE(bar->value(), bar->maximum());
        const QModelIndex last = view->model()->index(view->model()->rowCount() - 1, 0);
        QCOMPARE(last.data().toString(), QStringLiteral("latest"));
        QVERIFY(view->viewport()->rect().intersects(view->visualRect(last)));
    }

    void statusBarTimesAgreeWithTheRun()
    {
        MainWindow window(testWindowOptions(AppHeapSamplingMs));
        window.show();
        window.editors()->current()->setText(QString::fromLatin1(Flood));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QTest::qWait(300);
        const auto result = finished.first().first().value<nano::RunResult>();
        const QString seconds = QLocale().toString(result.elapsedMs / 1000.0, 'f', 2);
        QVERIFY2(window.statusText().contains(seconds), qPrintable(window.statusText()));
        // The elapsed label on the right shows the same time, not the UI's own clock.
        const QList<QLabel*> labels = window.statusBar()->findChildren<QLabel*>();
        bool found = false;
        for (QLabel* label : labels)
            found =
                found || (label->text().contains(seconds) && label->text() != window.statusText());
        QVERIFY2(found, qPrintable(seconds));
    }
};

QTEST_MAIN(TestConsoleFlood)
#include "tst_console_flood.moc"
