// The editor's typing aids: brackets and quotes close themselves (and step over, and go away
// together), and completion offers keywords, this runtime's globals and the buffer's own
// identifiers. The globals list is checked against what the engine really provides.

#include "editor/code_editor.h"
#include "editor/completion.h"
#include "engine/controller.h"

#include <QApplication>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <Qsci/qsciabstractapis.h>
#include <Qsci/qscilexer.h>

using nano::ui::CodeEditor;

class TestEditorCompletion : public QObject {
    Q_OBJECT

private:
    static int caret(CodeEditor& editor)
    {
        return static_cast<int>(editor.SendScintilla(QsciScintilla::SCI_GETCURRENTPOS));
    }

private slots:
    void bracketsCloseAndStepOver()
    {
        CodeEditor editor;
        editor.show();
        QTest::keyClicks(&editor, QStringLiteral("f("));
        QCOMPARE(editor.text(), QStringLiteral("f()"));
        QCOMPARE(caret(editor), 2);
        QTest::keyClicks(&editor, QStringLiteral("[1"));
        QCOMPARE(editor.text(), QStringLiteral("f([1])"));
        QTest::keyClicks(&editor, QStringLiteral("])"));
        QCOMPARE(editor.text(), QStringLiteral("f([1])")); // stepped over both
        QCOMPARE(caret(editor), 6);
        QTest::keyClicks(&editor, QStringLiteral(" {"));
        QTest::keyClick(&editor, Qt::Key_Backspace); // inside an empty pair: both go
        QCOMPARE(editor.text(), QStringLiteral("f([1]) "));
    }

    void bracketBeforeAWordDoesNotClose()
    {
        CodeEditor editor;
        editor.show();
        editor.setText(QStringLiteral("x"));
        editor.SendScintilla(QsciScintilla::SCI_GOTOPOS, 0L);
        QTest::keyClicks(&editor, QStringLiteral("("));
        QCOMPARE(editor.text(), QStringLiteral("(x"));
    }

    void quotesCloseOutsideWordsAndStrings()
    {
        CodeEditor editor;
        editor.show();
        QTest::keyClicks(&editor, QStringLiteral("s = 'a"));
        QCOMPARE(editor.text(), QStringLiteral("s = 'a'"));
        QTest::keyClicks(&editor, QStringLiteral("';"));
        QCOMPARE(editor.text(), QStringLiteral("s = 'a';")); // stepped over the closing quote
        editor.setText(QString());
        QTest::keyClicks(&editor, QStringLiteral("// don't"));
        QCOMPARE(editor.text(), QStringLiteral("// don't"));
        editor.setText(QString());
        // Typed character by character, as a user (or xdotool) does.
        QTest::keyClicks(&editor, QStringLiteral("console.error(new Error(\"boom\"));"));
        QCOMPARE(editor.text(), QStringLiteral("console.error(new Error(\"boom\"));"));
        editor.setText(QString());
        QTest::keyClicks(&editor, QStringLiteral("`x"));
        QCOMPARE(editor.text(), QStringLiteral("`x`"));
    }

    void completionOffersKeywordsGlobalsAndBufferWords()
    {
        CodeEditor editor;
        editor.show();
        QCOMPARE(editor.autoCompletionSource(), QsciScintilla::AcsAll);
        QVERIFY(editor.autoCompletionThreshold() > 0);
        QsciAbstractAPIs* apis = editor.lexer()->apis();
        QVERIFY(apis);
        QStringList list;
        apis->updateAutoCompletionList({QStringLiteral("stru")}, list);
        QVERIFY2(list.contains(QStringLiteral("structuredClone")), qPrintable(list.join(' ')));
        list.clear();
        apis->updateAutoCompletionList({QStringLiteral("awa")}, list);
        QVERIFY(list.contains(QStringLiteral("await")));

        // The buffer's own identifiers, from Ctrl+Space.
        QTest::keyClicks(&editor, QStringLiteral("const myCounter = 1;"));
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("myC"));
        QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(editor.isListActive());
        QTest::keyClick(&editor, Qt::Key_Return);
        QVERIFY2(editor.text().endsWith(QStringLiteral("myCounter")), qPrintable(editor.text()));
    }

    // The static list follows the engine: a global added to the runtime must be added there.
    void runtimeGlobalsMatchTheEngine()
    {
        nano::Controller controller;
        QSignalSpy finished(&controller, &nano::Controller::runFinished);
        nano::RunRequest request;
        request.source = QStringLiteral("0");
        request.sourceName = QStringLiteral("globals.js");
        request.classic = true;
        controller.run(request);
        QVERIFY(finished.wait(10000));
        QSignalSpy evaluated(&controller, &nano::Controller::evaluated);
        controller.evaluate(QStringLiteral("Object.getOwnPropertyNames(globalThis).join(' ')"));
        QVERIFY(evaluated.wait(10000));
        QString text = evaluated.first().at(1).toString();
        text.remove(u'\'');
        const QStringList names = text.split(u' ');
        const QSet<QString> engine(names.begin(), names.end());
        const QStringList listed = nano::ui::completion::runtimeGlobals();
        const QSet<QString> ours(listed.begin(), listed.end());
        const QSet<QString> notGlobals = ours - engine;
        QVERIFY2(notGlobals.isEmpty(), qPrintable(QStringList(notGlobals.values()).join(' ')));
        // What completion may leave out: legacy and rarely typed names.
        const QSet<QString> skipped{QStringLiteral("eval"), QStringLiteral("undefined"),
                                    QStringLiteral("escape"), QStringLiteral("unescape")};
        const QSet<QString> missing = engine - ours - skipped;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringList(missing.values()).join(' ')));
    }
};

QTEST_MAIN(TestEditorCompletion)
#include "tst_editor_completion.moc"
