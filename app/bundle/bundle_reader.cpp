#include "bundle_reader.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QSet>
#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>

namespace nano::bundle {

namespace {

constexpr qint64 kChunk = 64 * 1024;

struct Inflated {
    QByteArray bytes;
    QString error;
};

// Inflates the current entry, stopping as soon as it passes `maxBytes` or the ratio limit.
Inflated inflateCurrent(QuaZip& zip, const QString& name, qint64 maxBytes, qint64 compressed,
                        qint64 headerSize, qint64& totalSoFar, const Limits& limits)
{
    Inflated result;
    QuaZipFile file(&zip);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QStringLiteral("'%1' cannot be opened (zip error %2): the archive is "
                                      "corrupt")
                           .arg(name)
                           .arg(file.getZipError());
        return result;
    }
    const qint64 denominator = std::max<qint64>(compressed, 1);
    QByteArray chunk(kChunk, Qt::Uninitialized);
    while (true) {
        const qint64 n = file.read(chunk.data(), kChunk);
        if (n < 0) {
            result.error = QStringLiteral("'%1' is corrupt: its data cannot be inflated").arg(name);
            return result;
        }
        if (n == 0) break;
        result.bytes.append(chunk.constData(), n);
        totalSoFar += n;
        const qint64 size = result.bytes.size();
        if (size > maxBytes) {
            result.error = QStringLiteral("'%1' holds more than the %2 bytes the manifest says")
                               .arg(name)
                               .arg(maxBytes);
            return result;
        }
        if (size > limits.ratioExemptBytes && size > limits.maxRatio * denominator) {
            result.error = QStringLiteral("'%1' inflates to more than %2 times its compressed "
                                          "size (%3 bytes): refused as a zip bomb")
                               .arg(name)
                               .arg(limits.maxRatio)
                               .arg(compressed);
            return result;
        }
        if (totalSoFar > limits.maxTotalBytes) {
            result.error = QStringLiteral("the bundle inflates to more than %1 bytes (the limit)")
                               .arg(limits.maxTotalBytes);
            return result;
        }
    }
    // minizip checks the CRC only when the data inflated to the header's size: a stream that
    // ends early is caught here.
    if (result.bytes.size() != headerSize) {
        result.error = QStringLiteral("'%1' is corrupt: it inflates to %2 bytes, its zip header "
                                      "says %3")
                           .arg(name)
                           .arg(result.bytes.size())
                           .arg(headerSize);
        return result;
    }
    file.close(); // checks the CRC
    if (file.getZipError() != UNZ_OK) {
        result.error = QStringLiteral("'%1' is corrupt: its CRC does not match").arg(name);
        return result;
    }
    return result;
}

} // namespace

std::optional<Bundle> readBundleBytes(const QByteArray& archive, QString* error,
                                      const Limits& limits)
{
    auto fail = [error](const QString& why) -> std::optional<Bundle> {
        if (error) *error = why;
        return std::nullopt;
    };
    if (archive.isEmpty()) return fail(QStringLiteral("the file is empty (0 bytes), not a bundle"));
    QByteArray bytes = archive; // QBuffer wants a non-const array; this is a shallow copy
    QBuffer buffer(&bytes);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdUnzip)) {
        // minizip does not open a zip of no entries (just its end record).
        if (archive.startsWith("PK\x05\x06"))
            return fail(QStringLiteral("the zip holds no files: there is no manifest.json"));
        return fail(QStringLiteral("not a zip archive, or a truncated or corrupt one"));
    }

    // The central directory: names, flags and sizes, before any entry is inflated.
    QHash<QString, QuaZipFileInfo64> entries;
    bool more = zip.goToFirstFile();
    while (more) {
        QuaZipFileInfo64 info;
        if (!zip.getCurrentFileInfo(&info))
            return fail(QStringLiteral("the zip's central directory is corrupt"));
        const QString name = info.name;
        QString why;
        const bool folder = name.endsWith(QLatin1Char('/'));
        if (!isBundlePath(folder ? name.chopped(1) : name, &why))
            return fail(QStringLiteral("unsafe entry name: %1").arg(why));
        if (info.isSymbolicLink())
            return fail(QStringLiteral("'%1' is a symbolic link; bundles hold regular files only")
                            .arg(name));
        if (info.isEncrypted())
            return fail(QStringLiteral("'%1' is encrypted; bundles are not").arg(name));
        if (info.method != 0 && info.method != Z_DEFLATED)
            return fail(QStringLiteral("'%1' uses compression method %2 (only stored and "
                                       "deflate are read)")
                            .arg(name)
                            .arg(info.method));
        if (entries.contains(name))
            return fail(QStringLiteral("'%1' is in the archive twice").arg(name));
        if (folder && info.uncompressedSize != 0)
            return fail(QStringLiteral("the folder entry '%1' has contents").arg(name));
        entries.insert(name, info);
        more = zip.goToNextFile();
    }
    // The end of the list (an empty zip's first file too) is no error.
    if (zip.getZipError() != UNZ_OK && zip.getZipError() != UNZ_END_OF_LIST_OF_FILE)
        return fail(QStringLiteral("the zip's central directory is corrupt"));

    const QString manifestName = QString::fromLatin1(kManifestName);
    if (!entries.contains(manifestName))
        return fail(QStringLiteral("there is no manifest.json: not a bundle"));
    qint64 total = 0;
    auto inflate = [&](const QString& name, qint64 maxBytes) -> Inflated {
        if (!zip.setCurrentFile(name, QuaZip::csSensitive))
            return {QByteArray(), QStringLiteral("'%1' cannot be found in the archive").arg(name)};
        const qint64 compressed =
            std::min<qint64>(entries.value(name).compressedSize, archive.size());
        return inflateCurrent(zip, name, maxBytes, compressed,
                              qint64(entries.value(name).uncompressedSize), total, limits);
    };
    Inflated manifestBytes = inflate(manifestName, kManifestMaxBytes);
    if (!manifestBytes.error.isEmpty()) return fail(manifestBytes.error);
    QString why;
    std::optional<Manifest> manifest = parseManifest(manifestBytes.bytes, &why);
    if (!manifest) return fail(why);

    QSet<QString> listed;
    qint64 declared = 0;
    for (const FileEntry& file : manifest->files) {
        listed.insert(file.path);
        declared += file.size;
        if (!entries.contains(file.path))
            return fail(
                QStringLiteral("'%1' is in the manifest but not in the archive").arg(file.path));
    }
    if (declared > limits.maxTotalBytes)
        return fail(QStringLiteral("the manifest's files come to %1 bytes, over the limit of %2")
                        .arg(declared)
                        .arg(limits.maxTotalBytes));
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) {
        if (it.key() == manifestName || it.key().endsWith(QLatin1Char('/'))) continue;
        if (!listed.contains(it.key()))
            return fail(
                QStringLiteral("'%1' is in the archive but not in the manifest").arg(it.key()));
    }

    Bundle bundle;
    for (const FileEntry& file : manifest->files) {
        Inflated content = inflate(file.path, file.size);
        if (!content.error.isEmpty()) return fail(content.error);
        if (content.bytes.size() != file.size)
            return fail(QStringLiteral("'%1' has %2 bytes, the manifest says %3")
                            .arg(file.path)
                            .arg(content.bytes.size())
                            .arg(file.size));
        const QByteArray sha =
            QCryptographicHash::hash(content.bytes, QCryptographicHash::Sha256).toHex();
        if (sha != file.sha256)
            return fail(
                QStringLiteral("the SHA-256 of '%1' does not match the manifest").arg(file.path));
        bundle.files.insert(file.path, content.bytes);
    }
    bundle.manifest = std::move(*manifest);
    return bundle;
}

std::optional<Bundle> readBundleFile(const QString& path, QString* error, const Limits& limits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    // The archive itself is no larger than what it may inflate to (plus the manifest).
    if (file.size() > limits.maxTotalBytes + kManifestMaxBytes) {
        if (error)
            *error = QStringLiteral("'%1' is larger than the bundle limit of %2 bytes")
                         .arg(path)
                         .arg(limits.maxTotalBytes);
        return std::nullopt;
    }
    std::optional<Bundle> bundle = readBundleBytes(file.readAll(), error, limits);
    if (!bundle && error) *error = path + QStringLiteral(": ") + *error;
    return bundle;
}

} // namespace nano::bundle
