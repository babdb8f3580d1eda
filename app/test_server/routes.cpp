#include "routes.h"

#include "fault_routes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

#include <zlib.h>

namespace nano::testserver {

namespace {

constexpr qint64 kChunkBytes = 64 * 1024;

QJsonObject headersObject(const Request& request)
{
    QJsonObject headers;
    for (const auto& [name, value] : request.headers) {
        const QString key = QString::fromLatin1(name);
        const QString existing = headers.value(key).toString();
        headers.insert(key, existing.isEmpty()
                                ? QString::fromLatin1(value)
                                : existing + QStringLiteral(", ") + QString::fromLatin1(value));
    }
    return headers;
}

QJsonObject argsObject(const Request& request)
{
    QJsonObject args;
    for (const auto& [key, value] : QUrlQuery(request.url).queryItems(QUrl::FullyDecoded))
        args.insert(key, value);
    return args;
}

QJsonObject describeRequest(const Request& request)
{
    return {{"args", argsObject(request)},
            {"headers", headersObject(request)},
            {"origin", QStringLiteral("127.0.0.1")},
            {"url", request.url.toString()}};
}

QByteArray toJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

// /anything: the request, including its body as text (or base64 when not UTF-8).
QJsonObject echo(const Request& request)
{
    QJsonObject object = describeRequest(request);
    object.insert("method", QString::fromLatin1(request.method));
    const QString text = QString::fromUtf8(request.body);
    const bool isText = text.toUtf8() == request.body;
    object.insert("data", isText ? text
                                 : QStringLiteral("data:application/octet-stream;base64,") +
                                       QString::fromLatin1(request.body.toBase64()));
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(request.body, &error);
    object.insert("json", error.error == QJsonParseError::NoError && !request.body.isEmpty()
                              ? json.toVariant().toJsonValue()
                              : QJsonValue());
    QJsonObject form;
    if (request.header("Content-Type").startsWith("application/x-www-form-urlencoded")) {
        for (const auto& [key, value] : QUrlQuery(QString::fromUtf8(request.body).replace('+', ' '))
                                            .queryItems(QUrl::FullyDecoded))
            form.insert(key, value);
    }
    object.insert("form", form);
    object.insert("bodySize", double(request.bodySize));
    return object;
}

// gzip (windowBits 31) or zlib (15) compression of `input`.
QByteArray compress(const QByteArray& input, int windowBits)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, windowBits, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(static_cast<qsizetype>(deflateBound(&stream, input.size())), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(static_cast<qsizetype>(stream.total_out));
    deflateEnd(&stream);
    return out;
}

int intSegment(const QStringList& segments, int index, int fallback = -1)
{
    bool ok = false;
    const int value = segments.value(index).toInt(&ok);
    return ok ? value : fallback;
}

qint64 queryNumber(const Request& request, const QString& key, qint64 fallback)
{
    bool ok = false;
    const qint64 value = QUrlQuery(request.url).queryItemValue(key).toLongLong(&ok);
    return ok ? value : fallback;
}

void notFound(Exchange& exchange)
{
    exchange.respond(404, {{"Content-Type", "text/plain"}}, "no such endpoint; GET / lists them\n");
}

void redirect(Exchange& exchange, int status, const QByteArray& location)
{
    exchange.respond(status, {{"Location", location}}, {});
}

void drip(const std::shared_ptr<Exchange>& exchange)
{
    const Request& request = exchange->request();
    const qint64 total = std::max<qint64>(0, queryNumber(request, "numbytes", 10));
    const double duration = std::max<qint64>(0, queryNumber(request, "duration", 2));
    const int delayMs =
        static_cast<int>(std::max<qint64>(0, queryNumber(request, "delay", 0)) * 1000);
    const int code = static_cast<int>(queryNumber(request, "code", 200));
    QTimer::singleShot(delayMs, [exchange, total, duration, code] {
        if (!exchange->isOpen()) return;
        exchange->begin(code, {{"Content-Type", "application/octet-stream"}}, total);
        if (total == 0) {
            exchange->finish();
            return;
        }
        auto sent = std::make_shared<qint64>(0);
        auto* timer = new QTimer;
        timer->setInterval(static_cast<int>(duration * 1000 / total));
        QObject::connect(timer, &QTimer::timeout, [exchange, sent, total, timer] {
            if (!exchange->isOpen()) {
                timer->deleteLater();
                return;
            }
            exchange->write("*");
            if (++*sent == total) {
                exchange->finish();
                timer->stop();
                timer->deleteLater();
            }
        });
        timer->start();
    });
}

void streamBytes(const std::shared_ptr<Exchange>& exchange, qint64 total, bool chunked)
{
    const Request& request = exchange->request();
    const qint64 chunk =
        std::clamp<qint64>(queryNumber(request, "chunk_size", kChunkBytes), 1, 16 * 1024 * 1024);
    auto pattern =
        std::make_shared<PatternBytes>(static_cast<quint32>(queryNumber(request, "seed", 1)));
    auto left = std::make_shared<qint64>(total);
    exchange->stream(200, {{"Content-Type", "application/octet-stream"}}, chunked ? -1 : total,
                     [pattern, left, chunk](QByteArray& out) {
                         const qint64 n = std::min(*left, chunk);
                         out.resize(n);
                         pattern->fill(out.data(), n);
                         *left -= n;
                         return *left > 0;
                     });
}

// A response that starts its body and then resets the connection.
void resetMidBody(const std::shared_ptr<Exchange>& exchange, qint64 sentBytes)
{
    exchange->begin(200, {{"Content-Type", "application/octet-stream"}}, sentBytes * 2);
    QByteArray part(sentBytes, 'r');
    exchange->write(part);
    QTimer::singleShot(100, [exchange] { exchange->abort(); });
}

} // namespace

void PatternBytes::fill(char* out, qint64 n)
{
    for (qint64 i = 0; i < n; ++i) {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        out[i] = static_cast<char>(m_state & 0xFF);
    }
}

QByteArray describeRoutes()
{
    return "nanojs serve-test endpoints (any method unless noted):\n"
           "  /get                      the request as JSON (args, headers, origin, url)\n"
           "  /anything[/...]           echo: method, args, headers, data, json, form, bodySize\n"
           "  /headers                  the request headers as JSON\n"
           "  /status/N                 an empty response with status N\n"
           "  /redirect/N               N redirects (302) ending at /get\n"
           "  /absolute-redirect/N      the same with absolute Location URLs\n"
           "  /redirect-to?url=U&status_code=C   one redirect to U\n"
           "  /bytes/N?seed=S&chunk_size=C       N pattern bytes, streamed (Content-Length)\n"
           "  /stream-bytes/N?seed=S&chunk_size=C   the same with chunked transfer coding\n"
           "  /drip?numbytes=N&duration=S&delay=D&code=C   N bytes spread over S seconds\n"
           "  /delay/S                  /get after S seconds\n"
           "  /gzip, /deflate           a JSON body with Content-Encoding gzip / deflate\n"
           "  /stream-json/N            N JSON lines, chunked\n"
           "  /response-headers?K=V     a response with the given headers\n"
           "  /cookies, /cookies/set?K=V, /cookies/delete?K   cookie helpers\n"
           "  /basic-auth/USER/PASS     401 unless the Authorization header matches\n"
           "  /upload                   counts and hashes the body without keeping it\n"
           "  /hang                     never answers\n"
           "  /close                    closes the connection without an answer\n"
           "  /reset/N                  sends N body bytes of a longer body, then resets\n"
           "  /big-header/N             a response with one header of N bytes\n" +
           describeFaults() +
           "Bytes of /bytes: xorshift32 seeded with S (default 1), the low byte of each step.\n";
}

bool keepsBody(const Request& request)
{
    return request.url.path() != QLatin1String("/upload");
}

void handle(const std::shared_ptr<Exchange>& exchange)
{
    const Request& request = exchange->request();
    const QStringList segments = request.url.path().split('/', Qt::SkipEmptyParts);
    const QString first = segments.value(0);

    if (segments.isEmpty()) {
        exchange->respond(200, {{"Content-Type", "text/plain; charset=utf-8"}}, describeRoutes());
    } else if (first == QLatin1String("get") || first == QLatin1String("headers")) {
        const QJsonObject body = first == QLatin1String("get")
                                     ? describeRequest(request)
                                     : QJsonObject{{"headers", headersObject(request)}};
        exchange->respondJson(200, toJson(body));
    } else if (first == QLatin1String("anything")) {
        exchange->respondJson(200, toJson(echo(request)));
    } else if (first == QLatin1String("status")) {
        const int status = intSegment(segments, 1);
        if (status < 100 || status > 999) return notFound(*exchange);
        HeaderPairs headers;
        if (status >= 300 && status < 400) headers.emplaceBack("Location", "/redirect/1");
        if (status == 401) headers.emplaceBack("WWW-Authenticate", "Basic realm=\"Fake Realm\"");
        exchange->respond(status, headers, {});
    } else if (first == QLatin1String("redirect") || first == QLatin1String("absolute-redirect")) {
        const int n = intSegment(segments, 1);
        if (n < 1) return notFound(*exchange);
        QByteArray next =
            n == 1 ? QByteArray("/get") : "/" + first.toLatin1() + "/" + QByteArray::number(n - 1);
        if (first == QLatin1String("absolute-redirect"))
            next = request.url.resolved(QUrl(QString::fromLatin1(next))).toEncoded();
        redirect(*exchange, 302, next);
    } else if (first == QLatin1String("redirect-to")) {
        const QUrlQuery query(request.url);
        const int status = static_cast<int>(queryNumber(request, "status_code", 302));
        redirect(*exchange, status,
                 QUrl(query.queryItemValue("url", QUrl::FullyDecoded)).toEncoded());
    } else if (first == QLatin1String("bytes") || first == QLatin1String("stream-bytes")) {
        bool ok = false;
        const qint64 n = segments.value(1).toLongLong(&ok);
        if (!ok || n < 0) return notFound(*exchange);
        streamBytes(exchange, n, first == QLatin1String("stream-bytes"));
    } else if (first == QLatin1String("drip")) {
        drip(exchange);
    } else if (first == QLatin1String("delay")) {
        const int seconds = std::clamp(intSegment(segments, 1, 0), 0, 600);
        QTimer::singleShot(seconds * 1000, [exchange] {
            exchange->respondJson(200, toJson(describeRequest(exchange->request())));
        });
    } else if (first == QLatin1String("gzip") || first == QLatin1String("deflate")) {
        const bool gzip = first == QLatin1String("gzip");
        QJsonObject body = describeRequest(request);
        body.insert(gzip ? "gzipped" : "deflated", true);
        exchange->respond(
            200,
            {{"Content-Type", "application/json"}, {"Content-Encoding", gzip ? "gzip" : "deflate"}},
            compress(toJson(body), gzip ? 31 : 15));
    } else if (first == QLatin1String("stream-json")) {
        const int n = std::clamp(intSegment(segments, 1, 0), 0, 100000);
        auto next = std::make_shared<int>(0);
        const QJsonObject base = describeRequest(request);
        exchange->stream(200, {{"Content-Type", "application/json"}}, -1,
                         [next, n, base](QByteArray& out) {
                             if (*next >= n) return false;
                             QJsonObject line = base;
                             line.insert("id", (*next)++);
                             out = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
                             return *next < n;
                         });
    } else if (first == QLatin1String("response-headers")) {
        HeaderPairs headers;
        QJsonObject echoed;
        for (const auto& [key, value] : QUrlQuery(request.url).queryItems(QUrl::FullyDecoded)) {
            headers.emplaceBack(key.toLatin1(), value.toLatin1());
            echoed.insert(key, value);
        }
        headers.emplaceBack("Content-Type", "application/json");
        exchange->respond(200, headers, toJson(echoed));
    } else if (first == QLatin1String("cookies")) {
        const QString action = segments.value(1);
        if (action == QLatin1String("set") || action == QLatin1String("delete")) {
            HeaderPairs headers{{"Location", "/cookies"}};
            for (const auto& [key, value] : QUrlQuery(request.url).queryItems()) {
                headers.append(
                    {"Set-Cookie", action == QLatin1String("set")
                                       ? key.toLatin1() + "=" + value.toLatin1() + "; Path=/"
                                       : key.toLatin1() + "=; Path=/; Max-Age=0"});
            }
            exchange->respond(302, headers, {});
            return;
        }
        QJsonObject cookies;
        for (const QByteArray& pair : request.header("Cookie").split(';')) {
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0)
                cookies.insert(QString::fromLatin1(pair.left(eq).trimmed()),
                               QString::fromLatin1(pair.mid(eq + 1).trimmed()));
        }
        exchange->respondJson(200, toJson({{"cookies", cookies}}));
    } else if (first == QLatin1String("basic-auth") && segments.size() == 3) {
        const QByteArray expected =
            "Basic " + (segments[1] + ':' + segments[2]).toUtf8().toBase64();
        if (request.header("Authorization") != expected) {
            exchange->respond(401, {{"WWW-Authenticate", "Basic realm=\"Fake Realm\""}}, {});
            return;
        }
        exchange->respondJson(200, toJson({{"authenticated", true}, {"user", segments[1]}}));
    } else if (first == QLatin1String("upload")) {
        exchange->respondJson(200, toJson({{"bytes", double(request.bodySize)},
                                           {"sha256", QString::fromLatin1(request.bodySha256)}}));
    } else if (first == QLatin1String("hang")) {
        // Never answers: the connection stays open until the client gives up.
    } else if (first == QLatin1String("close")) {
        exchange->close();
    } else if (first == QLatin1String("reset")) {
        resetMidBody(exchange, std::max(1, intSegment(segments, 1, 1024)));
    } else if (first == QLatin1String("fault")) {
        if (!handleFault(segments.value(1), exchange)) notFound(*exchange);
    } else if (first == QLatin1String("big-header")) {
        const int n = std::clamp(intSegment(segments, 1, 0), 0, 64 * 1024 * 1024);
        exchange->respond(200, {{"X-Big", QByteArray(n, 'h')}}, "ok\n");
    } else {
        notFound(*exchange);
    }
}

} // namespace nano::testserver
