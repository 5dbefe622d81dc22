#include "formats/audacityformat.h"

#include <QFile>
#include <QFileInfo>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/speechexport.h"
#include "formats/speechimport.h"
#include "formats/speechsupport.h"

namespace postil {

namespace {

QString escaped(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == u'\\')
            out += QStringLiteral("\\\\");
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else
            out += c;
    }
    return out;
}

QString unescaped(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const QChar next = text.at(i + 1);
        if (next == u'\\' || next == u'n' || next == u'r' || next == u't') {
            out += next == u'n' ? u'\n' : next == u'r' ? u'\r' : next == u't' ? u'\t' : u'\\';
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

// A time field: seconds with '.' or, from some Audacity versions, ','.
std::optional<qint64> labelTime(QString field) {
    field = field.trimmed();
    if (!field.contains(u'.'))
        field.replace(u',', u'.');
    return speech::parseSeconds(field);
}

// Whether 'line' is a label line: two times and maybe a text.
bool looksLikeLabel(const QString& line) {
    const QStringList fields = line.split(u'\t');
    return fields.size() >= 2 && labelTime(fields.at(0)) && labelTime(fields.at(1));
}

// The first line of a file that is not blank; empty when there is none.
QString firstLine(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray head = file.read(4096);
    for (const QString& line : speech::splitLines(QString::fromUtf8(head)))
        if (!line.trimmed().isEmpty())
            return line;
    return QString();
}

Status readLabels(const QString& file, SpeechImport& import) {
    ImportSession& session = import.session();
    QString where;
    auto text = speech::readTextFile(file, where);
    if (!text.ok())
        return session.reportBad(where, text.error());
    SpeechImport::Transcript transcript;
    qint64 points = 0;
    const QStringList lines = speech::splitLines(*text);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines.at(i);
        if (line.trimmed().isEmpty() || line.startsWith(u'\\'))
            continue;  // blank, or the frequencies of a spectral selection
        const QString at = QStringLiteral("%1:%2").arg(file).arg(i + 1);
        const QStringList fields = line.split(u'\t');
        if (fields.size() < 2)
            return session.reportBad(at, QStringLiteral("expected START<TAB>END<TAB>TEXT"));
        const auto start = labelTime(fields.at(0));
        const auto end = labelTime(fields.at(1));
        if (!start || !end)
            return session.reportBad(at, QStringLiteral("'%1' is not a time in seconds")
                                             .arg(start ? fields.at(1) : fields.at(0)));
        if (*start == *end) {
            ++points;
            continue;
        }
        SpeechImport::Timed timed;
        timed.where = at;
        timed.segment.startMs = *start;
        timed.segment.endMs = *end;
        speech::splitSpeakerPrefix(unescaped(fields.mid(2).join(u'\t')), import.knownSpeakers(),
                                   timed.segment.speaker, timed.segment.text);
        transcript.segments << timed;
        if (transcript.segments.size() > speech::kMaxSegments)
            return session.reportBad(
                at,
                QStringLiteral("more than %1 labels; split the file").arg(speech::kMaxSegments));
    }
    if (points > 0)
        session.warn(
            file,
            QStringLiteral("%1 point label(s) (start = end) cover no time: left out").arg(points));
    return import.add(file, std::move(transcript));
}

QByteArray labelsOf(const SpeechTask& task, SpeechExport& exporter) {
    QByteArray out;
    for (const Segment& segment : task.segments) {
        out += speech::decimalSeconds(segment.startMs, 6) + '\t' +
               speech::decimalSeconds(segment.endMs, 6) + '\t' +
               escaped(speech::withSpeakerPrefix(segment.speaker, segment.text)).toUtf8() + '\n';
        if (!segment.attrs.isEmpty())
            exporter.warn(QStringLiteral("attributes not written"),
                          QStringLiteral("%1, %2's annotation: the segment at %3 s has "
                                         "attributes, which a label track cannot hold; written "
                                         "without them")
                              .arg(task.describe(), task.annotator,
                                   QString::fromLatin1(speech::decimalSeconds(segment.startMs))));
    }
    return out;
}

}  // namespace

bool AudacityFormat::probe(const QString& path) const {
    const QFileInfo info(path);
    if (!info.isDir())
        return Format::probe(path) && looksLikeLabel(firstLine(path));
    bool labels = false;
    for (const QString& file : detection::sampleFiles(path, {QStringLiteral("txt")})) {
        const QString line = firstLine(file);
        if (line.isEmpty())
            continue;  // an empty transcript
        if (!looksLikeLabel(line))
            return false;
        labels = true;
    }
    return labels;
}

Status AudacityFormat::read(const QString& path, ImportSession& session) {
    auto files =
        SpeechImport::inputFiles(path, {QStringLiteral("txt")}, QStringLiteral("Audacity label"));
    if (!files.ok())
        return Status::failure(files.error());
    SpeechImport import(session, name());
    return import.readAll(*files, [&](const QString& file) { return readLabels(file, import); });
}

Status AudacityFormat::write(Project& project, const QString& path, const ExportOptions& options,
                             ExportReport& report) {
    return writeFilePerAudioTask(project, path, options, report, QStringLiteral("Audacity labels"),
                                 QStringLiteral(".txt"),
                                 [](const SpeechTask& task, SpeechExport& exporter, const QDir&) {
                                     return labelsOf(task, exporter);
                                 });
}

}  // namespace postil
