#pragma once
// The workbench window: editor tabs in the centre, the inspectors in docks around them, the
// engine's Controller behind them. The UI thread never waits on the engine: every engine answer
// arrives as a queued, batched signal.
//
// Inspector docks. The console (bottom) and memory (right) docks are created in
// createInspectorDocks(). The later Network and Streams docks go there too, through
// addInspectorDock(), which puts them into the View menu and into the saved dock layout (by
// their objectName). Their models connect to the Controller's signals in connectEngine().

#include "engine/controller.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <functional>

class QAction;
class QLabel;
class QMenu;

namespace nano::ui {

class Autosave;
class CodeEditor;
class ConsoleDock;
class EditorTabs;
class FindBar;
class LocalTestServer;
class MemoryDock;
class StreamsDock;
class NetworkDock;

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        bool useSettings = true;       // restore and save geometry, layout, recent files...
        int autosaveIntervalMs = 3000; // 0 turns autosave off
        int heapSamplingMs = 250;
        QString autosaveRoot; // empty: Autosave::defaultRoot()
        int maxHeapMb = 0;    // the runs' heap limit; 0: V8's default
    };

    explicit MainWindow(const Options& options, QWidget* parent = nullptr);
    explicit MainWindow(QWidget* parent = nullptr)
        : MainWindow(Options(), parent)
    {}
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    Controller* controller() const { return m_controller; }
    EditorTabs* editors() const { return m_editors; }
    ConsoleDock* consoleDock() const { return m_console; }
    MemoryDock* memoryDock() const { return m_memory; }
    StreamsDock* streamsDock() const { return m_streams; }
    NetworkDock* networkDock() const { return m_network; }
    Autosave* autosave() const { return m_autosave; }
    QAction* runAction() const { return m_runAction; }
    QAction* runSelectionAction() const { return m_runSelectionAction; }
    QAction* stopAction() const { return m_stopAction; }
    FindBar* findBar() const { return m_findBar; }
    QMenu* examplesMenu() const { return m_examplesMenu; }
    QMenu* recentMenu() const { return m_recentMenu; }
    QMenu* viewMenu() const { return m_viewMenu; }
    // Run → Use the Local Test Server: runs get `nanojs serve-test`'s URL as their location.
    QAction* testServerAction() const { return m_testServerAction; }
    LocalTestServer* testServer() const { return m_testServer; }
    QMenu* fileMenu() const { return m_fileMenu; }
    QMenu* runMenu() const { return m_runMenu; }
    QString statusText() const;

    void openFiles(const QStringList& paths);
    // Offers to restore the unsaved buffers of sessions that ended without closing (a crash or
    // kill -9). With ask == false they are restored without asking. Returns how many were.
    int restoreAutosaved(bool ask = true);
    // Writes the unsaved buffers to the autosave directory now.
    void autosaveNow();
    // The process must end (V8 could not allocate): saves every unsaved buffer and leaves a
    // note, so that the next start restores them and says why. Called on the UI thread by
    // the fatal error hook (app/workbench/main.cpp).
    void prepareForFatalError(const QString& reason);
    // What the last start said about the previous session, if it ended by a fatal error.
    QString fatalErrorNotice() const { return m_fatalNotice; }
    // Starts a run that no editor buffer holds (a bundle, ui/bundle): the status bar, console
    // and memory dock follow it as they follow Run. Returns its id.
    quint64 runRequest(const RunRequest& request, const QString& displayName);
    // Called on the request of every run from an editor buffer before it starts (the network
    // policy of editor scripts, ui/bundle/bundle_actions.h).
    void setRunRequestFilter(std::function<void(RunRequest&)> filter)
    {
        m_requestFilter = std::move(filter);
    }
    // Adds an inspector dock (see the comment at the top of this file).
    void addInspectorDock(QDockWidget* dock, Qt::DockWidgetArea area);

public slots:
    void runCurrent();
    void runSelection();
    void stop();

signals:
    void runningChanged(bool running);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    struct RunInfo {
        QPointer<CodeEditor> editor;
        int lineOffset = 0; // where a run selection started in the buffer (0-based lines)
    };

    void createActions();
    void createMenus();
    void createInspectorDocks();
    void createTestServer();
    void connectEngine();
    void connectConsole();
    void startRun(CodeEditor* editor, const QString& source, int lineOffset);
    quint64 launch(const RunRequest& request, const RunInfo& info, const QString& displayName);
    void onRunFinished(const nano::RunResult& result);
    // An informational console line of the run `runId` (why it ended).
    void appendRunNote(quint64 runId, const QString& text);
    void markErrors(const nano::ConsoleMessages& messages);
    void onEvaluated(quint64 id, const QString& text, bool isError);
    void onReplSubmitted(const QString& code);
    void showLocation(const QString& sourceUrl, int line, int column);
    // The network dock: an initiator ("a.js:12") clicked, a request to send again.
    void showInitiator(const QString& scriptName, int line);
    void resendRequest(const QString& code);
    void updateRunState();
    void updateElapsed();
    void updateActions();
    void openFileDialog();
    void openExample(const QString& resource, const QString& name);
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    void setThemeMode(const QString& mode);
    void setLanguage(const QString& language);
    void setZoom(int zoom);
    void readSettings();
    // No saved layout yet: most of the screen, centred, with sizeable docks.
    void applyFirstStartLayout();
    void writeSettings();
    void showAbout();

    Options m_options;
    Controller* m_controller = nullptr;
    EditorTabs* m_editors = nullptr;
    FindBar* m_findBar = nullptr;
    ConsoleDock* m_console = nullptr;
    MemoryDock* m_memory = nullptr;
    StreamsDock* m_streams = nullptr;
    NetworkDock* m_network = nullptr;
    QSet<quint64> m_quietEvaluations; // evaluate() ids whose answer the console does not show
    Autosave* m_autosave = nullptr;
    QTimer m_autosaveTimer;
    bool m_autosavePending = false;

    struct PendingRun {
        QPointer<CodeEditor> editor;
        QString source;
        int lineOffset = 0;
    };
    LocalTestServer* m_testServer = nullptr;
    QAction* m_testServerAction = nullptr;
    PendingRun m_serverWait; // a run waiting for the test server's URL

    QHash<quint64, RunInfo> m_runs;
    quint64 m_activeRun = 0;
    QElapsedTimer m_runClock;
    QTimer m_elapsedTicker;
    QLabel* m_runStateLabel = nullptr;
    QLabel* m_elapsedLabel = nullptr;
    QString m_lastOutcome;

    QAction* m_runAction = nullptr;
    QAction* m_runSelectionAction = nullptr;
    QAction* m_stopAction = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_runMenu = nullptr;
    std::function<void(RunRequest&)> m_requestFilter;
    QMenu* m_examplesMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_docksMenu = nullptr;
    QStringList m_recentFiles;
    QString m_fatalNotice;
    QString m_themeMode;
    QString m_language;
};

} // namespace nano::ui
