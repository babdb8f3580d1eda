#pragma once
// The streams tree's "Made at" cells: elided in the middle, so that a long file name keeps
// its line number ("very-l…name.js:120"); the other columns elide at the end as usual.

#include <QStyledItemDelegate>

namespace nano::ui {

class SourceLocationDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    Q_DISABLE_COPY_MOVE(SourceLocationDelegate)

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};

} // namespace nano::ui
