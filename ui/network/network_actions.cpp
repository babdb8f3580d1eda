// NetworkDock: the context menu's and toolbar's actions (copy, save, resend, HAR files).

#include "network/network_dock.h"

#include "common/icons.h"
#include "engine/controller.h"
#include "engine/inspect/har.h"
#include "network/network_model.h"
#include "network/network_tr.h"
#include "network/request_code.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QUrl>

namespace nano::ui {

void NetworkDock::createActions()
{
    const struct {
        const char* name;
        QString text;
        void (NetworkDock::*slot)();
        bool separatorBefore;
    } actions[] = {
        {"networkCopyUrlAction", NetworkTr::tr("Copy &URL"), &NetworkDock::copyUrl, false},
        {"networkCopyCurlAction", NetworkTr::tr("Copy as c&URL"), &NetworkDock::copyAsCurl, false},
        {"networkCopyFetchAction", NetworkTr::tr("Copy as &fetch"), &NetworkDock::copyAsFetch,
         false},
        {"networkCopyResponseAction", NetworkTr::tr("Copy &Response"), &NetworkDock::copyResponse,
         false},
        {"networkSaveBodyAction", NetworkTr::tr("&Save Response Body\u2026"),
         &NetworkDock::saveResponseBody, false},
        {"networkResendAction", NetworkTr::tr("Re&send"), &NetworkDock::resend, true},
        {"networkExportAction", NetworkTr::tr("&Export HAR\u2026"), &NetworkDock::exportAll, true},
        {"networkExportSelectedAction", NetworkTr::tr("Export Selected as &HAR\u2026"),
         &NetworkDock::exportSelected, false},
        {"networkImportAction", NetworkTr::tr("&Import HAR\u2026"), &NetworkDock::importFile,
         false},
        {"networkClearAction", NetworkTr::tr("&Clear"), &NetworkDock::clear, true},
    };
    for (const auto& entry : actions) {
        if (entry.separatorBefore) {
            auto* separator = new QAction(m_view);
            separator->setSeparator(true);
            m_view->addAction(separator);
        }
        auto* action = new QAction(entry.text, m_view);
        action->setObjectName(QLatin1String(entry.name));
        connect(action, &QAction::triggered, this, entry.slot);
        m_view->addAction(action);
        // The toolbar's buttons for the actions that need no row.
        if (auto* button =
                findChild<QToolButton*>(QLatin1String(entry.name) + QStringLiteral("Button")))
            button->setDefaultAction(action);
    }
    action(QStringLiteral("networkClearAction"))->setIcon(icons::clear());
    // Theme icons where the desktop has them, in the HAR menu beside the actions' text.
    action(QStringLiteral("networkImportAction"))
        ->setIcon(QIcon::fromTheme(QStringLiteral("document-import"),
                                   QIcon::fromTheme(QStringLiteral("document-open"))));
    action(QStringLiteral("networkExportAction"))
        ->setIcon(QIcon::fromTheme(QStringLiteral("document-export"),
                                   QIcon::fromTheme(QStringLiteral("document-save"))));
    if (auto* har = findChild<QToolButton*>(QStringLiteral("networkHarButton"))) {
        auto* menu = new QMenu(har);
        menu->addAction(action(QStringLiteral("networkImportAction")));
        menu->addAction(action(QStringLiteral("networkExportAction")));
        menu->addAction(action(QStringLiteral("networkExportSelectedAction")));
        har->setMenu(menu);
        har->setToolTip(NetworkTr::tr("Import or export HAR files"));
    }
    QAction* copy = action(QStringLiteral("networkCopyUrlAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NetworkDock::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &NetworkDock::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &NetworkDock::updateActions);
    updateActions();
}

QAction* NetworkDock::action(const QString& objectName) const
{
    return m_view->findChild<QAction*>(objectName);
}

void NetworkDock::updateActions()
{
    const bool current = m_view->currentIndex().isValid();
    for (const char* name :
         {"networkCopyUrlAction", "networkCopyCurlAction", "networkCopyFetchAction",
          "networkCopyResponseAction", "networkSaveBodyAction"}) {
        if (QAction* a = action(QLatin1String(name))) a->setEnabled(current);
    }
    if (QAction* a = action(QStringLiteral("networkResendAction")))
        a->setEnabled(current && m_controller);
    if (QAction* a = action(QStringLiteral("networkExportSelectedAction")))
        a->setEnabled(m_view->selectionModel()->hasSelection());
    if (QAction* a = action(QStringLiteral("networkExportAction")))
        a->setEnabled(m_model->rowCount() > 0);
}

void NetworkDock::copyUrl()
{
    FetchRecord record;
    if (currentRecord(&record)) QGuiApplication::clipboard()->setText(record.url);
}

void NetworkDock::copyAsCurl()
{
    FetchRecord record;
    if (currentRecord(&record))
        QGuiApplication::clipboard()->setText(requestcode::curlCommand(record));
}

void NetworkDock::copyAsFetch()
{
    FetchRecord record;
    if (currentRecord(&record))
        QGuiApplication::clipboard()->setText(requestcode::fetchCode(record));
}

void NetworkDock::copyResponse()
{
    FetchRecord record;
    if (!currentRecord(&record)) return;
    if (record.responseBody.kept == FetchRecord::BodyPreview::Kept::None &&
        record.responseBodySize > 0) {
        warn(NetworkTr::tr("The response body of %1 was not kept.").arg(record.url));
        return;
    }
    QGuiApplication::clipboard()->setText(QString::fromUtf8(record.responseBody.bytes));
}

void NetworkDock::saveResponseBody()
{
    FetchRecord record;
    if (!currentRecord(&record)) return;
    if (record.responseBody.kept == FetchRecord::BodyPreview::Kept::None &&
        record.responseBodySize > 0) {
        warn(NetworkTr::tr("The response body of %1 was not kept.").arg(record.url));
        return;
    }
    QString name = QUrl(record.url).fileName();
    if (name.isEmpty()) name = QStringLiteral("response");
    const QString path = QFileDialog::getSaveFileName(
        this, NetworkTr::tr("Save Response Body"),
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(name));
    if (path.isEmpty()) return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(record.responseBody.bytes) < 0 ||
        !file.commit()) {
        warn(NetworkTr::tr("Could not save %1: %2").arg(path, file.errorString()));
        return;
    }
    if (record.responseBody.kept == FetchRecord::BodyPreview::Kept::Head)
        warn(NetworkTr::tr("Saved the first %1 of the body: the rest was not kept.")
                 .arg(formatSize(record.responseBody.bytes.size())));
}

void NetworkDock::resend()
{
    FetchRecord record;
    if (!currentRecord(&record) || !m_controller) return;
    // The body is read to its end, so the new row shows the whole exchange.
    QString code = requestcode::fetchCode(record);
    code.chop(1); // the statement's ';'
    emit resendRequested(code + QStringLiteral(".then((r) => r.arrayBuffer()).catch(() => {}), "
                                               "undefined;"));
}

bool NetworkDock::exportHar(const QString& path, const FetchRecords& records, QString* error) const
{
    // Ids are unique within a run; the rows of several runs (Preserve log) are numbered anew
    // so that the reader groups each record's hops apart.
    FetchRecords numbered = records;
    for (int i = 0; i < numbered.size(); ++i)
        numbered[i].id = quint64(i + 1);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(har::writeHar(numbered)) < 0 ||
        !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

bool NetworkDock::importHar(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    FetchRecords records;
    if (!har::readHar(file.readAll(), &records, error)) return false;
    if (!m_preserve->isChecked()) m_model->clear();
    m_model->addImported(records);
    return true;
}

static QString harDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void NetworkDock::exportAll()
{
    const QString path =
        QFileDialog::getSaveFileName(this, NetworkTr::tr("Export HAR"),
                                     QDir(harDirectory()).filePath(QStringLiteral("network.har")),
                                     NetworkTr::tr("HAR files (*.har);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !exportHar(path, allRecords(), &error))
        warn(NetworkTr::tr("Could not export %1: %2").arg(path, error));
}

void NetworkDock::exportSelected()
{
    const QString path =
        QFileDialog::getSaveFileName(this, NetworkTr::tr("Export Selected as HAR"),
                                     QDir(harDirectory()).filePath(QStringLiteral("network.har")),
                                     NetworkTr::tr("HAR files (*.har);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !exportHar(path, selectedRecords(), &error))
        warn(NetworkTr::tr("Could not export %1: %2").arg(path, error));
}

void NetworkDock::importFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, NetworkTr::tr("Import HAR"), harDirectory(),
                                     NetworkTr::tr("HAR files (*.har);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !importHar(path, &error))
        warn(NetworkTr::tr("Could not import %1: %2").arg(path, error));
}

void NetworkDock::warn(const QString& text)
{
    auto* box = new QMessageBox(QMessageBox::Warning, NetworkTr::tr("Network"), text,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace nano::ui
