#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <memory>

#include "assist/assistmodel.h"
#include "model/project.h"
#include "store/database.h"

namespace postil {

// Stores a model's answers as its draft rows: one row per task under the
// annotator "model:NAME", status draft, written through Project's stamping
// (HLC, device, uid) like any other row, so sync and the proposals layer
// see nothing special. The row's result carries the run under "model"
// (docs/architecture.md §4): {"name", "command", "version", "at"}.
//
// Rows are committed in groups (kRowsPerCommit, or kCommitMs after the
// first uncommitted one): a commit per task is an fdatasync per task, which
// alone made 10,000 answers take longer than importing them. A kill loses
// at most the last group, which the next run makes again.
class AssistStore {
public:
    static constexpr int kRowsPerCommit = 512;
    static constexpr qint64 kCommitMs = 250;

    // `version`: the command's --version answer, empty when it gave none;
    // `at`: when the run started (ISO 8601, UTC).
    AssistStore(Project& project, const AssistModel& model, const QString& version,
                const QString& at);
    ~AssistStore();

    // Replaces the model's row of this task with `result` (its "model" key set).
    Status store(const Task& task, QJsonObject result);
    // Commits when a group is full or old enough.
    Status commitIfDue();
    Status commit();

private:
    Project& m_project;
    QString m_annotator;
    QJsonObject m_info;
    std::unique_ptr<Transaction> m_tx;
    int m_rows = 0;
    QElapsedTimer m_since;
};

}  // namespace postil
