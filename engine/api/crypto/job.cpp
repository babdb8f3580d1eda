#include "api/crypto/job.h"

#include "core/async_operation.h"

#include "bind/dom_exception.h"
#include "bind/isolate_data.h"
#include "core/async_operation.h"
#include "core/runtime.h"

#include <QRunnable>
#include <QThread>
#include <QThreadPool>
#include <cstring>
#include <openssl/err.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <deque>
#include <mutex>
#include <unordered_map>

namespace nano::api::crypto {

namespace {

// The pool crypto jobs run on: one thread per core. Static, so it outlives every runtime; its
// destructor waits for running jobs at exit.
QThreadPool& pool()
{
    static QThreadPool* instance = [] {
        auto* p = new QThreadPool();
        p->setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
        p->setExpiryTimeout(5000);
        return p;
    }();
    return *instance;
}

struct Task {
    uint64_t id;
    JobWork work;
};

// What the engine thread and the pool workers share (one per isolate). Small jobs wait in
// `waiting`, and whoever is free takes the next one: the engine thread from its flush microtask,
// pool workers from the moment a burst is large enough to need them, so no thread idles while
// jobs wait and none gets a fixed share that a busier core would finish late. Results computed
// on the pool gather in `done` and are settled together by one macrotask. The per-isolate
// JobQueue clears `loop` when the isolate goes away (the loop still exists then), so late results
// are dropped instead of touching a dead loop.
struct WorkQueue {
    std::mutex mutex;
    std::deque<Task> waiting;
    std::vector<std::pair<uint64_t, JobResult>> done;
    int workers = 0;          // pool workers taking from `waiting`
    bool drainPosted = false; // a macrotask that settles `done` is queued
    core::EventLoop* loop = nullptr;
};
using WorkQueuePtr = std::shared_ptr<WorkQueue>;

// Runs one job on the calling thread; the work (and the key references it holds) is released
// here, so a pool thread does not leave that to the engine thread.
JobResult runTask(Task& task)
{
    JobResult result;
    task.work(result);
    ERR_clear_error(); // failed calls leave entries in this thread's queue
    task.work = nullptr;
    return result;
}

struct Pending {
    core::AsyncOperation operation;
    JobFinish finish;
};

// Per-isolate scheduler state (bind::IsolateData::state), on the engine thread only.
class JobQueue {
public:
    JobQueue()
        : m_shared(std::make_shared<WorkQueue>())
    {}
    ~JobQueue()
    {
        if (m_isolate)
            m_isolate->RemoveMicrotasksCompletedCallback(&JobQueue::onMicrotasksCompleted, this);
        std::deque<Task> waiting;
        {
            std::lock_guard<std::mutex> lock(m_shared->mutex);
            m_shared->loop = nullptr;
            waiting.swap(m_shared->waiting);
        }
        // Jobs nobody started, pending resolvers (v8::Global) and keep-alives are released here,
        // on the engine thread, while the isolate and the loop still exist.
    }

    void attach(v8::Isolate* isolate, core::EventLoop& loop)
    {
        if (!m_isolate) {
            {
                std::lock_guard<std::mutex> lock(m_shared->mutex);
                m_shared->loop = &loop;
            }
            m_isolate = isolate;
            isolate->AddMicrotasksCompletedCallback(&JobQueue::onMicrotasksCompleted, this);
        }
        if (!m_teardownHook) {
            // The run ends: jobs nobody started are dropped, in-flight results are ignored.
            m_teardownHook = core::Runtime::from(isolate)->addTeardownHook([this] {
                m_teardownHook = 0;
                {
                    std::lock_guard<std::mutex> lock(m_shared->mutex);
                    m_shared->waiting.clear();
                }
                m_inFlight.clear();
                m_holding = false;
                m_keepAlive.reset();
            });
        }
        // One hold for all pending jobs, released at the end of a microtask checkpoint that
        // leaves none in flight: dropping the loop's last reference posts it a liveness check (an
        // event and a syscall), which per job would cost a chain of `await subtle.sign(...)`
        // more than the thread hop that running it inline saves.
        if (!m_holding) {
            m_keepAlive = loop.keepAlive();
            m_holding = true;
        }
    }

    void add(v8::Isolate* isolate, JobCost cost, JobWork work, Pending&& pending)
    {
        const uint64_t id = m_nextId++;
        m_inFlight.emplace(id, std::move(pending));
        if (cost == JobCost::Large) {
            // Always on the pool, so timers keep firing while it runs.
            Task task{id, std::move(work)};
            WorkQueuePtr shared = m_shared;
            pool().start([shared, task = std::move(task)]() mutable {
                JobResult result = runTask(task);
                std::lock_guard<std::mutex> lock(shared->mutex);
                publish(shared, task.id, std::move(result));
            });
            return;
        }
        bool startWorker = false;
        {
            std::lock_guard<std::mutex> lock(m_shared->mutex);
            m_shared->waiting.push_back(Task{id, std::move(work)});
            // A lone `await subtle.sign(...)` runs on this thread, cheaper than any thread hop;
            // a burst brings in the pool while the script is still starting jobs.
            if (m_shared->waiting.size() > kInlineLimit && m_shared->workers < maxWorkers()) {
                ++m_shared->workers;
                startWorker = true;
            }
        }
        if (startWorker) {
            WorkQueuePtr shared = m_shared;
            pool().start([shared] { runWorker(shared); });
        }
        if (!m_flushScheduled) {
            m_flushScheduled = true;
            isolate->EnqueueMicrotask(&JobQueue::flushMicrotask, isolate);
        }
    }

private:
    // Up to this many small jobs queued in one turn run on the engine thread alone.
    static constexpr size_t kInlineLimit = 8;

    // The engine thread works on a burst too, so it takes one core's place: more workers than
    // that only time-slice with it (measured: the 1000-signature burst is no faster, and the
    // script that starts it runs slower).
    static int maxWorkers() { return std::max(1, pool().maxThreadCount() - 1); }

    // Called with shared->mutex held: queues the result and, unless one is already queued, a
    // macrotask that settles everything in `done`.
    static void publish(const WorkQueuePtr& shared, uint64_t id, JobResult&& result)
    {
        if (!shared->loop) return;
        shared->done.emplace_back(id, std::move(result));
        if (shared->drainPosted) return;
        shared->drainPosted = true;
        shared->loop->postFromAnyThread([shared] {
            v8::Isolate* isolate = v8::Isolate::GetCurrent();
            bind::IsolateData::get(isolate)->state<JobQueue>().drain(isolate);
        });
    }

    // A pool worker: takes waiting jobs until there are none.
    static void runWorker(const WorkQueuePtr& shared)
    {
        std::unique_lock<std::mutex> lock(shared->mutex);
        while (!shared->waiting.empty()) {
            Task task = std::move(shared->waiting.front());
            shared->waiting.pop_front();
            lock.unlock();
            JobResult result = runTask(task);
            lock.lock();
            publish(shared, task.id, std::move(result));
        }
        --shared->workers;
    }

    static void onMicrotasksCompleted(v8::Isolate*, void* data)
    {
        auto* queue = static_cast<JobQueue*>(data);
        if (queue->m_holding && queue->m_inFlight.empty()) {
            queue->m_holding = false;
            queue->m_keepAlive.reset();
        }
    }

    static void flushMicrotask(void* data)
    {
        auto* isolate = static_cast<v8::Isolate*>(data);
        bind::IsolateData::get(isolate)->state<JobQueue>().flush(isolate);
    }

    // The engine thread's part of a burst: takes waiting jobs alongside the pool workers and
    // settles each right away; then settles what the workers finished meanwhile. The rest comes
    // back through the drain macrotask.
    void flush(v8::Isolate* isolate)
    {
        m_flushScheduled = false;
        v8::HandleScope scope(isolate);
        v8::Context::Scope contextScope(bind::IsolateData::get(isolate)->context());
        for (;;) {
            Task task;
            {
                std::lock_guard<std::mutex> lock(m_shared->mutex);
                if (m_shared->waiting.empty()) break;
                task = std::move(m_shared->waiting.front());
                m_shared->waiting.pop_front();
            }
            JobResult result = runTask(task);
            complete(isolate, task.id, result);
        }
        settleDone(isolate);
    }

    void drain(v8::Isolate* isolate)
    {
        v8::HandleScope scope(isolate);
        v8::Context::Scope contextScope(bind::IsolateData::get(isolate)->context());
        settleDone(isolate);
    }

    void settleDone(v8::Isolate* isolate)
    {
        std::vector<std::pair<uint64_t, JobResult>> done;
        {
            std::lock_guard<std::mutex> lock(m_shared->mutex);
            done.swap(m_shared->done);
            m_shared->drainPosted = false;
        }
        for (auto& [id, result] : done)
            complete(isolate, id, result);
    }

    void complete(v8::Isolate* isolate, uint64_t id, JobResult& result)
    {
        auto it = m_inFlight.find(id);
        if (it == m_inFlight.end()) return;
        Pending pending = std::move(it->second);
        m_inFlight.erase(it);
        v8::TryCatch tryCatch(isolate);
        pending.finish(isolate, pending.operation.resolver(), result);
        if (tryCatch.HasCaught() && tryCatch.CanContinue())
            pending.operation.reject(isolate, tryCatch.Exception());
    }

    WorkQueuePtr m_shared;
    v8::Isolate* m_isolate = nullptr; // set by attach(), with the checkpoint callback
    core::EventLoop::KeepAlive m_keepAlive;
    bool m_holding = false;
    bool m_flushScheduled = false;
    uint64_t m_teardownHook = 0;
    std::unordered_map<uint64_t, Pending> m_inFlight;
    uint64_t m_nextId = 1;
};

} // namespace

v8::Local<v8::Promise> scheduleJob(bind::CallContext& cx, JobCost cost, JobWork work,
                                   JobFinish finish)
{
    v8::Isolate* isolate = cx.isolate();
    Pending pending;
    pending.operation = core::AsyncOperation::create(cx.context());
    if (pending.operation.isEmpty()) {
        cx.setFailed();
        return {};
    }
    v8::Local<v8::Promise> promise = pending.operation.promise(isolate);
    pending.finish = std::move(finish);
    auto& queue = bind::IsolateData::get(isolate)->state<JobQueue>();
    queue.attach(isolate, core::Runtime::from(isolate)->loop());
    queue.add(isolate, cost, std::move(work), std::move(pending));
    return promise;
}

namespace {

// Copies with non-temporal stores where the CPU has them: a large input copy is read once, later,
// by another thread, so filling the caches with it only evicts what that thread is using, and
// streaming stores skip reading the destination first (SHA-256 of 256 MiB: the copy takes about
// 16 ms instead of 25 ms, which is CPU time the hash gets back on a busy machine).
void copyStreaming(uint8_t* to, const uint8_t* from, size_t n)
{
#if defined(__SSE2__)
    const size_t head = std::min(n, (16 - (reinterpret_cast<uintptr_t>(to) & 15)) & 15);
    memcpy(to, from, head);
    size_t i = head;
    for (; i + 64 <= n; i += 64) {
        const auto* s = reinterpret_cast<const __m128i*>(from + i);
        auto* d = reinterpret_cast<__m128i*>(to + i);
        const __m128i a = _mm_loadu_si128(s), b = _mm_loadu_si128(s + 1),
                      c = _mm_loadu_si128(s + 2), e = _mm_loadu_si128(s + 3);
        _mm_stream_si128(d, a);
        _mm_stream_si128(d + 1, b);
        _mm_stream_si128(d + 2, c);
        _mm_stream_si128(d + 3, e);
    }
    memcpy(to + i, from + i, n - i);
    _mm_sfence(); // streaming stores are weakly ordered: make them visible before publishing
#else
    memcpy(to, from, n);
#endif
}

} // namespace

void StreamedInput::copyFrom(const uint8_t* source)
{
    const size_t size = m_bytes.size();
    for (size_t offset = 0; offset < size; offset += kChunk) {
        const size_t n = std::min(kChunk, size - offset);
        copyStreaming(m_bytes.data() + offset, source + offset, n);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_ready.store(offset + n, std::memory_order_release);
        }
        m_condition.notify_all();
    }
}

void StreamedInput::waitFor(size_t end) const
{
    if (m_ready.load(std::memory_order_acquire) >= end) return;
    std::unique_lock<std::mutex> lock(m_mutex);
    m_condition.wait(lock, [&] { return m_ready.load(std::memory_order_acquire) >= end; });
}

bool rejectIfFailed(v8::Isolate* isolate, bind::PromiseResolver& resolver, const Status& status,
                    const char* op)
{
    if (status.ok()) return false;
    const std::string message =
        std::string("Failed to execute '") + op + "' on 'SubtleCrypto': " + status.message;
    if (std::string_view(status.name) == "TypeError")
        resolver.rejectWithTypeError(isolate, message);
    else
        resolver.rejectWithDOMException(isolate, status.name, message);
    return true;
}

namespace {
void deleteBytes(void*, size_t, void* holder)
{
    delete static_cast<Bytes*>(holder);
}
} // namespace

v8::Local<v8::ArrayBuffer> newArrayBuffer(v8::Isolate* isolate, Bytes&& bytes)
{
    if (bytes.empty()) return v8::ArrayBuffer::New(isolate, 0);
    auto* holder = new Bytes(std::move(bytes));
    std::unique_ptr<v8::BackingStore> store =
        v8::ArrayBuffer::NewBackingStore(holder->data(), holder->size(), &deleteBytes, holder);
    return v8::ArrayBuffer::New(isolate, std::move(store));
}

JobFinish finishWithBytes(const char* op)
{
    return [op](v8::Isolate* isolate, bind::PromiseResolver& resolver, JobResult& result) {
        if (!rejectIfFailed(isolate, resolver, result.status, op))
            resolver.resolve(isolate, newArrayBuffer(isolate, std::move(result.bytes)));
    };
}

JobFinish finishWithBool(const char* op)
{
    return [op](v8::Isolate* isolate, bind::PromiseResolver& resolver, JobResult& result) {
        if (!rejectIfFailed(isolate, resolver, result.status, op))
            resolver.resolve(isolate, v8::Boolean::New(isolate, result.verified));
    };
}

} // namespace nano::api::crypto
