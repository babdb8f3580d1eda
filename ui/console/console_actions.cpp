// ConsoleDock: runs (clear on run, separators) and the context menu's actions.

#include "console_dock.h"

#include "console/console_delegate.h"
#include "console/console_filter.h"
#include "console/console_model.h"
#include "console/console_tr.h"
#include "engine/controller.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTreeView>

namespace nano::ui {

void ConsoleDock::createActions()
{
    const struct {
        const char* name;
        QString text;
        void (ConsoleDock::*slot)();
        bool separatorBefore;
    } actions[] = {
        {"consoleCopyAction", ConsoleTr::tr("&Copy"), &ConsoleDock::copySelection, false},
        {"consoleCopyJsonAction", ConsoleTr::tr("Copy as &JSON"), &ConsoleDock::copyAsJson, false},
        {"consoleCopyAllAction", ConsoleTr::tr("Copy &All"), &ConsoleDock::copyAll, true},
        {"consoleSaveAction", ConsoleTr::tr("&Save Console Output\u2026"),
         &ConsoleDock::saveOutputAs, false},
        {"consoleClearAction", ConsoleTr::tr("C&lear Console"), &ConsoleDock::clear, true},
        {"consoleStoreGlobalAction", ConsoleTr::tr("Store as &Global Variable"),
         &ConsoleDock::storeAsGlobal, true},
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
    }
    QAction* copy = action(QStringLiteral("consoleCopyAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConsoleDock::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConsoleDock::updateActions);
    updateActions();
}

QAction* ConsoleDock::action(const QString& objectName) const
{
    return m_view->findChild<QAction*>(objectName, Qt::FindDirectChildrenOnly);
}

// Copy as JSON and Store as global variable need a logged object and the engine.
void ConsoleDock::updateActions()
{
    const QModelIndex current = m_view->currentIndex();
    const bool logged = m_controller && current.isValid() &&
                        current.data(ConsoleModel::LoggedIdRole).toULongLong() != 0 &&
                        current.data(ConsoleModel::LoggedArgRole).toInt() >= 0;
    action(QStringLiteral("consoleCopyJsonAction"))->setEnabled(logged);
    action(QStringLiteral("consoleStoreGlobalAction"))->setEnabled(logged);
}

void ConsoleDock::setController(Controller* controller)
{
    if (m_controller) disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    if (m_controller)
        connect(m_controller, &Controller::loggedValueJson, this, &ConsoleDock::onLoggedValueJson);
    updateActions();
}

void ConsoleDock::beginRun(quint64 runId, const QString& name)
{
    m_runId = runId;
    if (m_clearOnRun->isChecked()) {
        clear();
        return;
    }
    ConsoleMessage separator;
    separator.kind = ConsoleMessage::Kind::RunStart;
    separator.level = ConsoleMessage::Level::Info;
    separator.runId = runId;
    separator.timestampMs = QDateTime::currentMSecsSinceEpoch();
    const QString time =
        QDateTime::fromMSecsSinceEpoch(separator.timestampMs).toString(QStringLiteral("HH:mm:ss"));
    separator.text = name.isEmpty()
                         ? ConsoleTr::tr("Run %1 \u00b7 %2").arg(runId).arg(time)
                         : ConsoleTr::tr("Run %1 \u00b7 %2 \u00b7 %3").arg(runId).arg(name, time);
    appendMessages({separator});
}

void ConsoleDock::appendText(const QModelIndex& parent, QStringList& texts) const
{
    const int rows = m_filter->rowCount(parent);
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_filter->index(row, 0, parent);
        if (!index.data(ConsoleModel::IsMessageRole).toBool()) continue;
        texts << index.data(ConsoleModel::FullTextRole).toString();
        const auto kind = ConsoleMessage::Kind(index.data(ConsoleModel::KindRole).toInt());
        if (kind == ConsoleMessage::Kind::Group || kind == ConsoleMessage::Kind::GroupCollapsed)
            appendText(index, texts); // its members (a value's entries are in its text)
    }
}

QString ConsoleDock::allText() const
{
    QStringList texts;
    appendText(QModelIndex(), texts);
    return texts.join(u'\n');
}

void ConsoleDock::copyAll()
{
    QGuiApplication::clipboard()->setText(allText());
}

bool ConsoleDock::saveOutput(const QString& path)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        file.write((allText() + u'\n').toUtf8());
        if (file.commit()) return true;
    }
    warn(ConsoleTr::tr("Could not save the console output to %1: %2")
             .arg(QDir::toNativeSeparators(path), file.errorString()));
    return false;
}

void ConsoleDock::saveOutputAs()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString name =
        QStringLiteral("console-%1.txt")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    const QString path = QFileDialog::getSaveFileName(
        this, ConsoleTr::tr("Save Console Output"), QDir(folder).filePath(name),
        ConsoleTr::tr("Text files (*.txt);;All files (*)"));
    if (!path.isEmpty()) saveOutput(path);
}

void ConsoleDock::copyAsJson()
{
    const QModelIndex current = m_view->currentIndex();
    const quint64 id = current.data(ConsoleModel::LoggedIdRole).toULongLong();
    const int arg = current.data(ConsoleModel::LoggedArgRole).toInt();
    if (!m_controller || id == 0 || arg < 0) return;
    m_jsonRequests.insert(m_controller->loggedValueAsJson(id, arg));
}

void ConsoleDock::onLoggedValueJson(quint64 id, const QString& text, bool ok)
{
    if (!m_jsonRequests.remove(id)) return;
    if (ok)
        QGuiApplication::clipboard()->setText(text);
    else
        warn(ConsoleTr::tr("Copy as JSON: %1").arg(text));
}

// The answer ("temp1", or why not) comes as the Controller's evaluated(), shown like a REPL
// line's result.
void ConsoleDock::storeAsGlobal()
{
    const QModelIndex current = m_view->currentIndex();
    const quint64 id = current.data(ConsoleModel::LoggedIdRole).toULongLong();
    const int arg = current.data(ConsoleModel::LoggedArgRole).toInt();
    if (!m_controller || id == 0 || arg < 0) return;
    m_controller->storeAsGlobal(id, arg);
}

void ConsoleDock::warn(const QString& text)
{
    ConsoleMessage message;
    message.level = ConsoleMessage::Level::Warn;
    message.kind = ConsoleMessage::Kind::Warning;
    message.text = text;
    message.runId = m_runId;
    message.timestampMs = QDateTime::currentMSecsSinceEpoch();
    appendMessages({message});
}

} // namespace nano::ui
