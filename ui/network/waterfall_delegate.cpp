#include "network/waterfall_delegate.h"

#include "network/network_model.h"
#include "network/network_tr.h"

#include <QPainter>
#include <QPointF>
#include <QSortFilterProxyModel>
#include <algorithm>

namespace nano::ui {

WaterfallDelegate::WaterfallDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{}

QColor WaterfallDelegate::phaseColor(Phase phase, bool dark)
{
    QColor color;
    switch (phase) {
    case Phase::Redirect: color = QColor(0x9e, 0x9e, 0x9e); break;
    case Phase::Queued: color = QColor(0xbd, 0xbd, 0xbd); break;
    case Phase::Connect: color = QColor(0xf5, 0x7c, 0x00); break;
    case Phase::Send: color = QColor(0x8e, 0x24, 0xaa); break;
    case Phase::Wait: color = QColor(0x43, 0xa0, 0x47); break;
    case Phase::Download: color = QColor(0x1e, 0x88, 0xe5); break;
    case Phase::Failed: color = QColor(0xe5, 0x39, 0x35); break;
    case Phase::Aborted: color = QColor(0x75, 0x75, 0x75); break;
    }
    return dark ? color.lighter(115) : color;
}

QString WaterfallDelegate::phaseName(Phase phase)
{
    switch (phase) {
    case Phase::Redirect: return NetworkTr::tr("Redirects");
    case Phase::Queued: return NetworkTr::tr("Queued");
    case Phase::Connect: return NetworkTr::tr("Connecting");
    case Phase::Send: return NetworkTr::tr("Request sent");
    case Phase::Wait: return NetworkTr::tr("Waiting for server response");
    case Phase::Download: return NetworkTr::tr("Content download");
    case Phase::Failed: return NetworkTr::tr("Failed");
    case Phase::Aborted: return NetworkTr::tr("Aborted");
    }
    return QString();
}

QVector<WaterfallDelegate::Segment> WaterfallDelegate::segments(const FetchRecord& r)
{
    QVector<Segment> out;
    const FetchRecord::Timing& t = r.timing;
    const double start = NetworkModel::startOf(r);
    if (start <= 0) return out;
    auto add = [&out](Phase phase, double from, double to) {
        if (from > 0 && to > from) out.push_back({phase, from, to});
    };
    if (t.queued > start) add(Phase::Redirect, start, t.queued);
    // Each phase runs from the last stamp known before it to its own.
    double cursor = t.queued;
    const double sendStart = t.connectEnd > 0 ? t.connectEnd : 0;
    if (t.connectStart > 0) {
        add(Phase::Queued, cursor, t.connectStart);
        add(Phase::Connect, t.connectStart, t.connectEnd);
        cursor = std::max(cursor, t.connectEnd);
    }
    if (t.requestSent > 0) {
        if (sendStart == 0)
            add(Phase::Queued, cursor, t.requestSent);
        else
            add(Phase::Send, cursor, t.requestSent);
        cursor = std::max(cursor, t.requestSent);
    }
    if (t.firstByte > 0) {
        add(Phase::Wait, cursor, t.firstByte);
        cursor = std::max(cursor, t.firstByte);
    }
    const double end = NetworkModel::endOf(r);
    switch (r.state) {
    case FetchRecord::State::Failed:
        add(Phase::Failed, cursor, std::max(end, cursor + 0.01));
        break;
    case FetchRecord::State::Aborted:
        add(Phase::Aborted, cursor, std::max(end, cursor + 0.01));
        break;
    default: add(t.firstByte > 0 ? Phase::Download : Phase::Wait, cursor, end); break;
    }
    return out;
}

void WaterfallDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const
{
    QStyledItemDelegate::paint(painter, option, index); // background and selection
    // The record, from the source model behind whatever proxy the view shows.
    QModelIndex source = index;
    while (auto* proxy = qobject_cast<const QSortFilterProxyModel*>(source.model()))
        source = proxy->mapToSource(source);
    const auto* model = qobject_cast<const NetworkModel*>(source.model());
    if (!model) return;
    const FetchRecord& record = model->record(source.row());
    const double axisStart = model->axisStart();
    const double span = std::max(1.0, model->axisEnd() - axisStart);
    const QRect area = option.rect.adjusted(3, 3, -3, -3);
    if (area.width() <= 0 || area.height() <= 0) return;
    const bool dark = option.palette.color(QPalette::Base).lightness() < 128;
    painter->save();
    painter->setPen(Qt::NoPen);
    const int barHeight = std::max(4, area.height() / 2);
    const int top = area.top() + (area.height() - barHeight) / 2;
    for (const Segment& segment : segments(record)) {
        const double x0 = area.left() + (segment.start - axisStart) / span * area.width();
        const double x1 = area.left() + (segment.end - axisStart) / span * area.width();
        // At least a pixel wide, so a 1 ms phase on a 10 s axis still shows.
        const QRectF bar(x0, top, std::max(1.0, x1 - x0), barHeight);
        painter->setBrush(phaseColor(segment.phase, dark));
        painter->drawRect(bar);
    }
    painter->restore();
}

QSize WaterfallDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 200));
    return size;
}

} // namespace nano::ui
