#include "console_model.h"

#include "common/icons.h"
#include "common/theme.h"
#include "console/console_tr.h"
#include "console/inspect_text.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QUrl>
#include <algorithm>

namespace nano::ui {

using Level = ConsoleMessage::Level;
using Kind = ConsoleMessage::Kind;

// Either a stored message or an entry of a logged value's tree. An index's internal pointer is
// the Item whose children the index's row counts: nullptr for the top level, a group's Entry
// for its members, a Node for a value's entries (an Entry's root Node for the first level).
struct ConsoleModel::Item {
    explicit Item(bool isEntry)
        : isEntry(isEntry)
    {}
    const bool isEntry;
};

// One stored message. The tree under it is created on first access.
struct ConsoleModel::Entry final : Item {
    Entry()
        : Item(true)
    {}
    ConsoleMessage message; // text without the group indentation that the nesting shows
    quint64 id = 0;
    quint64 ordinal = 0;    // see EntryList
    int indent = 0;         // spaces stripped from the start of each line of the text
    Entry* group = nullptr; // the group header this message is nested in, if any
    EntryList members;      // a group header's messages
    QString expansionKey;
    // Could hold a logged value's tree: most rows cannot, and the view asks every row.
    bool mayExpand = false;
    std::unique_ptr<Node> root;

    bool isGroup() const
    {
        return message.kind == Kind::Group || message.kind == Kind::GroupCollapsed;
    }
};

// One level of a logged value's tree. `value` is a span of the entry's message text; the
// children are parsed from it the first time they are asked for.
struct ConsoleModel::Node final : Item {
    Node()
        : Item(false)
    {}
    Entry* entry = nullptr;
    Node* parent = nullptr; // nullptr for the entry's root
    int row = 0;
    QString label; // the key ("a", "'key'", "0") or empty
    inspect::Span value;
    bool populated = false;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

bool mayHoldValues(const ConsoleMessage& message)
{
    switch (message.kind) {
    case Kind::Console:
    case Kind::Result: return true;
    default: return false;
    }
}

QString locationText(const ConsoleMessage& message)
{
    if (message.sourceUrl.isEmpty()) return {};
    const QUrl url(message.sourceUrl);
    QString name = url.fileName();
    if (name.isEmpty()) name = message.sourceUrl;
    if (message.line <= 0) return name;
    return QStringLiteral("%1:%2").arg(name).arg(message.line);
}

QString fullPath(const ConsoleMessage& message)
{
    const QUrl url(message.sourceUrl);
    return url.isLocalFile() ? url.toLocalFile() : message.sourceUrl;
}

// Removes up to `columns` leading spaces from every line of `text`.
QString unindent(const QString& text, int columns)
{
    QString out;
    out.reserve(text.size());
    int i = 0;
    while (i < text.size()) {
        for (int n = 0; n < columns && i < text.size() && text.at(i) == u' '; ++n)
            ++i;
        const int newline = text.indexOf(u'\n', i);
        const int stop = newline < 0 ? int(text.size()) : newline + 1;
        out += QStringView(text).mid(i, stop - i);
        i = stop;
    }
    return out;
}

// The inverse of unindent() for text the engine indented uniformly.
QString reindent(const QString& text, int columns)
{
    if (columns <= 0) return text;
    const QString pad(columns, u' ');
    QString out = pad + text;
    out.replace(u'\n', QLatin1Char('\n') + pad);
    return out;
}

} // namespace

ConsoleModel::ConsoleModel(QObject* parent)
    : QAbstractItemModel(parent)
    , m_fixedFont(QFontDatabase::systemFont(QFontDatabase::FixedFont))
    , m_boldFont(m_fixedFont)
{
    m_boldFont.setBold(true);
}

ConsoleModel::~ConsoleModel() = default;

void ConsoleModel::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    const int overflow = m_count - m_capacity;
    if (overflow <= 0) return;
    dropOldest(overflow);
    m_dropped += quint64(overflow);
    emit droppedCountChanged(m_dropped);
}

const ConsoleMessage& ConsoleModel::message(int row) const
{
    return m_top.items.at(size_t(row))->message;
}

// The open group that `message` belongs in (closing the groups it is no longer inside), or
// nullptr for the top level.
ConsoleModel::Entry* ConsoleModel::groupFor(const ConsoleMessage& message)
{
    while (!m_openGroups.empty() && m_openGroups.back()->message.groupDepth >= message.groupDepth)
        m_openGroups.pop_back();
    return m_openGroups.empty() ? nullptr : m_openGroups.back();
}

void ConsoleModel::append(const ConsoleMessages& messages)
{
    // Of a batch larger than the bound only the newest messages are stored.
    appendSkipping(messages, qMax(0, int(messages.size()) - m_capacity));
}

void ConsoleModel::discard(const ConsoleMessages& messages)
{
    appendSkipping(messages, int(messages.size()));
}

// Expansion keys count every message, including the ones dropped right away, so that the n-th
// message from a location gets the same key in every run.
void ConsoleModel::appendSkipping(const ConsoleMessages& messages, int skip)
{
    if (messages.isEmpty()) return;
    quint64 dropped = quint64(skip);
    Entry* runGroup = nullptr;
    std::vector<std::unique_ptr<Entry>> run; // consecutive messages for the same parent
    for (int i = 0; i < messages.size(); ++i) {
        const ConsoleMessage& message = messages.at(i);
        if (message.runId != m_occurrenceRun) {
            m_occurrenceRun = message.runId;
            m_occurrences.clear();
            if (!run.empty()) insertRun(runGroup, run);
            m_openGroups.clear();
        }
        if (message.kind == ConsoleMessage::Kind::GroupEnd) {
            groupFor(message); // closes the groups at or below the depth it returns to
            continue;
        }
        const int occurrence =
            m_occurrences[Location{message.sourceUrl, message.line, message.column}]++;
        Entry* group = groupFor(message);
        if (i < skip) continue;
        const QString location =
            QStringLiteral("%1:%2:%3").arg(message.sourceUrl).arg(message.line).arg(message.column);
        if (group != runGroup && !run.empty()) insertRun(runGroup, run);
        runGroup = group;
        auto entry = std::make_unique<Entry>();
        entry->message = message;
        entry->id = m_nextId++;
        entry->group = group;
        entry->expansionKey = location + u'#' + QString::number(occurrence);
        entry->mayExpand =
            mayHoldValues(message) && (message.text.contains(u'{') || message.text.contains(u'['));
        // The nesting shows the levels up to the group; deeper ones (console.group() without a
        // label prints no header) stay in the text.
        entry->indent = group ? 2 * (group->message.groupDepth + 1) : 0;
        if (entry->indent > 0) entry->message.text = unindent(message.text, entry->indent);
        if (entry->isGroup() && entry->message.text.isEmpty())
            entry->message.text = QStringLiteral("console.group"); // as browsers show it
        if (entry->isGroup()) {
            // Its members go into a list of their own: the header must be in the model first.
            m_openGroups.push_back(entry.get());
            run.push_back(std::move(entry));
            insertRun(runGroup, run);
        } else {
            run.push_back(std::move(entry));
        }
    }
    if (!run.empty()) insertRun(runGroup, run);
    const int overflow = m_count - m_capacity;
    if (overflow > 0) {
        dropOldest(overflow);
        dropped += quint64(overflow);
    }
    if (dropped > 0) {
        m_dropped += dropped;
        emit droppedCountChanged(m_dropped);
    }
}

// Appends `run` (messages in arrival order) to `group`'s members or to the top level.
void ConsoleModel::insertRun(Entry* group, std::vector<std::unique_ptr<Entry>>& run)
{
    EntryList& list = group ? group->members : m_top;
    const int first = int(list.items.size());
    beginInsertRows(group ? indexOf(group) : QModelIndex(), first, first + int(run.size()) - 1);
    for (auto& entry : run) {
        entry->ordinal = list.nextOrdinal++;
        list.items.push_back(std::move(entry));
    }
    m_count += int(run.size());
    endInsertRows();
    run.clear();
}

// Removes the `count` oldest messages that hold no others, in as few row ranges as possible.
void ConsoleModel::dropOldest(int count)
{
    while (count > 0 && !m_top.items.empty()) {
        // The oldest message without members: a header comes before its members, so go down
        // through the first group that still holds some.
        Entry* owner = nullptr;
        EntryList* list = &m_top;
        while (!list->items.front()->members.items.empty()) {
            owner = list->items.front().get();
            list = &owner->members;
        }
        int n = 0;
        while (n < count && size_t(n) < list->items.size() &&
               list->items.at(size_t(n))->members.items.empty())
            ++n;
        beginRemoveRows(owner ? indexOf(owner) : QModelIndex(), 0, n - 1);
        for (int i = 0; i < n; ++i) {
            const Entry* gone = list->items.front().get();
            // A group that is dropped is no longer open (its inner groups went before it).
            const auto open = std::find(m_openGroups.begin(), m_openGroups.end(), gone);
            if (open != m_openGroups.end()) m_openGroups.erase(open, m_openGroups.end());
            list->items.pop_front();
        }
        list->firstOrdinal += quint64(n);
        m_count -= n;
        endRemoveRows();
        count -= n;
    }
}

void ConsoleModel::clear()
{
    beginResetModel();
    m_top.items.clear();
    m_top.firstOrdinal = m_top.nextOrdinal;
    m_count = 0;
    m_openGroups.clear();
    m_dropped = 0;
    endResetModel();
    emit droppedCountChanged(0);
}

ConsoleModel::Item* ConsoleModel::itemAt(const QModelIndex& index) const
{
    auto* container = static_cast<Item*>(index.internalPointer());
    const auto row = size_t(index.row());
    if (!container) return m_top.items.at(row).get();
    if (container->isEntry) return static_cast<Entry*>(container)->members.items.at(row).get();
    return static_cast<Node*>(container)->children.at(row).get();
}

ConsoleModel::EntryList& ConsoleModel::listOf(const Entry* entry) const
{
    return entry->group ? entry->group->members : m_top;
}

int ConsoleModel::rowOf(const Entry* entry) const
{
    return int(entry->ordinal - listOf(entry).firstOrdinal);
}

QModelIndex ConsoleModel::indexOf(const Entry* entry) const
{
    return createIndex(rowOf(entry), 0, static_cast<Item*>(entry->group));
}

ConsoleModel::Node* ConsoleModel::rootOf(Entry* entry) const
{
    if (!entry->root) {
        entry->root = std::make_unique<Node>();
        entry->root->entry = entry;
        entry->root->value = {0, int(entry->message.text.size())};
    }
    return entry->root.get();
}

// Parses one level: the entries of the node's first composite, or, for a message that logged
// several objects, one child per object.
void ConsoleModel::populate(Node* node)
{
    if (node->populated) return;
    node->populated = true;
    const ConsoleMessage& message = node->entry->message;
    if (!mayHoldValues(message)) return;
    const QString& text = message.text;
    auto addChild = [node](const QString& label, inspect::Span value) {
        auto child = std::make_unique<Node>();
        child->entry = node->entry;
        child->parent = node;
        child->row = int(node->children.size());
        child->label = label;
        child->value = value;
        node->children.push_back(std::move(child));
    };
    inspect::Span composite;
    if (!node->parent) {
        const QVector<inspect::Span> all = inspect::composites(text, node->value);
        if (all.size() > 1) {
            // Each with its class name, as the collapsed row shows it ("Map(2) {...}").
            int previousEnd = node->value.begin;
            for (const inspect::Span& span : all) {
                addChild(QString(), inspect::withPrefix(text, {previousEnd, span.end}, span));
                previousEnd = span.end;
            }
            return;
        }
        if (all.isEmpty()) return;
        composite = all.first();
    } else {
        composite = inspect::firstComposite(text, node->value);
        if (composite.isEmpty()) return;
    }
    const bool isArray = text.at(composite.begin) == u'[';
    int index = 0;
    for (const inspect::Entry& entry : inspect::entries(text, composite)) {
        QString label;
        if (!entry.key.isEmpty())
            label = text.mid(entry.key.begin, entry.key.end - entry.key.begin);
        else if (isArray && text.at(entry.value.begin) != u'.')
            label = QString::number(index++);
        addChild(label, entry.value);
    }
}

QModelIndex ConsoleModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, nullptr);
    Item* item = itemAt(parent);
    if (item->isEntry) {
        auto* entry = static_cast<Entry*>(item);
        if (entry->isGroup()) return createIndex(row, column, item);
        Node* root = rootOf(entry);
        populate(root);
        return createIndex(row, column, static_cast<Item*>(root));
    }
    auto* node = static_cast<Node*>(item);
    populate(node);
    return createIndex(row, column, item);
}

QModelIndex ConsoleModel::parent(const QModelIndex& child) const
{
    if (!child.isValid()) return {};
    auto* container = static_cast<Item*>(child.internalPointer());
    if (!container) return {};
    if (container->isEntry) return indexOf(static_cast<Entry*>(container));
    auto* node = static_cast<Node*>(container);
    if (!node->parent) return indexOf(node->entry);
    return createIndex(node->row, 0, static_cast<Item*>(node->parent));
}

int ConsoleModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) return int(m_top.items.size());
    if (parent.column() != 0) return 0;
    Item* item = itemAt(parent);
    Node* node = nullptr;
    if (item->isEntry) {
        auto* entry = static_cast<Entry*>(item);
        if (entry->isGroup()) return int(entry->members.items.size());
        if (!entry->mayExpand) return 0;
        node = rootOf(entry);
    } else {
        node = static_cast<Node*>(item);
    }
    populate(node);
    return int(node->children.size());
}

int ConsoleModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

bool ConsoleModel::hasChildren(const QModelIndex& parent) const
{
    return rowCount(parent) > 0;
}

QVariant ConsoleModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    Item* item = itemAt(index);
    if (item->isEntry) return messageData(*static_cast<Entry*>(item), index.column(), role);
    return nodeData(*static_cast<Node*>(item), index.column(), role);
}

QVariant ConsoleModel::messageData(const Entry& entry, int column, int role) const
{
    const ConsoleMessage& message = entry.message;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case MessageColumn:
            // A message with a tree shows a one-line preview; tables, traces and error reports
            // keep their lines.
            if (!entry.mayExpand) return message.text;
            if (Node* root = rootOf(const_cast<Entry*>(&entry));
                populate(root), !root->children.empty())
                return inspect::oneLine(message.text, root->value);
            return message.text;
        case LocationColumn: return locationText(message);
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(message.timestampMs)
                .toString(QStringLiteral("HH:mm:ss.zzz"));
        }
        return {};
    case Qt::ToolTipRole:
        if (column == LocationColumn && !message.sourceUrl.isEmpty())
            return ConsoleTr::tr("%1, line %2, column %3 (click to show in the editor)")
                .arg(fullPath(message))
                .arg(message.line)
                .arg(message.column);
        return {};
    case Qt::DecorationRole:
        if (column == MessageColumn && message.kind != Kind::RunStart)
            return icons::level(int(message.level));
        return {};
    case Qt::TextAlignmentRole:
        // Location and time stay on the first line of a tall row (a table, a stack trace).
        if (column != MessageColumn &&
            (message.kind == Kind::Table || message.text.contains(u'\n')))
            return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignTop));
        return {};
    case Qt::ForegroundRole: return theme::levelForeground(int(message.level));
    case Qt::BackgroundRole: return theme::levelBackground(int(message.level));
    case Qt::FontRole:
        if (column == MessageColumn) return entry.isGroup() ? m_boldFont : m_fixedFont;
        return {};
    case LevelRole: return int(message.level);
    case KindRole: return int(message.kind);
    case SourceUrlRole: return message.sourceUrl;
    case LineRole: return message.line;
    case ColumnRole: return message.column;
    case RunIdRole: return message.runId;
    case FullTextRole: return reindent(message.text, entry.indent);
    case ExpansionKeyRole: return entry.expansionKey;
    case IsMessageRole: return true;
    case MessageIdRole: return entry.id;
    case TableColumnsRole:
        if (message.tableColumns.isEmpty()) return {};
        return message.tableColumns;
    case TableRowsRole:
        if (message.tableColumns.isEmpty()) return {};
        return QVariant::fromValue(message.tableRows);
    case LoggedIdRole: return message.messageId;
    case LoggedArgRole: return message.objectArgs.isEmpty() ? -1 : message.objectArgs.first();
    }
    return {};
}

// The logged object an entry belongs to: for a message that logged several objects, the root
// has one child per object (see populate()), in argument order.
int ConsoleModel::loggedArgOf(const Node& node)
{
    const QVector<int>& args = node.entry->message.objectArgs;
    if (args.isEmpty()) return -1;
    const Node* top = &node;
    while (top->parent && top->parent->parent)
        top = top->parent;
    if (args.size() > 1 && top->parent && top->label.isEmpty())
        return args.value(top->row, args.first());
    return args.first();
}

QVariant ConsoleModel::nodeData(const Node& node, int column, int role) const
{
    const QString& text = node.entry->message.text;
    switch (role) {
    case Qt::DisplayRole:
        if (column != MessageColumn) return {};
        if (node.label.isEmpty()) return inspect::oneLine(text, node.value);
        return node.label + QStringLiteral(": ") + inspect::oneLine(text, node.value);
    case Qt::FontRole:
        if (column == MessageColumn) return m_fixedFont;
        return {};
    case Qt::ForegroundRole: return theme::levelForeground(int(node.entry->message.level));
    case LevelRole: return int(node.entry->message.level);
    case KindRole: return int(node.entry->message.kind);
    case RunIdRole: return node.entry->message.runId;
    case IsMessageRole: return false;
    case LoggedIdRole: return node.entry->message.messageId;
    case LoggedArgRole: return loggedArgOf(node);
    case FullTextRole: return text.mid(node.value.begin, node.value.end - node.value.begin);
    case ExpansionKeyRole: {
        QString key = node.label.isEmpty() ? QString::number(node.row) : node.label;
        for (const Node* up = node.parent; up; up = up->parent) {
            const QString part = up->parent
                                     ? (up->label.isEmpty() ? QString::number(up->row) : up->label)
                                     : up->entry->expansionKey;
            key = part + u'/' + key;
        }
        return key;
    }
    }
    return {};
}

QVariant ConsoleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case MessageColumn: return ConsoleTr::tr("Message");
    case LocationColumn: return ConsoleTr::tr("Source");
    case TimeColumn: return ConsoleTr::tr("Time");
    }
    return {};
}

} // namespace nano::ui
