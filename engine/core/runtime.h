#pragma once
// One run of a script: its isolate, context, event loop, module loader, error reporting and
// console output. Created and destroyed on the engine thread by Engine. Web APIs reach it
// through Runtime::from(isolate) for timers, keep-alive, console output and error reports.

#include "core/error_report.h"
#include "core/event_loop.h"
#include "core/network_permissions.h"
#include "inspect/console_message.h"
#include "inspect/heap_stats.h"
#include "inspect/run_request.h"
#include "inspect/run_result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>
#include <QVariant>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <v8.h>

namespace nano {
class InspectorFeed;
}

namespace nano::core {

class InspectorAgent;
class InspectorInbox;
class InspectorSession;
class ModuleLoader;

// Installs globals into a new context (provided by engine/api's registry).
using Installer = void (*)(v8::Local<v8::Context> context, v8::Local<v8::Object> global);

// Sets up a new isolate before its context is made (callbacks V8 reads at context creation,
// such as the WebAssembly streaming callback; provided by engine/api's registry).
using IsolateSetup = void (*)(v8::Isolate* isolate);

// Makes the template of the global object (provided by engine/api, so the global scope can be
// an EventTarget like a browser's window); null for V8's plain global.
using GlobalTemplateFactory = v8::Local<v8::ObjectTemplate> (*)(v8::Isolate* isolate);

struct RuntimeOptions {
    int maxHeapMb = 0; // 0: V8's default
    std::vector<Installer> installers;
    std::vector<IsolateSetup> isolateSetups;
    GlobalTemplateFactory globalTemplate = nullptr;
    // Whether console messages carry the caller's location. Capturing it walks the stack
    // (materialising optimised frames), which a terminal that never shows it need not pay for.
    bool consoleLocations = true;
    // Where inspector events go (the engine's feed); null in a runtime without an engine.
    InspectorFeed* feed = nullptr;
    // Where V8 inspector traffic comes from (the engine's inbox, core/inspector_agent.h); null:
    // the run has no inspector.
    InspectorInbox* inspector = nullptr;
};

// Where console messages and run results go (implemented by Engine).
class RuntimeHost {
public:
    virtual ~RuntimeHost() = default;
    virtual void onConsoleMessage(ConsoleMessage&& message) = 0;
    virtual void onRunFinished(const RunResult& result) = 0;
    // A network permission question (NetworkPermissions::ask) for the embedder; false when it
    // cannot ask anyone, and the origin is denied.
    virtual bool onPermissionRequest(quint64 questionId, const QString& origin)
    {
        Q_UNUSED(questionId);
        Q_UNUSED(origin);
        return false;
    }
};

// Hooks that engine/api fills in (core never includes api).
struct RuntimeHooks {
    // util.inspect for console output and error reports.
    ValueFormatter formatValue;
    // Fires an "error" ErrorEvent at the global scope; true if a listener cancelled it.
    std::function<bool(v8::Local<v8::Context>, v8::Local<v8::Value> error,
                       const ErrorLocation& location)>
        dispatchError;
    // Fires "unhandledrejection"; true if a listener cancelled it.
    std::function<bool(v8::Local<v8::Context>, v8::Local<v8::Promise>, v8::Local<v8::Value>)>
        dispatchUnhandledRejection;
    // The object console logged as argument `argIndex` of message `messageId` (see
    // ConsoleMessage::messageId), while the run still keeps it; empty if not.
    std::function<v8::Local<v8::Value>(v8::Isolate*, quint64 messageId, int argIndex)> loggedValue;
};

enum class StopReason { None, Stop, Timeout, Exit, OutOfMemory, Fatal };

class Runtime final {
public:
    Runtime(RuntimeHost& host, const RuntimeOptions& options, quint64 runId,
            const RunRequest& request);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    static Runtime* from(v8::Isolate* isolate)
    {
        return static_cast<Runtime*>(isolate->GetData(kIsolateSlot));
    }

    v8::Isolate* isolate() const { return m_isolate; }
    v8::Local<v8::Context> context() const { return m_context.Get(m_isolate); }
    EventLoop& loop() { return *m_loop; }
    RuntimeHooks& hooks() { return m_hooks; }
    quint64 runId() const { return m_runId; }
    const RunRequest& request() const { return m_request; }
    const RuntimeOptions& options() const { return m_options; }

    // The thread this runtime lives on (the engine thread), and whether a task runs now
    // (a macrotask with its microtask checkpoint, or a REPL line): where host operations
    // settle their promises (core/async_operation.h).
    bool isEngineThread() const { return QThread::currentThread() == m_thread; }
    bool isInTask() const { return m_inMacrotask || m_evaluatingLine; }

    // Teardown hooks: an API with work in flight (pool jobs, network replies) registers one to
    // cancel it when the run ends (finishes, is stopped, fails) and again when the runtime is
    // destroyed, for work started after the run (REPL lines). A hook runs once, on the engine
    // thread, may not run script, and is removed by then; removeTeardownHook() before that.
    uint64_t addTeardownHook(std::function<void()> hook);
    void removeTeardownHook(uint64_t id);

    // A QObject of type T (default-constructible) that lives on the engine thread with this
    // runtime: created on first use, destroyed when the runtime is (after the teardown hooks,
    // before the isolate). For the fetch transport's QNetworkAccessManager and the like.
    template <class T> T& threadObject()
    {
        static const char key = 0;
        auto it = m_threadObjects.find(&key);
        if (it == m_threadObjects.end())
            it = m_threadObjects.emplace(&key, std::make_unique<T>()).first;
        return *static_cast<T*>(it->second.get());
    }

    // Starts the run: evaluates the script/module as the first macrotask.
    void start();
    bool isFinished() const { return m_finished; }
    // Whether requestStop was called (any thread): the inspector's pause loop ends on it.
    bool isStopRequested() const { return m_stopReason.load() != StopReason::None; }
    // The run's V8 inspector, or null (RuntimeOptions::inspector).
    InspectorAgent* inspectorAgent() const { return m_inspector.get(); }

    // Runs `task` as a macrotask: scopes, exception handling, then a microtask checkpoint.
    void runMacrotask(const std::function<void()>& task);
    // Called by the loop when nothing keeps it alive.
    void onLoopIdle();
    // A V8 foreground task: a macrotask while the run is alive, plain C++ work after it.
    void runPlatformTask(v8::Task& task);

    // Thread-safe: ends JavaScript execution as soon as possible.
    void requestStop(StopReason reason);
    // Ends the run now from the engine thread (after requestStop, when idle).
    void finishIfStopRequested();
    // Nano.exit(code).
    void exit(int code);
    // After a stop requested from inside a host call (exit, an uncaught listener error): V8
    // notices termination at its next interrupt check, which a script calling only API
    // functions may not reach soon. Entering JS once makes the termination unwind from here.
    void unwindForStop();

    // Console output (console.*, reportError, uncaught errors).
    void emitConsole(ConsoleMessage&& message);
    // Engine thread: queues an inspector event of `kind` (see inspect/inspector_feed.h) into
    // the current batch. Nothing happens in a runtime without a feed.
    void publishInspectorEvent(int kind, QVariant value);
    InspectorFeed* inspectorFeed() const { return m_options.feed; }
    // Reports an exception the way the console shows it. Uncaught kinds end the run: at once,
    // or (UncaughtInCallback: a listener called by dispatchEvent) when the current task is
    // done, so the code that dispatched goes on as the DOM requires.
    enum class ReportKind { Uncaught, UncaughtInCallback, UncaughtInPromise, Reported };
    void reportException(v8::Local<v8::Value> exception, v8::Local<v8::Message> message,
                         ReportKind kind);

    // Milliseconds since the run's time origin (performance.now()) and the origin itself.
    double now() const { return EventLoop::monotonicNowMs() - m_originMonotonic; }
    double timeOrigin() const { return m_timeOriginEpochMs; }

    HeapStats heapStatistics();
    // Writes a Chrome DevTools .heapsnapshot; false with a reason on failure.
    bool writeHeapSnapshot(const QString& path, QString& error);
    // Evaluates a REPL line as a classic script in this run's context (also after the run has
    // finished) and answers with the formatted completion value or error report. A line with
    // top-level await runs in an async function and answers once its promise settles (done is
    // then called from a later task; never if the promise never settles or Stop comes first).
    using LineResult = std::function<void(const QString& text, bool isError)>;
    void evaluateLine(const QString& code, LineResult done);
    // A logged object (RuntimeHooks::loggedValue), as DevTools' console offers it: stored as
    // globalThis.tempN (the first free N; answers "tempN"), or as its JSON.stringify text.
    enum class LoggedValueUse { StoreAsGlobal, Json };
    void useLoggedValue(quint64 messageId, int argIndex, LoggedValueUse use, LineResult done);
    // Engine thread: Stop after the run ends what REPL lines left pending (timers, tasks).
    void stopAfterRun();
    ModuleLoader& modules() { return *m_modules; }
    NetworkPermissions& permissions() { return *m_permissions; }

    static constexpr uint32_t kIsolateSlot = 1;

private:
    void evaluateEntry();
    QString formatValue(v8::Local<v8::Context> context, v8::Local<v8::Value> value);
    void afterMacrotask();
    void finish(RunResult::Status status, int exitCode);
    void processPendingRejections();
    static void onPromiseReject(v8::PromiseRejectMessage message);
    static void onMessage(v8::Local<v8::Message> message, v8::Local<v8::Value> error);
    static size_t onNearHeapLimit(void* data, size_t currentLimit, size_t initialLimit);
    static void onFullGarbageCollection(v8::Isolate* isolate, v8::GCType type,
                                        v8::GCCallbackFlags flags, void* data);
    static size_t heapLimitFor(int maxHeapMb);
    static size_t hardHeapLimit(size_t limit);
    void stopForOutOfMemory();

    RuntimeHost& m_host;
    RuntimeOptions m_options;
    quint64 m_runId;
    RunRequest m_request;
    v8::ArrayBuffer::Allocator* m_allocator = nullptr;
    v8::Isolate* m_isolate = nullptr;
    v8::Global<v8::Context> m_context;
    std::unique_ptr<EventLoop> m_loop;
    std::unique_ptr<ModuleLoader> m_modules;
    std::unique_ptr<NetworkPermissions> m_permissions;
    RuntimeHooks m_hooks;
    std::unique_ptr<InspectorSession> m_inspection;
    std::unique_ptr<InspectorAgent> m_inspector;

    struct PendingRejection {
        v8::Global<v8::Promise> promise;
        v8::Global<v8::Value> reason;
    };
    std::vector<PendingRejection> m_pendingRejections;
    std::vector<std::shared_ptr<LineResult>> m_awaitedLines; // REPL lines awaiting a promise
    v8::Global<v8::Promise> m_entryPromise; // the entry module's evaluation (top-level await)

    std::atomic<StopReason> m_stopReason{StopReason::None};
    std::atomic<double> m_stopRequestedAtMs{0}; // EventLoop::monotonicNowMs() of requestStop
    int m_exitCode = 0;
    std::atomic<bool> m_finished{false}; // read by the controller's thread too
    bool m_inMacrotask = false;
    bool m_evaluatingLine = false;
    bool m_stopAfterTask = false; // an uncaught error in a callback ends the run after this task
    size_t m_heapLimit = 0;       // the limit scripts see, in bytes (see heapLimitFor)
    bool m_hardLimitRaised = false;
    RunResult m_failure; // the first uncaught error, for the result
    double m_originMonotonic = 0;
    double m_timeOriginEpochMs = 0;
    QElapsedTimer m_elapsed;
    QThread* m_thread = nullptr;
    std::map<uint64_t, std::function<void()>> m_teardownHooks;
    uint64_t m_nextTeardownHook = 1;
    std::unordered_map<const void*, std::unique_ptr<QObject>> m_threadObjects;

    void runTeardownHooks();
};

} // namespace nano::core
