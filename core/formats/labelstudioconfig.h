#pragma once

#include <QByteArray>

namespace postil {

class Schema;
struct LabelStudioSeen;

namespace labelstudio {

// The labeling config (Label Studio's XML) that shows and edits what the
// export wrote: per kind written, its object (Image, Text, Audio, the prompt
// and answer1..N as Text or, for message lists, Paragraphs), the schema's
// labels (RectangleLabels, Labels for spans, speakers and flags), per-region
// attributes, the span note, the transcript, relations, the comparison's
// Pairwise, 7-point verdict, both-bad, ranking, rubric ratings, critique and
// rewrite, and the questions (Choices, Rating, TextArea). Names are those of
// labelstudionames.h, so the results the export wrote fit it. Names the
// export met that the schema lacks are offered too.
QByteArray labelingConfig(const Schema& schema, const LabelStudioSeen& seen);

}  // namespace labelstudio
}  // namespace postil
