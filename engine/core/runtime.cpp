// Runtime: the isolate and context lifecycle, the run (its entry, macrotasks, the loop going
// idle), stop, exit and teardown hooks. Error reports, promise rejections, the heap and the REPL
// live in runtime_errors.cpp, runtime_rejections.cpp, runtime_heap.cpp and runtime_repl.cpp.

#include "core/runtime.h"

#include "bind/isolate_data.h"
#include "bind/strings.h"
#include "core/array_buffer_allocator.h"
#include "core/fatal_error.h"
#include "core/inspector_agent.h"
#include "core/inspector_producers.h"
#include "core/module_loader.h"
#include "core/platform.h"

#include <QDateTime>

#include <cstdlib>
#include <regex>
#include <string>
#include <utility>

namespace nano::core {

namespace {
// The JS stack size: V8's default (--stack-size, in KiB), or the one NANO_V8_FLAGS sets. The
// thread has more (8 MiB): native code below the limit always has room.
uintptr_t jsStackBytes()
{
    uintptr_t kib = 984;
    if (const char* flags = std::getenv("NANO_V8_FLAGS")) {
        static const std::regex stackSize(R"(--stack[-_]size[= ](\d+))");
        std::cmatch match;
        if (std::regex_search(flags, match, stackSize))
            kib = std::clamp<uintptr_t>(std::stoul(match[1].str()), 64, 7 * 1024);
    }
    return kib * 1024;
}
} // namespace

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
    // The JS stack ends jsStackBytes() below this frame. Set explicitly (V8 would derive the
    // same from --stack-size) so the binding layer knows where it ends.
    const uintptr_t stackLimit =
        reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) - jsStackBytes();
    m_isolate->SetStackLimit(stackLimit);
    bind::IsolateData::get(m_isolate)->setStackLimit(stackLimit);

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

    for (IsolateSetup setUp : m_options.isolateSetups)
        setUp(m_isolate);

    m_modules = std::make_unique<ModuleLoader>(*this);
    m_permissions = std::make_unique<NetworkPermissions>(
        request.network, [this](quint64 id, const QString& origin) {
            if (!m_host.onPermissionRequest(id, origin))
                m_loop->post([this, id] { m_permissions->answer(id, PermissionAnswer::Deny); });
        });

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
    if (m_options.inspector)
        m_inspector = std::make_unique<InspectorAgent>(*this, *m_options.inspector);
}

Runtime::~Runtime()
{
    m_loop->shutdown();
    {
        v8::HandleScope scope(m_isolate);
        v8::Context::Scope contextScope(context());
        runTeardownHooks();
        m_threadObjects.clear();
        m_inspector.reset();
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
    if (m_request.inspectBrk && m_inspector) {
        m_inspector->waitForDebuggerAndBreak();
        if (isStopRequested()) return;
    }
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
    // What awaited lines waited for is gone: they answer now rather than never.
    for (const std::shared_ptr<LineResult>& line : std::exchange(m_awaitedLines, {})) {
        if (*line) {
            const LineResult once = std::move(*line);
            *line = nullptr;
            once(QStringLiteral("Evaluation was stopped."), true);
        }
    }
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
    if (m_options.inspector) m_options.inspector->wake(); // a paused script notices the stop
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

} // namespace nano::core
