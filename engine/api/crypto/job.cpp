#include "api/crypto/job.h"

#include "bind/dom_exception.h"
#include "bind/isolate_data.h"
#include "core/runtime.h"

#include <QRunnable>
#include <QThread>
#include <QThreadPool>
#include <openssl/err.h>
#include <cstring>
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

// Where pool threads post results. The per-isolate JobQueue clears `loop` when the isolate goes
// away (the loop still exists then), so late results are dropped instead of touching a dead loop.
struct Channel {
    std::mutex mutex;
    core::EventLoop* loop = nullptr;
};

struct Pending {
    bind::PromiseResolver resolver;
    JobWork work;
    JobFinish finish;
    core::EventLoop::KeepAlive keepAlive;
};

// Per-isolate scheduler state (bind::IsolateData::state), on the engine thread only.
class JobQueue {
public:
    JobQueue() : m_channel(std::make_shared<Channel>()) {}
    ~JobQueue()
    {
        std::lock_guard<std::mutex> lock(m_channel->mutex);
        m_channel->loop = nullptr;
        // Pending resolvers (v8::Global) and keep-alives are released here, on the engine
        // thread, while the isolate and the loop still exist.
    }

    void attach(core::EventLoop* loop)
    {
        if (!m_channel->loop) {
            std::lock_guard<std::mutex> lock(m_channel->mutex);
            m_channel->loop = loop;
        }
    }

    void addSmall(v8::Isolate* isolate, Pending&& pending)
    {
        m_batch.push_back(std::move(pending));
        if (!m_flushScheduled) {
            m_flushScheduled = true;
            isolate->EnqueueMicrotask(&JobQueue::flushMicrotask, isolate);
        }
    }

    void addLarge(Pending&& pending)
    {
        const uint64_t id = m_nextId++;
        JobWork work = std::move(pending.work);
        m_inFlight.emplace(id, std::move(pending));
        submit(id, std::move(work));
    }

private:
    static void flushMicrotask(void* data)
    {
        auto* isolate = static_cast<v8::Isolate*>(data);
        bind::IsolateData::get(isolate)->state<JobQueue>().flush(isolate);
    }

    // Runs the queued small jobs: up to a few on this thread; a burst is shared with the pool.
    void flush(v8::Isolate* isolate)
    {
        m_flushScheduled = false;
        std::deque<Pending> batch;
        batch.swap(m_batch);
        v8::HandleScope scope(isolate);
        v8::Context::Scope contextScope(bind::IsolateData::get(isolate)->context());
        size_t local = batch.size();
        constexpr size_t kInlineLimit = 8;
        if (batch.size() > kInlineLimit) {
            // The engine thread keeps an equal share; the rest goes to the pool in chunks.
            const size_t workers = static_cast<size_t>(std::max(1, pool().maxThreadCount()));
            const size_t shares = workers + 1;
            local = (batch.size() + shares - 1) / shares;
            // Small chunks, so a pool thread that gets more CPU takes more of the burst.
            const size_t chunk = 16;
            for (size_t begin = local; begin < batch.size(); begin += chunk) {
                const size_t end = std::min(batch.size(), begin + chunk);
                std::vector<std::pair<uint64_t, JobWork>> jobs;
                for (size_t i = begin; i < end; ++i) {
                    const uint64_t id = m_nextId++;
                    jobs.emplace_back(id, std::move(batch[i].work));
                    m_inFlight.emplace(id, std::move(batch[i]));
                }
                submitBatch(std::move(jobs));
            }
        }
        for (size_t i = 0; i < local; ++i) {
            JobResult result;
            batch[i].work(result);
            ERR_clear_error(); // failed calls leave entries in this thread's queue
            settle(isolate, batch[i], result);
        }
    }

    void settle(v8::Isolate* isolate, Pending& pending, JobResult& result)
    {
        v8::TryCatch tryCatch(isolate);
        pending.finish(isolate, pending.resolver, result);
        if (tryCatch.HasCaught() && tryCatch.CanContinue())
            pending.resolver.reject(isolate, tryCatch.Exception());
    }

    void complete(v8::Isolate* isolate, uint64_t id, JobResult& result)
    {
        auto it = m_inFlight.find(id);
        if (it == m_inFlight.end())
            return;
        Pending pending = std::move(it->second);
        m_inFlight.erase(it);
        settle(isolate, pending, result);
    }

    void submit(uint64_t id, JobWork work)
    {
        std::vector<std::pair<uint64_t, JobWork>> jobs;
        jobs.emplace_back(id, std::move(work));
        submitBatch(std::move(jobs));
    }

    // Runs the jobs on a pool thread and posts all their results back as one macrotask.
    void submitBatch(std::vector<std::pair<uint64_t, JobWork>> jobs)
    {
        std::shared_ptr<Channel> channel = m_channel;
        pool().start([channel, jobs = std::move(jobs)]() mutable {
            auto results = std::make_shared<std::vector<std::pair<uint64_t, JobResult>>>();
            results->reserve(jobs.size());
            for (auto& [id, work] : jobs) {
                JobResult result;
                work(result);
                ERR_clear_error();
                work = nullptr; // drop key references on this thread, not the engine's
                results->emplace_back(id, std::move(result));
            }
            std::lock_guard<std::mutex> lock(channel->mutex);
            if (!channel->loop)
                return;
            channel->loop->postFromAnyThread([results] {
                v8::Isolate* isolate = v8::Isolate::GetCurrent();
                auto& queue = bind::IsolateData::get(isolate)->state<JobQueue>();
                for (auto& [id, result] : *results)
                    queue.complete(isolate, id, result);
            });
        });
    }

    std::shared_ptr<Channel> m_channel;
    std::deque<Pending> m_batch;
    bool m_flushScheduled = false;
    std::unordered_map<uint64_t, Pending> m_inFlight;
    uint64_t m_nextId = 1;
};

} // namespace

v8::Local<v8::Promise> scheduleJob(bind::CallContext& cx, JobCost cost, JobWork work,
                                   JobFinish finish)
{
    v8::Isolate* isolate = cx.isolate();
    Pending pending;
    pending.resolver = bind::PromiseResolver::create(cx.context());
    if (pending.resolver.isEmpty()) {
        cx.setFailed();
        return {};
    }
    v8::Local<v8::Promise> promise = pending.resolver.promise(isolate);
    pending.work = std::move(work);
    pending.finish = std::move(finish);
    core::EventLoop& loop = core::Runtime::from(isolate)->loop();
    pending.keepAlive = loop.keepAlive();
    auto& queue = bind::IsolateData::get(isolate)->state<JobQueue>();
    queue.attach(&loop);
    if (cost == JobCost::Small)
        queue.addSmall(isolate, std::move(pending));
    else
        queue.addLarge(std::move(pending));
    return promise;
}

void StreamedInput::copyFrom(const uint8_t* source)
{
    const size_t size = m_bytes.size();
    for (size_t offset = 0; offset < size; offset += kChunk) {
        const size_t n = std::min(kChunk, size - offset);
        memcpy(m_bytes.data() + offset, source + offset, n);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_ready.store(offset + n, std::memory_order_release);
        }
        m_condition.notify_all();
    }
}

void StreamedInput::waitFor(size_t end) const
{
    if (m_ready.load(std::memory_order_acquire) >= end)
        return;
    std::unique_lock<std::mutex> lock(m_mutex);
    m_condition.wait(lock, [&] { return m_ready.load(std::memory_order_acquire) >= end; });
}

bool rejectIfFailed(v8::Isolate* isolate, bind::PromiseResolver& resolver, const Status& status,
                    const char* op)
{
    if (status.ok())
        return false;
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
    if (bytes.empty())
        return v8::ArrayBuffer::New(isolate, 0);
    auto* holder = new Bytes(std::move(bytes));
    std::unique_ptr<v8::BackingStore> store = v8::ArrayBuffer::NewBackingStore(
        holder->data(), holder->size(), &deleteBytes, holder);
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
