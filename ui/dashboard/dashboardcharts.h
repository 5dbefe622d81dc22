#pragma once

#include <QString>

#include "quality/dashboarddata.h"

class QChart;

namespace postil::dashboardcharts {

// The charts of the quality dashboard (Qt Charts), made anew from the data
// each time: the window shows one, an export renders another at a fixed size.

// Answers done over time, one line per annotator, in steps of `bucketMs`.
QChart* progressChart(const quality::DashboardData& data);
// How often each annotator used each value of one group (bars per value,
// one set per annotator): `group` indexes data.labels.
QChart* labelChart(const quality::DashboardData& data, int group);

}  // namespace postil::dashboardcharts
