#include "memory_model.h"

#include "memory/memory_tr.h"

#include <QLocale>

namespace nano::ui {

namespace {
constexpr double MiB = 1024.0 * 1024.0;
}

QString formatBytes(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

MemorySeriesModel::MemorySeriesModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void MemorySeriesModel::setCapacity(int capacity)
{
    m_capacity = qMax(2, capacity);
    const int overflow = int(m_samples.size()) - m_capacity;
    if (overflow <= 0) return;
    beginRemoveRows({}, 0, overflow - 1);
    m_samples.erase(m_samples.begin(), m_samples.begin() + overflow);
    endRemoveRows();
}

void MemorySeriesModel::append(const HeapStats& stats)
{
    if (int(m_samples.size()) >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_samples.pop_front();
        endRemoveRows();
    }
    const int row = int(m_samples.size());
    beginInsertRows({}, row, row);
    m_samples.push_back(stats);
    endInsertRows();
}

void MemorySeriesModel::clear()
{
    if (m_samples.empty()) return;
    beginResetModel();
    m_samples.clear();
    endResetModel();
}

double MemorySeriesModel::value(const HeapStats& stats, int column)
{
    switch (column) {
    case TimeColumn: return stats.elapsedMs / 1000.0;
    case UsedColumn: return double(stats.usedHeap) / MiB;
    case TotalColumn: return double(stats.totalHeap) / MiB;
    case ExternalColumn: return double(stats.externalMemory) / MiB;
    case LimitColumn: return double(stats.heapLimit) / MiB;
    }
    return 0;
}

double MemorySeriesModel::maximum(Column column) const
{
    double result = 0;
    for (const HeapStats& stats : m_samples)
        result = qMax(result, value(stats, column));
    return result;
}

int MemorySeriesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int MemorySeriesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemorySeriesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HeapStats& stats = m_samples.at(size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return value(stats, index.column());
    case BytesRole:
        switch (index.column()) {
        case TimeColumn: return stats.elapsedMs;
        case UsedColumn: return stats.usedHeap;
        case TotalColumn: return stats.totalHeap;
        case ExternalColumn: return stats.externalMemory;
        case LimitColumn: return stats.heapLimit;
        }
    }
    return {};
}

QVariant MemorySeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return MemoryTr::tr("Time (s)");
    case UsedColumn: return MemoryTr::tr("Used heap");
    case TotalColumn: return MemoryTr::tr("Total heap");
    case ExternalColumn: return MemoryTr::tr("External");
    case LimitColumn: return MemoryTr::tr("Heap limit");
    }
    return {};
}

HeapSpacesModel::HeapSpacesModel(QObject* parent)
    : QAbstractTableModel(parent)
{}

void HeapSpacesModel::setSpaces(const QVector<HeapSpaceStats>& spaces)
{
    if (spaces.size() == m_spaces.size()) {
        // The same spaces in every sample: update in place so that the selection stays.
        m_spaces = spaces;
        if (!m_spaces.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_spaces.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_spaces = spaces;
    endResetModel();
}

int HeapSpacesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_spaces.size());
}

int HeapSpacesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeapSpacesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HeapSpaceStats& space = m_spaces.at(index.row());
    if (role == Qt::TextAlignmentRole && index.column() != NameColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    // V8's own name ("new_large_object_space") in the tool tip, as DevTools' heap profiler
    // would show it; the cell leaves out what the column header says.
    if (role == Qt::ToolTipRole && index.column() == NameColumn) return space.name;
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case NameColumn: return spaceDisplayName(space.name);
    case UsedColumn: return formatBytes(space.used);
    case SizeColumn: return formatBytes(space.size);
    case AvailableColumn: return formatBytes(space.available);
    case PhysicalColumn: return formatBytes(space.physical);
    }
    return {};
}

namespace {
// V8 10.2's heap spaces (v8::HeapSpaceStatistics::space_name()) and the names the table shows.
const struct {
    const char* v8Name;
    const char* label;
} SpaceNames[] = {
    {"read_only_space", QT_TRANSLATE_NOOP("Nano::Memory", "read only")},
    {"new_space", QT_TRANSLATE_NOOP("Nano::Memory", "new")},
    {"old_space", QT_TRANSLATE_NOOP("Nano::Memory", "old")},
    {"code_space", QT_TRANSLATE_NOOP("Nano::Memory", "code")},
    {"map_space", QT_TRANSLATE_NOOP("Nano::Memory", "map")},
    {"large_object_space", QT_TRANSLATE_NOOP("Nano::Memory", "large object")},
    {"code_large_object_space", QT_TRANSLATE_NOOP("Nano::Memory", "code large object")},
    {"new_large_object_space", QT_TRANSLATE_NOOP("Nano::Memory", "new large object")},
};
} // namespace

QString HeapSpacesModel::spaceDisplayName(const QString& v8Name)
{
    for (const auto& space : SpaceNames) {
        if (v8Name == QLatin1String(space.v8Name)) return MemoryTr::tr(space.label);
    }
    // A space a later V8 adds: its own name, readable.
    QString name = v8Name;
    if (name.endsWith(QLatin1String("_space"))) name.chop(6);
    return name.replace(u'_', u' ');
}

QStringList HeapSpacesModel::knownSpaceNames()
{
    QStringList names;
    for (const auto& space : SpaceNames)
        names << QLatin1String(space.v8Name);
    return names;
}

QVariant HeapSpacesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return MemoryTr::tr("Space");
    case UsedColumn: return MemoryTr::tr("Used");
    case SizeColumn: return MemoryTr::tr("Size");
    case AvailableColumn: return MemoryTr::tr("Available");
    case PhysicalColumn: return MemoryTr::tr("Physical");
    }
    return {};
}

} // namespace nano::ui
