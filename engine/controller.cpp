#include "controller.h"

#include "api/registry.h"
#include "core/engine.h"
#include "core/fatal_error.h"
#include "core/platform.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

#include <algorithm>
#include <atomic>

namespace nano {

namespace {
// Engines set aside by a stop that could not interrupt them (abandonEngine).
std::atomic<int> g_abandonedEngines{0};

// The engine shuts down and its thread quits once the task it is in returns.
void queueShutdown(core::Engine* engine, QThread* thread)
{
    QMetaObject::invokeMethod(
        engine,
        [engine, thread] {
            engine->shutdown();
            thread->quit();
        },
        Qt::QueuedConnection);
}

// An engine still inside one built-in call: its thread and it delete themselves once the
// call returns (or end with the process); nobody waits for them.
void setAside(core::Engine* engine, QThread* thread)
{
    thread->setParent(nullptr);
    ++g_abandonedEngines;
    QObject::connect(thread, &QThread::finished, thread, [engine, thread] {
        delete engine;
        thread->deleteLater();
        --g_abandonedEngines;
    });
}
} // namespace

Controller::Controller(const Options& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
    qRegisterMetaType<ConsoleMessages>();
    qRegisterMetaType<InspectorBatch>();
    qRegisterMetaType<RunResult>();
    qRegisterMetaType<HeapStats>();
    core::Platform::initialize(QCoreApplication::applicationFilePath().toLocal8Bit().constData());

    m_flushTimer.setInterval(50);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { m_engine->requestFeedFlush(); });
    connect(&m_heapTimer, &QTimer::timeout, this, [this] {
        if (m_running) m_engine->requestHeapSample();
    });
    m_stuckStopTimer.setSingleShot(true);
    connect(&m_stuckStopTimer, &QTimer::timeout, this, [this] {
        if (m_running) abandonEngine();
    });
    startEngine();
}

void Controller::startEngine()
{
    core::EngineConfig config;
    config.runtime.maxHeapMb = m_options.maxHeapMb;
    config.runtime.installers = api::installers();
    config.runtime.isolateSetups = api::isolateSetups();
    config.runtime.globalTemplate = api::globalTemplate();
    config.directStdio = m_options.directStdio;
    config.inspector = m_options.inspector;
    config.runtime.consoleLocations = !m_options.directStdio;

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("nano-engine"));
    // Deep recursion must end in a RangeError, not a crash: V8's stack limit (about 1 MB)
    // stays well inside this.
    m_thread->setStackSize(8 * 1024 * 1024);
    m_engine = new core::Engine(std::move(config));
    m_engine->moveToThread(m_thread);
    connect(m_engine, &core::Engine::inspectorEvents, this, &Controller::inspectorEvents,
            Qt::QueuedConnection);
    connect(m_engine, &core::Engine::heapStatistics, this, &Controller::heapStatistics,
            Qt::QueuedConnection);
    connect(m_engine, &core::Engine::runFinished, this, &Controller::onRunFinished,
            Qt::QueuedConnection);
    connect(
        m_engine, &core::Engine::evaluated, this,
        [this](quint64 id, const QString& text, bool isError) {
            m_pendingEvaluations.remove(id); // before the signal: listeners ask isEvaluating()
            emit evaluated(id, text, isError);
        },
        Qt::QueuedConnection);
    connect(m_engine, &core::Engine::heapSnapshotSaved, this, &Controller::heapSnapshotSaved,
            Qt::QueuedConnection);
    connect(m_engine, &core::Engine::permissionRequested, this, &Controller::permissionRequested,
            Qt::QueuedConnection);
    connect(m_engine, &core::Engine::inspectorMessage, this, &Controller::inspectorMessage,
            Qt::QueuedConnection);
    {
        std::lock_guard<std::mutex> lock(m_subscriptionsMutex);
        for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it)
            for (int i = 0; i < it.value(); ++i)
                m_engine->feed().subscribe(it.key());
    }
    m_thread->start();
}

Controller::~Controller()
{
    m_heapTimer.stop();
    m_flushTimer.stop();
    m_stuckStopTimer.stop();
    m_engine->requestStop(core::StopReason::Stop);
    queueShutdown(m_engine, m_thread);
    if (m_thread->wait(std::max(m_options.stuckStopGraceMs, 100))) {
        delete m_engine;
        return;
    }
    setAside(m_engine, m_thread); // waiting could take minutes
}

// Sets the current engine aside: nothing from it reaches us any more, it shuts down once its
// built-in call returns (termination is already requested), and a fresh engine takes over.
void Controller::abandonEngine()
{
    m_engine->disconnect(this);
    m_pendingEvaluations.clear(); // their answers went with the engine
    queueShutdown(m_engine, m_thread);
    setAside(m_engine, m_thread);
    startEngine();

    m_abandonedRunId = m_runId;
    RunResult result;
    result.runId = m_runId;
    result.status = m_stopStatus;
    result.exitCode = m_stopStatus == RunResult::Status::TimedOut ? 124 : 130;
    result.elapsedMs = static_cast<double>(m_sinceRunStart.elapsed());
    result.engineAbandoned = true;
    onRunFinished(result);
}

int Controller::abandonedEngineCount()
{
    return g_abandonedEngines.load();
}

QString Controller::version()
{
    return QStringLiteral(NANO_VERSION);
}

void Controller::subscribeInspector(int kind)
{
    std::lock_guard<std::mutex> lock(m_subscriptionsMutex);
    ++m_subscriptions[kind];
    m_engine->feed().subscribe(kind);
}

void Controller::unsubscribeInspector(int kind)
{
    std::lock_guard<std::mutex> lock(m_subscriptionsMutex);
    if (--m_subscriptions[kind] <= 0) m_subscriptions.remove(kind);
    m_engine->feed().unsubscribe(kind);
}

void Controller::setFatalErrorHook(std::function<void(const QString& reason)> hook)
{
    if (!hook) {
        core::setFatalErrorHook(nullptr);
        return;
    }
    core::setFatalErrorHook(
        [hook = std::move(hook)](const char* reason) { hook(QString::fromUtf8(reason)); });
}

quint64 Controller::run(const RunRequest& request)
{
    // Also a REPL line still busy (`while (true) {}`): the new run would wait behind it.
    if (m_running || !m_pendingEvaluations.isEmpty()) m_engine->requestStop(core::StopReason::Stop);
    m_pendingEvaluations.clear(); // their context goes with the new run
    const quint64 runId = ++m_runId;
    m_running = true;
    m_stuckStopTimer.stop();
    m_sinceRunStart.start();
    m_engine->announceRun(runId);
    m_flushTimer.start();
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, request, runId] { engine->startRun(request, runId); },
        Qt::QueuedConnection);
    emit runStarted(runId);
    return runId;
}

void Controller::answerPermission(quint64 runId, quint64 questionId, PermissionAnswer answer)
{
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, runId, questionId, answer] {
            engine->answerPermission(runId, questionId, answer);
        },
        Qt::QueuedConnection);
}

void Controller::stop()
{
    m_engine->requestStop(core::StopReason::Stop);
    armStuckStopTimer(RunResult::Status::Stopped);
    // A busy line answers "Evaluation was stopped."; one awaiting a promise that Stop dropped
    // never answers. stop() may come from any thread; the set belongs to ours.
    QMetaObject::invokeMethod(this, [this] { m_pendingEvaluations.clear(); });
}

void Controller::stopForTimeout()
{
    m_engine->requestStop(core::StopReason::Timeout);
    armStuckStopTimer(RunResult::Status::TimedOut);
}

void Controller::armStuckStopTimer(RunResult::Status status)
{
    // stop() may come from any thread; the timer belongs to ours.
    QMetaObject::invokeMethod(this, [this, status] {
        if (!m_running || m_stuckStopTimer.isActive()) return;
        m_stopStatus = status;
        m_stuckStopTimer.start(m_options.stuckStopGraceMs);
    });
}

void Controller::setHeapSamplingInterval(int ms)
{
    if (ms <= 0)
        m_heapTimer.stop();
    else
        m_heapTimer.start(ms);
}

quint64 Controller::evaluate(const QString& code)
{
    const quint64 id = ++m_evalId;
    m_pendingEvaluations.insert(id);
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, code, id] { engine->evaluate(id, code); },
        Qt::QueuedConnection);
    return id;
}

void Controller::collectGarbage()
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { engine->collectGarbage(); }, Qt::QueuedConnection);
}

void Controller::saveHeapSnapshot(const QString& path)
{
    m_engine->requestHeapSnapshot(path);
}

namespace {
// Runs `use` on `engine`'s thread; `answer` is called on `controller`'s thread.
void useLoggedValue(QObject* controller, core::Engine* engine, quint64 messageId, int argIndex,
                    core::Runtime::LoggedValueUse use, std::function<void(QString, bool)> answer)
{
    QPointer<QObject> self(controller);
    QMetaObject::invokeMethod(
        engine,
        [=] {
            engine->useLoggedValue(messageId, argIndex, use,
                                   [self, answer](const QString& text, bool isError) {
                                       if (self)
                                           QMetaObject::invokeMethod(self, [answer, text, isError] {
                                               answer(text, isError);
                                           });
                                   });
        },
        Qt::QueuedConnection);
}
} // namespace

quint64 Controller::storeAsGlobal(quint64 messageId, int argIndex)
{
    const quint64 id = ++m_evalId;
    useLoggedValue(
        this, m_engine, messageId, argIndex, core::Runtime::LoggedValueUse::StoreAsGlobal,
        [this, id](const QString& text, bool isError) { emit evaluated(id, text, isError); });
    return id;
}

quint64 Controller::loggedValueAsJson(quint64 messageId, int argIndex)
{
    const quint64 id = ++m_evalId;
    useLoggedValue(this, m_engine, messageId, argIndex, core::Runtime::LoggedValueUse::Json,
                   [this, id](const QString& text, bool isError) {
                       emit loggedValueJson(id, text, !isError);
                   });
    return id;
}

void Controller::onRunFinished(const RunResult& result)
{
    // The abandoned engine's own result, posted just before it was set aside: already told.
    if (result.runId == m_abandonedRunId && !result.engineAbandoned) return;
    if (result.runId == m_runId) {
        m_running = false;
        m_flushTimer.stop();
        m_stuckStopTimer.stop();
    }
    emit runFinished(result);
}

int Controller::connectInspector()
{
    core::InspectorInbox* inbox = m_engine->inspectorInbox();
    if (!inbox) return 0;
    const int session = m_nextInspectorSession++;
    inbox->push({core::InspectorCommand::Kind::Connect, session, {}});
    return session;
}

void Controller::sendInspectorMessage(int session, const QByteArray& message)
{
    if (core::InspectorInbox* inbox = m_engine->inspectorInbox())
        inbox->push({core::InspectorCommand::Kind::Message, session, message});
}

void Controller::disconnectInspector(int session)
{
    if (core::InspectorInbox* inbox = m_engine->inspectorInbox())
        inbox->push({core::InspectorCommand::Kind::Disconnect, session, {}});
}

} // namespace nano
