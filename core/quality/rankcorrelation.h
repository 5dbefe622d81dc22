#pragma once

#include <QList>

#include "quality/figure.h"

namespace postil::quality {

// Kendall's tau-b of two rankings of the same items (ranks, lower is
// better, equal ranks tie), as scipy.stats.kendalltau computes it:
// (concordant - discordant) / sqrt((n0 - ties in a) (n0 - ties in b)).
// Undefined when either ranks everything the same, or fewer than two items.
Figure kendallTauB(const QList<int>& a, const QList<int>& b);

}  // namespace postil::quality
