#pragma once
// Paints a console.table message as a table inside its console row: a shaded header with the
// column titles, one line per table row, grid lines, and cells elided at a maximum width. Other
// rows are painted as usual. The row's text (the same table drawn with box characters) stays the
// model's DisplayRole and copy form.
//
// Column widths are measured once per message and cached by ConsoleModel::MessageIdRole; very
// long tables show their first MaxRows rows and say how many more there are.

#include <QHash>
#include <QStyledItemDelegate>
#include <QVector>

namespace nano::ui {

class ConsoleDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ConsoleDelegate(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ConsoleDelegate)

    static constexpr int MaxRows = 200;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Forgets the cached column widths (e.g. after the console was cleared).
    void clearCache() { m_layouts.clear(); }

private:
    struct Layout {
        QVector<int> widths; // per column, padding included
        int lineHeight = 0;
        int shownRows = 0;
        int hiddenRows = 0;
        int width() const;
        int height() const;
    };

    // The table layout of `index`, or nullptr if it is not a console.table message.
    const Layout* layoutFor(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    mutable QHash<quint64, Layout> m_layouts;
};

} // namespace nano::ui
