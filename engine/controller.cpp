#include "controller.h"

#include "api/registry.h"
#include "core/engine.h"
#include "core/fatal_error.h"
#include "core/platform.h"

#include <QCoreApplication>
#include <QThread>

namespace nano {

Controller::Controller(const Options& options, QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<ConsoleMessages>();
    qRegisterMetaType<InspectorBatch>();
    qRegisterMetaType<RunResult>();
    qRegisterMetaType<HeapStats>();
    core::Platform::initialize(QCoreApplication::applicationFilePath().toLocal8Bit().constData());

    core::EngineConfig config;
    config.runtime.maxHeapMb = options.maxHeapMb;
    config.runtime.installers = api::installers();
    config.runtime.globalTemplate = api::globalTemplate();
    config.directStdio = options.directStdio;
    config.runtime.consoleLocations = !options.directStdio;

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
    connect(m_engine, &core::Engine::evaluated, this, &Controller::evaluated, Qt::QueuedConnection);
    connect(m_engine, &core::Engine::heapSnapshotSaved, this, &Controller::heapSnapshotSaved,
            Qt::QueuedConnection);
    m_thread->start();

    m_flushTimer.setInterval(50);
    connect(&m_flushTimer, &QTimer::timeout, this, [this] { m_engine->requestFeedFlush(); });

    connect(&m_heapTimer, &QTimer::timeout, this, [this] {
        if (m_running) m_engine->requestHeapSample();
    });
}

Controller::~Controller()
{
    m_heapTimer.stop();
    m_flushTimer.stop();
    m_engine->requestStop(core::StopReason::Stop);
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_engine;
}

QString Controller::version()
{
    return QStringLiteral(NANO_VERSION);
}

void Controller::subscribeInspector(int kind)
{
    m_engine->feed().subscribe(kind);
}

void Controller::unsubscribeInspector(int kind)
{
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
    if (m_running) m_engine->requestStop(core::StopReason::Stop);
    const quint64 runId = ++m_runId;
    m_running = true;
    m_engine->announceRun(runId);
    m_flushTimer.start();
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, request, runId] { engine->startRun(request, runId); },
        Qt::QueuedConnection);
    emit runStarted(runId);
    return runId;
}

void Controller::stop()
{
    m_engine->requestStop(core::StopReason::Stop);
}

void Controller::stopForTimeout()
{
    m_engine->requestStop(core::StopReason::Timeout);
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

void Controller::onRunFinished(const RunResult& result)
{
    if (result.runId == m_runId) {
        m_running = false;
        m_flushTimer.stop();
    }
    emit runFinished(result);
}

} // namespace nano
