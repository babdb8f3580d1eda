// nanojs run --trace-streams: the flag exists (and belongs to run), a script's own output is
// unchanged, nothing is printed while no stream exists, and what is printed is JSON lines.
// The lines themselves come from a fake batch (the snapshots' content is tested with toy
// streams in tests/engine/tst_stream_feed).

#include "trace_streams.h"

#include "engine/inspect/inspector_event.h"
#include "engine/inspect/stream_snapshot.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result nanojs(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(NANOJS_PATH), args);
    process.waitForFinished(30000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestTraceStreams : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString script(const QString& name, const QByteArray& code)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(code);
        return path;
    }

private slots:
    void streamsSayWhereTheyWereMadeAndWhyTheyErrored()
    {
        // Line 2 makes the stream, line 3 tees it; the error's message is a getter the
        // inspector must not call (it would log).
        const QString path = script(QStringLiteral("sites.js"), R"(let c;
const s = new ReadableStream({ start(controller) { c = controller; } });
const [a, b] = s.tee();
const e = new TypeError('boom');
const hostile = new RangeError('x');
Object.defineProperty(hostile, 'message', { get() { console.log('getter ran'); return 'y'; } });
c.error(e);
const w = new WritableStream();
w.abort(hostile).catch(() => {});
await new Promise((resolve) => setTimeout(resolve, 350));
globalThis.keep = [s, a, b, w];
)");
        const Result run = nanojs({QStringLiteral("run"), QStringLiteral("--trace-streams"), path});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!run.out.contains(QLatin1String("getter ran")), qPrintable(run.out));
        QHash<int, QJsonObject> last;
        for (const QString& line : run.err.split(u'\n', Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            if (!o.isEmpty()) last.insert(o.value(QStringLiteral("id")).toInt(), o);
        }
        QVERIFY2(last.size() >= 4, qPrintable(run.err));
        QVERIFY(last[1]
                    .value(QStringLiteral("sourceUrl"))
                    .toString()
                    .endsWith(QLatin1String("sites.js")));
        QCOMPARE(last[1].value(QStringLiteral("line")).toInt(), 2);
        QCOMPARE(last[2].value(QStringLiteral("line")).toInt(), 3); // a branch: the tee() call
        QCOMPARE(last[1].value(QStringLiteral("error")).toString(),
                 QStringLiteral("TypeError: boom"));
        QCOMPARE(last[2].value(QStringLiteral("error")).toString(),
                 QStringLiteral("TypeError: boom"));
        // The hostile message is an accessor: only the name is shown.
        QCOMPARE(last[4].value(QStringLiteral("error")).toString(), QStringLiteral("RangeError"));
        QCOMPARE(last[4].value(QStringLiteral("state")).toString(), QStringLiteral("errored"));
    }

    void theFlagIsDocumentedAndBelongsToRun()
    {
        QVERIFY(nanojs({QStringLiteral("--help")}).out.contains(QLatin1String("--trace-streams")));
        const Result eval = nanojs(
            {QStringLiteral("eval"), QStringLiteral("--trace-streams"), QStringLiteral("1")});
        QCOMPARE(eval.exitCode, 2);
        QVERIFY2(eval.err.contains(QLatin1String("--trace-streams belongs to run")),
                 qPrintable(eval.err));
    }

    void oneLinePerStreamPerSnapshot()
    {
        nano::StreamSnapshot a, b;
        a.id = 1;
        a.label = QStringLiteral("user code a.js:1");
        b.id = 2;
        b.kind = nano::StreamSnapshot::Kind::Readable;
        b.links.teeParent = 1;
        b.links.teeBranch = 2;
        nano::InspectorBatch batch;
        nano::InspectorEvent console;
        console.kind = nano::InspectorKinds::Console;
        nano::InspectorEvent snapshot;
        snapshot.id = 5;
        snapshot.kind = nano::streamSnapshotKind();
        snapshot.monotonicMs = 42;
        snapshot.value = QVariant::fromValue(nano::StreamSnapshots{a, b});
        nano::InspectorEvent gone = snapshot; // the empty list after the last stream went
        gone.id = 6;
        gone.value = QVariant::fromValue(nano::StreamSnapshots{});
        batch.events = {console, snapshot, gone};
        const QList<QByteArray> lines = nano::cli::streamTraceLines(batch).split('\n');
        QCOMPARE(lines.size(), 3); // two lines and the empty rest after the last newline
        QVERIFY(lines[2].isEmpty());
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(first.value(QStringLiteral("id")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("snapshot")).toInt(), 5);
        QCOMPARE(first.value(QStringLiteral("monotonicMs")).toDouble(), 42.0);
        QCOMPARE(first.value(QStringLiteral("label")).toString(),
                 QStringLiteral("user code a.js:1"));
        const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
        QCOMPARE(second.value(QStringLiteral("links"))
                     .toObject()
                     .value(QStringLiteral("teeParent"))
                     .toInt(),
                 1);
        QCOMPARE(second.value(QStringLiteral("links"))
                     .toObject()
                     .value(QStringLiteral("teeBranch"))
                     .toInt(),
                 2);
    }

    void nothingIsPrintedWithoutStreams()
    {
        // 300 ms of tasks: several snapshot polls, none with a stream.
        const QString file = script(QStringLiteral("none.js"), R"(
            console.log('start');
            let n = 0;
            const timer = setInterval(() => { if (++n === 6) { clearInterval(timer); console.log('end'); } }, 50);
        )");
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--trace-streams"), file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("start\nend\n"));
        QCOMPARE(r.err, QString());
    }

    void everyLineIsAStreamAsJson()
    {
        // Streams, where the run has them: each stderr line is one stream of one snapshot.
        const QString file = script(QStringLiteral("streams.js"), R"(
            if (typeof ReadableStream === 'function') {
                const [a, b] = new ReadableStream({ start(c) { c.enqueue(1); } }).tee();
                globalThis.keep = [a, b];
            }
            setTimeout(() => console.log('done'), 300);
        )");
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--trace-streams"), file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("done\n"));
        for (const QString& line : r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(line));
            const QJsonObject object = doc.object();
            QCOMPARE(object.value(QStringLiteral("type")).toString(), QStringLiteral("stream"));
            for (const char* key : {"snapshot", "monotonicMs", "wallClockMs", "id", "kind", "state",
                                    "queuedChunks", "highWaterMark", "links"})
                QVERIFY2(object.contains(QLatin1String(key)), qPrintable(line));
        }
    }

    void aTeeShowsBothBranchesLinkedToTheirParent()
    {
        // The branches hold the chunks the slow branch has not read: 3 queued in branch 2.
        const QString file = script(QStringLiteral("tee.js"), R"(
            const source = new ReadableStream({ start(c) { for (let i = 0; i < 3; ++i) c.enqueue(new Uint8Array(8)); c.close(); } });
            const [a, b] = source.tee();
            (async () => { for await (const chunk of a) {} })();
            globalThis.keep = b;
            setTimeout(() => console.log('done'), 250);
        )");
        const Result r = nanojs({QStringLiteral("run"), QStringLiteral("--trace-streams"), file});
        QCOMPARE(r.exitCode, 0);
        QJsonObject parent, branch1, branch2;
        for (const QString& line : r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
            const QJsonObject links = object.value(QStringLiteral("links")).toObject();
            if (object.value(QStringLiteral("label")).toString() == QStringLiteral("tee.js:2"))
                parent = object;
            else if (links.value(QStringLiteral("teeBranch")).toInt() == 1)
                branch1 = object;
            else if (links.value(QStringLiteral("teeBranch")).toInt() == 2)
                branch2 = object;
        }
        QVERIFY2(!parent.isEmpty() && !branch1.isEmpty() && !branch2.isEmpty(), qPrintable(r.err));
        const int parentId = parent.value(QStringLiteral("id")).toInt();
        for (const QJsonObject& branch : {branch1, branch2}) {
            const QJsonObject links = branch.value(QStringLiteral("links")).toObject();
            QCOMPARE(links.value(QStringLiteral("teeParent")).toInt(), parentId);
            QCOMPARE(branch.value(QStringLiteral("label"))
                         .toString()
                         .endsWith(QStringLiteral(" of #%1").arg(parentId)),
                     true);
        }
        // Branch 1 was read to its end; branch 2, never read, holds all three chunks.
        QCOMPARE(branch1.value(QStringLiteral("state")).toString(), QStringLiteral("closed"));
        QCOMPARE(branch1.value(QStringLiteral("chunksPassed")).toInt(), 3);
        QCOMPARE(branch1.value(QStringLiteral("bytesPassed")).toInt(), 24);
        QCOMPARE(branch2.value(QStringLiteral("queuedChunks")).toInt(), 3);
        QCOMPARE(branch2.value(QStringLiteral("desiredSize")).toDouble(), -2.0);
        QCOMPARE(parent.value(QStringLiteral("locked")).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestTraceStreams)
#include "tst_trace_streams.moc"
