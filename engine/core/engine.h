#pragma once
// The engine object: lives on the engine thread, owns the current Runtime and the inspector
// feed, and turns the runtime's output into batched, value-type signals (or, for the CLI,
// writes console output straight to stdout/stderr). Controller is its only user.

#include "core/inspector_agent.h"
#include "core/runtime.h"
#include "inspect/inspector_feed.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <memory>
#include <mutex>

namespace nano::core {

struct EngineConfig {
    RuntimeOptions runtime;
    bool directStdio = false; // console output goes to stdout/stderr from the engine thread
    bool inspector = false;   // each run gets a V8 inspector fed by inspectorInbox()
};

class Engine final : public QObject, public RuntimeHost {
    Q_OBJECT
public:
    explicit Engine(EngineConfig config);
    ~Engine() override;
    Q_DISABLE_COPY_MOVE(Engine)

    // Engine thread: starts a run in a fresh isolate (the previous one is disposed).
    void startRun(const RunRequest& request, quint64 runId);
    // Engine thread: disposes the runtime; call before the thread quits.
    void shutdown();
    // Engine thread: a REPL line in the current (or last) run's context.
    void evaluate(quint64 id, const QString& code);
    void collectGarbage();
    // Engine thread: Runtime::useLoggedValue; `done` is called on the engine thread.
    void useLoggedValue(quint64 messageId, int argIndex, Runtime::LoggedValueUse use,
                        Runtime::LineResult done);

    // Any thread. announceRun() is called before startRun is queued, so a stop or a newer run
    // requested in between is never lost behind a busy script.
    void announceRun(quint64 runId) { m_latestRunId.store(runId); }
    void requestStop(StopReason reason);
    void requestHeapSample();
    void requestHeapSnapshot(const QString& path);
    // Sends the inspector events batched so far, even while a script is busy.
    void requestFeedFlush();
    // Engine thread: the answer to a permissionRequested question of run `runId`.
    void answerPermission(quint64 runId, quint64 questionId, PermissionAnswer answer);
    // Any thread (subscriptions are thread-safe); the feed itself is used on the engine thread.
    InspectorFeed& feed() { return *m_feed; }
    // Any thread: V8 inspector traffic for the current and later runs; null without
    // EngineConfig::inspector. Answers come as inspectorMessage.
    InspectorInbox* inspectorInbox() { return m_inspectorInbox.get(); }

signals:
    // The feed's batches (console messages among them).
    void inspectorEvents(const nano::InspectorBatch& batch);
    void runFinished(const nano::RunResult& result);
    // Sampled on request, and (when not directStdio) at the start and the end of every run.
    void heapStatistics(const nano::HeapStats& stats);
    void evaluated(quint64 id, const QString& text, bool isError);
    void heapSnapshotSaved(const QString& path, bool ok, const QString& error);
    void permissionRequested(quint64 runId, quint64 questionId, const QString& origin);
    // A protocol response or notification (UTF-8 JSON); emitted also while the script is paused.
    void inspectorMessage(int session, const QByteArray& message);

private:
    bool onPermissionRequest(quint64 questionId, const QString& origin) override;
    void onConsoleMessage(ConsoleMessage&& message) override;
    void onRunFinished(const RunResult& result) override;
    void flushOutput();
    void sampleHeapNow();
    // The workbench's sample after a run ends, after a full garbage collection.
    void sampleAfterRun(quint64 runId);
    void disposeRuntime();
    void takeSnapshotNow();
    void flushIfDue();
    // Runs `Work` on the engine thread as soon as possible: from a V8 interrupt while a script
    // is busy, else from the Qt loop. Work runs twice then, so it must find nothing to do the
    // second time (the pending flags and lists take care of that).
    template <void (Engine::*Work)()> void runSoon();

    EngineConfig m_config;
    std::unique_ptr<Runtime> m_runtime;
    std::mutex m_runtimeMutex; // guards m_runtime's pointer for the any-thread calls

    InspectorFeed* m_feed; // a child: moves to the engine thread with us
    std::unique_ptr<InspectorInbox> m_inspectorInbox; // outlives every runtime
    // directStdio: stdout leaves at least every batch interval (see flushOutput).
    QElapsedTimer m_sinceStdioFlush;
    QTimer m_stdioFlushTimer;
    std::atomic<bool> m_samplePending{false};
    std::atomic<bool> m_flushPending{false};
    std::atomic<quint64> m_latestRunId{0};
    std::mutex m_snapshotMutex;
    QStringList m_snapshotPaths; // guarded by m_snapshotMutex
};

} // namespace nano::core
