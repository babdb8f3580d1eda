// The network inspector's model, filter and request code without a server: rows are added and
// updated per batch (one insert, one dataChanged over the span), the bound drops the oldest
// rows and the preview budget the oldest bodies; the filter selects by status class, type and
// text and sorts by any column; Copy as cURL / fetch quote what they must. Every model runs
// under QAbstractItemModelTester.

#include "engine/inspect/inspector_event.h"
#include "network/network_details.h"
#include "network/network_filter.h"
#include "network/network_model.h"
#include "network/request_code.h"
#include "network/waterfall_delegate.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QImage>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace nano;
using nano::ui::NetworkFilter;
using nano::ui::NetworkModel;

namespace {

FetchRecord record(quint64 id, const QString& url, int status, const QByteArray& type = {})
{
    FetchRecord r;
    r.id = id;
    r.method = "GET";
    r.url = url;
    r.initiator = QStringLiteral("a.js:%1").arg(id + 10);
    r.timing.queued = 1000 + 10.0 * double(id);
    if (status > 0) {
        r.status = status;
        r.statusText = "OK";
        r.responseHeaders = {{"Content-Type", type.isEmpty() ? QByteArray("text/plain") : type}};
        r.timing.requestSent = r.timing.queued + 1;
        r.timing.firstByte = r.timing.queued + 5;
        r.timing.end = r.timing.queued + 8;
        r.state = FetchRecord::State::Done;
    }
    return r;
}

InspectorBatch batchOf(quint64 runId, const FetchRecords& records)
{
    InspectorBatch batch;
    InspectorEvent event;
    event.kind = fetchTrafficKind();
    event.runId = runId;
    event.value = QVariant::fromValue(records);
    batch.events.append(event);
    return batch;
}

} // namespace

class TestNetworkModel : public QObject {
    Q_OBJECT
private slots:
    void rowsAreAddedAndUpdatedPerBatch()
    {
        NetworkModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        FetchRecord a = record(1, QStringLiteral("http://127.0.0.1/get?x=1"), 0);
        FetchRecord b = record(2, QStringLiteral("http://127.0.0.1/dir/img.png"), 0);
        model.apply(batchOf(7, {a, b}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 1); // one insert for the batch
        QCOMPARE(model.index(0, NetworkModel::NameColumn).data().toString(),
                 QStringLiteral("get?x=1"));
        QCOMPARE(model.index(0, NetworkModel::NameColumn).data(Qt::ToolTipRole).toString(), a.url);
        QCOMPARE(model.index(0, NetworkModel::StatusColumn).data().toString(),
                 QStringLiteral("(pending)"));
        QCOMPARE(model.index(1, NetworkModel::InitiatorColumn)
                     .data(NetworkModel::InitiatorNameRole)
                     .toString(),
                 QStringLiteral("a.js"));
        QCOMPARE(model.index(1, NetworkModel::InitiatorColumn)
                     .data(NetworkModel::InitiatorLineRole)
                     .toInt(),
                 12);

        changed.clear();
        FetchRecord done = record(1, a.url, 200, "application/json");
        done.responseBodySize = 1500;
        done.responseHeaders.append(qMakePair(QByteArray("Content-Length"), QByteArray("700")));
        FetchRecord failed = b;
        failed.state = FetchRecord::State::Failed;
        failed.failureCode = QStringLiteral("ECONNREFUSED");
        failed.failureMessage = QStringLiteral("Connection refused");
        failed.timing.end = failed.timing.queued + 3;
        model.apply(batchOf(7, {done, failed}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 1);
        QVERIFY(!changed.isEmpty());
        QCOMPARE(changed.first().at(0).value<QModelIndex>().row(), 0); // one span over both rows
        QCOMPARE(changed.first().at(1).value<QModelIndex>().row(), 1);
        QCOMPARE(model.index(0, NetworkModel::StatusColumn).data().toString(),
                 QStringLiteral("200 OK"));
        QCOMPARE(model.index(0, NetworkModel::TypeColumn).data().toString(),
                 QStringLiteral("json"));
        QCOMPARE(model.index(0, NetworkModel::SizeColumn).data().toString(),
                 QStringLiteral("700 B / 1.5 kB"));
        QCOMPARE(model.index(0, NetworkModel::TimeColumn).data().toString(),
                 QStringLiteral("8.0 ms"));
        QCOMPARE(model.index(1, NetworkModel::StatusColumn).data().toString(),
                 QStringLiteral("(failed) ECONNREFUSED"));
        QCOMPARE(model.index(1, NetworkModel::StatusColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("ECONNREFUSED: Connection refused"));
        // One time axis for all rows: the first start to the last end.
        QCOMPARE(model.axisStart(), 1010.0);
        QCOMPARE(model.axisEnd(), 1023.0);

        // The same fetch id in another run is another row.
        model.apply(batchOf(8, {record(1, a.url, 0)}));
        QCOMPARE(model.rowCount(), 3);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void storageIsBounded()
    {
        NetworkModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(10);
        FetchRecords records;
        for (quint64 id = 1; id <= 25; ++id)
            records.append(record(id, QStringLiteral("http://h/%1").arg(id), 200));
        model.apply(batchOf(1, records.mid(0, 8)));
        model.apply(batchOf(1, records.mid(8)));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.record(0).id, quint64(16));
        // An update of a kept row still finds it after the drops.
        FetchRecord update = records.last();
        update.status = 404;
        model.apply(batchOf(1, {update}));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.record(9).status, 404);

        // Bodies: past the budget the oldest finished rows lose theirs.
        NetworkModel bodies;
        const QByteArray mib(1 << 20, 'x');
        const int count = int(NetworkModel::kPreviewBudget / mib.size()) + 4;
        for (int i = 1; i <= count; ++i) {
            FetchRecord r = record(quint64(i), QStringLiteral("http://h/b"), 200);
            r.responseBody.bytes = mib;
            r.responseBodySize = mib.size();
            bodies.apply(batchOf(1, {r}));
        }
        QVERIFY(bodies.previewBytes() <= NetworkModel::kPreviewBudget);
        QCOMPARE(bodies.record(0).responseBody.kept, FetchRecord::BodyPreview::Kept::None);
        QCOMPARE(bodies.record(count - 1).responseBody.bytes.size(), mib.size());
    }

    void filterSelectsAndSorts()
    {
        NetworkModel model;
        NetworkFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        FetchRecord notFound = record(3, QStringLiteral("http://h/missing"), 404, "text/html");
        FetchRecord failed = record(4, QStringLiteral("http://h/refused"), 0);
        failed.state = FetchRecord::State::Failed;
        FetchRecord redirect = record(5, QStringLiteral("http://h/moved"), 302, "text/plain");
        FetchRecord image = record(6, QStringLiteral("http://h/pic.png"), 200, "image/png");
        image.responseBodySize = 9000;
        FetchRecord json = record(7, QStringLiteral("http://h/data"), 200, "application/json");
        json.responseBodySize = 10;
        model.apply(batchOf(1, {notFound, failed, redirect, image, json}));
        QCOMPARE(filter.rowCount(), 5);
        filter.setStatusClasses(NetworkFilter::Status4xx | NetworkFilter::StatusFailed);
        QCOMPARE(filter.rowCount(), 2);
        filter.setStatusClasses(NetworkFilter::Status2xx);
        QCOMPARE(filter.rowCount(), 2);
        filter.setTypeCategory(int(NetworkModel::TypeCategory::Image));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, NetworkModel::NameColumn).data().toString(),
                 QStringLiteral("pic.png"));
        filter.setTypeCategory(-1);
        filter.setStatusClasses(NetworkFilter::AllStatusClasses);
        filter.setText(QStringLiteral("MISS"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setText(QString());
        // Sizes sort as numbers, not as text ("9.0 kB" < "10 B" as strings).
        filter.sort(NetworkModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(filter.index(0, NetworkModel::NameColumn).data().toString(),
                 QStringLiteral("pic.png"));
        filter.sort(NetworkModel::StatusColumn, Qt::AscendingOrder);
        QCOMPARE(filter.index(4, NetworkModel::StatusColumn).data().toString(),
                 QStringLiteral("404 OK"));
        for (int column = 0; column < NetworkModel::ColumnCount; ++column)
            filter.sort(column, Qt::AscendingOrder); // every column sorts (the tester checks)
    }

    void waterfallSegmentsFollowThePhases()
    {
        FetchRecord r = record(1, QStringLiteral("http://h/x"), 200);
        r.timing.connectStart = r.timing.queued + 0.5;
        r.timing.connectEnd = r.timing.queued + 0.8;
        const auto segments = nano::ui::WaterfallDelegate::segments(r);
        using Phase = nano::ui::WaterfallDelegate::Phase;
        QCOMPARE(segments.size(), 5);
        QCOMPARE(segments.at(1).phase, Phase::Connect);
        QCOMPARE(segments.last().phase, Phase::Download);
        QCOMPARE(segments.last().end, r.timing.end);
    }

    void detailsShowEachKindOfBody()
    {
        using View = nano::ui::NetworkDetails::ResponseView;
        using Kept = FetchRecord::BodyPreview::Kept;
        nano::ui::NetworkDetails details;
        QImage image(3, 2, QImage::Format_RGB32);
        image.fill(Qt::red);
        QBuffer png;
        png.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&png, "PNG"));
        FetchRecord r = record(1, QStringLiteral("http://h/pic.png"), 200, "image/png");
        r.responseBody.bytes = png.data();
        r.responseBodySize = png.data().size();
        details.setRecord(r, false);
        QCOMPARE(details.responseView(), View::Image);
        QVERIFY(details.responseNote().isEmpty());

        r = record(2, QStringLiteral("http://h/page"), 200, "text/html; charset=utf-8");
        r.responseBody.bytes = "<p class=\"x\">hi</p>";
        r.responseBodySize = r.responseBody.bytes.size();
        details.setRecord(r, false);
        QCOMPARE(details.responseView(), View::Text);

        // A JSON body cut at the preview bound is text, with a note that it is not whole.
        r = record(3, QStringLiteral("http://h/big"), 200, "application/json");
        r.responseBody.bytes = "[1, 2, 3";
        r.responseBody.kept = Kept::Head;
        r.responseBodySize = 3 << 20;
        details.setRecord(r, false);
        QCOMPARE(details.responseView(), View::Text);
        QVERIFY(details.responseNote().contains(QLatin1String("not kept whole")));

        r.responseBody = FetchRecord::BodyPreview{QByteArray(), Kept::None};
        r.id = 4;
        details.setRecord(r, false);
        QVERIFY(details.responseNote().startsWith(QLatin1String("Body not kept")));

        // A form body is parsed under Payload, next to the query string.
        r = record(5, QStringLiteral("http://h/form?a=1"), 200, "application/octet-stream");
        r.method = "POST";
        r.requestHeaders = {{"Content-Type", "application/x-www-form-urlencoded"}};
        r.requestBody.bytes = "name=nano+bench&x=%C3%A9";
        r.requestBodySize = r.requestBody.bytes.size();
        r.responseBody.bytes = QByteArray("\x00\x01\x02" "binary", 9);
        r.responseBodySize = 9;
        details.setRecord(r, false);
        QCOMPARE(details.responseView(), View::Hex);
        QTreeWidget* payload = details.payloadTree();
        QCOMPARE(payload->topLevelItemCount(), 2);
        QCOMPARE(payload->topLevelItem(1)->child(0)->text(1), QStringLiteral("nano bench"));
        QCOMPARE(payload->topLevelItem(1)->child(1)->text(1), QStringLiteral("\u00e9"));
        QVERIFY(nano::ui::NetworkDetails::hexDump(QByteArray("AB"), 16)
                    .startsWith(QLatin1String("00000000  41 42 ")));
    }

    void requestCodeQuotesWhatItMust()
    {
        FetchRecord r = record(1, QStringLiteral("http://127.0.0.1:1/anything?q=it's"), 0);
        r.method = "POST";
        r.requestHeaders = {{"Content-Type", "application/json"},
                            {"Host", "127.0.0.1:1"},
                            {"Content-Length", "13"},
                            {"Accept-Encoding", "gzip"}};
        r.requestBody.bytes = "{\"a\":\"b'c\"}";
        r.requestBodySize = r.requestBody.bytes.size();
        QCOMPARE(nano::ui::requestcode::curlCommand(r),
                 QStringLiteral("curl 'http://127.0.0.1:1/anything?q=it'\\''s' -H 'Content-Type: "
                                "application/json' --data-raw '{\"a\":\"b'\\''c\"}' --compressed"));
        QCOMPARE(nano::ui::requestcode::fetchCode(r),
                 QStringLiteral("fetch(\"http://127.0.0.1:1/anything?q=it's\", {\n"
                                "  method: \"POST\",\n"
                                "  headers: {\n    \"Content-Type\": \"application/json\",\n  },\n"
                                "  body: \"{\\\"a\\\":\\\"b'c\\\"}\",\n});"));
        QCOMPARE(nano::ui::requestcode::shellQuote(QByteArray("a\x01\xff", 3)),
                 QStringLiteral("$'a\\x01\\xff'"));
        r.method = "PUT";
        r.requestBody.kept = FetchRecord::BodyPreview::Kept::Head;
        r.requestBodySize = 1 << 21;
        const QString curl = nano::ui::requestcode::curlCommand(r);
        QVERIFY(curl.startsWith(QStringLiteral("# The request body")));
        QVERIFY(curl.contains(QStringLiteral(" -X 'PUT' ")));
    }
};

QTEST_MAIN(TestNetworkModel)
#include "tst_network_model.moc"
