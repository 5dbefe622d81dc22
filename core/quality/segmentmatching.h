#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include "model/segmentresult.h"
#include "quality/matchtally.h"

namespace postil::quality {

// Two annotators' segments on one audio.
struct SegmentMatch {
    // Boundaries: every segment's start and end (a time both annotators'
    // segments share counts once per annotator), matched one-to-one when
    // they lie within the tolerance of each other (as many as can be).
    MatchTally boundaries;
    // Segments matched one-to-one by the Hungarian assignment on their time
    // IoU (any overlap counts, whatever the speaker).
    MatchTally segments;
    // Over the matched segments, a's transcript as the reference: the words
    // it has and the word edits (substitutions, deletions, insertions) that
    // turn it into b's.
    qint64 referenceWords = 0;
    qint64 wordEdits = 0;
};

SegmentMatch matchSegments(const QList<Segment>& a, const QList<Segment>& b, qint64 toleranceMs);

// The words of a transcript: split at Unicode white space, as Python's
// str.split() does, nothing else changed.
QStringList transcriptWords(const QString& text);
// Levenshtein distance of two word sequences (NLTK's edit_distance on lists).
qint64 wordEditDistance(const QStringList& a, const QStringList& b);

}  // namespace postil::quality
