#include "formats/vttformat.h"

#include <QFileInfo>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/speechexport.h"
#include "formats/speechimport.h"
#include "formats/speechsupport.h"

namespace postil {

namespace {

// A block that starts with this word (alone or before a space or tab).
bool startsWithWord(const QString& line, QLatin1String word) {
    if (!line.startsWith(word))
        return false;
    return line.size() == word.size() || line.at(word.size()) == u' ' ||
           line.at(word.size()) == u'\t';
}

bool isSpace(QChar c) {
    return c == u' ' || c == u'\t' || c == u'\f';
}

// A character reference at text[i] ('&'): its character and length, or
// nothing for an '&' that starts none (kept as it is, as browsers do).
bool decodeReference(const QString& text, qsizetype i, QString& out, qsizetype& length) {
    const qsizetype semicolon = text.indexOf(u';', i);
    if (semicolon < 0 || semicolon - i > 12)
        return false;
    const QString name = text.mid(i + 1, semicolon - i - 1);
    static const QHash<QString, QString> named{
        {QStringLiteral("amp"), QStringLiteral("&")},
        {QStringLiteral("lt"), QStringLiteral("<")},
        {QStringLiteral("gt"), QStringLiteral(">")},
        {QStringLiteral("quot"), QStringLiteral("\"")},
        {QStringLiteral("apos"), QStringLiteral("'")},
        {QStringLiteral("nbsp"), QString(QChar(0x00A0))},
        {QStringLiteral("lrm"), QString(QChar(0x200E))},
        {QStringLiteral("rlm"), QString(QChar(0x200F))},
    };
    if (auto found = named.constFind(name); found != named.constEnd()) {
        out = *found;
    } else if (name.startsWith(u'#') && name.size() > 1) {
        bool ok = false;
        const bool hex = name.at(1) == u'x' || name.at(1) == u'X';
        const uint code = name.mid(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
        if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        const char32_t c = code;
        out = QString::fromUcs4(&c, 1);
    } else {
        return false;
    }
    length = semicolon - i + 1;
    return true;
}

// The cue text without its markup, and the speaker of its first voice tag.
struct CueText {
    QString speaker;
    QString text;
    bool otherMarkup = false;
    bool otherVoice = false;
};

CueText plainCueText(const QString& payload) {
    CueText cue;
    bool voiceSeen = false;
    const qsizetype n = payload.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = payload.at(i);
        if (c == u'&') {
            QString decoded;
            qsizetype length = 0;
            if (decodeReference(payload, i, decoded, length)) {
                cue.text += decoded;
                i += length;
            } else {
                cue.text += c;
                ++i;
            }
            continue;
        }
        if (c != u'<') {
            cue.text += c;
            ++i;
            continue;
        }
        const qsizetype close = payload.indexOf(u'>', i);
        if (close < 0) {  // an unclosed tag runs to the end: nothing shown
            cue.otherMarkup = true;
            break;
        }
        const QString tag = payload.mid(i + 1, close - i - 1);
        i = close + 1;
        const bool voice =
            tag.startsWith(u'v') && (tag.size() == 1 || tag.at(1) == u'.' || isSpace(tag.at(1)));
        if (!voice) {
            if (tag != QLatin1String("/v"))
                cue.otherMarkup = true;
            continue;
        }
        qsizetype space = 1;
        while (space < tag.size() && !isSpace(tag.at(space)))
            ++space;
        const QString annotation = plainCueText(tag.mid(space).trimmed()).text;
        if (!voiceSeen) {
            voiceSeen = true;
            cue.speaker = annotation;
        } else if (annotation != cue.speaker) {
            cue.otherVoice = true;
        }
    }
    return cue;
}

QString escaped(const QString& text) {
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (c == u'&')
            out += QStringLiteral("&amp;");
        else if (c == u'<')
            out += QStringLiteral("&lt;");
        else if (c == u'>')
            out += QStringLiteral("&gt;");
        else
            out += c;
    }
    return out;
}

Status readVtt(const QString& file, SpeechImport& import) {
    ImportSession& session = import.session();
    QString where;
    auto text = speech::readTextFile(file, where);
    if (!text.ok())
        return session.reportBad(where, text.error());
    const QStringList lines = speech::splitLines(*text);
    if (lines.isEmpty() || !startsWithWord(lines.first(), QLatin1String("WEBVTT")))
        return session.reportBad(QStringLiteral("%1:1").arg(file),
                                 QStringLiteral("a WebVTT file starts with the line 'WEBVTT'"));
    SpeechImport::Transcript transcript;
    bool otherMarkup = false;
    bool otherVoice = false;
    const QList<speech::Block> blocks = speech::blocks(lines);
    // The first block is the header: "WEBVTT" and what follows it.
    for (qsizetype b = 1; b < blocks.size(); ++b) {
        const speech::Block& block = blocks.at(b);
        const QString& first = block.lines.first();
        if (startsWithWord(first, QLatin1String("NOTE")) ||
            startsWithWord(first, QLatin1String("STYLE")) ||
            startsWithWord(first, QLatin1String("REGION")))
            continue;
        qsizetype timing = 0;
        SpeechImport::Timed timed;
        if (!first.contains(QLatin1String("-->"))) {
            if (block.lines.size() < 2 || !block.lines.at(1).contains(QLatin1String("-->")))
                return session.reportBad(QStringLiteral("%1:%2").arg(file).arg(block.line),
                                         QStringLiteral("expected a cue: [an id line], then "
                                                        "'mm:ss.ttt --> mm:ss.ttt', then the "
                                                        "text"));
            timing = 1;
            timed.segment.source.insert(QLatin1String(VttFormat::kIdKey), first);
        }
        const QString at = QStringLiteral("%1:%2").arg(file).arg(block.line + timing);
        timed.where = at;
        const QString& line = block.lines.at(timing);
        const qsizetype arrow = line.indexOf(QLatin1String("-->"));
        const QString startText = line.left(arrow).trimmed();
        QString rest = line.mid(arrow + 3).trimmed();
        qsizetype endLength = 0;
        while (endLength < rest.size() && !isSpace(rest.at(endLength)))
            ++endLength;
        const QString endText = rest.left(endLength);
        const auto start = speech::parseClock(startText, speech::ClockStyle::WebVtt);
        const auto end = speech::parseClock(endText, speech::ClockStyle::WebVtt);
        if (!start || !end)
            return session.reportBad(at, QStringLiteral("'%1' is not a time [hh:]mm:ss.ttt")
                                             .arg(start ? endText : startText));
        timed.segment.startMs = *start;
        timed.segment.endMs = *end;
        if (const QString settings = rest.mid(endLength).trimmed(); !settings.isEmpty())
            timed.segment.source.insert(QLatin1String(VttFormat::kSettingsKey), settings);
        const CueText cue = plainCueText(block.lines.mid(timing + 1).join(u'\n'));
        timed.segment.speaker = cue.speaker;
        timed.segment.text = cue.text;
        otherMarkup = otherMarkup || cue.otherMarkup;
        otherVoice = otherVoice || cue.otherVoice;
        transcript.segments << timed;
        if (transcript.segments.size() > speech::kMaxSegments)
            return session.reportBad(
                at, QStringLiteral("more than %1 cues; split the file").arg(speech::kMaxSegments));
    }
    if (otherMarkup)
        session.warn(file, QStringLiteral("tags other than voices (<i>, <b>, <c>, timestamps...) "
                                          "were removed from the text"));
    if (otherVoice)
        session.warn(file, QStringLiteral("a cue holds several voices: the first is its speaker"));
    return import.add(file, std::move(transcript));
}

// A kept cue id or settings string, when the file can still hold it.
QString keptLine(const Segment& segment, const char* key) {
    const QString value = segment.source.value(QLatin1String(key)).toString();
    if (value.contains(QLatin1String("-->")) || value.contains(u'\n') || value.contains(u'\r'))
        return QString();
    return value.trimmed();
}

QByteArray vttOf(const SpeechTask& task, SpeechExport& exporter) {
    QByteArray out = "WEBVTT\n\n";
    for (const Segment& segment : task.segments) {
        if (const QString id = keptLine(segment, VttFormat::kIdKey); !id.isEmpty())
            out += id.toUtf8() + '\n';
        out += speech::clockTime(segment.startMs, u'.').toLatin1() + " --> " +
               speech::clockTime(segment.endMs, u'.').toLatin1();
        if (const QString settings = keptLine(segment, VttFormat::kSettingsKey);
            !settings.isEmpty())
            out += ' ' + settings.toUtf8();
        out += '\n';
        bool dropped = false;
        QStringList lines = speech::cueLines(segment.text, dropped);
        for (QString& line : lines)
            line = escaped(line);
        if (!segment.speaker.isEmpty()) {
            QString speaker = segment.speaker;
            speaker.replace(u'\n', u' ').replace(u'\r', u' ');
            const QString voice = QStringLiteral("<v %1>").arg(escaped(speaker));
            if (lines.isEmpty())
                lines << voice;
            else
                lines.first().prepend(voice);
        }
        if (dropped)
            exporter.warn(QStringLiteral("empty lines left out"),
                          QStringLiteral("%1, %2's annotation: the text at %3 s has empty lines, "
                                         "which would end a WebVTT cue; written without them")
                              .arg(task.describe(), task.annotator,
                                   QString::fromLatin1(speech::decimalSeconds(segment.startMs))));
        for (const QString& line : std::as_const(lines))
            out += line.toUtf8() + '\n';
        out += '\n';
        if (!segment.attrs.isEmpty())
            exporter.warn(QStringLiteral("attributes not written"),
                          QStringLiteral("%1, %2's annotation: the segment at %3 s has "
                                         "attributes, which WebVTT cannot hold; written "
                                         "without them")
                              .arg(task.describe(), task.annotator,
                                   QString::fromLatin1(speech::decimalSeconds(segment.startMs))));
    }
    return out;
}

}  // namespace

bool VttFormat::probe(const QString& path) const {
    if (QFileInfo(path).isDir())
        return !detection::sampleFiles(path, {QStringLiteral("vtt")}, 1).isEmpty();
    return Format::probe(path);
}

Status VttFormat::read(const QString& path, ImportSession& session) {
    auto files = SpeechImport::inputFiles(path, {QStringLiteral("vtt")}, QStringLiteral("WebVTT"));
    if (!files.ok())
        return Status::failure(files.error());
    SpeechImport import(session, name());
    return import.readAll(*files, [&](const QString& file) { return readVtt(file, import); });
}

Status VttFormat::write(Project& project, const QString& path, const ExportOptions& options,
                        ExportReport& report) {
    return writeFilePerAudioTask(project, path, options, report, QStringLiteral("WebVTT"),
                                 QStringLiteral(".vtt"),
                                 [](const SpeechTask& task, SpeechExport& exporter, const QDir&) {
                                     return vttOf(task, exporter);
                                 });
}

}  // namespace postil
