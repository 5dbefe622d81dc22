#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QSize>
#include <memory>

#include "formats/format.h"
#include "model/annotation.h"
#include "model/project.h"

namespace postil {

struct ImportOptions {
    bool skipBad = false;                  // keep the good records and list the bad ones
    QString asAnnotator;                   // attribute imported annotations to this name
    QMap<QString, QString> formatOptions;  // e.g. text-column, id-column for CSV
    ProgressFn progress;
    // With each progress call: the records taken so far (tasks added or found
    // again, bad records skipped), for a count beside the fraction.
    std::function<void(qint64 records)> recordsTaken;
    // Set to stop at the next record: the transaction rolls back and the
    // import fails with cancelledStatus(). May be null.
    const CancelFlag* cancel = nullptr;
};

struct ImportReport {
    qint64 tasksAdded = 0;
    qint64 tasksAlreadyThere = 0;
    qint64 annotationsAdded = 0;
    QStringList badRecords;  // "file:line: reason"
    // Records that were imported with a change (a box clamped to its image, a
    // label added to the schema) or left out on purpose (an image that is
    // nowhere to be found): "file: record: what happened".
    QStringList warnings;
};

// One task as a reader found it. Media paths in 'data' may be relative to the
// file being read (baseDir); the session resolves and hashes them.
struct TaskRecord {
    QString id;  // the caller's id, empty to derive one
    TaskKind kind = TaskKind::Text;
    QJsonObject data;
    QList<Annotation> annotations;  // taskUid, hlc and device are filled in
};

// One atomic import into a project: everything a reader adds lands in one
// transaction that commits at the end, or rolls back and leaves the project
// as it was (also when options.cancel stops it: add(), addAnnotations() and
// reportBad() then fail).
class ImportSession {
public:
    ImportSession(Project& project, ImportOptions options);
    ~ImportSession();

    Status begin();
    // Adds a task and its annotations. 'where' names the record ("file:line")
    // for error messages. A bad record (missing media, wrong shape) fails the
    // import, or with skipBad is listed and skipped.
    Status add(TaskRecord record, const QDir& baseDir, const QString& where);
    // A record the reader could not parse. Same rule as above.
    Status reportBad(const QString& where, const QString& reason);
    // Something the import changed or left out that the user should hear about.
    void warn(const QString& where, const QString& message);
    // Adds annotations to a task already in the project (an annotation file
    // that names an image the project has).
    Status addAnnotations(const QString& taskUid, QList<Annotation> annotations,
                          const QString& where);

    // A media file as this import sees it: hashed once, and for an image its
    // display (EXIF-oriented) size read from the header; invalid size when the
    // header cannot be read.
    struct MediaFile {
        QString hash;
        qint64 bytes = 0;
        QSize size;
        QString problem;  // why it does not decode, naming it; empty when it does
    };
    Expected<MediaFile> mediaFile(const QString& absolutePath, TaskKind kind);
    Status commit();
    // Writes the schema an import grew (labels, questions, speakers the file
    // named that the project did not have) when `changed`, inside the
    // session's transaction, and clears `changed`: every format's finish().
    Status saveGrownSchema(const Schema& schema, bool& changed);

    bool skipBad() const { return m_options.skipBad; }
    const ImportOptions& options() const { return m_options; }
    const ImportReport& report() const { return m_report; }
    Project& project() { return m_project; }
    void progress(qint64 done, qint64 total) const;
    // Whether options().cancel is set; every record the session takes checks.
    bool cancelled() const { return isSet(m_options.cancel); }

private:
    Status storeFailure(const QString& where, const QString& error) const;
    Status validate(const TaskRecord& record) const;
    Expected<QString> resolveMedia(QJsonObject& data, const QString& key, const QDir& baseDir,
                                   QJsonObject& canonical, const QString& where);
    Status addAll(const QString& taskUid, QList<Annotation> annotations, const QString& where);
    Status addAnnotation(Annotation annotation);

    Project& m_project;
    ImportOptions m_options;
    ImportReport m_report;
    std::unique_ptr<Transaction> m_tx;
    mutable QElapsedTimer m_progressTimer;
    QSet<QString> m_reportedMedia;          // absolute paths whose problem was warned about
    QMap<QString, MediaFile> m_mediaCache;  // absolute media path -> what it is, for this import
};

// Reads 'paths' with the named format (or "auto") into the project, atomically.
Expected<ImportReport> importFiles(Project& project, const QStringList& paths,
                                   const QString& formatName, const ImportOptions& options);

}  // namespace postil
