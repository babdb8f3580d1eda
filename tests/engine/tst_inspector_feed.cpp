// The inspector feed: batches about every 50 ms and at most kMaxBatchSize events, ids and both
// clocks on every event, kinds registered by producers the engine does not know (a toy event
// producer and a toy snapshot producer, registered from here), snapshots polled between tasks
// and only while subscribed, and console messages as events of the feed.

#include "core/inspector_producers.h"
#include "core/runtime.h"
#include "engine/controller.h"
#include "inspect/inspector_feed.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <chrono>

using namespace nano;

namespace {

double steadyNowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

QVector<InspectorEvent> allEvents(const QSignalSpy& spy)
{
    QVector<InspectorEvent> out;
    for (const QList<QVariant>& args : spy)
        out += args.at(0).value<InspectorBatch>().events;
    return out;
}

// The toy event producer: a run gets a global function toyPublish(n) that publishes n as an
// event of the "toy-events" kind, much as fetch will publish its traffic.
int toyEventKind()
{
    static const int kind = InspectorKinds::add(QStringLiteral("toy-events"));
    return kind;
}

void toyPublish(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    v8::Isolate* isolate = info.GetIsolate();
    const int n = info[0]->Int32Value(isolate->GetCurrentContext()).FromMaybe(0);
    core::Runtime::from(isolate)->publishInspectorEvent(toyEventKind(), QVariant(n));
}

// The toy snapshot producer: publishes globalThis.state, which the test's script sets to
// "inside" while a task runs and to "between" when it ends.
int toySnapshotKind()
{
    static const int kind = InspectorKinds::add(QStringLiteral("toy-snapshots"));
    return kind;
}

void publishToySnapshot(core::Runtime& run)
{
    v8::Isolate* isolate = run.isolate();
    v8::HandleScope scope(isolate);
    v8::Local<v8::Context> context = run.context();
    v8::Local<v8::String> key =
        v8::String::NewFromUtf8Literal(isolate, "state", v8::NewStringType::kInternalized);
    v8::Local<v8::Value> state;
    QString text = QStringLiteral("<none>");
    if (context->Global()->Get(context, key).ToLocal(&state) && state->IsString())
        text = QString::fromUtf8(*v8::String::Utf8Value(isolate, state));
    run.publishInspectorEvent(toySnapshotKind(), QVariant(text));
}

void registerToyProducers()
{
    static bool done = false;
    if (done) return;
    done = true;
    core::InspectorProducer events;
    events.kind = toyEventKind();
    events.attach = [](core::Runtime& run) {
        v8::Isolate* isolate = run.isolate();
        v8::Local<v8::Context> context = run.context();
        v8::Local<v8::Function> function;
        if (v8::Function::New(context, &toyPublish).ToLocal(&function)) {
            context->Global()
                ->Set(context, v8::String::NewFromUtf8Literal(isolate, "toyPublish"), function)
                .Check();
        }
    };
    core::addInspectorProducer(events);

    core::InspectorProducer snapshots;
    snapshots.kind = toySnapshotKind();
    snapshots.snapshot = &publishToySnapshot;
    snapshots.snapshotIntervalMs = 20;
    core::addInspectorProducer(snapshots);
}

RunRequest source(const QString& code)
{
    RunRequest request;
    request.source = code;
    request.sourceName = QStringLiteral("feed.js");
    return request;
}

// Runs `code` and returns every event the controller sent until the run ended.
QVector<InspectorEvent> runAndCollect(Controller& controller, const QString& code)
{
    QSignalSpy events(&controller, &Controller::inspectorEvents);
    QSignalSpy finished(&controller, &Controller::runFinished);
    controller.run(source(code));
    if (!finished.wait(10000)) return {};
    // The last batch leaves before the result; both are queued in that order.
    QCoreApplication::processEvents();
    return allEvents(events);
}

// A script whose ten tasks each keep the thread busy for 15 ms.
const char* kBusyTasks = R"(
    let tasks = 0;
    function task() {
        globalThis.state = 'inside';
        const end = performance.now() + 15;
        while (performance.now() < end) {}
        globalThis.state = 'between';
        if (++tasks < 10) setTimeout(task, 0);
    }
    setTimeout(task, 0);
)";

} // namespace

class TestInspectorFeed : public QObject {
    Q_OBJECT

private slots:
    void kindsAreRegisteredByName()
    {
        QCOMPARE(InspectorKinds::name(InspectorKinds::Console), QStringLiteral("console"));
        const int toy = InspectorKinds::add(QStringLiteral("toy-kind"));
        QVERIFY(toy != InspectorKinds::Console);
        QCOMPARE(InspectorKinds::add(QStringLiteral("toy-kind")), toy);
        QCOMPARE(InspectorKinds::name(toy), QStringLiteral("toy-kind"));
        QVERIFY(InspectorKinds::add(QStringLiteral("toy-other")) != toy);
        QCOMPARE(InspectorKinds::name(0), QString());
        QCOMPARE(InspectorKinds::name(100000), QString());
    }

    void eventsCarryIdsAndBothClocks()
    {
        InspectorFeed feed;
        QSignalSpy batches(&feed, &InspectorFeed::batchReady);
        const double monotonicBefore = steadyNowMs();
        const qint64 wallBefore = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(feed.publish(InspectorKinds::Console, 7, QVariant(i)), quint64(i + 1));
        feed.flush();
        const double monotonicAfter = steadyNowMs();
        const qint64 wallAfter = QDateTime::currentMSecsSinceEpoch();

        const QVector<InspectorEvent> events = allEvents(batches);
        QCOMPARE(events.size(), 5);
        for (int i = 0; i < events.size(); ++i) {
            const InspectorEvent& event = events.at(i);
            QCOMPARE(event.id, quint64(i + 1));
            QCOMPARE(event.kind, InspectorKinds::Console);
            QCOMPARE(event.runId, quint64(7));
            QVERIFY(event.holds<int>());
            QCOMPARE(event.value.toInt(), i);
            QVERIFY(event.monotonicMs >= monotonicBefore && event.monotonicMs <= monotonicAfter);
            QVERIFY(event.wallClockMs >= wallBefore && event.wallClockMs <= wallAfter);
            if (i > 0) QVERIFY(event.monotonicMs >= events.at(i - 1).monotonicMs);
        }
    }

    void batchesLeaveAboutEvery50Ms()
    {
        InspectorFeed feed;
        QSignalSpy batches(&feed, &InspectorFeed::batchReady);
        QElapsedTimer clock;
        clock.start();
        QVector<qint64> sentAt;
        connect(&feed, &InspectorFeed::batchReady, this, [&] { sentAt << clock.elapsed(); });

        // Nothing was sent for a while: the first event leaves at once.
        feed.publish(1, 1, QVariant(0));
        QCOMPARE(batches.size(), 1);
        // The events that follow wait for one batch, 50 ms after the previous one.
        for (int i = 1; i <= 10; ++i)
            feed.publish(1, 1, QVariant(i));
        QCOMPARE(batches.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(batches.size(), 2, 1000);
        QCOMPARE(batches.at(1).at(0).value<InspectorBatch>().events.size(), 10);
        QVERIFY2(sentAt.at(1) - sentAt.at(0) >= 40, qPrintable(QString::number(sentAt.at(1))));
        QVERIFY2(sentAt.at(1) - sentAt.at(0) <= 500, qPrintable(QString::number(sentAt.at(1))));

        // A producer in a busy loop (the timer cannot fire) still gets its batches out.
        QElapsedTimer busy;
        busy.start();
        int published = 0;
        while (busy.elapsed() < 160) {
            feed.publish(1, 1, QVariant(published++));
            QThread::usleep(200);
        }
        const int busyBatches = int(batches.size()) - 2;
        QVERIFY2(busyBatches >= 2 && busyBatches <= 5, qPrintable(QString::number(busyBatches)));
    }

    void fullBatchesLeaveAtOnce()
    {
        InspectorFeed feed;
        QSignalSpy batches(&feed, &InspectorFeed::batchReady);
        const int total = 2 * InspectorFeed::kMaxBatchSize + 500;
        for (int i = 0; i < total; ++i)
            feed.publish(1, 1, QVariant(i));
        // Full batches went out while publishing, without waiting for the interval.
        QVERIFY(batches.size() >= 2);
        QTRY_VERIFY_WITH_TIMEOUT(allEvents(batches).size() == total, 1000);
        for (const QList<QVariant>& args : batches) {
            const InspectorBatch batch = args.at(0).value<InspectorBatch>();
            QVERIFY(batch.events.size() <= InspectorFeed::kMaxBatchSize);
        }
        const QVector<InspectorEvent> events = allEvents(batches);
        for (int i = 0; i < total; ++i) {
            QCOMPARE(events.at(i).id, quint64(i + 1));
            QCOMPARE(events.at(i).value.toInt(), i);
        }
    }

    void snapshotSourcesArePolledOnlyWhileSubscribed()
    {
        InspectorFeed feed;
        const int kind = InspectorKinds::add(QStringLiteral("toy-unit-snapshots"));
        int polls = 0;
        const int source = feed.addSnapshotSource(
            kind, [&] { ++polls; }, 50);
        feed.pollSnapshots();
        QCOMPARE(polls, 0); // nobody asked

        feed.subscribe(kind);
        feed.subscribe(kind);
        QVERIFY(feed.isSubscribed(kind));
        feed.pollSnapshots();
        QCOMPARE(polls, 1);
        feed.pollSnapshots();
        QCOMPARE(polls, 1); // rate-limited
        QTest::qWait(60);
        feed.pollSnapshots();
        QCOMPARE(polls, 2);

        feed.unsubscribe(kind); // one subscriber left
        QTest::qWait(60);
        feed.pollSnapshots();
        QCOMPARE(polls, 3);
        feed.unsubscribe(kind);
        QVERIFY(!feed.isSubscribed(kind));
        QTest::qWait(60);
        feed.pollSnapshots();
        QCOMPARE(polls, 3);

        feed.subscribe(kind);
        feed.removeSnapshotSource(source);
        QTest::qWait(60);
        feed.pollSnapshots();
        QCOMPARE(polls, 3);
    }

    void consoleMessagesAreEventsOfTheFeed()
    {
        Controller controller;
        const QVector<InspectorEvent> events =
            runAndCollect(controller, QStringLiteral("console.log('a'); console.warn('b');"));
        QCOMPARE(events.size(), 2);
        QStringList texts;
        for (const InspectorEvent& event : events) {
            QCOMPARE(event.kind, InspectorKinds::Console);
            QVERIFY(event.holds<ConsoleMessage>());
            QCOMPARE(event.runId, controller.currentRunId());
            QVERIFY(event.wallClockMs > 0);
            QVERIFY(event.monotonicMs > 0);
            texts << event.value.value<ConsoleMessage>().text;
        }
        QCOMPARE(texts, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY(events.at(1).id > events.at(0).id);
    }

    void aProducerTheEngineDoesNotKnowPublishesEvents()
    {
        registerToyProducers();
        Controller controller;
        const QVector<InspectorEvent> events = runAndCollect(
            controller, QStringLiteral("toyPublish(1); console.log('between'); toyPublish(2);"
                                       "setTimeout(() => toyPublish(3), 5);"));
        QStringList seen;
        for (const InspectorEvent& event : events) {
            if (event.kind == toyEventKind())
                seen << QString::number(event.value.toInt());
            else if (event.kind == InspectorKinds::Console)
                seen << event.value.value<ConsoleMessage>().text;
        }
        // One stream of events, in publishing order, with increasing ids.
        QCOMPARE(seen, (QStringList{QStringLiteral("1"), QStringLiteral("between"),
                                    QStringLiteral("2"), QStringLiteral("3")}));
        for (int i = 1; i < events.size(); ++i)
            QVERIFY(events.at(i).id > events.at(i - 1).id);
    }

    void snapshotsAreTakenBetweenTasksWhileSubscribed()
    {
        registerToyProducers();
        Controller controller;
        // Nobody subscribed: no snapshots at all.
        QVector<InspectorEvent> events = runAndCollect(controller, QString::fromUtf8(kBusyTasks));
        int snapshots = 0;
        for (const InspectorEvent& event : events)
            snapshots += event.kind == toySnapshotKind();
        QCOMPARE(snapshots, 0);

        // Subscribed: snapshots between the tasks (never "inside" one, as a snapshot taken
        // from an interrupt would see), at most one per 20 ms interval.
        controller.subscribeInspector(toySnapshotKind());
        QElapsedTimer clock;
        clock.start();
        events = runAndCollect(controller, QString::fromUtf8(kBusyTasks));
        const qint64 elapsed = clock.elapsed();
        QStringList states;
        for (const InspectorEvent& event : events) {
            if (event.kind == toySnapshotKind()) states << event.value.toString();
        }
        QVERIFY2(states.size() >= 3, qPrintable(states.join(u',')));
        QVERIFY2(states.size() <= elapsed / 20 + 2, qPrintable(states.join(u',')));
        for (const QString& state : std::as_const(states))
            QVERIFY2(state != QLatin1String("inside"), qPrintable(states.join(u',')));
        QVERIFY(states.contains(QStringLiteral("between")));

        // Unsubscribed again: no more snapshots.
        controller.unsubscribeInspector(toySnapshotKind());
        events = runAndCollect(controller, QString::fromUtf8(kBusyTasks));
        snapshots = 0;
        for (const InspectorEvent& event : events)
            snapshots += event.kind == toySnapshotKind();
        QCOMPARE(snapshots, 0);
    }
};

QTEST_GUILESS_MAIN(TestInspectorFeed)
#include "tst_inspector_feed.moc"
