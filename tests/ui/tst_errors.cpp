// Uncaught errors and unhandled rejections in the real window (offscreen): each is reported
// with its message in the annotation and a marker on its line and column, a thrown non-Error
// too; a run that ends at an unhandled rejection says so in a row of its own; annotations go
// when their line is edited or the script runs again. Unsaved buffers run as untitled:<name>,
// and a click on a stack frame or a Source cell opens that buffer at that line.

#include "console/console_dock.h"
#include "console/console_model.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "window_test_support.h"

#include <QTreeView>
#include <QtTest>

using nano::ConsoleMessage;
using nano::ui::CodeEditor;
using nano::ui::ConsoleModel;
using nano::ui::MainWindow;
using nano::ui::test::testWindowOptions;

namespace {

// Runs `script` in the current (untitled) buffer and waits for the run and its console rows.
nano::RunResult run(MainWindow& window, const QString& script)
{
    window.editors()->current()->setText(script);
    QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
    window.runAction()->trigger();
    [&] { QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000); }();
    window.consoleDock()->flushPending();
    QTest::qWait(50);
    window.consoleDock()->flushPending();
    return finished.isEmpty() ? nano::RunResult()
                              : finished.first().first().value<nano::RunResult>();
}

QModelIndex findRow(MainWindow& window, const QString& needle)
{
    QAbstractItemModel* model = window.consoleDock()->view()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ConsoleModel::FullTextRole).toString().contains(needle)) return index;
    }
    return {};
}

} // namespace

class TestErrors : public QObject {
    Q_OBJECT
private slots:
    void rejectionShowsItsMessageAndTheRunSaysWhereItEnded()
    {
        MainWindow window(testWindowOptions());
        window.show();
        CodeEditor* editor = window.editors()->current();
        const nano::RunResult result =
            run(window, QStringLiteral("console.log('start');\n"
                                       "Promise.reject(new Error('rejected on purpose'));\n"
                                       "setTimeout(() => { throw 'a plain string'; }, 10);\n"));
        QCOMPARE(result.status, nano::RunResult::Status::Failed);
        QCOMPARE(editor->errorLines(), QList<int>{2});
        // The message, not the source line (which contains "Error" too).
        QCOMPARE(editor->annotation(1),
                 QStringLiteral("Uncaught (in promise) Error: rejected on purpose"));
        // The column: `new Error(...)` where the error was created.
        QCOMPARE(editor->errorColumns(2), qMakePair(16, 19));
        // As node, the run ends at the rejection, and says so.
        const QModelIndex ended = findRow(window, QStringLiteral("Run ended"));
        QVERIFY(ended.isValid());
        QCOMPARE(ended.data().toString(),
                 QStringLiteral("Run ended: unhandled rejection at untitled-1.js:2"));
        QVERIFY(!findRow(window, QStringLiteral("a plain string")).isValid());
    }

    void thrownStringInATimerIsMarkedWhereItWasThrown()
    {
        MainWindow window(testWindowOptions());
        window.show();
        CodeEditor* editor = window.editors()->current();
        run(window, QStringLiteral("console.log('start');\n"
                                   "setTimeout(() => {\n"
                                   "  throw 'a plain string';\n"
                                   "}, 10);\n"));
        const QModelIndex error = findRow(window, QStringLiteral("Uncaught 'a plain string'"));
        QVERIFY(error.isValid());
        QCOMPARE(error.data(ConsoleModel::SourceUrlRole).toString(),
                 QStringLiteral("untitled:untitled-1.js"));
        QCOMPARE(error.data(ConsoleModel::LineRole).toInt(), 3);
        QCOMPARE(error.siblingAtColumn(ConsoleModel::LocationColumn).data().toString(),
                 QStringLiteral("untitled-1.js:3"));
        QCOMPARE(editor->errorLines(), QList<int>{3});
        QCOMPARE(editor->annotation(2), QStringLiteral("Uncaught 'a plain string'"));
        QCOMPARE(editor->errorColumns(3), qMakePair(3, 8)); // `throw`
    }

    void annotationsGoWhenTheLineIsEditedOrTheScriptRunsAgain()
    {
        MainWindow window(testWindowOptions());
        window.show();
        CodeEditor* editor = window.editors()->current();
        run(window, QStringLiteral("const a = 1;\nnull.x;\n"));
        QCOMPARE(editor->errorLines(), QList<int>{2});
        // Editing another line leaves the marker; the marked line loses it.
        editor->insertAt(QStringLiteral("// note\n"), 0, 0);
        QCOMPARE(editor->errorLines(), QList<int>{3});
        QVERIFY(!editor->annotation(2).isEmpty());
        editor->setCursorPosition(2, 0);
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("x"));
        QCOMPARE(editor->errorLines(), QList<int>{});
        QVERIFY(editor->annotation(2).isEmpty());
        QVERIFY(!editor->hasErrorMarker());

        run(window, QStringLiteral("null.x;\n"));
        QCOMPARE(editor->errorLines(), QList<int>{1});
        run(window, QStringLiteral("console.log('fine');\n"));
        QVERIFY(!editor->hasErrorMarker());
        QVERIFY(editor->annotation(0).isEmpty());
    }

    void unsavedBuffersRunAsUntitledUrlsAndFramesOpenThem()
    {
        MainWindow window(testWindowOptions());
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        CodeEditor* first = window.editors()->current();
        CodeEditor* second = window.editors()->newBuffer();
        QCOMPARE(second->displayName(), QStringLiteral("untitled-2.js"));
        run(window, QStringLiteral("function where() { return new Error('here'); }\n"
                                   "\n"
                                   "console.log(where().stack);\n"
                                   "console.log(import.meta.url);\n"));
        const QModelIndex stack = findRow(window, QStringLiteral("at where"));
        QVERIFY(stack.isValid());
        QVERIFY2(stack.data().toString().contains(QStringLiteral("(untitled:untitled-2.js:1:27)")),
                 qPrintable(stack.data().toString()));
        QVERIFY(findRow(window, QStringLiteral("untitled:untitled-2.js")).isValid());
        QVERIFY(!stack.data().toString().contains(QStringLiteral("file://")));

        // Clicking the frame's line opens that buffer at that place.
        window.editors()->setCurrentWidget(first);
        QTreeView* view = window.consoleDock()->view();
        view->scrollTo(stack);
        const QRect rect = view->visualRect(stack);
        const QStringList lines = stack.data().toString().split(u'\n');
        const int frameLine =
            int(lines.indexOf(QRegularExpression(QStringLiteral(".*at where.*"))));
        QVERIFY(frameLine > 0);
        const QFontMetrics metrics(stack.data(Qt::FontRole).value<QFont>());
        const int top = rect.center().y() - int(lines.size()) * metrics.lineSpacing() / 2;
        const QPoint onFrame(rect.left() + 60,
                             top + frameLine * metrics.lineSpacing() + metrics.lineSpacing() / 2);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onFrame);
        QCOMPARE(window.editors()->current(), second);
        int line = -1, column = -1;
        second->getCursorPosition(&line, &column);
        QCOMPARE(line, 0);
        QCOMPARE(column, 26);

        // The Source cell of a row opens its buffer too.
        window.editors()->setCurrentWidget(first);
        const QModelIndex source = stack.siblingAtColumn(ConsoleModel::LocationColumn);
        QCOMPARE(source.data().toString(), QStringLiteral("untitled-2.js:3"));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(source).center());
        QCOMPARE(window.editors()->current(), second);
        second->getCursorPosition(&line, &column);
        QCOMPARE(line, 2);
    }

    void relativeImportsOfAnUntitledBufferResolveAgainstTheWorkingDirectory()
    {
        QTemporaryDir dir;
        QFile module(dir.filePath(QStringLiteral("helper.mjs")));
        QVERIFY(module.open(QIODevice::WriteOnly));
        module.write("export const answer = 42;\n");
        module.close();
        const QString cwd = QDir::currentPath();
        QDir::setCurrent(dir.path());
        MainWindow window(testWindowOptions());
        window.show();
        const nano::RunResult result =
            run(window,
                QStringLiteral("import { answer } from './helper.mjs';\nconsole.log(answer);\n"));
        QDir::setCurrent(cwd);
        QCOMPARE(result.status, nano::RunResult::Status::Completed);
        QVERIFY(findRow(window, QStringLiteral("42")).isValid());
    }
};

QTEST_MAIN(TestErrors)
#include "tst_errors.moc"
