#pragma once
// Reads and validates a .nanobundle entirely in memory before anything of it runs; it never
// writes to disk. Refused, each with an error that names the entry and the reason: a zero-byte
// or truncated/corrupt zip, entry names with '..', absolute or backslash paths, symlink
// entries, duplicate names, encrypted entries, compression methods other than stored/deflate,
// a missing or invalid manifest (not JSON, wrong types, unknown format version), a file in the
// archive that the manifest does not list (or the other way round), a size or SHA-256 that
// does not match, a missing entry module, a total over Limits::maxTotalBytes, and an entry
// that inflates to more than Limits::maxRatio times its compressed size, checked chunk by chunk
// while inflating (a lying header does not help).

#include "manifest.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <optional>

namespace nano::bundle {

struct Limits {
    qint64 maxTotalBytes = 256ll << 20;
    qint64 maxRatio = 100;
    // Small entries are exempt from the ratio: a 20 KiB file of one repeated character
    // compresses 200:1 and is no bomb. The total limit still holds for them.
    qint64 ratioExemptBytes = 1 << 20;
};

struct Bundle {
    Manifest manifest;
    QHash<QString, QByteArray> files; // bundle path -> contents, every manifest file
};

std::optional<Bundle> readBundleBytes(const QByteArray& archive, QString* error,
                                      const Limits& limits = Limits());
// Reads the file at `path` (no larger than the total limit) and validates it.
std::optional<Bundle> readBundleFile(const QString& path, QString* error,
                                     const Limits& limits = Limits());

} // namespace nano::bundle
