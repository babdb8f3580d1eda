#include "console_dock.h"

#include "common/icons.h"
#include "console/console_delegate.h"
#include "console/console_filter.h"
#include "console/console_model.h"
#include "console/console_tr.h"
#include "console/repl_line.h"

#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace nano::ui {

using Level = ConsoleMessage::Level;

ConsoleDock::ConsoleDock(QWidget* parent)
    : QDockWidget(ConsoleTr::tr("Console"), parent)
{
    setObjectName(QStringLiteral("ConsoleDock"));
    m_model = new ConsoleModel(this);
    m_filter = new ConsoleFilter(this);
    m_filter->setSourceModel(m_model);

    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);

    auto* bar = new QHBoxLayout;
    bar->setSpacing(2);
    auto* clearButton = new QToolButton(body);
    clearButton->setIcon(icons::clear());
    clearButton->setToolTip(ConsoleTr::tr("Clear the console"));
    clearButton->setAutoRaise(true);
    connect(clearButton, &QToolButton::clicked, this, &ConsoleDock::clear);
    bar->addWidget(clearButton);

    const struct {
        Level level;
        QString label;
    } levels[] = {
        {Level::Error, ConsoleTr::tr("Errors")}, {Level::Warn, ConsoleTr::tr("Warnings")},
        {Level::Info, ConsoleTr::tr("Info")},    {Level::Log, ConsoleTr::tr("Logs")},
        {Level::Debug, ConsoleTr::tr("Debug")},
    };
    for (const auto& entry : levels) {
        auto* toggle = new QToolButton(body);
        toggle->setText(entry.label);
        toggle->setCheckable(true);
        toggle->setChecked(true);
        toggle->setAutoRaise(true);
        toggle->setToolTip(ConsoleTr::tr("Show or hide %1").arg(entry.label));
        toggle->setObjectName(QStringLiteral("levelToggle%1").arg(int(entry.level)));
        const int level = int(entry.level);
        connect(toggle, &QToolButton::toggled, this,
                [this, level](bool on) { m_filter->setLevelVisible(level, on); });
        bar->addWidget(toggle);
    }
    m_search = new QLineEdit(body);
    m_search->setPlaceholderText(ConsoleTr::tr("Filter"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &ConsoleFilter::setText);
    bar->addWidget(m_search, 1);
    m_clearOnRun = new QAction(ConsoleTr::tr("Clear on run"), this);
    m_clearOnRun->setObjectName(QStringLiteral("consoleClearOnRunAction"));
    m_clearOnRun->setCheckable(true);
    m_clearOnRun->setChecked(true);
    m_clearOnRun->setToolTip(ConsoleTr::tr("Clear the console when a run starts; when off, a "
                                           "separator row marks where each run begins"));
    auto* clearOnRunButton = new QToolButton(body);
    clearOnRunButton->setDefaultAction(m_clearOnRun);
    clearOnRunButton->setAutoRaise(true);
    bar->addWidget(clearOnRunButton);
    m_dropped = new QLabel(body);
    m_dropped->hide();
    bar->addWidget(m_dropped);
    layout->addLayout(bar);

    m_view = new QTreeView(body);
    m_view->setModel(m_filter);
    m_view->setUniformRowHeights(false);
    m_view->setAlternatingRowColors(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setIndentation(14);
    updateScrollMode();
    m_delegate = new ConsoleDelegate(m_view);
    m_view->setItemDelegate(m_delegate); // every column: see console_delegate.h
    createActions();
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(ConsoleModel::MessageColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(ConsoleModel::LocationColumn, QHeaderView::Interactive);
    m_view->header()->setSectionResizeMode(ConsoleModel::TimeColumn, QHeaderView::Interactive);
    m_view->header()->resizeSection(ConsoleModel::LocationColumn, 140);
    m_view->header()->resizeSection(ConsoleModel::TimeColumn, 100);
    layout->addWidget(m_view, 1);

    m_view->viewport()->installEventFilter(this);
    m_view->installEventFilter(this);
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() == ConsoleModel::MessageColumn) {
            activateFrameAt(index, m_lastPress);
            return;
        }
        if (index.column() != ConsoleModel::LocationColumn || index.parent().isValid()) return;
        const QString url = index.data(ConsoleModel::SourceUrlRole).toString();
        if (!url.isEmpty())
            emit locationActivated(url, index.data(ConsoleModel::LineRole).toInt(),
                                   index.data(ConsoleModel::ColumnRole).toInt());
    });
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex& index) {
        const QString key = index.data(ConsoleModel::ExpansionKeyRole).toString();
        m_expandedKeys.insert(key);
        m_collapsedKeys.remove(key);
    });
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex& index) {
        const QString key = index.data(ConsoleModel::ExpansionKeyRole).toString();
        m_expandedKeys.remove(key);
        m_collapsedKeys.insert(key);
    });
    // Following the newest row is the user's choice: scrolling up stops it, scrolling back to
    // the bottom resumes it. The view's own relayouts only change the range, which is where
    // the view is pulled down, after its layout (never forcing one per batch).
    QScrollBar* scrollBar = m_view->verticalScrollBar();
    connect(scrollBar, &QScrollBar::valueChanged, this, [this, scrollBar](int value) {
        if (!m_scrollingToTail) m_followTail = value >= scrollBar->maximum() - FollowSlackPx;
    });
    connect(scrollBar, &QScrollBar::rangeChanged, this, [this, scrollBar](int, int maximum) {
        if (!m_followTail) return;
        m_scrollingToTail = true;
        scrollBar->setValue(maximum);
        m_scrollingToTail = false;
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &ConsoleDock::onRowsInserted);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConsoleDock::flushPending);
    connect(m_model, &ConsoleModel::droppedCountChanged, this, &ConsoleDock::updateDropped);

    m_repl = new ReplLine(body);
    connect(m_repl, &ReplLine::submitted, this, &ConsoleDock::replSubmitted);
    layout->addWidget(m_repl);

    setWidget(body);
}

void ConsoleDock::appendEvents(const InspectorBatch& batch)
{
    const ConsoleMessages messages = batch.consoleMessages();
    if (!messages.isEmpty())
        appendMessages(messages); // queued and applied in slices, like every other row
}

void ConsoleDock::appendMessages(const ConsoleMessages& messages)
{
    // After a clear on run, the previous run's last batch (still on its way when the new run
    // started) does not belong in the new run's console.
    if (m_clearOnRun->isChecked() && !messages.isEmpty() && messages.first().runId != 0 &&
        messages.first().runId < m_runId) {
        ConsoleMessages current;
        for (const ConsoleMessage& message : messages)
            if (message.runId == 0 || message.runId >= m_runId) current.append(message);
        if (!current.isEmpty()) appendMessages(current);
        return;
    }
    if (messages.isEmpty()) return;
    m_pending.push_back(messages); // shared, not copied: a batch can hold thousands
    m_pendingCount += messages.size();
    if (m_flushTimer.isActive()) return;
    // The first batch after a pause shows at once; a flood is applied at most every
    // MinFlushGapMs, each time as one insertion (and one removal of the oldest rows).
    const qint64 since = m_lastFlush.isValid() ? m_lastFlush.elapsed() : MinFlushGapMs;
    m_flushTimer.start(int(qMax<qint64>(0, MinFlushGapMs - since)));
}

// A slice at a time, so that no single pass holds the UI thread for long; what would be
// dropped at once (beyond the bound) is only counted.
void ConsoleDock::flushPending()
{
    m_flushTimer.stop();
    const qsizetype remaining = m_pendingCount;
    if (remaining > 0) {
        const qsizetype doomed = remaining - m_model->capacity();
        const int n = int(qMin<qsizetype>(doomed > 0 ? doomed : remaining,
                                          doomed > 0 ? 4 * FlushSlice : FlushSlice));
        const ConsoleMessages slice = takePending(n);
        if (doomed > 0)
            m_model->discard(slice);
        else
            m_model->append(slice);
        updateScrollMode();
    }
    if (m_pendingCount == 0)
        m_lastFlush.start();
    else
        m_flushTimer.start(0);
}

// The oldest `count` queued messages (at most as many as are queued): a whole batch is handed
// on as it is, parts of batches are copied (a slice at most).
ConsoleMessages ConsoleDock::takePending(int count)
{
    ConsoleMessages slice;
    while (count > 0 && !m_pending.empty()) {
        ConsoleMessages& front = m_pending.front();
        const int available = int(front.size()) - m_pendingFirst;
        const int n = qMin(count, available);
        if (slice.isEmpty() && m_pendingFirst == 0 && n == available) {
            slice = std::move(front);
        } else {
            slice.reserve(slice.size() + count);
            for (int i = m_pendingFirst; i < m_pendingFirst + n; ++i)
                slice.append(front.at(i));
        }
        m_pendingCount -= n;
        count -= n;
        if (n == available) {
            m_pending.pop_front();
            m_pendingFirst = 0;
        } else {
            m_pendingFirst += n;
        }
    }
    return slice;
}

void ConsoleDock::clear()
{
    m_pending.clear();
    m_pendingFirst = 0;
    m_pendingCount = 0;
    m_flushTimer.stop();
    m_model->clear();
    m_delegate->clearCache();
    m_followTail = true;
    updateScrollMode();
}

// A table row can be taller than the view, so a small console scrolls by pixels. That needs
// the height of every row on each layout, though, which a full console (10 000 rows) cannot
// afford a few times a second: it scrolls by rows.
void ConsoleDock::updateScrollMode()
{
    const auto mode = m_model->rowCount() > PerPixelRowLimit ? QAbstractItemView::ScrollPerItem
                                                             : QAbstractItemView::ScrollPerPixel;
    if (m_view->verticalScrollMode() != mode) m_view->setVerticalScrollMode(mode);
}

QString ConsoleDock::selectedText() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows(ConsoleModel::MessageColumn);
    // In the order the rows are shown, not the order they were selected in.
    std::sort(rows.begin(), rows.end(), [this](const QModelIndex& a, const QModelIndex& b) {
        return m_view->visualRect(a).top() < m_view->visualRect(b).top();
    });
    QStringList texts;
    for (const QModelIndex& index : std::as_const(rows))
        texts << index.data(ConsoleModel::FullTextRole).toString();
    return texts.join(u'\n');
}

void ConsoleDock::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty()) QGuiApplication::clipboard()->setText(text);
}

// `parent` is a filter index: the top level, a group header, or a level of a logged value.
void ConsoleDock::onRowsInserted(const QModelIndex& parent, int first, int last)
{
    const bool messages = !parent.isValid() || parent.data(ConsoleModel::IsMessageRole).toBool();
    if (!messages) return;
    if (parent.isValid()) applyGroupExpansion(parent);
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_filter->index(row, 0, parent);
        if (!parent.isValid() &&
            index.data(ConsoleModel::KindRole).toInt() == int(ConsoleMessage::Kind::RunStart))
            m_view->setFirstColumnSpanned(row, parent, true);
        if (!m_expandedKeys.isEmpty()) restoreExpansion(index);
        // A header without members yet: expanding it now keeps the view's state when they come.
        applyGroupExpansion(index);
    }
}

void ConsoleDock::applyGroupExpansion(const QModelIndex& group)
{
    const auto kind = ConsoleMessage::Kind(group.data(ConsoleModel::KindRole).toInt());
    if (kind != ConsoleMessage::Kind::Group && kind != ConsoleMessage::Kind::GroupCollapsed) return;
    if (!group.data(ConsoleModel::IsMessageRole).toBool() || m_view->isExpanded(group)) return;
    const QString key = group.data(ConsoleModel::ExpansionKeyRole).toString();
    const bool expand = kind == ConsoleMessage::Kind::Group ? !m_collapsedKeys.contains(key)
                                                            : m_expandedKeys.contains(key);
    if (expand && m_filter->rowCount(group) > 0) m_view->expand(group);
}

// Expands `index` if the user had expanded the row with the same key (in this run or an earlier
// one), then its children likewise. Only expanded levels are visited, so this stays lazy.
void ConsoleDock::restoreExpansion(const QModelIndex& index)
{
    if (!m_expandedKeys.contains(index.data(ConsoleModel::ExpansionKeyRole).toString())) return;
    m_view->expand(index);
    const int rows = m_filter->rowCount(index);
    for (int row = 0; row < rows; ++row)
        restoreExpansion(m_filter->index(row, 0, index));
}

void ConsoleDock::updateDropped(quint64 dropped)
{
    m_dropped->setVisible(dropped > 0);
    m_dropped->setText(ConsoleTr::tr("%n earlier message(s) dropped", nullptr, int(dropped)));
}

bool ConsoleDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonPress)
        m_lastPress = static_cast<QMouseEvent*>(event)->position().toPoint();
    // Ctrl+C in the console copies its rows: the console takes the key before the shortcut map
    // sees it, where it would be ambiguous with Edit ▸ Copy (the editor's) and do nothing.
    if (watched == m_view && (event->type() == QEvent::ShortcutOverride ||
                              event->type() == QEvent::KeyPress)) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Copy)) {
            if (event->type() == QEvent::KeyPress) copySelection();
            event->accept();
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

// A click on a line of a stack trace ("    at f (untitled:untitled-2.js:3:9)") or of an error
// report's location line opens that place, as DevTools does.
void ConsoleDock::activateFrameAt(const QModelIndex& index, const QPoint& pos)
{
    const QString text = index.data(Qt::DisplayRole).toString();
    if (!text.contains(u'\n') && !text.contains(u':')) return;
    const QStringList lines = text.split(u'\n');
    const QFontMetrics metrics(index.data(Qt::FontRole).value<QFont>());
    const QRect rect = m_view->visualRect(index);
    // Multi-line text is drawn as one block centred in the row.
    const int blockTop = rect.center().y() - int(lines.size()) * metrics.lineSpacing() / 2;
    const int lineIndex = (pos.y() - blockTop) / qMax(1, metrics.lineSpacing());
    if (lineIndex < 0 || lineIndex >= lines.size()) return;
    static const QRegularExpression frame(
        QStringLiteral("((?:file|untitled):[^\\s()]+?):(\\d+):(\\d+)"));
    const QRegularExpressionMatch match = frame.match(lines.at(lineIndex));
    if (match.hasMatch())
        emit locationActivated(match.captured(1), match.captured(2).toInt(),
                               match.captured(3).toInt());
}

void ConsoleDock::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) m_view->viewport()->update();
    QDockWidget::changeEvent(event);
}

} // namespace nano::ui
