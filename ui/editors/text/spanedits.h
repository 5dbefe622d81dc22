#pragma once

#include "model/spanresult.h"

namespace postil {

// The edits of the text editor on a TextAnnotation, apart from any widget so
// that they are tested alone. Each leaves the spans in reading order
// (TextAnnotation::sort, relations renumbered) and returns where the span it
// is about ended up.
namespace spanedit {

// Adds 'span' unless a span with its label and offsets is there already;
// returns the index of the new span or of the one found.
int add(TextAnnotation& annotation, const Span& span);
// Gives span 'index' the label; when that makes it the twin of another span
// (same label and offsets) the relabelled one goes and the twin's index is
// returned. -1 when 'index' is not a span.
int relabel(TextAnnotation& annotation, int index, const QString& label);

}  // namespace spanedit
}  // namespace postil
