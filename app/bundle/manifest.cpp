#include "manifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

namespace nano::bundle {

namespace {

bool isLowerHex(const QString& text)
{
    for (QChar c : text)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
              (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

} // namespace

bool isBundlePath(const QString& path, QString* why)
{
    auto fail = [why](const QString& text) {
        if (why) *why = text;
        return false;
    };
    if (path.isEmpty()) return fail(QStringLiteral("the path is empty"));
    if (path.startsWith(QLatin1Char('/')) || (path.size() >= 2 && path.at(1) == QLatin1Char(':')))
        return fail(QStringLiteral("'%1' is an absolute path").arg(path));
    if (path.contains(QLatin1Char('\\')))
        return fail(QStringLiteral("'%1' contains a backslash").arg(path));
    for (QChar c : path)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return fail(QStringLiteral("'%1' contains a control character").arg(path));
    for (const QString& segment : path.split(QLatin1Char('/'))) {
        if (segment == QLatin1String(".."))
            return fail(QStringLiteral("'%1' contains '..'").arg(path));
        if (segment.isEmpty() || segment == QLatin1String("."))
            return fail(QStringLiteral("'%1' has an empty or '.' segment").arg(path));
    }
    return true;
}

QString originOf(const QString& urlOrOrigin)
{
    const QUrl url(urlOrOrigin, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) return {};
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) return {};
    const int defaultPort = scheme == QLatin1String("http") ? 80 : 443;
    QString origin = scheme + QStringLiteral("://") + url.host(QUrl::FullyEncoded).toLower();
    if (url.port() != -1 && url.port() != defaultPort)
        origin += QLatin1Char(':') + QString::number(url.port());
    return origin;
}

const FileEntry* Manifest::file(const QString& path) const
{
    for (const FileEntry& entry : files)
        if (entry.path == path) return &entry;
    return nullptr;
}

QByteArray Manifest::toJson() const
{
    QJsonArray fileArray;
    for (const FileEntry& entry : files)
        fileArray.append(
            QJsonObject{{QStringLiteral("path"), entry.path},
                        {QStringLiteral("size"), double(entry.size)},
                        {QStringLiteral("sha256"), QString::fromLatin1(entry.sha256)}});
    QJsonObject object{
        {QStringLiteral("format"), format},
        {QStringLiteral("name"), name},
        {QStringLiteral("description"), description},
        {QStringLiteral("entry"), entry},
        {QStringLiteral("created"), created.toUTC().toString(Qt::ISODate)},
        {QStringLiteral("nanoVersion"), nanoVersion},
        {QStringLiteral("files"), fileArray},
        {QStringLiteral("permissions"),
         QJsonObject{{QStringLiteral("net"), QJsonArray::fromStringList(netPermissions)}}},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<Manifest> parseManifest(const QByteArray& json, QString* error)
{
    auto fail = [error](const QString& why) -> std::optional<Manifest> {
        if (error) *error = QStringLiteral("manifest.json: ") + why;
        return std::nullopt;
    };
    if (json.size() > kManifestMaxBytes)
        return fail(QStringLiteral("larger than %1 bytes").arg(kManifestMaxBytes));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON (%1 at offset %2)")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!document.isObject()) return fail(QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();

    Manifest manifest;
    const QJsonValue format = object.value(QLatin1String("format"));
    if (!format.isDouble()) return fail(QStringLiteral("\"format\" must be a number"));
    if (format.toDouble() != kFormatVersion)
        return fail(QStringLiteral("unknown format version %1 (this NANO reads version %2)")
                        .arg(format.toDouble())
                        .arg(kFormatVersion));
    auto string = [&](const char* key, bool required, QString& out) {
        const QJsonValue value = object.value(QLatin1String(key));
        if (value.isUndefined() && !required) return true;
        if (!value.isString()) return false;
        out = value.toString();
        return true;
    };
    QString created;
    for (auto [key, required, out] :
         {std::tuple<const char*, bool, QString*>{"name", true, &manifest.name},
          {"description", false, &manifest.description},
          {"entry", true, &manifest.entry},
          {"created", true, &created},
          {"nanoVersion", true, &manifest.nanoVersion}}) {
        if (!string(key, required, *out))
            return fail(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(key)));
    }
    manifest.created = QDateTime::fromString(created, Qt::ISODate);
    if (!manifest.created.isValid())
        return fail(
            QStringLiteral("\"created\" must be an ISO 8601 date and time, not '%1'").arg(created));
    QString why;
    if (!isBundlePath(manifest.entry, &why)) return fail(QStringLiteral("\"entry\": ") + why);

    const QJsonValue files = object.value(QLatin1String("files"));
    if (!files.isArray()) return fail(QStringLiteral("\"files\" must be an array"));
    QSet<QString> seen;
    for (const QJsonValue& item : files.toArray()) {
        if (!item.isObject())
            return fail(QStringLiteral("every item of \"files\" must be an object"));
        const QJsonObject file = item.toObject();
        const QJsonValue path = file.value(QLatin1String("path"));
        const QJsonValue size = file.value(QLatin1String("size"));
        const QJsonValue sha = file.value(QLatin1String("sha256"));
        if (!path.isString() || !size.isDouble() || !sha.isString())
            return fail(QStringLiteral("a file needs \"path\" (string), \"size\" (number) and "
                                       "\"sha256\" (string)"));
        FileEntry entry;
        entry.path = path.toString();
        if (!isBundlePath(entry.path, &why)) return fail(QStringLiteral("\"files\": ") + why);
        if (entry.path == QLatin1String(kManifestName))
            return fail(QStringLiteral("\"files\" lists manifest.json itself"));
        const double bytes = size.toDouble();
        if (bytes < 0 || bytes > 9e15 || bytes != double(qint64(bytes)))
            return fail(
                QStringLiteral("the size of '%1' is not a whole number of bytes").arg(entry.path));
        entry.size = qint64(bytes);
        const QString hex = sha.toString();
        if (hex.size() != 64 || !isLowerHex(hex))
            return fail(QStringLiteral("the sha256 of '%1' is not 64 lowercase hex digits")
                            .arg(entry.path));
        entry.sha256 = hex.toLatin1();
        if (seen.contains(entry.path))
            return fail(QStringLiteral("'%1' is listed twice").arg(entry.path));
        seen.insert(entry.path);
        manifest.files.append(entry);
    }
    if (!manifest.file(manifest.entry))
        return fail(
            QStringLiteral("the entry module '%1' is not in \"files\"").arg(manifest.entry));

    const QJsonValue permissions = object.value(QLatin1String("permissions"));
    if (!permissions.isUndefined()) {
        if (!permissions.isObject())
            return fail(QStringLiteral("\"permissions\" must be an object"));
        const QJsonValue net = permissions.toObject().value(QLatin1String("net"));
        if (!net.isUndefined() && !net.isArray())
            return fail(QStringLiteral("\"permissions.net\" must be an array of origins"));
        for (const QJsonValue& item : net.toArray()) {
            const QString origin = item.isString() ? originOf(item.toString()) : QString();
            if (origin.isEmpty() || origin != item.toString())
                return fail(
                    QStringLiteral("\"permissions.net\" holds '%1', which is not a "
                                   "serialized http(s) origin such as "
                                   "'https://example.com'")
                        .arg(item.isString() ? item.toString() : QStringLiteral("a non-string")));
            manifest.netPermissions.append(origin);
        }
    }
    return manifest;
}

} // namespace nano::bundle
