#include "editors/text/spanedits.h"

namespace postil::spanedit {

int add(TextAnnotation& annotation, const Span& span) {
    const int found = annotation.find(span.label, span.start, span.end);
    if (found >= 0)
        return found;
    annotation.spans.append(span);
    const int added = int(annotation.spans.size()) - 1;
    return annotation.sort().value(added, -1);
}

int relabel(TextAnnotation& annotation, int index, const QString& label) {
    if (index < 0 || index >= annotation.spans.size())
        return -1;
    Span& span = annotation.spans[index];
    if (span.label == label)
        return index;
    const int twin = annotation.find(label, span.start, span.end);
    if (twin >= 0) {
        annotation.removeSpan(index);
        return twin > index ? twin - 1 : twin;
    }
    span.label = label;
    return annotation.sort().value(index, -1);
}

}  // namespace postil::spanedit
