#pragma once

#include <QList>

namespace postil::quality {

// The one-to-one assignment of rows to columns with the greatest total
// weight (the Hungarian method, Kuhn 1955, in the O(n^2 m) form with row and
// column potentials). `weights` is rows x columns, row-major; either side may
// be larger, and then some rows or columns stay unassigned. Returns, per row,
// its column or -1. A pair assigned with weight 0 is assigned only to make
// the assignment complete: callers count a match by its weight, never by
// being assigned. The boxes', spans' and segments' matching (same label,
// IoU over a threshold) all use it, so one rule matches everything.
QList<int> maximumWeightAssignment(const QList<double>& weights, int rows, int columns);

}  // namespace postil::quality
