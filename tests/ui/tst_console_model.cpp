// The console model: bounded storage, lazily parsed value trees, console.group nesting,
// console.table cells, level/text filtering, all under QAbstractItemModelTester.

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

ConsoleMessage message(const QString& text,
                       ConsoleMessage::Level level = ConsoleMessage::Level::Log, int line = 1,
                       quint64 runId = 1)
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

// A message as the engine sends it from inside `depth` groups: indented by two spaces a level.
ConsoleMessage nested(const QString& text, int depth,
                      ConsoleMessage::Kind kind = ConsoleMessage::Kind::Console,
                      ConsoleMessage::Level level = ConsoleMessage::Level::Log)
{
    ConsoleMessage m = message(text, level);
    const QString pad(2 * depth, u' ');
    m.text = pad + text;
    m.text.replace(u'\n', QLatin1Char('\n') + pad);
    m.groupDepth = depth;
    m.kind = kind;
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
        const QString key =
            model.index(0, 0, object).data(ConsoleModel::ExpansionKeyRole).toString();
        model.append({message(QStringLiteral("{ a: 1 }"), ConsoleMessage::Level::Log, 1, 2)});
        QCOMPARE(
            model.index(0, 0, model.index(4, 0)).data(ConsoleModel::ExpansionKeyRole).toString(),
            key);
    }

    void expandedValuesKeepTheirClassNames()
    {
        ConsoleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // console.log(new Point(1, 2), new Map(...), [1, 'two'], new Set([1]), ...): each child
        // of the row reads as the collapsed row shows that value.
        model.append({message(QStringLiteral(
            "Point { x: 1, y: 2 } Map(2) { 'a' => 1, 'b' => { deep: [ 1, 2, 3 ] } } "
            "[ 1, 'two' ] Set(1) { 1 } [Object: null prototype] { n: 1 } Foo [Map] { 'k' => 1 } "
            "<ref *1> Node { self: [Circular *1] } label { plain: true } Uint8Array(2) [ 1, 2 "
            "]"))});
        const QModelIndex row = model.index(0, 0);
        QCOMPARE(childTexts(model, row),
                 QStringList({"Point { x: 1, y: 2 }",
                              "Map(2) { 'a' => 1, 'b' => { deep: [ 1, 2, 3 ] } }", "[ 1, 'two' ]",
                              "Set(1) { 1 }", "[Object: null prototype] { n: 1 }",
                              "Foo [Map] { 'k' => 1 }", "<ref *1> Node { self: [Circular *1] }",
                              // A lower-case word before a plain object is a logged string.
                              "{ plain: true }", "Uint8Array(2) [ 1, 2 ]"}));
        // A child expands into its entries as before.
        QCOMPARE(childTexts(model, model.index(0, 0, row)), QStringList({"x: 1", "y: 2"}));
        QCOMPARE(childTexts(model, model.index(1, 0, row)),
                 QStringList({"'a': 1", "'b': { deep: [ 1, 2, 3 ] }"}));
        QCOMPARE(childTexts(model, model.index(8, 0, row)), QStringList({"0: 1", "1: 2"}));
        // A single value's entries keep the class names of nested values.
        model.append({message(QStringLiteral("{ p: Point { x: 1 }, m: Map(0) {} }"))});
        QCOMPARE(childTexts(model, model.index(1, 0)),
                 QStringList({"p: Point { x: 1 }", "m: Map(0) {}"}));
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

    void groupsNestTheirMessages()
    {
        using Kind = ConsoleMessage::Kind;
        ConsoleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // console.group('outer'); log; groupCollapsed('inner'); log; groupEnd; log; groupEnd;
        // console.group() (no label); log; groupEnd; log
        model.append({nested("outer", 0, Kind::Group), nested("in outer", 1),
                      nested("inner", 1, Kind::GroupCollapsed)});
        // The members of an open group may come in a later batch.
        model.append({nested("in inner\nsecond line", 2), nested("{ a: 1 }", 2),
                      nested("back in outer", 1), message(QStringLiteral("top again")),
                      nested("unlabelled", 1)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.messageCount(), 8);
        const QModelIndex outer = model.index(0, 0);
        QCOMPARE(outer.data().toString(), QStringLiteral("outer"));
        QCOMPARE(outer.data(ConsoleModel::KindRole).toInt(), int(Kind::Group));
        QCOMPARE(childTexts(model, outer), QStringList({"in outer", "inner", "back in outer"}));
        const QModelIndex inner = model.index(1, 0, outer);
        QCOMPARE(inner.data(ConsoleModel::KindRole).toInt(), int(Kind::GroupCollapsed));
        QVERIFY(inner.data(ConsoleModel::IsMessageRole).toBool());
        // The nesting shows the levels: no indentation left in the text...
        QCOMPARE(childTexts(model, inner), QStringList({"in inner\nsecond line", "{ a: 1 }"}));
        // ...but the copy form keeps it, and a logged value in a group is still a tree.
        QCOMPARE(model.index(0, 0, inner).data(ConsoleModel::FullTextRole).toString(),
                 QStringLiteral("    in inner\n    second line"));
        const QModelIndex object = model.index(1, 0, inner);
        QCOMPARE(childTexts(model, object), QStringList({"a: 1"}));
        QVERIFY(!model.index(0, 0, object).data(ConsoleModel::IsMessageRole).toBool());
        QCOMPARE(model.parent(model.index(0, 0, object)), object);
        QCOMPARE(model.parent(object), inner);
        QCOMPARE(model.parent(inner), outer);
        // console.group() without a label prints no header: its messages stay at the level of
        // the group around it and keep their indentation.
        QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("top again"));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("  unlabelled"));

        // A new run closes the groups of the last one.
        ConsoleMessage next = nested("late", 1);
        next.runId = 2;
        model.append({next});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("  late"));
    }

    void groupsKeepTheBound()
    {
        using Kind = ConsoleMessage::Kind;
        ConsoleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(100);
        model.append({nested("group", 0, Kind::Group)});
        for (int batch = 0; batch < 10; ++batch) {
            ConsoleMessages messages;
            for (int i = 0; i < 50; ++i)
                messages.append(nested(QStringLiteral("line %1").arg(batch * 50 + i), 1));
            model.append(messages);
            QVERIFY(model.messageCount() <= 100);
        }
        // The header stays while it holds messages; the oldest members went.
        QCOMPARE(model.messageCount(), 100);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex group = model.index(0, 0);
        QCOMPARE(group.data().toString(), QStringLiteral("group"));
        QCOMPARE(model.rowCount(group), 99);
        QCOMPARE(model.index(0, 0, group).data().toString(), QStringLiteral("line 401"));
        QCOMPARE(model.droppedCount(), quint64(401));
        // Once the group is closed and its members are gone, the header goes too.
        ConsoleMessages after;
        for (int i = 0; i < 100; ++i)
            after.append(message(QStringLiteral("after %1").arg(i)));
        model.append(after);
        QCOMPARE(model.messageCount(), 100);
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("after 0"));
    }

    void tableMessagesCarryTheirCells()
    {
        ConsoleModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString box = QStringLiteral("┌─────────┬─────┐\n"
                                           "│ (index) │ a   │\n"
                                           "└─────────┴─────┘");
        ConsoleMessage table = nested(box, 1);
        table.kind = ConsoleMessage::Kind::Table;
        table.tableColumns = QStringList({"(index)", "a"});
        table.tableRows = {QStringList({"0", "'x'"}), QStringList({"1", "2"})};
        model.append(
            {nested("g", 0, ConsoleMessage::Kind::Group), table, message(QStringLiteral("plain"))});
        const QModelIndex row = model.index(0, 0, model.index(0, 0));
        QCOMPARE(row.data(ConsoleModel::KindRole).toInt(), int(ConsoleMessage::Kind::Table));
        QCOMPARE(row.data(ConsoleModel::TableColumnsRole).toStringList(),
                 QStringList({"(index)", "a"}));
        const auto rows = row.data(ConsoleModel::TableRowsRole).value<QList<QStringList>>();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0), QStringList({"0", "'x'"}));
        // The box text is the display and copy form; no value tree is parsed from it.
        QCOMPARE(row.data().toString(), box);
        QVERIFY(row.data(ConsoleModel::FullTextRole).toString().startsWith(QStringLiteral("  ┌")));
        QVERIFY(!model.hasChildren(row));
        QVERIFY(!model.index(1, 0).data(ConsoleModel::TableColumnsRole).isValid());
        QVERIFY(row.data(ConsoleModel::MessageIdRole).toULongLong() !=
                model.index(1, 0).data(ConsoleModel::MessageIdRole).toULongLong());
    }

    void filterLooksInsideGroups()
    {
        using Kind = ConsoleMessage::Kind;
        ConsoleModel model;
        ConsoleFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append({nested("fruit", 0, Kind::Group), nested("apple", 1),
                      nested("pear { x: 1 }", 1, Kind::Console, ConsoleMessage::Level::Warn)});
        filter.setText(QStringLiteral("pear"));
        QCOMPARE(filter.rowCount(), 1); // the group holds a match
        const QModelIndex group = filter.index(0, 0);
        QCOMPARE(group.data().toString(), QStringLiteral("fruit"));
        QCOMPARE(childTexts(filter, group), QStringList({"pear { x: 1 }"}));
        QCOMPARE(filter.rowCount(filter.index(0, 0, group)), 1); // its tree comes along
        filter.setLevelVisible(int(ConsoleMessage::Level::Warn), false);
        QCOMPARE(filter.rowCount(), 0);
        // A match arriving in a hidden group brings the group back.
        model.append({nested("another pear", 1)});
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(childTexts(filter, filter.index(0, 0)), QStringList({"another pear"}));
        model.append({message(QStringLiteral("vegetable"))});
        filter.setText(QString());
        filter.setLevelVisible(int(ConsoleMessage::Level::Warn), true);
        QCOMPARE(filter.rowCount(), 2);
        QCOMPARE(filter.rowCount(filter.index(0, 0)), 3);
    }
};

QTEST_MAIN(TestConsoleModel)
#include "tst_console_model.moc"
