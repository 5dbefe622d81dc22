#include "formats/spacyformat.h"

#include <QJsonArray>
#include <algorithm>
#include <cstring>

#include "formats/comparisonexport.h"
#include "formats/importsession.h"
#include "formats/jsonlformat.h"
#include "formats/jsonwriter.h"
#include "formats/parallellines.h"
#include "formats/streamedfile.h"
#include "formats/textexport.h"
#include "formats/textimport.h"
#include "text/tokenizer.h"

namespace postil {

namespace {

using textexport::TextAnnotationRow;
using textexport::TextTask;

const QString kText = QStringLiteral("text");
const QString kSpans = QStringLiteral("spans");
const QString kTokens = QStringLiteral("tokens");
const QString kStart = QStringLiteral("start");
const QString kEnd = QStringLiteral("end");
const QString kLabel = QStringLiteral("label");
const QString kTokenStart = QStringLiteral("token_start");
const QString kTokenEnd = QStringLiteral("token_end");

// ---- reading ----

struct TokenEdges {
    qint64 start = 0;
    qint64 end = 0;
};

// The "tokens" of a line, code points; why not when they are not tokens.
QString readTokens(const QJsonValue& value, QList<TokenEdges>& tokens) {
    if (value.isUndefined() || value.isNull())
        return QString();
    if (!value.isArray())
        return QStringLiteral("\"tokens\" is not a list");
    const QJsonArray list = value.toArray();
    tokens.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject token = list.at(i).toObject();
        const auto start = TextImport::wholeNumber(token.value(kStart));
        const auto end = TextImport::wholeNumber(token.value(kEnd));
        if (!start || !end)
            return QStringLiteral("token %1 has no whole-number \"start\" and \"end\"").arg(i);
        tokens << TokenEdges{*start, *end};
    }
    return QString();
}

// A span entry as Prodigy writes it; why not when it is not one.
QString readSpan(const QJsonValue& value, qsizetype index, const QString& text,
                 const TextOffsets& offsets, const QList<TokenEdges>& tokens, Span& span) {
    const QString which = QStringLiteral("span %1").arg(index + 1);
    if (!value.isObject())
        return which + QStringLiteral(" is not an object");
    const QJsonObject object = value.toObject();
    const auto start = TextImport::wholeNumber(object.value(kStart));
    const auto end = TextImport::wholeNumber(object.value(kEnd));
    if (!start || !end)
        return which + QStringLiteral(" has no whole-number \"start\" and \"end\"");
    if (!object.value(kLabel).isString())
        return which + QStringLiteral(" has no \"label\"");
    span.start = *start;
    span.end = *end;
    span.label = object.value(kLabel).toString();
    span.attrs = object.value(QLatin1String("attrs")).toObject();
    span.note = object.value(QLatin1String("note")).toString();
    if (span.start < 0 || span.end <= span.start || span.end > offsets.codePointCount())
        return QString();  // TextImport names the offsets that do not fit
    const QJsonValue stated = object.value(kText);
    if (stated.isString()) {
        const QString mismatch =
            TextImport::textMismatch(text, offsets, span.start, span.end, stated.toString());
        if (!mismatch.isEmpty())
            return which + QStringLiteral(": ") + mismatch;
    }
    const QJsonValue tokenStart = object.value(kTokenStart);
    const QJsonValue tokenEnd = object.value(kTokenEnd);
    if (tokens.isEmpty() || tokenStart.isUndefined() || tokenEnd.isUndefined())
        return QString();
    const auto first = TextImport::wholeNumber(tokenStart);
    const auto last = TextImport::wholeNumber(tokenEnd);
    if (!first || !last || *first < 0 || *last < *first || *last >= tokens.size())
        return which + QStringLiteral(
                           ": token_start %1 and token_end %2 are not tokens of the "
                           "line's %3")
                           .arg(tokenStart.toVariant().toString(), tokenEnd.toVariant().toString())
                           .arg(tokens.size());
    // token_end is inclusive.
    if (tokens.at(*first).start != span.start || tokens.at(*last).end != span.end)
        return which + QStringLiteral(
                           " at %1..%2: its tokens %3..%4 cover %5..%6 (token_end is "
                           "inclusive; offsets count code points)")
                           .arg(span.start)
                           .arg(span.end)
                           .arg(*first)
                           .arg(*last)
                           .arg(tokens.at(*first).start)
                           .arg(tokens.at(*last).end);
    return QString();
}

// The span a relation end names: by its "head_span"/"child_span" object, else
// by a token index inside a span's tokens. -1 when none.
int relationEnd(const QJsonObject& relation, const QString& spanKey, const QString& tokenKey,
                const QList<Span>& spans, const QList<QJsonObject>& sources) {
    const QJsonObject stated = relation.value(spanKey).toObject();
    const auto start = TextImport::wholeNumber(stated.value(kStart));
    const auto end = TextImport::wholeNumber(stated.value(kEnd));
    if (start && end) {
        for (int i = 0; i < spans.size(); ++i)
            if (spans.at(i).start == *start && spans.at(i).end == *end &&
                (!stated.value(kLabel).isString() ||
                 stated.value(kLabel).toString() == spans.at(i).label))
                return i;
        return -1;
    }
    const auto token = TextImport::wholeNumber(relation.value(tokenKey));
    if (!token)
        return -1;
    for (int i = 0; i < sources.size(); ++i) {
        const auto first = TextImport::wholeNumber(sources.at(i).value(kTokenStart));
        const auto last = TextImport::wholeNumber(sources.at(i).value(kTokenEnd));
        if (first && last && *first <= *token && *token <= *last)
            return i;
    }
    return -1;
}

Status readLine(QByteArrayView line, const QDir& baseDir, const QString& where,
                TextImport& import) {
    ImportSession& session = import.session();
    auto parsed = TextImport::parseJsonLine(line);
    if (!parsed.ok())
        return session.reportBad(where, parsed.error());
    const QJsonObject& object = *parsed;
    if (!object.value(kText).isString())
        return session.reportBad(where, QStringLiteral("\"text\" must be a string"));
    TextImport::Document document;
    document.text = object.value(kText).toString();
    document.id = TextImport::recordId(object.value(QLatin1String("id")));
    document.meta = object.value(QLatin1String("meta")).toObject();

    const QString answer = object.value(QLatin1String("answer")).toString();
    const bool rejected = answer == QLatin1String("reject") || answer == QLatin1String("ignore");
    if (rejected) {
        session.warn(where, QStringLiteral("answer \"%1\": imported as a plain task, without its "
                                           "spans")
                                .arg(answer));
        return import.add(std::move(document), baseDir, where);
    }
    const QJsonValue spansValue = object.value(kSpans);
    if (spansValue.isUndefined() || spansValue.isNull())
        return import.add(std::move(document), baseDir, where);
    if (!spansValue.isArray())
        return session.reportBad(where, QStringLiteral("\"spans\" must be a list"));
    if (import.tasksOnly())
        return import.add(std::move(document), baseDir, where);

    const TextOffsets offsets(document.text);
    QList<TokenEdges> tokens;
    if (const QString problem = readTokens(object.value(kTokens), tokens); !problem.isEmpty())
        return session.reportBad(where, problem);
    document.annotated = true;
    const QJsonArray spans = spansValue.toArray();
    QList<QJsonObject> sources;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        Span span;
        if (const QString problem = readSpan(spans.at(i), i, document.text, offsets, tokens, span);
            !problem.isEmpty())
            return session.reportBad(where, problem);
        document.annotation.spans << span;
        sources << spans.at(i).toObject();
    }
    const QJsonArray relations = object.value(QLatin1String("relations")).toArray();
    for (qsizetype i = 0; i < relations.size(); ++i) {
        const QJsonObject relation = relations.at(i).toObject();
        Relation r;
        r.from = relationEnd(relation, QStringLiteral("head_span"), QStringLiteral("head"),
                             document.annotation.spans, sources);
        r.to = relationEnd(relation, QStringLiteral("child_span"), QStringLiteral("child"),
                           document.annotation.spans, sources);
        r.label = relation.value(kLabel).toString();
        if (r.from < 0 || r.to < 0)
            return session.reportBad(
                where, QStringLiteral("relation %1 (%2): its head or child is none of the "
                                      "line's spans")
                           .arg(i + 1)
                           .arg(r.label));
        document.annotation.relations << r;
    }
    document.answers = object.value(QLatin1String("answers")).toObject();
    return import.add(std::move(document), baseDir, where);
}

// ---- writing ----

using comparisonexport::appendJson;
using comparisonexport::appendString;

// Where each span edge falls among the tokens, found while the tokens stream
// out: the first token starting at or after an edge, the last ending at or
// before it, and whether those tokens' edges are the span's edges exactly.
class EdgeIndex {
public:
    explicit EdgeIndex(QList<qsizetype> edges) : m_edges(std::move(edges)) {
        // A sorted list without duplicates is shared, not copied.
        if (!std::is_sorted(m_edges.cbegin(), m_edges.cend()))
            std::sort(m_edges.begin(), m_edges.end());
        if (std::adjacent_find(m_edges.cbegin(), m_edges.cend()) != m_edges.cend())
            m_edges.erase(std::unique(m_edges.begin(), m_edges.end()), m_edges.end());
        m_slots.resize(m_edges.size());
    }
    // Tokens arrive in order.
    void add(int index, const Token& token) {
        for (; m_starts < m_edges.size() && m_edges[m_starts] <= token.start; ++m_starts) {
            m_slots[m_starts].firstAfter = index;
            m_slots[m_starts].exactStart = m_edges[m_starts] == token.start;
        }
        settleEnds(token.end);
        m_lastToken = index;
        m_lastEnd = token.end;
    }
    void finish() { settleEnds(-1); }
    // Token range of [start, end) in UTF-16; false when no token lies inside.
    bool tokensOf(qsizetype start, qsizetype end, int& first, int& last, bool& exact) const {
        const qsizetype s = slot(start);
        const qsizetype e = slot(end);
        if (s < 0 || e < 0)
            return false;
        first = m_slots[s].firstAfter;
        last = m_slots[e].lastBefore;
        exact = m_slots[s].exactStart && m_slots[e].exactEnd;
        return first >= 0 && last >= first;
    }

private:
    // Edges before 'nextEnd' (all of them when it is -1) have seen their
    // last token ending at or before them.
    void settleEnds(qsizetype nextEnd) {
        for (; m_ends < m_edges.size() && (nextEnd < 0 || m_edges[m_ends] < nextEnd); ++m_ends) {
            m_slots[m_ends].lastBefore = m_lastToken;
            m_slots[m_ends].exactEnd = m_lastToken >= 0 && m_lastEnd == m_edges[m_ends];
        }
    }
    qsizetype slot(qsizetype edge) const {
        const auto it = std::lower_bound(m_edges.cbegin(), m_edges.cend(), edge);
        return it != m_edges.cend() && *it == edge ? it - m_edges.cbegin() : -1;
    }

    // What is known of each edge, in one list (one allocation a line).
    struct Slot {
        int firstAfter = -1;
        int lastBefore = -1;
        bool exactStart = false;
        bool exactEnd = false;
    };
    QList<qsizetype> m_edges;
    QList<Slot> m_slots;
    qsizetype m_starts = 0;
    qsizetype m_ends = 0;
    int m_lastToken = -1;
    qsizetype m_lastEnd = 0;
};

struct SpanTokens {
    int first = -1;
    int last = -1;
};

char* put(char* p, QByteArrayView bytes) {
    memcpy(p, bytes.data(), size_t(bytes.size()));
    return p + bytes.size();
}

void appendSpanObject(QByteArray& out, const TextTask& task, const Span& span,
                      const SpanTokens& tokens, bool withText) {
    // Written into room made once for the keys, numbers, label and text, as
    // the tokens are: ten pieces appended one by one were a tenth of the
    // export's time (tests/bench/RESULTS.md, NLP exports).
    static constexpr QByteArrayView kStartKey("{\"start\":");
    static constexpr QByteArrayView kEndKey(",\"end\":");
    static constexpr QByteArrayView kTokenStartKey(",\"token_start\":");
    static constexpr QByteArrayView kTokenEndKey(",\"token_end\":");
    static constexpr QByteArrayView kLabelKey(",\"label\":");
    static constexpr QByteArrayView kTextKey(",\"text\":");
    static constexpr qsizetype kRoom = kStartKey.size() + kEndKey.size() + kTokenStartKey.size() +
                                       kTokenEndKey.size() + kLabelKey.size() + kTextKey.size() +
                                       4 * jsonwriter::kIntegerRoom + 1;
    QStringView text;
    if (withText) {
        const qsizetype from = task.offsets.toUtf16(span.start);
        text = QStringView(task.text).mid(from, task.offsets.toUtf16(span.end) - from);
    }
    const qsizetype at = out.size();
    out.resize(at + kRoom + textexport::jsonStringRoom(span.label) +
               (withText ? textexport::jsonStringRoom(text) : 0));
    char* p = out.data() + at;
    p = jsonwriter::putInteger(put(p, kStartKey), span.start);
    p = jsonwriter::putInteger(put(p, kEndKey), span.end);
    if (tokens.first >= 0) {
        p = jsonwriter::putInteger(put(p, kTokenStartKey), tokens.first);
        p = jsonwriter::putInteger(put(p, kTokenEndKey), tokens.last);
    }
    p = textexport::putJsonString(put(p, kLabelKey), span.label);
    if (withText)
        p = textexport::putJsonString(put(p, kTextKey), text);
    out.resize(p - out.constData());
    if (withText) {
        if (!span.attrs.isEmpty()) {
            out.append(QByteArrayView(",\"attrs\":"));
            appendJson(out, span.attrs);
        }
        if (!span.note.isEmpty()) {
            out.append(QByteArrayView(",\"note\":"));
            appendString(out, span.note);
        }
    }
    out.append('}');
}

void appendLine(QByteArray& out, const TextTask& task, const TextAnnotationRow& annotation,
                detection::WarningTally& warnings) {
    const TextAnnotation& spans = annotation.spans;
    QList<qsizetype> cuts;
    cuts.reserve(spans.spans.size() * 2);
    for (const Span& span : spans.spans)
        cuts << task.offsets.toUtf16(span.start) << task.offsets.toUtf16(span.end);
    // Sorted once here, then shared by the edge index and the tokenizer.
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    EdgeIndex edges(cuts);

    out.append(QByteArrayView("{\"id\":"));
    textexport::appendJsonString(out, task.uid);
    out.append(QByteArrayView(",\"text\":"));
    textexport::appendJsonString(out, task.text);
    if (const QJsonValue meta = task.data.value(QLatin1String("meta")); meta.isObject()) {
        out.append(QByteArrayView(",\"meta\":"));
        appendJson(out, meta);
    }
    out.append(QByteArrayView(",\"tokens\":["));
    Tokenizer tokenizer(task.text, cuts);
    Token token;
    int index = 0;
    // Most of the file is tokens: each is written into room made once for
    // it, not appended piece by piece (tests/bench/RESULTS.md, NLP exports).
    static constexpr QByteArrayView kTextKey(",{\"text\":");
    static constexpr QByteArrayView kStartKey(",\"start\":");
    static constexpr QByteArrayView kEndKey(",\"end\":");
    static constexpr QByteArrayView kIdKey(",\"id\":");
    static constexpr QByteArrayView kWsTrue(",\"ws\":true}");
    static constexpr QByteArrayView kWsFalse(",\"ws\":false}");
    static constexpr qsizetype kTokenRoom = kTextKey.size() + kStartKey.size() + kEndKey.size() +
                                            kIdKey.size() + kWsFalse.size() +
                                            3 * jsonwriter::kIntegerRoom;
    textexport::OutputRoom room(out);
    TextOffsets::Forward codePoints(task.offsets);  // tokens come in order
    while (tokenizer.next(token)) {
        edges.add(index, token);
        const QStringView text = QStringView(task.text).mid(token.start, token.end - token.start);
        char* p = room.room(kTokenRoom + textexport::jsonStringRoom(text));
        // The comma only between tokens.
        p = index > 0 ? put(p, kTextKey) : put(p, kTextKey.sliced(1));
        p = textexport::putJsonString(p, text);
        p = jsonwriter::putInteger(put(p, kStartKey), codePoints.toCodePoint(token.start));
        p = jsonwriter::putInteger(put(p, kEndKey), codePoints.toCodePoint(token.end));
        p = jsonwriter::putInteger(put(p, kIdKey), index);
        p = put(p, token.whitespaceAfter ? kWsTrue : kWsFalse);
        room.done(p);
        ++index;
    }
    room.finish();
    edges.finish();
    out.append(QByteArrayView("],\"spans\":["));
    QList<SpanTokens> spanTokens(spans.spans.size());
    for (qsizetype i = 0; i < spans.spans.size(); ++i) {
        const Span& span = spans.spans.at(i);
        bool exact = false;
        SpanTokens& range = spanTokens[i];
        if (!edges.tokensOf(task.offsets.toUtf16(span.start), task.offsets.toUtf16(span.end),
                            range.first, range.last, exact)) {
            range = SpanTokens();
            warnings.add(QStringLiteral("spans without tokens"),
                         QStringLiteral("%1, %2's annotation: span %3 (%4) holds only "
                                        "whitespace: written without token_start/token_end")
                             .arg(task.describe(), annotation.annotator,
                                  TextImport::quote(task.text, task.offsets, span.start, span.end),
                                  span.label));
        } else if (!exact) {
            warnings.add(QStringLiteral("spans with whitespace at an edge"),
                         QStringLiteral("%1, %2's annotation: span %3 (%4) starts or ends with "
                                        "whitespace; spaCy's Doc.char_span refuses such a span")
                             .arg(task.describe(), annotation.annotator,
                                  TextImport::quote(task.text, task.offsets, span.start, span.end),
                                  span.label));
        }
        if (i > 0)
            out.append(',');
        appendSpanObject(out, task, span, range, true);
    }
    out.append(']');
    if (!spans.relations.isEmpty()) {
        out.append(QByteArrayView(",\"relations\":["));
        for (qsizetype i = 0; i < spans.relations.size(); ++i) {
            const Relation& relation = spans.relations.at(i);
            if (i > 0)
                out.append(',');
            out.append(QByteArrayView("{\"head\":"));
            jsonwriter::appendInteger(out, spanTokens.at(relation.from).last);
            out.append(QByteArrayView(",\"child\":"));
            jsonwriter::appendInteger(out, spanTokens.at(relation.to).last);
            out.append(QByteArrayView(",\"label\":"));
            appendString(out, relation.label);
            out.append(QByteArrayView(",\"head_span\":"));
            appendSpanObject(out, task, spans.spans.at(relation.from), spanTokens.at(relation.from),
                             false);
            out.append(QByteArrayView(",\"child_span\":"));
            appendSpanObject(out, task, spans.spans.at(relation.to), spanTokens.at(relation.to),
                             false);
            out.append('}');
        }
        out.append(']');
    }
    if (const QJsonValue answers = annotation.hasAnswers()
                                       ? annotation.result().value(QLatin1String("answers"))
                                       : QJsonValue();
        answers.isObject() && !answers.toObject().isEmpty()) {
        out.append(QByteArrayView(",\"answers\":"));
        appendJson(out, answers);
    }
    if (annotation.status == QLatin1String("submitted"))
        out.append(QByteArrayView(",\"answer\":\"accept\""));
    else if (annotation.status == QLatin1String("skipped"))
        out.append(QByteArrayView(",\"answer\":\"ignore\""));
    out.append(QByteArrayView(",\"_annotator_id\":"));
    appendString(out, annotation.annotator);
    out.append(QByteArrayView("}\n"));
}

}  // namespace

bool SpacyFormat::probe(const QString& path) const {
    if (!Format::probe(path))
        return false;
    const QJsonObject first = TextImport::firstJsonLine(path);
    return !first.contains(QLatin1String("data")) && first.value(kText).isString() &&
           (first.value(kSpans).isArray() || first.value(kTokens).isArray());
}

Status SpacyFormat::read(const QString& path, ImportSession& session) {
    TextImport import(session, name());
    Status s = readJsonLines(
        path, session, [&import](QByteArrayView line, const QDir& baseDir, const QString& where) {
            return readLine(line, baseDir, where, import);
        });
    if (!s.ok())
        return s;
    return import.finish();
}

Status SpacyFormat::write(Project& project, const QString& path, const ExportOptions& options,
                          ExportReport& report) {
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    detection::WarningTally tokenWarnings;  // reading the spans, writing the lines
    qint64 unannotated = 0;
    // The reading thread only reads rows; the text, its offsets and the
    // spans are read on the workers with the rest (tests/bench/RESULTS.md).
    textexport::ParallelLines<detection::WarningTally, textexport::RawTextTask> lines(
        file, tokenWarnings,
        [](const textexport::RawTextTask& raw, QByteArray& out, detection::WarningTally& tally) {
            const TextTask task = textexport::cook(textexport::RawTextTask(raw), tally);
            for (const TextAnnotationRow& annotation : task.annotations)
                appendLine(out, task, annotation, tally);
        });
    Status visited = textexport::forEachRawTextTask(
        project, options, report, [&](textexport::RawTextTask&& task) -> Status {
            if (task.annotations.isEmpty()) {
                ++unannotated;
                return Status::success();
            }
            report.annotations += task.annotations.size();
            ++report.tasks;
            return lines.add(task);
        });
    if (!visited.ok())
        return visited;
    if (Status s = lines.finish(); !s.ok())
        return s;
    if (Status s = file.commit(); !s.ok())
        return s;
    tokenWarnings.flushInto(report.warnings);
    textexport::warnUnannotated(report, unannotated);
    return Status::success();
}

}  // namespace postil
