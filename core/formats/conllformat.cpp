#include "formats/conllformat.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cstring>

#include "formats/importsession.h"
#include "formats/jsonlformat.h"
#include "formats/linereader.h"
#include "formats/parallellines.h"
#include "formats/streamedfile.h"
#include "formats/textexport.h"
#include "formats/textimport.h"
#include "text/tokenizer.h"

namespace postil {

namespace {

using textexport::TextAnnotationRow;
using textexport::TextTask;

const QByteArray kDocStart = "-DOCSTART-";

// ---- reading ----

// One document as its lines come in: the text built from the tokens, spans
// in UTF-16 until the document is whole (then converted by TextOffsets).
class DocumentReader {
public:
    DocumentReader(TextImport& import, const QDir& baseDir)
        : m_import(import), m_baseDir(baseDir) {}

    bool isEmpty() const { return m_tokens == 0 && m_problem.isEmpty(); }
    void sentenceBreak() {
        closeSpan();
        m_newSentence = true;
    }
    void token(const QString& token, const QString& tag, const QString& where) {
        if (!m_problem.isEmpty())
            return;  // the document is bad already; its first problem is what is said
        if (m_where.isEmpty())
            m_where = where;
        if (m_tokens > 0)
            m_text += m_newSentence ? QLatin1Char('\n') : QLatin1Char(' ');
        const qsizetype start = m_text.size();
        m_text += token;
        ++m_tokens;
        const bool newSentence = m_newSentence;
        m_newSentence = false;
        if (tag == QLatin1String("O")) {
            closeSpan();
            return;
        }
        const bool begins = tag.startsWith(QLatin1String("B-"));
        if (!begins && !tag.startsWith(QLatin1String("I-"))) {
            m_problem = QStringLiteral("tag '%1' is not O, B-TYPE or I-TYPE").arg(tag);
            m_problemWhere = where;
            return;
        }
        const QString type = tag.mid(2);
        if (type.isEmpty()) {
            m_problem = QStringLiteral("tag '%1' has no entity type").arg(tag);
            m_problemWhere = where;
            return;
        }
        // IOB2 and IOB1 alike: I-X continues an X span, and starts one after
        // O, after another type or at a sentence's start; B-X always starts one.
        if (!begins && m_open >= 0 && !newSentence && m_spans[m_open].label == type) {
            m_spans[m_open].end = m_text.size();
            return;
        }
        Span span;
        span.label = type;
        span.start = start;
        span.end = m_text.size();
        m_spans << span;
        m_open = int(m_spans.size() - 1);
    }
    void fail(const QString& problem, const QString& where) {
        if (!m_problem.isEmpty())
            return;
        m_problem = problem;
        m_problemWhere = where;
    }
    // Adds the document (or reports its problem) and starts the next one.
    Status finish() {
        Status s = Status::success();
        if (!m_problem.isEmpty()) {
            s = m_import.session().reportBad(m_problemWhere, m_problem);
        } else if (m_tokens > 0) {
            TextImport::Document document;
            document.text = m_text;
            document.annotated = true;
            const TextOffsets offsets(m_text);
            for (Span span : std::as_const(m_spans)) {
                span.start = offsets.toCodePoint(span.start);
                span.end = offsets.toCodePoint(span.end);
                document.annotation.spans << span;
            }
            s = m_import.add(std::move(document), m_baseDir, m_where);
        }
        m_text.clear();
        m_spans.clear();
        m_tokens = 0;
        m_open = -1;
        m_newSentence = false;
        m_where.clear();
        m_problem.clear();
        m_problemWhere.clear();
        return s;
    }

private:
    void closeSpan() { m_open = -1; }

    TextImport& m_import;
    QDir m_baseDir;
    QString m_text;
    QList<Span> m_spans;  // UTF-16 offsets until finish()
    qint64 m_tokens = 0;
    int m_open = -1;  // the span the next I- tag may continue
    bool m_newSentence = false;
    QString m_where;
    QString m_problem;
    QString m_problemWhere;
};

// The columns of a token line, split on spaces and tabs.
QList<QByteArrayView> columnsOf(QByteArrayView line) {
    QList<QByteArrayView> columns;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        const bool space = i == line.size() || line[i] == ' ' || line[i] == '\t';
        if (space && start >= 0) {
            columns << line.sliced(start, i - start);
            start = -1;
        } else if (!space && start < 0) {
            start = i;
        }
    }
    return columns;
}

// ---- writing ----

// Tokens and tags hold no whitespace: a column is whatever lies between
// spaces. Whitespace inside one (a space with a combining mark after it, a
// label with a space) is written as '_'.
// Writes into room the caller made (textexport::utf8Room); returns the end.
char* putColumn(char* p, QStringView text, bool& changed) {
    for (QChar c : text)
        if (c.isSpace()) {
            QString cleaned = text.toString();
            for (QChar& d : cleaned)
                if (d.isSpace())
                    d = QLatin1Char('_');
            changed = true;
            return textexport::putUtf8(p, cleaned);
        }
    return textexport::putUtf8(p, text);
}

char* put(char* p, QByteArrayView bytes) {
    memcpy(p, bytes.data(), size_t(bytes.size()));
    return p + bytes.size();
}

struct Kept {
    const Span* span = nullptr;
    qsizetype start = 0;  // UTF-16
    qsizetype end = 0;
    bool started = false;
};

void appendDocument(QByteArray& out, const TextTask& task, const TextAnnotationRow& annotation,
                    detection::WarningTally& overlaps, detection::WarningTally& warnings,
                    qint64& rewritten) {
    out.append(kDocStart).append(" -X- -X- O\n\n");
    // Each list is made at its size once: grown one span at a time, the
    // four lists took about 6% of the export's CPU (perf, 100,000 documents).
    const qsizetype spanCount = annotation.spans.spans.size();
    QList<const Span*> order;
    order.reserve(spanCount);
    for (const Span& span : annotation.spans.spans)
        order << &span;
    std::stable_sort(order.begin(), order.end(), [](const Span* a, const Span* b) {
        return a->start != b->start ? a->start < b->start : a->end > b->end;
    });
    // One tag column holds one span per token: the first in reading order
    // (the longer when two start together) stays, the others are said.
    QList<Kept> kept;
    QList<std::pair<qsizetype, qsizetype>> joins;
    QList<qsizetype> cuts;
    kept.reserve(spanCount);
    joins.reserve(spanCount);
    cuts.reserve(spanCount * 2);
    for (const Span* span : std::as_const(order)) {
        if (!kept.isEmpty() && span->start < kept.last().span->end) {
            const Span& other = *kept.last().span;
            overlaps.add(
                QStringLiteral("overlapping spans"),
                QStringLiteral("%1, %2's annotation: span %3 (%4) overlaps %5 (%6); "
                               "CoNLL cannot express overlapping spans: left out, the "
                               "rest of the task is exported")
                    .arg(task.describe(), annotation.annotator,
                         TextImport::quote(task.text, task.offsets, span->start, span->end),
                         span->label,
                         TextImport::quote(task.text, task.offsets, other.start, other.end),
                         other.label));
            continue;
        }
        Kept k;
        k.span = span;
        k.start = task.offsets.toUtf16(span->start);
        k.end = task.offsets.toUtf16(span->end);
        kept << k;
        cuts << k.start << k.end;
        joins << std::pair(k.start, k.end);
    }

    Tokenizer tokenizer(task.text, std::move(cuts), joins);
    Token token;
    qsizetype next = 0;  // the first kept span not yet behind the tokens
    bool any = false;
    bool changed = false;
    textexport::OutputRoom room(out);
    while (tokenizer.next(token)) {
        // A row is written into room made once for it: rows are most of the
        // file (tests/bench/RESULTS.md, NLP exports).
        const QStringView word = QStringView(task.text).mid(token.start, token.end - token.start);
        const bool startsSentence = token.sentenceStart && any;
        any = true;
        while (next < kept.size() && kept[next].end <= token.start) {
            if (!kept[next].started)
                warnings.add(
                    QStringLiteral("spans without tokens"),
                    QStringLiteral("%1, %2's annotation: span %3 (%4) holds only "
                                   "whitespace: no token to tag, left out")
                        .arg(task.describe(), annotation.annotator,
                             TextImport::quote(task.text, task.offsets, kept[next].span->start,
                                               kept[next].span->end),
                             kept[next].span->label));
            ++next;
        }
        const bool tagged =
            next < kept.size() && kept[next].start <= token.start && token.end <= kept[next].end;
        const QString* label = tagged ? &kept[next].span->label : nullptr;
        char* p =
            room.room(textexport::utf8Room(word) + (label ? textexport::utf8Room(*label) : 0) + 17);
        if (startsSentence)
            *p++ = '\n';
        p = putColumn(p, word, changed);
        p = put(p, " -X- _ ");
        if (tagged) {
            p = put(p, kept[next].started ? "I-" : "B-");
            kept[next].started = true;
            p = putColumn(p, *label, changed);
        } else {
            *p++ = 'O';
        }
        *p++ = '\n';
        room.done(p);
    }
    room.finish();
    for (; next < kept.size(); ++next)
        if (!kept[next].started)
            warnings.add(QStringLiteral("spans without tokens"),
                         QStringLiteral("%1, %2's annotation: span %3 (%4) holds only "
                                        "whitespace: no token to tag, left out")
                             .arg(task.describe(), annotation.annotator,
                                  TextImport::quote(task.text, task.offsets, kept[next].span->start,
                                                    kept[next].span->end),
                                  kept[next].span->label));
    if (any)
        out.append('\n');
    if (changed)
        ++rewritten;
}

}  // namespace

Status ConllFormat::read(const QString& path, ImportSession& session) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const qint64 total = file.size();
    const QDir baseDir = QFileInfo(path).absoluteDir();
    const QString prefix = path + QLatin1Char(':');
    TextImport import(session, name());
    DocumentReader document(import, baseDir);
    bool documents = false;  // the file separates documents with -DOCSTART-
    LineReader reader(file);
    QByteArrayView line;
    while (reader.next(line)) {
        if ((reader.lineNumber() & 0xff) == 0)
            session.progress(reader.bytesConsumed(), total);
        if (line.endsWith('\r'))
            line.chop(1);
        const QString where = prefix + QString::number(reader.lineNumber());
        if (isBlankLine(line)) {
            document.sentenceBreak();
            if (!documents && !document.isEmpty()) {
                if (Status s = document.finish(); !s.ok())
                    return s;
            }
            continue;
        }
        const QList<QByteArrayView> columns = columnsOf(line);
        if (columns.first() == kDocStart) {
            documents = true;
            if (Status s = document.finish(); !s.ok())
                return s;
            continue;
        }
        const auto token = decodeUtf8Strict(columns.first());
        const auto tag = decodeUtf8Strict(columns.last());
        if (!token || !tag)
            document.fail(QStringLiteral("not valid UTF-8"), where);
        else if (columns.size() < 2)
            document.fail(QStringLiteral("expected a token and its tag (token -X- _ TAG)"), where);
        else
            document.token(*token, *tag, where);
    }
    if (!reader.error().isEmpty())
        return Status::failure(QStringLiteral("%1: read failed at line %2: %3")
                                   .arg(path)
                                   .arg(reader.lineNumber() + 1)
                                   .arg(reader.error()));
    if (Status s = document.finish(); !s.ok())
        return s;
    session.progress(total, total);
    return import.finish();
}

namespace {

// What writing the documents gathers besides bytes, per batch of tasks
// (textexport::ParallelLines) and then for the whole export.
struct ConllTally {
    // Each task that loses a span is named: that is what the user must check.
    detection::WarningTally overlaps{1000};
    detection::WarningTally warnings;
    qint64 rewritten = 0;
    qint64 droppedRelations = 0;

    void append(const ConllTally& later) {
        overlaps.append(later.overlaps);
        warnings.append(later.warnings);
        rewritten += later.rewritten;
        droppedRelations += later.droppedRelations;
    }
};

}  // namespace

Status ConllFormat::write(Project& project, const QString& path, const ExportOptions& options,
                          ExportReport& report) {
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    ConllTally tally;  // reading the spans, writing the documents
    qint64 unannotated = 0;
    // On one thread (workers 0): a CoNLL document is too little work to hand
    // over; with workers the glibc allocator's locks cost more than the
    // formatting saved (0.95 s alone, 1.3 s with two workers at 100,000
    // documents; tests/bench/RESULTS.md). spaCy's tokens are worth it.
    textexport::ParallelLines<ConllTally, textexport::RawTextTask> documents(
        file, tally,
        [](const textexport::RawTextTask& raw, QByteArray& out, ConllTally& batch) {
            const TextTask task = textexport::cook(textexport::RawTextTask(raw), batch.warnings);
            for (const TextAnnotationRow& annotation : task.annotations) {
                appendDocument(out, task, annotation, batch.overlaps, batch.warnings,
                               batch.rewritten);
                batch.droppedRelations += annotation.spans.relations.size();
            }
        },
        0);
    Status visited = textexport::forEachRawTextTask(
        project, options, report, [&](textexport::RawTextTask&& task) -> Status {
            if (task.annotations.isEmpty()) {
                ++unannotated;
                return Status::success();
            }
            report.annotations += task.annotations.size();
            ++report.tasks;
            return documents.add(task);
        });
    if (!visited.ok())
        return visited;
    if (Status s = documents.finish(); !s.ok())
        return s;
    if (Status s = file.commit(); !s.ok())
        return s;
    tally.overlaps.flushInto(report.warnings);
    tally.warnings.flushInto(report.warnings);
    textexport::warnUnannotated(report, unannotated);
    if (tally.droppedRelations > 0)
        report.warnings
            << QStringLiteral("%1 relations left out: CoNLL has none").arg(tally.droppedRelations);
    if (const qint64 rewritten = tally.rewritten; rewritten > 0)
        report.warnings << QStringLiteral(
                               "%1 documents had whitespace inside a token or label, "
                               "written as '_' (a CoNLL column ends at a space)")
                               .arg(rewritten);
    return Status::success();
}

}  // namespace postil
