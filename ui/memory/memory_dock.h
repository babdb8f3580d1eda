#pragma once
// The memory inspector's dock: a Qt Charts time series of used heap, total heap, external
// memory and the heap limit of the current run (from MemorySeriesModel), the heap spaces as a
// table, and buttons to force a garbage collection and to save a heap snapshot.

#include "engine/inspect/heap_stats.h"

#include <QDockWidget>

class QChart;
class QChartView;
class QCheckBox;
class QLabel;
class QLineSeries;
class QTableView;
class QValueAxis;

namespace nano::ui {

class HeapSpacesModel;
class MemorySeriesModel;

class MemoryDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit MemoryDock(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(MemoryDock)

    MemorySeriesModel* seriesModel() const { return m_series; }
    HeapSpacesModel* spacesModel() const { return m_spaces; }

public slots:
    void addSample(const nano::HeapStats& stats);
    // A new run starts a new series.
    void reset();
    void showSnapshotResult(const QString& path, bool ok, const QString& error);

signals:
    void collectGarbageRequested();
    void saveSnapshotRequested(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateAxes();
    void applyPalette();
    void chooseSnapshotPath();

    MemorySeriesModel* m_series = nullptr;
    HeapSpacesModel* m_spaces = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QValueAxis* m_timeAxis = nullptr;
    QValueAxis* m_sizeAxis = nullptr;
    QLineSeries* m_limitSeries = nullptr;
    QCheckBox* m_showLimit = nullptr;
    QLabel* m_summary = nullptr;
    QTableView* m_spacesView = nullptr;
};

} // namespace nano::ui
