#include "core/engine.h"

#include <openssl/crypto.h>

#include <cstdio>

namespace nano::core {

namespace {
constexpr int kBatchIntervalMs = InspectorFeed::kBatchIntervalMs;

void writeStdio(const ConsoleMessage& message)
{
    if (message.isStructural()) return;
    FILE* stream = message.isErrorStream() ? stderr : stdout;
    if (stream == stderr)
        std::fflush(stdout); // keep the order when both go to one terminal or file
    const QByteArray text = message.text.toUtf8();
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stream);
    std::fputc('\n', stream);
}
} // namespace

Engine::Engine(EngineConfig config)
    : m_config(std::move(config))
    , m_feed(new InspectorFeed(this))
    , m_stdioFlushTimer(this)
{
    m_config.runtime.feed = m_feed;
    if (m_config.inspector) {
        m_inspectorInbox =
            std::make_unique<InspectorInbox>([this](int session, const QByteArray& message) {
                emit inspectorMessage(session, message);
            });
        m_config.runtime.inspector = m_inspectorInbox.get();
    }
    connect(m_feed, &InspectorFeed::batchReady, this, &Engine::inspectorEvents);
    m_stdioFlushTimer.setSingleShot(true);
    m_stdioFlushTimer.setInterval(kBatchIntervalMs);
    connect(&m_stdioFlushTimer, &QTimer::timeout, this, &Engine::flushOutput);
}

Engine::~Engine()
{
    disposeRuntime();
}

void Engine::startRun(const RunRequest& request, quint64 runId)
{
    // A run superseded before its first task ran (Run pressed twice in a row: this startRun
    // was queued before the previous run's entry task) still reports that it ended.
    if (m_runtime && !m_runtime->isFinished()) {
        m_runtime->requestStop(StopReason::Stop);
        m_runtime->finishIfStopRequested();
    }
    disposeRuntime();
    if (runId != m_latestRunId.load()) {
        // Superseded before it started (a newer run or a stop was requested meanwhile).
        RunResult skipped;
        skipped.runId = runId;
        skipped.status = RunResult::Status::Stopped;
        skipped.exitCode = 130;
        emit runFinished(skipped);
        return;
    }
    auto runtime = std::make_unique<Runtime>(*this, m_config.runtime, runId, request);
    Runtime* raw = runtime.get();
    m_flushPending = false; // interrupts queued for a previous isolate died with it
    m_samplePending = false;
    {
        std::lock_guard<std::mutex> lock(m_runtimeMutex);
        m_runtime = std::move(runtime);
        // A stop that came while the runtime was being built found nothing to stop.
        if (runId != m_latestRunId.load()) m_runtime->requestStop(StopReason::Stop);
    }
    m_sinceStdioFlush.start();
    // The memory inspector's first point: a run shorter than the sampling interval still
    // draws a series (start and end).
    if (!m_config.directStdio) emit heapStatistics(raw->heapStatistics());
    raw->start();
}

void Engine::shutdown()
{
    disposeRuntime();
    // The last thing on the engine thread: free its OpenSSL state (the error queue, random
    // generators; crypto runs small jobs here). OpenSSL would free it as the thread exits, but
    // QThread::wait() returns before that, so a process ending right after a Controller could
    // exit with it still allocated, which LeakSanitizer reported now and then (tst_heap_stats).
    OPENSSL_thread_stop();
}

void Engine::disposeRuntime()
{
    std::unique_ptr<Runtime> old;
    {
        std::lock_guard<std::mutex> lock(m_runtimeMutex);
        old = std::move(m_runtime);
    }
    old.reset();
}

void Engine::requestStop(StopReason reason)
{
    m_latestRunId.store(0); // a run queued but not started yet is cancelled too
    {
        std::lock_guard<std::mutex> lock(m_runtimeMutex);
        if (!m_runtime) return;
        if (m_runtime->isFinished()) {
            // Only a REPL line can be running: interrupt it (evaluateLine clears the flag), and
            // drop the timers and tasks REPL lines left.
            m_runtime->isolate()->TerminateExecution();
            QMetaObject::invokeMethod(
                this,
                [this] {
                    if (m_runtime) m_runtime->stopAfterRun();
                },
                Qt::QueuedConnection);
            return;
        }
        m_runtime->requestStop(reason);
    }
    // If no JavaScript is running, nothing unwinds: end the run from the engine thread.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_runtime) m_runtime->finishIfStopRequested();
        },
        Qt::QueuedConnection);
}

template <void (Engine::*Work)()> void Engine::runSoon()
{
    {
        std::lock_guard<std::mutex> lock(m_runtimeMutex);
        // A busy script never returns to the Qt loop: an interrupt reaches it mid-flight.
        if (m_runtime)
            m_runtime->isolate()->RequestInterrupt(
                [](v8::Isolate*, void* data) { (static_cast<Engine*>(data)->*Work)(); }, this);
    }
    QMetaObject::invokeMethod(this, Work, Qt::QueuedConnection);
}

void Engine::requestHeapSample()
{
    if (!m_samplePending.exchange(true)) runSoon<&Engine::sampleHeapNow>();
}

void Engine::evaluate(quint64 id, const QString& code)
{
    if (!m_runtime) {
        emit evaluated(id, QStringLiteral("No script has run yet."), true);
        return;
    }
    // The answer may come later (a line with top-level await), from another task.
    m_runtime->evaluateLine(code, [this, id](const QString& text, bool isError) {
        flushOutput();
        emit evaluated(id, text, isError);
    });
}

void Engine::useLoggedValue(quint64 messageId, int argIndex, Runtime::LoggedValueUse use,
                            Runtime::LineResult done)
{
    if (!m_runtime) {
        done(QStringLiteral("The logged value is no longer available: its run's context is "
                            "gone."),
             true);
        return;
    }
    m_runtime->useLoggedValue(messageId, argIndex, use, std::move(done));
}

void Engine::collectGarbage()
{
    if (m_runtime) m_runtime->isolate()->LowMemoryNotification();
}

void Engine::requestHeapSnapshot(const QString& path)
{
    {
        std::lock_guard<std::mutex> lock(m_snapshotMutex);
        m_snapshotPaths.append(path);
    }
    runSoon<&Engine::takeSnapshotNow>();
}

void Engine::takeSnapshotNow()
{
    QStringList paths;
    {
        std::lock_guard<std::mutex> lock(m_snapshotMutex);
        paths.swap(m_snapshotPaths);
    }
    for (const QString& path : paths) {
        QString error;
        const bool ok = m_runtime ? m_runtime->writeHeapSnapshot(path, error)
                                  : (error = QStringLiteral("No script has run yet."), false);
        emit heapSnapshotSaved(path, ok, error);
    }
}

void Engine::requestFeedFlush()
{
    // The CLI's console goes to stdio and nothing else listens there: spare it the interrupts.
    if (!m_config.directStdio && !m_flushPending.exchange(true)) runSoon<&Engine::flushIfDue>();
}

void Engine::flushIfDue()
{
    // Only sends what is batched: snapshots are never taken here (this may be an interrupt).
    m_flushPending = false;
    m_feed->flushIfDue();
}

void Engine::sampleHeapNow()
{
    if (!m_samplePending.exchange(false) || !m_runtime) return;
    emit heapStatistics(m_runtime->heapStatistics());
}

void Engine::onConsoleMessage(ConsoleMessage&& message)
{
    if (!m_config.directStdio) {
        const quint64 runId = message.runId;
        m_feed->publish(InspectorKinds::Console, runId, QVariant::fromValue(std::move(message)));
        return;
    }
    writeStdio(message);
    // Scripts that log in a busy loop never let the timer fire: flush from here as well.
    if (m_sinceStdioFlush.elapsed() >= kBatchIntervalMs)
        flushOutput();
    else if (!m_stdioFlushTimer.isActive())
        m_stdioFlushTimer.start();
}

void Engine::flushOutput()
{
    m_feed->flush();
    if (m_config.directStdio) {
        // A pipe or file is block-buffered (nanojs): output still leaves at least every batch
        // interval, so a reader sees it while the script lives on (or is killed).
        m_stdioFlushTimer.stop();
        m_sinceStdioFlush.restart();
        std::fflush(stdout);
    }
}

bool Engine::onPermissionRequest(quint64 questionId, const QString& origin)
{
    if (m_config.directStdio || !m_runtime) return false; // the CLI asks no one
    emit permissionRequested(m_runtime->runId(), questionId, origin);
    return true;
}

void Engine::answerPermission(quint64 runId, quint64 questionId, PermissionAnswer answer)
{
    if (!m_runtime || m_runtime->runId() != runId || m_runtime->isFinished()) return;
    Runtime* runtime = m_runtime.get();
    // The answer continues fetches: script-visible work, so it runs as a task of the run.
    runtime->loop().post(
        [runtime, questionId, answer] { runtime->permissions().answer(questionId, answer); });
}

void Engine::onRunFinished(const RunResult& result)
{
    if (m_config.directStdio) {
        std::fflush(stdout);
        std::fflush(stderr);
    }
    flushOutput();
    if (result.status == RunResult::Status::OutOfMemory) {
        // Give the memory back now rather than at the next run. Deferred: we are inside the
        // runtime's own call stack. Only this run's runtime: a new run may be queued already.
        const quint64 runId = result.runId;
        QMetaObject::invokeMethod(
            this,
            [this, runId] {
                if (m_runtime && m_runtime->runId() == runId) disposeRuntime();
            },
            Qt::QueuedConnection);
    }
    emit runFinished(result);
    if (!m_config.directStdio) sampleAfterRun(result.runId);
}

void Engine::sampleAfterRun(quint64 runId)
{
    // The run's last point, from the heap as it stays for the REPL: what the script left
    // reachable, not its garbage. Deferred out of the runtime's own call stack, and only for
    // this run's runtime (a new run may be queued already).
    QMetaObject::invokeMethod(
        this,
        [this, runId] {
            if (!m_runtime || m_runtime->runId() != runId) return;
            m_runtime->isolate()->LowMemoryNotification();
            emit heapStatistics(m_runtime->heapStatistics());
        },
        Qt::QueuedConnection);
}

} // namespace nano::core
