// The HAR 1.2 writer and reader (inspect/har.h): what the writer makes passes the HAR 1.2
// schema check (har_schema.h) and carries the records' values where HAR puts them (timings
// from the monotonic stamps, redirects as entries of their own, bodies as text or base64, what
// was not kept said so); writer -> reader -> writer gives the same JSON; a HAR from elsewhere
// reads; malformed files get an error that names the field.

#include "har_schema.h"
#include "inspect/har.h"
#include "tst_har_samples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace nano;

namespace {

const qint64 kStart = 1764806400123; // 2025-12-04T00:00:00.123Z

FetchRecord::Timing fullTiming(double at)
{
    FetchRecord::Timing t;
    t.queued = at;
    t.connectStart = at + 10;
    t.tlsStart = at + 20;
    t.tlsEnd = at + 50;
    t.connectEnd = at + 50;
    t.requestSent = at + 55.5;
    t.firstByte = at + 100.25;
    t.end = at + 160;
    return t;
}

// A record of each kind the writer has to handle.
FetchRecords sampleRecords()
{
    FetchRecord get;
    get.id = 1;
    get.initiator = QStringLiteral("file:///work/a.js:3");
    get.method = "GET";
    get.url = QStringLiteral("https://example.test/data?x=1&y=%C3%A9");
    get.requestHeaders = {{"accept", "*/*"}, {"cookie", "a=1; b=2"}};
    get.status = 200;
    get.statusText = "OK";
    get.httpVersion = "2";
    get.remoteAddress = QStringLiteral("127.0.0.1");
    get.responseHeaders = {{"content-type", "application/json"},
                           {"set-cookie", "sid=abc; Path=/; HttpOnly; Secure"},
                           {"x-latin1", QByteArray("caf\xe9")}};
    get.responseBody.append("{\"ok\":true}", 11);
    get.responseBodySize = 11;
    get.wallClockMs = kStart;
    get.timing = fullTiming(5000);
    get.state = FetchRecord::State::Done;

    FetchRecord post; // a binary upload, redirected twice, binary answer
    post.id = 2;
    post.initiator = QStringLiteral("file:///work/a.js:9");
    post.method = "GET";
    post.url = QStringLiteral("http://example.test/final");
    post.requestHeaders = {{"content-type", "application/octet-stream"}};
    const QByteArray binary("\x00\xff\x10\x80", 4);
    post.requestBody.append(binary.constData(), binary.size());
    post.requestBodySize = 4;
    FetchRecord::RedirectHop hop1;
    hop1.url = QStringLiteral("http://example.test/start");
    hop1.method = "POST";
    hop1.status = 303;
    hop1.statusText = "See Other";
    hop1.httpVersion = "1.1";
    hop1.headers = {{"location", "/middle"}};
    hop1.timing = fullTiming(6000);
    FetchRecord::RedirectHop hop2 = hop1;
    hop2.url = QStringLiteral("http://example.test/middle");
    hop2.method = "GET";
    hop2.status = 302;
    hop2.statusText = "Found";
    hop2.headers = {{"location", "/final"}};
    hop2.timing = FetchRecord::Timing{};
    hop2.timing.queued = 6200; // a reused connection: no connect phase
    hop2.timing.requestSent = 6201;
    hop2.timing.firstByte = 6230;
    hop2.timing.end = 6231;
    post.redirects = {hop1, hop2};
    post.status = 200;
    post.statusText = "OK";
    post.httpVersion = "1.1";
    post.responseHeaders = {{"content-type", "image/png"}};
    post.responseBody.append(binary.constData(), binary.size());
    post.responseBodySize = 4;
    post.wallClockMs = kStart + 1000;
    post.timing = FetchRecord::Timing{};
    post.timing.queued = 6300;
    post.timing.requestSent = 6300.5;
    post.timing.firstByte = 6340;
    post.timing.end = 6345;
    post.state = FetchRecord::State::Done;

    FetchRecord big; // 3 MiB, only the first 1 MiB kept
    big.id = 3;
    big.method = "GET";
    big.url = QStringLiteral("http://example.test/big");
    big.status = 200;
    big.statusText = "OK";
    big.httpVersion = "1.1";
    const QByteArray mib(int(FetchRecord::BodyPreview::kLimit), 'a');
    for (int i = 0; i < 3; ++i)
        big.responseBody.append(mib.constData(), mib.size());
    big.responseBodySize = 3 * mib.size();
    big.wallClockMs = kStart + 2000;
    big.timing = fullTiming(7000);
    big.state = FetchRecord::State::Done;

    FetchRecord unseen = big; // nobody listened: nothing kept
    unseen.id = 4;
    unseen.responseBody = {};
    unseen.responseBody.kept = FetchRecord::BodyPreview::Kept::None;
    unseen.wallClockMs = kStart + 2500;

    FetchRecord refused; // failed before any response
    refused.id = 5;
    refused.method = "GET";
    refused.url = QStringLiteral("http://127.0.0.1:9/");
    refused.wallClockMs = kStart + 3000;
    refused.timing.queued = 8000;
    refused.timing.connectStart = 8001;
    refused.timing.end = 8003;
    refused.state = FetchRecord::State::Failed;
    refused.failureCode = QStringLiteral("ECONNREFUSED");
    refused.failureMessage = QStringLiteral("connect ECONNREFUSED 127.0.0.1:9");

    FetchRecord aborted = get;
    aborted.id = 6;
    aborted.wallClockMs = kStart + 4000;
    aborted.state = FetchRecord::State::Aborted;
    aborted.failureCode.clear();
    aborted.failureMessage = QStringLiteral("AbortError: This operation was aborted");

    FetchRecord inFlight; // still waiting for its head
    inFlight.id = 7;
    inFlight.method = "GET";
    inFlight.url = QStringLiteral("http://example.test/slow");
    inFlight.wallClockMs = kStart + 5000;
    inFlight.timing.queued = 9000;
    inFlight.timing.requestSent = 9002;
    return {get, post, big, unseen, refused, aborted, inFlight};
}

QJsonArray entriesOf(const QJsonObject& har)
{
    return har.value(QStringLiteral("log")).toObject().value(QStringLiteral("entries")).toArray();
}

QJsonObject obj(const QJsonValue& v, const char* key)
{
    return v.toObject().value(QLatin1String(key)).toObject();
}

QString readError(const QByteArray& json)
{
    FetchRecords records;
    QString error;
    if (har::readHar(json, &records, &error)) return QStringLiteral("(read fine)");
    return error;
}

} // namespace

class TestHar : public QObject {
    Q_OBJECT

private slots:
    void anEmptyRunIsAValidLog()
    {
        const QJsonDocument doc = QJsonDocument::fromJson(har::writeHar({}));
        const QStringList errors = test::harSchemaErrors(doc);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const QJsonObject log = doc.object().value(QStringLiteral("log")).toObject();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
        QCOMPARE(obj(log, "creator").value(QStringLiteral("name")).toString(),
                 QStringLiteral("NANO Workbench"));
        QCOMPARE(obj(log, "creator").value(QStringLiteral("version")).toString(),
                 QStringLiteral(NANO_VERSION));
        QCOMPARE(log.value(QStringLiteral("pages")), QJsonValue(QJsonArray()));
        QVERIFY(log.value(QStringLiteral("entries")).isArray());
        QCOMPARE(log.value(QStringLiteral("entries")).toArray().size(), 0);
    }

    void theWriterPassesTheSchema()
    {
        const QJsonDocument doc = QJsonDocument::fromJson(har::writeHar(sampleRecords()));
        const QStringList errors = test::harSchemaErrors(doc);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(entriesOf(doc.object()).size(), 9); // 7 records, 2 of them redirect hops
    }

    void theSchemaCheckCatchesMistakes()
    {
        // The helper must fail what the spec forbids, or the test above proves nothing.
        QJsonObject har = har::toHar(sampleRecords());
        QJsonObject log = har.value(QStringLiteral("log")).toObject();
        QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
        QJsonObject first = entries.at(0).toObject();
        QJsonObject timings = first.value(QStringLiteral("timings")).toObject();
        timings.remove(QStringLiteral("send"));
        first.insert(QStringLiteral("timings"), timings);
        first.insert(QStringLiteral("startedDateTime"), QStringLiteral("yesterday"));
        QJsonObject request = first.value(QStringLiteral("request")).toObject();
        request.insert(QStringLiteral("url"), 5);
        first.insert(QStringLiteral("request"), request);
        entries.replace(0, first);
        log.insert(QStringLiteral("entries"), entries);
        har.insert(QStringLiteral("log"), log);
        const QStringList errors = test::harSchemaErrors(QJsonDocument(har));
        const QString all = errors.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("log.entries[0].timings.send: required")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("log.entries[0].startedDateTime: not ISO 8601")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("log.entries[0].request.url: wrong type")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("log.entries[0].time: ")), qPrintable(all));
    }

    void entriesCarryTheRecords()
    {
        const QJsonArray entries = entriesOf(har::toHar(sampleRecords()));
        // Ordered by startedDateTime: get, the two hops and the final request of post, ...
        const QJsonObject get = entries.at(0).toObject();
        QCOMPARE(get.value(QStringLiteral("startedDateTime")).toString(),
                 QStringLiteral("2025-12-04T00:00:00.123Z"));
        QCOMPARE(get.value(QStringLiteral("_nanoId")).toInt(), 1);
        QCOMPARE(get.value(QStringLiteral("_nanoInitiator")).toString(),
                 QStringLiteral("file:///work/a.js:3"));
        QCOMPARE(get.value(QStringLiteral("_nanoState")).toString(), QStringLiteral("done"));
        QCOMPARE(get.value(QStringLiteral("serverIPAddress")).toString(),
                 QStringLiteral("127.0.0.1"));
        // queued 0, connect 10..50 with TLS 20..50, sent 55.5, first byte 100.25, end 160.
        const QJsonObject timings = obj(get, "timings");
        QCOMPARE(timings.value(QStringLiteral("blocked")).toDouble(), 10.0);
        QCOMPARE(timings.value(QStringLiteral("dns")).toDouble(), -1.0);
        QCOMPARE(timings.value(QStringLiteral("connect")).toDouble(), 40.0);
        QCOMPARE(timings.value(QStringLiteral("ssl")).toDouble(), 30.0);
        QCOMPARE(timings.value(QStringLiteral("send")).toDouble(), 5.5);
        QCOMPARE(timings.value(QStringLiteral("wait")).toDouble(), 44.75);
        QCOMPARE(timings.value(QStringLiteral("receive")).toDouble(), 59.75);
        QCOMPARE(get.value(QStringLiteral("time")).toDouble(), 160.0);
        const QJsonObject request = obj(get, "request");
        QCOMPARE(request.value(QStringLiteral("httpVersion")).toString(), QStringLiteral("HTTP/2"));
        QCOMPARE(request.value(QStringLiteral("queryString")).toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                         {QStringLiteral("value"), QStringLiteral("1")}},
                             QJsonObject{{QStringLiteral("name"), QStringLiteral("y")},
                                         {QStringLiteral("value"), QString::fromUtf8("é")}}}));
        QCOMPARE(request.value(QStringLiteral("cookies")).toArray().size(), 2);
        QVERIFY(!request.contains(QStringLiteral("postData")));
        const QJsonObject response = obj(get, "response");
        QCOMPARE(response.value(QStringLiteral("status")).toInt(), 200);
        QCOMPARE(response.value(QStringLiteral("headers"))
                     .toArray()
                     .at(2)
                     .toObject()
                     .value(QStringLiteral("value")),
                 QJsonValue(QString::fromUtf8("café"))); // not UTF-8: one char per byte
        const QJsonObject cookie =
            response.value(QStringLiteral("cookies")).toArray().at(0).toObject();
        QCOMPARE(cookie.value(QStringLiteral("name")).toString(), QStringLiteral("sid"));
        QCOMPARE(cookie.value(QStringLiteral("path")).toString(), QStringLiteral("/"));
        QCOMPARE(cookie.value(QStringLiteral("httpOnly")).toBool(), true);
        QCOMPARE(obj(response, "content").value(QStringLiteral("text")).toString(),
                 QStringLiteral("{\"ok\":true}"));
        QCOMPARE(obj(response, "content").value(QStringLiteral("mimeType")).toString(),
                 QStringLiteral("application/json"));

        // The redirect chain: hop entries point at the next URL, a reused connection has no
        // connect phase; the final request is as much later as its queued stamp says.
        const QJsonObject hop1 = entries.at(1).toObject(), hop2 = entries.at(2).toObject();
        const QJsonObject final = entries.at(3).toObject();
        QCOMPARE(hop1.value(QStringLiteral("_nanoHop")).toInt(), 0);
        QCOMPARE(obj(hop1, "request").value(QStringLiteral("method")).toString(),
                 QStringLiteral("POST"));
        QCOMPARE(obj(hop1, "response").value(QStringLiteral("status")).toInt(), 303);
        QCOMPARE(obj(hop1, "response").value(QStringLiteral("redirectURL")).toString(),
                 QStringLiteral("http://example.test/middle"));
        QCOMPARE(obj(hop2, "response").value(QStringLiteral("redirectURL")).toString(),
                 QStringLiteral("http://example.test/final"));
        QCOMPARE(obj(hop2, "timings").value(QStringLiteral("connect")).toDouble(), -1.0);
        QCOMPARE(obj(hop2, "timings").value(QStringLiteral("blocked")).toDouble(), 1.0);
        QCOMPARE(obj(hop2, "timings").value(QStringLiteral("send")).toDouble(), 0.0);
        QCOMPARE(hop2.value(QStringLiteral("startedDateTime")).toString(),
                 QStringLiteral("2025-12-04T00:00:01.323Z"));
        QCOMPARE(final.value(QStringLiteral("startedDateTime")).toString(),
                 QStringLiteral("2025-12-04T00:00:01.423Z"));
        QVERIFY(!final.contains(QStringLiteral("_nanoHop")));
        const QJsonObject postData = obj(obj(final, "request"), "postData");
        QCOMPARE(postData.value(QStringLiteral("mimeType")).toString(),
                 QStringLiteral("application/octet-stream"));
        QCOMPARE(postData.value(QStringLiteral("text")).toString(), QStringLiteral("AP8QgA=="));
        QCOMPARE(postData.value(QStringLiteral("_encoding")).toString(), QStringLiteral("base64"));
        const QJsonObject png = obj(obj(final, "response"), "content");
        QCOMPARE(png.value(QStringLiteral("encoding")).toString(), QStringLiteral("base64"));
        QCOMPARE(png.value(QStringLiteral("text")).toString(), QStringLiteral("AP8QgA=="));

        // Bounded previews say what was kept.
        const QJsonObject big = obj(obj(entries.at(4), "response"), "content");
        QCOMPARE(big.value(QStringLiteral("size")).toDouble(), 3.0 * 1024 * 1024);
        QCOMPARE(big.value(QStringLiteral("text")).toString().size(), 1024 * 1024);
        QCOMPARE(big.value(QStringLiteral("_nanoKept")).toString(), QStringLiteral("head"));
        QVERIFY(big.value(QStringLiteral("comment")).toString().contains(QLatin1String("first")));
        const QJsonObject unseen = obj(obj(entries.at(5), "response"), "content");
        QVERIFY(!unseen.contains(QStringLiteral("text")));
        QVERIFY(
            unseen.value(QStringLiteral("comment")).toString().contains(QLatin1String("not kept")));

        // Failures, aborts, a request in flight.
        const QJsonObject refused = entries.at(6).toObject();
        QCOMPARE(refused.value(QStringLiteral("_nanoState")).toString(), QStringLiteral("failed"));
        QCOMPARE(refused.value(QStringLiteral("_nanoErrorCode")).toString(),
                 QStringLiteral("ECONNREFUSED"));
        QCOMPARE(obj(refused, "response").value(QStringLiteral("status")).toInt(), 0);
        QCOMPARE(obj(refused, "timings").value(QStringLiteral("connect")).toDouble(), 2.0);
        QCOMPARE(refused.value(QStringLiteral("time")).toDouble(), 3.0);
        QCOMPARE(entries.at(7).toObject().value(QStringLiteral("_nanoState")).toString(),
                 QStringLiteral("aborted"));
        QCOMPARE(entries.at(7).toObject().value(QStringLiteral("_nanoErrorMessage")).toString(),
                 QStringLiteral("AbortError: This operation was aborted"));
        QCOMPARE(entries.at(8).toObject().value(QStringLiteral("_nanoState")).toString(),
                 QStringLiteral("in-flight"));
    }

    void writerReaderWriterGivesTheSameJson()
    {
        const QByteArray first = har::writeHar(sampleRecords());
        FetchRecords read;
        QString error;
        QVERIFY2(har::readHar(first, &read, &error), qPrintable(error));
        QCOMPARE(read.size(), 7);
        QCOMPARE(har::writeHar(read), first);
        // What the UI shows comes back as it was.
        const FetchRecords original = sampleRecords();
        for (int i = 0; i < read.size(); ++i) {
            QCOMPARE(read[i].id, original[i].id);
            QCOMPARE(read[i].url, original[i].url);
            QCOMPARE(read[i].state, original[i].state);
            QCOMPARE(read[i].responseBody.kept, original[i].responseBody.kept);
            QCOMPARE(read[i].responseBody.bytes, original[i].responseBody.bytes);
            QCOMPARE(read[i].requestBody.bytes, original[i].requestBody.bytes);
            QCOMPARE(read[i].redirects.size(), original[i].redirects.size());
            QCOMPARE(read[i].wallClockMs, original[i].wallClockMs);
            QCOMPARE(read[i].failureMessage, original[i].failureMessage);
        }
        QCOMPARE(read[1].redirects[0].method, QByteArray("POST"));
        QCOMPARE(read[1].redirects[1].headers, original[1].redirects[1].headers);
        QCOMPARE(read[0].requestHeaders, original[0].requestHeaders);
        QCOMPARE(read[0].httpVersion, QByteArray("2"));
        // Stamps are relative to the first exchange, so their differences are the same.
        QCOMPARE(read[0].timing.end - read[0].timing.queued, 160.0);
        QCOMPARE(read[0].timing.tlsEnd - read[0].timing.tlsStart, 30.0);
        QCOMPARE(read[1].timing.queued - read[1].redirects[0].timing.queued, 300.0);
    }

    void aHarFromElsewhereReads()
    {
        // The shape Chrome DevTools exports (tst_har_samples.h).
        const QByteArray chrome = kChromeHar;
        FetchRecords records;
        QString error;
        QVERIFY2(har::readHar(chrome, &records, &error), qPrintable(error));
        QCOMPARE(records.size(), 1);
        const FetchRecord& r = records[0];
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.url, QStringLiteral("https://a.test/"));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.httpVersion, QByteArray("2.0"));
        QCOMPARE(r.responseBody.bytes, QByteArray("nope!"));
        QCOMPARE(r.responseBodySize, qint64(5));
        QCOMPARE(r.state, FetchRecord::State::Done);
        QCOMPARE(r.wallClockMs, QDateTime::fromString(QStringLiteral("2025-01-01T09:00:00.500Z"),
                                                      Qt::ISODateWithMs)
                                    .toMSecsSinceEpoch());
        QCOMPARE(r.timing.end - r.timing.queued, 10.5); // dns is not a phase we keep
        QCOMPARE(r.requestHeaders.first().first, QByteArray(":authority"));
    }

    void malformedFilesSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const QByteArray entry = kMinimalEntry;
        auto log = [](const QByteArray& entries, const QByteArray& version = "1.2") {
            return QByteArray("{\"log\": {\"version\": \"") + version +
                   "\", \"creator\": {\"name\": \"x\", \"version\": \"1\"}, \"entries\": [" +
                   entries + "]}}";
        };
        auto with = [&](const char* from, const char* to) {
            QByteArray e = entry;
            return log(e.replace(from, to));
        };
        QTest::newRow("not JSON") << QByteArray("{\"log\": ") << "not a HAR file: ";
        QTest::newRow("an array") << QByteArray("[]") << "the top level is not an object";
        QTest::newRow("no log") << QByteArray("{}") << "log: is missing";
        QTest::newRow("no entries")
            << QByteArray("{\"log\": {\"version\": \"1.2\", \"creator\": {}}}")
            << "log.entries: is missing";
        QTest::newRow("HAR 2") << log("", "2.0") << "log.version: HAR 2.0 is not supported";
        QTest::newRow("entry not an object") << log("1") << "log.entries[0]: expected an object";
        QTest::newRow("url a number") << with("\"url\": \"http://a/\"", "\"url\": 5")
                                      << "log.entries[0].request.url: expected a string";
        QTest::newRow("header without value")
            << with("\"httpVersion\": \"\", \"headers\": []",
                    "\"httpVersion\": \"\", \"headers\": [{\"name\": \"a\"}]")
            << "log.entries[0].request.headers[0].value: is missing";
        QTest::newRow("bad date") << with("2025-01-01T00:00:00.000Z", "soon")
                                  << "log.entries[0].startedDateTime: 'soon' is not an ISO 8601";
        QTest::newRow("no send") << with("\"send\": 0, ", "")
                                 << "log.entries[0].timings.send: is missing";
        QTest::newRow("bad base64")
            << with("\"mimeType\": \"\"}",
                    "\"mimeType\": \"\", \"text\": \"*!*\", \"encoding\": \"base64\"}")
            << "log.entries[0].response.content.text: is not valid base64";
        QTest::newRow("hop without its fetch")
            << with("\"cache\"", "\"_nanoId\": 4, \"_nanoHop\": 0, \"cache\"")
            << "fetch 4 has redirect hops but no final entry";
        QTest::newRow("two final entries")
            << log(entry + "," + entry).replace("\"cache\"", "\"_nanoId\": 1, \"cache\"")
            << "log.entries[1]: fetch 1 already has a final entry";
        QTest::newRow("negative id") << with("\"cache\"", "\"_nanoId\": -2, \"cache\"")
                                     << "log.entries[0]._nanoId: expected a whole number from 1";
        QTest::newRow("unknown state")
            << with("\"cache\"", "\"_nanoState\": \"sleeping\", \"cache\"")
            << "log.entries[0]._nanoState: unknown state 'sleeping'";
    }

    void malformedFilesSayWhatIsWrong()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const QString got = readError(json);
        QVERIFY2(got.startsWith(error) || got.contains(error), qPrintable(got));
    }
};

QTEST_GUILESS_MAIN(TestHar)
#include "tst_har.moc"
