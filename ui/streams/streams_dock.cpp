#include "streams/streams_dock.h"

#include "common/icons.h"
#include "engine/controller.h"
#include "engine/inspect/stream_snapshot.h"
#include "streams/streams_delegate.h"
#include "streams/streams_model.h"
#include "streams/streams_tr.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

namespace nano::ui {

namespace {
constexpr int FadeCheckMs = 500; // how often finished streams are checked for removal
constexpr int SparklineHeight = 110;
} // namespace

StreamsDock::StreamsDock(QWidget* parent)
    : QDockWidget(StreamsTr::tr("Streams"), parent)
{
    setObjectName(QStringLiteral("StreamsDock"));
    m_model = new StreamsModel(this);

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);

    auto* bar = new QHBoxLayout;
    auto* clearButton = new QToolButton(body);
    clearButton->setObjectName(QStringLiteral("clearStreamsButton"));
    clearButton->setIcon(icons::clear());
    clearButton->setText(StreamsTr::tr("Clear"));
    clearButton->setToolTip(StreamsTr::tr("Remove every stream from the list"));
    clearButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    clearButton->setAutoRaise(true);
    connect(clearButton, &QToolButton::clicked, this, &StreamsDock::clear);
    bar->addWidget(clearButton);
    m_preserve = new QCheckBox(StreamsTr::tr("Preserve finished streams"), body);
    m_preserve->setObjectName(QStringLiteral("preserveFinishedStreams"));
    m_preserve->setToolTip(StreamsTr::tr("Keep closed, errored and collected streams in the list "
                                         "instead of letting them fade out"));
    connect(m_preserve, &QCheckBox::toggled, m_model, &StreamsModel::setPreserveFinished);
    // The dock must not set the window's minimum width: in a narrow dock the label is cut.
    m_preserve->setMinimumWidth(m_preserve->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 3);
    bar->addWidget(m_preserve);
    m_summary = new QLabel(body);
    m_summary->setObjectName(QStringLiteral("streamsSummary"));
    // Long summaries elide instead of widening the dock (and with it the window).
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bar->addWidget(m_summary, 1);
    layout->addLayout(bar);

    m_view = new QTreeView(body);
    m_view->setObjectName(QStringLiteral("streamsView"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setMinimumHeight(40); // the user may make the bottom docks short
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setIndentation(14);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setItemDelegateForColumn(StreamsModel::SourceColumn,
                                     new SourceLocationDelegate(m_view));
    // Widths from the font: the numbers fit, labels take what is left.
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const struct {
        int column;
        int ems;
    } widths[] = {
        {StreamsModel::LabelColumn, 16},        {StreamsModel::SourceColumn, 8},
        {StreamsModel::KindColumn, 6},          {StreamsModel::StateColumn, 6},
        {StreamsModel::LockedColumn, 5},        {StreamsModel::ChunksColumn, 5},
        {StreamsModel::SizeColumn, 5},          {StreamsModel::DesiredSizeColumn, 6},
        {StreamsModel::HighWaterMarkColumn, 4}, {StreamsModel::ThroughputColumn, 7},
        {StreamsModel::PassedColumn, 9},
    };
    for (const auto& w : widths)
        m_view->header()->resizeSection(w.column, w.ems * em);
    // New children show at once: a tee's branches, a pipe's destination.
    connect(m_model, &QAbstractItemModel::rowsInserted, m_view, [this](const QModelIndex& parent) {
        if (parent.isValid()) m_view->expand(parent);
    });
    connect(m_model, &QAbstractItemModel::rowsMoved, m_view,
            [this](const QModelIndex&, int, int, const QModelIndex& destination) {
                if (destination.isValid()) m_view->expand(destination);
            });
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() != StreamsModel::SourceColumn) return;
        const QString url = index.data(StreamsModel::SourceUrlRole).toString();
        if (!url.isEmpty())
            emit locationActivated(url, index.data(StreamsModel::LineRole).toInt(), 0);
    });
    // The first warning of a run shows its sparkline unless the user chose a stream.
    connect(m_model, &StreamsModel::growthDetected, this, [this](quint64 id) {
        if (!m_selected) QTimer::singleShot(0, this, [this, id] { selectStream(id); });
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                m_selected =
                    current.isValid() ? current.data(StreamsModel::StreamIdRole).toULongLong() : 0;
                updateSparkline();
            });

    m_chart = new QChart;
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundRoundness(0);
    m_chart->setLocalizeNumbers(true);
    m_timeAxis = new QValueAxis(m_chart);
    m_timeAxis->setLabelFormat(QStringLiteral("%.1f"));
    m_timeAxis->setTickCount(3);
    m_sizeAxis = new QValueAxis(m_chart);
    m_sizeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_sizeAxis->setTickCount(3);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_sizeAxis, Qt::AlignLeft);
    m_sparkline = new QLineSeries(m_chart);
    m_sparkline->setPen(QPen(QColor(0x2f, 0x80, 0xed), 2));
    m_chart->addSeries(m_sparkline);
    m_sparkline->attachAxis(m_timeAxis);
    m_sparkline->attachAxis(m_sizeAxis);
    m_chartView = new QChartView(m_chart, body);
    m_chartView->setObjectName(QStringLiteral("streamSparkline"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(40); // small, so the dock never sets the window's height
    m_chartView->setMinimumWidth(0);

    auto* chartBox = new QWidget(body);
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(0);
    m_sparklineTitle = new QLabel(chartBox);
    m_sparklineTitle->setObjectName(QStringLiteral("sparklineTitle"));
    m_sparklineTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    chartLayout->addWidget(m_sparklineTitle);
    chartLayout->addWidget(m_chartView, 1);

    auto* splitter = m_splitter = new QSplitter(Qt::Vertical, body);
    splitter->addWidget(m_view);
    splitter->addWidget(chartBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, SparklineHeight + 20});
    layout->addWidget(splitter, 1);
    setWidget(body);

    m_fadeTimer.setInterval(FadeCheckMs);
    connect(&m_fadeTimer, &QTimer::timeout, this, [this] {
        m_model->removeFaded(m_model->elapsedMs());
        // The fading colour changes with time, not only with snapshots.
        if (m_model->rowCount() > 0)
            emit m_model->dataChanged(
                m_model->index(0, 0),
                m_model->index(m_model->rowCount() - 1, StreamsModel::ColumnCount - 1),
                {Qt::ForegroundRole});
        updateSummary();
    });
    m_fadeTimer.start();
    connect(this, &QDockWidget::visibilityChanged, this, &StreamsDock::updateSubscription);
    updateSparkline();
    updateSummary();
}

StreamsDock::~StreamsDock()
{
    if (m_controller && m_subscribed) m_controller->unsubscribeInspector(streamSnapshotKind());
}

void StreamsDock::setController(Controller* controller)
{
    if (m_controller && m_subscribed) m_controller->unsubscribeInspector(streamSnapshotKind());
    m_subscribed = false;
    m_controller = controller;
    updateSubscription();
}

void StreamsDock::updateSubscription()
{
    // A docked widget that is tabbed away is not visible either: no snapshots for it.
    const bool want = m_controller && !isHidden() && isVisible();
    if (want == m_subscribed) return;
    m_subscribed = want;
    if (want)
        m_controller->subscribeInspector(streamSnapshotKind());
    else
        m_controller->unsubscribeInspector(streamSnapshotKind());
}

void StreamsDock::beginRun(quint64 runId)
{
    m_runId = runId;
    clear();
}

void StreamsDock::clear()
{
    m_model->clear();
    m_selected = 0;
    updateSparkline();
    updateSummary();
}

void StreamsDock::appendEvents(const InspectorBatch& batch)
{
    bool changed = false;
    for (const InspectorEvent& event : batch.events) {
        if (event.kind != streamSnapshotKind() || !event.holds<StreamSnapshots>()) continue;
        if (m_runId && event.runId != m_runId) continue; // a late batch of the run before
        m_model->applySnapshot(event.runId, event.monotonicMs,
                               event.value.value<StreamSnapshots>());
        changed = true;
    }
    if (!changed) return;
    updateSparkline();
    updateSummary();
}

void StreamsDock::selectStream(quint64 id)
{
    const QModelIndex index = m_model->indexOfStream(id);
    if (!index.isValid()) return;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
}

void StreamsDock::updateSparkline()
{
    const QVector<StreamsModel::QueuePoint> points = m_model->queueHistory(m_selected);
    const bool wasHidden = m_chartView->isHidden();
    m_chartView->setVisible(!points.isEmpty());
    if (wasHidden && !points.isEmpty()) {
        // Shown for the first time: give it its height back from the tree.
        const int chart = SparklineHeight + m_sparklineTitle->sizeHint().height();
        const QList<int> sizes = m_splitter->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (sizes.value(1) < chart && total > 2 * chart)
            m_splitter->setSizes({total - chart, chart});
    }
    if (points.isEmpty()) {
        m_selected = 0;
        m_sparkline->clear();
        m_sparklineTitle->setText(
            StreamsTr::tr("Select a stream to see its queue size over the run."));
        return;
    }
    QList<QPointF> line;
    line.reserve(points.size());
    double maxSize = 1;
    for (const StreamsModel::QueuePoint& p : points) {
        line.append(QPointF(p.seconds, p.queueSize));
        maxSize = qMax(maxSize, p.queueSize);
    }
    m_sparkline->replace(line);
    m_timeAxis->setRange(points.first().seconds,
                         qMax(points.last().seconds, points.first().seconds + 1));
    // Two intervals of whole numbers: "0 1 1" would say nothing.
    const double top = 2 * std::ceil(maxSize * 1.1 / 2);
    m_sizeAxis->setRange(0, top);
    const QModelIndex index = m_model->indexOfStream(m_selected);
    m_sparklineTitle->setText(
        StreamsTr::tr("Queue size of %1 over the run (seconds)").arg(index.data().toString()));
}

QString StreamsDock::summaryText() const
{
    return m_summary->text();
}

void StreamsDock::updateSummary()
{
    int backpressure = 0, growing = 0, live = 0;
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_model->rowCount(parent); ++row) {
            const QModelIndex index = m_model->index(row, 0, parent);
            if (!index.data(StreamsModel::FinishedRole).toBool()) ++live;
            if (index.data(StreamsModel::BackpressureRole).toBool()) ++backpressure;
            if (index.data(StreamsModel::GrowingRole).toBool()) ++growing;
            walk(index);
        }
    };
    walk({});
    if (m_model->streamCount() == 0) {
        m_summary->setText(StreamsTr::tr("No streams yet: run a script that uses streams."));
        return;
    }
    QString text = StreamsTr::tr("%n live stream(s)", nullptr, live);
    if (backpressure)
        text +=
            QStringLiteral(", ") + StreamsTr::tr("%n under backpressure", nullptr, backpressure);
    if (growing)
        text += QStringLiteral(", ") + StreamsTr::tr("%n with a growing queue", nullptr, growing);
    if (m_model->droppedStreams())
        text += QStringLiteral(", ") +
                StreamsTr::tr("%n not shown (list full)", nullptr, m_model->droppedStreams());
    m_summary->setText(text);
    m_summary->setToolTip(text);
}

} // namespace nano::ui
