#include "fault_routes.h"

#include <QTimer>
#include <QUrlQuery>

#include <zlib.h>

namespace nano::testserver {

namespace {

qint64 queryNumber(const Request& request, const char* key, qint64 fallback)
{
    bool ok = false;
    const qint64 value =
        QUrlQuery(request.url).queryItemValue(QString::fromLatin1(key)).toLongLong(&ok);
    return ok ? value : fallback;
}

// A gzip body of about `compressedBytes` that inflates ~1000:1 (zeros), made as it is sent so
// the server never holds more than one step of it.
void gzipBomb(const std::shared_ptr<Exchange>& exchange, qint64 compressedBytes)
{
    auto stream = std::shared_ptr<z_stream>(new z_stream{}, [](z_stream* z) {
        deflateEnd(z);
        delete z;
    });
    if (deflateInit2(stream.get(), 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return exchange->respond(500, {}, "zlib failed\n");
    auto zeros = std::make_shared<QByteArray>(4 << 20, '\0');
    auto sent = std::make_shared<qint64>(0);
    exchange->stream(200,
                     {{"Content-Type", "application/octet-stream"}, {"Content-Encoding", "gzip"}},
                     -1, [stream, zeros, sent, compressedBytes](QByteArray& out) {
                         const bool last = *sent >= compressedBytes;
                         out.resize(64 * 1024);
                         stream->next_in = reinterpret_cast<Bytef*>(zeros->data());
                         stream->avail_in = last ? 0 : static_cast<uInt>(zeros->size());
                         stream->next_out = reinterpret_cast<Bytef*>(out.data());
                         stream->avail_out = static_cast<uInt>(out.size());
                         while (stream->avail_in > 0 && stream->avail_out > 0)
                             deflate(stream.get(), Z_NO_FLUSH);
                         if (last) deflate(stream.get(), Z_FINISH);
                         out.resize(out.size() - static_cast<qsizetype>(stream->avail_out));
                         *sent += out.size();
                         return !last;
                     });
}

// A body that never ends (chunked), 64 KiB at a time as the client reads.
void endless(const std::shared_ptr<Exchange>& exchange)
{
    exchange->stream(200, {{"Content-Type", "application/octet-stream"}}, -1, [](QByteArray& out) {
        out = QByteArray(64 * 1024, 'e');
        return true;
    });
}

void manyHeaders(Exchange& exchange, qint64 count)
{
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n";
    for (qint64 i = 0; i < count; ++i)
        head += "X-Many-" + QByteArray::number(i) + ": " + QByteArray::number(i) + "\r\n";
    exchange.writeRaw(head + "\r\nok\n");
    exchange.close();
}

} // namespace

QByteArray describeFaults()
{
    return "  /fault/NAME               misbehaving responses (issue 17):\n"
           "    reset-in-head             part of a head, then a reset (RST)\n"
           "    close-in-head             part of a head, then the connection is closed\n"
           "    short-body                Content-Length 1000, 10 bytes, then closed\n"
           "    truncated-chunked         a chunked body cut off inside a chunk, then closed\n"
           "    stall-body                Content-Length 1000, 100 bytes, then nothing\n"
           "    bad-status-line           'HTTP/1.1 OK' (no status code)\n"
           "    not-http                  a line that is not HTTP at all, then closed\n"
           "    header-no-colon           a header line without a colon\n"
           "    header-bad-bytes          header values with NUL and a bare CR\n"
           "    many-headers?n=N          a head of N headers (default 10000)\n"
           "    endless                   a chunked body that never ends\n"
           "    gzip-bomb?mb=M            M MB of gzip (default 10) that inflate ~1000:1\n"
           "    redirect-loop             a 302 to itself\n";
}

bool handleFault(const QString& name, const std::shared_ptr<Exchange>& exchange)
{
    const Request& request = exchange->request();
    if (name == QLatin1String("reset-in-head") || name == QLatin1String("close-in-head")) {
        exchange->writeRaw("HTTP/1.1 200 OK\r\nContent-Type: text/pl");
        const bool reset = name == QLatin1String("reset-in-head");
        QTimer::singleShot(100,
                           [exchange, reset] { reset ? exchange->abort() : exchange->close(); });
    } else if (name == QLatin1String("short-body")) {
        exchange->writeRaw("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
        exchange->close();
    } else if (name == QLatin1String("truncated-chunked")) {
        exchange->writeRaw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "10\r\n0123456789abcdef\r\n20\r\nonly part of");
        exchange->close();
    } else if (name == QLatin1String("stall-body")) {
        exchange->writeRaw("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" +
                           QByteArray(100, 's'));
    } else if (name == QLatin1String("bad-status-line")) {
        exchange->writeRaw("HTTP/1.1 OK\r\nContent-Length: 3\r\n\r\nok\n");
        exchange->close();
    } else if (name == QLatin1String("not-http")) {
        exchange->writeRaw("SSH-2.0-OpenSSH_9.2\r\n");
        exchange->close();
    } else if (name == QLatin1String("header-no-colon")) {
        exchange->writeRaw("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nno colon here\r\n\r\nok\n");
        exchange->close();
    } else if (name == QLatin1String("header-bad-bytes")) {
        // QByteArrayLiteral keeps the NUL (its size is the literal's).
        exchange->writeRaw(QByteArrayLiteral("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n"
                                             "X-Nul: a\0b\r\nX-Cr: a\rb\r\n"
                                             "X-Fine: yes\r\n\r\nok\n"));
        exchange->close();
    } else if (name == QLatin1String("many-headers")) {
        manyHeaders(*exchange, std::clamp<qint64>(queryNumber(request, "n", 10000), 0, 1000000));
    } else if (name == QLatin1String("endless")) {
        endless(exchange);
    } else if (name == QLatin1String("gzip-bomb")) {
        gzipBomb(exchange, std::clamp<qint64>(queryNumber(request, "mb", 10), 1, 1000) * 1000000);
    } else if (name == QLatin1String("redirect-loop")) {
        exchange->respond(302, {{"Location", "/fault/redirect-loop"}}, {});
    } else {
        return false;
    }
    return true;
}

} // namespace nano::testserver
