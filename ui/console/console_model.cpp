#include "console_model.h"

#include "console/console_tr.h"
#include "console/inspect_text.h"
#include "common/icons.h"
#include "common/theme.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QUrl>

namespace nano::ui {

using Level = ConsoleMessage::Level;
using Kind = ConsoleMessage::Kind;

// One stored message. The tree under it is created on first access.
struct ConsoleModel::Entry {
    ConsoleMessage message;
    quint64 seq = 0;
    QString expansionKey;
    std::unique_ptr<Node> root;
};

// One level of a logged value's tree. `value` is a span of the entry's message text; the
// children are parsed from it the first time they are asked for.
struct ConsoleModel::Node {
    Entry* entry = nullptr;
    Node* parent = nullptr; // nullptr for the entry's root
    int row = 0;
    QString label;          // the key ("a", "'key'", "0") or empty
    inspect::Span value;
    bool populated = false;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

bool mayHoldValues(const ConsoleMessage& message)
{
    switch (message.kind) {
    case Kind::Console:
    case Kind::Group:
    case Kind::GroupCollapsed:
    case Kind::Result:
        return true;
    default:
        return false;
    }
}

QString locationText(const ConsoleMessage& message)
{
    if (message.sourceUrl.isEmpty())
        return {};
    const QUrl url(message.sourceUrl);
    QString name = url.fileName();
    if (name.isEmpty())
        name = message.sourceUrl;
    if (message.line <= 0)
        return name;
    return QStringLiteral("%1:%2").arg(name).arg(message.line);
}

QString fullPath(const ConsoleMessage& message)
{
    const QUrl url(message.sourceUrl);
    return url.isLocalFile() ? url.toLocalFile() : message.sourceUrl;
}

} // namespace

ConsoleModel::ConsoleModel(QObject* parent) : QAbstractItemModel(parent) {}

ConsoleModel::~ConsoleModel() = default;

void ConsoleModel::setCapacity(int capacity)
{
    m_capacity = qMax(1, capacity);
    const int overflow = int(m_entries.size()) - m_capacity;
    if (overflow <= 0)
        return;
    beginRemoveRows({}, 0, overflow - 1);
    for (int i = 0; i < overflow; ++i)
        m_entries.pop_front();
    m_firstSeq += quint64(overflow);
    m_dropped += quint64(overflow);
    endRemoveRows();
    emit droppedCountChanged(m_dropped);
}

const ConsoleMessage& ConsoleModel::message(int row) const
{
    return entryAt(row)->message;
}

void ConsoleModel::append(const ConsoleMessages& messages)
{
    if (messages.isEmpty())
        return;
    // Expansion keys count every message, including the ones dropped right away, so that the
    // n-th message from a location gets the same key in every run.
    std::vector<std::unique_ptr<Entry>> incoming;
    incoming.reserve(size_t(messages.size()));
    for (const ConsoleMessage& message : messages) {
        if (message.runId != m_occurrenceRun) {
            m_occurrenceRun = message.runId;
            m_occurrences.clear();
        }
        const QString location = QStringLiteral("%1:%2:%3")
                                     .arg(message.sourceUrl)
                                     .arg(message.line)
                                     .arg(message.column);
        auto entry = std::make_unique<Entry>();
        entry->message = message;
        entry->expansionKey = location + u'#' + QString::number(m_occurrences[location]++);
        incoming.push_back(std::move(entry));
    }

    quint64 dropped = 0;
    size_t skip = 0;
    if (incoming.size() > size_t(m_capacity)) {
        skip = incoming.size() - size_t(m_capacity);
        dropped += skip;
    }
    const int keep = int(incoming.size() - skip);
    const int overflow = int(m_entries.size()) + keep - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        for (int i = 0; i < overflow; ++i)
            m_entries.pop_front();
        m_firstSeq += quint64(overflow);
        endRemoveRows();
        dropped += quint64(overflow);
    }
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + keep - 1);
    for (size_t i = skip; i < incoming.size(); ++i) {
        incoming[i]->seq = m_firstSeq + m_entries.size();
        m_entries.push_back(std::move(incoming[i]));
    }
    m_nextSeq = m_firstSeq + m_entries.size();
    endInsertRows();
    if (dropped > 0) {
        m_dropped += dropped;
        emit droppedCountChanged(m_dropped);
    }
}

void ConsoleModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_firstSeq = m_nextSeq;
    m_dropped = 0;
    endResetModel();
    emit droppedCountChanged(0);
}

ConsoleModel::Entry* ConsoleModel::entryAt(int row) const
{
    return m_entries.at(size_t(row)).get();
}

int ConsoleModel::rowOf(const Entry* entry) const
{
    return int(entry->seq - m_firstSeq);
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
    if (node->populated)
        return;
    node->populated = true;
    const ConsoleMessage& message = node->entry->message;
    if (!mayHoldValues(message))
        return;
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
            for (const inspect::Span& span : all)
                addChild(QString(), span);
            return;
        }
        if (all.isEmpty())
            return;
        composite = all.first();
    } else {
        composite = inspect::firstComposite(text, node->value);
        if (composite.isEmpty())
            return;
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
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, nullptr);
    auto* parentNode = static_cast<Node*>(parent.internalPointer());
    Node* node = parentNode ? parentNode->children.at(size_t(parent.row())).get()
                            : rootOf(entryAt(parent.row()));
    populate(node);
    return createIndex(row, column, node);
}

QModelIndex ConsoleModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    auto* node = static_cast<Node*>(child.internalPointer());
    if (!node)
        return {};
    if (!node->parent)
        return createIndex(rowOf(node->entry), 0, nullptr);
    return createIndex(node->row, 0, node->parent);
}

int ConsoleModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_entries.size());
    if (parent.column() != 0)
        return 0;
    auto* parentNode = static_cast<Node*>(parent.internalPointer());
    Node* node = parentNode ? parentNode->children.at(size_t(parent.row())).get()
                            : rootOf(entryAt(parent.row()));
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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    auto* parentNode = static_cast<Node*>(index.internalPointer());
    if (!parentNode)
        return messageData(*entryAt(index.row()), index.column(), role);
    return nodeData(*parentNode->children.at(size_t(index.row())), index.column(), role);
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
            if (Node* root = rootOf(const_cast<Entry*>(&entry)); populate(root),
                !root->children.empty())
                return inspect::oneLine(message.text, root->value);
            return message.text;
        case LocationColumn:
            return locationText(message);
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
        if (column == MessageColumn)
            return icons::level(int(message.level));
        return {};
    case Qt::ForegroundRole:
        return theme::levelForeground(int(message.level));
    case Qt::BackgroundRole:
        return theme::levelBackground(int(message.level));
    case Qt::FontRole:
        if (column == MessageColumn) {
            QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            font.setBold(message.kind == Kind::Group || message.kind == Kind::GroupCollapsed);
            return font;
        }
        return {};
    case LevelRole:
        return int(message.level);
    case KindRole:
        return int(message.kind);
    case SourceUrlRole:
        return message.sourceUrl;
    case LineRole:
        return message.line;
    case ColumnRole:
        return message.column;
    case RunIdRole:
        return message.runId;
    case FullTextRole:
        return message.text;
    case ExpansionKeyRole:
        return entry.expansionKey;
    }
    return {};
}

QVariant ConsoleModel::nodeData(const Node& node, int column, int role) const
{
    const QString& text = node.entry->message.text;
    switch (role) {
    case Qt::DisplayRole:
        if (column != MessageColumn)
            return {};
        if (node.label.isEmpty())
            return inspect::oneLine(text, node.value);
        return node.label + QStringLiteral(": ") + inspect::oneLine(text, node.value);
    case Qt::FontRole:
        if (column == MessageColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::ForegroundRole:
        return theme::levelForeground(int(node.entry->message.level));
    case LevelRole:
        return int(node.entry->message.level);
    case KindRole:
        return int(node.entry->message.kind);
    case RunIdRole:
        return node.entry->message.runId;
    case FullTextRole:
        return text.mid(node.value.begin, node.value.end - node.value.begin);
    case ExpansionKeyRole: {
        QString key = node.label.isEmpty() ? QString::number(node.row) : node.label;
        for (const Node* up = node.parent; up; up = up->parent) {
            const QString part = up->parent ? (up->label.isEmpty() ? QString::number(up->row)
                                                                   : up->label)
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
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MessageColumn:
        return ConsoleTr::tr("Message");
    case LocationColumn:
        return ConsoleTr::tr("Source");
    case TimeColumn:
        return ConsoleTr::tr("Time");
    }
    return {};
}

} // namespace nano::ui
