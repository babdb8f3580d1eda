#include "bundle/bundle_actions.h"

#include "bundle/bundle_info_dialog.h"
#include "bundle/bundle_tr.h"
#include "bundle/export_bundle_dialog.h"
#include "bundle/permission_prompt.h"
#include "common/settings_keys.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "engine/controller.h"
#include "engine/inspect/fetch_record.h"
#include "main_window.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QUrl>

namespace nano::ui {

namespace {

// The serialized origin of an http(s) URL; empty for other schemes.
QString originOf(const QString& url)
{
    const QUrl parsed(url);
    const QString scheme = parsed.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) return {};
    QString origin = scheme + QStringLiteral("://") + parsed.host(QUrl::FullyEncoded);
    const int defaultPort = scheme == QLatin1String("http") ? 80 : 443;
    if (parsed.port() != -1 && parsed.port() != defaultPort)
        origin += QLatin1Char(':') + QString::number(parsed.port());
    return origin;
}

QString settingsKey(const QString& key)
{
    return settings::GrantedOriginsPrefix +
           QString::fromLatin1(key.toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

} // namespace

BundleActions::BundleActions(MainWindow* window, BundleService* service, bool useSettings)
    : QObject(window)
    , m_window(window)
    , m_service(service)
    , m_useSettings(useSettings)
{
    m_export = new QAction(BundleTr::tr("E&xport Bundle\u2026"), this);
    m_export->setObjectName(QStringLiteral("exportBundleAction"));
    connect(m_export, &QAction::triggered, this, &BundleActions::exportBundleDialog);
    m_open = new QAction(BundleTr::tr("Open &Bundle\u2026"), this);
    m_open->setObjectName(QStringLiteral("openBundleAction"));
    connect(m_open, &QAction::triggered, this, &BundleActions::openBundleDialog);
    m_run = new QAction(BundleTr::tr("Run B&undle"), this);
    m_run->setObjectName(QStringLiteral("runBundleAction"));
    m_run->setEnabled(false);
    connect(m_run, &QAction::triggered, this, &BundleActions::runBundle);
    m_promptEditor = new QAction(BundleTr::tr("&Ask Before Editor Scripts Connect"), this);
    m_promptEditor->setObjectName(QStringLiteral("promptEditorScriptsAction"));
    m_promptEditor->setCheckable(true);
    m_promptEditor->setChecked(useSettings &&
                               QSettings().value(settings::PromptEditorScripts, false).toBool());
    connect(m_promptEditor, &QAction::toggled, this, [this](bool on) {
        if (m_useSettings) QSettings().setValue(settings::PromptEditorScripts, on);
    });

    // File: after Save/Save As/Close Tab, before the separator above Quit.
    QMenu* file = window->fileMenu();
    QAction* beforeQuit =
        file->actions().size() >= 2 ? file->actions().at(file->actions().size() - 2) : nullptr;
    file->insertSeparator(beforeQuit);
    file->insertActions(beforeQuit, {m_open, m_export, m_run});
    QMenu* run = window->runMenu();
    run->addSeparator();
    run->addAction(m_run);
    run->addAction(m_promptEditor);

    Controller* controller = window->controller();
    m_controller = controller;
    controller->subscribeInspector(fetchTrafficKind());
    connect(controller, &Controller::inspectorEvents, this, &BundleActions::onInspectorEvents);
    connect(controller, &Controller::permissionRequested, this,
            &BundleActions::onPermissionRequested);
    connect(controller, &Controller::runFinished, this, [this](const RunResult& result) {
        // Questions of a finished run have no one waiting any more.
        for (PermissionPrompt* prompt : prompts())
            if (prompt->property("runId").toULongLong() == result.runId) prompt->close();
    });
    window->setRunRequestFilter([this](RunRequest& request) { applyEditorPolicy(request); });
}

BundleActions::~BundleActions()
{
    // As the window's child this goes after its Controller (an earlier child): then there is
    // nothing to unsubscribe from.
    if (m_controller) m_controller->unsubscribeInspector(fetchTrafficKind());
}

QList<PermissionPrompt*> BundleActions::prompts() const
{
    return m_window->findChildren<PermissionPrompt*>();
}

void BundleActions::applyEditorPolicy(RunRequest& request)
{
    if (!m_promptEditor->isChecked()) return;
    const QString key = QStringLiteral("script:") + request.sourceName;
    request.network.restricted = true;
    request.network.prompt = true;
    request.network.allowedOrigins = rememberedOrigins(key);
    request.network.grantFlag =
        QStringLiteral("Once or Always in the workbench's permission prompt");
    // The run id is known once the run starts: the next runStarted belongs to this request.
    auto* once = new QMetaObject::Connection;
    *once = connect(m_window->controller(), &Controller::runStarted, this,
                    [this, key, once](quint64 runId) {
                        m_runKeys.insert(runId, key);
                        disconnect(*once);
                        delete once;
                    });
}

QStringList BundleActions::rememberedOrigins(const QString& key) const
{
    QStringList origins = m_granted.value(key);
    if (m_useSettings)
        for (const QString& origin : QSettings().value(settingsKey(key)).toStringList())
            if (!origins.contains(origin)) origins.append(origin);
    return origins;
}

void BundleActions::remember(const QString& key, const QString& origin)
{
    QStringList& origins = m_granted[key];
    if (!origins.contains(origin)) origins.append(origin);
    if (m_useSettings) QSettings().setValue(settingsKey(key), rememberedOrigins(key));
}

void BundleActions::onInspectorEvents(const InspectorBatch& batch)
{
    for (const InspectorEvent& event : batch.events) {
        if (event.kind != fetchTrafficKind()) continue;
        if (event.runId != m_originsRun) {
            // A new run: the previous one's origins are "the last run's".
            if (!m_currentOrigins.isEmpty()) m_lastOrigins = m_currentOrigins;
            m_currentOrigins.clear();
            m_originsRun = event.runId;
        }
        for (const FetchRecord& record : event.value.value<FetchRecords>()) {
            QStringList urls{record.url};
            for (const FetchRecord::RedirectHop& hop : record.redirects)
                urls.append(hop.url);
            for (const QString& url : urls) {
                const QString origin = originOf(url);
                if (!origin.isEmpty() && !m_currentOrigins.contains(origin))
                    m_currentOrigins.append(origin);
            }
        }
        m_lastOrigins = m_currentOrigins;
    }
}

void BundleActions::onPermissionRequested(quint64 runId, quint64 questionId, const QString& origin)
{
    const QString key = m_runKeys.value(runId);
    const bool forBundle = key.startsWith(QLatin1String("bundle:"));
    const QString name = QFileInfo(key.mid(key.indexOf(QLatin1Char(':')) + 1)).fileName();
    auto* prompt = new PermissionPrompt(origin, name.isEmpty() ? BundleTr::tr("The script") : name,
                                        forBundle, m_window);
    prompt->setProperty("runId", runId);
    connect(prompt, &PermissionPrompt::answered, this,
            [this, runId, questionId, origin, key](PermissionAnswer answer) {
                if (answer == PermissionAnswer::Always && !key.isEmpty()) remember(key, origin);
                m_window->controller()->answerPermission(runId, questionId, answer);
            });
    prompt->show();
    prompt->raise();
    prompt->activateWindow();
}

void BundleActions::exportBundleDialog()
{
    CodeEditor* editor = m_window->editors()->current();
    QString entry = editor ? editor->filePath() : QString();
    if (editor && entry.isEmpty()) {
        QMessageBox::information(m_window, BundleTr::tr("Export Bundle"),
                                 BundleTr::tr("Save the script first: a bundle is made from the "
                                              "saved entry module and the files it imports."));
        return;
    }
    if (editor && editor->isModified() && !m_window->editors()->save(editor)) return;
    ExportBundleDialog dialog(*m_service, entry, m_lastOrigins, m_window);
    if (dialog.exec() == QDialog::Accepted)
        m_window->statusBar()->showMessage(
            BundleTr::tr("Exported %1").arg(dialog.request().outputPath), 5000);
}

void BundleActions::openBundleDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(m_window, BundleTr::tr("Open Bundle"), QString(),
                                     BundleTr::tr("NANO bundles (*.nanobundle);;All files (*)"));
    if (!path.isEmpty()) openBundle(path);
}

bool BundleActions::openBundle(const QString& path, bool showManifest)
{
    QString error;
    std::optional<BundleInfo> info = m_service->open(path, &error);
    if (!info) {
        QMessageBox::warning(
            m_window, BundleTr::tr("Open Bundle"),
            BundleTr::tr("The bundle was refused; nothing of it ran.\n\n%1").arg(error));
        return false;
    }
    m_bundle = std::move(info);
    m_run->setEnabled(true);
    const QString displayName = QFileInfo(path).fileName();
    // Its modules, read-only: what runs is the archive, not an edited copy.
    m_window->editors()->closePristineBuffer();
    CodeEditor* entry = nullptr;
    for (const BundleFileInfo& file : m_bundle->files) {
        const bool module = file.path.endsWith(QLatin1String(".js")) ||
                            file.path.endsWith(QLatin1String(".mjs")) ||
                            file.path.endsWith(QLatin1String(".json"));
        if (!module) continue;
        CodeEditor* editor =
            m_window->editors()->newBuffer(QString::fromUtf8(m_bundle->contents.value(file.path)),
                                           displayName + QStringLiteral("!/") + file.path);
        editor->setReadOnly(true);
        editor->setModified(false);
        if (file.path == m_bundle->entry) entry = editor;
    }
    if (entry) m_window->editors()->setCurrentWidget(entry);
    if (showManifest) {
        auto* dialog = new BundleInfoDialog(*m_bundle, m_window);
        connect(dialog, &BundleInfoDialog::runRequested, this, &BundleActions::runBundle);
        dialog->show();
    }
    return true;
}

bool BundleActions::runBundle()
{
    if (!m_bundle) return false;
    const QString key = QStringLiteral("bundle:") + m_bundle->filePath;
    RunRequest request;
    request.bundle.displayName = QFileInfo(m_bundle->filePath).fileName();
    request.bundle.entry = m_bundle->entry;
    request.bundle.files = m_bundle->contents;
    request.network.restricted = true;
    request.network.prompt = true;
    request.network.allowedOrigins = m_bundle->netPermissions;
    for (const QString& origin : rememberedOrigins(key))
        if (!request.network.allowedOrigins.contains(origin))
            request.network.allowedOrigins.append(origin);
    request.network.grantFlag =
        QStringLiteral("Once or Always in the workbench's permission prompt");
    const quint64 runId = m_window->runRequest(request, request.bundle.displayName);
    m_runKeys.insert(runId, key);
    return true;
}

} // namespace nano::ui
