#pragma once
// Writes a .nanobundle: the entry module, every module it imports (static imports, export-from
// and import() of string literals, JSON modules included, followed across folders), the extra
// files, and manifest.json. Bundle paths are relative to the deepest folder that holds all the
// files. The archive is written with QSaveFile: a failed export leaves no partial file.

#include "manifest.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace nano::bundle {

struct CreateOptions {
    QString entryPath;
    QString outputPath;
    QString name; // default: the entry's base name
    QString description;
    QStringList allowNet; // origins (or URLs, reduced to their origins)
    QStringList addFiles; // extra files
    qint64 maxTotalBytes = 256ll << 20;
};

struct CreatePlan {
    Manifest manifest;
    QString root;         // absolute folder the bundle paths are relative to
    QStringList warnings; // e.g. import() of a computed specifier
};

// What create() would write (the import graph walked, the manifest filled in except the
// hashes' files read again); nullopt with `error` naming the file and the import that failed.
std::optional<CreatePlan> planBundle(const CreateOptions& options, QString* error);
// Plans and writes the bundle; the plan on success.
std::optional<CreatePlan> createBundle(const CreateOptions& options, QString* error);

} // namespace nano::bundle
