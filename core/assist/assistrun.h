#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "assist/assistmodel.h"
#include "formats/format.h"
#include "model/project.h"

namespace postil {

// Which tasks a run takes (docs/assist.md "Running a model").
struct AssistSelection {
    enum class Status { Unfinished /* the annotator has no row, or a draft */, All };

    QList<qint64> taskIds;  // in import order
    qint64 otherKinds = 0;  // named by the filter, of kinds the model does not serve
    qint64 finished = 0;    // submitted or skipped by the annotator (Status::Unfinished)

    // FILTER: comma-separated task ids ("12"), id ranges ("1-100") and task
    // uids ("msg-7"); empty for every task. An id or uid that names no task
    // fails, naming it. The annotator is the project's (Project::annotator()).
    static Expected<AssistSelection> select(Project& project, const AssistModel& model,
                                            const QString& filter, Status status);
};

struct AssistOptions {
    int jobs = 1;         // per-task mode: processes at once (batch mode runs one)
    double timeoutS = 0;  // more than 0: instead of the model's timeout_s
    ProgressFn progress;  // (tasks answered or failed, tasks to run)
    const CancelFlag* cancel = nullptr;
};

struct AssistReport {
    static constexpr int kMaxListed = 1000;
    struct Failure {
        QString task;    // "task 12 (street.jpg)"
        QString reason;  // the reason; a further line "stderr: ..." with the command's last words
    };
    qint64 done = 0;          // answers stored as drafts
    qint64 failed = 0;        // every failure, listed or not
    QList<Failure> failures;  // the first kMaxListed
    // Output of a batch command that answered no task waiting (a line that
    // is not JSON, an unknown id), the first kMaxListed.
    QStringList problems;
    QString version;  // the command's --version answer, empty when none
    bool cancelled = false;
};

// Runs `model` on the selected tasks and stores each good answer as the
// model's draft (assist/assiststore); a task whose command fails, times out,
// prints what is not JSON or answers what breaks the schema
// (assist/assistresult) is reported and the run goes on. Runs its own event
// loop on the calling thread (a QCoreApplication must exist); fails only when
// the project cannot be written.
Expected<AssistReport> runAssist(Project& project, const AssistModel& model,
                                 const QList<qint64>& taskIds, const AssistOptions& options);

// The command's answer to COMMAND --version within a few seconds (its first
// line of output, at most 200 characters); empty when it gives none.
QString assistCommandVersion(const AssistModel& model, const QString& folder);

}  // namespace postil
