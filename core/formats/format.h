#pragma once

#include <QElapsedTimer>
#include <QMap>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

#include "model/taskkind.h"
#include "store/status.h"

namespace postil {

class ImportSession;
class Project;

// Progress for long work: done and total in the format's own unit (bytes read,
// tasks written). total may be 0 when unknown.
using ProgressFn = std::function<void(qint64 done, qint64 total)>;

// Set from any thread (the studio's Cancel button) to stop an import or an
// export at its next record; the work then fails with cancelledStatus() and
// leaves nothing behind (docs/architecture.md, "Long work").
using CancelFlag = std::atomic_bool;
inline bool isSet(const CancelFlag* flag) {
    return flag && flag->load(std::memory_order_relaxed);
}
// The failure of work stopped by its CancelFlag: "WHAT was cancelled".
Status cancelledStatus(const QString& what);

struct ExportOptions {
    QString annotator;  // only this annotator's rows; empty: all
    // Which rows by status, one rule for every format: "submitted" (also when
    // empty), "all", or a comma-separated list of draft, submitted, skipped.
    QString status;
    // Format-specific switches, e.g. "conversational", "keep-ties", "margin"
    // for the preference exports. A flag is present with the value "1".
    QMap<QString, QString> formatOptions;
    // --prefer reviewed: a task with an accepted or fixed review exports that
    // review alone, whatever else was answered.
    bool preferReviewed = false;
    // --all-annotators: every person's rows; the formats that carry one
    // answer per task (Format::picksOneAnswer) refuse it.
    bool allAnnotators = false;
    ProgressFn progress;
    const CancelFlag* cancel = nullptr;  // may be null: the export cannot be cancelled

    // Once per task written: reports progress (at most every 200 ms since
    // 'timer' was started or last reported, and at the last task) and fails
    // once cancel is set, so that the writer stops and discards its output.
    Status taskDone(qint64 done, qint64 total, QElapsedTimer& timer) const;

    // The statuses taken; empty: every status.
    QStringList statuses() const;
    bool takesStatus(const QString& status) const;
    // A failure naming an unknown status word.
    Status checkStatus() const;
    // An SQL condition on a.status that takes these statuses, with the value
    // of statusBinding() bound at parameter 'param'.
    static QString statusSql(int param);
    // The SQL condition on row a of task t that every export adds besides the
    // status: the annotator asked for (bound at ?annotatorParam, '' for all);
    // reviews only when accepted or fixed (rejected and returned ones are no
    // answer), except with keepEveryReview (jsonl carries rows as they are);
    // with preferReviewed, a reviewed task's other rows left out.
    QString rowsSql(int annotatorParam, bool keepEveryReview = false) const;
    QString statusBinding() const;
};

struct ExportReport {
    qint64 tasks = 0;
    qint64 annotations = 0;
    QStringList warnings;  // things the format could not express, with the task uid
};

// One file format. A format is one .h/.cpp pair plus one registration line in
// builtinformats.cpp.
class Format {
public:
    virtual ~Format() = default;
    virtual QString name() const = 0;  // as given to --format
    virtual QString description() const = 0;
    // File name endings without the dot, for detection and file dialogs.
    virtual QStringList extensions() const = 0;
    virtual bool canRead() const { return false; }
    virtual bool canWrite() const { return false; }
    // The task kinds the format carries; empty: every kind.
    virtual QList<TaskKind> kinds() const { return {}; }
    // Whether the export's output is a folder (one file per task).
    virtual bool writesFolder() const { return false; }
    // Whether the format carries one answer per task (COCO, YOLO, SRT...):
    // with several annotators it picks one (a review first), and
    // --all-annotators does not apply.
    virtual bool picksOneAnswer() const { return false; }
    // Whether it carries tasks of one of these kinds.
    bool fits(const QList<TaskKind>& taskKinds) const;
    // Whether this format claims a path when --format is auto. The default
    // matches the extension.
    virtual bool probe(const QString& path) const;

    // Reads every record of 'path' into the session. Returns the first error
    // the session refused; a bad record is reported to the session, which
    // decides (by --skip-bad) whether reading goes on.
    virtual Status read(const QString& path, ImportSession& session);
    // Writes the project to 'path', streaming: memory stays flat however big
    // the project is. The file (or the folder's new files) appears whole or
    // not at all, also when options.cancel stops it.
    virtual Status write(Project& project, const QString& path, const ExportOptions& options,
                         ExportReport& report);

    // "JSON Lines (*.jsonl)" for file dialogs.
    QString fileFilter() const;
};

}  // namespace postil
