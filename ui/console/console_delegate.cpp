#include "console_delegate.h"

#include "console/console_model.h"
#include "console/console_tr.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace nano::ui {

namespace {

constexpr int CellPadding = 6;   // left and right of a cell's text
constexpr int MaxCellChars = 40; // wider cells are elided
constexpr int MaxCachedLayouts = 1024;
constexpr int Margin = 2; // around the table inside the row

} // namespace

ConsoleDelegate::ConsoleDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{}

int ConsoleDelegate::Layout::width() const
{
    int sum = 1;
    for (int w : widths)
        sum += w;
    return sum + 2 * Margin;
}

int ConsoleDelegate::Layout::height() const
{
    const int lines = 1 + shownRows + (hiddenRows > 0 ? 1 : 0);
    return lines * lineHeight + 1 + 2 * Margin;
}

const ConsoleDelegate::Layout* ConsoleDelegate::layoutFor(const QStyleOptionViewItem& option,
                                                          const QModelIndex& index) const
{
    if (index.column() != ConsoleModel::MessageColumn) return nullptr;
    const QVariant columnsData = index.data(ConsoleModel::TableColumnsRole);
    if (!columnsData.isValid()) return nullptr;
    const quint64 id = index.data(ConsoleModel::MessageIdRole).toULongLong();
    if (auto it = m_layouts.constFind(id); it != m_layouts.constEnd()) return &it.value();

    const QFontMetrics metrics(option.font);
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics headerMetrics(bold);
    const QStringList columns = columnsData.toStringList();
    const auto rows = index.data(ConsoleModel::TableRowsRole).value<QList<QStringList>>();
    Layout layout;
    layout.lineHeight = metrics.height() + 2;
    layout.shownRows = int(qMin<qsizetype>(rows.size(), MaxRows));
    layout.hiddenRows = int(rows.size()) - layout.shownRows;
    const int maxText = metrics.horizontalAdvance(QLatin1Char('0')) * MaxCellChars;
    layout.widths.resize(columns.size());
    // A pixel a character more for the titles: a fixed font without a bold face is emboldened
    // when drawn, which its metrics do not count.
    for (int c = 0; c < columns.size(); ++c)
        layout.widths[c] =
            headerMetrics.horizontalAdvance(columns.at(c)) + int(columns.at(c).size());
    for (int r = 0; r < layout.shownRows; ++r) {
        const QStringList& cells = rows.at(r);
        for (int c = 0; c < columns.size() && c < cells.size(); ++c)
            layout.widths[c] = qMax(layout.widths[c], metrics.horizontalAdvance(cells.at(c)));
    }
    // Two pixels of slack: whole-pixel advances can add up to less than the drawn text, which
    // would then be elided.
    for (int& w : layout.widths)
        w = qMin(w + 2, maxText) + 2 * CellPadding;
    if (m_layouts.size() >= MaxCachedLayouts) m_layouts.clear();
    return &m_layouts.insert(id, layout).value();
}

// Without word wrap a row's height is its line count times the line spacing. The view asks for
// the size of every stored row whenever rows come and go, so this asks the model for two roles
// and lays out no text (a full initStyleOption and text layout per row froze the window for
// seconds under a flood of console lines).
const ConsoleDelegate::FontMetrics& ConsoleDelegate::metricsFor(const QStyleOptionViewItem& option,
                                                                const QFont& font) const
{
    for (const FontMetrics& known : m_metrics) {
        if (known.font == font) return known;
    }
    QStyleOptionViewItem probe = option;
    probe.font = font;
    probe.fontMetrics = QFontMetrics(font);
    probe.text = QStringLiteral("Xg");
    probe.features |= QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
    probe.decorationSize = option.decorationSize.isValid() ? option.decorationSize : QSize(16, 16);
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    FontMetrics metrics;
    metrics.font = font;
    metrics.lineHeight =
        style->sizeFromContents(QStyle::CT_ItemViewItem, &probe, QSize(), option.widget).height();
    metrics.lineSpacing = probe.fontMetrics.lineSpacing();
    metrics.charWidth = probe.fontMetrics.averageCharWidth();
    if (m_metrics.size() >= 8) m_metrics.clear();
    m_metrics.append(metrics);
    return m_metrics.last();
}

QSize ConsoleDelegate::plainSizeHint(const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const
{
    const QVariant fontData = index.data(Qt::FontRole);
    const FontMetrics& metrics =
        metricsFor(option, fontData.isValid() ? fontData.value<QFont>() : option.font);
    // The time is one line of "HH:mm:ss.zzz": measured without formatting it, which costs a
    // time-zone lookup per row on every relayout of a full console.
    const QString text = index.column() == ConsoleModel::TimeColumn
                             ? QString()
                             : index.data(Qt::DisplayRole).toString();
    const int lines = int(text.count(u'\n'));
    // The width is an estimate: the message column stretches, the others are sized by the user.
    const int chars = index.column() == ConsoleModel::TimeColumn
                          ? int(sizeof "HH:mm:ss.zzz") - 1
                          : int(qMin<qsizetype>(text.size(), 200));
    return {option.decorationSize.width() + 4 + chars * metrics.charWidth + 2 * CellPadding,
            metrics.lineHeight + lines * metrics.lineSpacing};
}

QSize ConsoleDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.column() != ConsoleModel::MessageColumn ||
        index.data(ConsoleModel::KindRole).toInt() != int(ConsoleMessage::Kind::Table))
        return plainSizeHint(option, index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const Layout* layout = layoutFor(opt, index);
    if (!layout) return plainSizeHint(option, index);
    // Room for the level icon in front of the table, as for any other row (the base class
    // would measure the box text).
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    const QSize base = style->sizeFromContents(QStyle::CT_ItemViewItem, &opt, QSize(), opt.widget);
    return {base.width() + layout->width(), qMax(base.height(), layout->height())};
}

QString ConsoleDelegate::locationText(const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    // The text rectangle less the margins the style keeps on both sides of an item's text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, opt.widget) + 1;
    const QRect text = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    const int width = qMax(0, (text.isValid() ? text.width() : opt.rect.width()) - 2 * margin);
    return opt.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle,
                                      width);
}

QString ConsoleDelegate::fullTextToolTip(const QStyleOptionViewItem& option,
                                         const QModelIndex& index) const
{
    if (index.column() != ConsoleModel::MessageColumn) return {};
    const auto kind = ConsoleMessage::Kind(index.data(ConsoleModel::KindRole).toInt());
    if (kind == ConsoleMessage::Kind::Table || kind == ConsoleMessage::Kind::RunStart) return {};
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, opt.widget) + 1;
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    const int width = (area.isValid() ? area.width() : opt.rect.width()) - 2 * margin;
    const QString shown = index.data(Qt::DisplayRole).toString();
    bool cut = shown.endsWith(QChar(0x2026)); // a preview stops after its first 300 characters
    for (const QString& line : shown.split(u'\n')) {
        if (cut) break;
        cut = opt.fontMetrics.horizontalAdvance(line) > width;
    }
    if (!cut) return {};
    const QString full = index.data(ConsoleModel::FullTextRole).toString();
    QString wrapped;
    const qsizetype total = qMin<qsizetype>(full.size(), ToolTipChars);
    wrapped.reserve(total + total / ToolTipColumns + 2);
    int column = 0;
    for (qsizetype i = 0; i < total; ++i) {
        const QChar c = full.at(i);
        if (c == u'\n') {
            column = 0;
        } else if (column == ToolTipColumns) {
            wrapped += u'\n';
            column = 0;
        }
        wrapped += c;
        if (c != u'\n') ++column;
    }
    if (full.size() > total) wrapped += QStringLiteral("\n\u2026");
    // Rich text, so that a message with markup in it is shown as typed, not rendered.
    return QStringLiteral("<pre>") + wrapped.toHtmlEscaped() + QStringLiteral("</pre>");
}

bool ConsoleDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                const QStyleOptionViewItem& option, const QModelIndex& index)
{
    if (event && view && event->type() == QEvent::ToolTip) {
        const QString tip = fullTextToolTip(option, index);
        if (!tip.isEmpty()) {
            QToolTip::showText(event->globalPos(), tip, view->viewport(), option.rect);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

// "──── Run 3 · script.js · 14:05:12 ────────": a rule across the row, the text on it.
void ConsoleDelegate::paintRunStart(QPainter* painter, const QStyleOptionViewItem& option,
                                    const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    opt.text.clear();
    opt.icon = QIcon();
    opt.features &= ~(QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration);
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // selection, focus
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette& palette = opt.palette;
    QFont font = opt.font;
    font.setItalic(true);
    const QFontMetrics metrics(font);
    const QString text = index.data(Qt::DisplayRole).toString();
    const QRect area = opt.rect.adjusted(CellPadding, 0, -CellPadding, 0);
    const int lead = 3 * CellPadding;
    const int textWidth = qMin(metrics.horizontalAdvance(text), area.width() - lead);
    const int y = area.center().y();
    painter->save();
    painter->setPen(QPen(
        selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Mid), 1));
    painter->drawLine(area.left(), y, area.left() + lead - CellPadding, y);
    painter->drawLine(area.left() + lead + textWidth + CellPadding, y, area.right(), y);
    painter->setFont(font);
    painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                             : palette.color(QPalette::PlaceholderText));
    painter->drawText(QRect(area.left() + lead, area.top(), textWidth, area.height()),
                      Qt::AlignVCenter | Qt::AlignLeft,
                      metrics.elidedText(text, Qt::ElideRight, textWidth));
    painter->restore();
}

void ConsoleDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (index.data(ConsoleModel::KindRole).toInt() == int(ConsoleMessage::Kind::RunStart) &&
        index.data(ConsoleModel::IsMessageRole).toBool()) {
        paintRunStart(painter, opt, index);
        return;
    }
    const Layout* layout = layoutFor(opt, index);
    if (!layout) {
        if (index.column() == ConsoleModel::LocationColumn) {
            opt.text = locationText(opt, index);
            opt.textElideMode = Qt::ElideMiddle;
            QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
            style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
            return;
        }
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background, selection, focus and the level icon as usual, without the box text.
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    if (opt.decorationSize.isValid() && !opt.icon.isNull() && area.left() <= opt.rect.left())
        area.setLeft(opt.rect.left() + opt.decorationSize.width() + 4);
    area.adjust(Margin, Margin, -Margin, -Margin);

    const QStringList columns = index.data(ConsoleModel::TableColumnsRole).toStringList();
    const auto rows = index.data(ConsoleModel::TableRowsRole).value<QList<QStringList>>();
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette& palette = opt.palette;
    const QColor ink =
        selected ? palette.color(QPalette::HighlightedText) : opt.palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Mid);
    QColor headerFill = palette.color(QPalette::AlternateBase);
    if (headerFill == palette.color(QPalette::Base)) headerFill = palette.color(QPalette::Button);

    painter->save();
    painter->setClipRect(area);
    painter->setFont(opt.font);
    const QFontMetrics metrics(opt.font);
    const int tableWidth = layout->width() - 2 * Margin - 1;
    const int lineHeight = layout->lineHeight;
    const int top = area.top();
    const int left = area.left();

    if (!selected) painter->fillRect(QRect(left, top, tableWidth, lineHeight), headerFill);
    QFont headerFont = opt.font;
    headerFont.setBold(true);
    const QFontMetrics headerMetrics(headerFont);
    auto drawLine = [&](int y, const QStringList& cells, bool header) {
        int x = left;
        painter->setFont(header ? headerFont : opt.font);
        const QFontMetrics& fm = header ? headerMetrics : metrics;
        for (int c = 0; c < layout->widths.size(); ++c) {
            const int w = layout->widths.at(c);
            const QString text = c < cells.size() ? cells.at(c) : QString();
            const QRect cell(x + CellPadding, y, w - 2 * CellPadding, lineHeight);
            painter->drawText(cell, Qt::AlignVCenter | Qt::AlignLeft,
                              fm.elidedText(text, Qt::ElideRight, cell.width()));
            x += w;
        }
    };
    painter->setPen(ink);
    drawLine(top, columns, true);
    for (int r = 0; r < layout->shownRows; ++r)
        drawLine(top + (r + 1) * lineHeight, rows.at(r), false);
    const int bodyBottom = top + (layout->shownRows + 1) * lineHeight;
    if (layout->hiddenRows > 0) {
        QFont italic = opt.font;
        italic.setItalic(true);
        painter->setFont(italic);
        painter->drawText(QRect(left + CellPadding, bodyBottom, tableWidth, lineHeight),
                          Qt::AlignVCenter | Qt::AlignLeft,
                          ConsoleTr::tr("\u2026 %n more row(s)", nullptr, layout->hiddenRows));
    }

    // The grid: the outer frame, a line under every row, and the column separators.
    painter->setPen(grid);
    painter->drawRect(QRect(left, top, tableWidth, bodyBottom - top));
    for (int r = 1; r <= layout->shownRows; ++r)
        painter->drawLine(left, top + r * lineHeight, left + tableWidth, top + r * lineHeight);
    int x = left;
    for (int c = 0; c + 1 < layout->widths.size(); ++c) {
        x += layout->widths.at(c);
        painter->drawLine(x, top, x, bodyBottom);
    }
    painter->restore();
}

} // namespace nano::ui
