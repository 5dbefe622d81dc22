#pragma once

#include <QJsonObject>
#include <QString>

#include "store/status.h"

namespace postil {
class Project;
}

// Agreement between annotators over a whole project (docs/architecture.md
// "Agreement"): one pass over the annotations table, every kind's figures,
// the gold accuracy, as one JSON report in the shape `postil-cli agreement
// --json` prints and scripts rely on.
namespace postil::quality {

struct AgreementOptions {
    double iouThreshold = 0.5;  // boxes: a match needs IoU >= this
    qint64 toleranceMs = 200;   // segments: boundaries this close agree
    QString question;           // only this question's tables (empty: all)
};

// What counts as an answer: live rows (no tombstones), submitted, not a
// review (review_of set) and not by a model ("model:..."). A review's result
// is the task's gold when its data has none.
//
// {"questions": {NAME: CategoricalAgreement},
//  "boxes": {"iou_threshold", "pairs": [...], "labels": {...}},
//  "spans": {"pairs": [...]}, "segments": {"tolerance_ms", "pairs": [...]},
//  "comparisons": {"verdict": CategoricalAgreement, "pairs": [...]},
//  "gold": {...}}
Expected<QJsonObject> computeAgreement(Project& project, const AgreementOptions& options);

}  // namespace postil::quality
