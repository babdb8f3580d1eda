#pragma once
// The memory inspector's models. MemorySeriesModel holds the heap samples of the current run
// (bounded: the oldest are dropped beyond `capacity`), one row per sample, in megabytes, laid
// out for QVXYModelMapper. HeapSpacesModel shows the V8 heap spaces of the latest sample.

#include "engine/inspect/heap_stats.h"

#include <QAbstractTableModel>
#include <deque>

namespace nano::ui {

class MemorySeriesModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, UsedColumn, TotalColumn, ExternalColumn, LimitColumn, ColumnCount };
    enum Role { BytesRole = Qt::UserRole + 1 }; // the raw value (bytes, or ms for time)
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 2400;

    explicit MemorySeriesModel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(MemorySeriesModel)

    void setCapacity(int capacity);
    void append(const HeapStats& stats);
    void clear();
    bool isEmpty() const { return m_samples.empty(); }
    const HeapStats& latest() const { return m_samples.back(); }
    // The largest value of `column` in megabytes over the stored samples.
    double maximum(Column column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    static double value(const HeapStats& stats, int column);

    std::deque<HeapStats> m_samples;
    int m_capacity = DefaultCapacity;
};

class HeapSpacesModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        UsedColumn,
        SizeColumn,
        AvailableColumn,
        PhysicalColumn,
        ColumnCount
    };

    explicit HeapSpacesModel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(HeapSpacesModel)

    void setSpaces(const QVector<HeapSpaceStats>& spaces);
    // "new_large_object_space" → "new large object" (translated): the header says "Space".
    static QString spaceDisplayName(const QString& v8Name);
    // The V8 names of the spaces spaceDisplayName() translates (V8 10.2's eight).
    static QStringList knownSpaceNames();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVector<HeapSpaceStats> m_spaces;
};

// "12.3 MB"-style text for a byte count.
QString formatBytes(quint64 bytes);

} // namespace nano::ui
