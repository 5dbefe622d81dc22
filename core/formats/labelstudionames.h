#pragma once

#include <QString>

#include "model/taskkind.h"

// The names the labelstudio format gives Label Studio's tags: the labeling
// config's object and control names and, as the same strings, the
// "from_name"/"to_name" of every result it writes. The import reads results
// by these names and by their types, so a file made by Label Studio from our
// config, or by our export, reads back with every answer.
namespace postil::labelstudio {

// Objects (to_name): the task data's keys.
inline QString imageObject() {
    return QStringLiteral("image");
}
inline QString textObject() {
    return QStringLiteral("text");
}
inline QString audioObject() {
    return QStringLiteral("audio");
}
inline QString promptObject() {
    return QStringLiteral("prompt");
}
// Response N (0-based) of a comparison: data.answer1, answer2, ... as in
// Label Studio's pairwise template.
inline QString answerObject(int response) {
    return QStringLiteral("answer%1").arg(response + 1);
}
// The response an "answerN" names; -1 for anything else.
int responseOfObject(const QString& name);
// The object a question or attribute of a task of 'kind' points at.
QString objectOf(TaskKind kind);

// Controls (from_name).
inline QString boxControl() {
    return QStringLiteral("box");
}  // RectangleLabels
inline QString spanControl() {
    return QStringLiteral("label");
}  // Labels on text
inline QString noteControl() {
    return QStringLiteral("note");
}  // a span's note
inline QString speakerControl() {
    return QStringLiteral("speaker");
}  // Labels on audio
inline QString transcriptControl() {
    return QStringLiteral("transcription");
}  // per region
inline QString pairwiseControl() {
    return QStringLiteral("comparison");
}  // Pairwise
inline QString preferenceControl() {
    return QStringLiteral("preference");
}  // 7-point choices
inline QString bothBadControl() {
    return QStringLiteral("both_bad");
}
inline QString critiqueControl() {
    return QStringLiteral("critique");
}
inline QString rewriteControl() {
    return QStringLiteral("rewrite");
}
inline QString rankingControl() {
    return QStringLiteral("ranking");
}
// Flags inside response N, and their comments.
inline QString flagControl(int response) {
    return QStringLiteral("flag_") + answerObject(response);
}
inline QString commentControl(int response) {
    return QStringLiteral("comment_") + answerObject(response);
}
// A rubric dimension's score of response N: Rating "DIMENSION_answerN".
inline QString rubricControl(const QString& dimension, int response) {
    return dimension + QLatin1Char('_') + answerObject(response);
}

// The 7-point verdict as choices: the stored preference (-3..3) is the
// choice's alias, which Label Studio stores in the result.
QString preferenceWords(int preference);

// Postil's annotator names have no '@'; Label Studio's users are e-mail
// addresses. A name without '@' leaves as NAME@postil.invalid (a reserved
// domain that reaches nobody) and comes back as NAME.
QString userOfAnnotator(const QString& annotator);
QString annotatorOfUser(const QString& user);

}  // namespace postil::labelstudio
