#pragma once
// The Timing tab: one row per phase of the request (redirects, queued, connecting, request
// sent, waiting for the server, content download), each with its bar on the request's own
// time axis and its duration, and the total below, as DevTools' Timing tab.

#include "network/waterfall_delegate.h"

#include <QWidget>

namespace nano::ui {

class TimingView final : public QWidget {
    Q_OBJECT
public:
    explicit TimingView(QWidget* parent = nullptr);

    void setRecord(const FetchRecord& record);
    // The rows shown: a phase's name and its duration in ms.
    QVector<QPair<QString, double>> rows() const;

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QVector<WaterfallDelegate::Segment> m_segments;
    double m_start = 0;
    double m_end = 0;
};

} // namespace nano::ui
