// The stream inspector's data model and feed: the snapshot value type and its JSON, the
// registry (ids, describe callbacks, unregistering), and snapshots of toy stream-like objects
// registered from here, published between tasks, at most 10 a second, only while
// subscribed, and without a stream once it is collected.

#include "api/streams/stream_registry.h"
#include "bind/isolate_data.h"
#include "core/inspector_producers.h"
#include "core/runtime.h"
#include "engine/controller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <set>

using namespace nano;
using nano::api::streams::StreamRegistration;
using nano::api::streams::StreamRegistry;

namespace {

int g_toyStreamsAlive = 0;

// A toy stream: a JS object whose C++ side registers with the run's StreamRegistry and is
// deleted when the object is collected, as the real streams' wrappers will be.
struct ToyStream {
    v8::Global<v8::Object> object;
    StreamRegistration registration;
    QString label;
    qint64 queued = 0;
    quint64 teeParent = 0;
    bool insideTask = false; // set by toyBusy() while a task runs; a snapshot must never see it

    ToyStream() { ++g_toyStreamsAlive; }
    ~ToyStream() { --g_toyStreamsAlive; } // its registration unregisters it, its handle resets
    static void collected(const v8::WeakCallbackInfo<ToyStream>& info);
};

// The toys of one isolate not collected yet: V8 runs no weak callbacks when it disposes of an
// isolate, so the binding layer's per-isolate state deletes the rest at teardown, as it does for
// real wrappers (found by LeakSanitizer in the sanitizer build).
struct ToyStreams {
    std::set<ToyStream*> live;
    ~ToyStreams()
    {
        for (ToyStream* toy : live)
            delete toy;
    }
};

void ToyStream::collected(const v8::WeakCallbackInfo<ToyStream>& info)
{
    ToyStream* toy = info.GetParameter();
    bind::IsolateData::get(info.GetIsolate())->state<ToyStreams>().live.erase(toy);
    delete toy;
}

ToyStream* toyOf(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    if (!info[0]->IsObject()) return nullptr;
    v8::Local<v8::Object> object = info[0].As<v8::Object>();
    if (object->InternalFieldCount() < 1) return nullptr;
    return static_cast<ToyStream*>(object->GetAlignedPointerFromInternalField(0));
}

// makeToyStream(label, teeParentId?) -> an object with .id
void makeToyStream(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::ObjectTemplate> shape = v8::ObjectTemplate::New(isolate);
    shape->SetInternalFieldCount(1);
    v8::Local<v8::Object> object;
    if (!shape->NewInstance(context).ToLocal(&object)) return;
    auto* toy = new ToyStream;
    bind::IsolateData::get(isolate)->state<ToyStreams>().live.insert(toy);
    toy->label = QString::fromUtf8(*v8::String::Utf8Value(isolate, info[0]));
    toy->teeParent = quint64(info[1]->IntegerValue(context).FromMaybe(0));
    toy->registration = StreamRegistry::from(isolate).add([toy](StreamSnapshot& s) {
        s.kind =
            toy->teeParent ? StreamSnapshot::Kind::Readable : StreamSnapshot::Kind::ReadableBytes;
        s.label = toy->insideTask ? QStringLiteral("INSIDE A TASK") : toy->label;
        s.queuedChunks = toy->queued;
        s.queueTotalSize = double(toy->queued * 10);
        s.highWaterMark = 1;
        s.desiredSize = 1.0 - double(toy->queued);
        s.links.teeParent = toy->teeParent;
        s.links.teeBranch = toy->teeParent ? 1 : 0;
        return true;
    });
    object->SetAlignedPointerInInternalField(0, toy);
    toy->object.Reset(isolate, object);
    toy->object.SetWeak(toy, &ToyStream::collected, v8::WeakCallbackType::kParameter);
    object
        ->Set(context, v8::String::NewFromUtf8Literal(isolate, "id"),
              v8::Number::New(isolate, double(toy->registration.id())))
        .Check();
    info.GetReturnValue().Set(object);
}

// toyEnqueue(stream): one more queued chunk.
void toyEnqueue(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    if (ToyStream* toy = toyOf(info)) ++toy->queued;
}

// toyBusy(stream, ms): marks the stream "inside a task" and spins, then unmarks it.
void toyBusy(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    ToyStream* toy = toyOf(info);
    if (!toy) return;
    toy->insideTask = true;
    QElapsedTimer clock;
    clock.start();
    const qint64 ms = info[1]->IntegerValue(info.GetIsolate()->GetCurrentContext()).FromMaybe(0);
    while (clock.elapsed() < ms) {
    }
    toy->insideTask = false;
}

void toyCollect(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    info.GetIsolate()->LowMemoryNotification();
}

void setFunction(v8::Local<v8::Context> context, const char* name, v8::FunctionCallback callback)
{
    v8::Isolate* isolate = context->GetIsolate();
    v8::Local<v8::Function> function;
    if (v8::Function::New(context, callback).ToLocal(&function))
        context->Global()
            ->Set(context, v8::String::NewFromUtf8(isolate, name).ToLocalChecked(), function)
            .Check();
}

void registerToyStreams()
{
    static bool done = false;
    if (done) return;
    done = true;
    core::InspectorProducer toys;
    toys.kind = InspectorKinds::add(QStringLiteral("toy-streams"));
    toys.attach = [](core::Runtime& run) {
        v8::Local<v8::Context> context = run.context();
        setFunction(context, "makeToyStream", &makeToyStream);
        setFunction(context, "toyEnqueue", &toyEnqueue);
        setFunction(context, "toyBusy", &toyBusy);
        setFunction(context, "toyCollect", &toyCollect);
    };
    core::addInspectorProducer(toys);
}

struct Collected {
    QVector<InspectorEvent> snapshots; // the events of streamSnapshotKind(), in order
    qint64 elapsedMs = 0;
};

Collected runAndCollect(Controller& controller, const char* code)
{
    QSignalSpy events(&controller, &Controller::inspectorEvents);
    QSignalSpy finished(&controller, &Controller::runFinished);
    RunRequest request;
    request.source = QString::fromUtf8(code);
    request.sourceName = QStringLiteral("streams.js");
    QElapsedTimer clock;
    clock.start();
    controller.run(request);
    Collected out;
    if (!finished.wait(10000)) return out;
    out.elapsedMs = clock.elapsed();
    QCoreApplication::processEvents();
    for (const QList<QVariant>& args : events) {
        for (const InspectorEvent& event : args.at(0).value<InspectorBatch>().events) {
            if (event.kind == streamSnapshotKind()) out.snapshots << event;
        }
    }
    return out;
}

QStringList labels(const InspectorEvent& event)
{
    QStringList out;
    for (const StreamSnapshot& s : event.value.value<StreamSnapshots>())
        out << s.label;
    return out;
}

} // namespace

class TestStreamFeed : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { registerToyStreams(); }

    void snapshotJson()
    {
        StreamSnapshot s;
        s.id = 14;
        s.kind = StreamSnapshot::Kind::TransformWritable;
        s.label = QStringLiteral("CompressionStream gzip");
        s.state = StreamSnapshot::State::Erroring;
        s.locked = true;
        s.queuedChunks = 2;
        s.queueTotalSize = 1024;
        s.highWaterMark = 1;
        s.chunksPassed = 7;
        s.bytesPassed = 70000;
        s.pendingReads = 0;
        s.pendingWrites = 3;
        s.links.transformPair = 13;
        InspectorEvent event;
        event.id = 99;
        event.monotonicMs = 12.5;
        event.wallClockMs = 1700000000000;
        const QJsonObject json = toJson(s, event);
        QCOMPARE(json.value(QStringLiteral("type")).toString(), QStringLiteral("stream"));
        QCOMPARE(json.value(QStringLiteral("snapshot")).toInt(), 99);
        QCOMPARE(json.value(QStringLiteral("monotonicMs")).toDouble(), 12.5);
        QCOMPARE(json.value(QStringLiteral("wallClockMs")).toDouble(), 1700000000000.0);
        QCOMPARE(json.value(QStringLiteral("id")).toInt(), 14);
        QCOMPARE(json.value(QStringLiteral("kind")).toString(),
                 QStringLiteral("transform-writable"));
        QCOMPARE(json.value(QStringLiteral("label")).toString(),
                 QStringLiteral("CompressionStream gzip"));
        QCOMPARE(json.value(QStringLiteral("state")).toString(), QStringLiteral("erroring"));
        QCOMPARE(json.value(QStringLiteral("locked")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("queuedChunks")).toInt(), 2);
        QCOMPARE(json.value(QStringLiteral("queueTotalSize")).toDouble(), 1024.0);
        QVERIFY(json.value(QStringLiteral("desiredSize")).isNull());
        QCOMPARE(json.value(QStringLiteral("highWaterMark")).toDouble(), 1.0);
        QCOMPARE(json.value(QStringLiteral("chunksPassed")).toInt(), 7);
        QCOMPARE(json.value(QStringLiteral("bytesPassed")).toInt(), 70000);
        QCOMPARE(json.value(QStringLiteral("pendingReads")).toInt(), 0);
        QCOMPARE(json.value(QStringLiteral("pendingWrites")).toInt(), 3);
        // Links that are not set are left out.
        QCOMPARE(json.value(QStringLiteral("links")).toObject(),
                 QJsonObject({{QStringLiteral("transformPair"), 13}}));

        s.desiredSize = -1.5;
        s.links = {};
        s.links.teeParent = 3;
        s.links.teeBranch = 2;
        s.links.pipeDestination = 20;
        const QJsonObject tee = toJson(s, event);
        QCOMPARE(tee.value(QStringLiteral("desiredSize")).toDouble(), -1.5);
        QCOMPARE(tee.value(QStringLiteral("links")).toObject(),
                 QJsonObject({{QStringLiteral("teeParent"), 3},
                              {QStringLiteral("teeBranch"), 2},
                              {QStringLiteral("pipeDestination"), 20}}));
        // Every kind and state has its name.
        QCOMPARE(kindName(StreamSnapshot::Kind::ReadableBytes), QStringLiteral("readable-bytes"));
        QCOMPARE(kindName(StreamSnapshot::Kind::TransformReadable),
                 QStringLiteral("transform-readable"));
        QCOMPARE(stateName(StreamSnapshot::State::Closed), QStringLiteral("closed"));
        QCOMPARE(InspectorKinds::name(streamSnapshotKind()), QStringLiteral("streams"));
    }

    void registryIdsAndCallbacks()
    {
        StreamRegistry registry;
        int calls = 0;
        StreamRegistration a = registry.add([&](StreamSnapshot& s) {
            ++calls;
            s.label = QStringLiteral("a");
            s.id = 1000; // the registry's id wins
            return true;
        });
        StreamRegistration b = registry.add([](StreamSnapshot& s) {
            s.label = QStringLiteral("b");
            return true;
        });
        QCOMPARE(a.id(), quint64(1));
        QCOMPARE(b.id(), quint64(2));
        QCOMPARE(registry.size(), size_t(2));
        StreamSnapshots all = registry.describeAll();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].id, quint64(1));
        QCOMPARE(all[0].label, QStringLiteral("a"));
        QCOMPARE(all[1].label, QStringLiteral("b"));
        QCOMPARE(calls, 1);

        a.reset(); // as when the stream is collected
        QCOMPARE(a.id(), quint64(0));
        StreamRegistration moved = std::move(b);
        QCOMPARE(b.id(), quint64(0));
        QCOMPARE(registry.size(), size_t(1));
        QCOMPARE(registry.describeAll().at(0).id, quint64(2));
        QCOMPARE(calls, 1); // a's callback is never called again

        StreamRegistration c = registry.add({});
        QCOMPARE(c.id(), quint64(3)); // ids are never reused
        {
            StreamRegistration scoped = registry.add({});
            QCOMPARE(registry.size(), size_t(3));
        }
        QCOMPARE(registry.size(), size_t(2));

        // What the producer publishes: streams; once an empty list after the last is gone;
        // then nothing.
        StreamSnapshots out;
        QVERIFY(registry.takeSnapshot(&out));
        QCOMPARE(out.size(), 2);
        moved.reset();
        c.reset();
        QVERIFY(registry.takeSnapshot(&out));
        QVERIFY(out.isEmpty());
        QVERIFY(!registry.takeSnapshot(&out));
        QVERIFY(!StreamRegistry().takeSnapshot(&out)); // a run without streams: nothing

        // A registration that outlives its registry (the runtime drops the registry first).
        auto* early = new StreamRegistry;
        StreamRegistration orphan = early->add({});
        delete early;
        orphan.reset();
        QCOMPARE(orphan.id(), quint64(0));
    }

    void snapshotsWhileSubscribedAtMost10PerSecond()
    {
        Controller controller;
        controller.subscribeInspector(streamSnapshotKind());
        const Collected run = runAndCollect(controller, R"(
            const parent = makeToyStream('user code streams.js:2');
            const branch = makeToyStream('tee branch 1 of #' + parent.id, parent.id);
            let ticks = 0;
            function tick() {
                toyEnqueue(parent);
                toyBusy(branch, 5); // a snapshot never sees a task from the inside
                if (++ticks < 40) setTimeout(tick, 10);
            }
            setTimeout(tick, 0);
        )");
        QVERIFY2(run.snapshots.size() >= 2, qPrintable(QString::number(run.snapshots.size())));
        QVERIFY2(
            run.snapshots.size() <= run.elapsedMs / 100 + 2,
            qPrintable(QStringLiteral("%1 in %2 ms").arg(run.snapshots.size()).arg(run.elapsedMs)));
        qint64 lastQueued = -1;
        for (const InspectorEvent& event : run.snapshots) {
            QVERIFY(event.holds<StreamSnapshots>());
            const StreamSnapshots streams = event.value.value<StreamSnapshots>();
            QCOMPARE(streams.size(), 2);
            QCOMPARE(streams[0].id, quint64(1));
            QCOMPARE(streams[0].label, QStringLiteral("user code streams.js:2"));
            QCOMPARE(streams[0].kind, StreamSnapshot::Kind::ReadableBytes);
            QCOMPARE(streams[1].label, QStringLiteral("tee branch 1 of #1"));
            QCOMPARE(streams[1].links.teeParent, quint64(1));
            QVERIFY(streams[0].queuedChunks >= lastQueued); // snapshots follow the state
            lastQueued = streams[0].queuedChunks;
            QCOMPARE(*streams[0].desiredSize, 1.0 - double(streams[0].queuedChunks));
        }
        QVERIFY(lastQueued > 0);
        // Monotonic stamps, as the feed gives every event.
        for (int i = 1; i < run.snapshots.size(); ++i)
            QVERIFY(run.snapshots[i].monotonicMs >= run.snapshots[i - 1].monotonicMs + 90);
        controller.unsubscribeInspector(streamSnapshotKind());
    }

    void noSnapshotsUnlessSubscribedOrWithoutStreams()
    {
        Controller controller;
        const char* code = R"(
            const s = makeToyStream('x');
            setTimeout(() => toyEnqueue(s), 250);
        )";
        QCOMPARE(runAndCollect(controller, code).snapshots.size(), 0);
        controller.subscribeInspector(streamSnapshotKind());
        QVERIFY(runAndCollect(controller, code).snapshots.size() > 0);
        QCOMPARE(runAndCollect(controller, "setTimeout(() => {}, 250);").snapshots.size(), 0);
        controller.unsubscribeInspector(streamSnapshotKind());
    }

    void aCollectedStreamDisappears()
    {
        Controller controller;
        controller.subscribeInspector(streamSnapshotKind());
        const int aliveBefore = g_toyStreamsAlive;
        const Collected run = runAndCollect(controller, R"(
            let dropped = makeToyStream('dropped');
            globalThis.kept = makeToyStream('kept');
            setTimeout(() => { dropped = null; }, 150);
            setTimeout(() => toyCollect(), 160);
            setTimeout(() => { globalThis.kept = null; }, 350);
            setTimeout(() => toyCollect(), 360);
            setTimeout(() => {}, 600);
        )");
        QStringList seen;
        for (const InspectorEvent& event : run.snapshots)
            seen << labels(event).join(QLatin1Char('+'));
        seen.removeDuplicates();
        // Both, then the kept one only, then one empty list, then nothing more.
        QCOMPARE(seen,
                 (QStringList{QStringLiteral("dropped+kept"), QStringLiteral("kept"), QString()}));
        QVERIFY(run.snapshots.last().value.value<StreamSnapshots>().isEmpty());
        int empty = 0;
        for (const InspectorEvent& event : run.snapshots)
            empty += event.value.value<StreamSnapshots>().isEmpty();
        QCOMPARE(empty, 1);
        QCOMPARE(g_toyStreamsAlive, aliveBefore); // the C++ side went with the JS objects
        controller.unsubscribeInspector(streamSnapshotKind());
    }
};

QTEST_GUILESS_MAIN(TestStreamFeed)
#include "tst_stream_feed.moc"
