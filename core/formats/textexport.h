#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <algorithm>
#include <functional>
#include <optional>

#include "formats/detectionsupport.h"

#include "formats/format.h"
#include "model/spanresult.h"
#include "store/status.h"
#include "text/textoffsets.h"

namespace postil {

class Project;

// What the NLP exports (spacy, doccano, conll, brat, textcat)
// share: one streaming query over text tasks and their annotations, each
// result read through the span codec (model/spanresult) against the text's
// length, and warnings that name the task without repeating 100,000 times
// (detection::WarningTally).
namespace textexport {

struct TextAnnotationRow {
    QString annotator;
    QString status;
    QByteArray resultJson;  // the stored result as it is in the file
    TextAnnotation spans;   // read from it through the span codec
    qint64 leadMs = 0;
    bool isReview = false;

    // The whole stored result (answers included), parsed on first use: most
    // exports need only the spans, which the codec's scanner reads faster.
    const QJsonObject& result() const;
    // Whether the result holds "answers" (without parsing it when it does not).
    bool hasAnswers() const { return resultJson.contains("\"answers\""); }

private:
    mutable std::optional<QJsonObject> m_result;
};

struct TextTask {
    qint64 id = 0;
    QString uid;
    QJsonObject data;
    QString text;
    TextOffsets offsets;                   // of 'text', built once per task
    QList<TextAnnotationRow> annotations;  // by annotator name; may be empty

    // "task 12 (msg-7)" for messages.
    QString describe() const;
    // The text between code points 'start' and 'end' (valid offsets).
    QString slice(qint64 start, qint64 end) const;
};

// A text task as its row holds it, before any parsing: what the reading
// thread of an export gives its workers (formats/parallellines).
struct RawTextTask {
    qint64 id = 0;
    QString uid;
    QByteArray data;                       // the task's stored JSON
    QList<TextAnnotationRow> annotations;  // spans not read yet
};
// Reads a raw task's text and its annotations' spans (spanresult::scan,
// else read, against the text's length); spans that are not spans of this
// text are left out with a warning naming the task and annotator.
TextTask cook(RawTextTask&& raw, detection::WarningTally& warnings);
// forEachTextTask without the cooking: every text task's row as it is, from
// the same streaming query, with the same progress, cancel and filters.
Status forEachRawTextTask(Project& project, const ExportOptions& options, ExportReport& report,
                          const std::function<Status(RawTextTask&&)>& visit);

// Calls 'visit' for every text task in import order with its live
// annotations that pass the annotator and status filters, from one streaming
// query; stops at the first failure 'visit' returns. Spans that are not
// spans of this text (past its end, say) are left out with a warning naming
// the task and annotator. Reports progress and takes cancel once per task
// (ExportOptions::taskDone). Other kinds are passed over; a project without
// text tasks gets a warning.
Status forEachTextTask(Project& project, const ExportOptions& options, ExportReport& report,
                       detection::WarningTally& warnings,
                       const std::function<Status(const TextTask&)>& visit);

// Appends 'text' as a quoted JSON string in UTF-8, escaped exactly as
// jsonwriter::appendString (and QJsonDocument) escape, a lone surrogate as
// U+FFFD (where QString::toUtf8 writes '?'): one pass and no allocation per string,
// for the exports that write every token of every text.
void appendJsonString(QByteArray& out, QStringView text);
// The most bytes putJsonString writes for 'text': 6 per UTF-16 unit (\u00xx)
// and the quotes.
inline qsizetype jsonStringRoom(QStringView text) {
    return 2 + text.size() * 6;
}
// appendJsonString into room the caller made (jsonStringRoom bytes at 'p');
// returns the end.
char* putJsonString(char* p, QStringView text);
// The same without quotes or escapes: plain UTF-8.
void appendUtf8(QByteArray& out, QStringView text);
// The most bytes putUtf8 writes for 'text': 3 per UTF-16 unit.
inline qsizetype utf8Room(QStringView text) {
    return text.size() * 3;
}
// appendUtf8 into room the caller made (utf8Room bytes at 'p'); returns the end.
char* putUtf8(char* p, QStringView text);

// Room in 'out' for many small writes (tokens, CoNLL rows) without a
// resize each: the array's size runs ahead of what is written, by half
// again, and finish() cuts it back. Two resizes a token were a twentieth
// of the spaCy export's time (tests/bench/RESULTS.md, NLP exports). Nothing
// else may touch 'out' until finish().
class OutputRoom {
public:
    explicit OutputRoom(QByteArray& out) : m_out(out), m_used(out.size()) {}
    OutputRoom(const OutputRoom&) = delete;
    OutputRoom& operator=(const OutputRoom&) = delete;
    // Where to write at least 'bytes' bytes; give the end to done().
    char* room(qsizetype bytes) {
        if (m_used + bytes > m_out.size())
            m_out.resize(std::max(m_used + bytes, m_out.size() + m_out.size() / 2 + 4096));
        return m_out.data() + m_used;
    }
    void done(const char* end) { m_used = end - m_out.constData(); }
    void finish() { m_out.resize(m_used); }

private:
    QByteArray& m_out;
    qsizetype m_used;
};

// The warning every text export gives for the text tasks it left out
// because no annotation passed the filters; nothing when `count` is 0.
void warnUnannotated(ExportReport& report, qsizetype count);

// The answer to question 'name' in a result's "answers", undefined when none.
QJsonValue answerOf(const QJsonObject& result, const QString& name);

}  // namespace textexport
}  // namespace postil
