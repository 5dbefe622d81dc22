#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

#include "model/taskkind.h"
#include "store/status.h"
#include "text/textoffsets.h"

namespace postil {

class LabelStudioImport;

// What a task's results are read against: its kind and what bounds them.
struct LabelStudioTaskFacts {
    TaskKind kind = TaskKind::Text;
    QSize imageSize;         // the displayed size; invalid when the image cannot be read
    qint64 durationMs = -1;  // the audio's length; -1 when unknown
    QString text;            // a text task's text
    TextOffsets offsets;     // of 'text'
    QStringList responses;   // a comparison's responses as comparison::contentText
};

// One annotation's (or prediction's) "result" list of a Label Studio task as
// the result object Postil stores for the task's kind (docs/architecture.md
// §4). Regions (rectanglelabels, labels) come first; results with a region's
// id are its attributes, note, transcript or comment; relations join spans;
// everything else answers a question (choices, rating, textarea, number) or,
// in a comparison, gives the verdict (pairwise, preference, both_bad,
// ranking, critique, rewrite, rubric ratings). The result is checked by the
// kind's strict codec; a failure names the result ("result 3: ...").
class LabelStudioResultReader {
public:
    LabelStudioResultReader(LabelStudioImport& import, const LabelStudioTaskFacts& task,
                            const QString& where);
    // 'which' names the annotation in warnings ("annotation 2 (by bob)").
    Expected<QJsonObject> read(const QJsonArray& results, const QString& which);

private:
    LabelStudioImport& m_import;
    const LabelStudioTaskFacts& m_task;
    QString m_where;
};

}  // namespace postil
