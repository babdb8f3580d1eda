#pragma once
// The workbench's bundle features, kept out of MainWindow: File → Export Bundle… / Open
// Bundle… / Run Bundle, Run → Ask Before Editor Scripts Connect, and the permission prompt.
//
// - Export prefills the permissions with the origins the last run fetched (blocked ones too),
//   from the fetch traffic feed.
// - Open validates the whole bundle (BundleService::open), shows its manifest and opens its
//   modules read-only in tabs named "app.nanobundle!/lib/util.js".
// - Run Bundle runs the opened bundle from memory with its manifest's origins plus those
//   granted "Always for this bundle" (remembered in the settings, per bundle file).
// - Controller::permissionRequested shows a PermissionPrompt; its answer goes back with
//   Controller::answerPermission. The engine never waits on the UI: only the fetch waits.

#include "bundle/bundle_service.h"
#include "engine/inspect/inspector_event.h"
#include "engine/inspect/run_request.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <optional>

class QAction;

namespace nano {
class Controller;
}

namespace nano::ui {

class MainWindow;
class PermissionPrompt;

class BundleActions final : public QObject {
    Q_OBJECT
public:
    BundleActions(MainWindow* window, BundleService* service, bool useSettings);
    ~BundleActions() override;
    Q_DISABLE_COPY_MOVE(BundleActions)

    QAction* exportAction() const { return m_export; }
    QAction* openAction() const { return m_open; }
    QAction* runAction() const { return m_run; }
    QAction* promptEditorScriptsAction() const { return m_promptEditor; }

    // Opens (validates, shows, opens the modules of) the bundle at `path`; false with a
    // message box when it is refused. `showManifest` false: no dialog (double-click + --run).
    bool openBundle(const QString& path, bool showManifest = true);
    // Runs the opened bundle; false if none is open.
    bool runBundle();
    const std::optional<BundleInfo>& openedBundle() const { return m_bundle; }
    // The origins the last run fetched, in the order first seen.
    QStringList lastRunOrigins() const { return m_lastOrigins; }
    // The prompts on screen (for tests).
    QList<PermissionPrompt*> prompts() const;
    void exportBundleDialog();

private:
    void openBundleDialog();
    void onInspectorEvents(const nano::InspectorBatch& batch);
    void onPermissionRequested(quint64 runId, quint64 questionId, const QString& origin);
    void applyEditorPolicy(RunRequest& request);
    QStringList rememberedOrigins(const QString& key) const;
    void remember(const QString& key, const QString& origin);

    MainWindow* m_window;
    QPointer<Controller> m_controller;
    BundleService* m_service;
    bool m_useSettings;
    QAction* m_export = nullptr;
    QAction* m_open = nullptr;
    QAction* m_run = nullptr;
    QAction* m_promptEditor = nullptr;
    std::optional<BundleInfo> m_bundle;
    // What "Always" remembers, for the run it answers: a bundle file or an editor script.
    QHash<quint64, QString> m_runKeys;     // run id -> remembering key
    QHash<QString, QStringList> m_granted; // key -> origins (also in QSettings)
    quint64 m_originsRun = 0;
    QStringList m_currentOrigins;
    QStringList m_lastOrigins;
};

} // namespace nano::ui
