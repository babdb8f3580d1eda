#pragma once
// Round axis scales for the memory chart: a step of 1, 2 or 5 times a power of ten and a top
// that is a whole number of steps at or above the data (181 MB -> 0..200 in steps of 50).

namespace nano::ui {

struct NiceScale {
    double top = 1;
    double step = 1;
};

// A scale from 0 covering `maximum` with at most about `maxTicks` intervals.
NiceScale niceScale(double maximum, int maxTicks = 5);

} // namespace nano::ui
