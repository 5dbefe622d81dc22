#pragma once

#include <QString>
#include <QStringList>
#include <optional>

#include "formats/format.h"
#include "model/project.h"
#include "sync/packmanifest.h"

namespace postil {

// A file that may be merged, checked (docs/architecture.md "Sync by files"):
// a Postil file of the same project, not newer than this build, whole
// (quick_check), and for a pack, its content matching its manifest's SHA-256.
struct CheckedPack {
    QString path;
    std::optional<PackManifest> manifest;  // none: a copy of the project itself
    QString describe() const;               // "alice's work sent back (made on …)"
};
Expected<CheckedPack> checkPack(Project& project, const QString& path);

struct MergeReport {
    CheckedPack pack;
    bool alreadyMerged = false;  // a sealed pack merged before: nothing to do
    qint64 added = 0;            // rows new to the project
    qint64 replaced = 0;         // rows whose newer version came in
    qint64 unchanged = 0;        // rows the project had already
    qint64 older = 0;            // rows the project had a later version of
    qint64 conflicts = 0;        // versions newly kept as conflicts
    qint64 tasksAdded = 0;       // tasks the annotator added to a hand-out pack
    qint64 unknownTasks = 0;     // rows for tasks this project does not have (kept)
    QStringList schemaNotes;     // labels and questions the rows use that the schema dropped
};

struct MergeOptions {
    ProgressFn progress;  // rows looked at of the rows in the pack
    const CancelFlag* cancel = nullptr;
};

// Merges one pack in one transaction: killed at any moment, the project is
// as before or as after. Refuses (and changes nothing) what checkPack refuses.
Expected<MergeReport> mergePack(Project& project, const QString& path,
                                const MergeOptions& options = {});

// The files a merge argument names: a file itself, or every *.postilpack in
// a folder (an inbox), sorted by name.
QStringList packsIn(const QString& path);

}  // namespace postil
