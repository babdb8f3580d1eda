#include "bundle/bundle_info_dialog.h"

#include "bundle/bundle_tr.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace nano::ui {

BundleInfoDialog::BundleInfoDialog(const BundleInfo& info, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("bundleInfoDialog"));
    setWindowTitle(BundleTr::tr("Bundle %1").arg(QFileInfo(info.filePath).fileName()));
    setAttribute(Qt::WA_DeleteOnClose);
    auto label = [](const QString& text) {
        auto* l = new QLabel(text);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        return l;
    };
    auto* form = new QFormLayout;
    form->addRow(BundleTr::tr("Name:"), label(info.name));
    form->addRow(BundleTr::tr("Description:"), label(info.description));
    form->addRow(BundleTr::tr("Entry module:"), label(info.entry));
    form->addRow(BundleTr::tr("Created:"), label(info.created));
    form->addRow(BundleTr::tr("NANO version:"), label(info.nanoVersion));
    form->addRow(BundleTr::tr("Network permissions:"),
                 label(info.netPermissions.isEmpty()
                           ? BundleTr::tr("none")
                           : info.netPermissions.join(QLatin1Char('\n'))));
    m_files = new QTreeWidget;
    m_files->setHeaderLabels({BundleTr::tr("File"), BundleTr::tr("Size"), BundleTr::tr("SHA-256")});
    m_files->setRootIsDecorated(false);
    for (const BundleFileInfo& file : info.files)
        new QTreeWidgetItem(m_files, {file.path, QLocale().formattedDataSize(file.size),
                                      file.sha256.left(16) + QStringLiteral("\u2026")});
    m_files->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    auto* verified = new QLabel(BundleTr::tr("Every file's size and SHA-256 match the manifest."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton* run =
        buttons->addButton(BundleTr::tr("&Run Bundle"), QDialogButtonBox::ActionRole);
    connect(run, &QPushButton::clicked, this, [this] {
        emit runRequested();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_files, 1);
    layout->addWidget(verified);
    layout->addWidget(buttons);
    resize(600, 440);
}

} // namespace nano::ui
