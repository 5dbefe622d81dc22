#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

#include "formats/format.h"
#include "formats/streamedfile.h"
#include "store/status.h"

namespace postil {

class Project;

// What the comparison exports (trl, hh-rlhf, ratings, critiques) share: one streaming query over
// comparison tasks and their annotations, one buffered output file, and one place that turns
// prompts and responses into the text or messages a format wants.
namespace comparisonexport {

struct AnnotationRow {
    QString annotator;
    QString status;
    QJsonObject result;
    qint64 leadMs = 0;
    qint64 hlc = 0;
    bool isReview = false;  // a reviewer's adjudication row
};

struct ComparisonTask {
    qint64 id = 0;
    QString uid;
    QJsonObject data;
    QList<AnnotationRow> annotations;  // by annotator name; may be empty
};

// Calls 'visit' for every comparison task in import order with its live
// annotations that pass the annotator and status filters, from one streaming
// query; stops at the first failure 'visit' returns. Reports progress in tasks.
// Other kinds of task are passed over; a project without comparison tasks
// gets a warning in 'report'.
Status forEachComparisonTask(Project& project, const ExportOptions& options, ExportReport& report,
                             const std::function<Status(const ComparisonTask&)>& visit);

bool hasOption(const ExportOptions& options, const char* name);

// Appends any JSON value, compact, escaped as QJsonDocument escapes.
void appendJson(QByteArray& out, const QJsonValue& value);
void appendString(QByteArray& out, const QString& text);

// A prompt or response as messages: a string becomes one message with
// 'roleForText'; a message list is used as is.
QJsonArray messagesOf(const QJsonValue& content, const QString& roleForText);
// A prompt or response as one string for formats without roles: a string as
// is, a single message as its content, several messages as "Role: content"
// blocks joined with blank lines, so who said what is not lost.
QString flatText(const QJsonValue& content);
// HH-RLHF transcript pieces: user turns become "\n\nHuman: ", assistant turns
// "\n\nAssistant: "; a string prompt is one Human turn, a string response one
// Assistant turn. Leading system messages go before the first turn, as plain
// text (where the old Human/Assistant prompt format put a system prompt); a
// system message later in a conversation becomes a Human turn, since the
// transcript has only those two speakers.
QString hhTranscript(const QJsonValue& content, bool isPrompt);

// The order the annotator saw the responses in (ComparisonResult::order),
// for the formats that carry evaluator text: critiques, rewrites and flag
// comments say "A" and "B" while exports name responses canonically. The
// order is nullopt when the annotation does not store it (imported from
// elsewhere): its letters are unknown.
// "display_order": canonical index per position shown, e.g. [1, 0]; null when unknown.
QJsonValue displayOrderJson(const std::optional<QList<int>>& order);
// "shown_as": the letter each response had, {"A": 1, "B": 0}; null when unknown.
QJsonValue shownAsJson(const std::optional<QList<int>>& order);
// The letter canonical response `response` had ("B"); empty when unknown.
QString letterOf(const std::optional<QList<int>>& order, int response);

// "2024-05-01T12:00:00.000Z" from a hybrid logical clock stamp.
QString isoTimeOfHlc(qint64 hlc);

}  // namespace comparisonexport
}  // namespace postil
