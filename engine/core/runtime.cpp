#include "core/runtime.h"

#include "bind/isolate_data.h"
#include "bind/promise.h"
#include "bind/strings.h"
#include "core/array_buffer_allocator.h"
#include "core/fatal_error.h"
#include "core/inspector_producers.h"
#include "core/module_loader.h"
#include "core/platform.h"

#include <QDateTime>
#include <QSaveFile>
#include <QUrl>
#include <algorithm>
#include <unistd.h>
#include <v8-profiler.h>

namespace nano::core {

Runtime::Runtime(RuntimeHost& host, const RuntimeOptions& options, quint64 runId,
                 const RunRequest& request)
    : m_host(host)
    , m_options(options)
    , m_runId(runId)
    , m_request(request)
{
    m_elapsed.start();
    m_thread = QThread::currentThread();
    m_originMonotonic = EventLoop::monotonicNowMs();
    m_timeOriginEpochMs = static_cast<double>(QDateTime::currentMSecsSinceEpoch());

    m_allocator = new ArrayBufferAllocator();
    v8::Isolate::CreateParams params;
    params.array_buffer_allocator = m_allocator;
    m_heapLimit = heapLimitFor(m_options.maxHeapMb);
    params.constraints.ConfigureDefaultsFromHeapSize(0, hardHeapLimit(m_heapLimit));
    m_loop = std::make_unique<EventLoop>(*this);
    m_isolate = v8::Isolate::Allocate();
    Platform::registerIsolate(m_isolate, m_loop.get());
    v8::Isolate::Initialize(m_isolate, params);
    m_isolate->Enter();
    m_isolate->SetData(kIsolateSlot, this);
    bind::IsolateData::attach(m_isolate);

    m_isolate->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
    m_isolate->SetPromiseRejectCallback(&Runtime::onPromiseReject);
    m_isolate->AddMessageListenerWithErrorLevel(&Runtime::onMessage, v8::Isolate::kMessageError);
    m_isolate->AddNearHeapLimitCallback(&Runtime::onNearHeapLimit, this);
    m_isolate->AddGCEpilogueCallback(&Runtime::onFullGarbageCollection, this,
                                     v8::kGCTypeMarkSweepCompact);
    installFatalErrorHandlers(m_isolate);
    // Once the heap shrinks again (after an OOM stop), the configured limit applies again.
    m_isolate->AutomaticallyRestoreInitialHeapLimit();
    // Errors remember where they were created, for the source line of unhandled rejections.
    m_isolate->SetCaptureStackTraceForUncaughtExceptions(true, 10);

    m_modules = std::make_unique<ModuleLoader>(*this);

    v8::HandleScope scope(m_isolate);
    v8::Local<v8::ObjectTemplate> globalTemplate;
    if (m_options.globalTemplate) globalTemplate = m_options.globalTemplate(m_isolate);
    v8::Local<v8::Context> context = v8::Context::New(m_isolate, nullptr, globalTemplate);
    m_context.Reset(m_isolate, context);
    bind::IsolateData::get(m_isolate)->setContext(context);
    v8::Context::Scope contextScope(context);
    v8::Local<v8::Object> global = context->Global();
    for (Installer install : m_options.installers)
        install(context, global);
    m_inspection = std::make_unique<InspectorSession>(*this, m_options.feed);
}

Runtime::~Runtime()
{
    m_loop->shutdown();
    {
        v8::HandleScope scope(m_isolate);
        v8::Context::Scope contextScope(context());
        runTeardownHooks();
        m_threadObjects.clear();
        m_inspection.reset();
        m_modules.reset();
        m_pendingRejections.clear();
        m_entryPromise.Reset();
        bind::IsolateData::detach(m_isolate);
        m_context.Reset();
    }
    Platform::unregisterIsolate(m_isolate);
    m_isolate->SetData(kIsolateSlot, nullptr);
    m_isolate->Exit();
    m_isolate->Dispose();
    delete m_allocator;
}

void Runtime::start()
{
    m_loop->post([this] { evaluateEntry(); });
}

void Runtime::evaluateEntry()
{
    v8::Local<v8::Context> context = this->context();
    QString url, source;
    if (!m_modules->entrySource(m_request, url, source))
        return; // an exception is pending: reported as uncaught by runMacrotask
    if (m_request.classic) {
        v8::Local<v8::String> code, name;
        if (!bind::newString(m_isolate, source).ToLocal(&code) ||
            !bind::newString(m_isolate, url).ToLocal(&name)) {
            bind::throwRangeError(m_isolate, "The script is too large");
            return;
        }
        v8::ScriptOrigin origin(m_isolate, name);
        v8::Local<v8::Script> script;
        if (!v8::Script::Compile(context, code, &origin).ToLocal(&script)) return;
        v8::Local<v8::Value> result;
        if (script->Run(context).ToLocal(&result) && m_request.printResult &&
            !result->IsUndefined()) {
            ConsoleMessage message;
            message.kind = ConsoleMessage::Kind::Result;
            message.text = m_hooks.formatValue
                               ? QString::fromStdString(m_hooks.formatValue(context, result))
                               : QString();
            emitConsole(std::move(message));
        }
        return;
    }
    v8::Local<v8::Promise> promise;
    if (m_modules->evaluateEntry(url, source).ToLocal(&promise))
        m_entryPromise.Reset(m_isolate, promise);
}

void Runtime::runMacrotask(const std::function<void()>& task)
{
    // After the run the loop still runs what REPL lines start (timers, awaited promises, host
    // operations), each task with a checkpoint; an exception there is reported and ends nothing.
    const bool afterRun = m_finished;
    v8::HandleScope scope(m_isolate);
    v8::Local<v8::Context> context = this->context();
    v8::Context::Scope contextScope(context);
    m_inMacrotask = true;
    {
        v8::TryCatch tryCatch(m_isolate);
        task();
        if (tryCatch.HasCaught() && tryCatch.CanContinue())
            reportException(tryCatch.Exception(), tryCatch.Message(),
                            afterRun ? ReportKind::Reported : ReportKind::Uncaught);
    }
    // https://html.spec.whatwg.org/#perform-a-microtask-checkpoint after every task.
    if (afterRun || (m_stopReason.load() == StopReason::None && !m_stopAfterTask))
        m_isolate->PerformMicrotaskCheckpoint();
    m_inMacrotask = false;
    if (!afterRun) {
        afterMacrotask();
        return;
    }
    m_pendingRejections.clear(); // a REPL line's rejections are not the run's
    m_stopAfterTask = false;
}

void Runtime::stopAfterRun()
{
    m_loop->clear();
}

void Runtime::runPlatformTask(v8::Task& task)
{
    if (!m_finished) {
        runMacrotask([&task] { task.Run(); });
        m_loop->checkAliveLater();
        return;
    }
    v8::HandleScope scope(m_isolate);
    v8::Context::Scope contextScope(context());
    v8::TryCatch tryCatch(m_isolate);
    task.Run();
}

void Runtime::afterMacrotask()
{
    if (m_stopAfterTask) requestStop(StopReason::Fatal);
    if (m_stopReason.load() == StopReason::None) processPendingRejections();
    // Between two tasks: what snapshot producers read is consistent here (never from an
    // interrupt, which may come in the middle of an algorithm).
    if (m_options.feed && m_stopReason.load() == StopReason::None) m_options.feed->pollSnapshots();
    finishIfStopRequested();
}

void Runtime::finishIfStopRequested()
{
    if (m_finished) return;
    switch (m_stopReason.load()) {
    case StopReason::None: return;
    case StopReason::Stop: finish(RunResult::Status::Stopped, 130); return;
    case StopReason::Timeout: finish(RunResult::Status::TimedOut, 124); return;
    case StopReason::Exit: finish(RunResult::Status::Exited, m_exitCode); return;
    case StopReason::Fatal: finish(RunResult::Status::Failed, 1); return;
    case StopReason::OutOfMemory: {
        ConsoleMessage message;
        message.level = ConsoleMessage::Level::Error;
        message.kind = ConsoleMessage::Kind::Uncaught;
        message.text = QStringLiteral("Uncaught RangeError: JavaScript heap out of memory "
                                      "(the heap limit of this run was reached)");
        m_failure.errorText = message.text;
        emitConsole(std::move(message));
        finish(RunResult::Status::OutOfMemory, 1);
        return;
    }
    }
}

void Runtime::onLoopIdle()
{
    if (m_finished || m_inMacrotask) return;
    if (!m_entryPromise.IsEmpty()) {
        v8::HandleScope scope(m_isolate);
        if (m_entryPromise.Get(m_isolate)->State() == v8::Promise::kPending) {
            // Nothing can settle it any more (Node exits with 13 here too).
            ConsoleMessage message;
            message.level = ConsoleMessage::Level::Warn;
            message.kind = ConsoleMessage::Kind::Warning;
            message.text = QStringLiteral("Warning: Detected unsettled top-level await: the "
                                          "module waits on a promise that nothing will settle");
            message.sourceUrl = m_modules->entryUrl();
            emitConsole(std::move(message));
            finish(RunResult::Status::Completed, 13);
            return;
        }
    }
    finish(RunResult::Status::Completed, 0);
}

void Runtime::finish(RunResult::Status status, int exitCode)
{
    if (m_finished) return;
    m_finished = true;
    m_loop->clear(); // the run's pending work goes; REPL lines may start more (runTaskAfterRun)
    m_isolate->CancelTerminateExecution();
    {
        v8::HandleScope scope(m_isolate);
        v8::Context::Scope contextScope(context());
        runTeardownHooks();
    }
    RunResult result = m_failure;
    result.runId = m_runId;
    result.status = status;
    result.exitCode = exitCode;
    result.elapsedMs = static_cast<double>(m_elapsed.nsecsElapsed()) / 1e6;
    if (const double stopAt = m_stopRequestedAtMs.load(); stopAt > 0)
        result.stopLatencyMs = EventLoop::monotonicNowMs() - stopAt;
    if (status != RunResult::Status::Failed && status != RunResult::Status::OutOfMemory)
        result.errorText.clear();
    m_host.onRunFinished(result);
}

uint64_t Runtime::addTeardownHook(std::function<void()> hook)
{
    const uint64_t id = m_nextTeardownHook++;
    m_teardownHooks.emplace(id, std::move(hook));
    return id;
}

void Runtime::removeTeardownHook(uint64_t id)
{
    m_teardownHooks.erase(id);
}

void Runtime::runTeardownHooks()
{
    // A hook may add or remove others: take the list first.
    std::map<uint64_t, std::function<void()>> hooks;
    hooks.swap(m_teardownHooks);
    for (auto& [id, hook] : hooks)
        hook();
}

void Runtime::requestStop(StopReason reason)
{
    StopReason expected = StopReason::None;
    if (!m_stopReason.compare_exchange_strong(expected, reason)) return;
    m_stopRequestedAtMs.store(EventLoop::monotonicNowMs());
    m_isolate->TerminateExecution(); // thread-safe
}

void Runtime::exit(int code)
{
    m_exitCode = code;
    requestStop(StopReason::Exit);
    unwindForStop();
}

void Runtime::unwindForStop()
{
    v8::Local<v8::Context> context = this->context();
    v8::Local<v8::Script> script;
    if (v8::Script::Compile(context, bind::name(m_isolate, "0")).ToLocal(&script))
        script->Run(context).IsEmpty();
}

void Runtime::emitConsole(ConsoleMessage&& message)
{
    message.runId = m_runId;
    if (message.timestampMs == 0) message.timestampMs = QDateTime::currentMSecsSinceEpoch();
    m_host.onConsoleMessage(std::move(message));
}

void Runtime::publishInspectorEvent(int kind, QVariant value)
{
    if (m_options.feed) m_options.feed->publish(kind, m_runId, std::move(value));
}

void Runtime::reportException(v8::Local<v8::Value> exception, v8::Local<v8::Message> message,
                              ReportKind kind)
{
    v8::Local<v8::Context> context = this->context();
    ErrorLocation location =
        message.IsEmpty() ? locationOfError(context, exception) : locationOf(context, message);
    // https://html.spec.whatwg.org/#report-an-exception: an "error" event first; a listener
    // that cancels it handles the error.
    if (kind != ReportKind::UncaughtInPromise && m_hooks.dispatchError) {
        v8::TryCatch tryCatch(m_isolate);
        if (m_hooks.dispatchError(context, exception, location)) return;
    }
    QString label;
    if (kind == ReportKind::Uncaught || kind == ReportKind::UncaughtInCallback)
        label = QStringLiteral("Uncaught");
    else if (kind == ReportKind::UncaughtInPromise)
        label = QStringLiteral("Uncaught (in promise)");
    const QString text =
        formatErrorReport(context, exception, location, label, m_hooks.formatValue);

    ConsoleMessage out;
    out.level = ConsoleMessage::Level::Error;
    out.kind = kind == ReportKind::Reported ? ConsoleMessage::Kind::Reported
                                            : ConsoleMessage::Kind::Uncaught;
    out.text = text;
    out.sourceUrl = location.url;
    out.line = location.line;
    out.column = location.column;
    emitConsole(std::move(out));

    if (kind == ReportKind::Reported) return;
    if (m_failure.errorText.isEmpty()) {
        m_failure.errorText = text;
        m_failure.errorUrl = location.url;
        m_failure.errorLine = location.line;
        m_failure.errorColumn = location.column;
    }
    if (kind == ReportKind::UncaughtInCallback && (m_inMacrotask || m_finished))
        m_stopAfterTask = !m_finished; // a REPL line's listener error is only reported
    else
        requestStop(StopReason::Fatal); // no further callbacks run
}

void Runtime::processPendingRejections()
{
    // https://html.spec.whatwg.org/#notify-about-rejected-promises
    while (!m_pendingRejections.empty() && m_stopReason.load() == StopReason::None) {
        std::vector<PendingRejection> pending;
        pending.swap(m_pendingRejections);
        for (PendingRejection& entry : pending) {
            if (m_stopReason.load() != StopReason::None) break;
            v8::HandleScope scope(m_isolate);
            v8::Local<v8::Promise> promise = entry.promise.Get(m_isolate);
            v8::Local<v8::Value> reason = entry.reason.Get(m_isolate);
            if (promise->HasHandler()) continue;
            const bool isEntry =
                !m_entryPromise.IsEmpty() && m_entryPromise.Get(m_isolate) == promise;
            if (!isEntry && m_hooks.dispatchUnhandledRejection) {
                v8::TryCatch tryCatch(m_isolate);
                const bool handled = m_hooks.dispatchUnhandledRejection(context(), promise, reason);
                m_isolate->PerformMicrotaskCheckpoint();
                if (handled) continue;
            }
            reportException(reason, v8::Local<v8::Message>(),
                            isEntry ? ReportKind::Uncaught : ReportKind::UncaughtInPromise);
        }
    }
}

void Runtime::onPromiseReject(v8::PromiseRejectMessage message)
{
    v8::Local<v8::Promise> promise = message.GetPromise();
    v8::Isolate* isolate = promise->GetIsolate();
    Runtime* self = from(isolate);
    if (!self) return;
    switch (message.GetEvent()) {
    case v8::kPromiseRejectWithNoHandler: {
        PendingRejection entry;
        entry.promise.Reset(isolate, promise);
        entry.reason.Reset(isolate, message.GetValue());
        self->m_pendingRejections.push_back(std::move(entry));
        break;
    }
    case v8::kPromiseHandlerAddedAfterReject: {
        auto& list = self->m_pendingRejections;
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const PendingRejection& entry) {
                                      return entry.promise.Get(isolate) == promise;
                                  }),
                   list.end());
        break;
    }
    default: break;
    }
}

void Runtime::onMessage(v8::Local<v8::Message> message, v8::Local<v8::Value> error)
{
    // Reached only for exceptions no TryCatch caught: those thrown by microtask callbacks
    // (queueMicrotask). They are uncaught exceptions of the run.
    v8::Isolate* isolate = message->GetIsolate();
    Runtime* self = from(isolate);
    if (!self || self->m_finished || self->m_stopReason.load() != StopReason::None) return;
    self->reportException(error, message, ReportKind::Uncaught);
}

// The limit a script sees (--max-heap-mb, else V8's default for this machine's memory) is
// enforced here, after each full GC; V8's own limit sits at hardHeapLimit(), far enough above
// that any single allocation made below the limit (a Map or array doubling its backing store,
// one long builtin filling an array) still fits, so the run ends with a clean RangeError
// instead of V8's fatal "CALL_AND_RETRY_LAST".
size_t Runtime::heapLimitFor(int maxHeapMb)
{
    if (maxHeapMb > 0) return static_cast<size_t>(maxHeapMb) * 1024 * 1024;
    v8::ResourceConstraints defaults;
    const uint64_t physical = static_cast<uint64_t>(sysconf(_SC_PHYS_PAGES)) *
                              static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
    defaults.ConfigureDefaults(physical, 0);
    return defaults.max_old_generation_size_in_bytes() +
           defaults.max_young_generation_size_in_bytes();
}

size_t Runtime::hardHeapLimit(size_t limit)
{
    return 2 * limit + 64u * 1024 * 1024;
}

void Runtime::onFullGarbageCollection(v8::Isolate* isolate, v8::GCType, v8::GCCallbackFlags,
                                      void* data)
{
    auto* self = static_cast<Runtime*>(data);
    v8::HeapStatistics heap;
    isolate->GetHeapStatistics(&heap);
    if (heap.used_heap_size() <= self->m_heapLimit) return;
    self->stopForOutOfMemory();
}

void Runtime::stopForOutOfMemory()
{
    if (m_finished && !m_evaluatingLine)
        return; // nothing runs: the next REPL line starts with a fresh check
    requestStop(StopReason::OutOfMemory);
    // Also when another stop reason is set already (a REPL line after a failed run): the limit
    // must hold in every case.
    m_isolate->TerminateExecution();
}

size_t Runtime::onNearHeapLimit(void* data, size_t currentLimit, size_t)
{
    // V8's own (hard) limit: reached only when live memory grew past ours inside one builtin
    // that does not check for termination.
    auto* self = static_cast<Runtime*>(data);
    self->stopForOutOfMemory();
    if (self->m_hardLimitRaised)
        return currentLimit; // V8 gives up: core/fatal_error.h ends the process cleanly
    self->m_hardLimitRaised = true;
    // Room for V8 to reach the next point where termination takes effect.
    return currentLimit + std::max<size_t>(currentLimit / 4, 64u * 1024 * 1024);
}

HeapStats Runtime::heapStatistics()
{
    HeapStats stats;
    stats.runId = m_runId;
    stats.elapsedMs = now();
    v8::HeapStatistics heap;
    m_isolate->GetHeapStatistics(&heap);
    stats.usedHeap = heap.used_heap_size();
    stats.totalHeap = heap.total_heap_size();
    stats.heapLimit = m_heapLimit;
    stats.externalMemory = heap.external_memory();
    stats.mallocedMemory = heap.malloced_memory();
    if (bind::IsolateData* data = bind::IsolateData::get(m_isolate)) {
        stats.hostObjectMemory = static_cast<quint64>(std::max<int64_t>(0, data->externalMemory()));
        for (int kind = 0; kind < kExternalMemoryKindCount; ++kind) {
            stats.externalByKind[size_t(kind)] = static_cast<quint64>(
                std::max<int64_t>(0, data->externalMemory(ExternalMemoryKind(kind))));
        }
    }
    stats.externalByKind[size_t(ExternalMemoryKind::ArrayBuffers)] =
        static_cast<ArrayBufferAllocator*>(m_allocator)->allocatedBytes();
    const size_t spaces = m_isolate->NumberOfHeapSpaces();
    for (size_t i = 0; i < spaces; ++i) {
        v8::HeapSpaceStatistics space;
        if (!m_isolate->GetHeapSpaceStatistics(&space, i)) continue;
        stats.spaces.push_back(HeapSpaceStats{
            QString::fromLatin1(space.space_name()), space.space_size(), space.space_used_size(),
            space.space_available_size(), space.physical_space_size()});
    }
    return stats;
}

} // namespace nano::core

namespace nano::core {

namespace {
class SnapshotStream final : public v8::OutputStream {
public:
    explicit SnapshotStream(QSaveFile& file)
        : m_file(file)
    {}
    void EndOfStream() override {}
    int GetChunkSize() override { return 1 << 16; }
    WriteResult WriteAsciiChunk(char* data, int size) override
    {
        return m_file.write(data, size) == size ? kContinue : kAbort;
    }

private:
    QSaveFile& m_file;
};
} // namespace

bool Runtime::writeHeapSnapshot(const QString& path, QString& error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = file.errorString();
        return false;
    }
    v8::HandleScope scope(m_isolate);
    const v8::HeapSnapshot* snapshot = m_isolate->GetHeapProfiler()->TakeHeapSnapshot();
    if (!snapshot) {
        error = QStringLiteral("V8 could not take a heap snapshot");
        return false;
    }
    SnapshotStream stream(file);
    snapshot->Serialize(&stream, v8::HeapSnapshot::kJSON);
    const_cast<v8::HeapSnapshot*>(snapshot)->Delete();
    if (!file.commit()) {
        error = file.errorString();
        return false;
    }
    return true;
}

void Runtime::evaluateLine(const QString& code, LineResult done)
{
    v8::HandleScope scope(m_isolate);
    v8::Local<v8::Context> context = this->context();
    v8::Context::Scope contextScope(context);
    m_isolate->CancelTerminateExecution();
    m_evaluatingLine = true;
    m_stopAfterTask = false;
    struct LineEnd {
        bool& flag;
        ~LineEnd() { flag = false; }
    } lineEnd{m_evaluatingLine};
    v8::TryCatch tryCatch(m_isolate);
    // Named beside the entry script, so import() in a REPL line resolves like the script's.
    const QString name = QUrl(m_modules->entryUrl())
                             .resolved(QUrl(QStringLiteral("repl")))
                             .toString(QUrl::FullyEncoded);
    v8::Local<v8::String> resourceName;
    if (!bind::newString(m_isolate, name).ToLocal(&resourceName))
        resourceName = bind::name(m_isolate, "repl");
    v8::ScriptOrigin origin(m_isolate, resourceName);
    auto compile = [&](const QString& text) {
        v8::Local<v8::String> source;
        v8::Local<v8::Script> script;
        if (bind::newString(m_isolate, text).ToLocal(&source))
            script = v8::Script::Compile(context, source, &origin).FromMaybe(script);
        return script;
    };
    v8::Local<v8::Script> script = compile(code);
    bool awaited = false;
    if (script.IsEmpty() && tryCatch.HasCaught() && tryCatch.CanContinue() &&
        code.contains(QLatin1String("await"))) {
        // Top-level await in a line, as Node's REPL allows: the line runs in an async function
        // (as an expression whose value is shown, else as statements) and its answer waits.
        v8::TryCatch retry(m_isolate);
        for (const QString& wrapped : {QStringLiteral("(async () => (\n%1\n))()").arg(code),
                                       QStringLiteral("(async () => {\n%1\n})()").arg(code)}) {
            retry.Reset();
            if (!(script = compile(wrapped)).IsEmpty()) {
                awaited = true;
                tryCatch.Reset();
                break;
            }
        }
    }
    v8::Local<v8::Value> result;
    if (!script.IsEmpty() && script->Run(context).ToLocal(&result)) {
        m_isolate->PerformMicrotaskCheckpoint();
        m_pendingRejections.clear(); // a REPL line's rejections are not the run's
        if (!awaited || !result->IsPromise()) {
            done(formatValue(context, result), false);
            return;
        }
        auto shared = std::make_shared<LineResult>(std::move(done));
        const bool chained = bind::react(
            context, result.As<v8::Promise>(),
            [this, shared](v8::Isolate*, v8::Local<v8::Value> value) {
                (*shared)(formatValue(this->context(), value), false);
            },
            [this, shared](v8::Isolate*, v8::Local<v8::Value> reason) {
                v8::Local<v8::Context> ctx = this->context();
                (*shared)(formatErrorReport(ctx, reason, locationOfError(ctx, reason),
                                            QStringLiteral("Uncaught"), m_hooks.formatValue),
                          true);
            });
        if (!chained) (*shared)(QStringLiteral("The line could not be evaluated."), true);
        m_isolate->PerformMicrotaskCheckpoint(); // settled already: answer now
        return;
    }
    if (!tryCatch.HasCaught()) {
        done(QStringLiteral("The line could not be evaluated."), true);
        return;
    }
    if (!tryCatch.CanContinue()) {
        m_isolate->CancelTerminateExecution();
        done(QStringLiteral("Evaluation was stopped."), true);
        return;
    }
    done(formatErrorReport(context, tryCatch.Exception(), locationOf(context, tryCatch.Message()),
                           QStringLiteral("Uncaught"), m_hooks.formatValue),
         true);
}

QString Runtime::formatValue(v8::Local<v8::Context> context, v8::Local<v8::Value> value)
{
    return m_hooks.formatValue ? QString::fromStdString(m_hooks.formatValue(context, value))
                               : QString();
}

} // namespace nano::core
