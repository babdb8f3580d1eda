// The console between runs and its context menu, in the real window (offscreen): "Clear on run"
// (on by default) clears it, off it adds a separator row naming the run; the Source column keeps
// the line number when elided; Copy as JSON, Copy all, Save console output…, Clear and Store as
// global variable (then the REPL sees temp1) do what they say, and a value whose run is gone
// says so.

#include "common/settings_keys.h"
#include "console/console_delegate.h"
#include "console/console_dock.h"
#include "console/console_filter.h"
#include "console/console_model.h"
#include "console/repl_line.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QFileDialog>
#include <QHelpEvent>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTreeView>
#include <QtTest>

using nano::ConsoleMessage;
using nano::ui::ConsoleModel;
using nano::ui::MainWindow;

namespace {

// The same as tst_errors.cpp's (a shared tests/ui/window_test_support.h is on its way).
MainWindow::Options testOptions()
{
    MainWindow::Options options;
    options.useSettings = false;
    options.autosaveIntervalMs = 0;
    options.heapSamplingMs = 0;
    return options;
}

// Runs `script` in the current buffer and waits for the run and its console rows.
void run(MainWindow& window, const QString& script)
{
    window.editors()->current()->setText(script);
    QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
    window.runAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    window.consoleDock()->flushPending();
    QTest::qWait(50);
    window.consoleDock()->flushPending();
}

QStringList topTexts(MainWindow& window)
{
    QStringList texts;
    QAbstractItemModel* model = window.consoleDock()->view()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        texts << model->index(row, 0).data(ConsoleModel::FullTextRole).toString();
    return texts;
}

QModelIndex findRow(MainWindow& window, const QString& text)
{
    QAbstractItemModel* model = window.consoleDock()->view()->model();
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(ConsoleModel::FullTextRole).toString() == text) return index;
    }
    return {};
}

QAction* action(MainWindow& window, const char* name)
{
    return window.consoleDock()->action(QLatin1String(name));
}

void makeCurrent(MainWindow& window, const QModelIndex& index)
{
    window.consoleDock()->view()->setCurrentIndex(index);
}

// The style option a delegate paints a row of `view` with, `width` pixels wide.
QStyleOptionViewItem itemOption(QTreeView& view, int width)
{
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.widget = &view;
    option.rect = QRect(0, 0, width, 20);
    return option;
}

} // namespace

class TestConsoleActions : public QObject {
    Q_OBJECT
private slots:
    void clearOnRunIsOnByDefault()
    {
        MainWindow window(testOptions());
        window.show();
        QVERIFY(window.consoleDock()->clearOnRunAction()->isChecked());
        run(window, QStringLiteral("console.log('first')"));
        run(window, QStringLiteral("console.log('second')"));
        QCOMPARE(topTexts(window), QStringList{QStringLiteral("second")});
    }

    void clearOnRunIsKeptInTheSettings()
    {
        QSettings().clear();
        MainWindow::Options options = testOptions();
        options.useSettings = true;
        {
            MainWindow window(options);
            QVERIFY(window.consoleDock()->clearOnRunAction()->isChecked());
            window.consoleDock()->clearOnRunAction()->setChecked(false);
        }
        QCOMPARE(QSettings().value(nano::ui::settings::ConsoleClearOnRun).toBool(), false);
        MainWindow window(options);
        QVERIFY(!window.consoleDock()->clearOnRunAction()->isChecked());
        window.consoleDock()->clearOnRunAction()->setChecked(true);
        QCOMPARE(QSettings().value(nano::ui::settings::ConsoleClearOnRun).toBool(), true);
    }

    void aSeparatorNamesEachRunWhenClearOnRunIsOff()
    {
        MainWindow window(testOptions());
        window.show();
        QAbstractItemModelTester tester(window.consoleDock()->view()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.consoleDock()->clearOnRunAction()->setChecked(false);
        run(window, QStringLiteral("console.log('first')"));
        run(window, QStringLiteral("console.log('second')"));
        const QStringList texts = topTexts(window);
        QCOMPARE(texts.size(), 4);
        const QString name = window.editors()->current()->displayName();
        const QRegularExpression separator(
            QStringLiteral("^Run (\\d+) \u00b7 %1 \u00b7 \\d\\d:\\d\\d:\\d\\d$")
                .arg(QRegularExpression::escape(name)));
        QVERIFY2(separator.match(texts.at(0)).hasMatch(), qPrintable(texts.at(0)));
        QCOMPARE(texts.at(1), QStringLiteral("first"));
        QVERIFY2(separator.match(texts.at(2)).hasMatch(), qPrintable(texts.at(2)));
        QCOMPARE(texts.at(3), QStringLiteral("second"));
        QVERIFY(separator.match(texts.at(0)).captured(1).toInt() <
                separator.match(texts.at(2)).captured(1).toInt());
        // Drawn by the delegate across the whole row.
        QTreeView* view = window.consoleDock()->view();
        const QModelIndex first = view->model()->index(0, 0);
        QCOMPARE(first.data(ConsoleModel::KindRole).toInt(), int(ConsoleMessage::Kind::RunStart));
        QVERIFY(view->isFirstColumnSpanned(0, QModelIndex()));
        QVERIFY(view->isFirstColumnSpanned(2, QModelIndex()));
        QVERIFY(!view->isFirstColumnSpanned(1, QModelIndex()));
        // Filters keep the separators: they say which run a match belongs to.
        window.consoleDock()->filter()->setLevelVisible(int(ConsoleMessage::Level::Info), false);
        window.consoleDock()->filter()->setText(QStringLiteral("second"));
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->model()->index(2, 0).data().toString(), QStringLiteral("second"));
    }

    void theSourceColumnKeepsTheLineNumberWhenElided()
    {
        ConsoleModel model;
        ConsoleMessage message;
        message.text = QStringLiteral("hello");
        message.sourceUrl = QStringLiteral("file:///tmp/a-rather-long-name-for-a-script-file.js");
        message.line = 120;
        message.column = 3;
        model.append({message});
        const QModelIndex source = model.index(0, ConsoleModel::LocationColumn);
        QCOMPARE(source.data().toString(),
                 QStringLiteral("a-rather-long-name-for-a-script-file.js:120"));
        QVERIFY(source.data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("/tmp/a-rather-long-name-for-a-script-file.js")));
        QTreeView view;
        view.setModel(&model);
        nano::ui::ConsoleDelegate delegate;
        QStyleOptionViewItem option = itemOption(view, 110);
        const QString shown = delegate.locationText(option, source);
        QVERIFY2(shown.endsWith(QStringLiteral(":120")), qPrintable(shown));
        QVERIFY2(shown.contains(QChar(0x2026)), qPrintable(shown));
        QVERIFY(shown.startsWith(u'a'));
        // Wide enough, nothing is elided.
        option.rect.setWidth(2000);
        QCOMPARE(delegate.locationText(option, source), source.data().toString());
    }

    void aLongMessageHasItsWholeTextAsTooltip()
    {
        ConsoleModel model;
        ConsoleMessage message;
        message.text = QStringLiteral("long:") + QString(400, u'x') + QStringLiteral("<b>END</b>");
        ConsoleMessage shortOne;
        shortOne.text = QStringLiteral("short");
        ConsoleMessage value; // a value's preview, cut short after its first 300 characters
        value.text = QStringLiteral("{ a: '") + QString(500, u'y') + QStringLiteral("' }");
        model.append({message, shortOne, value});
        QTreeView view;
        view.setModel(&model);
        nano::ui::ConsoleDelegate delegate;
        QStyleOptionViewItem option = itemOption(view, 600);
        const QString tip = delegate.fullTextToolTip(option, model.index(0, 0));
        // All of it, wrapped, and shown as typed (the markup escaped).
        QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;END&lt;/b&gt;")), qPrintable(tip));
        QCOMPARE(tip.count(u'x'), 400);
        QVERIFY(tip.contains(u'\n'));
        for (const QString& line : tip.split(u'\n'))
            QVERIFY(line.size() <= nano::ui::ConsoleDelegate::ToolTipColumns + 20);
        QVERIFY(delegate.fullTextToolTip(option, model.index(1, 0)).isEmpty()); // it fits
        option.rect.setWidth(100000);
        QVERIFY(delegate.fullTextToolTip(option, model.index(0, 0)).isEmpty());
        QVERIFY(!delegate.fullTextToolTip(option, model.index(2, 0)).isEmpty());
        // Bounded: a megabyte-long message gives a tooltip of a few thousand characters.
        ConsoleMessage huge;
        huge.text = QString(1 << 20, u'z');
        model.append({huge});
        option.rect.setWidth(600);
        const QString hugeTip = delegate.fullTextToolTip(option, model.index(3, 0));
        QVERIFY(hugeTip.size() < 2 * nano::ui::ConsoleDelegate::ToolTipChars);
        QVERIFY(hugeTip.contains(QChar(0x2026)));
    }

    void hoveringALongRowShowsTheTooltip()
    {
        MainWindow window(testOptions());
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        run(window, QStringLiteral("console.log('start ' + 'w'.repeat(600) + ' end');"));
        QTreeView* view = window.consoleDock()->view();
        QModelIndex row;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const QModelIndex index = view->model()->index(r, 0);
            if (index.data().toString().startsWith(QStringLiteral("start "))) row = index;
        }
        QVERIFY(row.isValid());
        const QPoint at = view->visualRect(row).center();
        QHelpEvent help(QEvent::ToolTip, at, view->viewport()->mapToGlobal(at));
        QApplication::sendEvent(view->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QStringLiteral(" end")), qPrintable(QToolTip::text()));
        QToolTip::hideText();
    }

    void ctrlCInTheConsoleCopiesItsRow()
    {
        // Edit ▸ Copy has the same key: without the console taking it, it was ambiguous and
        // nothing happened.
        MainWindow window(testOptions());
        window.show();
        run(window, QStringLiteral("console.log('copy me');"));
        const QModelIndex logged = findRow(window, QStringLiteral("copy me"));
        QVERIFY(logged.isValid());
        makeCurrent(window, logged);
        QTreeView* view = window.consoleDock()->view();
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QGuiApplication::clipboard()->setText(QStringLiteral("old"));
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QTRY_VERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("copy me")));
    }

    void copyAsJsonPutsTheLoggedObjectOnTheClipboard()
    {
        MainWindow window(testOptions());
        window.show();
        run(window, QStringLiteral("console.log('value', { x: 1, list: [1, 'two'], nested: "
                                   "{ ok: true } });\n"
                                   "console.log('plain text');\n"
                                   "const cyclic = { name: 'c' }; cyclic.self = cyclic;\n"
                                   "console.log(cyclic);\n"
                                   "console.log(function named() {});"));
        const QModelIndex logged = findRow(
            window, QStringLiteral("value { x: 1, list: [ 1, 'two' ], nested: { ok: true } }"));
        QVERIFY(logged.isValid());
        makeCurrent(window, logged);
        QAction* copyJson = action(window, "consoleCopyJsonAction");
        QVERIFY(copyJson->isEnabled());
        QGuiApplication::clipboard()->clear();
        copyJson->trigger();
        QTRY_COMPARE(QGuiApplication::clipboard()->text(),
                     QStringLiteral("{\n  \"x\": 1,\n  \"list\": [\n    1,\n    \"two\"\n  ],\n"
                                    "  \"nested\": {\n    \"ok\": true\n  }\n}"));
        // A row that logged no object has nothing to copy as JSON.
        makeCurrent(window, findRow(window, QStringLiteral("plain text")));
        QVERIFY(!copyJson->isEnabled());
        QVERIFY(!action(window, "consoleStoreGlobalAction")->isEnabled());
        // JSON.stringify's own error, in the console.
        makeCurrent(window, findRow(window, QStringLiteral("<ref *1> { name: 'c', self: "
                                                           "[Circular *1] }")));
        QVERIFY(copyJson->isEnabled());
        copyJson->trigger();
        QTRY_VERIFY(topTexts(window).last().startsWith(
            QStringLiteral("Copy as JSON: TypeError: Converting circular structure to JSON")));
        // A function has no JSON form.
        makeCurrent(window, findRow(window, QStringLiteral("[Function: named]")));
        copyJson->trigger();
        QTRY_COMPARE(topTexts(window).last(),
                     QStringLiteral("Copy as JSON: The value has no JSON form (JSON.stringify "
                                    "gives undefined)."));
    }

    void copyAllSaveAndClear()
    {
        MainWindow window(testOptions());
        window.show();
        run(window, QStringLiteral("console.log('one');\nconsole.group('g');\n"
                                   "console.warn('two');\nconsole.groupEnd();\n"
                                   "console.log({ three: 3 });"));
        const QString all = QStringLiteral("one\ng\n  two\n{ three: 3 }");
        QGuiApplication::clipboard()->clear();
        action(window, "consoleCopyAllAction")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), all);

        // Save console output…: the dialog, then a plain text file.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.txt"));
        bool dialogSeen = false;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(qobject_cast<QFileDialog*>(QApplication::activeModalWidget()));
            auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
            dialogSeen = true;
            dialog->selectFile(path);
            QMetaObject::invokeMethod(dialog, "accept", Qt::QueuedConnection);
        });
        action(window, "consoleSaveAction")->trigger();
        QVERIFY(dialogSeen);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), all + u'\n');

        action(window, "consoleClearAction")->trigger();
        QCOMPARE(window.consoleDock()->view()->model()->rowCount(), 0);
    }

    void storeAsGlobalVariableIsSeenByTheRepl()
    {
        MainWindow window(testOptions());
        window.show();
        window.consoleDock()->clearOnRunAction()->setChecked(false);
        run(window, QStringLiteral("console.log('first', { x: 'old' });"));
        const QModelIndex old = findRow(window, QStringLiteral("first { x: 'old' }"));
        QVERIFY(old.isValid());
        const QPersistentModelIndex oldRow(old);
        run(window, QStringLiteral("globalThis.temp1 = 'taken';\n"
                                   "console.log('a', { x: 42, y: [1, 2] }, { x: 'second' });"));
        const QModelIndex logged =
            findRow(window, QStringLiteral("a { x: 42, y: [ 1, 2 ] } { x: 'second' }"));
        QVERIFY(logged.isValid());
        makeCurrent(window, logged);
        QAction* store = action(window, "consoleStoreGlobalAction");
        QVERIFY(store->isEnabled());
        store->trigger();
        // temp1 is taken: the first free name, as DevTools picks it.
        QTRY_VERIFY(findRow(window, QStringLiteral("temp2")).isValid());
        nano::ui::ReplLine* repl = window.consoleDock()->replLine();
        QTest::keyClicks(repl, QStringLiteral("temp2.x"));
        QTest::keyClick(repl, Qt::Key_Return);
        QTRY_VERIFY(findRow(window, QStringLiteral("42")).isValid());

        // The second object of the row: its own entry in the tree.
        QAbstractItemModel* model = window.consoleDock()->view()->model();
        const QModelIndex row =
            findRow(window, QStringLiteral("a { x: 42, y: [ 1, 2 ] } { x: 'second' }"));
        QCOMPARE(model->rowCount(row), 2);
        makeCurrent(window, model->index(1, 0, row));
        store->trigger();
        QTRY_VERIFY(findRow(window, QStringLiteral("temp3")).isValid());
        QTest::keyClicks(repl, QStringLiteral("temp3.x"));
        QTest::keyClick(repl, Qt::Key_Return);
        QTRY_VERIFY(findRow(window, QStringLiteral("'second'")).isValid());

        // The earlier run's value went with its context: the console says so.
        QVERIFY(oldRow.isValid());
        makeCurrent(window, oldRow);
        store->trigger();
        QTRY_VERIFY(topTexts(window).last().startsWith(
            QStringLiteral("The logged value is no longer available")));
        QTest::keyClicks(repl, QStringLiteral("typeof temp4"));
        QTest::keyClick(repl, Qt::Key_Return);
        QTRY_COMPARE(topTexts(window).last(), QStringLiteral("'undefined'"));
    }
};

int main(int argc, char* argv[])
{
    // The settings of this test go to a private directory.
    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
    QCoreApplication::setApplicationName(QStringLiteral("nano-workbench-test"));
    QApplication app(argc, argv);
    TestConsoleActions test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_console_actions.moc"
