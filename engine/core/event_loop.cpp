#include "core/event_loop.h"

#include "core/runtime.h"

#include <chrono>
#include <climits>
#include <cmath>

namespace nano::core {

EventLoop::EventLoop(Runtime& runtime)
    : m_runtime(runtime)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &EventLoop::onTimer);
}

EventLoop::~EventLoop()
{
    shutdown();
}

double EventLoop::monotonicNowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

uint64_t EventLoop::addTimer(double delayMs, Task task)
{
    return addTimer(delayMs, std::move(task), true);
}

uint64_t EventLoop::addTimer(double delayMs, Task task, bool keepsAlive)
{
    if (m_shutdown) return 0;
    const uint64_t id = m_nextTimerId++;
    const double due = monotonicNowMs() + std::max(0.0, delayMs);
    const bool earliest = !m_timer.isActive() || due < m_armedDue;
    const TimerEntry entry{due, m_nextSequence++, id};
    if (m_timerRun.empty() || !(m_timerRun.back() > entry))
        m_timerRun.push_back(entry);
    else
        m_timerHeap.push(entry);
    m_timerTasks.emplace(id, TimerTask{std::move(task), keepsAlive});
    if (!keepsAlive) ++m_weakTimerCount;
    if (earliest) armTimer();
    return id;
}

const EventLoop::TimerEntry* EventLoop::nextTimer()
{
    // Entries of cancelled timers stay until they surface, and are dropped here.
    while (!m_timerRun.empty() && !m_timerTasks.count(m_timerRun.front().id))
        m_timerRun.pop_front();
    while (!m_timerHeap.empty() && !m_timerTasks.count(m_timerHeap.top().id))
        m_timerHeap.pop();
    if (m_timerRun.empty()) return m_timerHeap.empty() ? nullptr : &m_timerHeap.top();
    if (m_timerHeap.empty() || m_timerHeap.top() > m_timerRun.front()) return &m_timerRun.front();
    return &m_timerHeap.top();
}

void EventLoop::popTimer()
{
    if (!m_timerRun.empty() && (m_timerHeap.empty() || m_timerHeap.top() > m_timerRun.front()))
        m_timerRun.pop_front();
    else
        m_timerHeap.pop();
}

bool EventLoop::cancelTimer(uint64_t id)
{
    auto it = m_timerTasks.find(id);
    if (it == m_timerTasks.end()) return false;
    if (!it->second.keepsAlive) --m_weakTimerCount;
    m_timerTasks.erase(it);
    return true;
}

void EventLoop::armTimer()
{
    const TimerEntry* next = nextTimer();
    if (!next) {
        m_timer.stop();
        return;
    }
    m_armedDue = next->due;
    const double wait = std::ceil(next->due - monotonicNowMs());
    // QTimer takes an int: a far timer wakes up early and re-arms.
    m_timer.start(wait <= 0 ? 0 : static_cast<int>(std::min<double>(wait, INT_MAX)));
}

void EventLoop::onTimer()
{
    // Run the timers due now, in order, each as its own macrotask. Timers added meanwhile wait
    // for the next round, so other events (network, platform tasks) are not starved.
    const double now = monotonicNowMs();
    const uint64_t batchEnd = m_nextSequence;
    while (!m_shutdown) {
        const TimerEntry* next = nextTimer();
        if (!next || next->due > now || next->sequence >= batchEnd) break;
        auto it = m_timerTasks.find(next->id);
        popTimer();
        Task task = std::move(it->second.task);
        if (!it->second.keepsAlive) --m_weakTimerCount;
        m_timerTasks.erase(it);
        m_runtime.runMacrotask(task);
    }
    if (!m_shutdown) armTimer();
    checkAlive();
}

void EventLoop::post(Task task)
{
    postFromAnyThread(std::move(task));
}

void EventLoop::postFromAnyThread(Task task)
{
    std::lock_guard<std::mutex> lock(m_postedMutex);
    m_posted.push_back(std::move(task));
    if (!m_drainScheduled) {
        m_drainScheduled = true;
        QMetaObject::invokeMethod(this, &EventLoop::drainPosted, Qt::QueuedConnection);
    }
}

void EventLoop::drainPosted()
{
    std::deque<Task> batch;
    {
        std::lock_guard<std::mutex> lock(m_postedMutex);
        batch.swap(m_posted);
        m_drainScheduled = false;
    }
    for (Task& task : batch) {
        if (m_shutdown) return;
        m_runtime.runMacrotask(task);
    }
    checkAlive();
}

void EventLoop::postForegroundTask(std::unique_ptr<v8::Task> task, double delaySeconds)
{
    // Called from any thread. V8's own tasks (GC finalisation, WebAssembly results) run also
    // after the run has finished, for the REPL's sake, and never keep the run alive: whatever
    // waits on them holds a KeepAlive of its own (see api/webassembly.cpp).
    auto shared = std::shared_ptr<v8::Task>(std::move(task));
    auto run = [this, shared] { m_runtime.runPlatformTask(*shared); };
    QMetaObject::invokeMethod(
        this,
        [this, run, delaySeconds] {
            if (delaySeconds <= 0)
                run();
            else
                QTimer::singleShot(static_cast<int>(std::min(delaySeconds * 1000, 1e9)), this, run);
        },
        Qt::QueuedConnection);
}

void EventLoop::unref()
{
    if (m_refCount > 0 && --m_refCount == 0 && !m_aliveCheckQueued) {
        m_aliveCheckQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_aliveCheckQueued = false;
                checkAlive();
            },
            Qt::QueuedConnection);
    }
}

bool EventLoop::isAlive() const
{
    if (m_shutdown) return false;
    if (m_timerTasks.size() > m_weakTimerCount || m_refCount > 0) return true;
    std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(m_postedMutex));
    return !m_posted.empty();
}

void EventLoop::checkAlive()
{
    if (!m_shutdown && !isAlive()) m_runtime.onLoopIdle();
}

void EventLoop::shutdown()
{
    m_shutdown = true;
    clear();
}

void EventLoop::clear()
{
    m_timer.stop();
    m_timerTasks.clear();
    m_weakTimerCount = 0;
    m_timerRun.clear();
    m_timerHeap = {};
    std::lock_guard<std::mutex> lock(m_postedMutex);
    m_posted.clear();
}

} // namespace nano::core
