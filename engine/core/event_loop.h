#pragma once
// The event loop of one run, driven by the engine thread's Qt event loop. Every macrotask (the
// script, a timer, a host callback, a V8 platform task) runs through Runtime::runMacrotask, which
// performs a microtask checkpoint afterwards. The run ends when nothing keeps the loop alive:
// no timers, no posted tasks, no pending host operation (see KeepAlive).

#include "core/platform.h"

#include <QObject>
#include <QTimer>
#include <deque>
#include <functional>
#include <mutex>
#include <queue>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace nano::core {

class Runtime;

class EventLoop final : public QObject, public ForegroundTaskSink {
    Q_OBJECT
public:
    using Task = std::function<void()>;

    explicit EventLoop(Runtime& runtime);
    ~EventLoop() override;
    Q_DISABLE_COPY_MOVE(EventLoop)

    // A one-shot timer: `task` runs as a macrotask after at least delayMs. Returns its id (> 0).
    uint64_t addTimer(double delayMs, Task task);
    // The same; a timer with keepsAlive false does not keep the run alive by itself (an
    // "unref'd" timer, e.g. AbortSignal.timeout): the run ends when only such timers are left.
    uint64_t addTimer(double delayMs, Task task, bool keepsAlive);
    bool cancelTimer(uint64_t id);

    // A macrotask from the engine thread, run after the current one.
    void post(Task task);
    // A macrotask from any thread (thread-pool results, network callbacks).
    void postFromAnyThread(Task task);

    // Keeps the loop alive while a host operation is pending (a fetch, a crypto job).
    class KeepAlive {
    public:
        KeepAlive() = default;
        explicit KeepAlive(EventLoop* loop)
            : m_loop(loop)
        {
            m_loop->ref();
        }
        KeepAlive(KeepAlive&& other) noexcept
            : m_loop(other.m_loop)
        {
            other.m_loop = nullptr;
        }
        KeepAlive& operator=(KeepAlive&& other) noexcept
        {
            reset();
            m_loop = other.m_loop;
            other.m_loop = nullptr;
            return *this;
        }
        ~KeepAlive() { reset(); }
        void reset()
        {
            if (m_loop) m_loop->unref();
            m_loop = nullptr;
        }

    private:
        EventLoop* m_loop = nullptr;
    };
    KeepAlive keepAlive() { return KeepAlive(this); }
    void ref() { ++m_refCount; }
    void unref();

    bool isAlive() const;
    // Ends the run from the engine thread's next turn if nothing keeps it alive any more.
    void checkAliveLater()
    {
        QMetaObject::invokeMethod(this, &EventLoop::checkAlive, Qt::QueuedConnection);
    }
    // Drops every pending task and timer (the run has ended); new ones still run (the REPL).
    void clear();
    // clear(), and nothing runs any more: the runtime is going away.
    void shutdown();

    void postForegroundTask(std::unique_ptr<v8::Task> task, double delaySeconds) override;

    // Milliseconds on the monotonic clock (the same clock as performance.now()).
    static double monotonicNowMs();

private:
    struct TimerEntry {
        double due;
        uint64_t sequence;
        uint64_t id;
        bool operator>(const TimerEntry& other) const
        {
            return due != other.due ? due > other.due : sequence > other.sequence;
        }
    };

    void armTimer();
    // The earliest timer entry (skipping cancelled ones), or null if there is none.
    const TimerEntry* nextTimer();
    void popTimer();
    void onTimer();
    void drainPosted();
    void checkAlive();

    Runtime& m_runtime;
    QTimer m_timer;
    // Timers are ordered by (due, sequence). Most arrive in that order already (many timers
    // with one delay): those queue in m_timerRun in O(1); the others go to the heap. The next
    // timer is the smaller of both fronts.
    std::deque<TimerEntry> m_timerRun;
    std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<TimerEntry>> m_timerHeap;
    struct TimerTask {
        Task task;
        bool keepsAlive;
    };
    std::unordered_map<uint64_t, TimerTask> m_timerTasks;
    size_t m_weakTimerCount = 0; // timers that do not keep the loop alive
    double m_armedDue = 0;       // due time m_timer is armed for (when active)
    uint64_t m_nextTimerId = 1;
    uint64_t m_nextSequence = 0;
    int m_refCount = 0;
    // A liveness check is queued (by unref()): one is enough however many holds end meanwhile.
    bool m_aliveCheckQueued = false;
    bool m_shutdown = false;

    std::mutex m_postedMutex;
    std::deque<Task> m_posted;     // guarded by m_postedMutex
    bool m_drainScheduled = false; // guarded by m_postedMutex
};

} // namespace nano::core
