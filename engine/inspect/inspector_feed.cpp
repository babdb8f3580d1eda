#include "inspect/inspector_feed.h"

#include <QDateTime>
#include <algorithm>
#include <chrono>

namespace nano {

namespace {
double steadyNowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}
} // namespace

InspectorFeed::InspectorFeed(QObject* parent)
    : QObject(parent)
    , m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &InspectorFeed::flush);
}

quint64 InspectorFeed::publish(int kind, quint64 runId, QVariant value)
{
    InspectorEvent event;
    event.id = m_nextId++;
    event.kind = kind;
    event.runId = runId;
    event.monotonicMs = steadyNowMs();
    event.wallClockMs = QDateTime::currentMSecsSinceEpoch();
    event.value = std::move(value);
    m_batch.events.push_back(std::move(event));
    const qint64 waited = m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : kBatchIntervalMs;
    // A producer in a busy loop never lets the timer fire: the batch leaves from here then.
    if (m_batch.events.size() >= kMaxBatchSize || waited >= kBatchIntervalMs)
        flush();
    else if (!m_timer.isActive())
        m_timer.start(int(kBatchIntervalMs - waited));
    return m_nextId - 1;
}

void InspectorFeed::flush()
{
    m_timer.stop();
    m_sinceFlush.start();
    if (m_batch.isEmpty()) return;
    InspectorBatch batch;
    batch.events.swap(m_batch.events);
    emit batchReady(batch);
}

void InspectorFeed::flushIfDue()
{
    if (m_batch.isEmpty()) return;
    if (!m_sinceFlush.isValid() || m_sinceFlush.elapsed() >= kBatchIntervalMs) flush();
}

void InspectorFeed::subscribe(int kind)
{
    std::lock_guard<std::mutex> lock(m_subscriptionMutex);
    ++m_subscriptions[kind];
}

void InspectorFeed::unsubscribe(int kind)
{
    std::lock_guard<std::mutex> lock(m_subscriptionMutex);
    auto it = m_subscriptions.find(kind);
    if (it == m_subscriptions.end()) return;
    if (--it.value() <= 0) m_subscriptions.erase(it);
}

bool InspectorFeed::isSubscribed(int kind) const
{
    std::lock_guard<std::mutex> lock(m_subscriptionMutex);
    return m_subscriptions.contains(kind);
}

int InspectorFeed::addSnapshotSource(int kind, Poll poll, int intervalMs)
{
    SnapshotSource source;
    source.id = m_nextSourceId++;
    source.kind = kind;
    source.intervalMs = std::max(0, intervalMs);
    source.poll = std::move(poll);
    m_sources.push_back(std::move(source));
    return m_sources.back().id;
}

void InspectorFeed::removeSnapshotSource(int sourceId)
{
    const auto matches = [sourceId](const SnapshotSource& s) { return s.id == sourceId; };
    m_sources.erase(std::remove_if(m_sources.begin(), m_sources.end(), matches), m_sources.end());
}

void InspectorFeed::pollSnapshots()
{
    // By index: a poll may add or remove sources.
    for (size_t i = 0; i < m_sources.size(); ++i) {
        SnapshotSource& source = m_sources[i];
        if (source.sincePoll.isValid() && source.sincePoll.elapsed() < source.intervalMs) continue;
        if (!isSubscribed(source.kind)) continue;
        source.sincePoll.start();
        const Poll poll = source.poll; // a copy: the source may be removed while it runs
        poll();
    }
}

} // namespace nano
