#include "formats/srtformat.h"

#include <QFileInfo>
#include <QRegularExpression>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/speechexport.h"
#include "formats/speechimport.h"
#include "formats/speechsupport.h"

namespace postil {

namespace {

bool isCueNumber(const QString& line) {
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return false;
    for (QChar c : trimmed)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

// "00:00:01,000 --> 00:00:02,500 X1:..." into the two times; why not when
// the line is not that.
QString parseTiming(const QString& line, qint64& start, qint64& end) {
    const qsizetype arrow = line.indexOf(QLatin1String("-->"));
    const QString left = line.left(arrow).trimmed();
    const QStringList right =
        line.mid(arrow + 3).split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    const auto from = speech::parseClock(left, speech::ClockStyle::SubRip);
    if (!from)
        return QStringLiteral("'%1' is not a time HH:MM:SS,mmm").arg(left);
    const QString endText = right.isEmpty() ? QString() : right.first();
    const auto to = speech::parseClock(endText, speech::ClockStyle::SubRip);
    if (!to)
        return QStringLiteral("'%1' is not a time HH:MM:SS,mmm").arg(endText);
    start = *from;
    end = *to;
    return QString();
}

Status readSrt(const QString& file, SpeechImport& import) {
    ImportSession& session = import.session();
    QString where;
    auto text = speech::readTextFile(file, where);
    if (!text.ok())
        return session.reportBad(where, text.error());
    SpeechImport::Transcript transcript;
    for (const speech::Block& block : speech::blocks(speech::splitLines(*text))) {
        qsizetype timing = 0;
        if (!block.lines.first().contains(QLatin1String("-->"))) {
            if (block.lines.size() < 2 || !isCueNumber(block.lines.first()) ||
                !block.lines.at(1).contains(QLatin1String("-->")))
                return session.reportBad(
                    QStringLiteral("%1:%2").arg(file).arg(block.line),
                    QStringLiteral("expected a cue: a number, then 'HH:MM:SS,mmm --> "
                                   "HH:MM:SS,mmm', then the text"));
            timing = 1;
        }
        const QString at = QStringLiteral("%1:%2").arg(file).arg(block.line + timing);
        SpeechImport::Timed timed;
        timed.where = at;
        const QString problem =
            parseTiming(block.lines.at(timing), timed.segment.startMs, timed.segment.endMs);
        if (!problem.isEmpty())
            return session.reportBad(at, problem);
        speech::splitSpeakerPrefix(block.lines.mid(timing + 1).join(u'\n'), import.knownSpeakers(),
                                   timed.segment.speaker, timed.segment.text);
        transcript.segments << timed;
        if (transcript.segments.size() > speech::kMaxSegments)
            return session.reportBad(
                at, QStringLiteral("more than %1 cues; split the file").arg(speech::kMaxSegments));
    }
    return import.add(file, std::move(transcript));
}

QByteArray srtOf(const SpeechTask& task, SpeechExport& exporter) {
    QByteArray out;
    int number = 0;
    for (const Segment& segment : task.segments) {
        out += QByteArray::number(++number) + '\n';
        out += speech::clockTime(segment.startMs, u',').toLatin1() + " --> " +
               speech::clockTime(segment.endMs, u',').toLatin1() + '\n';
        bool dropped = false;
        const QStringList lines =
            speech::cueLines(speech::withSpeakerPrefix(segment.speaker, segment.text), dropped);
        if (dropped)
            exporter.warn(QStringLiteral("empty lines left out"),
                          QStringLiteral("%1, %2's annotation: the text at %3 s has empty lines, "
                                         "which would end a SubRip cue; written without them")
                              .arg(task.describe(), task.annotator,
                                   QString::fromLatin1(speech::decimalSeconds(segment.startMs))));
        for (const QString& line : lines)
            out += line.toUtf8() + '\n';
        out += '\n';
        if (!segment.attrs.isEmpty())
            exporter.warn(QStringLiteral("attributes not written"),
                          QStringLiteral("%1, %2's annotation: the segment at %3 s has "
                                         "attributes, which SubRip cannot hold; written "
                                         "without them")
                              .arg(task.describe(), task.annotator,
                                   QString::fromLatin1(speech::decimalSeconds(segment.startMs))));
    }
    return out;
}

}  // namespace

bool SrtFormat::probe(const QString& path) const {
    if (QFileInfo(path).isDir())
        return !detection::sampleFiles(path, {QStringLiteral("srt")}, 1).isEmpty();
    return Format::probe(path);
}

Status SrtFormat::read(const QString& path, ImportSession& session) {
    auto files = SpeechImport::inputFiles(path, {QStringLiteral("srt")}, QStringLiteral("SubRip"));
    if (!files.ok())
        return Status::failure(files.error());
    SpeechImport import(session, name());
    return import.readAll(*files, [&](const QString& file) { return readSrt(file, import); });
}

Status SrtFormat::write(Project& project, const QString& path, const ExportOptions& options,
                        ExportReport& report) {
    return writeFilePerAudioTask(project, path, options, report, QStringLiteral("SubRip"),
                                 QStringLiteral(".srt"),
                                 [](const SpeechTask& task, SpeechExport& exporter, const QDir&) {
                                     return srtOf(task, exporter);
                                 });
}

}  // namespace postil
