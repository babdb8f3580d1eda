// The editor as one types (offscreen, real key events): brackets and quotes pair themselves,
// typing the inserted closer steps over it, Backspace deletes an empty pair, quotes stay single
// inside a word or a string; completion lists keywords, the runtime's globals and the buffer's
// identifiers, Ctrl+Space opens it; and the static list of globals matches a real run's
// Object.getOwnPropertyNames(globalThis).

#include "editor/code_editor.h"
#include "editor/completion_words.h"
#include "engine/controller.h"

#include <QListWidget>
#include <QtTest>

using nano::ui::CodeEditor;

namespace {

int caret(CodeEditor& editor)
{
    int line = 0, index = 0;
    editor.getCursorPosition(&line, &index);
    return index;
}

// The items of the completion list QScintilla shows (a QListWidget popup), empty if none.
QStringList completionItems(CodeEditor& editor)
{
    if (!editor.isListActive()) return {};
    QStringList items;
    for (QListWidget* list : editor.findChildren<QListWidget*>()) {
        for (int i = 0; i < list->count(); ++i)
            items << list->item(i)->text().trimmed();
    }
    return items;
}

} // namespace

class TestEditor : public QObject {
    Q_OBJECT
private slots:
    void bracketsPairAndStepOver()
    {
        CodeEditor editor;
        editor.show();
        QTest::keyClicks(&editor, QStringLiteral("f("));
        QCOMPARE(editor.text(), QStringLiteral("f()"));
        QCOMPARE(caret(editor), 2);
        QTest::keyClicks(&editor, QStringLiteral("[1, {a: 2}]"));
        QCOMPARE(editor.text(), QStringLiteral("f([1, {a: 2}])"));
        QTest::keyClicks(&editor, QStringLiteral(")"));
        QCOMPARE(editor.text(), QStringLiteral("f([1, {a: 2}])"));
        QCOMPARE(caret(editor), 14);
        // A closer that was not inserted by typing is typed as usual.
        QTest::keyClicks(&editor, QStringLiteral(")"));
        QCOMPARE(editor.text(), QStringLiteral("f([1, {a: 2}]))"));
        // Before a word an opener stays single.
        editor.setText(QStringLiteral("word"));
        editor.setCursorPosition(0, 0);
        QTest::keyClicks(&editor, QStringLiteral("("));
        QCOMPARE(editor.text(), QStringLiteral("(word"));
        // A selection is wrapped.
        editor.setText(QStringLiteral("a + b"));
        editor.setSelection(0, 0, 0, 5);
        QTest::keyClicks(&editor, QStringLiteral("("));
        QCOMPARE(editor.text(), QStringLiteral("(a + b)"));
    }

    void backspaceDeletesAnEmptyPair()
    {
        CodeEditor editor;
        editor.show();
        QTest::keyClicks(&editor, QStringLiteral("x = ["));
        QCOMPARE(editor.text(), QStringLiteral("x = []"));
        QTest::keyClick(&editor, Qt::Key_Backspace);
        QCOMPARE(editor.text(), QStringLiteral("x = "));
        QTest::keyClicks(&editor, QStringLiteral("'"));
        QCOMPARE(editor.text(), QStringLiteral("x = ''"));
        QTest::keyClick(&editor, Qt::Key_Backspace);
        QCOMPARE(editor.text(), QStringLiteral("x = "));
        // Not a pair typing made: one character goes.
        editor.setText(QStringLiteral("()"));
        editor.setCursorPosition(0, 1);
        QTest::keyClick(&editor, Qt::Key_Backspace);
        QCOMPARE(editor.text(), QStringLiteral(")"));
    }

    void quotesPairOutsideWordsAndStrings()
    {
        CodeEditor editor;
        editor.show();
        QTest::keyClicks(&editor, QStringLiteral("log(\"it's"));
        // The apostrophe after "it" is inside a word (and a string): not paired.
        QCOMPARE(editor.text(), QStringLiteral("log(\"it's\")"));
        editor.setText(QString());
        QTest::keyClicks(&editor, QStringLiteral("s = \"a"));
        QCOMPARE(editor.text(), QStringLiteral("s = \"a\""));
        // Inside the string a different quote is typed alone.
        QTest::keyClicks(&editor, QStringLiteral(" '"));
        QCOMPARE(editor.text(), QStringLiteral("s = \"a '\""));
        // Typing the closing quote steps over the inserted one.
        QTest::keyClicks(&editor, QStringLiteral("\";"));
        QCOMPARE(editor.text(), QStringLiteral("s = \"a '\";"));
        // In a comment a quote stays single.
        editor.setText(QStringLiteral("// don"));
        editor.setCursorPosition(0, 6);
        QTest::keyClicks(&editor, QStringLiteral(" '"));
        QCOMPARE(editor.text(), QStringLiteral("// don '"));
    }

    void completionOffersKeywordsGlobalsAndBufferWords()
    {
        CodeEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        if (!editor.completionReady()) {
            QSignalSpy prepared(&editor, &CodeEditor::completionPrepared);
            QVERIFY(prepared.wait(10000));
        }
        editor.setText(QStringLiteral("const mySpecialCounter = 1;\n"));
        editor.setCursorPosition(1, 0);
        QTest::keyClicks(&editor, QStringLiteral("stru"));
        QTRY_VERIFY(completionItems(editor).contains(QStringLiteral("structuredClone")));
        editor.cancelList();
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("ret"));
        QTRY_VERIFY(completionItems(editor).contains(QStringLiteral("return")));
        editor.cancelList();
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("mySp"));
        QTRY_VERIFY(completionItems(editor).contains(QStringLiteral("mySpecialCounter")));
        // Choosing an item completes the word.
        QTest::keyClick(&editor, Qt::Key_Return);
        QVERIFY(editor.text().endsWith(QStringLiteral("\nmySpecialCounter")));

        // One character is below the threshold; Ctrl+Space asks anyway.
        QTest::keyClick(&editor, Qt::Key_Return);
        QTest::keyClicks(&editor, QStringLiteral("q"));
        QVERIFY(!editor.isListActive());
        QTest::keyClick(&editor, Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(completionItems(editor).contains(QStringLiteral("queueMicrotask")));
    }

    // An API that adds a global adds it to ui/editor/completion_words.cpp too.
    void theGlobalsListMatchesTheRuntime()
    {
        nano::Controller controller;
        QSignalSpy finished(&controller, &nano::Controller::runFinished);
        QStringList logged;
        connect(&controller, &nano::Controller::inspectorEvents, this,
                [&](const nano::InspectorBatch& batch) {
                    for (const nano::ConsoleMessage& message : batch.consoleMessages())
                        logged << message.text;
                });
        nano::RunRequest request;
        request.source =
            QStringLiteral("console.log(Object.getOwnPropertyNames(globalThis).join(' '))");
        request.sourceName = QStringLiteral("globals.js");
        controller.run(request);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QTRY_COMPARE(logged.size(), 1);
        QStringList runtime = logged.first().split(u' ');
        QStringList listed = nano::ui::completion::runtimeGlobals();
        runtime.sort();
        listed.sort();
        QStringList missing, extra;
        for (const QString& name : std::as_const(runtime))
            if (!listed.contains(name)) missing << name;
        for (const QString& name : std::as_const(listed))
            if (!runtime.contains(name)) extra << name;
        QVERIFY2(missing.isEmpty() && extra.isEmpty(),
                 qPrintable(QStringLiteral("add to completion_words.cpp: %1; remove: %2")
                                .arg(missing.join(u' '), extra.join(u' '))));
    }
};

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
