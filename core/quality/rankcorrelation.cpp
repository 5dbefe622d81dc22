#include "quality/rankcorrelation.h"

#include <cmath>

namespace postil::quality {

Figure kendallTauB(const QList<int>& a, const QList<int>& b) {
    const qsizetype n = qMin(a.size(), b.size());
    if (n < 2)
        return Figure::undefined(QStringLiteral("fewer than two responses ranked by both"));
    // Rankings hold a handful of responses: all pairs is cheapest.
    double concordant = 0;
    double discordant = 0;
    double tiedA = 0;
    double tiedB = 0;
    for (qsizetype i = 0; i < n; ++i)
        for (qsizetype j = i + 1; j < n; ++j) {
            const int da = a.at(i) - a.at(j);
            const int db = b.at(i) - b.at(j);
            if (da == 0)
                ++tiedA;
            if (db == 0)
                ++tiedB;
            if (da != 0 && db != 0) {
                if ((da > 0) == (db > 0))
                    ++concordant;
                else
                    ++discordant;
            }
        }
    const double pairs = double(n) * double(n - 1) / 2.0;
    const double denominator = (pairs - tiedA) * (pairs - tiedB);
    if (denominator <= 0)
        return Figure::undefined(QStringLiteral("one of the rankings ties every response"));
    return Figure::of((concordant - discordant) / std::sqrt(denominator));
}

}  // namespace postil::quality
