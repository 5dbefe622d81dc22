#include "formats/bratformat.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

#include "formats/detectionexport.h"
#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/linereader.h"
#include "formats/stagedfolder.h"
#include "formats/textexport.h"
#include "formats/textimport.h"

namespace postil {

namespace {

using textexport::TextAnnotationRow;
using textexport::TextTask;

// A document or .ann file beyond this is refused: every file is hostile, and
// the studio shows texts of tens of megabytes, not gigabytes.
constexpr qint64 kMaxFileBytes = qint64(512) << 20;
constexpr qsizetype kMaxNameChars = 80;

Expected<QString> readUtf8File(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return Status::failure(QStringLiteral("%1: %2 bytes, more than the %3 MB a brat file may "
                                              "have here")
                                   .arg(path)
                                   .arg(file.size())
                                   .arg(kMaxFileBytes >> 20));
    const QByteArray bytes = file.readAll();
    // A byte order mark is kept: brat reads it as a character, and counts it.
    auto text = decodeUtf8Strict(bytes);
    if (!text)
        return Status::failure(QStringLiteral("%1: not valid UTF-8").arg(path));
    return *text;
}

// ---- reading ----

struct Fragment {
    qint64 start = 0;
    qint64 end = 0;
};

// "LABEL 0 5;6 10": the label and its fragments; why not when it is not that.
QString parseEntity(const QString& field, QString& label, QList<Fragment>& fragments) {
    const qsizetype space = field.indexOf(QLatin1Char(' '));
    if (space <= 0)
        return QStringLiteral("expected LABEL START END");
    label = field.left(space);
    for (const QString& part : field.mid(space + 1).split(QLatin1Char(';'))) {
        const QStringList numbers = part.trimmed().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        bool startOk = false;
        bool endOk = false;
        Fragment fragment;
        if (numbers.size() == 2) {
            fragment.start = numbers.at(0).toLongLong(&startOk);
            fragment.end = numbers.at(1).toLongLong(&endOk);
        }
        if (!startOk || !endOk)
            return QStringLiteral("'%1' is not START END").arg(part.trimmed());
        fragments << fragment;
    }
    return QString();
}

class AnnReader {
public:
    AnnReader(TextImport& import, const QString& annPath, const QString& text)
        : m_import(import), m_path(annPath), m_text(text), m_offsets(text) {}

    // Reads the .ann into 'document'; fails (through the session) on a bad line.
    Status read(TextImport::Document& document, bool& bad) {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            return Status::failure(QStringLiteral("%1: %2").arg(m_path, file.errorString()));
        if (file.size() > kMaxFileBytes)
            return fail(m_path,
                        QStringLiteral("%1 bytes, more than the %2 MB a brat file may have "
                                       "here")
                            .arg(file.size())
                            .arg(kMaxFileBytes >> 20),
                        bad);
        LineReader reader(file);
        QByteArrayView bytes;
        while (reader.next(bytes)) {
            if (bytes.endsWith('\r'))
                bytes.chop(1);
            const QString where = m_path + QLatin1Char(':') + QString::number(reader.lineNumber());
            const auto line = decodeUtf8Strict(bytes);
            if (!line)
                return fail(where, QStringLiteral("not valid UTF-8"), bad);
            if (line->trimmed().isEmpty())
                continue;
            const QString problem = readLine(*line, document, where);
            if (!problem.isEmpty())
                return fail(where, problem, bad);
        }
        if (!reader.error().isEmpty())
            return Status::failure(
                QStringLiteral("%1: read failed: %2").arg(m_path, reader.error()));
        // Relations and attributes may come before the entities they name.
        for (const Pending& pending : std::as_const(m_pending)) {
            const QString problem = resolve(pending, document);
            if (!problem.isEmpty())
                return fail(pending.where, problem, bad);
        }
        return Status::success();
    }

private:
    struct Pending {
        QChar kind;
        QString where;
        QString label;
        QStringList args;  // entity ids (relations: Arg1, Arg2; others: the one)
        QString value;
    };

    Status fail(const QString& where, const QString& problem, bool& bad) {
        bad = true;
        return m_import.session().reportBad(where, problem);
    }

    QString readLine(const QString& line, TextImport::Document& document, const QString& where) {
        const QStringList fields = line.split(QLatin1Char('\t'));
        const QString id = fields.at(0);
        const QChar kind = id.isEmpty() ? QChar() : id.at(0);
        if (fields.size() < 2)
            return QStringLiteral("expected ID<TAB>...");
        if (kind == u'T') {
            QString label;
            QList<Fragment> fragments;
            if (QString problem = parseEntity(fields.at(1), label, fragments); !problem.isEmpty())
                return QStringLiteral("entity %1: %2").arg(id, problem);
            QStringList pieces;
            Span span;
            span.label = label;
            span.start = fragments.first().start;
            span.end = fragments.first().end;
            for (const Fragment& fragment : std::as_const(fragments)) {
                if (fragment.start < 0 || fragment.end < fragment.start ||
                    fragment.end > m_offsets.codePointCount())
                    return QStringLiteral(
                               "entity %1: %2 %3 lies outside the text's %4 "
                               "characters (code points; \\r\\n counts two)")
                        .arg(id)
                        .arg(fragment.start)
                        .arg(fragment.end)
                        .arg(m_offsets.codePointCount());
                span.start = std::min(span.start, fragment.start);
                span.end = std::max(span.end, fragment.end);
                const qsizetype from = m_offsets.toUtf16(fragment.start);
                pieces << m_text.mid(from, m_offsets.toUtf16(fragment.end) - from);
            }
            if (fields.size() >= 3) {
                const QString stated = fields.mid(2).join(QLatin1Char('\t'));
                if (pieces.join(QLatin1Char(' ')) != stated) {
                    if (fragments.size() == 1)
                        return QStringLiteral("entity %1: %2")
                            .arg(id, TextImport::textMismatch(m_text, m_offsets, span.start,
                                                              span.end, stated));
                    return QStringLiteral("entity %1: its fragments read '%2', not '%3'")
                        .arg(id, pieces.join(QLatin1Char(' ')), stated);
                }
            }
            if (gapHoldsText(fragments))
                m_import.session().warn(
                    where,
                    QStringLiteral("entity %1 is discontinuous: read as one span %2")
                        .arg(id, TextImport::quote(m_text, m_offsets, span.start, span.end)));
            if (m_entities.contains(id))
                return QStringLiteral("entity %1 is defined twice").arg(id);
            m_entities.insert(id, int(document.annotation.spans.size()));
            document.annotation.spans << span;
            return QString();
        }
        Pending pending;
        pending.kind = kind;
        pending.where = where;
        const QStringList words = fields.at(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.isEmpty())
            return QStringLiteral("%1 has no type").arg(id);
        pending.label = words.first();
        if (kind == u'R') {
            for (const QString& word : words.mid(1))
                pending.args << word.section(QLatin1Char(':'), 1);
            if (pending.args.size() != 2)
                return QStringLiteral("relation %1: expected Arg1:T.. Arg2:T..").arg(id);
        } else if (kind == u'A' || kind == u'M') {
            if (words.size() < 2)
                return QStringLiteral("attribute %1: expected NAME T.. [VALUE]").arg(id);
            pending.args << words.at(1);
            pending.value = words.mid(2).join(QLatin1Char(' '));
        } else if (kind == u'#') {
            if (words.size() < 2)
                return QStringLiteral("note %1: expected AnnotatorNotes T..").arg(id);
            pending.args << words.at(1);
            pending.value = fields.mid(2).join(QLatin1Char('\t'));
        } else {
            if (!m_saidUnread) {
                m_saidUnread = true;
                m_import.session().warn(where, QStringLiteral("events, normalisations and "
                                                              "equivalences are not read"));
            }
            return QString();
        }
        m_pending << pending;
        return QString();
    }

    // Whether text other than line breaks lies between the fragments (our own
    // export splits a span at line breaks only).
    bool gapHoldsText(QList<Fragment> fragments) const {
        std::sort(fragments.begin(), fragments.end(),
                  [](const Fragment& a, const Fragment& b) { return a.start < b.start; });
        for (qsizetype i = 1; i < fragments.size(); ++i) {
            const qint64 from = fragments.at(i - 1).end;
            const qint64 to = fragments.at(i).start;
            if (to <= from)
                continue;
            const qsizetype a = m_offsets.toUtf16(from);
            const QStringView gap = QStringView(m_text).mid(a, m_offsets.toUtf16(to) - a);
            for (QChar c : gap)
                if (c != u'\n' && c != u'\r')
                    return true;
        }
        return false;
    }

    QString resolve(const Pending& pending, TextImport::Document& document) const {
        QList<int> spans;
        for (const QString& arg : pending.args) {
            const int index = m_entities.value(arg, -1);
            if (index < 0)
                return QStringLiteral("'%1' names no entity of the file").arg(arg);
            spans << index;
        }
        if (pending.kind == u'R') {
            document.annotation.relations << Relation{spans.at(0), spans.at(1), pending.label, {}};
        } else if (pending.kind == u'#') {
            QString& note = document.annotation.spans[spans.at(0)].note;
            note = note.isEmpty() ? pending.value : note + QLatin1Char('\n') + pending.value;
        } else {
            document.annotation.spans[spans.at(0)].attrs.insert(
                pending.label,
                pending.value.isEmpty() ? QJsonValue(true) : QJsonValue(pending.value));
        }
        return QString();
    }

    TextImport& m_import;
    QString m_path;
    const QString& m_text;
    TextOffsets m_offsets;
    QHash<QString, int> m_entities;  // "T3" -> span index
    QList<Pending> m_pending;
    bool m_saidUnread = false;
};

Status readDocument(const QString& txtPath, TextImport& import, const QDir& baseDir) {
    ImportSession& session = import.session();
    auto text = readUtf8File(txtPath);
    if (!text.ok())
        return session.reportBad(txtPath, text.error().mid(txtPath.size() + 2));
    TextImport::Document document;
    document.text = *text;
    const QString annPath = txtPath.left(txtPath.size() - 3) + QStringLiteral("ann");
    if (!QFileInfo(annPath).isFile() || import.tasksOnly())
        return import.add(std::move(document), baseDir, txtPath);
    document.annotated = true;
    AnnReader reader(import, annPath, document.text);
    bool bad = false;
    Status s = reader.read(document, bad);
    if (!s.ok() || bad)
        return s;
    return import.add(std::move(document), baseDir, annPath);
}

// ---- writing ----

QString withoutSpaces(const QString& name) {
    QString out = name;
    for (QChar& c : out)
        if (c.isSpace())
            c = QLatin1Char('_');
    return out;
}

QString oneLine(const QString& text) {
    QString out = text;
    for (QChar& c : out)
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = QLatin1Char(' ');
    return out;
}

// The entity's fragments: the span cut around its line breaks, which a
// line-based .ann cannot hold inside a text field.
QByteArray entityLine(int number, const TextTask& task, const Span& span) {
    const qsizetype from = task.offsets.toUtf16(span.start);
    const qsizetype to = task.offsets.toUtf16(span.end);
    QStringList offsets;
    QStringList pieces;
    qsizetype pieceStart = from;
    for (qsizetype i = from; i <= to; ++i) {
        const bool lineBreak = i < to && (task.text.at(i) == u'\n' || task.text.at(i) == u'\r');
        if (i < to && !lineBreak)
            continue;
        if (i > pieceStart) {
            offsets << QStringLiteral("%1 %2")
                           .arg(task.offsets.toCodePoint(pieceStart))
                           .arg(task.offsets.toCodePoint(i));
            pieces << task.text.mid(pieceStart, i - pieceStart);
        }
        pieceStart = i + 1;
    }
    if (offsets.isEmpty())  // only line breaks: kept as they are, brat shows them
        return QByteArray();
    return QStringLiteral("T%1\t%2 %3\t%4\n")
        .arg(number)
        .arg(withoutSpaces(span.label), offsets.join(QLatin1Char(';')),
             pieces.join(QLatin1Char(' ')))
        .toUtf8();
}

QByteArray annOf(const TextTask& task, const TextAnnotationRow& annotation,
                 QSet<QString>& entityLabels, QSet<QString>& relationLabels,
                 QMap<QString, QSet<QString>>& attributes, detection::WarningTally& warnings) {
    QByteArray ann;
    const QList<Span>& spans = annotation.spans.spans;
    QList<int> numbers(spans.size(), -1);
    int entity = 0;
    int attribute = 0;
    int note = 0;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span& span = spans.at(i);
        const QByteArray line = entityLine(entity + 1, task, span);
        if (line.isEmpty()) {
            warnings.add(QStringLiteral("spans of line breaks"),
                         QStringLiteral("%1, %2's annotation: span %3 (%4) holds only line "
                                        "breaks, which a brat entity cannot: left out")
                             .arg(task.describe(), annotation.annotator,
                                  TextImport::quote(task.text, task.offsets, span.start, span.end),
                                  span.label));
            continue;
        }
        numbers[i] = ++entity;
        ann.append(line);
        entityLabels.insert(withoutSpaces(span.label));
        for (auto it = span.attrs.begin(); it != span.attrs.end(); ++it) {
            const QString name = withoutSpaces(it.key());
            if (it.value().isBool() && !it.value().toBool())
                continue;
            QString value;
            if (!it.value().isBool())
                value = withoutSpaces(it.value().toVariant().toString());
            attributes[name];
            if (!value.isEmpty())
                attributes[name].insert(value);
            ann.append((value.isEmpty()
                            ? QStringLiteral("A%1\t%2 T%3\n").arg(++attribute).arg(name).arg(entity)
                            : QStringLiteral("A%1\t%2 T%3 %4\n")
                                  .arg(++attribute)
                                  .arg(name)
                                  .arg(entity)
                                  .arg(value))
                           .toUtf8());
        }
        if (!span.note.isEmpty())
            ann.append(QStringLiteral("#%1\tAnnotatorNotes T%2\t%3\n")
                           .arg(++note)
                           .arg(entity)
                           .arg(oneLine(span.note))
                           .toUtf8());
    }
    int relation = 0;
    for (const Relation& r : annotation.spans.relations) {
        if (numbers.at(r.from) < 0 || numbers.at(r.to) < 0)
            continue;
        relationLabels.insert(withoutSpaces(r.label));
        ann.append(QStringLiteral("R%1\t%2 Arg1:T%3 Arg2:T%4\n")
                       .arg(++relation)
                       .arg(withoutSpaces(r.label))
                       .arg(numbers.at(r.from))
                       .arg(numbers.at(r.to))
                       .toUtf8());
    }
    return ann;
}

QByteArray annotationConf(const QSet<QString>& entities, const QSet<QString>& relations,
                          const QMap<QString, QSet<QString>>& attributes) {
    auto sorted = [](const QSet<QString>& set) {
        QStringList list(set.begin(), set.end());
        list.sort();
        return list;
    };
    QString conf = QStringLiteral("[entities]\n");
    for (const QString& label : sorted(entities))
        conf += label + QLatin1Char('\n');
    conf += QStringLiteral("\n[relations]\n");
    for (const QString& label : sorted(relations))
        conf += label + QStringLiteral("\tArg1:<ENTITY>, Arg2:<ENTITY>\n");
    conf += QStringLiteral("\n[events]\n\n[attributes]\n");
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        conf += it.key() + QStringLiteral("\tArg:<ENTITY>");
        if (!it.value().isEmpty())
            conf += QStringLiteral(", Value:") + sorted(it.value()).join(QLatin1Char('|'));
        conf += QLatin1Char('\n');
    }
    return conf.toUtf8();
}

}  // namespace

QString BratFormat::safeName(const QString& uid, qint64 taskId) {
    static const QRegularExpression hash(QStringLiteral("^[0-9a-f]{64}$"));
    const QString fallback = QStringLiteral("task-%1").arg(taskId);
    if (uid.isEmpty() || hash.match(uid).hasMatch())
        return fallback;
    QString name;
    for (QChar c : uid) {
        const bool kept = c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.';
        name += kept ? c : QLatin1Char('_');
        if (name.size() >= kMaxNameChars)
            break;
    }
    while (name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    bool meaningful = false;
    for (QChar c : std::as_const(name))
        meaningful = meaningful || c.isLetterOrNumber();
    if (!meaningful)
        return fallback;
    // Names Windows keeps for devices, whatever the suffix.
    static const QRegularExpression reserved(
        QStringLiteral("^(con|prn|aux|nul|com\\d|lpt\\d)(\\.|$)"),
        QRegularExpression::CaseInsensitiveOption);
    if (reserved.match(name).hasMatch())
        name.prepend(QLatin1Char('_'));
    return name;
}

bool BratFormat::probe(const QString& path) const {
    const QFileInfo info(path);
    if (info.isDir())
        return !detection::sampleFiles(path, {QStringLiteral("ann")}, 1).isEmpty();
    return Format::probe(path);
}

Status BratFormat::read(const QString& path, ImportSession& session) {
    TextImport import(session, name());
    const QFileInfo info(path);
    QStringList texts;
    if (info.isDir()) {
        texts = detection::filesUnder(path, {QStringLiteral("txt")});
        if (texts.isEmpty())
            return Status::failure(QStringLiteral("%1: no .txt files (brat keeps each document "
                                                  "as NAME.txt beside NAME.ann)")
                                       .arg(path));
    } else {
        const QString txt = path.left(path.size() - info.suffix().size()) + QStringLiteral("txt");
        if (!QFileInfo(txt).isFile())
            return Status::failure(
                QStringLiteral("%1: no %2 beside it").arg(path, QFileInfo(txt).fileName()));
        texts << txt;
    }
    for (qsizetype i = 0; i < texts.size(); ++i) {
        session.progress(i, texts.size());
        const QString& txt = texts.at(i);
        Status s = readDocument(txt, import, QFileInfo(txt).absoluteDir());
        if (!s.ok())
            return s;
    }
    session.progress(texts.size(), texts.size());
    return import.finish();
}

Status BratFormat::write(Project& project, const QString& path, const ExportOptions& options,
                         ExportReport& report) {
    StagedFolder folder(path);
    if (Status begun = folder.begin(); !begun.ok())
        return begun;
    const QDir staging = folder.staging();
    detection::WarningTally warnings;
    QSet<QString> used;  // lower case: "A.txt" and "a.txt" are one file on Windows and macOS
    QSet<QString> entityLabels;
    QSet<QString> relationLabels;
    QMap<QString, QSet<QString>> attributes;
    qint64 unannotated = 0;
    Status walked = textexport::forEachTextTask(
        project, options, report, warnings, [&](const TextTask& task) -> Status {
            if (task.annotations.isEmpty()) {
                ++unannotated;
                return Status::success();
            }
            const QString base = safeName(task.uid, task.id);
            for (const TextAnnotationRow& annotation : task.annotations) {
                QString name = base;
                if (task.annotations.size() > 1)
                    name += QStringLiteral("__") + safeName(annotation.annotator, task.id);
                const QString wanted = name;
                for (int n = 2; used.contains(name.toLower()); ++n)
                    name = QStringLiteral("%1-%2").arg(wanted).arg(n);
                used.insert(name.toLower());
                if (Status s = writeWholeFile(staging.filePath(name + QStringLiteral(".txt")),
                                              task.text.toUtf8());
                    !s.ok())
                    return s;
                if (Status s = writeWholeFile(staging.filePath(name + QStringLiteral(".ann")),
                                              annOf(task, annotation, entityLabels, relationLabels,
                                                    attributes, warnings));
                    !s.ok())
                    return s;
                ++report.annotations;
            }
            ++report.tasks;
            return Status::success();
        });
    if (walked.ok())
        walked = writeWholeFile(staging.filePath(QStringLiteral("annotation.conf")),
                                annotationConf(entityLabels, relationLabels, attributes));
    warnings.flushInto(report.warnings);
    textexport::warnUnannotated(report, unannotated);
    return folder.finish(walked);
}

}  // namespace postil
