#include "network/network_filter.h"

namespace nano::ui {

NetworkFilter::NetworkFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(NetworkModel::SortRole);
    // Rows that change while sorted move to their place (a fetch that finishes gets its time).
    setDynamicSortFilter(true);
}

void NetworkFilter::setText(const QString& text)
{
    if (text == m_text) return;
    m_text = text;
    invalidateFilter();
}

void NetworkFilter::setStatusClasses(int classes)
{
    if (classes == m_classes) return;
    m_classes = classes;
    invalidateFilter();
}

void NetworkFilter::setTypeCategory(int category)
{
    if (category == m_type) return;
    m_type = category;
    invalidateFilter();
}

bool NetworkFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_classes != AllStatusClasses) {
        const auto state = FetchRecord::State(index.data(NetworkModel::StateRole).toInt());
        const int statusClass = index.data(NetworkModel::StatusClassRole).toInt();
        int flag = 0;
        if (state == FetchRecord::State::Failed || state == FetchRecord::State::Aborted)
            flag = StatusFailed;
        else if (statusClass >= 2 && statusClass <= 5)
            flag = Status2xx << (statusClass - 2);
        // 1xx never reaches fetch; a row still waiting for its status is kept in view.
        if (flag != 0 && !(m_classes & flag)) return false;
    }
    if (m_type >= 0 && index.data(NetworkModel::TypeCategoryRole).toInt() != m_type) return false;
    if (!m_text.isEmpty() &&
        !index.data(NetworkModel::FilterTextRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace nano::ui
