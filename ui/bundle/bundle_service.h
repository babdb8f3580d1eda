#pragma once
// What the workbench needs of bundles, as an interface over plain values: ui/ links no QuaZip
// (CONVENTIONS.md), so the implementation lives in app/workbench (over app/bundle) and is
// handed to BundleActions. A test may hand in its own.

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>

namespace nano::ui {

struct BundleFileInfo {
    QString path; // bundle path ("lib/util.js")
    qint64 size = 0;
    QString sha256;
};

// A bundle read and validated in full (BundleService::open).
struct BundleInfo {
    QString filePath; // the .nanobundle on disk
    QString name;
    QString description;
    QString entry;
    QString created; // ISO 8601, UTC
    QString nanoVersion;
    int format = 0;
    QStringList netPermissions;
    QVector<BundleFileInfo> files;
    QHash<QString, QByteArray> contents; // bundle path -> bytes
};

struct BundleExport {
    QString entryPath;
    QString outputPath;
    QString name;
    QString description;
    QStringList allowNet;
    QStringList addFiles;
};

class BundleService {
public:
    virtual ~BundleService() = default;
    // The bundle paths an export of `entryPath` (+ `addFiles`) would hold, entry first;
    // nullopt with `error` (a missing import, a bare specifier) when it cannot be exported.
    virtual std::optional<QStringList> plannedFiles(const QString& entryPath,
                                                    const QStringList& addFiles,
                                                    QString* error) = 0;
    virtual bool exportBundle(const BundleExport& request, QString* error) = 0;
    virtual std::optional<BundleInfo> open(const QString& path, QString* error) = 0;
};

} // namespace nano::ui
