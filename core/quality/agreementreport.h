#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

#include "model/taskkind.h"
#include "quality/pairtallies.h"
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

// One task's rows as the agreement walk reads them: the answers (sorted by
// annotator) with the stamps of their rows, and the newest submitted review.
struct AnsweredTask {
    qint64 id = 0;
    QString uid;
    TaskKind kind = TaskKind::Text;
    QByteArray dataJson;
    ByAnnotator<QJsonObject> results;   // the answers, sorted by annotator
    QList<qint64> stamps;               // each answer row's HLC, in the same order
    std::optional<QJsonObject> review;  // the newest submitted review's result
    qint64 reviewHlc = 0;
    bool hasGold = false;  // its data's "gold" object or a review: a gold task (GoldAccuracy)
};

// Called with every task that has an answer, in task order, after the walk
// has counted it; false stops the walk (computeAgreement then fails). The
// quality dashboard (quality/dashboarddata) reads its other figures here, so
// it sees exactly the answers the agreement counts.
using AnsweredTaskVisitor = std::function<bool(const AnsweredTask&)>;

// What counts as an answer: live rows (no tombstones), submitted, not a
// review (review_of set) and not by a model ("model:..."). A review's result
// is the task's gold when its data has none.
//
// {"questions": {NAME: CategoricalAgreement},
//  "boxes": {"iou_threshold", "pairs": [...], "labels": {...}},
//  "spans": {"pairs": [...]}, "segments": {"tolerance_ms", "pairs": [...]},
//  "comparisons": {"verdict": CategoricalAgreement, "pairs": [...]},
//  "gold": {...}}
Expected<QJsonObject> computeAgreement(Project& project, const AgreementOptions& options,
                                       const AnsweredTaskVisitor& visit = {});

}  // namespace postil::quality
