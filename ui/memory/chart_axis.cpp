#include "chart_axis.h"

#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace nano::ui {

// The "nice numbers" of Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990),
// rounded up rather than to the nearest, so that the data always fits.
AxisTicks niceTicks(double low, double high, int maxIntervals)
{
    if (!std::isfinite(low)) low = 0;
    if (!std::isfinite(high) || high <= low) high = low + 1;
    maxIntervals = std::max(1, maxIntervals);
    AxisTicks ticks;
    const double raw = (high - low) / maxIntervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        ticks.step = factor * magnitude;
        // The epsilon keeps 0.6 / 0.2 (2.9999…) from rounding to a step too many.
        ticks.min = std::floor(low / ticks.step + 1e-9) * ticks.step;
        ticks.max = std::ceil(high / ticks.step - 1e-9) * ticks.step;
        // Rounding min down may need one step more than `raw` allowed for.
        if (std::lround((ticks.max - ticks.min) / ticks.step) <= maxIntervals) break;
    }
    ticks.decimals = std::max(0, int(-std::floor(std::log10(ticks.step) + 1e-9)));
    return ticks;
}

void applyTicks(QValueAxis* axis, const AxisTicks& ticks)
{
    axis->setRange(ticks.min, ticks.max);
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(ticks.min);
    axis->setTickInterval(ticks.step);
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(ticks.decimals));
}

} // namespace nano::ui
