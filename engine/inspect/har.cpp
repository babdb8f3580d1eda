#include "inspect/har.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

namespace nano::har {

namespace {

using Preview = FetchRecord::BodyPreview;
using Timing = FetchRecord::Timing;

QString latin1(const char* s)
{
    return QString::fromLatin1(s);
}

// Header bytes as JSON text: UTF-8 when they are, else Latin-1 (one char per byte).
std::optional<QString> utf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError()) return std::nullopt;
    return text;
}

QString headerText(const QByteArray& bytes)
{
    return utf8(bytes).value_or(QString::fromLatin1(bytes));
}

QByteArray headerValue(const FetchRecord::Headers& headers, const char* name)
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
    }
    return QByteArray();
}

QJsonArray nameValues(const FetchRecord::Headers& headers)
{
    QJsonArray out;
    for (const auto& [name, value] : headers)
        out.append(
            QJsonObject{{latin1("name"), headerText(name)}, {latin1("value"), headerText(value)}});
    return out;
}

QJsonObject nameValue(const QString& name, const QString& value)
{
    return QJsonObject{{latin1("name"), name}, {latin1("value"), value}};
}

// https://httpwg.org/specs/rfc6265.html#cookie: "name=value; name2=value2".
QJsonArray requestCookies(const FetchRecord::Headers& headers)
{
    QJsonArray out;
    for (const auto& [name, value] : headers) {
        if (name.compare("cookie", Qt::CaseInsensitive) != 0) continue;
        for (const QByteArray& pair : value.split(';')) {
            const QByteArray trimmed = pair.trimmed();
            const qsizetype eq = trimmed.indexOf('=');
            if (eq <= 0) continue;
            out.append(nameValue(headerText(trimmed.left(eq)), headerText(trimmed.mid(eq + 1))));
        }
    }
    return out;
}

// https://httpwg.org/specs/rfc6265.html#sane-set-cookie: the pair before the first ';', plus
// the flags HAR has fields for.
QJsonArray responseCookies(const FetchRecord::Headers& headers)
{
    QJsonArray out;
    for (const auto& [name, value] : headers) {
        if (name.compare("set-cookie", Qt::CaseInsensitive) != 0) continue;
        const QList<QByteArray> parts = value.split(';');
        const QByteArray pair = parts.first().trimmed();
        const qsizetype eq = pair.indexOf('=');
        if (eq <= 0) continue;
        QJsonObject cookie = nameValue(headerText(pair.left(eq)), headerText(pair.mid(eq + 1)));
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray attribute = parts.at(i).trimmed();
            const qsizetype aeq = attribute.indexOf('=');
            const QByteArray key = (aeq < 0 ? attribute : attribute.left(aeq)).toLower();
            const QString text = headerText(aeq < 0 ? QByteArray() : attribute.mid(aeq + 1));
            if (key == "path") cookie.insert(latin1("path"), text);
            if (key == "domain") cookie.insert(latin1("domain"), text);
            if (key == "httponly") cookie.insert(latin1("httpOnly"), true);
            if (key == "secure") cookie.insert(latin1("secure"), true);
        }
        out.append(cookie);
    }
    return out;
}

QJsonArray queryString(const QString& url)
{
    QJsonArray out;
    const QUrl parsed(url);
    for (const auto& [name, value] : QUrlQuery(parsed).queryItems(QUrl::FullyDecoded))
        out.append(nameValue(name, value));
    return out;
}

QString httpVersion(const QByteArray& version)
{
    return version.isEmpty() ? QString() : QStringLiteral("HTTP/") + QString::fromLatin1(version);
}

double ms3(double ms)
{
    return std::round(std::max(ms, 0.0) * 1000) / 1000;
}

// The body as HAR text: content (encodingKey "encoding") or postData ("_encoding").
void writeBody(QJsonObject& object, const Preview& preview, qint64 size, const char* encodingKey)
{
    if (preview.kept == Preview::Kept::None) {
        if (size > 0)
            object.insert(latin1("comment"),
                          latin1("body not kept: no inspector was listening as it passed"));
        return;
    }
    if (preview.bytes.isEmpty() && preview.kept == Preview::Kept::Whole) return;
    if (const std::optional<QString> text = utf8(preview.bytes)) {
        object.insert(latin1("text"), *text);
    } else {
        object.insert(latin1("text"), QString::fromLatin1(preview.bytes.toBase64()));
        object.insert(latin1(encodingKey), latin1("base64"));
    }
    if (preview.kept == Preview::Kept::Head) {
        object.insert(latin1("_nanoKept"), latin1("head"));
        object.insert(latin1("comment"), QStringLiteral("only the first %1 of %2 bytes were kept")
                                             .arg(preview.bytes.size())
                                             .arg(size));
    }
}

// http://www.softwareishard.com/blog/har-12-spec/#timings
// The stamps in order (0: did not happen); a missing one takes the next stamp that happened
// (or the last before it), so each phase runs from its stamp to the next and the phases add
// up to the whole exchange.
QJsonObject timings(const Timing& t, double* total)
{
    double marks[] = {t.queued, t.connectStart, t.connectEnd, t.requestSent, t.firstByte, t.end};
    constexpr int n = 6;
    double filled[n];
    for (int i = 0; i < n; ++i) {
        filled[i] = 0;
        for (int j = i; j < n && filled[i] == 0; ++j)
            filled[i] = marks[j];
    }
    for (int i = 1; i < n; ++i) {
        if (filled[i] == 0) filled[i] = filled[i - 1];
    }
    auto phase = [&](int from) { return ms3(filled[from + 1] - filled[from]); };
    const double blocked = phase(0);
    const double connect = t.connectStart > 0 ? phase(1) : -1;
    const double send = phase(2), wait = phase(3), receive = phase(4);
    const double ssl = t.tlsStart > 0 && t.tlsEnd > 0 ? ms3(t.tlsEnd - t.tlsStart) : -1;
    *total = ms3(blocked + std::max(connect, 0.0) + send + wait + receive);
    return QJsonObject{{latin1("blocked"), blocked}, {latin1("dns"), -1},
                       {latin1("connect"), connect}, {latin1("ssl"), ssl},
                       {latin1("send"), send},       {latin1("wait"), wait},
                       {latin1("receive"), receive}};
}

struct Exchange {
    const FetchRecord* record = nullptr;
    int hop = -1; // -1: the final exchange
    qint64 startMs = 0;
};

QJsonObject entry(const Exchange& exchange)
{
    const FetchRecord& r = *exchange.record;
    const bool final = exchange.hop < 0;
    const FetchRecord::RedirectHop* hop = final ? nullptr : &r.redirects.at(exchange.hop);
    const QString url = final ? r.url : hop->url;
    const QByteArray method = final ? r.method : hop->method;
    const QString version = httpVersion(final ? r.httpVersion : hop->httpVersion);

    QJsonObject request{
        {latin1("method"), QString::fromLatin1(method)},
        {latin1("url"), url},
        {latin1("httpVersion"), version},
        {latin1("cookies"), requestCookies(r.requestHeaders)},
        {latin1("headers"), nameValues(r.requestHeaders)},
        {latin1("queryString"), queryString(url)},
        {latin1("headersSize"), -1},
        {latin1("bodySize"), final ? double(r.requestBodySize) : 0.0},
    };
    if (final && r.requestBodySize > 0) {
        QJsonObject postData{
            {latin1("mimeType"), headerText(headerValue(r.requestHeaders, "content-type"))},
            {latin1("params"), QJsonArray()},
        };
        writeBody(postData, r.requestBody, r.requestBodySize, "_encoding");
        if (!postData.contains(latin1("text"))) postData.insert(latin1("text"), QString());
        request.insert(latin1("postData"), postData);
    }

    const FetchRecord::Headers& headers = final ? r.responseHeaders : hop->headers;
    const QByteArray mimeType = headerValue(headers, "content-type");
    QJsonObject content{
        {latin1("size"), final ? double(r.responseBodySize) : 0.0},
        {latin1("mimeType"), mimeType.isEmpty() ? latin1("x-unknown") : headerText(mimeType)},
    };
    if (final) writeBody(content, r.responseBody, r.responseBodySize, "encoding");
    QString redirectUrl;
    if (!final)
        redirectUrl =
            exchange.hop + 1 < r.redirects.size() ? r.redirects.at(exchange.hop + 1).url : r.url;
    else if (r.status >= 300 && r.status < 400)
        redirectUrl = headerText(headerValue(headers, "location"));
    const QJsonObject response{
        {latin1("status"), final ? r.status : hop->status},
        {latin1("statusText"), headerText(final ? r.statusText : hop->statusText)},
        {latin1("httpVersion"), version},
        {latin1("cookies"), responseCookies(headers)},
        {latin1("headers"), nameValues(headers)},
        {latin1("content"), content},
        {latin1("redirectURL"), redirectUrl},
        {latin1("headersSize"), -1},
        {latin1("bodySize"), -1},
    };

    double total = 0;
    const QJsonObject phases = timings(final ? r.timing : hop->timing, &total);
    QJsonObject out{
        {latin1("startedDateTime"),
         QDateTime::fromMSecsSinceEpoch(exchange.startMs, Qt::UTC).toString(Qt::ISODateWithMs)},
        {latin1("time"), total},
        {latin1("request"), request},
        {latin1("response"), response},
        {latin1("cache"), QJsonObject()},
        {latin1("timings"), phases},
        {latin1("_nanoId"), double(r.id)},
        {latin1("_nanoInitiator"), r.initiator},
        {latin1("_nanoState"), final ? stateName(r.state) : stateName(FetchRecord::State::Done)},
    };
    if (!final) out.insert(latin1("_nanoHop"), exchange.hop);
    if (final && !r.remoteAddress.isEmpty()) out.insert(latin1("serverIPAddress"), r.remoteAddress);
    if (final && !r.failureCode.isEmpty()) out.insert(latin1("_nanoErrorCode"), r.failureCode);
    if (final && !r.failureMessage.isEmpty())
        out.insert(latin1("_nanoErrorMessage"), r.failureMessage);
    return out;
}

} // namespace

// http://www.softwareishard.com/blog/har-12-spec/#log
QJsonObject toHar(const FetchRecords& records, const QString& creatorVersion)
{
    std::vector<Exchange> exchanges;
    for (const FetchRecord& r : records) {
        // Each exchange starts as much after fetch() as its queued stamp says.
        const double first = r.redirects.isEmpty() ? r.timing.queued : r.redirects[0].timing.queued;
        auto startOf = [&](const Timing& t) {
            return r.wallClockMs + qint64(std::llround(std::max(t.queued - first, 0.0)));
        };
        for (int i = 0; i < r.redirects.size(); ++i)
            exchanges.push_back({&r, i, startOf(r.redirects[i].timing)});
        exchanges.push_back({&r, -1, startOf(r.timing)});
    }
    // The spec prefers entries sorted by startedDateTime, oldest first.
    std::stable_sort(exchanges.begin(), exchanges.end(),
                     [](const Exchange& a, const Exchange& b) { return a.startMs < b.startMs; });
    QJsonArray entries;
    for (const Exchange& exchange : exchanges)
        entries.append(entry(exchange));
    const QJsonObject log{
        {latin1("version"), latin1("1.2")},
        {latin1("creator"), QJsonObject{{latin1("name"), latin1("NANO Workbench")},
                                        {latin1("version"), creatorVersion}}},
        // Optional in HAR 1.2, and we have no pages; an empty list for importers (Chrome
        // DevTools among them) that read it unconditionally.
        {latin1("pages"), QJsonArray()},
        {latin1("entries"), entries},
    };
    return QJsonObject{{latin1("log"), log}};
}

QByteArray writeHar(const FetchRecords& records, const QString& creatorVersion)
{
    return QJsonDocument(toHar(records, creatorVersion)).toJson(QJsonDocument::Indented);
}

} // namespace nano::har
