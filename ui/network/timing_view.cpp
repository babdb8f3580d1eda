#include "network/timing_view.h"

#include "network/network_model.h"
#include "network/network_tr.h"

#include <QPainter>
#include <algorithm>

namespace nano::ui {

TimingView::TimingView(QWidget* parent)
    : QWidget(parent)
{}

void TimingView::setRecord(const FetchRecord& record)
{
    m_segments = WaterfallDelegate::segments(record);
    m_start = NetworkModel::startOf(record);
    m_end = NetworkModel::endOf(record);
    updateGeometry();
    update();
}

QVector<QPair<QString, double>> TimingView::rows() const
{
    QVector<QPair<QString, double>> out;
    for (const WaterfallDelegate::Segment& s : m_segments)
        out.append({WaterfallDelegate::phaseName(s.phase), s.end - s.start});
    return out;
}

QSize TimingView::sizeHint() const
{
    const int line = fontMetrics().height() + 8;
    return QSize(360, line * int(m_segments.size() + 2));
}

void TimingView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QFontMetrics metrics = fontMetrics();
    const int line = metrics.height() + 8;
    if (m_segments.isEmpty()) {
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop,
                         NetworkTr::tr("No timing yet."));
        return;
    }
    int labelWidth = 0;
    for (const WaterfallDelegate::Segment& s : m_segments)
        labelWidth =
            std::max(labelWidth, metrics.horizontalAdvance(WaterfallDelegate::phaseName(s.phase)));
    const int durationWidth = metrics.horizontalAdvance(QStringLiteral("00000.0 ms")) + 8;
    const int barLeft = 8 + labelWidth + 12;
    const int barWidth = std::max(40, width() - barLeft - durationWidth - 8);
    const double span = std::max(1.0, m_end - m_start);
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    int y = 4;
    for (const WaterfallDelegate::Segment& s : m_segments) {
        const QRect row(0, y, width(), line);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(8, y, labelWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                         WaterfallDelegate::phaseName(s.phase));
        const double x0 = barLeft + (s.start - m_start) / span * barWidth;
        const double x1 = barLeft + (s.end - m_start) / span * barWidth;
        painter.fillRect(QRectF(x0, y + line / 4.0, std::max(2.0, x1 - x0), line / 2.0),
                         WaterfallDelegate::phaseColor(s.phase, dark));
        painter.drawText(QRect(barLeft + barWidth + 8, y, durationWidth, line),
                         Qt::AlignRight | Qt::AlignVCenter, formatDuration(s.end - s.start));
        y += row.height();
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(8, y + 2, width() - 8, y + 2);
    painter.setPen(palette().color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRect(8, y + 4, labelWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                     NetworkTr::tr("Total"));
    painter.drawText(QRect(barLeft + barWidth + 8, y + 4, durationWidth, line),
                     Qt::AlignRight | Qt::AlignVCenter, formatDuration(m_end - m_start));
}

} // namespace nano::ui
