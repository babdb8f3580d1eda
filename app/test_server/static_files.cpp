#include "static_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrlQuery>

namespace nano::testserver {

namespace {

QByteArray contentType(const QString& path)
{
    static const QList<QPair<QLatin1String, QByteArray>> types = {
        {QLatin1String(".json"), "application/json"},
        {QLatin1String(".js"), "text/javascript; charset=utf-8"},
        {QLatin1String(".html"), "text/html; charset=utf-8"},
        {QLatin1String(".txt"), "text/plain; charset=utf-8"},
        {QLatin1String(".png"), "image/png"},
    };
    for (const auto& [suffix, type] : types)
        if (path.endsWith(suffix)) return type;
    return "application/octet-stream";
}

// WPT's fetch/api/resources/inspect-headers.py (the part without CORS, which we do not do):
// each request header named in ?headers=A|B comes back as x-request-A.
void inspectHeaders(Exchange& exchange)
{
    const Request& request = exchange.request();
    HeaderPairs headers;
    const QString names =
        QUrlQuery(request.url).queryItemValue(QStringLiteral("headers"), QUrl::FullyDecoded);
    for (const QString& name : names.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
        const QByteArray key = name.toLatin1();
        const bool present =
            std::any_of(request.headers.begin(), request.headers.end(), [&](const auto& header) {
                return header.first.compare(key, Qt::CaseInsensitive) == 0;
            });
        if (present) headers.emplaceBack("x-request-" + key, request.header(key));
    }
    headers.append({{"Content-Type", "text/plain"}, {"Cache-Control", "no-cache"}, {"Vary", "*"}});
    exchange.respond(200, headers, {});
}

} // namespace

bool serveStatic(const QStringList& roots, const std::shared_ptr<Exchange>& exchange)
{
    if (roots.isEmpty()) return false;
    const Request& request = exchange->request();
    const QString path = request.url.path(QUrl::FullyDecoded);
    if (path.endsWith(QLatin1String("/inspect-headers.py"))) {
        inspectHeaders(*exchange);
        return true;
    }
    const QString relative = QDir::cleanPath(path).mid(1);
    if (relative.isEmpty() || relative.startsWith(QLatin1String(".."))) return false;
    for (const QString& root : roots) {
        const QString file = QDir(root).filePath(relative);
        if (!QFileInfo(file).isFile()) continue;
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly)) {
            exchange->respond(403, {{"Content-Type", "text/plain"}}, "cannot read the file\n");
            return true;
        }
        const QByteArray body = request.method == "HEAD" ? QByteArray() : in.readAll();
        exchange->respond(200, {{"Content-Type", contentType(file)}}, body);
        return true;
    }
    return false;
}

} // namespace nano::testserver
