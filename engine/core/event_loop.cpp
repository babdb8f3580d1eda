#include "core/event_loop.h"

#include "core/runtime.h"

#include <chrono>
#include <cmath>

namespace nano::core {

EventLoop::EventLoop(Runtime& runtime) : m_runtime(runtime)
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
    if (m_shutdown)
        return 0;
    const uint64_t id = m_nextTimerId++;
    const double due = monotonicNowMs() + std::max(0.0, delayMs);
    const bool earliest = m_timerHeap.empty() || due < m_timerHeap.top().due;
    m_timerHeap.push(TimerEntry{due, m_nextSequence++, id});
    m_timerTasks.emplace(id, std::move(task));
    if (!keepsAlive)
        m_weakTimers.insert(id);
    if (earliest)
        armTimer();
    return id;
}

bool EventLoop::cancelTimer(uint64_t id)
{
    // The heap entry stays until it surfaces; onTimer/armTimer skip entries without a task.
    m_weakTimers.erase(id);
    return m_timerTasks.erase(id) > 0;
}

void EventLoop::armTimer()
{
    while (!m_timerHeap.empty() && !m_timerTasks.count(m_timerHeap.top().id))
        m_timerHeap.pop();
    if (m_timerHeap.empty()) {
        m_timer.stop();
        return;
    }
    const double wait = m_timerHeap.top().due - monotonicNowMs();
    m_timer.start(wait <= 0 ? 0 : static_cast<int>(std::ceil(wait)));
}

void EventLoop::onTimer()
{
    // Run the timers due now, in order, each as its own macrotask. Timers added meanwhile wait
    // for the next round, so other events (network, platform tasks) are not starved.
    const double now = monotonicNowMs();
    const uint64_t batchEnd = m_nextSequence;
    while (!m_shutdown && !m_timerHeap.empty()) {
        const TimerEntry top = m_timerHeap.top();
        if (top.due > now || top.sequence >= batchEnd)
            break;
        m_timerHeap.pop();
        auto it = m_timerTasks.find(top.id);
        if (it == m_timerTasks.end())
            continue;
        Task task = std::move(it->second);
        m_timerTasks.erase(it);
        m_weakTimers.erase(top.id);
        m_runtime.runMacrotask(task);
    }
    if (!m_shutdown)
        armTimer();
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
        if (m_shutdown)
            return;
        m_runtime.runMacrotask(task);
    }
    checkAlive();
}

void EventLoop::postForegroundTask(std::unique_ptr<v8::Task> task, double delaySeconds)
{
    // Called from any thread. Delayed V8 tasks (GC heuristics) must not keep the run alive, so
    // they wait on a timer of the engine thread instead of counting as pending work.
    auto shared = std::shared_ptr<v8::Task>(std::move(task));
    auto run = [this, shared] {
        m_runtime.runMacrotask([shared] { shared->Run(); });
    };
    if (delaySeconds <= 0) {
        postFromAnyThread([shared] { shared->Run(); });
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this, run, delaySeconds] {
            if (!m_shutdown)
                QTimer::singleShot(static_cast<int>(delaySeconds * 1000), this, run);
        },
        Qt::QueuedConnection);
}

void EventLoop::unref()
{
    if (m_refCount > 0 && --m_refCount == 0)
        QMetaObject::invokeMethod(this, &EventLoop::checkAlive, Qt::QueuedConnection);
}

bool EventLoop::isAlive() const
{
    if (m_shutdown)
        return false;
    if (m_timerTasks.size() > m_weakTimers.size() || m_refCount > 0)
        return true;
    std::lock_guard<std::mutex> lock(const_cast<std::mutex&>(m_postedMutex));
    return !m_posted.empty();
}

void EventLoop::checkAlive()
{
    if (!m_shutdown && !isAlive())
        m_runtime.onLoopIdle();
}

void EventLoop::shutdown()
{
    m_shutdown = true;
    m_timer.stop();
    m_timerTasks.clear();
    m_weakTimers.clear();
    m_timerHeap = {};
    std::lock_guard<std::mutex> lock(m_postedMutex);
    m_posted.clear();
}

} // namespace nano::core
