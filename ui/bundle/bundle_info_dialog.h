#pragma once
// File → Open Bundle…: the manifest of a validated bundle (name, description, entry, creation
// time, NANO version, network permissions) and its files with size and SHA-256.

#include "bundle/bundle_service.h"

#include <QDialog>

class QTreeWidget;

namespace nano::ui {

class BundleInfoDialog final : public QDialog {
    Q_OBJECT
public:
    explicit BundleInfoDialog(const BundleInfo& info, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(BundleInfoDialog)
    QTreeWidget* fileTree() const { return m_files; }

signals:
    void runRequested();

private:
    QTreeWidget* m_files = nullptr;
};

} // namespace nano::ui
