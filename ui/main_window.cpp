#include "main_window.h"

#include "common/autosave.h"
#include "common/icons.h"
#include "common/local_test_server.h"
#include "common/settings_keys.h"
#include "common/theme.h"
#include "common/translations.h"
#include "common/workbench_tr.h"
#include "console/console_dock.h"
#include "console/repl_line.h"
#include "editor/code_editor.h"
#include "editor/editor_tabs.h"
#include "editor/find_bar.h"
#include "memory/memory_dock.h"
#include "network/network_dock.h"
#include "streams/streams_dock.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>
#include <cstdio>
#include <utility>

namespace nano::ui {

namespace {

constexpr int MaxRecentFiles = 10;
// The first start's layout (see applyFirstStartLayout).
constexpr double FirstStartScreenShare = 0.85; // of the available screen, each way
constexpr double FirstStartConsoleShare = 0.4; // of the window's height
constexpr double FirstStartMemoryShare = 0.3;  // of the window's width

struct Example {
    const char* resource;
    const char* title;
    bool usesTestServer = false; // fetches from `nanojs serve-test` (see LocalTestServer)
};

// File → Open Example. Each runs offline: the fetch examples against the local test server,
// which opening one of them turns on (Run → Use the Local Test Server).
const Example Examples[] = {
    {"timers-and-microtasks.js",
     QT_TRANSLATE_NOOP("Nano::Workbench", "Timers and Microtask Order")},
    {"console-formatting.js", QT_TRANSLATE_NOOP("Nano::Workbench", "Console Formatting")},
    {"memory-growth.js", QT_TRANSLATE_NOOP("Nano::Workbench", "Memory Growth")},
    {"url-manipulation.js", QT_TRANSLATE_NOOP("Nano::Workbench", "URL Manipulation")},
    {"structured-clone.js", QT_TRANSLATE_NOOP("Nano::Workbench", "structuredClone")},
    {"webcrypto-sign-verify.js", QT_TRANSLATE_NOOP("Nano::Workbench", "WebCrypto Sign and Verify")},
    {"streams-tee-and-pipes.js",
     QT_TRANSLATE_NOOP("Nano::Workbench", "Streams: Tee, Pipes and Compression")},
    {"tee-slow-branch.js", QT_TRANSLATE_NOOP("Nano::Workbench", "Streams: Tee with a Slow Branch")},
    {"fetch-progress.js", QT_TRANSLATE_NOOP("Nano::Workbench", "Fetch with Progress"), true},
    {"concurrent-fetches.js", QT_TRANSLATE_NOOP("Nano::Workbench", "20 Concurrent Fetches"), true},
    {"compression-pipe.js",
     QT_TRANSLATE_NOOP("Nano::Workbench", "Pipe Chain through CompressionStream"), true},
    {"streamed-upload.js", QT_TRANSLATE_NOOP("Nano::Workbench", "Upload of a Streamed Body"), true},
};

// The line of an error report that says what happened ("Uncaught TypeError: ...",
// "Uncaught (in promise) 'text'"); the report's other lines are its location, the source line
// (which may contain "Error" too), the caret and the stack.
QString errorSummary(const QString& report)
{
    const QStringList lines = report.split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1String("Uncaught"))) return line.trimmed();
    }
    return lines.isEmpty() ? report : lines.last().trimmed();
}

QString formatSeconds(double ms)
{
    // In the UI's language ("8,02 s" in German), as the memory dock's numbers are.
    return WorkbenchTr::tr("%1 s").arg(QLocale().toString(ms / 1000.0, 'f', ms < 10000 ? 2 : 1));
}

} // namespace

MainWindow::MainWindow(const Options& options, QWidget* parent)
    : QMainWindow(parent)
    , m_options(options)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(WorkbenchTr::tr("NANO Workbench"));
    setWindowIcon(icons::application());
    setDockNestingEnabled(true);

    Controller::Options engine;
    engine.maxHeapMb = options.maxHeapMb;
    m_controller = new Controller(engine, this);
    m_editors = new EditorTabs(this);
    m_findBar = new FindBar([this] { return m_editors->current(); }, this);
    m_findBar->hide();
    auto* centre = new QWidget(this);
    auto* layout = new QVBoxLayout(centre);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editors, 1);
    layout->addWidget(m_findBar);
    setCentralWidget(centre);

    createActions();
    createTestServer();
    createInspectorDocks();
    createMenus();
    connectEngine();
    connectConsole();

    m_runStateLabel = new QLabel(this);
    m_elapsedLabel = new QLabel(this);
    statusBar()->addWidget(m_runStateLabel, 1);
    statusBar()->addPermanentWidget(m_elapsedLabel);
    m_elapsedTicker.setInterval(100);
    connect(&m_elapsedTicker, &QTimer::timeout, this, &MainWindow::updateElapsed);

    m_autosave = new Autosave(options.autosaveRoot, this);
    if (options.autosaveIntervalMs > 0) {
        m_autosaveTimer.setInterval(options.autosaveIntervalMs);
        connect(&m_autosaveTimer, &QTimer::timeout, this, [this] {
            if (m_autosavePending) autosaveNow();
        });
        m_autosaveTimer.start();
    }
    connect(m_editors, &EditorTabs::bufferModified, this, [this] {
        m_autosavePending = true;
        updateActions();
    });
    connect(m_editors, &EditorTabs::currentEditorChanged, this, &MainWindow::updateActions);
    connect(m_editors, &EditorTabs::fileOpened, this, &MainWindow::addRecentFile);
    connect(m_editors, &EditorTabs::fileSaved, this, &MainWindow::addRecentFile);

    if (m_options.useSettings)
        readSettings();
    else
        applyFirstStartLayout();
    if (m_editors->count() == 0) m_editors->newBuffer();
    updateRunState();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The Controller (a child) stops the engine thread in its destructor.
    m_controller->stop();
}

void MainWindow::createActions()
{
    // While a script runs the same action (toolbar, Run menu, F5, Ctrl+R) is "Restart": it
    // stops the run and starts the current buffer again, as RunJS re-runs on every change
    // (updateActions() sets the text).
    m_runAction = new QAction(icons::run(), WorkbenchTr::tr("&Run"), this);
    m_runAction->setObjectName(QStringLiteral("runAction"));
    m_runAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    connect(m_runAction, &QAction::triggered, this, &MainWindow::runCurrent);

    m_runSelectionAction = new QAction(WorkbenchTr::tr("Run &Selection"), this);
    m_runSelectionAction->setObjectName(QStringLiteral("runSelectionAction"));
    m_runSelectionAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_runSelectionAction, &QAction::triggered, this, &MainWindow::runSelection);

    m_stopAction = new QAction(icons::stop(), WorkbenchTr::tr("S&top"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setToolTip(WorkbenchTr::tr("Stop the running script (Shift+F5)"));
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stop);

    auto* toolbar = addToolBar(WorkbenchTr::tr("Run"));
    toolbar->setObjectName(QStringLiteral("RunToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_stopAction);
}

void MainWindow::createInspectorDocks()
{
    m_console = new ConsoleDock(this);
    addInspectorDock(m_console, Qt::BottomDockWidgetArea);
    m_memory = new MemoryDock(this);
    addInspectorDock(m_memory, Qt::RightDockWidgetArea);
    // The memory dock runs the full height (its chart and table need it); the console sits
    // under the editor.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    // The network dock beside the console, the streams tree a tab behind the memory dock (a
    // third column would not fit a 1000-pixel window): all of them fill as a run goes.
    m_network = new NetworkDock(this);
    addInspectorDock(m_network, Qt::BottomDockWidgetArea);
    splitDockWidget(m_console, m_network, Qt::Horizontal);
    m_streams = new StreamsDock(this);
    addInspectorDock(m_streams, Qt::RightDockWidgetArea);
    tabifyDockWidget(m_memory, m_streams);
    m_memory->raise();
}

void MainWindow::addInspectorDock(QDockWidget* dock, Qt::DockWidgetArea area)
{
    Q_ASSERT(!dock->objectName().isEmpty()); // saveState() keys the layout by it
    addDockWidget(area, dock);
    if (m_docksMenu) m_docksMenu->addAction(dock->toggleViewAction());
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(WorkbenchTr::tr("&File"));
    m_fileMenu->addAction(WorkbenchTr::tr("&New"), QKeySequence::New, this,
                          [this] { m_editors->newBuffer(); });
    m_fileMenu->addAction(WorkbenchTr::tr("&Open\u2026"), QKeySequence::Open, this,
                          &MainWindow::openFileDialog);
    m_examplesMenu = m_fileMenu->addMenu(WorkbenchTr::tr("Open &Example"));
    m_examplesMenu->setObjectName(QStringLiteral("examplesMenu"));
    for (const Example& example : Examples) {
        const QString resource = QString::fromLatin1(example.resource);
        const QString title = WorkbenchTr::tr(example.title);
        const bool server = example.usesTestServer;
        QAction* action = m_examplesMenu->addAction(title, this, [this, resource, server] {
            openExample(resource, resource);
            if (server) m_testServerAction->setChecked(true);
        });
        action->setData(resource);
    }
    m_recentMenu = m_fileMenu->addMenu(WorkbenchTr::tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(WorkbenchTr::tr("&Save"), QKeySequence::Save, this,
                          [this] { m_editors->save(m_editors->current()); });
    m_fileMenu->addAction(WorkbenchTr::tr("Save &As\u2026"), QKeySequence::SaveAs, this,
                          [this] { m_editors->saveAs(m_editors->current()); });
    m_fileMenu->addAction(WorkbenchTr::tr("&Close Tab"), QKeySequence::Close, this, [this] {
        if (m_editors->count() > 0) m_editors->closeBuffer(m_editors->currentIndex());
        if (m_editors->count() == 0) m_editors->newBuffer();
    });
    m_fileMenu->addSeparator();
    QAction* quit =
        m_fileMenu->addAction(WorkbenchTr::tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(WorkbenchTr::tr("&Edit"));
    edit->addAction(WorkbenchTr::tr("&Undo"), QKeySequence::Undo, this, [this] {
        if (CodeEditor* e = m_editors->current()) e->undo();
    });
    edit->addAction(WorkbenchTr::tr("&Redo"), QKeySequence::Redo, this, [this] {
        if (CodeEditor* e = m_editors->current()) e->redo();
    });
    edit->addSeparator();
    edit->addAction(WorkbenchTr::tr("Cu&t"), QKeySequence::Cut, this, [this] {
        if (CodeEditor* e = m_editors->current()) e->cut();
    });
    edit->addAction(WorkbenchTr::tr("&Copy"), QKeySequence::Copy, this, [this] {
        if (CodeEditor* e = m_editors->current()) e->copy();
    });
    edit->addAction(WorkbenchTr::tr("&Paste"), QKeySequence::Paste, this, [this] {
        if (CodeEditor* e = m_editors->current()) e->paste();
    });
    edit->addSeparator();
    edit->addAction(WorkbenchTr::tr("&Find and Replace\u2026"), QKeySequence::Find, m_findBar,
                    &FindBar::activate);
    edit->addAction(WorkbenchTr::tr("Find &Next"), QKeySequence::FindNext, this,
                    [this] { m_findBar->findNext(true); });
    edit->addAction(WorkbenchTr::tr("Find Pre&vious"), QKeySequence::FindPrevious, this,
                    [this] { m_findBar->findNext(false); });

    m_viewMenu = menuBar()->addMenu(WorkbenchTr::tr("&View"));
    m_viewMenu
        ->addAction(WorkbenchTr::tr("Zoom &In"), QKeySequence::ZoomIn, this,
                    [this] { setZoom(m_editors->zoom() + 1); })
        ->setObjectName(QStringLiteral("zoomInAction"));
    m_viewMenu
        ->addAction(WorkbenchTr::tr("Zoom &Out"), QKeySequence::ZoomOut, this,
                    [this] { setZoom(m_editors->zoom() - 1); })
        ->setObjectName(QStringLiteral("zoomOutAction"));
    m_viewMenu
        ->addAction(WorkbenchTr::tr("&Reset Zoom"), QKeySequence(Qt::CTRL | Qt::Key_0), this,
                    [this] { setZoom(0); })
        ->setObjectName(QStringLiteral("resetZoomAction"));
    m_viewMenu->addSeparator();
    QMenu* themes = m_viewMenu->addMenu(WorkbenchTr::tr("&Theme"));
    auto* themeGroup = new QActionGroup(this);
    const std::pair<QString, QString> themeChoices[] = {
        {QStringLiteral("system"), WorkbenchTr::tr("Follow the &System")},
        {QStringLiteral("light"), WorkbenchTr::tr("&Light")},
        {QStringLiteral("dark"), WorkbenchTr::tr("&Dark")},
    };
    for (const auto& [mode, label] : themeChoices) {
        QAction* action =
            themes->addAction(label, this, [this, mode = mode] { setThemeMode(mode); });
        action->setCheckable(true);
        action->setData(mode);
        action->setObjectName(QStringLiteral("theme-") + mode);
        themeGroup->addAction(action);
    }
    QMenu* languages = m_viewMenu->addMenu(WorkbenchTr::tr("&Language"));
    auto* languageGroup = new QActionGroup(this);
    const std::pair<QString, QString> languageChoices[] = {
        {QString(), WorkbenchTr::tr("Follow the &System")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("de"), QStringLiteral("Deutsch")},
    };
    for (const auto& [language, label] : languageChoices) {
        QAction* action = languages->addAction(
            label, this, [this, language = language] { setLanguage(language); });
        action->setCheckable(true);
        action->setData(language);
        languageGroup->addAction(action);
    }
    connect(themes, &QMenu::aboutToShow, this, [this, themeGroup] {
        for (QAction* action : themeGroup->actions())
            action->setChecked(action->data().toString() == m_themeMode);
    });
    connect(languages, &QMenu::aboutToShow, this, [this, languageGroup] {
        for (QAction* action : languageGroup->actions())
            action->setChecked(action->data().toString() == m_language);
    });
    m_viewMenu->addSeparator();
    m_docksMenu = m_viewMenu->addMenu(WorkbenchTr::tr("&Inspectors"));
    m_docksMenu->addAction(m_console->toggleViewAction());
    m_docksMenu->addAction(m_memory->toggleViewAction());
    m_docksMenu->addAction(m_network->toggleViewAction());
    m_docksMenu->addAction(m_streams->toggleViewAction());

    m_runMenu = menuBar()->addMenu(WorkbenchTr::tr("&Run"));
    QMenu* run = m_runMenu;
    run->addAction(m_runAction);
    run->addAction(m_runSelectionAction);
    run->addAction(m_stopAction);
    run->addSeparator();
    run->addAction(m_testServerAction);
    run->addSeparator();
    run->addAction(WorkbenchTr::tr("&Clear Console"), m_console, &ConsoleDock::clear);

    QMenu* help = menuBar()->addMenu(WorkbenchTr::tr("&Help"));
    QAction* about =
        help->addAction(WorkbenchTr::tr("&About NANO Workbench"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::connectEngine()
{
    // All of these are queued by the Controller: the engine thread never calls into widgets.
    connect(m_controller, &Controller::inspectorEvents, m_console, &ConsoleDock::appendEvents);
    connect(m_controller, &Controller::inspectorEvents, this,
            [this](const InspectorBatch& batch) { markErrors(batch.consoleMessages()); });
    connect(m_controller, &Controller::heapStatistics, m_memory, [this](const HeapStats& s) {
        if (s.runId == m_activeRun) m_memory->addSample(s);
    });
    connect(m_controller, &Controller::runFinished, this, &MainWindow::onRunFinished);
    connect(m_controller, &Controller::evaluated, this, &MainWindow::onEvaluated);
    connect(m_controller, &Controller::heapSnapshotSaved, m_memory,
            &MemoryDock::showSnapshotResult);
    connect(m_memory, &MemoryDock::collectGarbageRequested, m_controller,
            &Controller::collectGarbage);
    connect(m_memory, &MemoryDock::saveSnapshotRequested, m_controller,
            &Controller::saveHeapSnapshot);
    connect(m_console, &ConsoleDock::locationActivated, this, &MainWindow::showLocation);
    m_streams->setController(m_controller);
    connect(m_controller, &Controller::inspectorEvents, m_streams, &StreamsDock::appendEvents);
    connect(m_streams, &StreamsDock::locationActivated, this, &MainWindow::showLocation);
    connect(m_console, &ConsoleDock::replSubmitted, this, &MainWindow::onReplSubmitted);
    m_network->setController(m_controller);
    connect(m_controller, &Controller::inspectorEvents, m_network, &NetworkDock::appendEvents);
    connect(m_controller, &Controller::runStarted, m_network, &NetworkDock::beginRun);
    connect(m_network, &NetworkDock::initiatorActivated, this, &MainWindow::showInitiator);
    connect(m_network, &NetworkDock::resendRequested, this, &MainWindow::resendRequest);
    m_controller->setHeapSamplingInterval(m_options.heapSamplingMs);
}

// The console's side of a run: its separator or clear (with the "Clear on run" setting kept in
// QSettings) and the engine behind Copy as JSON and Store as global variable.
void MainWindow::connectConsole()
{
    m_console->setController(m_controller);
    connect(m_controller, &Controller::runStarted, m_console, [this](quint64 runId) {
        const CodeEditor* editor = m_editors->current();
        m_console->beginRun(runId, editor ? editor->displayName() : QString());
    });
    if (!m_options.useSettings) return;
    QAction* clearOnRun = m_console->clearOnRunAction();
    clearOnRun->setChecked(QSettings().value(settings::ConsoleClearOnRun, true).toBool());
    connect(clearOnRun, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(settings::ConsoleClearOnRun, on); });
}

void MainWindow::runCurrent()
{
    if (CodeEditor* editor = m_editors->current()) startRun(editor, editor->text(), 0);
}

void MainWindow::runSelection()
{
    CodeEditor* editor = m_editors->current();
    if (!editor) return;
    if (!editor->hasSelectedText()) {
        runCurrent();
        return;
    }
    int lineFrom = 0, indexFrom = 0, lineTo = 0, indexTo = 0;
    editor->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
    // Keep columns right on the first line by padding with spaces.
    startRun(editor, QString(indexFrom, u' ') + editor->selectedText(), lineFrom);
}

void MainWindow::createTestServer()
{
    m_testServer = new LocalTestServer(QString(), this);
    m_testServerAction = new QAction(WorkbenchTr::tr("Use the Local &Test Server"), this);
    m_testServerAction->setObjectName(QStringLiteral("testServerAction"));
    m_testServerAction->setCheckable(true);
    m_testServerAction->setToolTip(
        WorkbenchTr::tr("Run scripts with `nanojs serve-test` as their location, so that relative "
                        "fetch() URLs reach it (started on the next run, stopped at exit)"));
    connect(m_testServerAction, &QAction::toggled, this, [this](bool on) {
        if (!on) m_testServer->stop();
    });
    connect(m_testServer, &LocalTestServer::ready, this, [this](const QUrl& url) {
        statusBar()->showMessage(WorkbenchTr::tr("Local test server at %1").arg(url.toString()),
                                 6000);
        const PendingRun pending = std::exchange(m_serverWait, PendingRun());
        if (pending.editor) startRun(pending.editor, pending.source, pending.lineOffset);
    });
    connect(m_testServer, &LocalTestServer::failed, this, [this](const QString& reason) {
        ConsoleMessage note;
        note.level = ConsoleMessage::Level::Warn;
        note.kind = ConsoleMessage::Kind::Warning;
        note.text = WorkbenchTr::tr("Local test server: %1").arg(reason);
        note.timestampMs = QDateTime::currentMSecsSinceEpoch();
        note.runId = m_activeRun;
        m_console->appendMessages({note});
        m_testServerAction->setChecked(false);
        // The run that waited goes ahead without it: its relative URLs then fail and say so.
        const PendingRun pending = std::exchange(m_serverWait, PendingRun());
        if (pending.editor) startRun(pending.editor, pending.source, pending.lineOffset);
    });
}

void MainWindow::startRun(CodeEditor* editor, const QString& source, int lineOffset)
{
    if (m_testServerAction->isChecked() && !m_testServer->isReady()) {
        // The run starts once the server printed its URL (a fraction of a second).
        m_serverWait = PendingRun{editor, source, lineOffset};
        m_testServer->start();
        return;
    }
    for (CodeEditor* e : m_editors->editors())
        e->clearErrors();
    RunRequest request;
    request.source = source;
    // A saved buffer runs under its file's path (its unsaved edits included), an untitled one
    // as untitled:<name>: stack traces then name what the user sees in the tabs.
    request.sourceName = editor->filePath().isEmpty() ? editor->sourceUrl() : editor->filePath();
    if (m_testServerAction->isChecked()) request.location = m_testServer->url().toString();
    if (m_requestFilter) m_requestFilter(request);
    autosaveNow(); // a run that exhausts the heap ends the process (see main.cpp)
    launch(request, RunInfo{editor, lineOffset}, editor->displayName());
}

quint64 MainWindow::runRequest(const RunRequest& request, const QString& displayName)
{
    for (CodeEditor* e : m_editors->editors())
        e->clearErrors();
    return launch(request, RunInfo{}, displayName);
}

quint64 MainWindow::launch(const RunRequest& request, const RunInfo& info,
                           const QString& displayName)
{
    // A restart: the console says why the run ended (its own runFinished comes after the new
    // run has begun, and a console that clears on run would drop the line anyway).
    if (m_controller->isRunning() && !m_console->clearOnRunAction()->isChecked())
        appendRunNote(m_activeRun, WorkbenchTr::tr("Run stopped: restarted after %1")
                                       .arg(formatSeconds(double(m_runClock.elapsed()))));
    m_memory->reset(displayName);
    m_activeRun = m_controller->run(request);
    m_streams->beginRun(m_activeRun);
    m_runs.insert(m_activeRun, info);
    m_runClock.start();
    m_elapsedTicker.start();
    m_lastOutcome.clear();
    updateRunState();
    updateActions();
    emit runningChanged(true);
    return m_activeRun;
}

void MainWindow::stop()
{
    m_serverWait = PendingRun(); // a run still waiting for the test server does not start
    m_controller->stop();
    QTimer::singleShot(0, this, &MainWindow::updateActions); // after the Controller's own step
}

void MainWindow::onRunFinished(const RunResult& result)
{
    const RunInfo info = m_runs.take(result.runId);
    using Status = RunResult::Status;
    switch (result.status) {
    case Status::Completed:
        m_lastOutcome = WorkbenchTr::tr("Finished in %1").arg(formatSeconds(result.elapsedMs));
        break;
    case Status::Exited:
        m_lastOutcome = WorkbenchTr::tr("Exited with code %1 after %2")
                            .arg(result.exitCode)
                            .arg(formatSeconds(result.elapsedMs));
        break;
    case Status::Stopped:
        m_lastOutcome = WorkbenchTr::tr("Stopped after %1").arg(formatSeconds(result.elapsedMs));
        break;
    case Status::TimedOut:
        m_lastOutcome = WorkbenchTr::tr("Timed out after %1").arg(formatSeconds(result.elapsedMs));
        break;
    case Status::Failed:
        m_lastOutcome = WorkbenchTr::tr("Failed after %1").arg(formatSeconds(result.elapsedMs));
        break;
    case Status::OutOfMemory:
        m_lastOutcome =
            WorkbenchTr::tr("Out of memory after %1").arg(formatSeconds(result.elapsedMs));
        break;
    }
    if (result.engineAbandoned) {
        ConsoleMessage stuck;
        stuck.level = ConsoleMessage::Level::Warn;
        stuck.kind = ConsoleMessage::Kind::Warning;
        stuck.text = WorkbenchTr::tr(
            "The script was inside one long built-in call that cannot be interrupted, so its "
            "engine was set aside (its memory is freed when that call returns). The next run "
            "and the console's input line start in a fresh context.");
        stuck.timestampMs = QDateTime::currentMSecsSinceEpoch();
        stuck.runId = result.runId;
        m_console->appendMessages({stuck});
    }
    // Stop pressed (a restart says so itself, see startRun): the output ends here on purpose.
    if (result.status == Status::Stopped && result.runId == m_activeRun)
        appendRunNote(result.runId, WorkbenchTr::tr("Run stopped by the user after %1")
                                        .arg(formatSeconds(result.elapsedMs)));
    // As node does, a run ends at an unhandled rejection: say so, or later output that never
    // came would puzzle.
    if (result.status == Status::Failed &&
        result.errorText.contains(QLatin1String("Uncaught (in promise)"))) {
        ConsoleMessage ended;
        ended.level = ConsoleMessage::Level::Info;
        ended.kind = ConsoleMessage::Kind::Warning;
        ended.sourceUrl = result.errorUrl;
        ended.line = result.errorLine;
        ended.column = result.errorColumn;
        const QString where = result.errorUrl.isEmpty()
                                  ? WorkbenchTr::tr("an unknown location")
                                  : QStringLiteral("%1:%2")
                                        .arg(QUrl(result.errorUrl).fileName().isEmpty()
                                                 ? result.errorUrl
                                                 : QUrl(result.errorUrl).fileName())
                                        .arg(result.errorLine);
        ended.text = WorkbenchTr::tr("Run ended: unhandled rejection at %1").arg(where);
        ended.timestampMs = QDateTime::currentMSecsSinceEpoch();
        ended.runId = result.runId;
        m_console->appendMessages({ended});
    }
    if (result.runId == m_activeRun) {
        m_memory->finishRun(result.status == Status::OutOfMemory);
        // The run's own time, as in the outcome, not the UI's clock (which also counts the
        // delivery of the last console batch).
        m_elapsedTicker.stop();
        m_runClock.invalidate();
        m_elapsedLabel->setText(formatSeconds(result.elapsedMs));
        emit runningChanged(false);
    }
    updateRunState();
    updateActions();
}

void MainWindow::appendRunNote(quint64 runId, const QString& text)
{
    ConsoleMessage note;
    note.level = ConsoleMessage::Level::Info;
    note.kind = ConsoleMessage::Kind::Warning;
    note.text = text;
    note.timestampMs = QDateTime::currentMSecsSinceEpoch();
    note.runId = runId;
    m_console->appendMessages({note});
}

// Every uncaught error and unhandled rejection of a run gets a marker on its line, its message
// as the annotation and a squiggle at its column, in the buffer it came from.
void MainWindow::markErrors(const ConsoleMessages& messages)
{
    for (const ConsoleMessage& message : messages) {
        if (message.kind != ConsoleMessage::Kind::Uncaught || message.line <= 0) continue;
        CodeEditor* editor = m_editors->editorForSourceUrl(message.sourceUrl);
        if (!editor) continue;
        const RunInfo info = m_runs.value(message.runId);
        const int offset = editor == info.editor ? info.lineOffset : 0;
        editor->showError(message.line + offset, errorSummary(message.text), message.column);
    }
}

void MainWindow::onReplSubmitted(const QString& code)
{
    ConsoleMessage echo;
    echo.level = ConsoleMessage::Level::Debug;
    echo.kind = ConsoleMessage::Kind::Console;
    echo.text = QStringLiteral("\u203a ") + code;
    echo.timestampMs = QDateTime::currentMSecsSinceEpoch();
    echo.runId = m_activeRun;
    m_console->appendMessages({echo});
    m_controller->evaluate(code);
    updateActions();
}

void MainWindow::onEvaluated(quint64 id, const QString& text, bool isError)
{
    // A resent request's own answer is its new row in the network dock.
    if (m_quietEvaluations.remove(id) && !isError) return;
    ConsoleMessage answer;
    answer.level = isError ? ConsoleMessage::Level::Error : ConsoleMessage::Level::Log;
    answer.kind = ConsoleMessage::Kind::Result;
    answer.text = text;
    answer.timestampMs = QDateTime::currentMSecsSinceEpoch();
    answer.runId = m_activeRun;
    m_console->appendMessages({answer});
    updateActions();
}

void MainWindow::showLocation(const QString& sourceUrl, int line, int column)
{
    const QUrl url(sourceUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : sourceUrl;
    CodeEditor* editor = m_editors->editorForSourceUrl(sourceUrl);
    if (!editor && QFileInfo::exists(path)) editor = m_editors->openFile(path);
    if (!editor) {
        statusBar()->showMessage(WorkbenchTr::tr("%1 is not open").arg(path), 4000);
        return;
    }
    int offset = 0;
    for (const RunInfo& info : std::as_const(m_runs)) {
        if (info.editor == editor) offset = info.lineOffset;
    }
    m_editors->setCurrentWidget(editor);
    editor->goTo(line + offset, column);
}

void MainWindow::showInitiator(const QString& scriptName, int line)
{
    // The engine names a script by its file name ("a.js") or its untitled name.
    for (CodeEditor* editor : m_editors->editors()) {
        if (editor->sourceUrl() == scriptName ||
            (!editor->filePath().isEmpty() &&
             QFileInfo(editor->filePath()).fileName() == scriptName)) {
            showLocation(editor->sourceUrl(), line, 0);
            return;
        }
    }
    showLocation(scriptName, line, 0);
}

void MainWindow::resendRequest(const QString& code)
{
    // In the last run's context, as a REPL line would: its row joins that run's log.
    if (m_controller->currentRunId() != 0) {
        m_quietEvaluations.insert(m_controller->evaluate(code));
        return;
    }
    RunRequest request;
    request.source = code;
    request.sourceName = QStringLiteral("resend.js");
    m_activeRun = m_controller->run(request);
    updateRunState();
    updateActions();
}

QString MainWindow::statusText() const
{
    return m_runStateLabel->text();
}

void MainWindow::updateRunState()
{
    if (m_controller->isRunning())
        m_runStateLabel->setText(WorkbenchTr::tr("Running\u2026"));
    else if (!m_lastOutcome.isEmpty())
        m_runStateLabel->setText(m_lastOutcome);
    else
        m_runStateLabel->setText(WorkbenchTr::tr("Ready"));
}

void MainWindow::updateElapsed()
{
    if (!m_runClock.isValid()) {
        m_elapsedLabel->clear();
        return;
    }
    m_elapsedLabel->setText(formatSeconds(double(m_runClock.elapsed())));
}

void MainWindow::updateActions()
{
    const bool running = m_controller->isRunning();
    // A busy REPL line (`while (true) {}` after the run) is stopped the same way.
    m_stopAction->setEnabled(running || m_controller->isEvaluating());
    m_runAction->setEnabled(m_editors->current() != nullptr);
    m_runAction->setText(running ? WorkbenchTr::tr("&Restart") : WorkbenchTr::tr("&Run"));
    m_runAction->setToolTip(
        running ? WorkbenchTr::tr("Stop the running script and run the current buffer again "
                                  "(F5, Ctrl+R)")
                : WorkbenchTr::tr("Run the current buffer (F5, Ctrl+R)"));
    m_runSelectionAction->setEnabled(m_editors->current() != nullptr);
    if (CodeEditor* editor = m_editors->current())
        setWindowTitle(QStringLiteral("%1[*] \u2014 %2")
                           .arg(editor->displayName(), WorkbenchTr::tr("NANO Workbench")));
    setWindowModified(m_editors->current() && m_editors->current()->isModified());
}

void MainWindow::autosaveNow()
{
    m_autosavePending = false;
    QVector<Autosave::Buffer> buffers;
    const QVector<CodeEditor*> editors = m_editors->editors();
    for (int i = 0; i < editors.size(); ++i) {
        CodeEditor* editor = editors.at(i);
        if (editor->isModified())
            buffers.append(
                {editor->bufferId(), editor->displayName(), editor->filePath(), editor->text(), i});
    }
    m_autosave->save(buffers);
}

void MainWindow::prepareForFatalError(const QString& reason)
{
    autosaveNow();
    m_autosave->writeFatalNote(reason);
}

int MainWindow::restoreAutosaved(bool ask)
{
    const QVector<Autosave::Buffer> buffers = m_autosave->takeOrphans();
    const QStringList fatal = m_autosave->orphanFatalReasons();
    if (!fatal.isEmpty()) {
        // Not a crash of ours: the script's heap. The work comes back without asking.
        m_fatalNotice = WorkbenchTr::tr("The last run exhausted the JavaScript heap and NANO "
                                        "Workbench had to close.") +
                        u' ' + WorkbenchTr::tr("Unsaved buffers restored: %1.").arg(buffers.size());
        std::fprintf(stderr, "nano-workbench: %s (%s)\n", qPrintable(m_fatalNotice),
                     qPrintable(fatal.first()));
        std::fflush(stderr);
        ConsoleMessage notice;
        notice.level = ConsoleMessage::Level::Warn;
        notice.kind = ConsoleMessage::Kind::Warning;
        notice.text = m_fatalNotice;
        notice.timestampMs = QDateTime::currentMSecsSinceEpoch();
        m_console->appendMessages({notice});
        if (isVisible()) {
            auto* box =
                new QMessageBox(QMessageBox::Warning, WorkbenchTr::tr("JavaScript heap exhausted"),
                                m_fatalNotice, QMessageBox::Ok, this);
            box->setInformativeText(
                WorkbenchTr::tr("A script used more memory than the heap limit allows, in a "
                                "single step too large to stop cleanly. Reduce what it keeps "
                                "alive, or raise the limit with --max-heap-mb."));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        ask = false;
    }
    if (buffers.isEmpty()) {
        m_autosave->discardOrphans();
        return 0;
    }
    if (ask) {
        QStringList names;
        for (const Autosave::Buffer& buffer : buffers)
            names.append(buffer.filePath.isEmpty() ? buffer.name : buffer.filePath);
        const auto answer = QMessageBox::question(
            this, WorkbenchTr::tr("Restore unsaved work"),
            WorkbenchTr::tr("NANO Workbench did not close normally last time. Restore the "
                            "unsaved buffers?\n\n%1")
                .arg(names.join(u'\n')),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            m_autosave->discardOrphans();
            return 0;
        }
    }
    m_editors->closePristineBuffer(); // makes way for the restored buffers
    for (const Autosave::Buffer& buffer : buffers) {
        CodeEditor* editor = m_editors->newBuffer(buffer.text, buffer.name);
        editor->setFilePath(buffer.filePath);
        editor->setModified(true);
    }
    m_autosave->discardOrphans();
    // The restored buffers are unsaved work of this session now.
    autosaveNow();
    return int(buffers.size());
}

void MainWindow::openFiles(const QStringList& paths)
{
    for (const QString& path : paths) {
        QString error;
        if (!m_editors->openFile(path, &error))
            QMessageBox::warning(this, WorkbenchTr::tr("Open failed"),
                                 WorkbenchTr::tr("Could not open %1: %2").arg(path, error));
    }
}

void MainWindow::openFileDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, WorkbenchTr::tr("Open"), QString(),
        WorkbenchTr::tr("JavaScript files (*.js *.mjs);;All files (*)"));
    openFiles(paths);
}

void MainWindow::openExample(const QString& resource, const QString& name)
{
    QFile file(QStringLiteral(":/examples/") + resource);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("MainWindow: example %s is missing from the resources", qPrintable(resource));
        return;
    }
    m_editors->closePristineBuffer();
    CodeEditor* editor = m_editors->newBuffer(QString::fromUtf8(file.readAll()), name);
    // An example is not the user's work until they change it.
    editor->setModified(false);
}

void MainWindow::addRecentFile(const QString& path)
{
    m_recentFiles.removeAll(path);
    m_recentFiles.prepend(path);
    while (m_recentFiles.size() > MaxRecentFiles)
        m_recentFiles.removeLast();
    rebuildRecentMenu();
    // Kept at once, not only on close: a crash must not lose the list.
    if (m_options.useSettings) QSettings().setValue(settings::RecentFiles, m_recentFiles);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString& path : std::as_const(m_recentFiles))
        m_recentMenu->addAction(path, this, [this, path] { openFiles({path}); });
    if (!m_recentFiles.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(WorkbenchTr::tr("Clear Recent Files"), this, [this] {
            m_recentFiles.clear();
            rebuildRecentMenu();
            if (m_options.useSettings) QSettings().setValue(settings::RecentFiles, m_recentFiles);
        });
    }
    m_recentMenu->setEnabled(!m_recentFiles.isEmpty());
}

void MainWindow::setThemeMode(const QString& mode)
{
    m_themeMode = mode;
    theme::apply(theme::modeFromString(mode));
    if (m_options.useSettings) QSettings().setValue(settings::Theme, mode);
}

void MainWindow::setLanguage(const QString& language)
{
    if (language == m_language) return;
    m_language = language;
    QSettings().setValue(settings::Language, language);
    statusBar()->showMessage(
        WorkbenchTr::tr("The language changes when NANO Workbench starts again."), 6000);
}

void MainWindow::setZoom(int zoom)
{
    m_editors->setZoom(zoom);
}

void MainWindow::readSettings()
{
    QSettings s;
    // The user's layout once there is one; the first start's until then.
    const bool geometry = restoreGeometry(s.value(settings::Geometry).toByteArray());
    const bool state = restoreState(s.value(settings::WindowState).toByteArray());
    if (!geometry || !state) applyFirstStartLayout();
    m_themeMode = s.value(settings::Theme, QStringLiteral("system")).toString();
    m_language = s.value(settings::Language).toString();
    m_editors->setZoom(s.value(settings::Zoom, 0).toInt());
    m_recentFiles = s.value(settings::RecentFiles).toStringList();
    m_console->replLine()->setHistory(s.value(settings::ReplHistory).toStringList());
    rebuildRecentMenu();
}

void MainWindow::applyFirstStartLayout()
{
    // Most of the screen, centred, as a window manager would place a new window; the docks
    // take shares that show a real console and the whole memory chart and table.
    const QRect available = screen()->availableGeometry();
    const QSize size = (QSizeF(available.size()) * FirstStartScreenShare).toSize();
    setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, available));
    resizeDocks({m_console}, {int(size.height() * FirstStartConsoleShare)}, Qt::Vertical);
    const int memoryWidth = qBound(int(size.width() * FirstStartMemoryShare),
                                   m_memory->preferredWidth(), size.width() / 2);
    resizeDocks({m_memory}, {memoryWidth}, Qt::Horizontal);
    // The streams tree has more columns than the console. After the first layout pass: the
    // bottom area has no width of its own before it.
    const int bottomWidth = size.width() - memoryWidth;
    QTimer::singleShot(0, this, [this, bottomWidth] {
        resizeDocks({m_console, m_streams}, {bottomWidth * 2 / 5, bottomWidth * 3 / 5},
                    Qt::Horizontal);
    });
}

void MainWindow::writeSettings()
{
    QSettings s;
    s.setValue(settings::Geometry, saveGeometry());
    s.setValue(settings::WindowState, saveState());
    s.setValue(settings::Theme, m_themeMode);
    s.setValue(settings::Zoom, m_editors->zoom());
    s.setValue(settings::RecentFiles, m_recentFiles);
    s.setValue(settings::ReplHistory, m_console->replLine()->history());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, WorkbenchTr::tr("About NANO Workbench"),
                       WorkbenchTr::tr("<h3>NANO Workbench %1</h3><p>A JavaScript workbench on "
                                       "V8: write and run scripts, watch the console and the "
                                       "engine's memory.</p>")
                           .arg(Controller::version()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_editors->maybeSaveAll()) {
        event->ignore();
        return;
    }
    if (m_options.useSettings) writeSettings();
    m_controller->stop();
    event->accept();
}

} // namespace nano::ui
