#pragma once
// Paints the network table's waterfall column: each fetch as a bar on the time axis all rows
// share (NetworkModel::AxisRole), split into the phases DevTools shows: redirects (grey),
// queued and stalled (light), connect (orange), request sent (purple), waiting for the first
// byte (green) and content download (blue). Failed fetches end in a red bar, aborted ones in
// a grey one. Colours follow the palette's lightness so that the dark theme reads too.

#include "engine/inspect/fetch_record.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace nano::ui {

class WaterfallDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    enum class Phase { Redirect, Queued, Connect, Send, Wait, Download, Failed, Aborted };

    explicit WaterfallDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor phaseColor(Phase phase, bool dark);
    // The (phase, start ms, end ms) segments of a fetch, in order; empty before it began.
    struct Segment {
        Phase phase;
        double start;
        double end;
    };
    static QVector<Segment> segments(const FetchRecord& record);
    static QString phaseName(Phase phase);
};

} // namespace nano::ui
