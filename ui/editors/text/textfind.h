#pragma once

#include <QList>
#include <QString>

#include "editors/text/spanpainter.h"

namespace postil {

// What the find bar looks for.
struct FindQuery {
    QString pattern;
    bool regex = false;
    bool caseSensitive = false;
};

struct FindResult {
    QList<TextMark> matches;  // UTF-16, in order, not overlapping
    QString error;            // a pattern that does not compile, said why
    bool truncated = false;   // more than the limit matched
};

// Every match of 'query' in 'text', each widened to whole grapheme clusters
// (a match never splits what shows as one character), empty matches left
// out; at most 'limit'.
FindResult findAll(const QString& text, const FindQuery& query, int limit = 50000);

}  // namespace postil
