#include "network/network_dock.h"

#include "common/icons.h"
#include "engine/controller.h"
#include "engine/inspect/inspector_event.h"
#include "network/network_details.h"
#include "network/network_filter.h"
#include "network/network_model.h"
#include "network/network_tr.h"
#include "network/waterfall_delegate.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace nano::ui {

NetworkDock::NetworkDock(QWidget* parent)
    : QDockWidget(parent)
{
    setObjectName(QStringLiteral("NetworkDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);

    m_model = new NetworkModel(this);
    m_filter = new NetworkFilter(this);
    m_filter->setSourceModel(m_model);

    // A tool bar: what does not fit a narrow dock goes into its extension menu, so the dock
    // never forces the window wider.
    auto* bar = new QToolBar(body);
    bar->setIconSize(QSize(16, 16));
    createToolBar(bar);
    layout->addWidget(bar);

    m_splitter = new QSplitter(Qt::Horizontal, body);
    m_view = new QTableView(m_splitter);
    m_view->setObjectName(QStringLiteral("networkTable"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the order the fetches began, until asked
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setWordWrap(false);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_waterfall = new WaterfallDelegate(m_view);
    m_view->setItemDelegateForColumn(NetworkModel::WaterfallColumn, m_waterfall);
    QHeaderView* header = m_view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    const int em = m_view->fontMetrics().horizontalAdvance(u'M');
    const int widths[] = {5, 14, 11, 5, 12, 7, 6};
    for (int column = 0; column < NetworkModel::WaterfallColumn; ++column)
        header->resizeSection(column, widths[column] * em);
    m_details = new NetworkDetails(m_splitter);
    m_details->hide(); // until a row is selected, as in DevTools
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    m_summary = new QLabel(body);
    m_summary->setObjectName(QStringLiteral("networkSummary"));
    // Cut off in a narrow dock rather than widening the window (the tooltip has it all).
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_summary);
    setWidget(body);

    createActions();
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() != NetworkModel::InitiatorColumn) return;
        const QString name = index.data(NetworkModel::InitiatorNameRole).toString();
        if (!name.isEmpty())
            emit initiatorActivated(name, index.data(NetworkModel::InitiatorLineRole).toInt());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &NetworkDock::showCurrent);
    // The selected request's details follow it as its bytes arrive.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to, const QList<int>& roles) {
                if (roles.contains(NetworkModel::AxisRole)) return; // only the waterfall moved
                const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
                if (current.isValid() && current.row() >= from.row() && current.row() <= to.row())
                    showCurrent();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &NetworkDock::showCurrent);
    connect(m_model, &NetworkModel::totalsChanged, this, &NetworkDock::updateSummary);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        // Follow the newest request while the view is at its end, as DevTools does.
        QScrollBar* scroll = m_view->verticalScrollBar();
        if (scroll->value() >= scroll->maximum() - 1 &&
            m_view->horizontalHeader()->sortIndicatorSection() < 0)
            QMetaObject::invokeMethod(m_view, &QTableView::scrollToBottom, Qt::QueuedConnection);
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &NetworkDock::updateSummary);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &NetworkDock::updateSummary);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &NetworkDock::updateSummary);
    retranslate();
    updateSummary();
}

NetworkDock::~NetworkDock()
{
    if (m_controller && m_subscribed) m_controller->unsubscribeInspector(fetchTrafficKind());
}

void NetworkDock::createToolBar(QToolBar* bar)
{
    m_search = new QLineEdit(bar);
    m_search->setObjectName(QStringLiteral("networkFilterText"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(8 * m_search->fontMetrics().horizontalAdvance(u'M'));
    m_search->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(m_search, &QLineEdit::textChanged, m_filter, &NetworkFilter::setText);
    bar->addWidget(m_search);
    const char* const classes[] = {"2xx", "3xx", "4xx", "5xx", nullptr};
    for (int i = 0; i < 5; ++i) {
        auto* button = new QToolButton(bar);
        button->setObjectName(QStringLiteral("networkStatus%1").arg(i));
        button->setCheckable(true);
        button->setChecked(true);
        if (classes[i]) button->setText(QString::fromLatin1(classes[i]));
        connect(button, &QToolButton::toggled, this, &NetworkDock::updateStatusFilter);
        m_statusButtons.append(button);
        bar->addWidget(button);
    }
    m_type = new QComboBox(bar);
    m_type->setObjectName(QStringLiteral("networkTypeFilter"));
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_type, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setTypeCategory(m_type->currentData().toInt()); });
    bar->addWidget(m_type);
    m_preserve = new QCheckBox(bar);
    m_preserve->setObjectName(QStringLiteral("networkPreserveLog"));
    bar->addWidget(m_preserve);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    // The HAR actions share one menu button: the bar must fit a narrow dock in German too.
    auto* har = new QToolButton(bar);
    har->setObjectName(QStringLiteral("networkHarButton"));
    har->setPopupMode(QToolButton::InstantPopup);
    har->setAutoRaise(true);
    har->setText(QStringLiteral("HAR"));
    bar->addWidget(har);
    auto* clear = new QToolButton(bar);
    clear->setObjectName(QStringLiteral("networkClearActionButton"));
    clear->setAutoRaise(true);
    bar->addWidget(clear);
}

void NetworkDock::retranslate()
{
    setWindowTitle(NetworkTr::tr("Network"));
    m_search->setPlaceholderText(NetworkTr::tr("Filter URLs"));
    m_statusButtons.last()->setText(NetworkTr::tr("Failed", "status filter button"));
    m_statusButtons.first()->setToolTip(NetworkTr::tr("Show successful responses (2xx)"));
    m_statusButtons[1]->setToolTip(NetworkTr::tr("Show redirects (3xx)"));
    m_statusButtons[2]->setToolTip(NetworkTr::tr("Show client errors (4xx)"));
    m_statusButtons[3]->setToolTip(NetworkTr::tr("Show server errors (5xx)"));
    m_statusButtons[4]->setToolTip(NetworkTr::tr("Show failed and aborted requests"));
    const int type = m_type->currentIndex();
    m_type->blockSignals(true);
    m_type->clear();
    m_type->addItem(NetworkTr::tr("All types"), -1);
    m_type->addItem(NetworkTr::tr("JSON"), int(NetworkModel::TypeCategory::Json));
    m_type->addItem(NetworkTr::tr("Text"), int(NetworkModel::TypeCategory::Text));
    m_type->addItem(NetworkTr::tr("Images"), int(NetworkModel::TypeCategory::Image));
    m_type->addItem(NetworkTr::tr("Media"), int(NetworkModel::TypeCategory::Media));
    m_type->addItem(NetworkTr::tr("Other"), int(NetworkModel::TypeCategory::Other));
    m_type->setCurrentIndex(std::max(0, type));
    m_type->blockSignals(false);
    m_preserve->setText(NetworkTr::tr("Preserve log"));
    m_preserve->setToolTip(NetworkTr::tr("Keep the requests of earlier runs"));
}

void NetworkDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDockWidget::changeEvent(event);
}

void NetworkDock::setController(Controller* controller)
{
    if (m_controller && m_subscribed) m_controller->unsubscribeInspector(fetchTrafficKind());
    m_controller = controller;
    m_subscribed = controller != nullptr;
    if (controller) controller->subscribeInspector(fetchTrafficKind());
    updateActions();
}

void NetworkDock::appendEvents(const InspectorBatch& batch)
{
    m_model->apply(batch);
}

void NetworkDock::beginRun(quint64 runId)
{
    Q_UNUSED(runId)
    if (!m_preserve->isChecked()) clear();
}

void NetworkDock::clear()
{
    m_model->clear();
}

void NetworkDock::updateStatusFilter()
{
    int classes = 0;
    for (int i = 0; i < m_statusButtons.size(); ++i) {
        if (m_statusButtons.at(i)->isChecked()) classes |= 1 << i;
    }
    m_filter->setStatusClasses(classes);
}

QString NetworkDock::summaryText() const
{
    return m_summary->text();
}

void NetworkDock::updateSummary()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    qint64 transferred = 0;
    qint64 decoded = 0;
    double finish = 0;
    for (int row = 0; row < shown; ++row) {
        const QModelIndex source = m_filter->mapToSource(m_filter->index(row, 0));
        const FetchRecord& record = m_model->record(source.row());
        transferred += NetworkModel::transferredSize(record);
        decoded += record.responseBodySize;
        finish = std::max(finish, NetworkModel::endOf(record) - m_model->axisStart());
    }
    // "Requests: 4", not a plural form: English has no translation file to resolve "%n".
    const QString requests = shown == total
                                 ? NetworkTr::tr("Requests: %1").arg(total)
                                 : NetworkTr::tr("Requests: %1 of %2").arg(shown).arg(total);
    m_summary->setText(NetworkTr::tr("%1 \u00b7 %2 transferred \u00b7 %3 resources \u00b7 "
                                     "Finish: %4")
                           .arg(requests, formatSize(transferred), formatSize(decoded),
                                formatDuration(shown > 0 ? finish : 0)));
    m_summary->setToolTip(m_summary->text());
}

void NetworkDock::showCurrent()
{
    FetchRecord record;
    if (!currentRecord(&record)) {
        m_details->hide();
        updateActions();
        return;
    }
    const QModelIndex source = m_filter->mapToSource(m_view->currentIndex());
    m_details->setRecord(record, m_model->isImported(source.row()));
    m_details->show();
    updateActions();
}

bool NetworkDock::currentRecord(FetchRecord* record) const
{
    const QModelIndex source = m_filter->mapToSource(m_view->currentIndex());
    if (!source.isValid()) return false;
    *record = m_model->record(source.row());
    return true;
}

FetchRecords NetworkDock::selectedRecords() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    FetchRecords out;
    for (const int row : rows)
        out.append(m_model->record(m_filter->mapToSource(m_filter->index(row, 0)).row()));
    return out;
}

FetchRecords NetworkDock::allRecords() const
{
    FetchRecords out;
    out.reserve(m_model->rowCount());
    for (int row = 0; row < m_model->rowCount(); ++row)
        out.append(m_model->record(row));
    return out;
}

} // namespace nano::ui
