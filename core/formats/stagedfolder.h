#pragma once

#include <QDir>
#include <QString>

#include "store/status.h"

namespace postil {

// The output folder of an export that writes one file per image (YOLO, VOC,
// labelme), made whole or not at all, as QSaveFile makes a single file: the
// files go into a hidden folder beside the destination (".NAME.partial-XXXX",
// on the same file system, at the same depth, so paths relative to it are
// those relative to the destination) and commit() moves them into place.
// Whatever stops the export before that, a failure or a cancel, leaves the
// destination as it was: the staging folder goes with this object
// (docs/architecture.md, "Long work").
class StagedFolder {
public:
    explicit StagedFolder(const QString& destination);
    ~StagedFolder();
    StagedFolder(const StagedFolder&) = delete;
    StagedFolder& operator=(const StagedFolder&) = delete;

    // Makes the staging folder, and the destination's parent folders when
    // missing (removed again unless committed). Fails, naming the
    // destination, when it is a file or the folders cannot be made.
    Status begin();
    // Where the files are written until commit().
    QDir staging() const { return QDir(m_staging); }
    // The folder the files end up in: for paths relative to it, and for
    // files already there that the export reads (YOLO's classes.txt).
    QDir destination() const { return QDir(m_destination); }

    // After a successful export: moves the files into place, else returns
    // 'outcome' with the staging folder's path in its message replaced by the
    // destination's, so that an error names the file the user asked for.
    Status finish(const Status& outcome);

private:
    // The staging folder becomes the destination when that does not exist
    // (one rename); otherwise each file replaces its namesake there and the
    // destination's other files stay as they were.
    Status commit();
    Status moveInto(const QString& from, const QString& to);

    QString m_destination;
    QString m_staging;
    QString m_madeParent;  // the topmost parent folder begin() made, if any
    bool m_committed = false;
};

}  // namespace postil
