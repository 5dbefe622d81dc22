#include "formats/textgridformat.h"

#include <QFile>
#include <QFileInfo>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/speechexport.h"
#include "formats/speechimport.h"
#include "formats/speechsupport.h"
#include "formats/textgridreader.h"

namespace postil {

namespace {

QString seconds(qint64 ms) {
    return QString::fromLatin1(speech::decimalSeconds(ms));
}

Status readTextGrid(const QString& file, SpeechImport& import) {
    ImportSession& session = import.session();
    {
        QFile peek(file);
        if (peek.open(QIODevice::ReadOnly) && peek.read(12) == "ooBinaryFile")
            return session.reportBad(file, QStringLiteral("a binary TextGrid; save it from Praat "
                                                          "as a text file (Save as text file)"));
    }
    QString where;
    auto text = speech::readTextFile(file, where);
    if (!text.ok())
        return session.reportBad(where, text.error());
    SpeechImport::Transcript transcript;
    QStringList pointTiers;
    qint64 tooShort = 0;
    bool tooMany = false;
    TextGridReader reader(*text);
    Status read = reader.read(
        [&](const TextGridReader::Tier& tier) {
            if (!tier.intervals)
                pointTiers << QStringLiteral("'%1'").arg(tier.name);
            return true;
        },
        [&](const TextGridReader::Tier& tier, const TextGridReader::Interval& interval) {
            if (interval.text.trimmed().isEmpty())
                return true;  // a gap
            if (interval.endMs == interval.startMs) {
                ++tooShort;
                return true;
            }
            SpeechImport::Timed timed;
            timed.where = QStringLiteral("%1:%2").arg(file).arg(interval.line);
            timed.segment.startMs = interval.startMs;
            timed.segment.endMs = interval.endMs;
            timed.segment.speaker = tier.name;
            timed.segment.text = interval.text;
            transcript.segments << timed;
            tooMany = transcript.segments.size() > speech::kMaxSegments;
            return !tooMany;
        });
    if (!read.ok())
        return session.reportBad(QStringLiteral("%1:%2").arg(file).arg(reader.errorLine()),
                                 read.error());
    if (tooMany)
        return session.reportBad(transcript.segments.last().where,
                                 QStringLiteral("more than %1 intervals with text; split the file")
                                     .arg(speech::kMaxSegments));
    if (!pointTiers.isEmpty())
        session.warn(file, QStringLiteral("point tiers (TextTier) %1 hold no intervals: left out")
                               .arg(pointTiers.join(QStringLiteral(", "))));
    if (tooShort > 0)
        session.warn(file, QStringLiteral("%1 interval(s) with text are shorter than a "
                                          "millisecond once rounded: left out")
                               .arg(tooShort));
    return import.add(file, std::move(transcript));
}

QByteArray quoted(const QString& text) {
    QString doubled = text;
    doubled.replace(u'"', QStringLiteral("\"\""));
    return '"' + doubled.toUtf8() + '"';
}

void appendInterval(QByteArray& out, int number, qint64 start, qint64 end, const QString& text) {
    out += "        intervals [" + QByteArray::number(number) + "]:\n";
    out += "            xmin = " + speech::decimalSeconds(start) + " \n";
    out += "            xmax = " + speech::decimalSeconds(end) + " \n";
    out += "            text = " + quoted(text) + " \n";
}

QByteArray textGridOf(const SpeechTask& task, SpeechExport& exporter) {
    exporter.lengthUnknown(task);
    const QList<Segment> segments =
        speech::withoutOverlapsWithinSpeaker(task, exporter, QStringLiteral("TextGrid"));
    const QStringList speakers = speech::speakersInOrder(segments);
    const qint64 xmax = task.coveredMs();
    const QByteArray end = speech::decimalSeconds(xmax);
    QByteArray out = "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n";
    out += "xmin = 0 \nxmax = " + end + " \ntiers? <exists> \n";
    out += "size = " + QByteArray::number(speakers.size()) + " \nitem []: \n";
    for (qsizetype t = 0; t < speakers.size(); ++t) {
        const QString& speaker = speakers.at(t);
        // The tier's intervals: each segment, and an empty one for each gap,
        // so they touch end to end from 0 to xmax.
        QByteArray intervals;
        int count = 0;
        qint64 at = 0;
        for (const Segment& segment : segments) {
            if (segment.speaker != speaker)
                continue;
            if (segment.startMs > at)
                appendInterval(intervals, ++count, at, segment.startMs, QString());
            appendInterval(intervals, ++count, segment.startMs, segment.endMs, segment.text);
            at = segment.endMs;
            if (segment.text.trimmed().isEmpty())
                exporter.warn(QStringLiteral("segments without text"),
                              QStringLiteral("%1, %2's annotation: the segment %3..%4 s has no "
                                             "text; an empty interval reads back as a gap")
                                  .arg(task.describe(), task.annotator, seconds(segment.startMs),
                                       seconds(segment.endMs)));
            if (!segment.attrs.isEmpty())
                exporter.warn(QStringLiteral("attributes not written"),
                              QStringLiteral("%1, %2's annotation: the segment at %3 s has "
                                             "attributes, which a TextGrid cannot hold; written "
                                             "without them")
                                  .arg(task.describe(), task.annotator, seconds(segment.startMs)));
        }
        if (at < xmax || count == 0)
            appendInterval(intervals, ++count, at, xmax, QString());
        out += "    item [" + QByteArray::number(t + 1) + "]:\n";
        out += "        class = \"IntervalTier\" \n";
        out += "        name = " + quoted(speaker) + " \n";
        out += "        xmin = 0 \n        xmax = " + end + " \n";
        out += "        intervals: size = " + QByteArray::number(count) + " \n";
        out += intervals;
    }
    return out;
}

}  // namespace

bool TextGridFormat::probe(const QString& path) const {
    if (QFileInfo(path).isDir())
        return !detection::sampleFiles(path, {QStringLiteral("textgrid")}, 1).isEmpty();
    return Format::probe(path);
}

Status TextGridFormat::read(const QString& path, ImportSession& session) {
    auto files =
        SpeechImport::inputFiles(path, {QStringLiteral("textgrid")}, QStringLiteral("TextGrid"));
    if (!files.ok())
        return Status::failure(files.error());
    SpeechImport import(session, name());
    return import.readAll(*files, [&](const QString& file) { return readTextGrid(file, import); });
}

Status TextGridFormat::write(Project& project, const QString& path, const ExportOptions& options,
                             ExportReport& report) {
    return writeFilePerAudioTask(project, path, options, report, QStringLiteral("the TextGrid"),
                                 QStringLiteral(".TextGrid"),
                                 [](const SpeechTask& task, SpeechExport& exporter, const QDir&) {
                                     return textGridOf(task, exporter);
                                 });
}

}  // namespace postil
