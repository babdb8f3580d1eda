#pragma once
// ui::BundleService over app/bundle (QuaZip lives here, never in ui/).

#include "bundle/bundle_service.h"

namespace nano::workbench {

class BundleServiceImpl final : public ui::BundleService {
public:
    std::optional<QStringList> plannedFiles(const QString& entryPath, const QStringList& addFiles,
                                            QString* error) override;
    bool exportBundle(const ui::BundleExport& request, QString* error) override;
    std::optional<ui::BundleInfo> open(const QString& path, QString* error) override;
};

} // namespace nano::workbench
