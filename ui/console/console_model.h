#pragma once
// The console inspector's model: one top-level row per console message, bounded storage (the
// oldest rows are dropped, and counted, once `capacity` is reached), and under each message that
// holds objects or arrays a tree of their entries that is parsed lazily from the formatted text
// the first time a level is asked for (see inspect_text.h). Columns: message, location, time.

#include "engine/inspect/console_message.h"

#include <QAbstractItemModel>
#include <deque>
#include <memory>
#include <vector>

namespace nano::ui {

class ConsoleModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { MessageColumn, LocationColumn, TimeColumn, ColumnCount };
    enum Role {
        LevelRole = Qt::UserRole + 1, // int(ConsoleMessage::Level)
        KindRole,                     // int(ConsoleMessage::Kind)
        SourceUrlRole,                // QString, file:// URL or empty
        LineRole,                     // int, 1-based, 0 if unknown
        ColumnRole,                   // int, 1-based, 0 if unknown
        RunIdRole,                    // quint64
        FullTextRole,                 // QString, the whole formatted text
        // A key that identifies the same row when the same script runs again (location plus
        // occurrence, then the path of entry keys): the view keeps expanded state by it.
        ExpansionKeyRole,
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 10000;

    explicit ConsoleModel(QObject* parent = nullptr);
    ~ConsoleModel() override;
    Q_DISABLE_COPY_MOVE(ConsoleModel)

    void setCapacity(int capacity);
    int capacity() const { return m_capacity; }
    // Messages dropped to keep the bound since the last clear().
    quint64 droppedCount() const { return m_dropped; }
    int messageCount() const { return int(m_entries.size()); }
    const ConsoleMessage& message(int row) const;

    void append(const ConsoleMessages& messages);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void droppedCountChanged(quint64 dropped);

private:
    struct Entry;
    struct Node;

    Entry* entryAt(int row) const;
    int rowOf(const Entry* entry) const;
    Node* rootOf(Entry* entry) const;
    static void populate(Node* node);
    QVariant messageData(const Entry& entry, int column, int role) const;
    QVariant nodeData(const Node& node, int column, int role) const;

    std::deque<std::unique_ptr<Entry>> m_entries;
    quint64 m_firstSeq = 0; // sequence number of m_entries.front()
    quint64 m_nextSeq = 0;
    quint64 m_dropped = 0;
    int m_capacity = DefaultCapacity;
    // Occurrences of each source location in the current run, for the expansion keys.
    QHash<QString, int> m_occurrences;
    quint64 m_occurrenceRun = 0;
};

} // namespace nano::ui
