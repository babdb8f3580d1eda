#include "bundle_service_impl.h"

#include "bundle_reader.h"
#include "bundle_writer.h"

namespace nano::workbench {

std::optional<QStringList> BundleServiceImpl::plannedFiles(const QString& entryPath,
                                                           const QStringList& addFiles,
                                                           QString* error)
{
    bundle::CreateOptions options;
    options.entryPath = entryPath;
    options.addFiles = addFiles;
    const std::optional<bundle::CreatePlan> plan = bundle::planBundle(options, error);
    if (!plan) return std::nullopt;
    QStringList files;
    for (const bundle::FileEntry& file : plan->manifest.files)
        files.append(file.path);
    return files;
}

bool BundleServiceImpl::exportBundle(const ui::BundleExport& request, QString* error)
{
    bundle::CreateOptions options;
    options.entryPath = request.entryPath;
    options.outputPath = request.outputPath;
    options.name = request.name;
    options.description = request.description;
    options.allowNet = request.allowNet;
    options.addFiles = request.addFiles;
    return bool(bundle::createBundle(options, error));
}

std::optional<ui::BundleInfo> BundleServiceImpl::open(const QString& path, QString* error)
{
    std::optional<bundle::Bundle> read = bundle::readBundleFile(path, error);
    if (!read) return std::nullopt;
    const bundle::Manifest& m = read->manifest;
    ui::BundleInfo info;
    info.filePath = path;
    info.name = m.name;
    info.description = m.description;
    info.entry = m.entry;
    info.created = m.created.toUTC().toString(Qt::ISODate);
    info.nanoVersion = m.nanoVersion;
    info.format = m.format;
    info.netPermissions = m.netPermissions;
    for (const bundle::FileEntry& file : m.files)
        info.files.append({file.path, file.size, QString::fromLatin1(file.sha256)});
    info.contents = std::move(read->files);
    return info;
}

} // namespace nano::workbench
