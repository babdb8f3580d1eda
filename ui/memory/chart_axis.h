#pragma once
// Round axis ranges for the memory chart: ticks at steps of 1, 2 or 5 × 10^n, the range the
// smallest run of such ticks that holds the data (181 MB → 0–200 MB in steps of 50).

class QValueAxis;

namespace nano::ui {

struct AxisTicks {
    double min = 0;
    double max = 1;
    double step = 0.2;
    int decimals = 1; // what a label needs to show `step` exactly
};

// The ticks for data between `low` and `high`, with at most `maxIntervals` steps between
// min and max. An empty or inverted range gets a unit range above `low`.
AxisTicks niceTicks(double low, double high, int maxIntervals = 5);

// Sets `axis` to `ticks`: range, a tick at every step from min, labels with their decimals.
void applyTicks(QValueAxis* axis, const AxisTicks& ticks);

} // namespace nano::ui
