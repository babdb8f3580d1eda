#pragma once
// Paints a console.table message as a table inside its console row: a shaded header with the
// column titles, one line per table row, grid lines, and cells elided at a maximum width. Other
// rows are painted as usual (the Source column elided in the middle, keeping the line number),
// and a run separator (ConsoleMessage::Kind::RunStart) as a thin rule with its text.
// It serves every column of the console: its sizeHint never lays out text (see the .cpp). The
// row's text (the same table drawn with box characters) stays the model's DisplayRole and copy
// form.
//
// Column widths are measured once per message and cached by ConsoleModel::MessageIdRole; very
// long tables show their first MaxRows rows and say how many more there are.

#include <QFont>
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

    // The Source column's text as painted in `option.rect`: "file:line", elided in the middle so
    // that the line number stays ("very-l…name.js:120").
    QString locationText(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    // The tooltip of a message cell whose text does not fit its column (elided, or a value's
    // preview cut short): the whole message, hard-wrapped at ToolTipColumns and bounded to
    // ToolTipChars (Copy gives all of it), as rich text that shows the message literally.
    // Empty when the text fits.
    QString fullTextToolTip(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;
    static constexpr int ToolTipColumns = 120;
    static constexpr int ToolTipChars = 4000;

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
    struct FontMetrics {
        QFont font;
        int lineHeight = 0; // a one-line row with the level icon
        int lineSpacing = 0;
        int charWidth = 0;
    };
    void paintRunStart(QPainter* painter, const QStyleOptionViewItem& option,
                       const QModelIndex& index) const;
    // Any other row: its size from its line count, without laying out its text.
    QSize plainSizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    const FontMetrics& metricsFor(const QStyleOptionViewItem& option, const QFont& font) const;

    mutable QHash<quint64, Layout> m_layouts;
    mutable QVector<FontMetrics> m_metrics; // a few fonts: the view's, the fixed one, bold
};

} // namespace nano::ui
