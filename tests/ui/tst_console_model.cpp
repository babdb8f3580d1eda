// The console model: bounded storage, lazily parsed value trees, level/text filtering, all
// under QAbstractItemModelTester.

#include "console/console_filter.h"
#include "console/console_model.h"
#include "console/inspect_text.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using nano::ConsoleMessage;
using nano::ConsoleMessages;
using nano::ui::ConsoleFilter;
using nano::ui::ConsoleModel;

namespace {

ConsoleMessage message(const QString& text, ConsoleMessage::Level level = ConsoleMessage::Level::Log,
                       int line = 1, quint64 runId = 1)
{
    ConsoleMessage m;
    m.level = level;
    m.text = text;
    m.sourceUrl = QStringLiteral("file:///tmp/a.js");
    m.line = line;
    m.column = 1;
    m.runId = runId;
    m.timestampMs = 1700000000000;
    return m;
}

QStringList childTexts(const QAbstractItemModel& model, const QModelIndex& parent)
{
    QStringList texts;
    for (int row = 0; row < model.rowCount(parent); ++row)
        texts << model.index(row, 0, parent).data().toString();
    return texts;
}

} // namespace

class TestConsoleModel : public QObject {
    Q_OBJECT
private slots:
    void keepsItsBoundWith100000Messages()
    {
        ConsoleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(5000);
        QSignalSpy dropped(&model, &ConsoleModel::droppedCountChanged);
        // In engine-sized batches, as the Controller delivers them.
        int sent = 0;
        while (sent < 100000) {
            ConsoleMessages batch;
            for (int i = 0; i < 997 && sent < 100000; ++i, ++sent)
                batch.append(message(QStringLiteral("line %1").arg(sent)));
            model.append(batch);
            QVERIFY(model.rowCount() <= 5000);
        }
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(model.droppedCount(), quint64(95000));
        QVERIFY(!dropped.isEmpty());
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("line 95000"));
        QCOMPARE(model.index(4999, 0).data().toString(), QStringLiteral("line 99999"));
        // One oversized batch keeps only its newest messages.
        ConsoleMessages huge;
        for (int i = 0; i < 12000; ++i)
            huge.append(message(QStringLiteral("huge %1").arg(i)));
        model.append(huge);
        QCOMPARE(model.rowCount(), 5000);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("huge 7000"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.droppedCount(), quint64(0));
    }

    void buildsValueTreesLazily()
    {
        ConsoleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({message(QStringLiteral("{ a: 1, b: [ 1, 2, { c: 'x: y' } ], s: \"it's\" }")),
                       message(QStringLiteral("plain text, no tree")),
                       message(QStringLiteral("two: { x: 1 } [ 'p', 'q' ] Map(1) { 'k' => 2 }")),
                       message(QStringLiteral("[ [Function: f], [Getter] ]"))});
        const QModelIndex object = model.index(0, 0);
        QCOMPARE(childTexts(model, object),
                 QStringList({"a: 1", "b: [ 1, 2, { c: 'x: y' } ]", "s: \"it's\""}));
        const QModelIndex array = model.index(1, 0, object);
        QCOMPARE(childTexts(model, array), QStringList({"0: 1", "1: 2", "2: { c: 'x: y' }"}));
        QCOMPARE(childTexts(model, model.index(2, 0, array)), QStringList({"c: 'x: y'"}));
        QVERIFY(!model.hasChildren(model.index(1, 0)));
        const QModelIndex several = model.index(2, 0);
        QCOMPARE(model.rowCount(several), 3);
        QCOMPARE(childTexts(model, model.index(2, 0, several)), QStringList({"'k': 2"}));
        QCOMPARE(childTexts(model, model.index(3, 0)),
                 QStringList({"0: [Function: f]", "1: [Getter]"}));
        // The same location and occurrence give the same key in a later run.
        const QString key = model.index(0, 0, object).data(ConsoleModel::ExpansionKeyRole).toString();
        model.append({message(QStringLiteral("{ a: 1 }"), ConsoleMessage::Level::Log, 1, 2)});
        QCOMPARE(model.index(0, 0, model.index(4, 0)).data(ConsoleModel::ExpansionKeyRole).toString(),
                 key);
    }

    void multiLineInspectOutputBecomesOneLinePreview()
    {
        ConsoleModel model;
        model.append({message(QStringLiteral("[\n   0,  1,  2,\n  ... 999997 more items\n]"))});
        const QModelIndex row = model.index(0, 0);
        QCOMPARE(row.data().toString(), QStringLiteral("[ 0, 1, 2, ... 999997 more items ]"));
        QCOMPARE(childTexts(model, row),
                 QStringList({"0: 0", "1: 1", "2: 2", "... 999997 more items"}));
    }

    void filtersByLevelAndText()
    {
        ConsoleModel model;
        ConsoleFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({message("alpha", ConsoleMessage::Level::Log),
                      message("beta { x: 1 }", ConsoleMessage::Level::Warn),
                      message("Gamma", ConsoleMessage::Level::Error)});
        QCOMPARE(filter.rowCount(), 3);
        filter.setLevelVisible(int(ConsoleMessage::Level::Warn), false);
        QCOMPARE(filter.rowCount(), 2);
        filter.setText(QStringLiteral("gam"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data().toString(), QStringLiteral("Gamma"));
        filter.setText(QString());
        filter.setLevelVisible(int(ConsoleMessage::Level::Warn), true);
        QCOMPARE(filter.rowCount(), 3);
        QCOMPARE(filter.rowCount(filter.index(1, 0)), 1); // the tree passes with its message
    }
};

QTEST_MAIN(TestConsoleModel)
#include "tst_console_model.moc"
