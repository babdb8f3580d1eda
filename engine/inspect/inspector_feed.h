#pragma once
// The inspector feed: one mechanism for everything the inspectors show as it happens. It lives
// on the engine thread, collects typed value events (InspectorEvent) from any producer and
// sends them as one InspectorBatch about every 50 ms through batchReady(), which the
// Controller forwards, queued, as Controller::inspectorEvents. Plain Qt Core: no V8 here.
//
// Two kinds of producers use it:
// - Event producers (console, network traffic) call publish() on the engine thread whenever
//   something happens; the event joins the current batch.
// - Snapshot producers (stream states) add a snapshot source: pollSnapshots(), which the run
//   calls between two macrotasks (never from an interrupt, so the producer sees its objects
//   in a consistent state), calls the source at most once per its interval and only while
//   someone subscribed to its kind; the source then publishes its snapshot.

#include "inspector_event.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>
#include <mutex>
#include <vector>

namespace nano {

class InspectorFeed final : public QObject {
    Q_OBJECT
public:
    // A batch leaves when it holds kMaxBatchSize events, else at most kBatchIntervalMs after
    // its first event; two batches that are not full are at least kBatchIntervalMs apart.
    static constexpr int kBatchIntervalMs = 50;
    static constexpr int kMaxBatchSize = 2000;
    // At most 10 snapshots a second per source unless it asks otherwise.
    static constexpr int kDefaultSnapshotIntervalMs = 100;

    explicit InspectorFeed(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(InspectorFeed)

    // The feed's thread: queues an event into the current batch, stamped with the next id and
    // the current time on both clocks; returns its id.
    quint64 publish(int kind, quint64 runId, QVariant value);
    // The feed's thread: sends the current batch now (before a run's result or a REPL answer).
    void flush();
    // The feed's thread: sends the current batch if it has waited its interval. For a script
    // that keeps the thread busy, so its timer cannot fire (Engine calls it from an interrupt).
    void flushIfDue();

    // Any thread: counted subscriptions to a kind (each subscribe() balanced by unsubscribe()).
    void subscribe(int kind);
    void unsubscribe(int kind);
    bool isSubscribed(int kind) const;

    // The feed's thread. `poll` publishes a snapshot of its kind; see pollSnapshots(). Returns
    // an id for removeSnapshotSource(), which the producer calls before what `poll` reads dies.
    using Poll = std::function<void()>;
    int addSnapshotSource(int kind, Poll poll, int intervalMs = kDefaultSnapshotIntervalMs);
    void removeSnapshotSource(int sourceId);
    // The feed's thread, between two tasks: polls each source whose kind has a subscriber and
    // whose interval has passed since its last poll.
    void pollSnapshots();

signals:
    void batchReady(const nano::InspectorBatch& batch);

private:
    struct SnapshotSource {
        int id = 0;
        int kind = 0;
        int intervalMs = 0;
        Poll poll;
        QElapsedTimer sincePoll; // invalid until the first poll
    };

    InspectorBatch m_batch;
    quint64 m_nextId = 1;
    QElapsedTimer m_sinceFlush; // invalid before the first batch
    QTimer m_timer;
    std::vector<SnapshotSource> m_sources;
    int m_nextSourceId = 1;
    mutable std::mutex m_subscriptionMutex;
    QHash<int, int> m_subscriptions; // kind -> count; guarded by m_subscriptionMutex
};

} // namespace nano
