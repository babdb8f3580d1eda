// The workbench driven through its real window (offscreen): type, run, see the console, jump
// to a location, watch memory, stop an endless loop, restore autosaved work after a kill -9,
// the German translation, find/replace, recent files, zoom, themes, heap snapshots, the
// examples, console.table and console.group.

#include "common/autosave.h"
#include "common/settings_keys.h"
#include "common/translations.h"
#include "console/console_dock.h"
#include "console/console_filter.h"
#include "console/console_model.h"
#include "console/repl_line.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "editor/find_bar.h"
#include "main_window.h"
#include "memory/memory_dock.h"
#include "memory/memory_model.h"
#include "window_test_support.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <Qsci/qscilexer.h>
#include <QtTest>
#include <cstdio>

using nano::ConsoleMessage;
using nano::ui::CodeEditor;
using nano::ui::ConsoleModel;
using nano::ui::MainWindow;
using nano::ui::test::answerFileDialog;
using nano::ui::test::consoleTexts;
using nano::ui::test::testWindowOptions;

namespace {

// The memory chart samples often, so that a short run draws a series.
constexpr int HeapSamplingMs = 50;

QString writeFile(const QDir& dir, const QString& name, const QByteArray& text)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly)) return {};
    file.write(text);
    return file.fileName();
}

// The file entries of File → Open Recent, without the separator and "Clear Recent Files".
QStringList recentEntries(MainWindow& window)
{
    QStringList entries;
    for (QAction* action : window.recentMenu()->actions()) {
        if (action->isSeparator()) break;
        entries << action->text();
    }
    return entries;
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
        if (i + 1 < lines.size()) QTest::keyClick(editor, Qt::Key_Return);
    }
}

// The child of autosaveAndRestoreAcrossKilledChild: types into a buffer, waits for the
// autosave, says so, and waits to be killed.
int autosaveChild(int argc, char* argv[])
{
    QApplication app(argc, argv);
    MainWindow::Options options = testWindowOptions(HeapSamplingMs);
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
        MainWindow window(testWindowOptions(HeapSamplingMs));
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
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CodeEditor* editor = window.editors()->current();
        typeScript(editor, QStringLiteral("const a = 1;\n\n\nconsole.log('here');"));
        editor->setCursorPosition(0, 0);
        window.runAction()->trigger();
        QTRY_COMPARE(consoleTexts(window), QStringList{QStringLiteral("here")});
        QTreeView* view = window.consoleDock()->view();
        const QModelIndex location = view->model()->index(0, ConsoleModel::LocationColumn);
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
        MainWindow window(testWindowOptions(HeapSamplingMs));
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
        MainWindow window(testWindowOptions(HeapSamplingMs));
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
        MainWindow window(testWindowOptions(HeapSamplingMs));
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
        MainWindow window(testWindowOptions(HeapSamplingMs));
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
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.show();
        typeScript(window.editors()->current(),
                   QStringLiteral("console.log({ a: { b: 1 }, c: [ 1, 2 ] });"));
        window.consoleDock()->clearOnRunAction()->setChecked(false); // both runs' rows stay
        window.runAction()->trigger();
        QTreeView* view = window.consoleDock()->view();
        QTRY_COMPARE(view->model()->rowCount(), 2); // the run's separator and its row
        const QModelIndex first = view->model()->index(1, 0);
        view->expand(first);
        view->expand(view->model()->index(0, 0, first));
        window.runAction()->trigger();
        QTRY_COMPARE(view->model()->rowCount(), 4);
        const QModelIndex second = view->model()->index(3, 0);
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
        QTRY_VERIFY_WITH_TIMEOUT((output += child.readAllStandardOutput()).contains("saved") ||
                                     child.state() == QProcess::NotRunning,
                                 15000);
        QCOMPARE(child.state(), QProcess::Running);
        child.kill(); // SIGKILL: no clean-up runs
        QVERIFY(child.waitForFinished());

        MainWindow window(testWindowOptions(HeapSamplingMs));
        QCOMPARE(window.restoreAutosaved(false), 1);
        CodeEditor* editor = window.editors()->current();
        QCOMPARE(editor->text(), QStringLiteral("let unsaved = 'precious';"));
        QVERIFY(editor->isModified());
        QCOMPARE(window.editors()->count(), 1);
        // Claimed once: a second window finds nothing left to restore.
        MainWindow other(testWindowOptions(HeapSamplingMs));
        QCOMPARE(other.restoreAutosaved(false), 0);
    }

    void findAndReplaceInTheEditor()
    {
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CodeEditor* editor = window.editors()->current();
        editor->setText(QStringLiteral("apple Apple apple\nAPPLE pie"));
        editor->setCursorPosition(0, 0);
        nano::ui::FindBar* bar = window.findBar();
        QVERIFY(!bar->isVisible());
        // Edit → Find and Replace (Ctrl+F).
        QAction* find = nullptr;
        for (QAction* action : window.findChildren<QAction*>()) {
            if (action->shortcut() == QKeySequence(QKeySequence::Find)) find = action;
        }
        QVERIFY(find);
        find->trigger();
        QVERIFY(bar->isVisible());
        auto* findText = bar->findChild<QLineEdit*>(QStringLiteral("findText"));
        auto* replaceText = bar->findChild<QLineEdit*>(QStringLiteral("replaceText"));
        auto* matchCase = bar->findChild<QCheckBox*>(QStringLiteral("matchCase"));
        QVERIFY(findText && replaceText && matchCase);
        QTRY_VERIFY(findText->hasFocus());
        QTest::keyClicks(findText, QStringLiteral("apple"));
        QTest::keyClick(findText, Qt::Key_Return);
        const auto selection = [editor] {
            int lineFrom = 0, indexFrom = 0, lineTo = 0, indexTo = 0;
            editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
            return QStringLiteral("%1:%2-%3:%4")
                .arg(lineFrom)
                .arg(indexFrom)
                .arg(lineTo)
                .arg(indexTo);
        };
        QCOMPARE(selection(), QStringLiteral("0:0-0:5"));
        QTest::mouseClick(bar->findChild<QPushButton*>(QStringLiteral("findNextButton")),
                          Qt::LeftButton);
        QCOMPARE(selection(), QStringLiteral("0:6-0:11")); // case-insensitive by default
        QTest::mouseClick(bar->findChild<QPushButton*>(QStringLiteral("findPreviousButton")),
                          Qt::LeftButton);
        QCOMPARE(selection(), QStringLiteral("0:0-0:5"));

        // Replace the current match; the next one is selected.
        QTest::keyClicks(replaceText, QStringLiteral("fig"));
        QTest::mouseClick(bar->findChild<QPushButton*>(QStringLiteral("replaceButton")),
                          Qt::LeftButton);
        QCOMPARE(editor->text(), QStringLiteral("fig Apple apple\nAPPLE pie"));
        QCOMPARE(editor->selectedText(), QStringLiteral("Apple"));

        // Replace All with Match case touches only the exact spelling, in one undo step.
        matchCase->setChecked(true);
        replaceText->setText(QStringLiteral("pear"));
        QTest::mouseClick(bar->findChild<QPushButton*>(QStringLiteral("replaceAllButton")),
                          Qt::LeftButton);
        QCOMPARE(editor->text(), QStringLiteral("fig Apple pear\nAPPLE pie"));
        matchCase->setChecked(false);
        QCOMPARE(bar->replaceAll(), 2);
        QCOMPARE(editor->text(), QStringLiteral("fig pear pear\npear pie"));
        editor->undo();
        QCOMPARE(editor->text(), QStringLiteral("fig Apple pear\nAPPLE pie"));
        // Nothing to find: nothing changes.
        findText->setText(QStringLiteral("banana"));
        QVERIFY(!bar->findNext(true));
        QCOMPARE(bar->replaceAll(), 0);
        QTest::keyClick(findText, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
    }

    void recentFilesAreListedMostRecentFirstAndPersist()
    {
        QSettings().clear();
        QTemporaryDir dir;
        const QString a = writeFile(QDir(dir.path()), QStringLiteral("a.js"), "console.log('a');");
        const QString b = writeFile(QDir(dir.path()), QStringLiteral("b.js"), "console.log('b');");
        MainWindow::Options options = testWindowOptions(HeapSamplingMs);
        options.useSettings = true;
        {
            MainWindow window(options);
            QVERIFY(!window.recentMenu()->isEnabled());
            window.openFiles({a});
            window.openFiles({b});
            QCOMPARE(recentEntries(window), QStringList({b, a}));
            // Opening one again moves it to the top.
            window.openFiles({a});
            QCOMPARE(recentEntries(window), QStringList({a, b}));
            QCOMPARE(QSettings().value(nano::ui::settings::RecentFiles).toStringList(),
                     QStringList({a, b}));
        }
        // A new session lists them, and choosing one opens it.
        MainWindow window(options);
        QCOMPARE(recentEntries(window), QStringList({a, b}));
        window.recentMenu()->actions().at(1)->trigger();
        QCOMPARE(window.editors()->current()->filePath(), b);
        QCOMPARE(recentEntries(window), QStringList({b, a}));
        // Clear Recent Files empties the menu and the setting.
        window.recentMenu()->actions().last()->trigger();
        QVERIFY(recentEntries(window).isEmpty());
        QVERIFY(!window.recentMenu()->isEnabled());
        QVERIFY(QSettings().value(nano::ui::settings::RecentFiles).toStringList().isEmpty());
        QSettings().clear();
    }

    void zoomInAndOut()
    {
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.show();
        CodeEditor* editor = window.editors()->current();
        auto* zoomIn = window.findChild<QAction*>(QStringLiteral("zoomInAction"));
        auto* zoomOut = window.findChild<QAction*>(QStringLiteral("zoomOutAction"));
        auto* reset = window.findChild<QAction*>(QStringLiteral("resetZoomAction"));
        QVERIFY(zoomIn && zoomOut && reset);
        const auto zoomOf = [](CodeEditor* e) {
            return int(e->SendScintilla(QsciScintillaBase::SCI_GETZOOM));
        };
        const int lineHeight = int(editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, 0));
        zoomIn->trigger();
        zoomIn->trigger();
        QCOMPARE(window.editors()->zoom(), 2);
        QCOMPARE(zoomOf(editor), 2);
        QVERIFY(int(editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, 0)) > lineHeight);
        // A new tab gets the same zoom.
        CodeEditor* second = window.editors()->newBuffer();
        QCOMPARE(zoomOf(second), 2);
        zoomOut->trigger();
        QCOMPARE(zoomOf(editor), 1);
        QCOMPARE(zoomOf(second), 1);
        reset->trigger();
        QCOMPARE(zoomOf(editor), 0);
        zoomOut->trigger();
        QCOMPARE(zoomOf(second), -1);
        QVERIFY(int(editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, 0)) < lineHeight);
        reset->trigger();
    }

    void themeSwitchAppliesLightAndDarkPalettes()
    {
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.show();
        CodeEditor* editor = window.editors()->current();
        auto* dark = window.findChild<QAction*>(QStringLiteral("theme-dark"));
        auto* light = window.findChild<QAction*>(QStringLiteral("theme-light"));
        auto* system = window.findChild<QAction*>(QStringLiteral("theme-system"));
        QVERIFY(dark && light && system);
        const auto lightness = [](const QColor& c) { return c.lightness(); };

        dark->trigger();
        QVERIFY(lightness(QApplication::palette().color(QPalette::Base)) < 128);
        QTRY_VERIFY(lightness(window.palette().color(QPalette::Window)) < 128);
        QTRY_VERIFY(lightness(window.consoleDock()->view()->palette().color(QPalette::Base)) < 128);
        // The editor follows through its PaletteChange handler.
        QTRY_VERIFY(lightness(editor->lexer()->defaultPaper()) < 128);
        QVERIFY(lightness(editor->lexer()->defaultColor()) > 128);

        light->trigger();
        QVERIFY(lightness(QApplication::palette().color(QPalette::Base)) > 128);
        QTRY_VERIFY(lightness(window.palette().color(QPalette::WindowText)) < 128);
        QTRY_VERIFY(lightness(editor->lexer()->defaultPaper()) > 128);
        QVERIFY(lightness(editor->lexer()->defaultColor()) < 128);
        system->trigger();
    }

    void heapSnapshotButtonSavesASnapshot()
    {
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        typeScript(
            window.editors()->current(),
            QStringLiteral("globalThis.kept = Array.from({ length: 1000 }, (_, i) => ({ i }));"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE(finished.size(), 1);

        QTemporaryDir dir;
        const QString path = QDir(dir.path()).filePath(QStringLiteral("run.heapsnapshot"));
        QSignalSpy saved(window.controller(), &nano::Controller::heapSnapshotSaved);
        auto* button =
            window.memoryDock()->findChild<QToolButton*>(QStringLiteral("saveSnapshotButton"));
        QVERIFY(button);
        answerFileDialog(path);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 20000);
        QCOMPARE(saved.first().at(0).toString(), path);
        QVERIFY2(saved.first().at(1).toBool(), qPrintable(saved.first().at(2).toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.size() > 1000);
        QVERIFY(file.read(11) == "{\"snapshot\"");
        bool summarised = false;
        for (QLabel* label : window.memoryDock()->findChildren<QLabel*>())
            summarised |= label->text().contains(QStringLiteral("Heap snapshot saved to"));
        QVERIFY(summarised);
    }

    void everyExampleRunsToCompletion()
    {
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.show();
        const QList<QAction*> examples = window.examplesMenu()->actions();
        QVERIFY(examples.size() >= 5);
        for (QAction* example : examples) {
            const QString resource = example->data().toString();
            window.consoleDock()->clear();
            const int tabs = window.editors()->count();
            // The empty untitled tab of the start makes way for the first example.
            const bool pristine = tabs == 1 && window.editors()->current()->text().isEmpty();
            example->trigger();
            QCOMPARE(window.editors()->count(), pristine ? 1 : tabs + 1);
            CodeEditor* editor = window.editors()->current();
            QFile source(QStringLiteral(":/examples/") + resource);
            QVERIFY(source.open(QIODevice::ReadOnly));
            QCOMPARE(editor->text(), QString::fromUtf8(source.readAll()));
            QVERIFY(!editor->isModified());

            QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
            window.runAction()->trigger();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
            const auto result = finished.first().first().value<nano::RunResult>();
            QVERIFY2(result.status == nano::RunResult::Status::Completed,
                     qPrintable(resource + QStringLiteral(": ") + result.errorText));
            QVERIFY2(result.errorText.isEmpty(), qPrintable(resource + result.errorText));
            ConsoleModel* model = window.consoleDock()->model();
            QTRY_VERIFY2(model->messageCount() > 0, qPrintable(resource));
            for (int row = 0; row < model->rowCount(); ++row) {
                const auto kind =
                    ConsoleMessage::Kind(model->index(row, 0).data(ConsoleModel::KindRole).toInt());
                QVERIFY2(kind != ConsoleMessage::Kind::Uncaught,
                         qPrintable(resource + QStringLiteral(": ") +
                                    model->index(row, 0).data().toString()));
            }
            QVERIFY(!editor->hasErrorMarker());
        }
    }

    void consoleTableRendersAsATable()
    {
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        typeScript(window.editors()->current(),
                   QStringLiteral("console.table([{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3 }]);\n"
                                  "console.log('after');"));
        window.runAction()->trigger();
        QTreeView* view = window.consoleDock()->view();
        QAbstractItemModelTester tester(view->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(view->model()->rowCount(), 2);
        const QModelIndex table = view->model()->index(0, 0);
        QCOMPARE(table.data(ConsoleModel::KindRole).toInt(), int(ConsoleMessage::Kind::Table));
        QCOMPARE(table.data(ConsoleModel::TableColumnsRole).toStringList(),
                 QStringList({"(index)", "a", "b"}));
        const auto rows = table.data(ConsoleModel::TableRowsRole).value<QList<QStringList>>();
        QCOMPARE(rows, QList<QStringList>({{"0", "1", "'x'"}, {"1", "2", "'y'"}, {"2", "3", ""}}));
        QVERIFY(!view->model()->hasChildren(table));

        // Drawn as a table: a header line and one line per row, with grid lines.
        view->scrollToTop();
        const QRect rect = view->visualRect(table);
        const int lineHeight = QFontMetrics(table.data(Qt::FontRole).value<QFont>()).height();
        QVERIFY2(rect.height() >= 4 * lineHeight,
                 qPrintable(QStringLiteral("row height %1").arg(rect.height())));
        QVERIFY(view->visualRect(view->model()->index(1, 0)).height() < 2 * lineHeight);
        const QImage image = view->viewport()->grab(rect).toImage();
        const QRgb grid = view->palette().color(QPalette::Mid).rgb();
        int gridPixels = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                gridPixels += image.pixel(x, y) == grid;
        }
        QVERIFY2(gridPixels > 4 * 40, qPrintable(QString::number(gridPixels)));

        // Copy gives the table drawn with box characters, as in a terminal.
        view->selectionModel()->select(table, QItemSelectionModel::ClearAndSelect |
                                                  QItemSelectionModel::Rows);
        const QString box = table.data(ConsoleModel::FullTextRole).toString();
        QVERIFY(box.startsWith(QChar(0x250c)));
        QVERIFY(box.contains(QStringLiteral("'x'")));
        QCOMPARE(window.consoleDock()->selectedText(), box);
        auto* copy = view->findChild<QAction*>(QStringLiteral("consoleCopyAction"));
        QVERIFY(copy);
        copy->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), box);
    }

    void groupsNestInTheConsole()
    {
        MainWindow window(testWindowOptions(HeapSamplingMs));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        typeScript(window.editors()->current(),
                   QStringLiteral("console.group('outer');\n"
                                  "console.log('in outer');\n"
                                  "console.groupCollapsed('inner');\n"
                                  "console.log('in inner', { deep: [1, 2] });\n"
                                  "console.groupEnd();\n"
                                  "console.groupEnd();\n"
                                  "console.log('after');"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        QTRY_COMPARE(finished.size(), 1);
        QTreeView* view = window.consoleDock()->view();
        QAbstractItemModelTester tester(view->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModel* model = view->model();
        QTRY_COMPARE(model->rowCount(), 2);
        const QModelIndex outer = model->index(0, 0);
        QCOMPARE(outer.data().toString(), QStringLiteral("outer"));
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("after"));
        QCOMPARE(model->rowCount(outer), 2);
        QCOMPARE(model->index(0, 0, outer).data().toString(), QStringLiteral("in outer"));
        const QModelIndex inner = model->index(1, 0, outer);
        QCOMPARE(inner.data().toString(), QStringLiteral("inner"));
        // No double indentation: the tree shows the level, the text has none...
        const QModelIndex deepest = model->index(0, 0, inner);
        QCOMPARE(deepest.data().toString(), QStringLiteral("in inner { deep: [ 1, 2 ] }"));
        // ...and the copy form keeps the engine's indentation.
        QCOMPARE(deepest.data(ConsoleModel::FullTextRole).toString(),
                 QStringLiteral("    in inner { deep: [ 1, 2 ] }"));
        QCOMPARE(model->rowCount(deepest), 1); // the logged object is a tree
        // group starts expanded, groupCollapsed collapsed.
        QVERIFY(view->isExpanded(outer));
        QVERIFY(!view->isExpanded(inner));
        QVERIFY(view->visualRect(model->index(0, 0, outer)).isValid());

        // The user's choice holds when the script runs again.
        view->collapse(outer);
        view->expand(inner);
        window.runAction()->trigger();
        QTRY_COMPARE(finished.size(), 2);
        QTRY_COMPARE(model->rowCount(), 2); // cleared on run: the second run's rows only
        const QModelIndex outer2 = model->index(0, 0);
        QCOMPARE(outer2.data().toString(), QStringLiteral("outer"));
        QVERIFY(!view->isExpanded(outer2));
        QVERIFY(view->isExpanded(model->index(1, 0, outer2)));

        // Filtering finds messages inside groups and keeps their headers.
        window.consoleDock()->filter()->setText(QStringLiteral("in inner"));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->rowCount(model->index(0, 0)), 1);
        QCOMPARE(model->index(0, 0, model->index(0, 0)).data().toString(), QStringLiteral("inner"));
        window.consoleDock()->filter()->setText(QString());
    }

    void germanTranslationLoads()
    {
        QCOMPARE(nano::ui::i18n::install(QStringLiteral("de")), QStringLiteral("de"));
        {
            MainWindow window(testWindowOptions(HeapSamplingMs));
            const QList<QAction*> menus = window.menuBar()->actions();
            QVERIFY(!menus.isEmpty());
            QCOMPARE(menus.first()->text(), QStringLiteral("&Datei"));
            QCOMPARE(window.consoleDock()->windowTitle(), QStringLiteral("Konsole"));
            QCOMPARE(window.statusText(), QStringLiteral("Bereit"));
            // Qt's own strings: key names in menus, standard buttons; QScintilla's menu.
            QCOMPARE(QKeySequence(QKeySequence::New).toString(QKeySequence::NativeText),
                     QStringLiteral("Strg+N"));
            QDialogButtonBox buttons(QDialogButtonBox::Save | QDialogButtonBox::Discard |
                                     QDialogButtonBox::Cancel);
            QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
            QCOMPARE(buttons.button(QDialogButtonBox::Discard)->text(),
                     QStringLiteral("Verwerfen"));
            QCOMPARE(QCoreApplication::translate("QsciScintilla", "Select All"),
                     QStringLiteral("Alle auswählen"));
        }
        QCOMPARE(nano::ui::i18n::install(QStringLiteral("en")), QStringLiteral("en"));
        MainWindow window(testWindowOptions(HeapSamplingMs));
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
        if (qstrcmp(argv[i], "--autosave-child") == 0) return autosaveChild(argc, argv);
    }
    QApplication app(argc, argv);
    TestMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_main_window.moc"
