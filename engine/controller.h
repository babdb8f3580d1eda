#pragma once
// The one engine class the UI and the CLI use. It runs scripts on the engine's own named thread
// and reports through batched, value-type signals; nothing here blocks on the engine.

#include "inspect/console_message.h"
#include "inspect/heap_stats.h"
#include "inspect/inspector_event.h"
#include "inspect/run_request.h"
#include "inspect/run_result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

namespace nano {

namespace core {
class Engine;
}

class Controller final : public QObject {
    Q_OBJECT
public:
    struct Options {
        int maxHeapMb = 0;        // 0: V8's default limit
        bool directStdio = false; // console output straight to stdout/stderr (the CLI)
        // How long a stop may take before the engine is abandoned: V8 notices termination
        // only between built-in calls, and one call (filling a huge dictionary-mode array) can
        // run for minutes.
        int stuckStopGraceMs = 1500;
        // Each run gets a V8 inspector (connectInspector); off, a run pays nothing for it.
        bool inspector = false;
    };

    explicit Controller(const Options& options, QObject* parent = nullptr);
    explicit Controller(QObject* parent = nullptr)
        : Controller(Options(), parent)
    {}
    ~Controller() override;
    Q_DISABLE_COPY_MOVE(Controller)

    // Starts a run in a fresh context (stopping the current one first); returns its id.
    quint64 run(const RunRequest& request);
    // Ends the current run within milliseconds, even inside `while (true) {}`. Inside one long
    // built-in call, the run is reported stopped after Options::stuckStopGraceMs and its
    // engine is abandoned (RunResult::engineAbandoned). Thread-safe.
    void stop();
    // Like stop(), reported as a time-out (exit code 124).
    void stopForTimeout();
    bool isRunning() const { return m_running; }
    quint64 currentRunId() const { return m_runId; }

    // Heap statistics are sampled every `ms` milliseconds while a run is alive; 0 turns it off.
    // Unless directStdio, every run is also sampled when it starts and, after a garbage
    // collection, when it has finished (that sample comes after runFinished).
    void setHeapSamplingInterval(int ms);

    // Evaluates `code` (a classic script, e.g. a REPL line) in the last run's context, even
    // after the run finished. The answer comes as evaluated(id, ...). Returns the id.
    quint64 evaluate(const QString& code);
    // Whether a line given to evaluate() has not been answered yet (busy, or awaiting a
    // promise). stop() ends it; run() stops it first.
    bool isEvaluating() const { return !m_pendingEvaluations.isEmpty(); }
    // Forces a full garbage collection in the current run's isolate.
    void collectGarbage();
    // Writes a .heapsnapshot (Chrome DevTools format) of the current run; answered by
    // heapSnapshotSaved. Works while a script is busy too.
    void saveHeapSnapshot(const QString& path);

    // The objects a console message logged (ConsoleMessage::messageId, objectArgs), kept by the
    // engine for the current run (its last 1000). storeAsGlobal assigns one to globalThis.tempN
    // as DevTools does and answers as evaluated(id, "tempN", false); loggedValueAsJson answers
    // loggedValueJson(id, JSON.stringify(value, null, 2), ok). A value that is gone (an earlier
    // run, evicted, a fresh engine) gets an explaining error. Both return the answer's id.
    quint64 storeAsGlobal(quint64 messageId, int argIndex);
    quint64 loggedValueAsJson(quint64 messageId, int argIndex);

    // The inspector feed (inspectorEvents): snapshot kinds (stream states) are produced only
    // while subscribed; each subscribe() is balanced by an unsubscribe(). Thread-safe.
    void subscribeInspector(int kind);
    void unsubscribeInspector(int kind);

    // Answers permissionRequested (a bundle's fetch to an origin it may not reach, or any
    // fetch of an editor script when NetworkPolicy::prompt is set). Answers for a run that
    // has ended are ignored.
    void answerPermission(quint64 runId, quint64 questionId, nano::PermissionAnswer answer);
    // The V8 inspector (Chrome DevTools protocol) of the current run, with Options::inspector.
    // A session stays connected across runs; each run starts it afresh (domains are enabled
    // again). Messages sent before a run are served when it starts, so Debugger.enable sent
    // before run() sees the first `debugger;`. Answers arrive as inspectorMessage, also while
    // the script is paused. Thread-safe; 0 without Options::inspector.
    int connectInspector();
    void sendInspectorMessage(int session, const QByteArray& message);
    void disconnectInspector(int session);

    static QString version();
    // Abandoned engines still inside their built-in call (they delete themselves once it
    // returns). For tests.
    static int abandonedEngineCount();

    // Process-wide: called when V8 must end the process (an allocation that did not fit even
    // in the headroom above the heap limit), on the engine thread, just before the process
    // exits with code 1. For last words only: flush an autosave, leave a note for the next
    // start. Must not wait on the engine; may run while the caller's thread is busy.
    static void setFatalErrorHook(std::function<void(const QString& reason)> hook);

signals:
    void runStarted(quint64 runId);
    // Everything the inspectors show as it happens, batched about every 50 ms: console
    // messages (InspectorKinds::Console; batch.consoleMessages()) and the kinds of other
    // producers. Not emitted for console output when Options::directStdio is set.
    void inspectorEvents(const nano::InspectorBatch& batch);
    void runFinished(const nano::RunResult& result);
    void heapStatistics(const nano::HeapStats& stats);
    // text is the formatted value (or the error report when isError).
    void evaluated(quint64 id, const QString& text, bool isError);
    void heapSnapshotSaved(const QString& path, bool ok, const QString& error);
    void loggedValueJson(quint64 id, const QString& text, bool ok); // text: the error if !ok
    // "Allow this script to connect to ORIGIN?": the fetch waits (the engine does not) until
    // answerPermission(runId, questionId, ...). Only with NetworkPolicy::prompt.
    void permissionRequested(quint64 runId, quint64 questionId, const QString& origin);
    // A protocol response or notification (UTF-8 JSON) for `session`.
    void inspectorMessage(int session, const QByteArray& message);

private:
    void startEngine();
    void onRunFinished(const RunResult& result);
    void armStuckStopTimer(RunResult::Status status);
    void abandonEngine();

    Options m_options;
    QThread* m_thread = nullptr;
    core::Engine* m_engine = nullptr;
    QTimer m_heapTimer;
    QTimer m_flushTimer; // reaches the engine's inspector batch while a script is busy
    QTimer m_stuckStopTimer;
    RunResult::Status m_stopStatus = RunResult::Status::Stopped;
    quint64 m_abandonedRunId = 0;
    QElapsedTimer m_sinceRunStart;
    std::mutex m_subscriptionsMutex;
    QHash<int, int> m_subscriptions; // inspector kinds -> subscribe count, for a new engine
    quint64 m_runId = 0;
    quint64 m_evalId = 0;
    QSet<quint64> m_pendingEvaluations; // evaluate() ids not answered yet
    bool m_running = false;
    std::atomic<int> m_nextInspectorSession{1};
};

} // namespace nano
