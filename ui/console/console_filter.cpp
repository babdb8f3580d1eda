#include "console_filter.h"

#include "console/console_model.h"
#include "engine/inspect/console_message.h"

namespace nano::ui {

ConsoleFilter::ConsoleFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    // Messages keep their arrival order; the proxy only filters.
    setDynamicSortFilter(true);
}

void ConsoleFilter::setLevelVisible(int level, bool visible)
{
    const quint32 mask = visible ? (m_levelMask | (1u << level)) : (m_levelMask & ~(1u << level));
    if (mask == m_levelMask) return;
    m_levelMask = mask;
    invalidateFilter();
}

void ConsoleFilter::setText(const QString& text)
{
    if (text == m_text) return;
    m_text = text;
    invalidateFilter();
}

void ConsoleFilter::setSourceModel(QAbstractItemModel* sourceModel)
{
    if (QAbstractItemModel* old = this->sourceModel()) disconnect(old, nullptr, this, nullptr);
    QSortFilterProxyModel::setSourceModel(sourceModel);
    if (sourceModel)
        connect(sourceModel, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex& parent, int first, int last) {
                    onSourceRowsInserted(parent, first, last);
                });
}

// A message arriving in a group whose header is filtered out may make the header pass. The
// base class ignores rows under a parent it does not show, so filter again; this only happens
// while a filter is set.
void ConsoleFilter::onSourceRowsInserted(const QModelIndex& sourceParent, int first, int last)
{
    if (!sourceParent.isValid() || !isFiltering() ||
        !sourceParent.data(ConsoleModel::IsMessageRole).toBool() ||
        mapFromSource(sourceParent).isValid())
        return;
    for (int row = first; row <= last; ++row) {
        if (passesOrHoldsPassing(sourceModel()->index(row, 0, sourceParent))) {
            // The base class keeps stale mappings for the hidden group's rows: start afresh.
            invalidate();
            return;
        }
    }
}

bool ConsoleFilter::messagePasses(const QModelIndex& index) const
{
    // Run separators stay: they show which run each match belongs to.
    if (index.data(ConsoleModel::KindRole).toInt() == int(ConsoleMessage::Kind::RunStart))
        return true;
    const int level = index.data(ConsoleModel::LevelRole).toInt();
    if (!(m_levelMask & (1u << level))) return false;
    if (m_text.isEmpty()) return true;
    return index.data(ConsoleModel::FullTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

bool ConsoleFilter::passesOrHoldsPassing(const QModelIndex& index) const
{
    if (messagePasses(index)) return true;
    using Kind = ConsoleMessage::Kind;
    const auto kind = Kind(index.data(ConsoleModel::KindRole).toInt());
    if (kind != Kind::Group && kind != Kind::GroupCollapsed) return false;
    const QAbstractItemModel* model = sourceModel();
    const int rows = model->rowCount(index);
    for (int row = 0; row < rows; ++row) {
        if (passesOrHoldsPassing(model->index(row, 0, index))) return true;
    }
    return false;
}

bool ConsoleFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!isFiltering()) return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!index.data(ConsoleModel::IsMessageRole).toBool()) return true;
    return passesOrHoldsPassing(index);
}

} // namespace nano::ui
