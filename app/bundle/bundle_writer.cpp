#include "bundle_writer.h"

#include "import_scanner.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QUrl>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipnewinfo.h>

namespace nano::bundle {

namespace {

bool readFile(const QString& path, QByteArray& out, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return false;
    }
    out = file.readAll();
    return true;
}

// The deepest folder holding every path (absolute, cleaned).
QString commonFolder(const QStringList& paths)
{
    QStringList common = QFileInfo(paths.first()).absolutePath().split(QLatin1Char('/'));
    for (const QString& path : paths) {
        const QStringList parts = QFileInfo(path).absolutePath().split(QLatin1Char('/'));
        int n = 0;
        while (n < common.size() && n < parts.size() && common.at(n) == parts.at(n))
            ++n;
        common = common.mid(0, n);
    }
    const QString joined = common.join(QLatin1Char('/'));
    return joined.isEmpty() ? QStringLiteral("/") : joined;
}

// The file a relative or file: specifier names, or empty with `error` set.
QString resolveSpecifier(const QString& specifier, const QString& importer, QString* error)
{
    // In a bundle, "/x.js" and file: URLs would name other modules than on disk: only
    // relative paths mean the same in both places.
    const bool relative = specifier.startsWith(QLatin1String("./")) ||
                          specifier.startsWith(QLatin1String("../"));
    if (!relative) {
        const QUrl absolute(specifier, QUrl::StrictMode);
        const bool url = absolute.isValid() && absolute.scheme().size() > 1;
        *error = url || specifier.startsWith(QLatin1Char('/'))
                     ? QStringLiteral("%1 imports '%2': a bundle's modules import each other by "
                                      "relative paths ('./x.js', '../lib/x.js') only")
                           .arg(importer, specifier)
                     : QStringLiteral("%1 imports '%2': bare specifiers are not supported; use a "
                                      "relative path such as './%2'")
                           .arg(importer, specifier);
        return {};
    }
    const QUrl target = QUrl::fromLocalFile(importer).resolved(QUrl(specifier));
    return QDir::cleanPath(target.toLocalFile());
}

} // namespace

std::optional<CreatePlan> planBundle(const CreateOptions& options, QString* error)
{
    const QFileInfo entryInfo(options.entryPath);
    if (!entryInfo.isFile()) {
        *error = QStringLiteral("cannot find the entry module '%1'").arg(options.entryPath);
        return std::nullopt;
    }
    CreatePlan plan;
    QStringList files; // absolute paths, modules first, in the order found
    QSet<QString> seen;
    QStringList queue{QDir::cleanPath(entryInfo.absoluteFilePath())};
    QSet<QString> jsonModules;
    seen.insert(queue.first());
    while (!queue.isEmpty()) {
        const QString path = queue.takeFirst();
        files.append(path);
        if (jsonModules.contains(path)) continue;
        QByteArray bytes;
        if (!readFile(path, bytes, error)) return std::nullopt;
        const ScanResult scan = scanImports(QString::fromUtf8(bytes));
        for (int line : scan.computedDynamicImportLines)
            plan.warnings.append(QStringLiteral("%1:%2: import() of a computed specifier is not "
                                                "followed; add the modules it loads with --add")
                                     .arg(path)
                                     .arg(line));
        for (const ModuleRequest& request : scan.requests) {
            const QString target = resolveSpecifier(request.specifier, path, error);
            if (target.isEmpty()) return std::nullopt;
            if (!QFileInfo(target).isFile()) {
                *error = QStringLiteral("%1:%2 imports '%3', which does not exist (%4)")
                             .arg(path)
                             .arg(request.line)
                             .arg(request.specifier, target);
                return std::nullopt;
            }
            if (request.json) jsonModules.insert(target);
            if (seen.contains(target)) continue;
            seen.insert(target);
            queue.append(target);
        }
    }
    for (const QString& add : options.addFiles) {
        const QFileInfo info(add);
        if (!info.isFile()) {
            *error = QStringLiteral("cannot add '%1': not a file").arg(add);
            return std::nullopt;
        }
        const QString path = QDir::cleanPath(info.absoluteFilePath());
        if (!seen.contains(path)) files.append(path);
        seen.insert(path);
    }

    plan.root = commonFolder(files);
    const QDir root(plan.root);
    Manifest& manifest = plan.manifest;
    manifest.name = options.name.isEmpty() ? entryInfo.completeBaseName() : options.name;
    manifest.description = options.description;
    manifest.created = QDateTime::currentDateTimeUtc();
    manifest.created.setTime(QTime(manifest.created.time().hour(), manifest.created.time().minute(),
                                   manifest.created.time().second()));
    manifest.nanoVersion = QStringLiteral(NANO_VERSION);
    for (const QString& net : options.allowNet) {
        const QString origin = originOf(net);
        if (origin.isEmpty()) {
            *error = QStringLiteral("--allow-net takes an http(s) origin such as "
                                    "'https://example.com', not '%1'")
                         .arg(net);
            return std::nullopt;
        }
        if (!manifest.netPermissions.contains(origin)) manifest.netPermissions.append(origin);
    }
    qint64 total = 0;
    for (const QString& path : files) {
        FileEntry entry;
        entry.path = root.relativeFilePath(path);
        QString why;
        if (!isBundlePath(entry.path, &why) || entry.path == QLatin1String(kManifestName)) {
            *error = QStringLiteral("cannot store '%1' in a bundle: %2")
                         .arg(path, why.isEmpty() ? QStringLiteral("the name is reserved") : why);
            return std::nullopt;
        }
        entry.size = QFileInfo(path).size();
        total += entry.size;
        manifest.files.append(entry);
    }
    if (total > options.maxTotalBytes) {
        *error = QStringLiteral("the files come to %1 bytes, over the bundle limit of %2")
                     .arg(total)
                     .arg(options.maxTotalBytes);
        return std::nullopt;
    }
    manifest.entry = manifest.files.first().path;
    return plan;
}

std::optional<CreatePlan> createBundle(const CreateOptions& options, QString* error)
{
    std::optional<CreatePlan> plan = planBundle(options, error);
    if (!plan) return std::nullopt;
    QByteArray archive;
    QBuffer buffer(&archive);
    QuaZip zip(&buffer);
    zip.setUtf8Enabled(true);
    if (!zip.open(QuaZip::mdCreate)) {
        *error = QStringLiteral("cannot create the archive (zip error %1)").arg(zip.getZipError());
        return std::nullopt;
    }
    const QDir root(plan->root);
    // The contents first: the manifest records what was actually read.
    QVector<QPair<QString, QByteArray>> contents;
    for (FileEntry& entry : plan->manifest.files) {
        QByteArray bytes;
        if (!readFile(root.filePath(entry.path), bytes, error)) return std::nullopt;
        entry.size = bytes.size();
        entry.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        contents.append({entry.path, bytes});
    }
    contents.prepend({QString::fromLatin1(kManifestName), plan->manifest.toJson()});
    for (const auto& [path, bytes] : contents) {
        QuaZipFile out(&zip);
        QuaZipNewInfo info(path);
        info.dateTime = plan->manifest.created.toLocalTime();
        info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                            QFileDevice::ReadGroup | QFileDevice::ReadOther);
        if (!out.open(QIODevice::WriteOnly, info) || out.write(bytes) != bytes.size()) {
            *error = QStringLiteral("cannot add '%1' to the archive").arg(path);
            return std::nullopt;
        }
        out.close();
    }
    zip.close();
    if (zip.getZipError() != 0) {
        *error = QStringLiteral("cannot finish the archive (zip error %1)").arg(zip.getZipError());
        return std::nullopt;
    }
    QSaveFile file(options.outputPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(archive) != archive.size() ||
        !file.commit()) {
        *error =
            QStringLiteral("cannot write '%1': %2").arg(options.outputPath, file.errorString());
        return std::nullopt;
    }
    return plan;
}

} // namespace nano::bundle
