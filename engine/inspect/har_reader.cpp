// readHar (har.h): a HAR 1.x file back into fetch records.

#include "inspect/har.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

namespace nano::har {

namespace {

using Preview = FetchRecord::BodyPreview;
// The stamps the reader gives a record's first exchange: far from 0 ("did not happen") and
// small enough that sums and differences of 3-decimal durations stay exact to well below 0.001
// (wall-clock ms near 1.7e12 would not).
constexpr double kReadBaseMs = 1000;

QString latin1(const char* s)
{
    return QString::fromLatin1(s);
}

// Reads the fields of one JSON object, naming the first one that is missing or mistyped with
// its path ("log.entries[2].request.url").
class Fields {
public:
    Fields(const QJsonObject& object, QString path, QString* error)
        : m_object(object)
        , m_path(std::move(path))
        , m_error(error)
    {}

    bool ok() const { return m_error->isEmpty(); }
    QString path(const char* key) const
    {
        return m_path.isEmpty() ? latin1(key) : m_path + QLatin1Char('.') + latin1(key);
    }

    QJsonValue get(const char* key, QJsonValue::Type type, bool required = true)
    {
        const QJsonValue value = m_object.value(latin1(key));
        if (!ok()) return QJsonValue();
        if (value.isUndefined()) {
            if (required) fail(key, QStringLiteral("is missing"));
            return QJsonValue();
        }
        if (value.type() != type) {
            static const char* names[] = {"null",     "a boolean", "a number",
                                          "a string", "an array",  "an object"};
            const int index = type == QJsonValue::Null ? 0 : int(type);
            fail(key, QStringLiteral("expected %1").arg(latin1(names[std::min(index, 5)])));
            return QJsonValue();
        }
        return value;
    }
    QString string(const char* key, bool required = true)
    {
        return get(key, QJsonValue::String, required).toString();
    }
    double number(const char* key, double fallback = 0, bool required = true)
    {
        const QJsonValue value = get(key, QJsonValue::Double, required);
        return value.isDouble() ? value.toDouble() : fallback;
    }
    QJsonObject object(const char* key, bool required = true)
    {
        return get(key, QJsonValue::Object, required).toObject();
    }
    QJsonArray array(const char* key, bool required = true)
    {
        return get(key, QJsonValue::Array, required).toArray();
    }
    bool has(const char* key) const { return m_object.contains(latin1(key)); }
    QString* errorSink() const { return m_error; }
    void fail(const char* key, const QString& why)
    {
        if (ok()) *m_error = path(key) + QStringLiteral(": ") + why;
    }

private:
    QJsonObject m_object;
    QString m_path;
    QString* m_error;
};

FetchRecord::Headers headers(Fields& parent, const char* key)
{
    FetchRecord::Headers out;
    const QJsonArray list = parent.array(key);
    for (qsizetype i = 0; i < list.size() && parent.ok(); ++i) {
        const QString path = parent.path(key) + QStringLiteral("[%1]").arg(i);
        if (!list.at(i).isObject()) {
            *parent.errorSink() = path + QStringLiteral(": expected an object");
            break;
        }
        Fields header(list.at(i).toObject(), path, parent.errorSink());
        const QString name = header.string("name");
        const QString value = header.string("value");
        out.append({name.toUtf8(), value.toUtf8()});
    }
    return out;
}

QByteArray httpVersion(const QString& text)
{
    return text.startsWith(QLatin1String("HTTP/"), Qt::CaseInsensitive) ? text.mid(5).toLatin1()
                                                                        : text.toLatin1();
}

// The inverse of har.cpp's writeBody.
Preview body(Fields& object, qint64 size, const char* encodingKey)
{
    Preview preview;
    if (!object.has("text")) {
        if (size > 0) preview.kept = Preview::Kept::None;
        return preview;
    }
    const QString text = object.string("text");
    if (object.string(encodingKey, false) == QLatin1String("base64")) {
        const auto decoded = QByteArray::fromBase64Encoding(
            text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) object.fail("text", QStringLiteral("is not valid base64"));
        preview.bytes = decoded.decoded;
    } else {
        preview.bytes = text.toUtf8();
    }
    if (object.string("_nanoKept", false) == QLatin1String("head"))
        preview.kept = Preview::Kept::Head;
    return preview;
}

// The inverse of har.cpp's timings(): stamps from `base` on.
FetchRecord::Timing timing(Fields& timings, double base)
{
    const double blocked = timings.number("blocked", -1, false);
    const double connect = timings.number("connect", -1, false);
    const double ssl = timings.number("ssl", -1, false);
    const double send = timings.number("send");
    const double wait = timings.number("wait");
    const double receive = timings.number("receive");
    FetchRecord::Timing t;
    t.queued = base;
    const double connectStart = base + std::max(blocked, 0.0);
    const double connectEnd = connectStart + std::max(connect, 0.0);
    if (connect >= 0) {
        t.connectStart = connectStart;
        t.connectEnd = connectEnd;
    }
    if (ssl >= 0) {
        t.tlsEnd = connectEnd;
        t.tlsStart = connectEnd - ssl;
    }
    t.requestSent = connectEnd + send;
    t.firstByte = t.requestSent + wait;
    t.end = t.firstByte + receive;
    return t;
}

std::optional<FetchRecord::State> stateFromName(const QString& name)
{
    for (FetchRecord::State state : {FetchRecord::State::InFlight, FetchRecord::State::Done,
                                     FetchRecord::State::Failed, FetchRecord::State::Aborted}) {
        if (stateName(state) == name) return state;
    }
    return std::nullopt;
}

// One entry as read: the record it makes, or a hop of it (record holds the hop's fields).
struct Exchange {
    quint64 id = 0;
    int hop = -1; // -1: the final request of the fetch
    FetchRecord record;
    QJsonObject timings; // made into stamps once the fetch's first exchange is known
    qint64 startMs = 0;
};

// A whole number in [min, 2^53] (ids and hop indexes), or an error.
qint64 index(Fields& entry, const char* key, qint64 min)
{
    const double value = entry.number(key);
    if (entry.ok() &&
        (value != std::floor(value) || value < double(min) || value > 9007199254740992.0))
        entry.fail(key, QStringLiteral("expected a whole number from %1").arg(min));
    return entry.ok() ? qint64(value) : 0;
}

std::optional<Exchange> readEntry(const QJsonObject& object, const QString& path, qsizetype i,
                                  QString* error)
{
    Fields entry(object, path, error);
    const QString started = entry.string("startedDateTime");
    const QDateTime startedAt = QDateTime::fromString(started, Qt::ISODateWithMs);
    if (entry.ok() && !startedAt.isValid())
        entry.fail("startedDateTime", QStringLiteral("'%1' is not an ISO 8601 date").arg(started));
    entry.number("time");
    Fields request(entry.object("request"), path + latin1(".request"), error);
    Fields response(entry.object("response"), path + latin1(".response"), error);
    Fields timings(entry.object("timings"), path + latin1(".timings"), error);
    entry.object("cache");
    timing(timings, 0); // only checks the fields here

    Exchange out;
    // A HAR from elsewhere: each entry is a fetch of its own.
    out.id =
        entry.has("_nanoId") ? quint64(index(entry, "_nanoId", 1)) : quint64(1'000'000'000 + i);
    out.hop =
        entry.has("_nanoHop") ? int(std::min<qint64>(index(entry, "_nanoHop", 0), INT_MAX)) : -1;
    out.startMs = startedAt.toMSecsSinceEpoch();
    out.timings = entry.object("timings");
    FetchRecord& r = out.record;
    r.id = out.id;
    r.initiator = entry.string("_nanoInitiator", false);
    const QString state = entry.string("_nanoState", false);
    const std::optional<FetchRecord::State> known = stateFromName(state);
    if (!state.isEmpty() && !known)
        entry.fail("_nanoState", QStringLiteral("unknown state '%1'").arg(state));
    r.state = known.value_or(FetchRecord::State::Done);
    r.failureCode = entry.string("_nanoErrorCode", false);
    r.failureMessage = entry.string("_nanoErrorMessage", false);
    r.remoteAddress = entry.string("serverIPAddress", false);

    r.method = request.string("method").toLatin1();
    r.url = request.string("url");
    r.requestHeaders = headers(request, "headers");
    request.array("cookies");
    request.array("queryString");
    request.number("headersSize");
    r.requestBodySize = qint64(std::max(request.number("bodySize"), 0.0));
    if (request.has("postData")) {
        Fields postData(request.object("postData"), path + latin1(".request.postData"), error);
        postData.string("mimeType");
        r.requestBody = body(postData, r.requestBodySize, "_encoding");
    }

    r.status = int(response.number("status"));
    r.statusText = response.string("statusText").toUtf8();
    r.httpVersion = httpVersion(response.string("httpVersion"));
    r.responseHeaders = headers(response, "headers");
    response.array("cookies");
    response.string("redirectURL");
    response.number("headersSize");
    response.number("bodySize");
    Fields content(response.object("content"), path + latin1(".response.content"), error);
    r.responseBodySize = qint64(std::max(content.number("size"), 0.0));
    content.string("mimeType");
    r.responseBody = body(content, r.responseBodySize, "encoding");
    if (!error->isEmpty()) return std::nullopt;
    return out;
}

// The record of one fetch from its exchanges (hops and the final one, in file order), with
// stamps from kReadBaseMs at its first exchange.
std::optional<FetchRecord> assemble(const std::vector<Exchange>& exchanges, QString* error)
{
    qint64 firstMs = exchanges.front().startMs;
    for (const Exchange& e : exchanges)
        firstMs = std::min(firstMs, e.startMs);
    auto stamps = [firstMs](const Exchange& e) {
        QString ignored; // checked by readEntry
        Fields timings(e.timings, QString(), &ignored);
        return timing(timings, kReadBaseMs + double(e.startMs - firstMs));
    };
    const Exchange* final = nullptr;
    std::map<int, FetchRecord::RedirectHop> hops;
    for (const Exchange& e : exchanges) {
        if (e.hop < 0) {
            final = &e;
            continue;
        }
        FetchRecord::RedirectHop& hop = hops[e.hop];
        hop.url = e.record.url;
        hop.method = e.record.method;
        hop.status = e.record.status;
        hop.statusText = e.record.statusText;
        hop.httpVersion = e.record.httpVersion;
        hop.headers = e.record.responseHeaders;
        hop.timing = stamps(e);
    }
    if (!final) {
        *error = QStringLiteral("fetch %1 has redirect hops but no final entry")
                     .arg(exchanges.front().id);
        return std::nullopt;
    }
    FetchRecord record = final->record;
    for (const auto& [index, hop] : hops)
        record.redirects.push_back(hop);
    record.timing = stamps(*final);
    record.wallClockMs = firstMs;
    return record;
}

} // namespace

// http://www.softwareishard.com/blog/har-12-spec/#entries
bool readHar(const QByteArray& json, FetchRecords* records, QString* error)
{
    error->clear();
    records->clear();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not a HAR file: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("not a HAR file: the top level is not an object");
        return false;
    }
    Fields top(document.object(), QString(), error);
    Fields log(top.object("log"), latin1("log"), error);
    const QString version = log.string("version", false);
    if (log.ok() && !version.isEmpty() && !version.startsWith(QLatin1String("1.")))
        log.fail("version", QStringLiteral("HAR %1 is not supported (1.x is)").arg(version));
    log.object("creator");
    const QJsonArray entries = log.array("entries");
    if (!error->isEmpty()) return false;

    std::map<quint64, std::vector<Exchange>> byId;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString path = QStringLiteral("log.entries[%1]").arg(i);
        if (!entries.at(i).isObject()) {
            *error = path + QStringLiteral(": expected an object");
            return false;
        }
        std::optional<Exchange> exchange = readEntry(entries.at(i).toObject(), path, i, error);
        if (!exchange) return false;
        std::vector<Exchange>& same = byId[exchange->id];
        for (const Exchange& e : same) {
            if (e.hop == exchange->hop) {
                *error = path + QStringLiteral(": fetch %1 already has %2")
                                    .arg(e.id)
                                    .arg(e.hop < 0 ? QStringLiteral("a final entry")
                                                   : QStringLiteral("a hop %1").arg(e.hop));
                return false;
            }
        }
        same.push_back(std::move(*exchange));
    }
    for (const auto& [id, exchanges] : byId) {
        std::optional<FetchRecord> record = assemble(exchanges, error);
        if (!record) {
            records->clear();
            return false;
        }
        records->push_back(std::move(*record));
    }
    return true;
}

} // namespace nano::har
