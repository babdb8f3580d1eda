#pragma once
// manifest.json of a .nanobundle (format 1):
//
//   { "format": 1, "name": "app", "description": "", "entry": "main.js",
//     "created": "2026-12-04T21:00:00Z", "nanoVersion": "0.4.0",
//     "files": [ { "path": "main.js", "size": 120, "sha256": "<64 hex digits>" }, ... ],
//     "permissions": { "net": [ "http://127.0.0.1:8080" ] } }
//
// Paths are bundle paths: relative, '/'-separated, no '.', '..' or empty segments, no '\\'.
// The parser checks every field's type and value; it never throws and never crashes on any
// input (tests/fuzz/fuzz_bundle_manifest).

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace nano::bundle {

constexpr int kFormatVersion = 1;
constexpr const char* kManifestName = "manifest.json";
constexpr qint64 kManifestMaxBytes = 1 << 20;

struct FileEntry {
    QString path;
    qint64 size = 0;
    QByteArray sha256; // lowercase hex
};

struct Manifest {
    int format = kFormatVersion;
    QString name;
    QString description;
    QString entry;
    QDateTime created; // UTC
    QString nanoVersion;
    QVector<FileEntry> files;
    QStringList netPermissions; // serialized origins ("https://example.com:8443")

    const FileEntry* file(const QString& path) const;
    QByteArray toJson() const;
};

// The manifest in `json`, or nullopt with `error` saying which field is wrong.
std::optional<Manifest> parseManifest(const QByteArray& json, QString* error);

// Whether `path` is a bundle path (see above); `why` says what is wrong with it.
bool isBundlePath(const QString& path, QString* why = nullptr);

// The serialized origin of an http(s) URL or origin string ("http://127.0.0.1:8080"), or
// empty when it is not one. Default ports are dropped, as the URL standard's origin
// serialization does.
QString originOf(const QString& urlOrOrigin);

} // namespace nano::bundle
