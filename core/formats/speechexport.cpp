#include "formats/speechexport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>

#include "formats/detectionexport.h"
#include "formats/speechsupport.h"
#include "formats/stagedfolder.h"
#include "media/audioprobe.h"
#include "model/project.h"
#include "model/task.h"

namespace postil {

using detection::Candidate;

QString SpeechTask::describe() const {
    return Task::describe(id, uid, storedPath);
}

qint64 SpeechTask::coveredMs() const {
    if (durationMs >= 0)
        return durationMs;
    qint64 end = 0;
    for (const Segment& segment : segments)
        end = std::max(end, segment.endMs);
    return end;
}

SpeechExport::SpeechExport(Project& project, const ExportOptions& options, ExportReport& report,
                           const QString& formatName)
    : m_project(project), m_options(options), m_report(report), m_formatName(formatName) {}

Status SpeechExport::countStems() {
    auto prepared = m_project.database().prepare(
        QStringLiteral("SELECT json_extract(data, '$.audio') FROM tasks WHERE kind = 'audio'"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(m_project.path(), prepared.error()));
    while (prepared->next())
        ++m_stemUses[speech::fileStem(prepared->text(0)).toLower()];
    if (!prepared->status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(m_project.path(), prepared->status().error()));
    return Status::success();
}

Status SpeechExport::forEach(const std::function<Status(const SpeechTask&)>& visit) {
    if (Status statusOk = m_options.checkStatus(); !statusOk.ok())
        return statusOk;
    if (isSet(m_options.cancel))
        return cancelledStatus(QStringLiteral("the export"));
    Database& db = m_project.database();
    qint64 total = 0;
    {
        auto counts = db.prepare(QStringLiteral(
            "SELECT coalesce(sum(kind = 'audio'), 0), coalesce(sum(kind <> 'audio'), 0) FROM "
            "tasks"));
        if (!counts.ok())
            return Status::failure(QStringLiteral("%1: %2").arg(m_project.path(), counts.error()));
        if (!counts->next())
            return Status::failure(
                QStringLiteral("%1: %2").arg(m_project.path(), counts->status().error()));
        total = counts->int64(0);
        m_otherKinds = counts->int64(1);
    }
    if (total == 0)
        m_report.warnings << QStringLiteral("the project has no audio tasks");
    if (Status counted = countStems(); !counted.ok())
        return counted;

    // One pass: tasks in import order, their annotations by primary-key
    // prefix, never more than one task's rows in memory. Rows of a status not
    // asked for are read too, so a task left out for its status is not
    // reported as one nobody annotated.
    auto prepared = db.prepare(QStringLiteral(
        "SELECT t.id, t.uid, json_extract(t.data, '$.audio'), t.media_hash, a.annotator, "
        "a.status, a.result, a.review_of IS NOT NULL, a.hlc FROM tasks t "
        "LEFT JOIN annotations a ON a.task_uid = t.uid AND a.deleted = 0 AND ") +
        m_options.rowsSql(1) + QStringLiteral(" WHERE t.kind = 'audio' ORDER BY t.id"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(m_project.path(), prepared.error()));
    Statement& rows = *prepared;
    rows.bind(1, m_options.annotator);

    const QDir projectDir = m_project.folder();
    QElapsedTimer progressTimer;
    progressTimer.start();
    qint64 done = 0;
    SpeechTask current;
    detection::CandidatePicker picker;
    QStringList problems;

    auto endTask = [&]() -> Status {
        ++done;
        if (Status s = m_options.taskDone(done, total, progressTimer); !s.ok())
            return s;
        if (picker.count() == 0) {
            ++(picker.otherStatus() ? m_otherStatus : m_unannotated);
            return Status::success();
        }
        if (picker.count() > 1)
            ++m_ambiguous;
        current.absolutePath =
            QDir::isAbsolutePath(current.storedPath)
                ? current.storedPath
                : QDir::cleanPath(projectDir.absoluteFilePath(current.storedPath));
        // The header only: the length for TextGrid's xmax and the codec's
        // check that no segment runs past the end.
        if (auto probe = AudioProbe::probe(current.absolutePath); probe.ok())
            current.durationMs = probe->durationMs;
        const Candidate& best = picker.best();
        current.annotator = best.annotator;
        current.hlc = best.hlc;
        problems.clear();
        current.segments = segmentresult::read(QJsonDocument::fromJson(best.result).object(),
                                               &problems, current.durationMs);
        for (const QString& problem : std::as_const(problems))
            warn(QStringLiteral("segments left out"),
                 QStringLiteral("%1, %2's annotation: %3; left out")
                     .arg(current.describe(), current.annotator, problem));
        segmentresult::sort(current.segments);
        ++m_report.tasks;
        ++m_report.annotations;
        return visit(current);
    };

    qint64 currentId = -1;
    while (rows.next()) {
        const qint64 id = rows.int64(0);
        if (id != currentId) {
            if (currentId >= 0) {
                if (Status s = endTask(); !s.ok())
                    return s;
            }
            currentId = id;
            current = SpeechTask();
            current.id = id;
            current.uid = rows.text(1);
            current.storedPath = rows.text(2);
            current.mediaHash = rows.text(3);
            picker.reset();
        }
        picker.offer(rows, 4, m_options);
    }
    if (!rows.status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(m_project.path(), rows.status().error()));
    if (currentId >= 0)
        return endTask();
    return Status::success();
}

void SpeechExport::lengthUnknown(const SpeechTask& task) {
    if (task.durationMs >= 0)
        return;
    warn(QStringLiteral("audio of unknown length"),
         QStringLiteral("%1: the audio file cannot be read, so its length is not known; %2 "
                        "ends at the last segment's end (%3 s)")
             .arg(task.describe(), m_formatName,
                  QString::fromLatin1(speech::decimalSeconds(task.coveredMs()))));
}

QString SpeechExport::fileName(const SpeechTask& task, const QString& suffix) {
    QString stem = speech::fileStem(task.storedPath);
    if (stem.isEmpty())
        stem = QStringLiteral("task-%1").arg(task.id);
    else if (m_stemUses.value(stem.toLower()) > 1 && task.mediaHash.size() >= 8)
        stem += u'.' + task.mediaHash.left(8).toLower();
    QString name = stem + suffix;
    for (int n = 2; m_usedNames.contains(name.toLower()); ++n)
        name = QStringLiteral("%1-%2%3").arg(stem).arg(n).arg(suffix);
    if (name != stem + suffix)
        warn(QStringLiteral("tasks sharing a file name"),
             QStringLiteral("%1: another task's file is already named '%2%3'; this one is %4, "
                            "which import does not match by name (use --task)")
                 .arg(task.describe(), stem, suffix, name));
    m_usedNames.insert(name.toLower(), 1);
    return name;
}

void SpeechExport::finish() {
    detection::warnLeftOut(m_report.warnings, m_options,
                           {m_unannotated, m_otherStatus, m_ambiguous}, QStringLiteral("audio"),
                           QStringLiteral("audio nobody transcribed is not audio without speech"));
    if (m_otherKinds > 0)
        m_report.warnings << QStringLiteral("%1 task(s) are not audio; left out").arg(m_otherKinds);
    m_tally.flushInto(m_report.warnings);
}

Status writeFilePerAudioTask(
    Project& project, const QString& path, const ExportOptions& options, ExportReport& report,
    const QString& formatName, const QString& suffix,
    const std::function<QByteArray(const SpeechTask& task, SpeechExport& exporter,
                                   const QDir& outDir)>& contents) {
    StagedFolder folder(path);
    if (Status begun = folder.begin(); !begun.ok())
        return begun;
    const QDir staging = folder.staging();
    const QDir outDir = folder.destination();
    SpeechExport exporter(project, options, report, formatName);
    Status walked = exporter.forEach([&](const SpeechTask& task) {
        return writeWholeFile(staging.filePath(exporter.fileName(task, suffix)),
                              contents(task, exporter, outDir));
    });
    exporter.finish();
    return folder.finish(walked);
}

namespace speech {

QList<Segment> withoutOverlapsWithinSpeaker(const SpeechTask& task, SpeechExport& exporter,
                                            const QString& format) {
    QHash<QString, qint64> endOf;  // speaker -> end of its last kept segment
    QList<Segment> kept;
    kept.reserve(task.segments.size());
    for (const Segment& segment : task.segments) {
        auto last = endOf.find(segment.speaker);
        if (last != endOf.end() && segment.startMs < *last) {
            exporter.warn(QStringLiteral("overlapping segments left out"),
                          QStringLiteral("%1, %2's annotation: the segment %3..%4 s of speaker "
                                         "'%5' overlaps an earlier one, which a %6 tier cannot "
                                         "hold; left out")
                              .arg(task.describe(), task.annotator,
                                   QString::fromLatin1(decimalSeconds(segment.startMs)),
                                   QString::fromLatin1(decimalSeconds(segment.endMs)),
                                   segment.speaker, format));
            continue;
        }
        endOf.insert(segment.speaker, segment.endMs);
        kept << segment;
    }
    return kept;
}

QStringList speakersInOrder(const QList<Segment>& segments) {
    QStringList speakers;
    QSet<QString> seen;
    for (const Segment& segment : segments)
        if (!seen.contains(segment.speaker)) {
            seen.insert(segment.speaker);
            speakers << segment.speaker;
        }
    return speakers;
}

}  // namespace speech

}  // namespace postil
