#pragma once

#include <QList>
#include <utility>

namespace postil::quality {

// Two annotators' intervals [start, end) (spans in code points, segments in
// ms) in groups that overlap among themselves and with no other group: an
// interval of one group shares no point with any of another. Matching by
// overlap then runs per group, so an hour of audio with a thousand segments
// each side costs a thousand small assignments, not one of 10^9 steps.
struct IntervalCluster {
    QList<int> a;  // indexes into a's intervals
    QList<int> b;
};

QList<IntervalCluster> overlapClusters(const QList<std::pair<double, double>>& a,
                                       const QList<std::pair<double, double>>& b);

}  // namespace postil::quality
