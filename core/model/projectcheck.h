#pragma once

#include <QDir>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

#include "store/database.h"
#include "store/status.h"

namespace postil {

// One thing wrong with a project file, as a complete line for people.
struct CheckProblem {
    enum class Kind {
        Integrity,         // PRAGMA integrity_check, or a query the damage made fail
        ForeignKey,        // PRAGMA foreign_key_check
        TaskData,          // a task's data is not a JSON object
        AnnotationData,    // an annotation's result is not a JSON object
        MediaUnknown,      // a task points at a media hash with no media row
        MediaMissing,      // the media file is not where the row says
        MediaChanged,      // the file's bytes no longer match the recorded hash
        MediaUndecodable,  // the file is there but is not an image/audio that decodes
    };
    Kind kind = Kind::Integrity;
    QString taskUid;  // the task concerned, when there is one
    QString path;     // the media path as stored (relative to the project file)
    QString message;  // one line, naming the task and path

    QJsonObject toJson() const;
};

QString toString(CheckProblem::Kind kind);

struct CheckReport {
    QString projectPath;
    QList<CheckProblem> problems;
    qint64 tasksChecked = 0;
    qint64 annotationsChecked = 0;
    qint64 mediaChecked = 0;

    bool clean() const { return problems.isEmpty(); }
    QJsonObject toJson() const;
};

struct CheckOptions {
    // Hashing every media file is the slow part; off, only existence and size
    // are compared.
    bool hashMedia = true;
    // Called with media files checked so far and their total.
    std::function<void(qint64 done, qint64 total)> progress;
};

// Checks an open project database. Media paths resolve against projectFolder
// (the folder of the project file). Fails only when the check itself cannot
// run; everything found wrong is a problem in the report.
Expected<CheckReport> checkProject(Database& db, const QDir& projectFolder,
                                   const CheckOptions& options = {});

// Opens the file read-only (no upgrade, no WAL switch, nothing written) and
// checks it. A file from a newer build is refused with the version message.
Expected<CheckReport> checkProjectFile(const QString& path, const CheckOptions& options = {});

}  // namespace postil
