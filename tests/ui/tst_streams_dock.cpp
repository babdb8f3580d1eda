// The streams dock: its model puts tee branches, pipe destinations and a transform's readable
// side under what they came from, flags a queue that keeps growing, shows errors and
// backpressure, fades finished streams out and stays bounded (under QAbstractItemModelTester);
// the real window runs a tee with a slow branch and shows both branches under their parent,
// the warning on the slow one only, and the selected stream's sparkline.

#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "main_window.h"
#include "streams/streams_dock.h"
#include "streams/streams_model.h"
#include "window_test_support.h"

#include <QAbstractItemModelTester>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace nano;
using ui::StreamsModel;

namespace {

StreamSnapshot stream(quint64 id, StreamSnapshot::Kind kind = StreamSnapshot::Kind::Readable)
{
    StreamSnapshot s;
    s.id = id;
    s.kind = kind;
    s.label = QStringLiteral("s%1").arg(id);
    s.state =
        kind == StreamSnapshot::Kind::Writable || kind == StreamSnapshot::Kind::TransformWritable
            ? StreamSnapshot::State::Writable
            : StreamSnapshot::State::Readable;
    s.highWaterMark = 1;
    s.desiredSize = 1;
    return s;
}

StreamSnapshot teeBranch(quint64 id, quint64 parent, int branch)
{
    StreamSnapshot s = stream(id);
    s.links.teeParent = parent;
    s.links.teeBranch = branch;
    return s;
}

void setQueue(StreamSnapshot& s, qint64 chunks)
{
    s.queuedChunks = chunks;
    s.queueTotalSize = double(chunks);
    s.desiredSize = s.highWaterMark - s.queueTotalSize;
}

quint64 idAt(const QModelIndex& index)
{
    return index.data(StreamsModel::StreamIdRole).toULongLong();
}

} // namespace

class TestStreamsDock : public QObject {
    Q_OBJECT

private slots:
    void teeBranchesPipesAndTransformsNestUnderTheirSource()
    {
        StreamsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // A pipe chain source(1) -> transform writable(3) / readable(4) -> sink(2), where the
        // sink was made first; and a tee of 5 into 6 and 7.
        StreamSnapshot source = stream(1);
        source.links.pipeDestination = 3;
        StreamSnapshot sink = stream(2, StreamSnapshot::Kind::Writable);
        sink.links.pipeSource = 4;
        StreamSnapshot writableSide = stream(3, StreamSnapshot::Kind::TransformWritable);
        writableSide.links.pipeSource = 1;
        writableSide.links.transformPair = 4;
        StreamSnapshot readableSide = stream(4, StreamSnapshot::Kind::TransformReadable);
        readableSide.links.transformPair = 3;
        readableSide.links.pipeDestination = 2;
        model.applySnapshot(1, 0,
                            {source, sink, writableSide, readableSide, stream(5),
                             teeBranch(6, 5, 1), teeBranch(7, 5, 2)});
        QCOMPARE(model.rowCount(), 2); // the pipe chain and the tee's source
        const QModelIndex chain = model.index(0, 0);
        QCOMPARE(idAt(chain), quint64(1));
        const QModelIndex w = model.index(0, 0, chain);
        QCOMPARE(idAt(w), quint64(3));
        const QModelIndex r = model.index(0, 0, w);
        QCOMPARE(idAt(r), quint64(4));
        QCOMPARE(idAt(model.index(0, 0, r)), quint64(2));
        const QModelIndex tee = model.index(1, 0);
        QCOMPARE(idAt(tee), quint64(5));
        QCOMPARE(model.rowCount(tee), 2);
        QCOMPARE(idAt(model.index(0, 0, tee)), quint64(6));
        QCOMPARE(idAt(model.index(1, 0, tee)), quint64(7));
        QCOMPARE(model.parent(model.index(1, 0, tee)), tee);

        // A pipe that starts later moves its destination under the source; after the pipe
        // ends (links gone), it stays there.
        StreamSnapshot late = stream(8, StreamSnapshot::Kind::Writable);
        model.applySnapshot(1, 100, {stream(5), teeBranch(6, 5, 1), teeBranch(7, 5, 2), late});
        QCOMPARE(model.parent(model.indexOfStream(8)), QModelIndex());
        late.links.pipeSource = 7;
        model.applySnapshot(1, 200, {stream(5), teeBranch(6, 5, 1), teeBranch(7, 5, 2), late});
        QCOMPARE(idAt(model.parent(model.indexOfStream(8))), quint64(7));
        late.links.pipeSource = 0;
        model.applySnapshot(1, 300, {stream(5), teeBranch(6, 5, 1), teeBranch(7, 5, 2), late});
        QCOMPARE(idAt(model.parent(model.indexOfStream(8))), quint64(7));
        // The streams that left the snapshots were collected.
        QVERIFY(model.indexOfStream(1).data(StreamsModel::CollectedRole).toBool());
        QCOMPARE(model.indexOfStream(1, StreamsModel::StateColumn).data().toString(),
                 QStringLiteral("collected"));
        QVERIFY(!model.indexOfStream(5).data(StreamsModel::CollectedRole).toBool());

        // A link cycle (a transform piped into itself) cannot hang the model.
        StreamSnapshot a = stream(20, StreamSnapshot::Kind::TransformWritable);
        a.links.transformPair = 21;
        a.links.pipeSource = 21;
        StreamSnapshot b = stream(21, StreamSnapshot::Kind::TransformReadable);
        b.links.transformPair = 20;
        b.links.pipeDestination = 20;
        model.applySnapshot(1, 400, {a, b});
        QVERIFY(model.indexOfStream(20).isValid());
        QVERIFY(model.indexOfStream(21).isValid());
    }

    void aSlowTeeBranchIsFlaggedWithItsReason()
    {
        StreamsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy flagged(&model, &StreamsModel::growthDetected);
        StreamSnapshot fast = teeBranch(2, 1, 1), slow = teeBranch(3, 1, 2);
        for (int i = 0; i < StreamsModel::GrowthSnapshots; ++i) {
            setQueue(slow, 2 + i * 3);
            setQueue(fast, i % 2);
            model.applySnapshot(1, i * 100.0, {stream(1), fast, slow});
            if (i < StreamsModel::GrowthSnapshots - 1)
                QVERIFY(!model.indexOfStream(3).data(StreamsModel::GrowingRole).toBool());
        }
        const QModelIndex slowIndex = model.indexOfStream(3);
        QVERIFY(slowIndex.data(StreamsModel::GrowingRole).toBool());
        QVERIFY(!model.indexOfStream(2).data(StreamsModel::GrowingRole).toBool());
        QCOMPARE(flagged.size(), 1);
        QCOMPARE(flagged.at(0).at(0).toULongLong(), quint64(3));
        QVERIFY(!slowIndex.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(model.indexOfStream(2).data(Qt::DecorationRole).isNull());
        QVERIFY2(slowIndex.data(Qt::ToolTipRole).toString().contains(QLatin1String("tee branch")),
                 qPrintable(slowIndex.data(Qt::ToolTipRole).toString()));
        QVERIFY(slowIndex.data(StreamsModel::BackpressureRole).toBool());
        QCOMPARE(model.indexOfStream(3, StreamsModel::DesiredSizeColumn)
                     .data(StreamsModel::RawValueRole)
                     .toDouble(),
                 -13.0);
        // Caught up: the warning goes.
        setQueue(slow, 0);
        model.applySnapshot(1, 600, {stream(1), fast, slow});
        QVERIFY(!model.indexOfStream(3).data(StreamsModel::GrowingRole).toBool());
        QVERIFY(!model.indexOfStream(3).data(StreamsModel::BackpressureRole).toBool());
        // The sparkline's data: every snapshot's queue size, in seconds since the first.
        const QVector<StreamsModel::QueuePoint> history = model.queueHistory(3);
        QCOMPARE(history.size(), StreamsModel::GrowthSnapshots + 1);
        QCOMPARE(history.first().seconds, 0.0);
        QCOMPARE(history.last().seconds, 0.6);
        QCOMPARE(history.at(1).queueSize, 5.0);
    }

    void erroredStreamsShowTheirErrorAndFinishedOnesFadeOut()
    {
        StreamsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        StreamSnapshot broken = stream(1);
        broken.state = StreamSnapshot::State::Errored;
        broken.desiredSize.reset();
        broken.error = QStringLiteral("TypeError: boom");
        StreamSnapshot closed = stream(2);
        closed.state = StreamSnapshot::State::Closed;
        closed.desiredSize = 0;
        StreamSnapshot parentOfLive = stream(3);
        parentOfLive.state = StreamSnapshot::State::Closed;
        model.applySnapshot(1, 0, {broken, closed, parentOfLive, teeBranch(4, 3, 1)});
        const QModelIndex state = model.indexOfStream(1, StreamsModel::StateColumn);
        QCOMPARE(state.data().toString(), QStringLiteral("errored: TypeError: boom"));
        QVERIFY(model.indexOfStream(1).data(StreamsModel::ErroredRole).toBool());
        QCOMPARE(model.indexOfStream(1).data(StreamsModel::ErrorTextRole).toString(),
                 QStringLiteral("TypeError: boom"));
        QVERIFY(state.data(Qt::ToolTipRole).toString().contains(QLatin1String("boom")));
        QVERIFY(!model.indexOfStream(2).data(StreamsModel::BackpressureRole).toBool());
        QVERIFY(model.indexOfStream(2).data(StreamsModel::FinishedRole).toBool());

        // Preserved: nothing goes. Not preserved: the finished leaves go after the fade-out;
        // a finished stream with a live child stays.
        const qint64 later = model.elapsedMs() + StreamsModel::FadeOutMs + 1;
        model.setPreserveFinished(true);
        model.removeFaded(later);
        QCOMPARE(model.streamCount(), 4);
        model.setPreserveFinished(false);
        model.removeFaded(model.elapsedMs()); // too early
        QCOMPARE(model.streamCount(), 4);
        model.removeFaded(later);
        QCOMPARE(model.streamCount(), 2);
        QVERIFY(model.indexOfStream(3).isValid());
        QVERIFY(model.indexOfStream(4).isValid());
        // A removed stream does not come back with the next snapshot that still lists it.
        model.applySnapshot(1, 100, {broken, closed, parentOfLive, teeBranch(4, 3, 1)});
        QCOMPARE(model.streamCount(), 2);
        // A new run starts over.
        model.applySnapshot(2, 0, {stream(1)});
        QCOMPARE(model.streamCount(), 1);
        QCOMPARE(model.indexOfStream(1, StreamsModel::StateColumn).data().toString(),
                 QStringLiteral("readable"));
    }

    void storageIsBounded()
    {
        StreamsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(3);
        StreamSnapshot done = stream(1);
        done.state = StreamSnapshot::State::Closed;
        model.applySnapshot(1, 0, {done, stream(2), stream(3)});
        // The finished stream makes room; then every row is live, so the next is left out.
        model.applySnapshot(1, 100, {done, stream(2), stream(3), stream(4), stream(5)});
        QCOMPARE(model.streamCount(), 3);
        QVERIFY(!model.indexOfStream(1).isValid());
        QVERIFY(model.indexOfStream(4).isValid());
        QCOMPARE(model.droppedStreams(), 1);
        model.applySnapshot(1, 200, {stream(2), stream(3), stream(4), stream(5)});
        QCOMPARE(model.droppedStreams(), 1); // counted once
        // The queue history is bounded too and still spans the run.
        StreamsModel single;
        StreamSnapshot s = stream(1);
        for (int i = 0; i <= StreamsModel::HistoryCapacity * 2; ++i) {
            setQueue(s, i % 7);
            single.applySnapshot(1, i * 100.0, {s});
        }
        const QVector<StreamsModel::QueuePoint> history = single.queueHistory(1);
        QVERIFY(history.size() <= StreamsModel::HistoryCapacity);
        QCOMPARE(history.first().seconds, 0.0);
        QVERIFY(history.last().seconds >= StreamsModel::HistoryCapacity * 0.2 - 1);
    }

    void theWindowShowsASlowTeeBranch()
    {
        ui::MainWindow window(ui::test::testWindowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::StreamsDock* dock = window.streamsDock();
        dock->raise(); // a tab behind the memory dock on a first start
        QTRY_VERIFY(dock->isVisible());
        QAbstractItemModelTester tester(dock->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.editors()->current()->setText(QStringLiteral(R"(const source = new ReadableStream({
  pull(controller) {
    return new Promise((resolve) => setTimeout(resolve, 5)).then(() => {
      controller.enqueue(new Uint8Array(256));
      if (++this.n === 400) controller.close();
    });
  },
  n: 0,
});
const [fast, slow] = source.tee();
async function drain(stream, delayMs) {
  const reader = stream.getReader();
  while (!(await reader.read()).done) {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}
await Promise.all([drain(fast, 0), drain(slow, 50)]);
)"));
        QSignalSpy finished(window.controller(), &nano::Controller::runFinished);
        window.runAction()->trigger();
        StreamsModel* model = dock->model();
        // The tee's source with its two branches; the slow one gets the warning.
        QTRY_VERIFY_WITH_TIMEOUT(
            model->indexOfStream(3).isValid() &&
                model->indexOfStream(3).data(StreamsModel::GrowingRole).toBool(),
            30000);
        const QModelIndex slow = model->indexOfStream(3);
        const QModelIndex parent = model->parent(slow);
        QCOMPARE(idAt(parent), quint64(1));
        QCOMPARE(model->rowCount(parent), 2);
        const QModelIndex fast = model->index(0, 0, parent);
        QCOMPARE(idAt(fast), quint64(2));
        QVERIFY(!fast.data(StreamsModel::GrowingRole).toBool());
        QCOMPARE(fast.data().toString(), QStringLiteral("#2 tee branch 1 of #1"));
        QVERIFY(slow.data(Qt::ToolTipRole).toString().contains(QLatin1String("tee branch")));
        QVERIFY(dock->view()->isExpanded(parent));
        QVERIFY2(dock->summaryText().contains(QLatin1String("growing")),
                 qPrintable(dock->summaryText()));
        // Where the tee was called: line 10 of the buffer; a click there opens it.
        const QModelIndex site = model->indexOfStream(3, StreamsModel::SourceColumn);
        QCOMPARE(site.data(StreamsModel::LineRole).toInt(), 10);
        // The sparkline follows the selected stream.
        dock->selectStream(3);
        QCOMPARE(dock->selectedStream(), quint64(3));
        QTRY_VERIFY(dock->sparkline()->count() >= StreamsModel::GrowthSnapshots);
        ui::CodeEditor* editor = window.editors()->current();
        editor->setCursorPosition(0, 0);
        dock->view()->scrollTo(site);
        const QRect cell = dock->view()->visualRect(site);
        QVERIFY(dock->view()->viewport()->rect().contains(cell.center()));
        QTest::mouseClick(dock->view()->viewport(), Qt::LeftButton, {}, cell.center());
        int line = 0, column = 0;
        editor->getCursorPosition(&line, &column);
        QCOMPARE(line, 9); // 0-based
        window.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    }
};

QTEST_MAIN(TestStreamsDock)
#include "tst_streams_dock.moc"
