#pragma once
// A HAR 1.2 schema check for tests: the required fields and their types from
// http://www.softwareishard.com/blog/har-12-spec/ (optional fields are checked when present),
// plus the rules the spec states in prose: startedDateTime is ISO 8601, send/wait/receive are
// non-negative, the other timings are -1 or more, and an entry's time is the sum of its timings
// other than -1 and ssl (which connect includes). Header-only, so the fetch tests can use it.
//
//   const QStringList errors = nano::test::harSchemaErrors(QJsonDocument::fromJson(bytes));
//   QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <cmath>

namespace nano::test {

class HarSchema {
public:
    QStringList errors;

    void document(const QJsonDocument& doc)
    {
        if (!doc.isObject()) return fail(QStringLiteral("$"), QStringLiteral("not an object"));
        const QJsonObject root = doc.object();
        if (!root.value(QStringLiteral("log")).isObject())
            return fail(QStringLiteral("log"), QStringLiteral("required object"));
        log(root.value(QStringLiteral("log")).toObject(), QStringLiteral("log"));
    }

private:
    enum Need { Required, Optional };

    void fail(const QString& path, const QString& why)
    {
        errors << path + QStringLiteral(": ") + why;
    }

    // The field's value if it has the type (or is absent and optional); otherwise an error.
    QJsonValue field(const QJsonObject& o, const QString& path, const char* key,
                     QJsonValue::Type type, Need need)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString at = path + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined()) {
            if (need == Required) fail(at, QStringLiteral("required field is missing"));
            return v;
        }
        if (v.type() != type) fail(at, QStringLiteral("wrong type"));
        return v;
    }
    void string(const QJsonObject& o, const QString& p, const char* k, Need n = Required)
    {
        field(o, p, k, QJsonValue::String, n);
    }
    void number(const QJsonObject& o, const QString& p, const char* k, double min,
                Need n = Required)
    {
        const QJsonValue v = field(o, p, k, QJsonValue::Double, n);
        if (v.isDouble() && v.toDouble() < min)
            fail(p + QLatin1Char('.') + QLatin1String(k), QStringLiteral("below %1").arg(min));
    }
    void boolean(const QJsonObject& o, const QString& p, const char* k)
    {
        field(o, p, k, QJsonValue::Bool, Optional);
    }
    template <class Each>
    void array(const QJsonObject& o, const QString& p, const char* k, Need n, Each each)
    {
        const QJsonValue v = field(o, p, k, QJsonValue::Array, n);
        const QJsonArray list = v.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString at =
                p + QLatin1Char('.') + QLatin1String(k) + QStringLiteral("[%1]").arg(i);
            if (!list.at(i).isObject()) {
                fail(at, QStringLiteral("not an object"));
                continue;
            }
            each(list.at(i).toObject(), at);
        }
    }
    QJsonObject object(const QJsonObject& o, const QString& p, const char* k, Need n = Required)
    {
        return field(o, p, k, QJsonValue::Object, n).toObject();
    }
    void date(const QJsonObject& o, const QString& p, const char* k, Need n = Required)
    {
        const QJsonValue v = field(o, p, k, QJsonValue::String, n);
        if (v.isString() && !QDateTime::fromString(v.toString(), Qt::ISODateWithMs).isValid())
            fail(p + QLatin1Char('.') + QLatin1String(k), QStringLiteral("not ISO 8601"));
    }

    void creator(const QJsonObject& o, const QString& p)
    {
        string(o, p, "name");
        string(o, p, "version");
        string(o, p, "comment", Optional);
    }
    void nameValue(const QJsonObject& o, const QString& p)
    {
        string(o, p, "name");
        string(o, p, "value");
        string(o, p, "comment", Optional);
    }
    void cookie(const QJsonObject& o, const QString& p)
    {
        string(o, p, "name");
        string(o, p, "value");
        string(o, p, "path", Optional);
        string(o, p, "domain", Optional);
        date(o, p, "expires", Optional);
        boolean(o, p, "httpOnly");
        boolean(o, p, "secure");
        string(o, p, "comment", Optional);
    }

    void log(const QJsonObject& o, const QString& p)
    {
        string(o, p, "version");
        creator(object(o, p, "creator"), p + QStringLiteral(".creator"));
        if (o.contains(QStringLiteral("browser")))
            creator(object(o, p, "browser"), p + QStringLiteral(".browser"));
        array(o, p, "pages", Optional, [this](const QJsonObject& page, const QString& at) {
            date(page, at, "startedDateTime");
            string(page, at, "id");
            string(page, at, "title");
            const QJsonObject timings = object(page, at, "pageTimings");
            number(timings, at + QStringLiteral(".pageTimings"), "onContentLoad", -1, Optional);
            number(timings, at + QStringLiteral(".pageTimings"), "onLoad", -1, Optional);
        });
        array(o, p, "entries", Required,
              [this](const QJsonObject& e, const QString& at) { entry(e, at); });
        string(o, p, "comment", Optional);
    }

    void entry(const QJsonObject& o, const QString& p)
    {
        string(o, p, "pageref", Optional);
        date(o, p, "startedDateTime");
        number(o, p, "time", 0);
        request(object(o, p, "request"), p + QStringLiteral(".request"));
        response(object(o, p, "response"), p + QStringLiteral(".response"));
        const QJsonObject cache = object(o, p, "cache");
        for (const char* key : {"beforeRequest", "afterRequest"}) {
            const QJsonValue v = cache.value(QLatin1String(key));
            const QString at = p + QStringLiteral(".cache.") + QLatin1String(key);
            if (v.isUndefined() || v.isNull()) continue;
            if (!v.isObject()) {
                fail(at, QStringLiteral("wrong type"));
                continue;
            }
            date(v.toObject(), at, "expires", Optional);
            date(v.toObject(), at, "lastAccess");
            string(v.toObject(), at, "eTag");
            number(v.toObject(), at, "hitCount", 0);
        }
        timings(o, p);
        string(o, p, "serverIPAddress", Optional);
        string(o, p, "connection", Optional);
        string(o, p, "comment", Optional);
    }

    void request(const QJsonObject& o, const QString& p)
    {
        string(o, p, "method");
        string(o, p, "url");
        string(o, p, "httpVersion");
        array(o, p, "cookies", Required, [this](const auto& c, const auto& at) { cookie(c, at); });
        array(o, p, "headers", Required,
              [this](const auto& h, const auto& at) { nameValue(h, at); });
        array(o, p, "queryString", Required,
              [this](const auto& q, const auto& at) { nameValue(q, at); });
        if (o.contains(QStringLiteral("postData"))) {
            const QJsonObject post = object(o, p, "postData");
            const QString at = p + QStringLiteral(".postData");
            string(post, at, "mimeType");
            array(post, at, "params", Optional, [this](const QJsonObject& param, const QString& a) {
                string(param, a, "name");
                string(param, a, "value", Optional);
                string(param, a, "fileName", Optional);
                string(param, a, "contentType", Optional);
                string(param, a, "comment", Optional);
            });
            string(post, at, "text", Optional);
            string(post, at, "comment", Optional);
        }
        number(o, p, "headersSize", -1);
        number(o, p, "bodySize", -1);
        string(o, p, "comment", Optional);
    }

    void response(const QJsonObject& o, const QString& p)
    {
        number(o, p, "status", 0);
        string(o, p, "statusText");
        string(o, p, "httpVersion");
        array(o, p, "cookies", Required, [this](const auto& c, const auto& at) { cookie(c, at); });
        array(o, p, "headers", Required,
              [this](const auto& h, const auto& at) { nameValue(h, at); });
        const QJsonObject content = object(o, p, "content");
        const QString at = p + QStringLiteral(".content");
        number(content, at, "size", 0);
        number(content, at, "compression", 0, Optional);
        string(content, at, "mimeType");
        string(content, at, "text", Optional);
        string(content, at, "encoding", Optional);
        string(content, at, "comment", Optional);
        string(o, p, "redirectURL");
        number(o, p, "headersSize", -1);
        number(o, p, "bodySize", -1);
        string(o, p, "comment", Optional);
    }

    void timings(const QJsonObject& entry, const QString& p)
    {
        const QJsonObject t = object(entry, p, "timings");
        const QString at = p + QStringLiteral(".timings");
        for (const char* key : {"blocked", "dns", "connect", "ssl"})
            number(t, at, key, -1, Optional);
        for (const char* key : {"send", "wait", "receive"})
            number(t, at, key, 0);
        string(t, at, "comment", Optional);
        double sum = 0;
        for (const char* key : {"blocked", "dns", "connect", "send", "wait", "receive"})
            sum += std::max(t.value(QLatin1String(key)).toDouble(0), 0.0);
        const double time = entry.value(QStringLiteral("time")).toDouble();
        if (std::abs(time - sum) > 0.01)
            fail(p + QStringLiteral(".time"),
                 QStringLiteral("%1 is not the sum of the timings (%2)").arg(time).arg(sum));
    }
};

inline QStringList harSchemaErrors(const QJsonDocument& doc)
{
    HarSchema schema;
    schema.document(doc);
    return schema.errors;
}

// log.entries of a HAR document (empty when it has none).
inline QJsonArray harEntries(const QJsonDocument& doc)
{
    return doc.object()
        .value(QStringLiteral("log"))
        .toObject()
        .value(QStringLiteral("entries"))
        .toArray();
}

} // namespace nano::test
