#include "core/platform.h"

#include <cstdlib>
#include <libplatform/libplatform.h>
#include <mutex>
#include <unordered_map>

namespace nano::core {

namespace {

// One per registered isolate; it may outlive the isolate (V8 holds shared_ptrs), so the sink is
// guarded and cleared on unregister.
class ForegroundRunner final : public v8::TaskRunner {
public:
    explicit ForegroundRunner(ForegroundTaskSink* sink)
        : m_sink(sink)
    {}

    void detach()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sink = nullptr;
    }

    void PostTask(std::unique_ptr<v8::Task> task) override { post(std::move(task), 0); }
    void PostNonNestableTask(std::unique_ptr<v8::Task> task) override { post(std::move(task), 0); }
    void PostDelayedTask(std::unique_ptr<v8::Task> task, double delaySeconds) override
    {
        post(std::move(task), delaySeconds);
    }
    void PostNonNestableDelayedTask(std::unique_ptr<v8::Task> task, double delaySeconds) override
    {
        post(std::move(task), delaySeconds);
    }
    void PostIdleTask(std::unique_ptr<v8::IdleTask>) override {}
    bool IdleTasksEnabled() override { return false; }
    bool NonNestableTasksEnabled() const override { return true; }
    bool NonNestableDelayedTasksEnabled() const override { return true; }

private:
    void post(std::unique_ptr<v8::Task> task, double delaySeconds)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_sink) m_sink->postForegroundTask(std::move(task), delaySeconds);
    }

    std::mutex m_mutex;
    ForegroundTaskSink* m_sink;
};

class HostPlatform final : public v8::Platform {
public:
    explicit HostPlatform(std::unique_ptr<v8::Platform> inner)
        : m_inner(std::move(inner))
    {}

    void registerIsolate(v8::Isolate* isolate, ForegroundTaskSink* sink)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_runners[isolate] = std::make_shared<ForegroundRunner>(sink);
    }

    void unregisterIsolate(v8::Isolate* isolate)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_runners.find(isolate);
        if (it == m_runners.end()) return;
        it->second->detach();
        m_runners.erase(it);
    }

    v8::PageAllocator* GetPageAllocator() override { return m_inner->GetPageAllocator(); }
    int NumberOfWorkerThreads() override { return m_inner->NumberOfWorkerThreads(); }

    std::shared_ptr<v8::TaskRunner> GetForegroundTaskRunner(v8::Isolate* isolate) override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_runners.find(isolate);
        if (it != m_runners.end()) return it->second;
        // An isolate we do not run (none today): a runner that drops its tasks.
        static auto orphan = std::make_shared<ForegroundRunner>(nullptr);
        return orphan;
    }

    void CallOnWorkerThread(std::unique_ptr<v8::Task> task) override
    {
        m_inner->CallOnWorkerThread(std::move(task));
    }
    void CallBlockingTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override
    {
        m_inner->CallBlockingTaskOnWorkerThread(std::move(task));
    }
    void CallLowPriorityTaskOnWorkerThread(std::unique_ptr<v8::Task> task) override
    {
        m_inner->CallLowPriorityTaskOnWorkerThread(std::move(task));
    }
    void CallDelayedOnWorkerThread(std::unique_ptr<v8::Task> task, double delaySeconds) override
    {
        m_inner->CallDelayedOnWorkerThread(std::move(task), delaySeconds);
    }
    bool IdleTasksEnabled(v8::Isolate*) override { return false; }
    std::unique_ptr<v8::JobHandle> PostJob(v8::TaskPriority priority,
                                           std::unique_ptr<v8::JobTask> jobTask) override
    {
        return m_inner->PostJob(priority, std::move(jobTask));
    }
    double MonotonicallyIncreasingTime() override { return m_inner->MonotonicallyIncreasingTime(); }
    double CurrentClockTimeMillis() override { return m_inner->CurrentClockTimeMillis(); }
    v8::TracingController* GetTracingController() override
    {
        return m_inner->GetTracingController();
    }

private:
    std::unique_ptr<v8::Platform> m_inner;
    std::mutex m_mutex;
    std::unordered_map<v8::Isolate*, std::shared_ptr<ForegroundRunner>> m_runners;
};

HostPlatform* g_platform = nullptr;
std::once_flag g_once;

} // namespace

void Platform::initialize(const char* argv0)
{
    std::call_once(g_once, [argv0] {
        v8::V8::InitializeICUDefaultLocation(argv0 ? argv0 : "");
        // JSON modules need import assertions, still behind a flag in V8 10.2.
        v8::V8::SetFlagsFromString("--harmony-import-assertions");
        // Free dead ArrayBuffers' memory in the GC that finds them, not later on a worker: a
        // script that makes big buffers in a loop then gets the pages it just gave back (already
        // faulted in) instead of fresh ones. structuredClone of 64 MiB: 8-13 ms instead of 15-28.
        v8::V8::SetFlagsFromString("--no-concurrent-array-buffer-sweeping");
        // NANO_V8_FLAGS passes V8 options through, for diagnosing (e.g. "--trace-gc").
        if (const char* flags = std::getenv("NANO_V8_FLAGS")) v8::V8::SetFlagsFromString(flags);
        // Two worker threads: the machine we target has two cores, and more only adds contention.
        g_platform = new HostPlatform(
            v8::platform::NewDefaultPlatform(2, v8::platform::IdleTaskSupport::kDisabled));
        v8::V8::InitializePlatform(g_platform);
        v8::V8::Initialize();
        // The platform and V8 live until the process exits: disposing them while a late worker
        // task runs would crash at exit for no gain.
    });
}

v8::Platform* Platform::get()
{
    return g_platform;
}

void Platform::registerIsolate(v8::Isolate* isolate, ForegroundTaskSink* sink)
{
    g_platform->registerIsolate(isolate, sink);
}

void Platform::unregisterIsolate(v8::Isolate* isolate)
{
    g_platform->unregisterIsolate(isolate);
}

} // namespace nano::core
