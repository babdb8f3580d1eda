#include "memory/nice_scale.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace nano::ui {

NiceScale niceScale(double maximum, int maxTicks)
{
    if (!(maximum > 0) || !std::isfinite(maximum)) return {};
    const double rough = maximum / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = 10 * magnitude;
    for (double factor : {1.0, 2.0, 5.0}) {
        if (factor * magnitude >= rough) {
            step = factor * magnitude;
            break;
        }
    }
    // Rounding noise must not add a step: 200 / 50 is 4 steps, not 5.
    const double steps = std::ceil(maximum / step - 1e-9);
    return {std::max(1.0, steps) * step, step};
}

} // namespace nano::ui
