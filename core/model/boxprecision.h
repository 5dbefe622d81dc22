#pragma once

namespace postil::boxprecision {

// Box coordinates are stored to 0.01 px: finer than anyone can point, and
// coarse enough that floating-point noise (349.28999999999996, left by
// "640 - 290.71" or by a YOLO centre times the image width) never reaches
// the project file or an export. Every write of a box rounds: an editor
// commit and an import alike (stated in README and `postil-cli import
// --help`).
constexpr int kDecimals = 2;

// 'value' to kDecimals; never "-0".
double rounded(double value);

// A box given as origin and size with its four edges rounded (not its
// origin and size), so that a box reaching the image edge stays on it.
struct Edges {
    double x = 0, y = 0, w = 0, h = 0;
};
Edges roundedEdges(double x, double y, double w, double h);

}  // namespace postil::boxprecision
