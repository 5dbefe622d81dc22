#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

#include "model/taskkind.h"
#include "quality/agreementreport.h"
#include "store/status.h"

namespace postil {
class Project;
}

// What the studio's quality dashboard shows (docs/architecture.md §14,
// "The quality dashboard"), as plain data: no widgets, so the figures are
// tested here and the studio only draws them. One pass: the agreement walk
// (computeAgreement) with a visitor that reads the dashboard's other figures
// from the same rows, so the dashboard counts exactly the answers the
// agreement counts, and its matrices are read from the agreement's own report.
namespace postil::quality {

// One cell of a pairwise matrix: the figure (or why there is none) and the
// number of items both annotators answered.
struct MatrixCell {
    std::optional<double> value;
    QString reason;  // why there is no value (from the report's "undefined")
    qint64 items = 0;
    bool hasPair = false;  // the report has this pair at all
};

// Pairwise agreement for one measure, read from the agreement report.
struct AgreementMatrix {
    QString key;                     // "question:NAME", "boxes", "spans", "segments", "comparisons"
    QString title;                   // "Question topic", "Boxes", ...
    QString figure;                  // "Cohen's κ", "F1 (IoU ≥ 0.5)", ...
    QString itemNoun;                // "items", "images", "texts", "audios", "tasks"
    QStringList annotators;          // rows and columns, sorted by name
    QList<QList<MatrixCell>> cells;  // [row][column], symmetric, the diagonal empty

    const MatrixCell& cell(int row, int column) const { return cells.at(row).at(column); }
};

// Every measure the report has pairs for: each categorical question's table
// (Cohen's κ), boxes (F1), spans (exact F1), segments (boundary F1) and
// comparisons (agreement on the preferred response, ties included). The
// questions' tables come in `questionOrder` (the schema's), then any other.
QList<AgreementMatrix> agreementMatrices(const QJsonObject& report,
                                         const QStringList& questionOrder = {});

// Gold accuracy of one annotator, read from the report's "gold".
struct GoldRow {
    QString annotator;
    qint64 tasks = 0;               // gold tasks the annotator answered
    qint64 answerItems = 0;         // answers to categorical questions compared with gold
    std::optional<double> answers;  // their share equal to gold's, over every question
    std::optional<double> boxesF1;
    std::optional<double> spansF1;
    std::optional<double> boundariesF1;
    std::optional<double> wordErrorRate;
    std::optional<double> verdicts;  // comparisons matching gold within the tolerance
};
QList<GoldRow> goldRows(const QJsonObject& report);

// One answer's active time (result "active_ms").
struct TaskTime {
    qint64 taskId = 0;
    QString annotator;
    qint64 activeMs = 0;
    QString preview;  // the task list's preview of the task
};

// Counts per value for one group, per annotator.
struct LabelDistribution {
    QString group;       // "Labels (boxes and spans)" or a question's name
    QStringList values;  // the schema's order, then values only the answers use, sorted
    QMap<QString, QList<qint64>> counts;  // annotator -> count per value
};

// A point of an annotator's progress line: answers submitted up to `atMs`.
struct ProgressPoint {
    qint64 atMs = 0;
    qint64 done = 0;
};

struct DashboardData {
    QString projectPath;
    qint64 tasks = 0;        // tasks in the project
    QStringList annotators;  // everyone with an answer, sorted
    QJsonObject report;      // computeAgreement's report, as postil-cli agreement --json prints it
    QList<AgreementMatrix> matrices;
    QList<GoldRow> gold;
    // When each answer was last written (its HLC's milliseconds), sorted, per annotator.
    QMap<QString, QList<qint64>> answeredAt;
    QList<LabelDistribution> labels;
    QList<TaskTime> slowest;  // longest active time first
    QList<TaskTime> fastest;  // shortest first (answers with some active time only)
    // The tasks behind a cell: measure key -> "a\nb" (a < b) -> task ids, in task order.
    QHash<QString, QHash<QString, QList<qint64>>> pairTasks;
    // The gold tasks each annotator answered, in task order.
    QMap<QString, QList<qint64>> goldTasks;

    // The tasks behind a matrix cell (either order of the two annotators).
    QList<qint64> tasksBehind(const QString& measureKey, const QString& a, const QString& b) const;
    const AgreementMatrix* matrix(const QString& key) const;
};

// An annotator's cumulative progress in steps of `bucketMs` (the end of each
// step that saw an answer), starting from zero one step before the first.
QList<ProgressPoint> cumulativeProgress(const QList<qint64>& answeredAt, qint64 bucketMs);
// An hour while all the work spans two days or less, else a day.
qint64 progressBucketMs(const QMap<QString, QList<qint64>>& answeredAt);

struct DashboardOptions {
    AgreementOptions agreement;
    int taskTimeRows = 20;  // rows of the slowest and of the fastest list
};

// Reports tasks read of the project's last task id; false stops the work.
using DashboardProgress = std::function<bool(qint64 done, qint64 total)>;

// Reads everything in one pass over the answers (and a lookup of the listed
// tasks' previews). `project` may be a read-only connection
// (Project::openForReading) on a worker thread. Stopped by `progress`: fails.
Expected<DashboardData> buildDashboardData(Project& project, const DashboardOptions& options,
                                           const DashboardProgress& progress = {});

}  // namespace postil::quality
