#include "formats/asrmanifestformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/jsonlformat.h"
#include "formats/linereader.h"
#include "formats/speechexport.h"
#include "formats/speechimport.h"
#include "formats/speechsupport.h"
#include "formats/streamedfile.h"
#include "formats/textexport.h"
#include "formats/textimport.h"
#include "media/audioprobe.h"

namespace postil {

namespace {

const QString kAudioKey = QStringLiteral("audio_filepath");

// Seconds as a JSON number, to the nearest millisecond; nothing for anything
// else (a string, a negative or past 31 years).
std::optional<qint64> jsonSeconds(const QJsonValue& value) {
    if (!value.isDouble())
        return std::nullopt;
    const double seconds = value.toDouble();
    if (!std::isfinite(seconds) || seconds < 0 || seconds * 1000 > double(speech::kMaxMs))
        return std::nullopt;
    return qint64(std::llround(seconds * 1000));
}

// The lines of one audio file.
struct Group {
    QString where;  // its first line
    QString audio;  // as the manifest wrote it
    SpeechImport::Transcript transcript;
    QList<int> toTheEnd;  // segments without a duration: they run to the audio's end
    bool bad = false;     // a line of it was bad (--skip-bad): left out whole
};

// One line's segment into its audio's group; why not when it is no segment.
QString readLine(const QJsonObject& object, const QString& where, Group& group) {
    const QString kind = object.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("task"))
        return QString();  // the whole transcript, again: no segment of its own
    if (!kind.isEmpty() && kind != QLatin1String("segment"))
        return QStringLiteral("\"kind\" is '%1', not \"segment\" or \"task\"").arg(kind);
    const QJsonValue offset = object.value(QLatin1String("offset"));
    const QJsonValue duration = object.value(QLatin1String("duration"));
    const auto start = offset.isUndefined() ? std::optional<qint64>(0) : jsonSeconds(offset);
    const auto length = duration.isUndefined() ? std::optional<qint64>(0) : jsonSeconds(duration);
    if (!start || !length)
        return QStringLiteral("\"%1\" is not a number of seconds (0 or more)")
            .arg(start ? QStringLiteral("duration") : QStringLiteral("offset"));
    const QJsonValue text = object.value(QLatin1String("text"));
    const QJsonValue speaker = object.value(QLatin1String("speaker"));
    if ((!text.isUndefined() && !text.isString()) ||
        (!speaker.isUndefined() && !speaker.isString()))
        return QStringLiteral("\"text\" and \"speaker\" must be strings");
    SpeechImport::Timed timed;
    timed.where = where;
    timed.segment.startMs = *start;
    timed.segment.endMs = *start + *length;
    timed.segment.text = text.toString();
    timed.segment.speaker = speaker.toString();
    if (duration.isUndefined())
        group.toTheEnd << int(group.transcript.segments.size());
    group.transcript.segments << timed;
    return QString();
}

Status readManifest(const QString& file, SpeechImport& import) {
    ImportSession& session = import.session();
    QFile device(file);
    if (!device.open(QIODevice::ReadOnly))
        return session.reportBad(file, device.errorString());
    const QDir folder = QFileInfo(file).absoluteDir();
    QList<Group> groups;
    QHash<QString, qsizetype> groupOf;  // absolute audio path -> index
    qsizetype segments = 0;
    LineReader reader(device);
    QByteArrayView line;
    while (reader.next(line)) {
        session.progress(reader.bytesConsumed(), device.size());
        if (isBlankLine(line))
            continue;
        const QString where = QStringLiteral("%1:%2").arg(file).arg(reader.lineNumber());
        // A bad line fails the import, or with --skip-bad is listed and
        // leaves out its audio's whole transcript (a part of one misleads).
        Group* group = nullptr;
        QString problem;
        auto object = TextImport::parseJsonLine(line);
        if (!object.ok()) {
            problem = object.error();
        } else if (const QJsonValue audio = object->value(kAudioKey);
                   !audio.isString() || audio.toString().isEmpty()) {
            problem = QStringLiteral("no \"audio_filepath\" (a path)");
        } else {
            const QString written = detection::portablePath(audio.toString());
            const QString absolute = QDir::cleanPath(folder.absoluteFilePath(written));
            auto found = groupOf.constFind(absolute);
            if (found == groupOf.constEnd()) {
                Group fresh;
                fresh.where = where;
                fresh.audio = written;
                fresh.transcript.audioHint = absolute;
                fresh.transcript.matchName = written;
                fresh.transcript.audioBeside = false;
                found = groupOf.insert(absolute, groups.size());
                groups << fresh;
            }
            group = &groups[*found];
            problem = readLine(*object, where, *group);
        }
        if (!problem.isEmpty()) {
            if (group)
                group->bad = true;
            if (Status s = session.reportBad(where, problem); !s.ok())
                return s;
            continue;
        }
        if (++segments > speech::kMaxSegments)
            return session.reportBad(
                where,
                QStringLiteral("more than %1 segments; split the file").arg(speech::kMaxSegments));
    }
    if (!reader.error().isEmpty())
        return Status::failure(QStringLiteral("%1: read failed: %2").arg(file, reader.error()));
    for (Group& group : groups) {
        if (group.bad)
            continue;
        if (!group.toTheEnd.isEmpty()) {
            // NeMo reads a line without "duration" to the end of its audio.
            auto probe = AudioProbe::probe(group.transcript.audioHint);
            if (!probe.ok()) {
                const QString& where = group.transcript.segments[group.toTheEnd.first()].where;
                if (Status s = session.reportBad(where, QStringLiteral("no \"duration\", and the "
                                                                       "length of %1 cannot be "
                                                                       "read (%2)")
                                                            .arg(group.audio, probe.error()));
                    !s.ok())
                    return s;
                continue;
            }
            for (int index : std::as_const(group.toTheEnd))
                group.transcript.segments[index].segment.endMs = probe->durationMs;
        }
        if (Status s = import.add(group.where, std::move(group.transcript)); !s.ok())
            return s;
    }
    return Status::success();
}

void appendLine(QByteArray& out, const QString& audio, qint64 offsetMs, qint64 durationMs,
                const QString& text, const QString* speaker, const char* kind) {
    out += "{\"audio_filepath\": ";
    textexport::appendJsonString(out, audio);
    out += ", \"offset\": " + speech::decimalSeconds(offsetMs) +
           ", \"duration\": " + speech::decimalSeconds(durationMs) + ", \"text\": ";
    textexport::appendJsonString(out, text);
    if (speaker) {
        out += ", \"speaker\": ";
        textexport::appendJsonString(out, *speaker);
    }
    out += ", \"kind\": \"";
    out += kind;
    out += "\"}\n";
}

}  // namespace

bool AsrManifestFormat::probe(const QString& path) const {
    if (!Format::probe(path))
        return false;
    return TextImport::firstJsonLine(path).value(kAudioKey).isString();
}

Status AsrManifestFormat::read(const QString& path, ImportSession& session) {
    if (QFileInfo(path).isDir())
        return Status::failure(
            QStringLiteral("%1: a folder; an ASR manifest is one file").arg(path));
    SpeechImport import(session, name());
    return import.readAll({path}, [&](const QString& file) { return readManifest(file, import); });
}

Status AsrManifestFormat::write(Project& project, const QString& path, const ExportOptions& options,
                                ExportReport& report) {
    StreamedFile file(path);
    if (Status opened = file.open(); !opened.ok())
        return opened;
    const QDir folder = QFileInfo(path).absoluteDir();
    SpeechExport exporter(project, options, report, QStringLiteral("the task line"));
    Status walked = exporter.forEach([&](const SpeechTask& task) {
        exporter.lengthUnknown(task);
        const QString audio = folder.relativeFilePath(task.absolutePath);
        QStringList texts;
        for (const Segment& segment : task.segments)
            if (!segment.text.isEmpty())
                texts << segment.text;
        appendLine(file.out(), audio, 0, task.coveredMs(), texts.join(u' '), nullptr, "task");
        for (const Segment& segment : task.segments) {
            appendLine(file.out(), audio, segment.startMs, segment.durationMs(), segment.text,
                       &segment.speaker, "segment");
            if (!segment.attrs.isEmpty())
                exporter.warn(
                    QStringLiteral("attributes not written"),
                    QStringLiteral("%1, %2's annotation: the segment at %3 s has "
                                   "attributes, which the manifest does not carry")
                        .arg(task.describe(), task.annotator,
                             QString::fromLatin1(speech::decimalSeconds(segment.startMs))));
        }
        return file.flushIfFull();
    });
    exporter.finish();
    if (!walked.ok())
        return walked;
    return file.commit();
}

}  // namespace postil
