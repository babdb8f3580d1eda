// The fetch traffic producer (core/fetch_traffic_recorder.h): updates are coalesced (a
// thousand body chunks make a few events), begin and finish are published at once (also when
// nobody listens), previews are bounded (and not copied while nobody listens), redirects and
// timing land in the record. End to end: toy fetches made from a script through a real run
// reach the feed, and nanojs's --har collector (app/nanojs/har_output) turns them into a HAR
// that passes the schema check.

#include "core/fetch_traffic_recorder.h"
#include "core/inspector_producers.h"
#include "core/runtime.h"
#include "engine/controller.h"
#include "har_output.h"
#include "har_schema.h"
#include "inspect/har.h"
#include "net/http_transfer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace nano;
using core::FetchTrafficRecorder;

namespace {

// A recorder that publishes into a list, listening or not.
struct Sink {
    QVector<FetchRecords> events;
    bool listening = true;

    void connect(FetchTrafficRecorder& recorder)
    {
        recorder.publishTo([this](FetchRecords records) { events.push_back(std::move(records)); },
                           [this] { return listening; });
    }
    FetchRecord last() const { return events.last().last(); }
};

// Toy fetch() functions for scripts, calling the run's recorder as fetch will:
//   toyBegin(url) -> id; toyBody(id, bytes); toyFinish(id)
FetchTrafficRecorder& recorderOf(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    return FetchTrafficRecorder::from(*core::Runtime::from(info.GetIsolate()));
}

quint64 idArg(const v8::FunctionCallbackInfo<v8::Value>& info, int i)
{
    return quint64(info[i]->IntegerValue(info.GetIsolate()->GetCurrentContext()).FromMaybe(0));
}

void toyBegin(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    const QString url = QString::fromUtf8(*v8::String::Utf8Value(info.GetIsolate(), info[0]));
    const quint64 id =
        recorderOf(info).begin(QStringLiteral("toy.js:1"), "GET", url, {{"accept", "*/*"}});
    recorderOf(info).responseHead(id, 200, "OK", "1.1", QStringLiteral("127.0.0.1"),
                                  {{"content-type", "text/plain"}});
    info.GetReturnValue().Set(double(id));
}

void toyBody(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    const QByteArray bytes(int(idArg(info, 1)), 'x');
    recorderOf(info).responseBody(idArg(info, 0), bytes.constData(), bytes.size());
}

void toyFinish(const v8::FunctionCallbackInfo<v8::Value>& info)
{
    recorderOf(info).finishDone(idArg(info, 0));
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

void registerToyFetch()
{
    core::InspectorProducer toys;
    toys.kind = InspectorKinds::add(QStringLiteral("toy-fetch"));
    toys.attach = [](core::Runtime& run) {
        setFunction(run.context(), "toyBegin", &toyBegin);
        setFunction(run.context(), "toyBody", &toyBody);
        setFunction(run.context(), "toyFinish", &toyFinish);
    };
    core::addInspectorProducer(toys);
}

// Two toy fetches: one finished within a task, one with 200 chunks over ~300 ms.
const char* kToyScript = R"(
    toyFinish(toyBegin('http://example.test/short'));
    const id = toyBegin('http://example.test/long?n=200');
    let n = 0;
    const timer = setInterval(() => {
        for (let i = 0; i < 20; ++i) toyBody(id, 100);
        if ((n += 20) === 200) { clearInterval(timer); toyFinish(id); }
    }, 30);
)";

} // namespace

class TestFetchTraffic : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { registerToyFetch(); }

    void theKindIsRegistered()
    {
        QCOMPARE(InspectorKinds::name(fetchTrafficKind()), QStringLiteral("fetch"));
        QCOMPARE(stateName(FetchRecord::State::InFlight), QStringLiteral("in-flight"));
    }

    void manyBodyUpdatesMakeFewEvents()
    {
        FetchTrafficRecorder recorder;
        Sink sink;
        sink.connect(recorder);
        const quint64 id =
            recorder.begin(QStringLiteral("a.js:1"), "GET", QStringLiteral("http://x/"), {});
        QCOMPARE(sink.events.size(), 1); // begin: at once
        QCOMPARE(sink.last().id, id);
        QCOMPARE(sink.last().state, FetchRecord::State::InFlight);
        QElapsedTimer clock;
        clock.start();
        // 1000 chunks over about 300 ms.
        for (int round = 0; round < 30; ++round) {
            for (int i = 0; i < 33; ++i)
                recorder.responseBody(id, "0123456789", 10);
            QTest::qWait(10);
        }
        const int progress = int(sink.events.size()) - 1;
        QVERIFY2(progress >= 2, qPrintable(QString::number(progress)));
        QVERIFY2(
            progress <= clock.elapsed() / FetchTrafficRecorder::kBatchIntervalMs + 1,
            qPrintable(QStringLiteral("%1 events in %2 ms").arg(progress).arg(clock.elapsed())));
        for (const FetchRecords& event : sink.events)
            QCOMPARE(event.size(), 1); // one record per event here: only it changed
        // Sizes grow from event to event.
        for (int i = 1; i < sink.events.size(); ++i)
            QVERIFY(sink.events[i].last().responseBodySize >
                    sink.events[i - 1].last().responseBodySize);
        recorder.finishDone(id);
        QCOMPARE(sink.last().state, FetchRecord::State::Done);
        QCOMPARE(sink.last().responseBodySize, qint64(30 * 33 * 10));
        QVERIFY(sink.last().timing.end >= sink.last().timing.queued);
        QVERIFY(recorder.inFlight().isEmpty());
        const int afterFinish = int(sink.events.size());
        QTest::qWait(80);
        QCOMPARE(int(sink.events.size()), afterFinish); // nothing pending after finish
    }

    void beginAndFinishAreAlwaysPublished()
    {
        FetchTrafficRecorder recorder;
        Sink sink;
        sink.listening = false;
        sink.connect(recorder);
        // A request that ends before any timer could fire is still seen, twice.
        const quint64 quick = recorder.begin(QString(), "GET", QStringLiteral("http://x/1"), {});
        recorder.responseBody(quick, "abc", 3);
        recorder.finishFailed(quick, QStringLiteral("ECONNRESET"), QStringLiteral("reset"));
        QCOMPARE(sink.events.size(), 2);
        QCOMPARE(sink.events[0].last().state, FetchRecord::State::InFlight);
        QCOMPARE(sink.events[1].last().state, FetchRecord::State::Failed);
        QCOMPARE(sink.events[1].last().failureCode, QStringLiteral("ECONNRESET"));
        QCOMPARE(sink.events[1].last().responseBodySize, qint64(3));
        // Nobody listens: no progress events and no preview copies.
        const quint64 slow = recorder.begin(QString(), "GET", QStringLiteral("http://x/2"), {});
        for (int i = 0; i < 20; ++i) {
            recorder.responseBody(slow, "abcdef", 6);
            QTest::qWait(10);
        }
        QCOMPARE(sink.events.size(), 3);
        recorder.finishAborted(slow, QStringLiteral("AbortError: stopped"));
        QCOMPARE(sink.events.size(), 4);
        const FetchRecord aborted = sink.last();
        QCOMPARE(aborted.state, FetchRecord::State::Aborted);
        QCOMPARE(aborted.failureMessage, QStringLiteral("AbortError: stopped"));
        QCOMPARE(aborted.responseBodySize, qint64(120));
        QCOMPARE(aborted.responseBody.kept, FetchRecord::BodyPreview::Kept::None);
        QVERIFY(aborted.responseBody.bytes.isEmpty());
    }

    void previewsAreBounded()
    {
        FetchTrafficRecorder recorder;
        Sink sink;
        sink.connect(recorder);
        const quint64 id = recorder.begin(QString(), "PUT", QStringLiteral("http://x/"), {});
        const QByteArray chunk(64 * 1024, 'z');
        for (int i = 0; i < 48; ++i) { // 3 MiB each way
            recorder.requestBody(id, chunk.constData(), chunk.size());
            recorder.responseBody(id, chunk.constData(), chunk.size());
        }
        recorder.finishDone(id);
        const FetchRecord r = sink.last();
        QCOMPARE(r.requestBodySize, qint64(3) << 20);
        QCOMPARE(r.responseBodySize, qint64(3) << 20);
        QCOMPARE(r.requestBody.bytes.size(), FetchRecord::BodyPreview::kLimit);
        QCOMPARE(r.responseBody.bytes.size(), FetchRecord::BodyPreview::kLimit);
        QCOMPARE(r.requestBody.kept, FetchRecord::BodyPreview::Kept::Head);
        QCOMPARE(r.responseBody.kept, FetchRecord::BodyPreview::Kept::Head);
        // A body under the bound is kept whole.
        FetchRecord::BodyPreview small;
        small.append("hello", 5);
        QCOMPARE(small.bytes, QByteArray("hello"));
        QCOMPARE(small.kept, FetchRecord::BodyPreview::Kept::Whole);
    }

    void redirectsHeadsAndTiming()
    {
        FetchTrafficRecorder recorder;
        Sink sink;
        sink.connect(recorder);
        const quint64 id = recorder.begin(QStringLiteral("a.js:2"), "POST",
                                          QStringLiteral("http://x/a"), {{"x-a", "1"}});
        recorder.responseHead(id, 303, "See Other", "1.1", QStringLiteral("10.0.0.1"),
                              {{"location", "/b"}});
        FetchRecord::RedirectHop hop;
        hop.url = QStringLiteral("http://x/a");
        hop.method = "POST";
        hop.status = 303;
        hop.headers = {{"location", "/b"}};
        recorder.redirect(id, hop, QStringLiteral("http://x/b"));
        net::TransferTiming transfer;
        transfer.queued = 100;
        transfer.connectStart = 101;
        transfer.tlsDone = 110;
        transfer.requestSent = 111;
        transfer.firstByte = 130;
        transfer.end = 0;
        recorder.timing(id, FetchTrafficRecorder::timingOf(transfer));
        recorder.responseHead(id, 200, "OK", "2", QStringLiteral("10.0.0.2"), {{"a", "b"}});
        recorder.finishDone(id);
        const FetchRecord r = sink.last();
        QCOMPARE(r.url, QStringLiteral("http://x/b"));
        QCOMPARE(r.redirects.size(), 1);
        QCOMPARE(r.redirects[0].status, 303);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.httpVersion, QByteArray("2"));
        QCOMPARE(r.remoteAddress, QStringLiteral("10.0.0.2"));
        QCOMPARE(r.requestHeaders, (FetchRecord::Headers{{"x-a", "1"}}));
        QCOMPARE(r.timing.queued, 100.0);
        QCOMPARE(r.timing.connectStart, 101.0);
        QCOMPARE(r.timing.connectEnd, 110.0); // Qt has no "connected": TLS done ends it
        QCOMPARE(r.timing.tlsStart, 0.0);
        QCOMPARE(r.timing.tlsEnd, 110.0);
        QCOMPARE(r.timing.firstByte, 130.0);
        QVERIFY(r.timing.end > 0); // finish stamps the end

        // A plain-HTTP transfer on a new connection: connect ends when the request leaves.
        net::TransferTiming plain;
        plain.queued = 1;
        plain.connectStart = 2;
        plain.requestSent = 5;
        QCOMPARE(FetchTrafficRecorder::timingOf(plain).connectEnd, 5.0);
        // A reused connection has no connect phase.
        plain.connectStart = 0;
        QCOMPARE(FetchTrafficRecorder::timingOf(plain).connectEnd, 0.0);
    }

    void aCallForAnUnknownFetchIsLoggedAndIgnored()
    {
        FetchTrafficRecorder recorder;
        Sink sink;
        sink.connect(recorder);
        const quint64 id = recorder.begin(QString(), "GET", QStringLiteral("http://x/"), {});
        recorder.finishDone(id);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "finish for fetch 1, which is not in flight")));
        recorder.finishDone(id);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("responseBody for fetch 9")));
        recorder.responseBody(9, "x", 1);
        QCOMPARE(sink.events.size(), 2);
    }

    void aRunPublishesThroughTheFeedAndNanojsWritesTheHar()
    {
        Controller controller;
        cli::HarCollector collector(controller); // subscribes, as `nanojs run --har` does
        QSignalSpy events(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        RunRequest request;
        request.source = QString::fromUtf8(kToyScript);
        request.sourceName = QStringLiteral("toy.js");
        controller.run(request);
        QVERIFY(finished.wait(10000));
        QCoreApplication::processEvents();
        int fetchEvents = 0;
        for (const QList<QVariant>& args : events) {
            for (const InspectorEvent& event : args.at(0).value<InspectorBatch>().events) {
                if (event.kind != fetchTrafficKind()) continue;
                QVERIFY(event.holds<FetchRecords>());
                ++fetchEvents;
            }
        }
        // begin+finish of the short one, begin, a few coalesced updates, finish: not 200.
        QVERIFY2(fetchEvents >= 4 && fetchEvents <= 20, qPrintable(QString::number(fetchEvents)));

        const FetchRecords records = collector.records();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records[0].url, QStringLiteral("http://example.test/short"));
        QCOMPARE(records[1].state, FetchRecord::State::Done);
        QCOMPARE(records[1].responseBodySize, qint64(200 * 100));
        QCOMPARE(records[1].responseBody.bytes, QByteArray(200 * 100, 'x')); // listened: kept

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.har"));
        QString error;
        QVERIFY2(collector.write(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
        const QStringList errors = test::harSchemaErrors(doc);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const QJsonArray entries = test::harEntries(doc);
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(1).toObject().value(QStringLiteral("_nanoInitiator")).toString(),
                 QStringLiteral("toy.js:1"));
        QCOMPARE(entries.at(1)
                     .toObject()
                     .value(QStringLiteral("response"))
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toObject()
                     .value(QStringLiteral("size"))
                     .toInt(),
                 20000);
        QVERIFY(!collector.write(dir.filePath(QStringLiteral("no/such/dir/x.har")), &error));
        QVERIFY2(error.contains(QLatin1String("cannot write the HAR file")), qPrintable(error));
    }

    void whatChangedLastReachesTheFeedBeforeTheRunsResult()
    {
        // The last 50 ms of changes are published when the run ends, not a timer tick later.
        Controller controller;
        cli::HarCollector collector(controller);
        QSignalSpy finished(&controller, &Controller::runFinished);
        RunRequest request;
        request.source = QStringLiteral("toyBody(toyBegin('http://example.test/open'), 5);");
        request.sourceName = QStringLiteral("toy.js");
        controller.run(request);
        QVERIFY(finished.wait(10000));
        const FetchRecords records = collector.records();
        QCOMPARE(records.size(), 1);
        QCOMPARE(records[0].status, 200);
        QCOMPARE(records[0].responseBodySize, qint64(5));
        QCOMPARE(records[0].state, FetchRecord::State::InFlight);
    }

    void withoutListenersARunSendsOnlyBeginAndFinish()
    {
        Controller controller;
        QSignalSpy events(&controller, &Controller::inspectorEvents);
        QSignalSpy finished(&controller, &Controller::runFinished);
        RunRequest request;
        request.source = QString::fromUtf8(kToyScript);
        request.sourceName = QStringLiteral("toy.js");
        controller.run(request);
        QVERIFY(finished.wait(10000));
        QCoreApplication::processEvents();
        FetchRecords seen;
        for (const QList<QVariant>& args : events) {
            for (const FetchRecords& records :
                 args.at(0).value<InspectorBatch>().values<FetchRecords>(fetchTrafficKind()))
                seen += records;
        }
        QCOMPARE(seen.size(), 4); // begin and finish of each
        QCOMPARE(seen.last().responseBodySize, qint64(200 * 100));
        QCOMPARE(seen.last().responseBody.kept, FetchRecord::BodyPreview::Kept::None);
    }
};

QTEST_GUILESS_MAIN(TestFetchTraffic)
#include "tst_fetch_traffic.moc"
