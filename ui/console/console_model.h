#pragma once
// The console inspector's model: one row per console message, bounded storage (the oldest
// messages are dropped, and counted, once `capacity` is reached), and under each message that
// holds objects or arrays a tree of their entries that is parsed lazily from the formatted text
// the first time a level is asked for (see inspect_text.h). Columns: message, location, time.
//
// console.group / groupCollapsed: a group's header row is the parent of the messages logged
// inside the group (their groupDepth is deeper than the header's), so groups nest as a tree. The
// engine indents nested text by two spaces per level; the model strips the indentation that the
// nesting already shows from the displayed text and puts it back in FullTextRole (the copy form).
// A group header's children are its messages only (a logged object in a group label shows as
// one line). When the bound is reached the oldest message without children goes first: a
// header stays while it still holds messages.
//
// A run separator (ConsoleMessage::Kind::RunStart, added by the dock when "Clear on run" is
// off) is a top-level row like a message; the view spans it over all columns.
//
// console.table: the row's DisplayRole and FullTextRole are the table drawn with box characters
// (the plain-text form); TableColumnsRole / TableRowsRole carry the cells for the table delegate.

#include "engine/inspect/console_message.h"

#include <QAbstractItemModel>
#include <QFont>
#include <QHash>
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
        IsMessageRole,    // bool: a console message (true) or an entry of a logged value (false)
        MessageIdRole,    // quint64, unique per message for the model's lifetime
        TableColumnsRole, // QStringList: console.table's column titles, "(index)" first
        TableRowsRole,    // QList<QStringList>: console.table's cells, one list per row
        // The engine's id of the message's logged objects (ConsoleMessage::messageId), 0 if
        // none, and the argument index of the object a row shows (-1 if none): a message row
        // its first logged object, an entry the object it belongs to.
        LoggedIdRole,
        LoggedArgRole,
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
    // All stored messages, nested ones included.
    int messageCount() const { return m_count; }
    // The top-level message at `row` (its text without group indentation).
    const ConsoleMessage& message(int row) const;

    void append(const ConsoleMessages& messages);
    // Counts `messages` as dropped without storing them (the start of a flood larger than the
    // bound), keeping expansion keys and groups as append() would.
    void discard(const ConsoleMessages& messages);
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
    struct Item;
    struct Entry;
    struct Node;
    // The messages at one level: the top level, or the members of one group.
    struct EntryList {
        std::deque<std::unique_ptr<Entry>> items;
        quint64 firstOrdinal = 0; // ordinal of items.front(); row = ordinal - firstOrdinal
        quint64 nextOrdinal = 0;
    };

    Item* itemAt(const QModelIndex& index) const;
    EntryList& listOf(const Entry* entry) const;
    QModelIndex indexOf(const Entry* entry) const;
    int rowOf(const Entry* entry) const;
    Node* rootOf(Entry* entry) const;
    static void populate(Node* node);
    Entry* groupFor(const ConsoleMessage& message);
    void appendSkipping(const ConsoleMessages& messages, int skip);
    void insertRun(Entry* group, std::vector<std::unique_ptr<Entry>>& run);
    void dropOldest(int count);
    QVariant messageData(const Entry& entry, int column, int role) const;
    QVariant nodeData(const Node& node, int column, int role) const;
    static int loggedArgOf(const Node& node);

    mutable EntryList m_top;
    int m_count = 0; // messages stored, nested ones included
    quint64 m_nextId = 0;
    quint64 m_dropped = 0;
    int m_capacity = DefaultCapacity;
    // Occurrences of each source location in the current run, for the expansion keys.
    struct Location {
        QString url;
        int line = 0;
        int column = 0;
        bool operator==(const Location& o) const
        {
            return line == o.line && column == o.column && url == o.url;
        }
        friend size_t qHash(const Location& l, size_t seed = 0)
        {
            return qHashMulti(seed, l.url, l.line, l.column);
        }
    };
    QHash<Location, int> m_occurrences;
    quint64 m_occurrenceRun = 0;
    // The groups still open in the current run, outermost first.
    std::vector<Entry*> m_openGroups;
    // Looked up once: the view asks for the font of every row on every layout.
    QFont m_fixedFont;
    QFont m_boldFont; // group headers
};

} // namespace nano::ui
