#include "memory_dock.h"

#include "common/icons.h"
#include "memory/chart_axis.h"
#include "memory/memory_model.h"
#include "memory/memory_tr.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <QVXYModelMapper>
#include <QValueAxis>
#include <cmath>

namespace nano::ui {

namespace {
// The heap spaces of V8 10.2 (new, old, code, map, large object, code large object, new large
// object, read-only): the table shows them all without scrolling.
constexpr int ExpectedHeapSpaces = 8;
// The time axis spans at least this much: a 10 ms run is not drawn as a vertical line.
constexpr double MinimumSeconds = 1.0;
// The chart is wider than high: the time axis takes more ticks, so that a run of 10.1 s gets
// 0–12 in steps of 2 rather than 0–15 in steps of 5.
constexpr int TimeIntervals = 8;

QString externalKindName(ExternalMemoryKind kind)
{
    switch (kind) {
    case ExternalMemoryKind::ArrayBuffers: return MemoryTr::tr("ArrayBuffers");
    case ExternalMemoryKind::Blobs: return MemoryTr::tr("Blobs");
    case ExternalMemoryKind::CryptoBuffers: return MemoryTr::tr("Crypto keys");
    case ExternalMemoryKind::Bodies: return MemoryTr::tr("Fetch bodies");
    case ExternalMemoryKind::StreamQueues: return MemoryTr::tr("Stream queues");
    }
    return QString();
}

// "ArrayBuffers 3.0 MB, Blobs 1.0 MB": the kinds that hold something (a run without fetch
// shows no bodies).
QString externalByKindText(const HeapStats& stats)
{
    QStringList parts;
    for (int i = 0; i < kExternalMemoryKindCount; ++i) {
        const auto kind = ExternalMemoryKind(i);
        if (const quint64 bytes = stats.external(kind))
            parts << QStringLiteral("%1 %2").arg(externalKindName(kind), formatBytes(bytes));
    }
    if (parts.isEmpty()) return MemoryTr::tr("Outside the heap: nothing");
    return MemoryTr::tr("Outside the heap: %1").arg(parts.join(QStringLiteral(", ")));
}
} // namespace

MemoryDock::MemoryDock(QWidget* parent)
    : QDockWidget(MemoryTr::tr("Memory"), parent)
{
    setObjectName(QStringLiteral("MemoryDock"));
    m_series = new MemorySeriesModel(this);
    m_spaces = new HeapSpacesModel(this);

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);

    auto* bar = new QHBoxLayout;
    auto* gc = new QToolButton(body);
    gc->setObjectName(QStringLiteral("collectGarbageButton"));
    gc->setIcon(icons::collectGarbage());
    gc->setText(MemoryTr::tr("Collect garbage"));
    gc->setToolTip(MemoryTr::tr("Force a full garbage collection in the running script"));
    gc->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    gc->setAutoRaise(true);
    connect(gc, &QToolButton::clicked, this, &MemoryDock::collectGarbageRequested);
    bar->addWidget(gc);
    auto* snapshot = new QToolButton(body);
    snapshot->setObjectName(QStringLiteral("saveSnapshotButton"));
    snapshot->setIcon(icons::snapshot());
    snapshot->setText(MemoryTr::tr("Save heap snapshot\u2026"));
    snapshot->setToolTip(MemoryTr::tr("Write a .heapsnapshot file that Chrome DevTools can open"));
    snapshot->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    snapshot->setAutoRaise(true);
    connect(snapshot, &QToolButton::clicked, this, &MemoryDock::chooseSnapshotPath);
    bar->addWidget(snapshot);
    m_showLimit = new QCheckBox(MemoryTr::tr("Scale to heap limit"), body);
    m_showLimit->setToolTip(MemoryTr::tr("Fit the heap limit into the chart"));
    connect(m_showLimit, &QCheckBox::toggled, this, &MemoryDock::updateAxes);
    bar->addWidget(m_showLimit);
    bar->addStretch(1);
    layout->addLayout(bar);

    m_chart = new QChart;
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->setLocalizeNumbers(true); // "0,5" in German, as the summary's numbers
    m_timeAxis = new QValueAxis(m_chart);
    m_timeAxis->setTitleText(MemoryTr::tr("Seconds"));
    applyTicks(m_timeAxis, niceTicks(0, MinimumSeconds, TimeIntervals));
    m_sizeAxis = new QValueAxis(m_chart);
    m_sizeAxis->setTitleText(MemoryTr::tr("MB"));
    applyTicks(m_sizeAxis, niceTicks(0, 8));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_sizeAxis, Qt::AlignLeft);

    const struct {
        int column;
        QString name;
        QColor color;
    } lines[] = {
        {MemorySeriesModel::UsedColumn, MemoryTr::tr("Used heap"), QColor(0x2f, 0x80, 0xed)},
        {MemorySeriesModel::TotalColumn, MemoryTr::tr("Total heap"), QColor(0x27, 0xae, 0x60)},
        {MemorySeriesModel::ExternalColumn, MemoryTr::tr("External"), QColor(0xf2, 0x99, 0x4a)},
        {MemorySeriesModel::LimitColumn, MemoryTr::tr("Heap limit"), QColor(0xeb, 0x57, 0x57)},
    };
    for (const auto& line : lines) {
        auto* series = new QLineSeries(m_chart);
        series->setName(line.name);
        QPen pen(line.color, 2);
        if (line.column == MemorySeriesModel::LimitColumn) pen.setStyle(Qt::DashLine);
        series->setPen(pen);
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_sizeAxis);
        auto* mapper = new QVXYModelMapper(series);
        mapper->setXColumn(MemorySeriesModel::TimeColumn);
        mapper->setYColumn(line.column);
        mapper->setSeries(series);
        mapper->setModel(m_series);
        if (line.column == MemorySeriesModel::LimitColumn) m_limitSeries = series;
    }
    m_chartView = new QChartView(m_chart, body);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(220);

    m_summary = new QLabel(body);
    m_summary->setObjectName(QStringLiteral("memorySummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(MemoryTr::tr("No samples yet: run a script."));
    m_snapshotStatus = new QLabel(body);
    m_snapshotStatus->setObjectName(QStringLiteral("snapshotStatus"));
    m_snapshotStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_snapshotStatus->setWordWrap(true);
    m_snapshotStatus->hide();

    m_spacesView = new QTableView(body);
    m_spacesView->setModel(m_spaces);
    m_spacesView->verticalHeader()->hide();
    m_spacesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_spacesView->horizontalHeader()->setStretchLastSection(true);
    m_spacesView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_spacesView->verticalHeader()->setDefaultSectionSize(m_spacesView->fontMetrics().height() + 6);
    m_spacesView->setMinimumHeight(80);
    m_spacesView->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    const int spacesHeight =
        m_spacesView->horizontalHeader()->sizeHint().height() +
        ExpectedHeapSpaces * m_spacesView->verticalHeader()->defaultSectionSize() +
        2 * m_spacesView->frameWidth();

    auto* splitter = new QSplitter(Qt::Vertical, body);
    splitter->addWidget(m_chartView);
    splitter->addWidget(m_spacesView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    // The chart needs the height (QtCharts elides axis labels in a short chart), the table
    // its rows.
    splitter->setSizes({360, spacesHeight});
    layout->addWidget(m_summary);
    layout->addWidget(m_snapshotStatus);
    layout->addWidget(splitter, 1);
    setWidget(body);

    connect(m_series, &QAbstractItemModel::rowsInserted, this, &MemoryDock::updateAxes);
    applyPalette();
}

void MemoryDock::addSample(const HeapStats& stats)
{
    m_series->append(stats);
    m_spaces->setSpaces(stats.spaces);
    if (m_runEnded) {
        // The engine's sample after the run: the heap as the REPL finds it, collected.
        m_summary->setText(m_runSummary + u'\n' +
                           MemoryTr::tr("After the run, collected: used %1 of %2")
                               .arg(formatBytes(stats.usedHeap), formatBytes(stats.totalHeap)));
        return;
    }
    m_runSummary = MemoryTr::tr("Used %1 of %2, external %3, limit %4")
                       .arg(formatBytes(stats.usedHeap), formatBytes(stats.totalHeap),
                            formatBytes(stats.externalMemory), formatBytes(stats.heapLimit)) +
                   u'\n' + externalByKindText(stats);
    m_summary->setText(m_runSummary);
}

void MemoryDock::finishRun(bool outOfMemory)
{
    m_runEnded = true;
    if (!outOfMemory || m_series->isEmpty()) return;
    // The limit is checked after each full collection, so the last sample may lie above it;
    // the engine frees the run's heap at once (no sample after the run comes).
    const HeapStats last = m_series->latest();
    m_runSummary = MemoryTr::tr("Out of memory: the run was stopped at its heap limit of %1.")
                       .arg(formatBytes(last.heapLimit)) +
                   u'\n' +
                   MemoryTr::tr("Last sample: used %1 of %2. The run's heap has been freed.")
                       .arg(formatBytes(last.usedHeap), formatBytes(last.totalHeap));
    m_summary->setText(m_runSummary);
}

void MemoryDock::reset(const QString& scriptName)
{
    m_scriptName = scriptName;
    m_runEnded = false; // the summary shows the new run's numbers from its first sample on
    m_series->clear();
    m_snapshotStatus->clear();
    m_snapshotStatus->hide();
    applyTicks(m_timeAxis, niceTicks(0, MinimumSeconds, TimeIntervals));
}

void MemoryDock::updateAxes()
{
    if (m_series->isEmpty()) return;
    const double seconds = m_series->maximum(MemorySeriesModel::TimeColumn);
    const double first = m_series->data(m_series->index(0, 0)).toDouble();
    // From the whole second before the first sample (which comes a few ms into the run).
    applyTicks(m_timeAxis,
               niceTicks(first, qMax(std::floor(first) + MinimumSeconds, seconds), TimeIntervals));
    // The limit is usually far above the rest; by default the chart scales to the data and the
    // limit line shows only when asked for (its value is in the summary line).
    double top = qMax(m_series->maximum(MemorySeriesModel::TotalColumn),
                      m_series->maximum(MemorySeriesModel::ExternalColumn));
    if (m_showLimit->isChecked())
        top = qMax(top, m_series->maximum(MemorySeriesModel::LimitColumn));
    m_limitSeries->setVisible(m_showLimit->isChecked());
    applyTicks(m_sizeAxis, niceTicks(0, top));
}

int MemoryDock::preferredWidth() const
{
    // The table's widest likely content: the longest space name and four "888.8 MB" cells,
    // each with the padding a cell adds.
    const QFontMetrics metrics = m_spacesView->fontMetrics();
    const int padding = 2 * m_spacesView->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 12;
    int widestName = 0; // in the UI's language ("neue große Objekte" in German)
    for (const QString& space : HeapSpacesModel::knownSpaceNames())
        widestName =
            qMax(widestName, metrics.horizontalAdvance(HeapSpacesModel::spaceDisplayName(space)));
    int table = widestName + padding;
    for (int column = HeapSpacesModel::UsedColumn; column < HeapSpacesModel::ColumnCount;
         ++column) {
        const QString header = m_spaces->headerData(column, Qt::Horizontal).toString();
        table += qMax(metrics.horizontalAdvance(QStringLiteral("888.8 MB")),
                      metrics.horizontalAdvance(header)) +
                 padding;
    }
    table += 2 * m_spacesView->frameWidth() +
             m_spacesView->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const int margins = widget()->layout()->contentsMargins().left() +
                        widget()->layout()->contentsMargins().right();
    return qMax(table, widget()->minimumSizeHint().width()) + margins;
}

QString MemoryDock::defaultSnapshotPath() const
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty() || !QFileInfo(dir).isDir()) dir = QDir::homePath();
    QString base = QFileInfo(m_scriptName).completeBaseName();
    if (base.isEmpty()) base = QStringLiteral("nano");
    // Local time in the name, as a user reads it in a file list; no colons (Windows).
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd-HHmm"));
    return QDir(dir).filePath(QStringLiteral("%1-%2.heapsnapshot").arg(base, stamp));
}

void MemoryDock::chooseSnapshotPath()
{
    const QString path = QFileDialog::getSaveFileName(
        this, MemoryTr::tr("Save Heap Snapshot"), defaultSnapshotPath(),
        MemoryTr::tr("Heap snapshots (*.heapsnapshot)"));
    if (!path.isEmpty()) emit saveSnapshotRequested(path);
}

void MemoryDock::showSnapshotResult(const QString& path, bool ok, const QString& error)
{
    m_snapshotStatus->setText(ok ? MemoryTr::tr("Heap snapshot saved to %1").arg(path)
                                 : MemoryTr::tr("Could not save the heap snapshot: %1").arg(error));
    m_snapshotStatus->show();
}

void MemoryDock::applyPalette()
{
    const QPalette palette = this->palette();
    m_chart->setBackgroundBrush(palette.color(QPalette::Base));
    m_chart->legend()->setLabelColor(palette.color(QPalette::Text));
    for (QValueAxis* axis : {m_timeAxis, m_sizeAxis}) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setTitleBrush(palette.color(QPalette::Text));
        axis->setGridLineColor(palette.color(QPalette::Mid));
    }
}

void MemoryDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) applyPalette();
    QDockWidget::changeEvent(event);
}

} // namespace nano::ui
