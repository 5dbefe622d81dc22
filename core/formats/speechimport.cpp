#include "formats/speechimport.h"

#include <QFileInfo>
#include <QJsonObject>

#include "formats/detectionsupport.h"
#include "formats/folderformat.h"
#include "formats/importsession.h"
#include "formats/speechsupport.h"
#include "media/audioprobe.h"
#include "model/project.h"
#include "model/task.h"

namespace postil {

namespace {

QString seconds(qint64 ms) {
    return QString::fromLatin1(speech::decimalSeconds(ms)) + QStringLiteral(" s");
}

}  // namespace

SpeechImport::SpeechImport(ImportSession& session, const QString& format)
    : m_session(session), m_schema(session.project().schema()) {
    m_annotator = format + QStringLiteral("-import");
    const QMap<QString, QString>& options = session.options().formatOptions;
    const QString tasksOnly = options.value(QStringLiteral("tasks-only"));
    m_tasksOnly = !tasksOnly.isEmpty() && tasksOnly != QLatin1String("0");
    m_taskOption = options.value(QStringLiteral("task")).trimmed();
    for (const Label& label : m_schema.labelsFor(TaskKind::Audio))
        m_speakerNames.insert(label.name);
}

Status SpeechImport::begin() {
    Project& project = m_session.project();
    auto prepared = project.database().prepare(
        QStringLiteral("SELECT id, uid, json_extract(data, '$.audio'), media_hash FROM tasks "
                       "WHERE kind = 'audio' ORDER BY id"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), prepared.error()));
    while (prepared->next()) {
        AudioTask task;
        task.id = prepared->int64(0);
        task.uid = prepared->text(1);
        task.storedPath = prepared->text(2);
        task.hash = prepared->text(3);
        remember(task);
    }
    if (!prepared->status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(project.path(), prepared->status().error()));
    return Status::success();
}

void SpeechImport::remember(const AudioTask& task) {
    const int index = int(m_tasks.size());
    m_tasks.push_back(task);
    const QString stem = speech::fileStem(task.storedPath);
    m_byStem[stem] << index;
    m_byLowerStem[stem.toLower()] << index;
    if (!task.hash.isEmpty() && !m_byHash.contains(task.hash))
        m_byHash.insert(task.hash, index);
    m_byUid.insert(task.uid, index);
    m_byId.insert(task.id, index);
}

Expected<QStringList> SpeechImport::inputFiles(const QString& path, const QStringList& suffixes,
                                               const QString& title) {
    if (!QFileInfo(path).isDir())
        return QStringList{path};
    const QStringList files = detection::filesUnder(path, suffixes);
    if (files.isEmpty())
        return Status::failure(QStringLiteral("%1: no %2 files (.%3) in the folder")
                                   .arg(path, title, suffixes.join(QStringLiteral(", ."))));
    return files;
}

Status SpeechImport::readAll(const QStringList& files,
                             const std::function<Status(const QString& file)>& readOne) {
    if (Status begun = begin(); !begun.ok())
        return begun;
    if (!m_taskOption.isEmpty() && files.size() > 1)
        return Status::failure(QStringLiteral("--task names one task: import one file with it, "
                                              "not %1 files")
                                   .arg(files.size()));
    for (qsizetype i = 0; i < files.size(); ++i) {
        m_session.progress(i, files.size());
        if (Status s = readOne(files.at(i)); !s.ok())
            return s;
    }
    m_session.progress(files.size(), files.size());
    return finish();
}

int SpeechImport::byName(const QString& name, QString& problem) const {
    auto pick = [&](const QList<int>& found) {
        if (found.size() == 1)
            return found.first();
        QStringList names;
        for (int index : found.mid(0, 3))
            names << Task::describe(m_tasks[size_t(index)].id, m_tasks[size_t(index)].uid,
                                    m_tasks[size_t(index)].storedPath);
        problem = QStringLiteral(
                      "%1 audio tasks are named '%2' (%3%4): name the file "
                      "'%2.HASH8' after the audio's hash as the export does, or pass "
                      "--task ID")
                      .arg(found.size())
                      .arg(name, names.join(QStringLiteral(", ")),
                           found.size() > 3 ? QStringLiteral(", ...") : QString());
        return -1;
    };
    if (auto exact = m_byStem.constFind(name); exact != m_byStem.constEnd())
        return pick(*exact);
    if (auto folded = m_byLowerStem.constFind(name.toLower()); folded != m_byLowerStem.constEnd())
        return pick(*folded);
    // The export's name for audio names that several tasks share.
    QString stem;
    QString hash;
    if (speech::splitHashSuffix(name, stem, hash)) {
        QList<int> found;
        for (int index : m_byLowerStem.value(stem.toLower()))
            if (m_tasks[size_t(index)].hash.startsWith(hash))
                found << index;
        if (!found.isEmpty())
            return pick(found);
    }
    // The export's name for a task whose audio name leaves nothing usable.
    if (name.startsWith(QLatin1String("task-"))) {
        bool number = false;
        const qint64 id = name.mid(5).toLongLong(&number);
        if (number)
            return m_byId.value(id, -1);
    }
    return -1;
}

QString SpeechImport::besideAudio(const QString& file) const {
    const QFileInfo info(file);
    const QString base = info.absoluteDir().filePath(info.completeBaseName()) + u'.';
    for (const QString& suffix : FolderFormat::audioExtensions())
        for (const QString& spelt : {suffix, suffix.toUpper()})
            if (QFileInfo(base + spelt).isFile())
                return base + spelt;
    return QString();
}

SpeechImport::Match SpeechImport::findTask(const QString& file, const Transcript& transcript) {
    Match match;
    if (!m_taskOption.isEmpty()) {
        bool number = false;
        const qint64 id = m_taskOption.toLongLong(&number);
        match.task = number ? m_byId.value(id, -1) : -1;
        if (match.task < 0)
            match.task = m_byUid.value(m_taskOption, -1);
        if (match.task < 0)
            match.problem =
                QStringLiteral("--task %1: the project has no audio task with that id or uid")
                    .arg(m_taskOption);
        return match;
    }
    // The audio a file names, when it is one: an existing file with an audio
    // suffix, never a device or whatever else a hostile file points at.
    const QFileInfo hint(transcript.audioHint);
    if (!transcript.audioHint.isEmpty() && hint.isFile() &&
        FolderFormat::audioExtensions().contains(hint.suffix().toLower())) {
        auto media = m_session.mediaFile(transcript.audioHint, TaskKind::Audio);
        if (!media.ok()) {
            match.problem = media.error();
            return match;
        }
        match.task = m_byHash.value(media->hash, -1);
        if (match.task < 0)
            match.newAudio = transcript.audioHint;
        return match;
    }
    const QString name =
        speech::fileStem(transcript.matchName.isEmpty() ? file : transcript.matchName);
    match.task = byName(name, match.problem);
    if (match.task >= 0 || !match.problem.isEmpty())
        return match;
    if (transcript.audioBeside)
        match.newAudio = besideAudio(file);
    if (match.newAudio.isEmpty() && !transcript.audioBeside)
        match.problem =
            QStringLiteral(
                "no audio task of the project is named '%1', and %2 is "
                "not there to become one")
                .arg(name, transcript.audioHint.isEmpty() ? name : transcript.audioHint);
    else if (match.newAudio.isEmpty())
        match.problem = QStringLiteral(
                            "no audio task of the project is named '%1' (a transcript goes to the "
                            "task whose audio file has its name: %1.wav, %1.mp3...), and no such "
                            "audio file lies beside it; pass --task ID to name the task")
                            .arg(name);
    return match;
}

qint64 SpeechImport::durationOf(int index) {
    AudioTask& task = m_tasks[size_t(index)];
    if (task.durationMs == -2) {
        auto probe = AudioProbe::probe(m_session.project().absoluteMediaPath(task.storedPath));
        task.durationMs = probe.ok() ? probe->durationMs : -1;
    }
    return task.durationMs;
}

void SpeechImport::noteSpeaker(const QString& name, const QString& where) {
    if (name.isEmpty() || m_speakerNames.contains(name))
        return;
    Label label = detection::newLabel(m_schema, name);
    // Only the image and text editors bind label keys (Schema::hotkeyProblem).
    label.hotkey.clear();
    label.kinds = {TaskKind::Audio};
    m_schema.labels << label;
    m_speakerNames.insert(name);
    m_schemaChanged = true;
    m_session.warn(where, QStringLiteral("speaker '%1' is not in the project's schema; added it "
                                         "as a label for audio tasks (colour %2)")
                              .arg(name, label.color));
}

Status SpeechImport::add(const QString& file, Transcript transcript) {
    if (m_session.cancelled())
        return cancelledStatus(QStringLiteral("the import"));
    if (!m_taskOption.isEmpty() && ++m_files > 1)
        return Status::failure(
            QStringLiteral("--task names one task: import one file with it (%1 is another)")
                .arg(file));
    if (transcript.segments.size() > speech::kMaxSegments)
        return m_session.reportBad(
            file,
            QStringLiteral("more than %1 segments; split the file").arg(speech::kMaxSegments));
    const Match match = findTask(file, transcript);
    if (!match.problem.isEmpty())
        return m_session.reportBad(file, match.problem);

    qint64 durationMs = -1;
    QString audioName;
    if (match.task >= 0) {
        durationMs = durationOf(match.task);
        audioName = Task::describe(m_tasks[size_t(match.task)].id, m_tasks[size_t(match.task)].uid,
                                   m_tasks[size_t(match.task)].storedPath);
    } else {
        auto probe = AudioProbe::probe(match.newAudio);
        durationMs = probe.ok() ? probe->durationMs : -1;
        audioName = QFileInfo(match.newAudio).fileName();
    }

    // Every check before anything is written: a refused file adds nothing.
    QList<Segment> segments;
    segments.reserve(transcript.segments.size());
    for (const Timed& timed : std::as_const(transcript.segments)) {
        const Segment& segment = timed.segment;
        if (segment.startMs < 0 || segment.endMs <= segment.startMs)
            return m_session.reportBad(timed.where,
                                       QStringLiteral("the segment %1..%2 covers nothing")
                                           .arg(seconds(segment.startMs), seconds(segment.endMs)));
        if (durationMs >= 0 && segment.endMs > durationMs)
            return m_session.reportBad(
                timed.where, QStringLiteral("the segment %1..%2 ends past the end of the audio "
                                            "(%3, %4)")
                                 .arg(seconds(segment.startMs), seconds(segment.endMs),
                                      seconds(durationMs), audioName));
        segments << segment;
    }
    const auto overlaps = segmentresult::overlapsWithinSpeaker(segments, 1);
    if (!overlaps.isEmpty()) {
        const auto [first, second] = overlaps.first();
        const Segment& a = segments.at(first);
        const Segment& b = segments.at(second);
        return m_session.reportBad(
            transcript.segments.at(second).where,
            QStringLiteral("the segment %1..%2 overlaps the one at %3 (%4..%5) of the same "
                           "speaker%6; one speaker's segments may not overlap")
                .arg(seconds(b.startMs), seconds(b.endMs), transcript.segments.at(first).where,
                     seconds(a.startMs), seconds(a.endMs),
                     a.speaker.isEmpty() ? QString() : QStringLiteral(" '%1'").arg(a.speaker)));
    }
    segmentresult::sort(segments);

    QList<Annotation> annotations;
    if (!m_tasksOnly) {
        Annotation annotation;
        annotation.annotator = m_annotator;
        annotation.status = AnnotationStatus::Draft;  // pre-annotations, to be checked
        annotation.result = segmentresult::withSegments(QJsonObject(), segments);
        annotations << annotation;
    }

    const qsizetype badBefore = m_session.report().badRecords.size();
    QString uid;
    if (match.task >= 0) {
        uid = m_tasks[size_t(match.task)].uid;
        if (Status s = m_session.addAnnotations(uid, annotations, file); !s.ok())
            return s;
    } else {
        TaskRecord record;
        record.kind = TaskKind::Audio;
        record.data.insert(QStringLiteral("audio"), match.newAudio);
        record.annotations = annotations;
        if (Status s =
                m_session.add(std::move(record), QFileInfo(match.newAudio).absoluteDir(), file);
            !s.ok())
            return s;
        if (m_session.report().badRecords.size() != badBefore)
            return Status::success();  // refused by the session (--skip-bad)
        // The new task, so that a later file for the same audio finds it.
        auto found = m_session.project().database().prepare(QStringLiteral(
            "SELECT id, uid, json_extract(data, '$.audio'), media_hash FROM tasks WHERE "
            "kind = 'audio' AND media_hash = ?1 ORDER BY id LIMIT 1"));
        if (!found.ok())
            return Status::failure(
                QStringLiteral("%1: %2").arg(m_session.project().path(), found.error()));
        auto media = m_session.mediaFile(match.newAudio, TaskKind::Audio);
        if (media.ok() && found->bind(1, media->hash).next() && !m_byUid.contains(found->text(1))) {
            AudioTask task;
            task.id = found->int64(0);
            task.uid = found->text(1);
            task.storedPath = found->text(2);
            task.hash = found->text(3);
            task.durationMs = durationMs;
            remember(task);
        }
        if (const int index = media.ok() ? m_byHash.value(media->hash, -1) : -1; index >= 0)
            uid = m_tasks[size_t(index)].uid;
    }
    if (m_tasksOnly)
        return Status::success();
    for (const Segment& segment : std::as_const(segments))
        noteSpeaker(segment.speaker, file);
    const auto earlier = m_annotatedBy.constFind(uid);
    if (earlier != m_annotatedBy.constEnd())
        m_session.warn(file, QStringLiteral("the same task as %1; this file's transcript "
                                            "replaces that one")
                                 .arg(*earlier));
    else
        m_annotatedBy.insert(uid, file);
    return Status::success();
}

Status SpeechImport::finish() {
    return m_session.saveGrownSchema(m_schema, m_schemaChanged);
}

}  // namespace postil
