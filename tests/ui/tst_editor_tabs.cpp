// The editor's tabs: untitled buffers take the lowest free number, so the only tab is
// untitled-1 again after the start's empty tab made way for a file or an example, or after
// the last tab was closed.

#include "editor/code_editor.h"
#include "editor/editor_tabs.h"

#include <QTemporaryDir>
#include <QtTest>

using nano::ui::CodeEditor;
using nano::ui::EditorTabs;

class TestEditorTabs : public QObject {
    Q_OBJECT
private slots:
    void untitledBuffersTakeTheLowestFreeNumber()
    {
        EditorTabs tabs;
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-1.js"));
        // An example replaces the pristine tab; the next new buffer is untitled-1 again.
        tabs.closePristineBuffer();
        CodeEditor* example = tabs.newBuffer(QStringLiteral("// example"), QStringLiteral("a.js"));
        QCOMPARE(tabs.count(), 1);
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-1.js"));
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-2.js"));
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-3.js"));
        // A gap is filled first.
        tabs.closeBuffer(tabs.indexOf(tabs.editors().at(2))); // untitled-2, unmodified
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-2.js"));
        // A restored buffer keeps its name and is skipped.
        tabs.newBuffer(QStringLiteral("x"), QStringLiteral("untitled-4.js"))->setModified(false);
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-5.js"));
        // Closing every tab: the first new one is untitled-1.
        while (tabs.count() > 0) {
            tabs.editorAt(0)->setModified(false);
            QVERIFY(tabs.closeBuffer(0));
        }
        Q_UNUSED(example)
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-1.js"));
    }

    void openingAFileReplacesThePristineTab()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("script.js")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("1;");
        file.close();
        EditorTabs tabs;
        tabs.newBuffer();
        QVERIFY(tabs.openFile(file.fileName()));
        QCOMPARE(tabs.count(), 1);
        QCOMPARE(tabs.newBuffer()->displayName(), QStringLiteral("untitled-1.js"));
    }
};

QTEST_MAIN(TestEditorTabs)
#include "tst_editor_tabs.moc"
