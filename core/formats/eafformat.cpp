#include "formats/eafformat.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <algorithm>

#include "formats/detectionsupport.h"
#include "formats/folderformat.h"
#include "formats/importsession.h"
#include "formats/speechexport.h"
#include "formats/speechimport.h"
#include "formats/speechsupport.h"

namespace postil {

namespace {

constexpr int kMaxDepth = 64;
constexpr qsizetype kMaxSlots = 2 * speech::kMaxSegments;
const QString kTypeId = QStringLiteral("default-lt");

// ---- reading ----

struct Pending {
    QString slot1;
    QString slot2;
    QString id;
    QString speaker;
    QString text;
    int line = 0;
};

// Whether a path the header names may be the task's audio: an existing file
// with an audio suffix (never a device, a folder or whatever else a hostile
// file points at).
bool usableAudio(const QString& path) {
    const QFileInfo info(path);
    return info.isFile() && FolderFormat::audioExtensions().contains(info.suffix().toLower());
}

QString mediaFromHeader(const QXmlStreamAttributes& attributes, const QDir& folder) {
    const QString relative = attributes.value(QLatin1String("RELATIVE_MEDIA_URL")).toString();
    if (!relative.isEmpty()) {
        const QUrl url(relative);
        const QString path = url.isLocalFile() ? url.toLocalFile() : url.path();
        if (!path.isEmpty()) {
            const QString resolved = QDir::cleanPath(folder.absoluteFilePath(path));
            if (usableAudio(resolved))
                return resolved;
        }
    }
    const QUrl absolute(attributes.value(QLatin1String("MEDIA_URL")).toString());
    if (absolute.isLocalFile() && usableAudio(absolute.toLocalFile()))
        return QDir::cleanPath(absolute.toLocalFile());
    return QString();
}

Status readEaf(const QString& file, SpeechImport& import) {
    ImportSession& session = import.session();
    QFile device(file);
    if (!device.open(QIODevice::ReadOnly))
        return session.reportBad(file, device.errorString());
    if (device.size() > speech::kMaxFileBytes)
        return session.reportBad(
            file, QStringLiteral("%1 bytes, more than the %2 MB a transcript file may have here")
                      .arg(device.size())
                      .arg(speech::kMaxFileBytes >> 20));
    auto at = [&](qint64 line) { return QStringLiteral("%1:%2").arg(file).arg(line); };
    QXmlStreamReader xml(&device);
    SpeechImport::Transcript transcript;
    QHash<QString, qint64> slots;  // id -> ms; -1 for a slot without a time
    QList<Pending> annotations;
    QStringList dependentTiers;
    qint64 references = 0;
    int depth = 0;
    bool inTier = false;
    bool skipTier = false;
    QString speaker;
    Pending* current = nullptr;
    Pending pending;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD)
            return session.reportBad(at(xml.lineNumber()),
                                     QStringLiteral("a DOCTYPE is not read in an EAF file (its "
                                                    "entities could expand without bound)"));
        if (token == QXmlStreamReader::EndElement) {
            --depth;
            const QStringView name = xml.name();
            if (name == u"TIER") {
                inTier = false;
            } else if (name == u"ALIGNABLE_ANNOTATION" && current) {
                annotations << *current;
                current = nullptr;
                if (annotations.size() > speech::kMaxSegments)
                    return session.reportBad(at(xml.lineNumber()),
                                             QStringLiteral("more than %1 annotations; split the "
                                                            "file")
                                                 .arg(speech::kMaxSegments));
            }
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (++depth > kMaxDepth)
            return session.reportBad(
                at(xml.lineNumber()),
                QStringLiteral("elements nested deeper than %1").arg(kMaxDepth));
        const QStringView name = xml.name();
        const QXmlStreamAttributes attributes = xml.attributes();
        if (depth == 1) {
            if (name != u"ANNOTATION_DOCUMENT")
                return session.reportBad(at(xml.lineNumber()),
                                         QStringLiteral("the root element is <%1>, not "
                                                        "<ANNOTATION_DOCUMENT> (not an ELAN file)")
                                             .arg(name));
            continue;
        }
        if (name == u"HEADER") {
            const QStringView units = attributes.value(QLatin1String("TIME_UNITS"));
            if (!units.isEmpty() && units != u"milliseconds")
                return session.reportBad(at(xml.lineNumber()),
                                         QStringLiteral("TIME_UNITS is '%1'; EAF times are "
                                                        "milliseconds")
                                             .arg(units));
        } else if (name == u"MEDIA_DESCRIPTOR") {
            if (transcript.audioHint.isEmpty())
                transcript.audioHint = mediaFromHeader(attributes, QFileInfo(file).absoluteDir());
        } else if (name == u"TIME_SLOT") {
            const QString id = attributes.value(QLatin1String("TIME_SLOT_ID")).toString();
            if (slots.contains(id))
                return session.reportBad(at(xml.lineNumber()),
                                         QStringLiteral("time slot '%1' is defined twice").arg(id));
            qint64 ms = -1;
            if (attributes.hasAttribute(QLatin1String("TIME_VALUE"))) {
                const QString value = attributes.value(QLatin1String("TIME_VALUE")).toString();
                bool ok = !value.isEmpty();
                for (QChar c : value)
                    ok = ok && c >= u'0' && c <= u'9';
                ms = ok && value.size() <= 15 ? value.toLongLong() : -2;
                if (ms < 0 || ms > speech::kMaxMs)
                    return session.reportBad(at(xml.lineNumber()),
                                             QStringLiteral("time slot '%1': TIME_VALUE '%2' is "
                                                            "not a whole number of milliseconds")
                                                 .arg(id, value));
            }
            slots.insert(id, ms);
            if (slots.size() > kMaxSlots)
                return session.reportBad(
                    at(xml.lineNumber()),
                    QStringLiteral("more than %1 time slots; split the file").arg(kMaxSlots));
        } else if (name == u"TIER") {
            inTier = true;
            const QString id = attributes.value(QLatin1String("TIER_ID")).toString();
            skipTier = !attributes.value(QLatin1String("PARENT_REF")).isEmpty();
            if (skipTier && dependentTiers.size() < 10)
                dependentTiers << QStringLiteral("'%1'").arg(id);
            speaker = attributes.value(QLatin1String("PARTICIPANT")).toString();
            if (speaker.isEmpty())
                speaker = id == EafFormat::noSpeakerTier() ? QString() : id;
        } else if (name == u"ALIGNABLE_ANNOTATION" && inTier && !skipTier) {
            pending = Pending();
            pending.slot1 = attributes.value(QLatin1String("TIME_SLOT_REF1")).toString();
            pending.slot2 = attributes.value(QLatin1String("TIME_SLOT_REF2")).toString();
            pending.id = attributes.value(QLatin1String("ANNOTATION_ID")).toString();
            pending.speaker = speaker;
            pending.line = int(xml.lineNumber());
            current = &pending;
        } else if (name == u"REF_ANNOTATION" && inTier && !skipTier) {
            ++references;
        } else if (name == u"ANNOTATION_VALUE" && current) {
            current->text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            --depth;  // readElementText() consumed its end
            if (xml.hasError())
                break;
        }
    }
    if (xml.hasError())
        return session.reportBad(at(xml.lineNumber()),
                                 QStringLiteral("not well-formed XML: %1").arg(xml.errorString()));
    if (depth != 0)
        return session.reportBad(at(xml.lineNumber()),
                                 QStringLiteral("the file ends before the document does"));

    qint64 untimed = 0;
    for (const Pending& annotation : std::as_const(annotations)) {
        const QString where = at(annotation.line);
        const auto start = slots.constFind(annotation.slot1);
        const auto end = slots.constFind(annotation.slot2);
        if (start == slots.constEnd() || end == slots.constEnd())
            return session.reportBad(
                where, QStringLiteral("annotation '%1' refers to time slot '%2', which TIME_ORDER "
                                      "does not define")
                           .arg(annotation.id,
                                start == slots.constEnd() ? annotation.slot1 : annotation.slot2));
        if (*start < 0 || *end < 0) {
            ++untimed;
            continue;
        }
        SpeechImport::Timed timed;
        timed.where = where;
        timed.segment.startMs = *start;
        timed.segment.endMs = *end;
        timed.segment.speaker = annotation.speaker;
        timed.segment.text = annotation.text;
        transcript.segments << timed;
    }
    if (!dependentTiers.isEmpty())
        session.warn(file, QStringLiteral("dependent tiers (with a PARENT_REF) are not read: %1")
                               .arg(dependentTiers.join(QStringLiteral(", "))));
    if (references > 0)
        session.warn(file, QStringLiteral("%1 reference annotation(s) are not time-aligned: left "
                                          "out")
                               .arg(references));
    if (untimed > 0)
        session.warn(
            file,
            QStringLiteral("%1 annotation(s) on time slots without a time: left out").arg(untimed));
    return import.add(file, std::move(transcript));
}

// ---- writing ----

QString mimeType(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"wav")
        return QStringLiteral("audio/x-wav");
    if (suffix == u"mp3")
        return QStringLiteral("audio/mpeg");
    if (suffix == u"m4a" || suffix == u"aac")
        return QStringLiteral("audio/mp4");
    if (suffix == u"ogg" || suffix == u"oga" || suffix == u"opus")
        return QStringLiteral("audio/ogg");
    if (suffix == u"flac")
        return QStringLiteral("audio/flac");
    if (suffix == u"aif" || suffix == u"aiff")
        return QStringLiteral("audio/x-aiff");
    return QStringLiteral("unknown");
}

// 'text' with what XML 1.0 cannot hold (controls other than tab and line
// breaks, U+FFFE/U+FFFF, lone surrogates) as U+FFFD; 'changed' says so.
QString xmlSafe(const QString& text, bool& changed) {
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char16_t c = out.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < out.size() && out.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        const bool bad = (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || c == 0xFFFE ||
                         c == 0xFFFF || QChar::isSurrogate(c);
        if (bad) {
            out[i] = QChar(0xFFFD);
            changed = true;
        }
    }
    return out;
}

QByteArray eafOf(const SpeechTask& task, SpeechExport& exporter, const QDir& outDir) {
    const QList<Segment> segments =
        speech::withoutOverlapsWithinSpeaker(task, exporter, QStringLiteral("ELAN"));
    const QStringList speakers = speech::speakersInOrder(segments);
    bool changed = false;

    // Two slots per annotation, numbered in time order (ELAN lists them so).
    struct Slot {
        qint64 ms;
        int index;  // 2 * segment + 0 (start) or 1 (end)
    };
    std::vector<Slot> order;
    order.reserve(size_t(segments.size()) * 2);
    for (qsizetype i = 0; i < segments.size(); ++i) {
        order.push_back({segments.at(i).startMs, int(2 * i)});
        order.push_back({segments.at(i).endMs, int(2 * i + 1)});
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const Slot& a, const Slot& b) { return a.ms < b.ms; });
    std::vector<int> slotNumber(order.size());
    for (size_t k = 0; k < order.size(); ++k)
        slotNumber[size_t(order[k].index)] = int(k + 1);

    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QXmlStreamWriter xml(&buffer);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(4);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("ANNOTATION_DOCUMENT"));
    xml.writeAttribute(QStringLiteral("AUTHOR"), xmlSafe(task.annotator, changed));
    xml.writeAttribute(
        QStringLiteral("DATE"),
        QDateTime::fromMSecsSinceEpoch(task.hlc >> 16, Qt::UTC).toString(Qt::ISODate));
    xml.writeAttribute(QStringLiteral("FORMAT"), QStringLiteral("3.0"));
    xml.writeAttribute(QStringLiteral("VERSION"), QStringLiteral("3.0"));
    const QString xsi = QStringLiteral("http://www.w3.org/2001/XMLSchema-instance");
    xml.writeNamespace(xsi, QStringLiteral("xsi"));
    xml.writeAttribute(xsi, QStringLiteral("noNamespaceSchemaLocation"),
                       QStringLiteral("http://www.mpi.nl/tools/elan/EAFv3.0.xsd"));

    xml.writeStartElement(QStringLiteral("HEADER"));
    xml.writeAttribute(QStringLiteral("MEDIA_FILE"), QString());
    xml.writeAttribute(QStringLiteral("TIME_UNITS"), QStringLiteral("milliseconds"));
    xml.writeEmptyElement(QStringLiteral("MEDIA_DESCRIPTOR"));
    xml.writeAttribute(
        QStringLiteral("MEDIA_URL"),
        QString::fromLatin1(QUrl::fromLocalFile(task.absolutePath).toEncoded(QUrl::FullyEncoded)));
    xml.writeAttribute(QStringLiteral("MIME_TYPE"), mimeType(task.absolutePath));
    QString relative = outDir.relativeFilePath(task.absolutePath);
    if (!relative.startsWith(QLatin1String("../")))
        relative.prepend(QStringLiteral("./"));
    QUrl relativeUrl;
    relativeUrl.setPath(relative);
    xml.writeAttribute(QStringLiteral("RELATIVE_MEDIA_URL"),
                       QString::fromLatin1(relativeUrl.toEncoded(QUrl::FullyEncoded)));
    xml.writeStartElement(QStringLiteral("PROPERTY"));
    xml.writeAttribute(QStringLiteral("NAME"), QStringLiteral("lastUsedAnnotationId"));
    xml.writeCharacters(QString::number(segments.size()));
    xml.writeEndElement();
    xml.writeEndElement();  // HEADER

    xml.writeStartElement(QStringLiteral("TIME_ORDER"));
    for (size_t k = 0; k < order.size(); ++k) {
        xml.writeEmptyElement(QStringLiteral("TIME_SLOT"));
        xml.writeAttribute(QStringLiteral("TIME_SLOT_ID"), QStringLiteral("ts%1").arg(k + 1));
        xml.writeAttribute(QStringLiteral("TIME_VALUE"), QString::number(order[k].ms));
    }
    xml.writeEndElement();

    QSet<QString> tierIds;
    for (const QString& speaker : speakers) {
        QString tierId = speaker.isEmpty() ? EafFormat::noSpeakerTier() : speaker;
        for (int n = 2; tierIds.contains(tierId); ++n)
            tierId = QStringLiteral("%1 %2")
                         .arg(speaker.isEmpty() ? EafFormat::noSpeakerTier() : speaker)
                         .arg(n);
        tierIds.insert(tierId);
        xml.writeStartElement(QStringLiteral("TIER"));
        xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_REF"), kTypeId);
        if (!speaker.isEmpty())
            xml.writeAttribute(QStringLiteral("PARTICIPANT"), xmlSafe(speaker, changed));
        xml.writeAttribute(QStringLiteral("TIER_ID"), xmlSafe(tierId, changed));
        for (qsizetype i = 0; i < segments.size(); ++i) {
            const Segment& segment = segments.at(i);
            if (segment.speaker != speaker)
                continue;
            xml.writeStartElement(QStringLiteral("ANNOTATION"));
            xml.writeStartElement(QStringLiteral("ALIGNABLE_ANNOTATION"));
            xml.writeAttribute(QStringLiteral("ANNOTATION_ID"), QStringLiteral("a%1").arg(i + 1));
            xml.writeAttribute(QStringLiteral("TIME_SLOT_REF1"),
                               QStringLiteral("ts%1").arg(slotNumber[size_t(2 * i)]));
            xml.writeAttribute(QStringLiteral("TIME_SLOT_REF2"),
                               QStringLiteral("ts%1").arg(slotNumber[size_t(2 * i + 1)]));
            // A '\r' written as it is would reach a reader as '\n' (XML
            // normalises line ends): a character reference keeps it.
            xml.writeStartElement(QStringLiteral("ANNOTATION_VALUE"));
            const QStringList pieces = xmlSafe(segment.text, changed).split(u'\r');
            for (qsizetype k = 0; k < pieces.size(); ++k) {
                if (k > 0)
                    xml.writeEntityReference(QStringLiteral("#13"));
                xml.writeCharacters(pieces.at(k));
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            if (!segment.attrs.isEmpty())
                exporter.warn(
                    QStringLiteral("attributes not written"),
                    QStringLiteral("%1, %2's annotation: the segment at %3 s has "
                                   "attributes, which this EAF export does not write")
                        .arg(task.describe(), task.annotator,
                             QString::fromLatin1(speech::decimalSeconds(segment.startMs))));
        }
        xml.writeEndElement();
    }
    xml.writeEmptyElement(QStringLiteral("LINGUISTIC_TYPE"));
    xml.writeAttribute(QStringLiteral("GRAPHIC_REFERENCES"), QStringLiteral("false"));
    xml.writeAttribute(QStringLiteral("LINGUISTIC_TYPE_ID"), kTypeId);
    xml.writeAttribute(QStringLiteral("TIME_ALIGNABLE"), QStringLiteral("true"));
    xml.writeEndElement();  // ANNOTATION_DOCUMENT
    xml.writeEndDocument();
    if (changed)
        exporter.warn(QStringLiteral("characters XML cannot hold"),
                      QStringLiteral("%1, %2's annotation: control characters, which XML cannot "
                                     "hold, were written as U+FFFD")
                          .arg(task.describe(), task.annotator));
    return out;
}

}  // namespace

bool EafFormat::probe(const QString& path) const {
    if (QFileInfo(path).isDir())
        return !detection::sampleFiles(path, {QStringLiteral("eaf")}, 1).isEmpty();
    return Format::probe(path);
}

Status EafFormat::read(const QString& path, ImportSession& session) {
    auto files = SpeechImport::inputFiles(path, {QStringLiteral("eaf")}, QStringLiteral("ELAN"));
    if (!files.ok())
        return Status::failure(files.error());
    SpeechImport import(session, name());
    return import.readAll(*files, [&](const QString& file) { return readEaf(file, import); });
}

Status EafFormat::write(Project& project, const QString& path, const ExportOptions& options,
                        ExportReport& report) {
    return writeFilePerAudioTask(project, path, options, report, QStringLiteral("the EAF"),
                                 QStringLiteral(".eaf"), eafOf);
}

}  // namespace postil
