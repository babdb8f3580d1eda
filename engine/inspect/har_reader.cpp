// readHar (har.h): a HAR 1.x file back into fetch records.

#include "inspect/har.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <map>

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
            static const char* names[] = {"null",  "a boolean", "a number",
                                          "a string", "an array", "an object"};
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
    return text.startsWith(QLatin1String("HTTP/"), Qt::CaseInsensitive)
               ? text.mid(5).toLatin1()
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
        const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) object.fail("text", QStringLiteral("is not valid base64"));
        preview.bytes = decoded.decoded;
    } else {
        preview.bytes = text.toUtf8();
    }
    if (object.string("_nanoKept", false) == QLatin1String("head")) preview.kept = Preview::Kept::Head;
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

struct Read {
    struct Timed {
        QJsonObject timings;
        qint64 startMs = 0;
    };
    std::map<int, FetchRecord::RedirectHop> hops;
    std::map<int, Timed> hopTimes;
    std::optional<FetchRecord> final;
    Timed finalTime;
    qint64 firstStartMs = 0;
    bool seen = false;
    int firstEntry = 0;
};

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

    std::map<quint64, Read> byId;
    for (qsizetype i = 0; i < entries.size() && error->isEmpty(); ++i) {
        const QString path = QStringLiteral("log.entries[%1]").arg(i);
        if (!entries.at(i).isObject()) {
            *error = path + QStringLiteral(": expected an object");
            break;
        }
        Fields entry(entries.at(i).toObject(), path, error);
        const QString started = entry.string("startedDateTime");
        const QDateTime startedAt = QDateTime::fromString(started, Qt::ISODateWithMs);
        if (entry.ok() && !startedAt.isValid())
            entry.fail("startedDateTime", QStringLiteral("'%1' is not an ISO 8601 date").arg(started));
        entry.number("time");
        Fields request(entry.object("request"), path + latin1(".request"), error);
        Fields response(entry.object("response"), path + latin1(".response"), error);
        Fields timings(entry.object("timings"), path + latin1(".timings"), error);
        entry.object("cache");
        // A HAR from elsewhere: each entry is a fetch of its own.
        const quint64 id = entry.has("_nanoId") ? quint64(entry.number("_nanoId"))
                                                : quint64(1'000'000'000 + i);
        const int hop = entry.has("_nanoHop") ? int(entry.number("_nanoHop")) : -1;
        const QByteArray method = request.string("method").toLatin1();
        const QString url = request.string("url");
        const FetchRecord::Headers requestHeaders = headers(request, "headers");
        request.array("cookies");
        request.array("queryString");
        request.number("headersSize");
        const double requestBodySize = request.number("bodySize");
        const int status = int(response.number("status"));
        const QByteArray statusText = response.string("statusText").toUtf8();
        const QByteArray version = httpVersion(response.string("httpVersion"));
        const FetchRecord::Headers responseHeaders = headers(response, "headers");
        response.array("cookies");
        response.string("redirectURL");
        response.number("headersSize");
        response.number("bodySize");
        Fields content(response.object("content"), path + latin1(".response.content"), error);
        const double contentSize = content.number("size");
        content.string("mimeType");
        if (!error->isEmpty()) break;

        Read& read = byId[id];
        const qint64 startMs = startedAt.toMSecsSinceEpoch();
        if (!read.seen || startMs < read.firstStartMs) read.firstStartMs = startMs;
        if (!read.seen) read.firstEntry = int(i);
        read.seen = true;
        timing(timings, 0); // checks the fields; the stamps are made below, once the
                            // record's first exchange is known
        const Read::Timed timed{entry.object("timings"), startMs};
        if (hop >= 0) {
            FetchRecord::RedirectHop h;
            h.url = url;
            h.method = method;
            h.status = status;
            h.statusText = statusText;
            h.httpVersion = version;
            h.headers = responseHeaders;
            read.hops[hop] = h;
            read.hopTimes[hop] = timed;
            continue;
        }
        if (read.final) {
            *error = path + QStringLiteral(": a second final entry for fetch %1").arg(id);
            break;
        }
        FetchRecord r;
        r.id = id;
        r.initiator = entry.string("_nanoInitiator", false);
        const QString state = entry.string("_nanoState", false);
        const std::optional<FetchRecord::State> known = stateFromName(state);
        if (!state.isEmpty() && !known)
            entry.fail("_nanoState", QStringLiteral("unknown state '%1'").arg(state));
        r.state = known.value_or(FetchRecord::State::Done);
        r.failureCode = entry.string("_nanoErrorCode", false);
        r.failureMessage = entry.string("_nanoErrorMessage", false);
        r.remoteAddress = entry.string("serverIPAddress", false);
        r.method = method;
        r.url = url;
        r.requestHeaders = requestHeaders;
        r.requestBodySize = qint64(std::max(requestBodySize, 0.0));
        if (request.has("postData")) {
            Fields postData(request.object("postData"), path + latin1(".request.postData"), error);
            postData.string("mimeType");
            r.requestBody = body(postData, r.requestBodySize, "_encoding");
        }
        r.status = status;
        r.statusText = statusText;
        r.httpVersion = version;
        r.responseHeaders = responseHeaders;
        r.responseBodySize = qint64(std::max(contentSize, 0.0));
        r.responseBody = body(content, r.responseBodySize, "encoding");
        read.final = std::move(r);
        read.finalTime = timed;
    }
    if (!error->isEmpty()) return false;

    for (auto& [id, read] : byId) {
        if (!read.final) {
            *error = QStringLiteral("log.entries[%1]: fetch %2 has redirect hops but no final "
                                    "entry")
                         .arg(read.firstEntry)
                         .arg(id);
            records->clear();
            return false;
        }
        FetchRecord record = std::move(*read.final);
        auto stamps = [&read](const Read::Timed& timed) {
            QString ignored; // checked in the first pass
            Fields timings(timed.timings, QString(), &ignored);
            return timing(timings, kReadBaseMs + double(timed.startMs - read.firstStartMs));
        };
        for (const auto& [index, hop] : read.hops) {
            record.redirects.push_back(hop);
            record.redirects.back().timing = stamps(read.hopTimes.at(index));
        }
        record.timing = stamps(read.finalTime);
        record.wallClockMs = read.firstStartMs;
        records->push_back(std::move(record));
    }
    return true;
}

} // namespace nano::har
