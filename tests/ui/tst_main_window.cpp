// The workbench driven through its real window (offscreen): type, run, see the console, jump
// to a location, watch memory, stop an endless loop, restore autosaved work after a kill -9,
// and the German translation.

#include "common/autosave.h"
#include "common/translations.h"
#include "console/console_dock.h"
#include "console/console_filter.h"
#include "console/console_model.h"
#include "console/repl_line.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "memory/memory_dock.h"
#include "memory/memory_model.h"

#include <QAction>
#include <QDir>
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>
#include <cstdio>

using nano::ui::CodeEditor;
using nano::ui::ConsoleModel;
using nano::ui::MainWindow;

namespace {

MainWindow::Options testOptions()
{
    MainWindow::Options options;
    options.useSettings = false;
    options.autosaveIntervalMs = 0;
    options.heapSamplingMs = 50;
    return options;
}

// The rows of the console (top level) as text.
QStringList consoleTexts(MainWindow& window)
{
    QStringList texts;
    ConsoleModel* model = window.consoleDock()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, 0).data(ConsoleModel::FullTextRole).toString();
    return texts;
}

void typeScript(CodeEditor* editor, const QString& script)
{
    editor->setFocus();
    editor->selectAll();
    editor->removeSelectedText();
    // One line at a time through real key events; auto-indent would add spaces after Return,
    // so the test scripts are unindented.
    const QStringList lines = script.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        QTest::keyClicks(editor, lines.at(i));
        if (i + 1 < lines.size())
            QTest::keyClick(editor, Qt::Key_Return);
    }
}

// The child of autosaveAndRestoreAcrossKilledChild: types into a buffer, waits for the
// autosave, says so, and waits to be killed.
int autosaveChild(int argc, char* argv[])
{
    QApplication app(argc, argv);
    MainWindow::Options options = testOptions();
    options.autosaveIntervalMs = 100;
    MainWindow window(options);
    window.show();
    QTest::keyClicks(window.editors()->current(), QStringLiteral("let unsaved = 'precious';"));
    const QDir session(window.autosave()->sessionDir());
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (!session.entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty()) {
            poll.stop();
            std::fputs("saved\n", stdout);
            std::fflush(stdout);
        }
    });
    poll.start(50);
    return app.exec();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void typedScriptRunsAndLogs()
    {
        MainWindow window(testOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        typeScript(window.editors()->current(), QStringLiteral("console.log('hello', 40 + 2);"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_VERIFY(consoleTexts(window).contains(QStringLiteral("hello 42")));
        QTRY_COMPARE(finished.size(), 1);
        QTRY_VERIFY(window.statusText().startsWith(QStringLiteral("Finished")));
    }

    void clickingALocationMovesTheCursor()
    {
        MainWindow window(testOptions());
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CodeEditor* editor = window.editors()->current();
        typeScript(editor, QStringLiteral("const a = 1;\n\n\nconsole.log('here');"));
        editor->setCursorPosition(0, 0);
        window.runAction()->trigger();
        QTRY_COMPARE(consoleTexts(window), QStringList{QStringLiteral("here")});
        QTreeView* view = window.consoleDock()->view();
        const QModelIndex location =
            view->model()->index(0, ConsoleModel::LocationColumn);
        QCOMPARE(location.data().toString(), editor->displayName() + QStringLiteral(":4"));
        view->scrollTo(location);
        const QRect rect = view->visualRect(location);
        QVERIFY(rect.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        int line = -1;
        int column = -1;
        editor->getCursorPosition(&line, &column);
        QCOMPARE(line, 3);
        QCOMPARE(column, location.data(ConsoleModel::ColumnRole).toInt() - 1);
    }

    void uncaughtErrorMarksItsLine()
    {
        MainWindow window(testOptions());
        window.show();
        CodeEditor* editor = window.editors()->current();
        typeScript(editor, QStringLiteral("const ok = 1;\nnull.property;"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(editor->hasErrorMarker());
        QVERIFY(editor->annotation(1).contains(QStringLiteral("TypeError")));
        QVERIFY(window.statusText().startsWith(QStringLiteral("Failed")));
    }

    void memorySeriesGrowsWhileAScriptAllocates()
    {
        MainWindow window(testOptions());
        window.show();
        typeScript(window.editors()->current(),
                   QStringLiteral("const keep = [];\nlet n = 0;\n"
                                  "function grow() {\n"
                                  "keep.push(Array.from({ length: 40000 }, (_, i) => ({ i })));\n"
                                  "if (++n < 40) setTimeout(grow, 20);\n}\ngrow();"));
        window.runAction()->trigger();
        nano::ui::MemorySeriesModel* series = window.memoryDock()->seriesModel();
        QTRY_VERIFY_WITH_TIMEOUT(series->rowCount() >= 6, 10000);
        const auto used = [series](int row) {
            return series->index(row, nano::ui::MemorySeriesModel::UsedColumn)
                .data(nano::ui::MemorySeriesModel::BytesRole)
                .toULongLong();
        };
        QTRY_VERIFY_WITH_TIMEOUT(used(series->rowCount() - 1) > used(0) + 4 * 1024 * 1024, 10000);
        QVERIFY(window.memoryDock()->spacesModel()->rowCount() > 0);
        window.stop();
    }

    void stopEndsAnEndlessLoopWhileTheWindowStaysResponsive()
    {
        MainWindow window(testOptions());
        window.show();
        typeScript(window.editors()->current(), QStringLiteral("while (true) {}"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QVERIFY(window.stopAction()->isEnabled());

        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(10);
        QTest::qWait(500);
        // The UI thread kept processing events while the engine spun.
        QVERIFY2(ticks >= 20, qPrintable(QStringLiteral("only %1 ticks").arg(ticks)));
        QVERIFY(window.controller()->isRunning());
        QVERIFY(window.statusText().startsWith(QStringLiteral("Running")));

        const int before = ticks;
        QElapsedTimer clock;
        clock.start();
        window.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 3000);
        QVERIFY(clock.elapsed() < 1000);
        QCOMPARE(finished.first().first().value<nano::RunResult>().status,
                 nano::RunResult::Status::Stopped);
        QTest::qWait(50);
        QVERIFY(ticks > before);
        QVERIFY(window.statusText().startsWith(QStringLiteral("Stopped")));
        QVERIFY(!window.stopAction()->isEnabled());
    }

    void replEvaluatesInTheLastRunsContext()
    {
        MainWindow window(testOptions());
        window.show();
        typeScript(window.editors()->current(), QStringLiteral("globalThis.answer = 41;"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE(finished.size(), 1);
        nano::ui::ReplLine* repl = window.consoleDock()->replLine();
        QTest::keyClicks(repl, QStringLiteral("answer + 1"));
        QTest::keyClick(repl, Qt::Key_Return);
        QTRY_VERIFY(consoleTexts(window).contains(QStringLiteral("42")));
        QVERIFY(repl->text().isEmpty());
        QTest::keyClick(repl, Qt::Key_Up);
        QCOMPARE(repl->text(), QStringLiteral("answer + 1"));
    }

    void expandedValuesStayExpandedWhenTheScriptRunsAgain()
    {
        MainWindow window(testOptions());
        window.show();
        typeScript(window.editors()->current(),
                   QStringLiteral("console.log({ a: { b: 1 }, c: [ 1, 2 ] });"));
        window.runAction()->trigger();
        QTreeView* view = window.consoleDock()->view();
        QTRY_COMPARE(view->model()->rowCount(), 1);
        const QModelIndex first = view->model()->index(0, 0);
        view->expand(first);
        view->expand(view->model()->index(0, 0, first));
        window.runAction()->trigger();
        QTRY_COMPARE(view->model()->rowCount(), 2);
        const QModelIndex second = view->model()->index(1, 0);
        QVERIFY(view->isExpanded(second));
        QVERIFY(view->isExpanded(view->model()->index(0, 0, second)));
        QVERIFY(!view->isExpanded(view->model()->index(1, 0, second)));
    }

    void autosaveAndRestoreAcrossAKilledChild()
    {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--autosave-child")});
        QVERIFY(child.waitForStarted());
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += child.readAllStandardOutput()).contains("saved")
                                     || child.state() == QProcess::NotRunning,
                                 15000);
        QCOMPARE(child.state(), QProcess::Running);
        child.kill(); // SIGKILL: no clean-up runs
        QVERIFY(child.waitForFinished());

        MainWindow window(testOptions());
        QCOMPARE(window.restoreAutosaved(false), 1);
        CodeEditor* editor = window.editors()->current();
        QCOMPARE(editor->text(), QStringLiteral("let unsaved = 'precious';"));
        QVERIFY(editor->isModified());
        QCOMPARE(window.editors()->count(), 1);
        // Claimed once: a second window finds nothing left to restore.
        MainWindow other(testOptions());
        QCOMPARE(other.restoreAutosaved(false), 0);
    }

    void germanTranslationLoads()
    {
        QCOMPARE(nano::ui::i18n::install(QStringLiteral("de")), QStringLiteral("de"));
        {
            MainWindow window(testOptions());
            const QList<QAction*> menus = window.menuBar()->actions();
            QVERIFY(!menus.isEmpty());
            QCOMPARE(menus.first()->text(), QStringLiteral("&Datei"));
            QCOMPARE(window.consoleDock()->windowTitle(), QStringLiteral("Konsole"));
            QCOMPARE(window.statusText(), QStringLiteral("Bereit"));
        }
        QCOMPARE(nano::ui::i18n::install(QStringLiteral("en")), QStringLiteral("en"));
        MainWindow window(testOptions());
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    }
};

int main(int argc, char* argv[])
{
    // Settings and autosaves of this test (and its child) go to a private directory.
    static QTemporaryDir home;
    if (qEnvironmentVariableIsEmpty("NANO_TEST_HOME")) {
        qputenv("NANO_TEST_HOME", home.path().toLocal8Bit());
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    }
    QCoreApplication::setApplicationName(QStringLiteral("nano-workbench-test"));
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--autosave-child") == 0)
            return autosaveChild(argc, argv);
    }
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_main_window.moc"
