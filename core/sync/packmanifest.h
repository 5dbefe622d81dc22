#pragma once

#include <QString>
#include <optional>

#include "store/database.h"

namespace postil {

// What a pack file says about itself (table pack_manifest, one key a row;
// docs/architecture.md "Sync by files"). A pack is a Postil project file:
//   out   a lead's hand-out, limited to its tasks, that an annotator works in;
//   back  one annotator's rows (annotations, tombstones, kept conflicts) and
//         nothing else, sent back to be merged.
struct PackManifest {
    // Pack files this build writes; a newer one is refused.
    static constexpr int kFormatVersion = 1;
    enum class Kind { Out, Back };

    int formatVersion = kFormatVersion;
    Kind kind = Kind::Out;
    QString projectUid;
    QString projectName;
    QString schemaSha256;      // of the schema (labels, questions, guidelines) it was made with
    QString madeBy;            // the annotator who made it
    QString device;            // on which device
    qint64 madeMs = 0;         // when (wall clock, ms since the epoch)
    QString forAnnotator;      // out: who works in it; back: whose rows it carries
    qint64 tasks = 0;          // out: tasks handed out
    qint64 annotations = 0;    // rows carried (conflicts included)
    qint64 media = 0;          // media files inside (--with-media)
    QString contentSha256;     // of what it carries (packContentSha256)

    static QString kindName(Kind kind);
    // The manifest of the file on this connection (schema "main" or an
    // attached name), nullopt for a project that is not a pack.
    static Expected<std::optional<PackManifest>> read(Database& db,
                                                      const QString& schema = QStringLiteral(
                                                          "main"));
    Status write(Database& db) const;
};

// SHA-256 over what a pack carries, in a canonical order, manifest fields
// included (content_sha256 itself aside): for an out pack the tasks it hands
// out (they do not change while the annotator works), for a back pack every
// row. A pack cut short, damaged or edited by hand no longer matches.
Expected<QString> packContentSha256(Database& db, const PackManifest& manifest);

}  // namespace postil
