#pragma once
// File → Export Bundle…: the entry module, name, description, the network permissions
// (prefilled with the origins the last run fetched), extra files, and the list of files that
// will go in, recomputed from the import graph whenever the entry or the extras change.

#include "bundle/bundle_service.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace nano::ui {

class ExportBundleDialog final : public QDialog {
    Q_OBJECT
public:
    ExportBundleDialog(BundleService& service, const QString& entryPath, const QStringList& origins,
                       QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ExportBundleDialog)

    BundleExport request() const;
    QStringList plannedFiles() const;
    QLineEdit* entryEdit() const { return m_entry; }
    QLineEdit* outputEdit() const { return m_output; }
    QPlainTextEdit* permissionsEdit() const { return m_permissions; }
    QLabel* problemLabel() const { return m_problem; }

public slots:
    void accept() override; // exports; stays open with the error if it fails
    void refreshPlan();

private:
    BundleService& m_service;
    QLineEdit* m_entry = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    QPlainTextEdit* m_permissions = nullptr;
    QListWidget* m_extras = nullptr;
    QListWidget* m_files = nullptr;
    QLineEdit* m_output = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_export = nullptr;
};

} // namespace nano::ui
