#pragma once
// The stream inspector's dock: the live tree of the current run's streams (StreamsModel), a
// sparkline (Qt Charts) of the selected stream's queue size over the run, "Preserve finished
// streams", Clear, and a summary line. It subscribes to the engine's stream snapshots only
// while it is visible: the engine describes its streams only for a subscriber.

#include "engine/inspect/inspector_event.h"

#include <QDockWidget>
#include <QPointer>
#include <QTimer>

class QChart;
class QChartView;
class QCheckBox;
class QLabel;
class QLineSeries;
class QSplitter;
class QTreeView;
class QValueAxis;

namespace nano {
class Controller;
}

namespace nano::ui {

class StreamsModel;

class StreamsDock final : public QDockWidget {
    Q_OBJECT
public:
    explicit StreamsDock(QWidget* parent = nullptr);
    ~StreamsDock() override;
    Q_DISABLE_COPY_MOVE(StreamsDock)

    StreamsModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    QLineSeries* sparkline() const { return m_sparkline; }
    QCheckBox* preserveFinishedBox() const { return m_preserve; }
    QString summaryText() const;
    // The stream whose sparkline is shown (0: none).
    quint64 selectedStream() const { return m_selected; }
    void selectStream(quint64 id);

    // Subscribes to the stream snapshots of `controller` while the dock is visible.
    void setController(Controller* controller);

public slots:
    // A new run: only its snapshots are shown from now on.
    void beginRun(quint64 runId);
    void appendEvents(const nano::InspectorBatch& batch);
    void clear();

signals:
    // A click on a stream's "Made at" cell.
    void locationActivated(const QString& sourceUrl, int line, int column);

private:
    void updateSubscription();
    void updateSparkline();
    void updateSummary();

    StreamsModel* m_model = nullptr;
    QTreeView* m_view = nullptr;
    QCheckBox* m_preserve = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_sparklineTitle = nullptr;
    QChart* m_chart = nullptr;
    QChartView* m_chartView = nullptr;
    QLineSeries* m_sparkline = nullptr;
    QSplitter* m_splitter = nullptr; // the tree above the sparkline
    QValueAxis* m_timeAxis = nullptr;
    QValueAxis* m_sizeAxis = nullptr;
    QTimer m_fadeTimer;
    // The window deletes its Controller before its docks: the dock must not reach a dead one.
    QPointer<Controller> m_controller;
    bool m_subscribed = false;
    quint64 m_runId = 0;
    quint64 m_selected = 0;
};

} // namespace nano::ui
