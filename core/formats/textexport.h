#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>

#include "formats/detectionsupport.h"

#include "formats/format.h"
#include "model/spanresult.h"
#include "store/status.h"
#include "text/textoffsets.h"

namespace postil {

class Project;

// What the NLP exports (spacy, doccano, conll, brat, labelstudio, textcat)
// share: one streaming query over text tasks and their annotations, each
// result read through the span codec (model/spanresult) against the text's
// length, and warnings that name the task without repeating 100,000 times
// (detection::WarningTally).
namespace textexport {

struct TextAnnotationRow {
    QString annotator;
    QString status;
    QJsonObject result;  // the whole stored result (answers included)
    TextAnnotation spans;
    qint64 leadMs = 0;
    bool isReview = false;
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

// The answer to question 'name' in a result's "answers", undefined when none.
QJsonValue answerOf(const QJsonObject& result, const QString& name);

}  // namespace textexport
}  // namespace postil
