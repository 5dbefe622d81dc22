#pragma once

#include <QByteArray>
#include <functional>

#include "formats/comparisonexport.h"
#include "model/comparison.h"

namespace postil::comparisonexport {

// One preference pair about to become a line.
struct PairLine {
    const ComparisonTask& task;
    const AnnotationRow& annotation;
    comparison::PreferencePair pair;  // canonical indexes
    bool tie = false;
    bool bothBad = false;
};

// Writes one JSON object a line per preference pair per annotation (pairs as
// comparison::preferencePairs states them; ranking for more than two
// responses). 'openLine' appends the start of the object with the format's own
// fields, e.g. {"prompt":…,"chosen":…,"rejected":…; the shared switches follow:
//   keep-ties  ties and both-bad verdicts are kept (both bad without a
//              preference as tie pairs), every line then carries
//              "tie" and "both_bad" (a tie's chosen/rejected are in canonical
//              order); without it they are left out and counted in one warning
//   margin     "margin": the pair's strength (1..3, 0 for a tie)
Status writePreferencePairs(Project& project, const QString& path, const ExportOptions& options,
                            ExportReport& report,
                            const std::function<void(QByteArray&, const PairLine&)>& openLine);

}  // namespace postil::comparisonexport
