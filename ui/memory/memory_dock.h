#pragma once
// The memory inspector's dock: a Qt Charts time series of used heap, total heap, external
// memory and the heap limit of the current run (from MemorySeriesModel), the heap spaces as a
// table, and buttons to force a garbage collection and to save a heap snapshot. The engine
// samples at the start and the end of every run (the end after a garbage collection), so a
// short run draws a series too, and the numbers after a run are those of the collected heap.

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
    QValueAxis* timeAxis() const { return m_timeAxis; }
    QValueAxis* sizeAxis() const { return m_sizeAxis; }
    // Where "Save heap snapshot…" proposes to save: the documents folder, a file named after
    // the script and the time (memory-growth-2026-12-03-1405.heapsnapshot).
    QString defaultSnapshotPath() const;
    // The width that shows the buttons and the whole heap-spaces table without scrolling.
    int preferredWidth() const;

public slots:
    void addSample(const nano::HeapStats& stats);
    // The run ended. The summary keeps its numbers from then on (the sample the engine takes
    // after the run, of the collected heap, goes to the chart and the table and is named as
    // such); after an out-of-memory stop it says what happened instead of showing a "used"
    // above the limit without comment.
    void finishRun(bool outOfMemory);
    // A new run of `scriptName` (the tab's name) starts a new series and clears the last
    // snapshot's message.
    void reset(const QString& scriptName = QString());
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
    QLabel* m_snapshotStatus = nullptr; // the last snapshot's outcome, apart from the numbers
    QString m_scriptName;
    QString m_runSummary; // the numbers of the run's last sample, kept once it ended
    bool m_runEnded = false;
    QTableView* m_spacesView = nullptr;
};

} // namespace nano::ui
