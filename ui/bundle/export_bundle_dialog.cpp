#include "bundle/export_bundle_dialog.h"

#include "bundle/bundle_tr.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace nano::ui {

namespace {

QString defaultOutput(const QString& entryPath)
{
    const QFileInfo info(entryPath);
    return info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral(".nanobundle"));
}

} // namespace

ExportBundleDialog::ExportBundleDialog(BundleService& service, const QString& entryPath,
                                       const QStringList& origins, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
{
    setObjectName(QStringLiteral("exportBundleDialog"));
    setWindowTitle(BundleTr::tr("Export Bundle"));
    m_entry = new QLineEdit(entryPath);
    m_entry->setObjectName(QStringLiteral("entryEdit"));
    auto* browseEntry = new QPushButton(BundleTr::tr("Browse\u2026"));
    m_name = new QLineEdit(QFileInfo(entryPath).completeBaseName());
    m_description = new QLineEdit;
    m_permissions = new QPlainTextEdit(origins.join(QLatin1Char('\n')));
    m_permissions->setObjectName(QStringLiteral("permissionsEdit"));
    m_permissions->setPlaceholderText(
        BundleTr::tr("One origin per line, e.g. https://example.com"));
    m_permissions->setMaximumHeight(90);
    m_extras = new QListWidget;
    m_extras->setMaximumHeight(70);
    auto* addExtra = new QPushButton(BundleTr::tr("Add File\u2026"));
    auto* removeExtra = new QPushButton(BundleTr::tr("Remove"));
    m_files = new QListWidget;
    m_files->setObjectName(QStringLiteral("plannedFiles"));
    m_output = new QLineEdit(entryPath.isEmpty() ? QString() : defaultOutput(entryPath));
    m_output->setObjectName(QStringLiteral("outputEdit"));
    auto* browseOutput = new QPushButton(BundleTr::tr("Browse\u2026"));
    m_problem = new QLabel;
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: palette(link-visited);"));

    auto row = [](QWidget* a, QWidget* b) {
        auto* layout = new QHBoxLayout;
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(a, 1);
        layout->addWidget(b);
        return layout;
    };
    auto* extraButtons = new QVBoxLayout;
    extraButtons->addWidget(addExtra);
    extraButtons->addWidget(removeExtra);
    extraButtons->addStretch();
    auto* extras = new QHBoxLayout;
    extras->addWidget(m_extras, 1);
    extras->addLayout(extraButtons);

    // Rows whose field is a layout get their label's buddy by hand (for the mnemonic).
    auto labelFor = [](const QString& text, QWidget* buddy) {
        auto* label = new QLabel(text);
        label->setBuddy(buddy);
        return label;
    };
    auto* form = new QFormLayout;
    form->addRow(labelFor(BundleTr::tr("&Entry module:"), m_entry), row(m_entry, browseEntry));
    form->addRow(BundleTr::tr("&Name:"), m_name);
    form->addRow(BundleTr::tr("&Description:"), m_description);
    form->addRow(BundleTr::tr("Network &permissions:"), m_permissions);
    form->addRow(labelFor(BundleTr::tr("E&xtra files:"), m_extras), extras);
    form->addRow(BundleTr::tr("Files in the bundle:"), m_files);
    form->addRow(labelFor(BundleTr::tr("&Save as:"), m_output), row(m_output, browseOutput));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_export = buttons->addButton(BundleTr::tr("&Export"), QDialogButtonBox::AcceptRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(640, 560);

    connect(buttons, &QDialogButtonBox::accepted, this, &ExportBundleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_entry, &QLineEdit::editingFinished, this, &ExportBundleDialog::refreshPlan);
    connect(browseEntry, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, BundleTr::tr("Entry Module"), m_entry->text(),
                                         BundleTr::tr("JavaScript (*.js *.mjs);;All files (*)"));
        if (path.isEmpty()) return;
        m_entry->setText(path);
        if (m_output->text().isEmpty()) m_output->setText(defaultOutput(path));
        refreshPlan();
    });
    connect(browseOutput, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, BundleTr::tr("Save Bundle"), m_output->text(),
                                         BundleTr::tr("NANO bundles (*.nanobundle)"));
        if (!path.isEmpty()) m_output->setText(path);
    });
    connect(addExtra, &QPushButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, BundleTr::tr("Extra Files"), QFileInfo(m_entry->text()).absolutePath());
        m_extras->addItems(paths);
        refreshPlan();
    });
    connect(removeExtra, &QPushButton::clicked, this, [this] {
        delete m_extras->currentItem();
        refreshPlan();
    });
    refreshPlan();
}

BundleExport ExportBundleDialog::request() const
{
    BundleExport out;
    out.entryPath = m_entry->text().trimmed();
    out.outputPath = m_output->text().trimmed();
    out.name = m_name->text().trimmed();
    out.description = m_description->text().trimmed();
    for (const QString& line : m_permissions->toPlainText().split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty()) out.allowNet.append(line.trimmed());
    for (int i = 0; i < m_extras->count(); ++i)
        out.addFiles.append(m_extras->item(i)->text());
    return out;
}

QStringList ExportBundleDialog::plannedFiles() const
{
    QStringList files;
    for (int i = 0; i < m_files->count(); ++i)
        files.append(m_files->item(i)->text());
    return files;
}

void ExportBundleDialog::refreshPlan()
{
    m_files->clear();
    const BundleExport r = request();
    if (r.entryPath.isEmpty()) {
        m_problem->setText(BundleTr::tr("Choose the entry module."));
        m_export->setEnabled(false);
        return;
    }
    QString error;
    const std::optional<QStringList> files =
        m_service.plannedFiles(r.entryPath, r.addFiles, &error);
    m_export->setEnabled(bool(files));
    m_problem->setText(files ? QString() : error);
    if (files) m_files->addItems(*files);
}

void ExportBundleDialog::accept()
{
    const BundleExport r = request();
    if (r.outputPath.isEmpty()) {
        m_problem->setText(BundleTr::tr("Choose where to save the bundle."));
        return;
    }
    QString error;
    if (!m_service.exportBundle(r, &error)) {
        m_problem->setText(error);
        return;
    }
    QDialog::accept();
}

} // namespace nano::ui
