#include "formats/importsession.h"

#include <QFileInfo>
#include <QJsonArray>

#include "formats/formatregistry.h"
#include "media/imageprobe.h"
#include "media/mediadecodecheck.h"
#include "model/ids.h"

namespace postil {

ImportSession::ImportSession(Project& project, ImportOptions options)
    : m_project(project), m_options(std::move(options)) {}

ImportSession::~ImportSession() = default;

Status ImportSession::begin() {
    m_tx = std::make_unique<Transaction>(m_project.database());
    m_progressTimer.start();
    return m_tx->begin();
}

Status ImportSession::saveGrownSchema(const Schema& schema, bool& changed) {
    if (!changed)
        return Status::success();
    if (Status s = m_project.setSchema(schema); !s.ok())
        return Status::failure(QStringLiteral("%1: schema: %2").arg(m_project.path(), s.error()));
    changed = false;
    return Status::success();
}

Status ImportSession::commit() {
    if (!m_tx)
        return Status::failure(QStringLiteral("import was not started"));
    Status s = m_tx->commit();
    m_tx.reset();
    return s;
}

void ImportSession::progress(qint64 done, qint64 total) const {
    // Throttled: a callback per record would cost more than the record.
    if (m_options.progress && (m_progressTimer.elapsed() > 200 || done == total)) {
        m_options.progress(done, total);
        if (m_options.recordsTaken)
            m_options.recordsTaken(m_report.tasksAdded + m_report.tasksAlreadyThere +
                                   m_report.badRecords.size());
        m_progressTimer.restart();
    }
}

Status ImportSession::reportBad(const QString& where, const QString& reason) {
    if (cancelled())
        return cancelledStatus(QStringLiteral("the import"));
    const QString line = QStringLiteral("%1: %2").arg(where, reason);
    if (!m_options.skipBad)
        return Status::failure(line);
    m_report.badRecords << line;
    return Status::success();
}

void ImportSession::warn(const QString& where, const QString& message) {
    m_report.warnings << QStringLiteral("%1: %2").arg(where, message);
}

Expected<ImportSession::MediaFile> ImportSession::mediaFile(const QString& absolutePath,
                                                            TaskKind kind) {
    if (auto cached = m_mediaCache.constFind(absolutePath); cached != m_mediaCache.constEnd())
        return *cached;
    QFileInfo info(absolutePath);
    if (!info.isFile())
        return Status::failure(QStringLiteral("media file not found: %1").arg(absolutePath));
    auto hash = fileSha256(absolutePath);
    if (!hash.ok())
        return Status::failure(hash.error());
    MediaFile media;
    media.hash = *hash;
    media.bytes = info.size();
    // The header only, no decoding: exports need every image's size and
    // should not open 100,000 files to get it. The same look tells a text
    // file renamed .jpg or a download cut short from an image.
    if (kind == TaskKind::Image) {
        if (auto probe = ImageProbe::probe(absolutePath); probe.ok())
            media.size = probe->size;
        else
            media.problem = probe.error();
    } else {
        media.problem = mediaDecodeProblem(absolutePath, kind);
    }
    m_mediaCache.insert(absolutePath, media);
    return media;
}

Status ImportSession::validate(const TaskRecord& r) const {
    auto isContent = [](const QJsonValue& v) {
        if (v.isString())
            return true;
        if (!v.isArray())
            return false;
        for (const QJsonValue& m : v.toArray())
            if (!m.isObject() || !m.toObject().value(QStringLiteral("content")).isString())
                return false;
        return true;
    };
    switch (r.kind) {
        case TaskKind::Text:
            if (!r.data.value(QStringLiteral("text")).isString())
                return Status::failure(QStringLiteral("a text task needs data.text as a string"));
            break;
        case TaskKind::Image:
            if (!r.data.value(QStringLiteral("image")).isString())
                return Status::failure(QStringLiteral("an image task needs data.image as a path"));
            break;
        case TaskKind::Audio:
            if (!r.data.value(QStringLiteral("audio")).isString())
                return Status::failure(QStringLiteral("an audio task needs data.audio as a path"));
            break;
        case TaskKind::Compare: {
            if (!isContent(r.data.value(QStringLiteral("prompt"))))
                return Status::failure(
                    QStringLiteral("a comparison needs data.prompt as a string or messages"));
            const QJsonArray responses = r.data.value(QStringLiteral("responses")).toArray();
            if (responses.size() < 2)
                return Status::failure(QStringLiteral("a comparison needs two or more responses"));
            for (const QJsonValue& response : responses)
                if (!isContent(response))
                    return Status::failure(
                        QStringLiteral("each response must be a string or a list of messages"));
            break;
        }
    }
    return Status::success();
}

Expected<QString> ImportSession::resolveMedia(QJsonObject& data, const QString& key,
                                              const QDir& baseDir, QJsonObject& canonical,
                                              const QString& where) {
    const QString given = data.value(key).toString();
    const QString absolute = QDir::cleanPath(baseDir.absoluteFilePath(given));
    if (!QFileInfo(absolute).isFile())
        return Status::failure(QStringLiteral("media file not found: %1").arg(given));
    auto file =
        mediaFile(absolute, key == QLatin1String("image") ? TaskKind::Image : TaskKind::Audio);
    if (!file.ok())
        return Status::failure(file.error());
    const QString hash = file->hash;
    if (!file->problem.isEmpty() && !m_reportedMedia.contains(absolute)) {
        // Imported all the same (the file may be replaced later), but said
        // once per file: such a task cannot be shown or played.
        m_reportedMedia.insert(absolute);
        warn(where, QStringLiteral("%1; the task is added but cannot be shown until the file "
                                   "is replaced")
                        .arg(file->problem));
    }
    const QString stored = m_project.storedMediaPath(absolute);
    Status media = m_project.tasks().addMedia(hash, stored, file->bytes, file->size);
    if (!media.ok())
        return Status::failure(media.error());
    data.insert(key, stored);
    // The uid follows the bytes, not the path: the same image imported from
    // another folder, or on another laptop, is the same task.
    canonical.insert(key, QStringLiteral("sha256:") + hash);
    return hash;
}

Status ImportSession::storeFailure(const QString& where, const QString& error) const {
    // The project could not take the record (a full disk, a read-only file):
    // name the project first, the record only as where it happened.
    QString message = error;
    if (!message.startsWith(m_project.path()))
        message = QStringLiteral("%1: %2").arg(m_project.path(), error);
    return Status::failure(
        QStringLiteral("%1 (while importing %2); nothing of this import was kept")
            .arg(message, where));
}

Status ImportSession::add(TaskRecord record, const QDir& baseDir, const QString& where) {
    if (cancelled())
        return cancelledStatus(QStringLiteral("the import"));
    Status valid = validate(record);
    if (!valid.ok())
        return reportBad(where, valid.error());
    Task task;
    task.kind = record.kind;
    task.data = record.data;
    QJsonObject canonical = record.data;
    if (record.kind == TaskKind::Image || record.kind == TaskKind::Audio) {
        const QString key =
            record.kind == TaskKind::Image ? QStringLiteral("image") : QStringLiteral("audio");
        auto hash = resolveMedia(task.data, key, baseDir, canonical, where);
        if (!hash.ok())
            return reportBad(where, hash.error());
        task.mediaHash = *hash;
    }
    task.uid = record.id.isEmpty() ? derivedTaskUid(task.kind, canonical) : record.id;
    task.preview = Task::previewFor(task.kind, task.data);
    auto added = m_project.tasks().add(task);
    if (!added.ok())
        return storeFailure(where, added.error());
    if (*added) {
        ++m_report.tasksAdded;
    } else {
        ++m_report.tasksAlreadyThere;
        if (auto existing = m_project.tasks().byUid(task.uid);
            existing && existing->kind != task.kind)
            return reportBad(where, QStringLiteral("task '%1' already exists as a %2 task")
                                        .arg(task.uid, toString(existing->kind)));
    }
    return addAll(task.uid, std::move(record.annotations), where);
}

Status ImportSession::addAnnotations(const QString& taskUid, QList<Annotation> annotations,
                                     const QString& where) {
    if (cancelled())
        return cancelledStatus(QStringLiteral("the import"));
    // A record that found its task: counted like a task imported again.
    ++m_report.tasksAlreadyThere;
    return addAll(taskUid, std::move(annotations), where);
}

Status ImportSession::addAll(const QString& taskUid, QList<Annotation> annotations,
                             const QString& where) {
    for (Annotation& a : annotations) {
        a.taskUid = taskUid;
        Status s = addAnnotation(std::move(a));
        if (!s.ok())
            return storeFailure(where, s.error());
    }
    return Status::success();
}

Status ImportSession::addAnnotation(Annotation annotation) {
    if (!m_options.asAnnotator.isEmpty())
        annotation.annotator = m_options.asAnnotator;
    if (annotation.annotator.isEmpty())
        annotation.annotator = m_project.annotator();
    // The same annotation imported again adds nothing; a changed one replaces
    // the stored row as a new write.
    if (auto existing = m_project.annotations().get(annotation.taskUid, annotation.annotator)) {
        annotation.uid = existing->uid;
        annotation.lineage = existing->lineage;  // it replaces the stored version
        Annotation probe = annotation;
        probe.deleted = false;
        if (!existing->deleted && existing->payloadForHash() == probe.payloadForHash())
            return Status::success();
    }
    Status s = m_project.saveAnnotation(annotation);
    if (s.ok())
        ++m_report.annotationsAdded;
    return s;
}

namespace {

Expected<ImportReport> importInOneTransaction(Project& project, const QStringList& paths,
                                              const QString& formatName,
                                              const ImportOptions& options) {
    ImportSession session(project, options);
    Status begun = session.begin();
    if (!begun.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), begun.error()));
    for (const QString& path : paths) {
        Format* format = formatName.isEmpty() || formatName == QLatin1String("auto")
                             ? FormatRegistry::instance().detectReader(path)
                             : FormatRegistry::instance().byName(formatName);
        if (!format)
            return Status::failure(
                formatName.isEmpty() || formatName == QLatin1String("auto")
                    ? QStringLiteral("%1: cannot tell the format; pass --format (see "
                                     "'postil-cli formats')")
                          .arg(path)
                    : QStringLiteral("unknown format '%1' (see 'postil-cli formats')")
                          .arg(formatName));
        if (!format->canRead())
            return Status::failure(
                QStringLiteral("format '%1' cannot be imported").arg(format->name()));
        if (!QFileInfo::exists(path))
            return Status::failure(QStringLiteral("%1: no such file or folder").arg(path));
        Status read = format->read(path, session);
        if (!read.ok())
            return read;
    }
    // Past the last record, the commit is the last moment a cancel can count.
    if (session.cancelled())
        return cancelledStatus(QStringLiteral("the import"));
    Status committed = session.commit();
    if (!committed.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), committed.error()));
    return session.report();
}

}  // namespace

Expected<ImportReport> importFiles(Project& project, const QStringList& paths,
                                   const QString& formatName, const ImportOptions& options) {
    auto report = importInOneTransaction(project, paths, formatName, options);
    // The file rolled back; a reader may have grown the schema in memory (labels a detection
    // file names), which must not outlive the import that added them.
    if (!report.ok()) {
        if (Status reloaded = project.reloadMeta(); !reloaded.ok())
            return Status::failure(report.error() + QLatin1Char('\n') + reloaded.error());
    }
    return report;
}

}  // namespace postil
