// Running and stopping from the window (offscreen): while a script runs, Run becomes Restart
// in the toolbar, the Run menu and behind F5 (one action), and goes back to Run when the run
// ends; Stop leaves a console line that says the user stopped the run, a restart one that says
// the run was restarted; Stop also ends a busy REPL line, and Run does not wait behind one.

#include "console/console_dock.h"
#include "console/console_model.h"
#include "console/repl_line.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "window_test_support.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

using nano::ConsoleMessage;
using nano::ui::ConsoleModel;
using nano::ui::MainWindow;
using nano::ui::test::consoleTexts;
using nano::ui::test::testWindowOptions;

namespace {

// The console row whose text starts with `prefix`, or an invalid index.
QModelIndex rowStartingWith(MainWindow& window, const QString& prefix)
{
    ConsoleModel* model = window.consoleDock()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ConsoleModel::FullTextRole).toString().startsWith(prefix)) return index;
    }
    return {};
}

QString toolbarText(MainWindow& window)
{
    for (QToolBar* bar : window.findChildren<QToolBar*>()) {
        if (auto* button = qobject_cast<QToolButton*>(bar->widgetForAction(window.runAction())))
            return button->text();
    }
    return {};
}

} // namespace

class TestRunControl : public QObject {
    Q_OBJECT
private slots:
    void runBecomesRestartWhileAScriptRuns()
    {
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.editors()->current()->setText(
            QStringLiteral("console.log('up'); setInterval(() => {}, 1000);"));
        QAction* run = window.runAction();
        QCOMPARE(run->text(), QStringLiteral("&Run"));
        QSignalSpy started(window.controller(), &nano::Controller::runStarted);
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        QTest::keyClick(&window, Qt::Key_F5);
        QCOMPARE(started.size(), 1);
        QCOMPARE(run->text(), QStringLiteral("&Restart"));
        QVERIFY(run->isEnabled());
        QVERIFY(run->toolTip().startsWith(QStringLiteral("Stop the running script")));
        QCOMPARE(toolbarText(window), QStringLiteral("Restart"));
        // The Run menu holds the same action.
        bool inMenu = false;
        for (QAction* menu : window.menuBar()->actions()) {
            if (menu->menu()) inMenu = inMenu || menu->menu()->actions().contains(run);
        }
        QVERIFY(inMenu);

        QTRY_VERIFY(consoleTexts(window).contains(QStringLiteral("up")));
        // F5 again restarts: a new run, and the first one ends as stopped.
        window.consoleDock()->clearOnRunAction()->setChecked(false);
        QTest::keyClick(&window, Qt::Key_F5);
        QCOMPARE(started.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QCOMPARE(finished.first().first().value<nano::RunResult>().status,
                 nano::RunResult::Status::Stopped);
        QTRY_VERIFY2(
            rowStartingWith(window, QStringLiteral("Run stopped: restarted after")).isValid(),
            qPrintable(consoleTexts(window).join(u'\n')));
        QCOMPARE(run->text(), QStringLiteral("&Restart")); // the second run goes on

        window.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(run->text(), QStringLiteral("&Run"));
        QCOMPARE(toolbarText(window), QStringLiteral("Run"));
        QVERIFY(run->toolTip().startsWith(QStringLiteral("Run the current buffer")));
    }

    void runPressedTwiceInARowReportsBothRuns()
    {
        // The second F5 comes before the first run's entry task: the first run still ends,
        // as stopped, and the second goes on.
        MainWindow window(testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.editors()->current()->setText(QStringLiteral("setInterval(() => {}, 1000);"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        QTest::keyClick(&window, Qt::Key_F5);
        QTest::keyClick(&window, Qt::Key_F5);
        QCOMPARE(window.controller()->currentRunId(), quint64(2));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const auto first = finished.first().first().value<nano::RunResult>();
        QCOMPARE(first.runId, window.controller()->currentRunId() - 1);
        QCOMPARE(first.status, nano::RunResult::Status::Stopped);
        QVERIFY(window.controller()->isRunning());
        window.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(window.runAction()->text(), QStringLiteral("&Run"));
    }

    void stopSaysSoInTheConsole()
    {
        MainWindow window(testWindowOptions());
        window.show();
        window.editors()->current()->setText(
            QStringLiteral("console.log('before'); while (true) {}"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_VERIFY(consoleTexts(window).contains(QStringLiteral("before")));
        window.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QTRY_VERIFY2(rowStartingWith(window, QStringLiteral("Run stopped by the user")).isValid(),
                     qPrintable(consoleTexts(window).join(u'\n')));
        const QModelIndex note = rowStartingWith(window, QStringLiteral("Run stopped by the user"));
        QCOMPARE(note.data(ConsoleModel::LevelRole).toInt(), int(ConsoleMessage::Level::Info));
        // After the script's own output.
        QVERIFY(note.row() > rowStartingWith(window, QStringLiteral("before")).row());

        // A run that ends by itself gets no such line.
        window.consoleDock()->clear();
        window.editors()->current()->setText(QStringLiteral("console.log('done');"));
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QTRY_VERIFY(consoleTexts(window).contains(QStringLiteral("done")));
        QTest::qWait(100);
        QVERIFY(!rowStartingWith(window, QStringLiteral("Run stopped")).isValid());
    }

    void stopEndsABusyReplLine()
    {
        MainWindow window(testWindowOptions());
        window.show();
        window.editors()->current()->setText(QStringLiteral("const n = 1;"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(!window.stopAction()->isEnabled());
        nano::ui::ReplLine* repl = window.consoleDock()->replLine();
        QTest::keyClicks(repl, QStringLiteral("while (true) {}"));
        QTest::keyClick(repl, Qt::Key_Return);
        QVERIFY(window.stopAction()->isEnabled());
        QTest::qWait(200); // the line spins on the engine thread
        QVERIFY(window.stopAction()->isEnabled());
        window.stopAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            rowStartingWith(window, QStringLiteral("Evaluation was stopped.")).isValid(), 10000);
        QTRY_VERIFY(!window.stopAction()->isEnabled());
        // The context lives on for the next line.
        QTest::keyClicks(repl, QStringLiteral("n + 1"));
        QTest::keyClick(repl, Qt::Key_Return);
        QTRY_VERIFY(consoleTexts(window).contains(QStringLiteral("2")));

        // Run while a line spins: the line is stopped and the run goes ahead.
        QTest::keyClicks(repl, QStringLiteral("while (true) {}"));
        QTest::keyClick(repl, Qt::Key_Return);
        QTest::qWait(100);
        window.editors()->current()->setText(QStringLiteral("console.log('ran');"));
        window.consoleDock()->clearOnRunAction()->setChecked(false);
        window.runAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(finished.last().first().value<nano::RunResult>().status,
                 nano::RunResult::Status::Completed);
        QTRY_VERIFY(consoleTexts(window).contains(QStringLiteral("ran")));
    }
};

QTEST_MAIN(TestRunControl)
#include "tst_run_control.moc"
