#include "streams/streams_model.h"

#include "common/icons.h"
#include "engine/inspect/console_message.h"
#include "streams/streams_tr.h"

#include <QIcon>

#include <QColor>
#include <QLocale>
#include <QSet>
#include <algorithm>
#include <climits>

namespace nano::ui {

namespace {

// Throughput is measured over about this much of the stream's recent snapshots.
constexpr double ThroughputWindowMs = 1000;

bool isFinishedState(StreamSnapshot::State state)
{
    return state == StreamSnapshot::State::Closed || state == StreamSnapshot::State::Errored;
}

QString kindText(StreamSnapshot::Kind kind)
{
    switch (kind) {
    case StreamSnapshot::Kind::Readable: return StreamsTr::tr("readable");
    case StreamSnapshot::Kind::ReadableBytes: return StreamsTr::tr("readable (bytes)");
    case StreamSnapshot::Kind::Writable: return StreamsTr::tr("writable");
    case StreamSnapshot::Kind::TransformReadable: return StreamsTr::tr("transform, readable side");
    case StreamSnapshot::Kind::TransformWritable: return StreamsTr::tr("transform, writable side");
    }
    return QString();
}

QString stateText(StreamSnapshot::State state)
{
    switch (state) {
    case StreamSnapshot::State::Readable: return StreamsTr::tr("readable");
    case StreamSnapshot::State::Closed: return StreamsTr::tr("closed");
    case StreamSnapshot::State::Errored: return StreamsTr::tr("errored");
    case StreamSnapshot::State::Writable: return StreamsTr::tr("writable");
    case StreamSnapshot::State::Erroring: return StreamsTr::tr("erroring");
    }
    return QString();
}

QString className(StreamSnapshot::Kind kind)
{
    switch (kind) {
    case StreamSnapshot::Kind::Readable:
    case StreamSnapshot::Kind::ReadableBytes: return QStringLiteral("ReadableStream");
    case StreamSnapshot::Kind::Writable: return QStringLiteral("WritableStream");
    case StreamSnapshot::Kind::TransformReadable:
    case StreamSnapshot::Kind::TransformWritable: return QStringLiteral("TransformStream");
    }
    return QString();
}

// The engine's labels are English (api/streams/README.md); the ones it builds from links and
// kinds are said again here in the UI's language. Others ("CompressionStream gzip at x.js:3",
// "Blob.stream()") name APIs and stay as they are.
QString translatedLabel(const StreamSnapshot& s)
{
    if (s.links.teeParent)
        return StreamsTr::tr("tee branch %1 of #%2").arg(s.links.teeBranch).arg(s.links.teeParent);
    const QLatin1String readableSide("readable side of "), writableSide("writable side of ");
    if (s.label.startsWith(readableSide))
        return StreamsTr::tr("readable side of %1").arg(s.label.mid(readableSide.size()));
    if (s.label.startsWith(writableSide))
        return StreamsTr::tr("writable side of %1").arg(s.label.mid(writableSide.size()));
    return s.label;
}

QString fileName(const QString& url)
{
    const int slash = url.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? url : url.mid(slash + 1);
}

QString number(double value)
{
    // Sizes from a strategy may be fractional; counts and byte sizes are not.
    return value == double(qint64(value)) ? QLocale().toString(qint64(value))
                                          : QLocale().toString(value, 'g', 6);
}

} // namespace

QString formatRate(double perSecond, bool bytes)
{
    if (bytes)
        return StreamsTr::tr("%1/s").arg(
            QLocale().formattedDataSize(qint64(perSecond), 1, QLocale::DataSizeTraditionalFormat));
    return StreamsTr::tr("%1 chunks/s").arg(QLocale().toString(perSecond, 'f', 1));
}

StreamsModel::StreamsModel(QObject* parent)
    : QAbstractItemModel(parent)
{
    m_clock.start();
}

StreamsModel::Node* StreamsModel::node(quint64 id)
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : &it->second;
}

const StreamsModel::Node* StreamsModel::node(quint64 id) const
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : &it->second;
}

const QVector<quint64>& StreamsModel::childrenOf(quint64 parentId) const
{
    if (!parentId) return m_roots;
    const Node* n = node(parentId);
    Q_ASSERT(n);
    return n->children;
}

QVector<quint64>& StreamsModel::childrenOf(quint64 parentId)
{
    return const_cast<QVector<quint64>&>(std::as_const(*this).childrenOf(parentId));
}

int StreamsModel::rowOf(quint64 id) const
{
    const Node* n = node(id);
    return n ? int(childrenOf(n->parentId).indexOf(id)) : -1;
}

QModelIndex StreamsModel::indexFor(quint64 id, int column) const
{
    const int row = rowOf(id);
    return row < 0 ? QModelIndex() : createIndex(row, column, quintptr(id));
}

QModelIndex StreamsModel::indexOfStream(quint64 id, int column) const
{
    return indexFor(id, column);
}

bool StreamsModel::isDescendant(quint64 id, quint64 ancestor) const
{
    for (const Node* n = node(id); n && n->parentId; n = node(n->parentId)) {
        if (n->parentId == ancestor) return true;
    }
    return false;
}

// What it came from: a tee branch from its source, a pipe's destination from the pipe's
// source, a transform's readable side from its writable side.
quint64 StreamsModel::linkedParent(const StreamSnapshot& s) const
{
    if (s.links.teeParent) return s.links.teeParent;
    if (s.kind == StreamSnapshot::Kind::TransformReadable && s.links.transformPair)
        return s.links.transformPair;
    if (s.links.pipeSource) return s.links.pipeSource;
    return 0;
}

void StreamsModel::applySnapshot(quint64 runId, double monotonicMs, const StreamSnapshots& streams)
{
    if (runId != m_runId) {
        clear();
        m_runId = runId;
    }
    if (m_firstMs < 0) m_firstMs = monotonicMs;

    // Known streams first (their rows change in place), then the new ones.
    QSet<quint64> seen;
    QVector<const StreamSnapshot*> added;
    for (const StreamSnapshot& s : streams) {
        seen.insert(s.id);
        if (Node* n = node(s.id)) {
            update(*n, s, monotonicMs);
            emit dataChanged(indexFor(s.id, 0), indexFor(s.id, ColumnCount - 1));
        } else if (!m_forgotten.count(s.id)) {
            added.push_back(&s);
        }
    }
    // Gone from the snapshot: collected.
    for (auto& [id, n] : m_nodes) {
        if (seen.contains(id) || n.collected) continue;
        n.collected = true;
        markFinished(n);
        emit dataChanged(indexFor(id, 0), indexFor(id, ColumnCount - 1));
    }
    // New streams under their parents, parents first (a pipe's destination may be older
    // than its source); what is left when no parent is pending is a cycle: at the top.
    auto add = [this, monotonicMs](const StreamSnapshot& s, quint64 parentId) {
        if (int(m_nodes.size()) >= m_capacity && !makeRoom()) {
            ++m_dropped;
            forget(s.id);
            return;
        }
        Node n;
        update(n, s, monotonicMs);
        m_nodes.emplace(s.id, std::move(n));
        insertNode(s.id, node(parentId) ? parentId : 0);
    };
    QVector<const StreamSnapshot*> pending = added;
    while (!pending.isEmpty()) {
        QSet<quint64> pendingIds;
        for (const StreamSnapshot* s : pending)
            pendingIds.insert(s->id);
        QVector<const StreamSnapshot*> next;
        for (const StreamSnapshot* s : pending) {
            const quint64 parentId = linkedParent(*s);
            if (parentId && pendingIds.contains(parentId))
                next.push_back(s);
            else
                add(*s, parentId);
        }
        if (next.size() == pending.size()) {
            for (const StreamSnapshot* s : next)
                add(*s, 0);
            break;
        }
        pending = next;
    }
    // Links that appeared later (pipeTo after the destination was shown at the top).
    for (const StreamSnapshot& s : streams) {
        const Node* n = node(s.id);
        if (!n || n->parentId) continue; // sticky: a stream keeps the parent it has
        const quint64 parentId = linkedParent(s);
        if (parentId && parentId != s.id && node(parentId) && !isDescendant(parentId, s.id))
            moveNode(s.id, parentId);
    }
}

void StreamsModel::update(Node& n, const StreamSnapshot& s, double ms)
{
    n.stream = s;
    Sample sample{ms, s.queueTotalSize, s.queuedChunks, s.bytesPassed, s.chunksPassed};
    n.recent.push_back(sample);
    while (n.recent.size() > 2 && n.recent[1].ms <= ms - ThroughputWindowMs &&
           int(n.recent.size()) > GrowthSnapshots)
        n.recent.pop_front();
    const Sample& first = n.recent.front();
    const double span = (ms - first.ms) / 1000.0;
    if (span > 0) {
        n.throughput = s.bytesPassed > 0 ? double(s.bytesPassed - first.bytes) / span
                                         : double(s.chunksPassed - first.chunks) / span;
    }
    n.history.push_back({(ms - qMax(0.0, m_firstMs)) / 1000.0, s.queueTotalSize});
    if (int(n.history.size()) > HistoryCapacity) {
        // Every other point: the sparkline keeps spanning the whole run.
        std::deque<QueuePoint> halved;
        for (size_t i = 0; i < n.history.size(); i += 2)
            halved.push_back(n.history[i]);
        n.history.swap(halved);
    }
    // The slow-branch warning: GrowthSnapshots snapshots of a growing queue above the mark.
    const bool aboveMark = s.desiredSize && *s.desiredSize < 0;
    if (!aboveMark || isFinishedState(s.state)) {
        n.growing = false;
    } else if (!n.growing && int(n.recent.size()) >= GrowthSnapshots) {
        bool grew = true;
        const size_t start = n.recent.size() - GrowthSnapshots;
        for (size_t i = start + 1; i < n.recent.size() && grew; ++i)
            grew = n.recent[i].queueSize > n.recent[i - 1].queueSize;
        if (grew) {
            n.growing = true;
            emit growthDetected(s.id);
        }
    }
    if (isFinishedState(s.state)) markFinished(n);
}

void StreamsModel::markFinished(Node& n)
{
    if (n.finishedAtMs < 0) n.finishedAtMs = m_clock.elapsed();
    n.growing = n.growing && !n.collected;
}

void StreamsModel::insertNode(quint64 id, quint64 parentId)
{
    QVector<quint64>& siblings = childrenOf(parentId);
    const QModelIndex parentIndex = parentId ? indexFor(parentId, 0) : QModelIndex();
    beginInsertRows(parentIndex, int(siblings.size()), int(siblings.size()));
    node(id)->parentId = parentId;
    siblings.push_back(id);
    endInsertRows();
}

void StreamsModel::moveNode(quint64 id, quint64 parentId)
{
    Node* n = node(id);
    const QModelIndex from = n->parentId ? indexFor(n->parentId, 0) : QModelIndex();
    const QModelIndex to = parentId ? indexFor(parentId, 0) : QModelIndex();
    const int row = rowOf(id);
    QVector<quint64>& target = childrenOf(parentId);
    if (!beginMoveRows(from, row, row, to, int(target.size()))) return;
    childrenOf(n->parentId).removeAt(row);
    n->parentId = parentId;
    childrenOf(parentId).push_back(id);
    endMoveRows();
}

void StreamsModel::removeLeaf(quint64 id)
{
    Node* n = node(id);
    Q_ASSERT(n && n->children.isEmpty());
    const quint64 parentId = n->parentId;
    const int row = rowOf(id);
    beginRemoveRows(parentId ? indexFor(parentId, 0) : QModelIndex(), row, row);
    childrenOf(parentId).removeAt(row);
    m_nodes.erase(id);
    endRemoveRows();
    forget(id);
}

void StreamsModel::forget(quint64 id)
{
    m_forgotten.insert(id);
    if (m_forgotten.size() > ForgottenCapacity) m_forgotten.erase(m_forgotten.begin());
}

// Removes the oldest finished leaf; false when every stream is live (or has live children).
bool StreamsModel::makeRoom()
{
    quint64 oldest = 0;
    qint64 oldestAt = 0;
    for (const auto& [id, n] : m_nodes) {
        if (n.finishedAtMs < 0 || !n.children.isEmpty()) continue;
        if (!oldest || n.finishedAtMs < oldestAt || (n.finishedAtMs == oldestAt && id < oldest)) {
            oldest = id;
            oldestAt = n.finishedAtMs;
        }
    }
    if (!oldest) return false;
    removeLeaf(oldest);
    return true;
}

void StreamsModel::removeFaded(qint64 nowMs)
{
    if (m_preserveFinished) return;
    // Leaves first: a finished parent stays while it has children.
    bool removed = true;
    while (removed) {
        removed = false;
        QVector<quint64> faded;
        for (const auto& [id, n] : m_nodes) {
            if (n.finishedAtMs >= 0 && n.children.isEmpty() && nowMs - n.finishedAtMs >= FadeOutMs)
                faded.push_back(id);
        }
        std::sort(faded.begin(), faded.end());
        for (quint64 id : faded)
            removeLeaf(id);
        removed = !faded.isEmpty();
    }
}

void StreamsModel::setPreserveFinished(bool preserve)
{
    m_preserveFinished = preserve;
    if (!m_nodes.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1)); // fading
}

void StreamsModel::clear()
{
    beginResetModel();
    m_nodes.clear();
    m_roots.clear();
    m_firstMs = -1;
    m_dropped = 0;
    m_runId = 0;
    m_forgotten.clear();
    endResetModel();
}

QVector<StreamsModel::QueuePoint> StreamsModel::queueHistory(quint64 id) const
{
    const Node* n = node(id);
    if (!n) return {};
    return QVector<QueuePoint>(n->history.begin(), n->history.end());
}

QModelIndex StreamsModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0) return {};
    if (parent.isValid() && parent.column() != 0) return {};
    const quint64 parentId = parent.isValid() ? quint64(parent.internalId()) : 0;
    if (parentId && !node(parentId)) return {};
    const QVector<quint64>& children = childrenOf(parentId);
    if (row >= children.size()) return {};
    return createIndex(row, column, quintptr(children.at(row)));
}

QModelIndex StreamsModel::parent(const QModelIndex& child) const
{
    if (!child.isValid()) return {};
    const Node* n = node(quint64(child.internalId()));
    if (!n || !n->parentId) return {};
    return indexFor(n->parentId, 0);
}

int StreamsModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) return int(m_roots.size());
    if (parent.column() != 0) return 0;
    const Node* n = node(quint64(parent.internalId()));
    return n ? int(n->children.size()) : 0;
}

int StreamsModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant StreamsModel::display(const Node& n, int column) const
{
    const StreamSnapshot& s = n.stream;
    switch (column) {
    case LabelColumn: {
        // A stream script made with `new` is labelled by its site, which "Made at" shows:
        // name the class instead.
        const bool labelIsSite =
            !s.sourceUrl.isEmpty() &&
            s.label == QStringLiteral("%1:%2").arg(fileName(s.sourceUrl)).arg(s.line);
        if (s.label.isEmpty() || labelIsSite)
            return QStringLiteral("#%1 %2").arg(s.id).arg(className(s.kind));
        return QStringLiteral("#%1 %2").arg(s.id).arg(translatedLabel(s));
    }
    case SourceColumn:
        return s.sourceUrl.isEmpty()
                   ? QString()
                   : QStringLiteral("%1:%2").arg(fileName(s.sourceUrl)).arg(s.line);
    case KindColumn: return kindText(s.kind);
    case StateColumn:
        if (n.collected) return StreamsTr::tr("collected");
        if (!s.error.isEmpty()) return QStringLiteral("%1: %2").arg(stateText(s.state), s.error);
        return stateText(s.state);
    case LockedColumn: return s.locked ? StreamsTr::tr("locked") : QString();
    case ChunksColumn: return QLocale().toString(s.queuedChunks);
    case SizeColumn: return number(s.queueTotalSize);
    case DesiredSizeColumn:
        return s.desiredSize ? number(*s.desiredSize) : QStringLiteral("\u2014");
    case HighWaterMarkColumn: return number(s.highWaterMark);
    case ThroughputColumn:
        return n.finishedAtMs >= 0 ? QString() : formatRate(n.throughput, s.bytesPassed > 0);
    case PassedColumn:
        if (s.bytesPassed > 0)
            return StreamsTr::tr("%1 in %n chunk(s)", nullptr,
                                 int(qMin<quint64>(s.chunksPassed, INT_MAX)))
                .arg(QLocale().formattedDataSize(qint64(s.bytesPassed), 1,
                                                 QLocale::DataSizeTraditionalFormat));
        return StreamsTr::tr("%n chunk(s)", nullptr, int(qMin<quint64>(s.chunksPassed, INT_MAX)));
    }
    return {};
}

QVariant StreamsModel::rawValue(const Node& n, int column) const
{
    const StreamSnapshot& s = n.stream;
    switch (column) {
    case LockedColumn: return s.locked;
    case ChunksColumn: return s.queuedChunks;
    case SizeColumn: return s.queueTotalSize;
    case DesiredSizeColumn: return s.desiredSize ? QVariant(*s.desiredSize) : QVariant();
    case HighWaterMarkColumn: return s.highWaterMark;
    case ThroughputColumn: return n.throughput;
    case PassedColumn: return s.bytesPassed > 0 ? s.bytesPassed : s.chunksPassed;
    default: return display(n, column);
    }
}

QString StreamsModel::toolTip(const Node& n, int column) const
{
    const StreamSnapshot& s = n.stream;
    if (n.growing) {
        const QString why =
            s.links.teeParent
                ? StreamsTr::tr("Its queue grew in each of the last %1 snapshots and is above "
                                "its high-water mark: this tee branch is read more slowly than "
                                "the other one, and tee keeps every chunk for it until it "
                                "catches up (or is cancelled).")
                : StreamsTr::tr("Its queue grew in each of the last %1 snapshots and is above "
                                "its high-water mark: chunks arrive faster than they are read.");
        return why.arg(GrowthSnapshots);
    }
    if (!s.error.isEmpty()) return StreamsTr::tr("Error: %1").arg(s.error);
    if (n.collected)
        return StreamsTr::tr("Collected by the garbage collector: nothing refers to it any more.");
    switch (column) {
    case SourceColumn:
        return s.sourceUrl.isEmpty()
                   ? QString()
                   : StreamsTr::tr("Made at %1:%2 (click to open)").arg(s.sourceUrl).arg(s.line);
    case DesiredSizeColumn:
        if (s.desiredSize && *s.desiredSize <= 0 && !isFinishedState(s.state))
            return StreamsTr::tr("Backpressure: the queue is at or above its high-water mark, so "
                                 "the stream asks its producer to wait.");
        return StreamsTr::tr("The high-water mark minus the queue's size.");
    default: return s.label;
    }
}

QVariant StreamsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) return {};
    const Node* n = node(quint64(index.internalId()));
    if (!n) return {};
    const StreamSnapshot& s = n->stream;
    const bool backpressure =
        !n->collected && !isFinishedState(s.state) && s.desiredSize && *s.desiredSize <= 0;
    switch (role) {
    case Qt::DisplayRole: return display(*n, index.column());
    case Qt::ToolTipRole: return toolTip(*n, index.column());
    case Qt::DecorationRole:
        if (index.column() != LabelColumn) return {};
        // The theme's icons where there is a theme, ours (drawn to match) where not.
        if (n->growing)
            return QIcon::fromTheme(QStringLiteral("dialog-warning"),
                                    icons::level(int(ConsoleMessage::Level::Warn)));
        if (s.state == StreamSnapshot::State::Errored)
            return QIcon::fromTheme(QStringLiteral("dialog-error"),
                                    icons::level(int(ConsoleMessage::Level::Error)));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= ChunksColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case Qt::ForegroundRole: {
        if (s.state == StreamSnapshot::State::Errored || s.state == StreamSnapshot::State::Erroring)
            return QColor(0xc0, 0x39, 0x2b);
        if (n->finishedAtMs < 0) return {};
        // Fading out: the longer finished, the paler (kept mid-grey when preserved).
        const qint64 age = m_clock.elapsed() - n->finishedAtMs;
        const int alpha = m_preserveFinished
                              ? 150
                              : int(qBound(qint64(60), 200 - age * 140 / FadeOutMs, qint64(200)));
        QColor grey(0x80, 0x80, 0x80);
        grey.setAlpha(alpha);
        return grey;
    }
    case Qt::BackgroundRole:
        if (n->growing) return QColor(0xf2, 0x99, 0x4a, 90);
        if (backpressure) return QColor(0xf2, 0xc9, 0x4c, 70);
        return {};
    case StreamIdRole: return s.id;
    case SourceUrlRole: return s.sourceUrl;
    case LineRole: return s.line;
    case BackpressureRole: return backpressure;
    case GrowingRole: return n->growing;
    case ErroredRole: return s.state == StreamSnapshot::State::Errored;
    case FinishedRole: return n->finishedAtMs >= 0;
    case CollectedRole: return n->collected;
    case ErrorTextRole: return s.error;
    case RawValueRole: return rawValue(*n, index.column());
    default: return {};
    }
}

QVariant StreamsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case LabelColumn: return StreamsTr::tr("Stream");
        case SourceColumn: return StreamsTr::tr("Made at");
        case KindColumn: return StreamsTr::tr("Kind");
        case StateColumn: return StreamsTr::tr("State");
        case LockedColumn: return StreamsTr::tr("Locked");
        case ChunksColumn: return StreamsTr::tr("Chunks");
        case SizeColumn: return StreamsTr::tr("Size");
        case DesiredSizeColumn: return StreamsTr::tr("desiredSize");
        case HighWaterMarkColumn: return StreamsTr::tr("HWM");
        case ThroughputColumn: return StreamsTr::tr("Throughput");
        case PassedColumn: return StreamsTr::tr("Passed");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case ChunksColumn: return StreamsTr::tr("Chunks in the queue");
        case SizeColumn: return StreamsTr::tr("The queue's total size, by the queuing strategy");
        case DesiredSizeColumn:
            return StreamsTr::tr("The high-water mark minus the queue's size; at or below 0 "
                                 "the stream applies backpressure");
        case HighWaterMarkColumn: return StreamsTr::tr("High-water mark of the queuing strategy");
        case ThroughputColumn:
            return StreamsTr::tr("Bytes (or chunks) passed per second, over the last second");
        case PassedColumn:
            return StreamsTr::tr("Bytes and chunks read from it (or written to its sink) so far");
        }
    }
    return {};
}

} // namespace nano::ui
