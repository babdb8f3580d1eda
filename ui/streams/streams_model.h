#pragma once
// The stream inspector's model: one tree of the streams of the current run, fed with the
// engine's StreamSnapshots (engine/inspect/stream_snapshot.h). A tee branch sits under the
// stream it was teed from, a pipe's destination under its source, and a TransformStream's
// readable side under its writable side, so a pipe chain reads top to bottom. A stream keeps
// the parent it was first seen with once the link ends (a finished pipe), so rows do not jump.
//
// Per stream it keeps a bounded history of its queue size (for the dock's sparkline; halved
// in resolution when full, so it always spans the whole run), its throughput over the last
// second, and whether its queue keeps growing: GrowingRole is set once the queue grew over
// GrowthSnapshots snapshots in a row while above its high-water mark (a tee branch read more
// slowly than its sibling), and cleared once the queue falls back to the mark.
//
// Bounded storage: at most `capacity` streams; a closed, errored or collected stream is
// "finished" and is removed FadeOutMs after it finished (fading meanwhile) unless
// preserveFinished is on; beyond the capacity the oldest finished leaves go first, and new
// streams are left out (counted by droppedStreams()) while every row is a live stream.

#include "engine/inspect/stream_snapshot.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QVector>
#include <deque>
#include <set>
#include <unordered_map>

namespace nano::ui {

class StreamsModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        LabelColumn,
        SourceColumn, // file:line where script made it; a click opens it
        KindColumn,
        StateColumn,
        LockedColumn,
        ChunksColumn,
        SizeColumn,
        DesiredSizeColumn,
        HighWaterMarkColumn,
        ThroughputColumn,
        PassedColumn,
        ColumnCount
    };
    enum Role {
        StreamIdRole = Qt::UserRole + 1, // quint64
        SourceUrlRole,                   // QString, empty when not made by script
        LineRole,                        // int
        BackpressureRole,                // bool: desiredSize <= 0 on a live stream
        GrowingRole,                     // bool: the slow-branch warning (see above)
        ErroredRole,                     // bool
        FinishedRole,                    // bool: closed, errored or collected
        CollectedRole,                   // bool: gone from the engine's snapshots
        ErrorTextRole,                   // QString
        RawValueRole,                    // the column's number (for sorting and tests)
    };
    Q_ENUM(Role)

    struct QueuePoint {
        double seconds = 0; // since the run's first snapshot
        double queueSize = 0;
    };

    static constexpr int DefaultCapacity = 2000;
    static constexpr int HistoryCapacity = 600; // points per stream before halving
    static constexpr int GrowthSnapshots = 5;
    static constexpr int FadeOutMs = 5000;

    explicit StreamsModel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(StreamsModel)

    // One poll of the engine: every live stream of run `runId` at `monotonicMs`. A new run id
    // starts over.
    void applySnapshot(quint64 runId, double monotonicMs, const StreamSnapshots& streams);
    void clear();
    // Removes finished streams whose fade-out has ended (the dock calls it on a timer).
    // `nowMs` is the model's clock (elapsedMs()); tests pass their own.
    void removeFaded(qint64 nowMs);
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    void setPreserveFinished(bool preserve);
    bool preserveFinished() const { return m_preserveFinished; }
    void setCapacity(int capacity) { m_capacity = qMax(1, capacity); }
    int streamCount() const { return int(m_nodes.size()); }
    int droppedStreams() const { return m_dropped; }

    QModelIndex indexOfStream(quint64 id, int column = 0) const;
    // The queue size over the run of stream `id` (empty for an unknown id).
    QVector<QueuePoint> queueHistory(quint64 id) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // A stream got the slow-branch warning (once per stream and episode).
    void growthDetected(quint64 id);

private:
    struct Sample {
        double ms = 0;
        double queueSize = 0;
        qint64 queuedChunks = 0;
        quint64 bytes = 0;
        quint64 chunks = 0;
    };
    struct Node {
        StreamSnapshot stream;
        quint64 parentId = 0;
        QVector<quint64> children;
        std::deque<Sample> recent; // the last second or so, for throughput and growth
        std::deque<QueuePoint> history;
        double throughput = 0; // bytes (or chunks, without bytes) per second
        bool growing = false;
        bool collected = false;
        qint64 finishedAtMs = -1; // model clock; -1 while live
    };

    Node* node(quint64 id);
    const Node* node(quint64 id) const;
    const QVector<quint64>& childrenOf(quint64 parentId) const;
    QVector<quint64>& childrenOf(quint64 parentId);
    int rowOf(quint64 id) const;
    QModelIndex indexFor(quint64 id, int column) const;
    bool isDescendant(quint64 id, quint64 ancestor) const;
    quint64 linkedParent(const StreamSnapshot& s) const;
    void update(Node& n, const StreamSnapshot& s, double ms);
    void markFinished(Node& n);
    void insertNode(quint64 id, quint64 parentId);
    void moveNode(quint64 id, quint64 parentId);
    void removeLeaf(quint64 id);
    // A removed or dropped stream stays out when later snapshots still list it.
    void forget(quint64 id);
    bool makeRoom();
    QVariant display(const Node& n, int column) const;
    QVariant rawValue(const Node& n, int column) const;
    QString toolTip(const Node& n, int column) const;

    static constexpr size_t ForgottenCapacity = 65536; // the oldest ids go first beyond it

    std::unordered_map<quint64, Node> m_nodes;
    std::set<quint64> m_forgotten;
    QVector<quint64> m_roots;
    quint64 m_runId = 0;
    double m_firstMs = -1;
    int m_capacity = DefaultCapacity;
    int m_dropped = 0;
    bool m_preserveFinished = false;
    QElapsedTimer m_clock;
};

// "1.5 KB/s"-style text; `bytes` false: "12 chunks/s".
QString formatRate(double perSecond, bool bytes);

} // namespace nano::ui
