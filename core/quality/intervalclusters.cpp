#include "quality/intervalclusters.h"

#include <algorithm>
#include <tuple>

namespace postil::quality {

QList<IntervalCluster> overlapClusters(const QList<std::pair<double, double>>& a,
                                       const QList<std::pair<double, double>>& b) {
    // (start, end, side, index), swept in start order: an interval starting
    // before the furthest end so far overlaps the group being built.
    QList<std::tuple<double, double, int, int>> all;
    all.reserve(a.size() + b.size());
    for (int i = 0; i < a.size(); ++i)
        all.append(std::make_tuple(a.at(i).first, a.at(i).second, 0, i));
    for (int i = 0; i < b.size(); ++i)
        all.append(std::make_tuple(b.at(i).first, b.at(i).second, 1, i));
    std::sort(all.begin(), all.end());
    QList<IntervalCluster> clusters;
    double reach = 0;
    for (const auto& [start, end, side, index] : all) {
        if (clusters.isEmpty() || start >= reach) {
            clusters.append(IntervalCluster());
            reach = end;
        } else {
            reach = std::max(reach, end);
        }
        (side == 0 ? clusters.last().a : clusters.last().b) << index;
    }
    return clusters;
}

}  // namespace postil::quality
