#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include "model/taskkind.h"
#include "store/status.h"

namespace postil {

class Project;

// One annotator's live rows (tombstones left out) per status.
struct AnnotatorStats {
    QString annotator;
    QMap<QString, qint64> byStatus;  // status name -> rows
    qint64 done = 0;                 // submitted or skipped: what "next unfinished" skips
    // Comparison tasks with a gold verdict: submitted annotations on them, and
    // how many agree with the gold (comparison::matchesGold, within the
    // schema's compare.gold_tolerance). One that states
    // no verdict counts as answered, not matched.
    qint64 goldAnswered = 0;
    qint64 goldMatched = 0;

    qint64 rows() const;
};

// How much one model's proposals helped (docs/architecture.md §15): the
// "assist" counts of the submitted rows that worked from them, summed.
struct AssistHelpStats {
    QString from;  // "model:NAME"
    qint64 tasks = 0;
    qint64 accepted = 0;  // proposals taken unchanged
    qint64 edited = 0;    // proposals taken and changed
    qint64 rejected = 0;  // proposals not taken
    qint64 added = 0;     // parts made by hand
    // Of the parts submitted, the share the model proposed (accepted or
    // edited), 0..1; 0 when nothing was submitted.
    double proposedShare() const;
    // Of the proposals, the share taken unchanged, 0..1.
    double acceptedShare() const;
};

// What the project holds, counted in a few aggregate queries so the studio can
// show it for a project of a million tasks without walking the rows.
struct ProjectStats {
    QString name;
    QString uid;
    TaskKind kind = TaskKind::Text;
    qint64 tasks = 0;
    QMap<TaskKind, qint64> tasksByKind;
    qint64 annotations = 0;  // live rows of every annotator
    qint64 tombstones = 0;
    qint64 goldTasks = 0;               // comparison tasks whose data has a gold verdict
    QList<AnnotatorStats> annotators;   // sorted by name
    QList<AssistHelpStats> assistHelp;  // per model, sorted by name

    QJsonObject toJson() const;
};

Expected<ProjectStats> computeProjectStats(Project& project);

}  // namespace postil
