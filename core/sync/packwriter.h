#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "formats/format.h"
#include "model/project.h"

namespace postil {

// Hand-out: the tasks given, their media rows (paths made relative to the
// pack's folder, or the media bytes inside with withMedia), the annotator's
// own rows and kept conflicts on them, the reviews of those rows, and the
// rows of 'proposalsFrom' as pre-annotations. The pack is a Postil project
// with the lead's project uid and schema (docs/architecture.md "Sync by files").
struct PackOutOptions {
    QString output;
    QString annotator;
    QList<qint64> taskIds;     // local task ids
    QStringList proposalsFrom;  // annotators whose rows go along; "model:*" matches a prefix
    bool withMedia = false;
    ProgressFn progress;        // tasks written of the total
    const CancelFlag* cancel = nullptr;
};

// Sending back: one annotator's rows (annotations, tombstones, kept
// conflicts) and nothing else.
struct PackBackOptions {
    QString output;
    QString annotator;
    ProgressFn progress;
    const CancelFlag* cancel = nullptr;
};

struct PackWriteReport {
    QString path;
    qint64 tasks = 0;
    qint64 annotations = 0;  // conflicts included
    qint64 media = 0;
    qint64 bytes = 0;        // the pack file's size
};

// Both write the whole pack or nothing: into a hidden file beside 'output',
// synced, renamed onto 'output' at the end. An existing 'output' is refused.
Expected<PackWriteReport> writePackOut(Project& project, const PackOutOptions& options);
Expected<PackWriteReport> writePackBack(Project& project, const PackBackOptions& options);

// The largest media file a pack carries inside (SQLite's blob limit is 1 GB).
constexpr qint64 kMaxPackedMediaBytes = 512LL * 1024 * 1024;

}  // namespace postil
