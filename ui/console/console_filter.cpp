#include "console_filter.h"

#include "console/console_model.h"

namespace nano::ui {

ConsoleFilter::ConsoleFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
    // Messages keep their arrival order; the proxy only filters.
    setDynamicSortFilter(true);
}

void ConsoleFilter::setLevelVisible(int level, bool visible)
{
    const quint32 mask = visible ? (m_levelMask | (1u << level)) : (m_levelMask & ~(1u << level));
    if (mask == m_levelMask)
        return;
    m_levelMask = mask;
    invalidateFilter();
}

void ConsoleFilter::setText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

bool ConsoleFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const int level = index.data(ConsoleModel::LevelRole).toInt();
    if (!(m_levelMask & (1u << level)))
        return false;
    if (m_text.isEmpty())
        return true;
    return index.data(ConsoleModel::FullTextRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace nano::ui
