#include "model/boxprecision.h"

#include <cmath>

namespace postil::boxprecision {

double rounded(double value) {
    if (!std::isfinite(value))
        return value;
    constexpr double scale = 100.0;  // 10^kDecimals
    static_assert(kDecimals == 2, "scale must be 10^kDecimals");
    const double r = std::round(value * scale) / scale;
    return r == 0.0 ? 0.0 : r;
}

Edges roundedEdges(double x, double y, double w, double h) {
    const double left = rounded(x), top = rounded(y);
    return Edges{left, top, rounded(rounded(x + w) - left), rounded(rounded(y + h) - top)};
}

}  // namespace postil::boxprecision
