#include "quality/segmentmatching.h"

#include <QSet>
#include <algorithm>

#include "quality/hungarian.h"
#include "quality/intervalclusters.h"

namespace postil::quality {

namespace {

QList<qint64> boundaryTimes(const QList<Segment>& segments) {
    QSet<qint64> times;
    for (const Segment& s : segments) {
        times.insert(s.startMs);
        times.insert(s.endMs);
    }
    QList<qint64> sorted(times.begin(), times.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

}  // namespace

QStringList transcriptWords(const QString& text) {
    QStringList words;
    QString word;
    for (const QChar c : text) {
        if (c.isSpace()) {
            if (!word.isEmpty())
                words << word;
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.isEmpty())
        words << word;
    return words;
}

qint64 wordEditDistance(const QStringList& a, const QStringList& b) {
    QList<qint64> previous(b.size() + 1);
    QList<qint64> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qint64 substitution = previous.at(j - 1) + (a.at(i - 1) == b.at(j - 1) ? 0 : 1);
            current[j] = std::min({previous.at(j) + 1, current.at(j - 1) + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous.at(b.size());
}

SegmentMatch matchSegments(const QList<Segment>& a, const QList<Segment>& b, qint64 toleranceMs) {
    SegmentMatch match;

    const QList<qint64> timesA = boundaryTimes(a);
    const QList<qint64> timesB = boundaryTimes(b);
    match.boundaries.itemsA = timesA.size();
    match.boundaries.itemsB = timesB.size();
    // Points on a line, each matching those within the tolerance: taking the
    // earliest free partner in time order gives a largest matching (the
    // windows are ordered as the points are), in linear time.
    for (qsizetype i = 0, j = 0; i < timesA.size() && j < timesB.size();) {
        if (timesB.at(j) < timesA.at(i) - toleranceMs) {
            ++j;
        } else if (timesB.at(j) > timesA.at(i) + toleranceMs) {
            ++i;
        } else {
            ++match.boundaries.matches;
            ++i;
            ++j;
        }
    }

    match.segments.itemsA = a.size();
    match.segments.itemsB = b.size();
    QList<std::pair<double, double>> intervalsA;
    QList<std::pair<double, double>> intervalsB;
    for (const Segment& s : a)
        intervalsA.append({double(s.startMs), double(s.endMs)});
    for (const Segment& s : b)
        intervalsB.append({double(s.startMs), double(s.endMs)});
    for (const IntervalCluster& cluster : overlapClusters(intervalsA, intervalsB)) {
        const int rows = int(cluster.a.size());
        const int columns = int(cluster.b.size());
        if (rows == 0 || columns == 0)
            continue;
        QList<double> weights(qsizetype(rows) * columns, 0.0);
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < columns; ++j) {
                const auto& x = intervalsA.at(cluster.a.at(i));
                const auto& y = intervalsB.at(cluster.b.at(j));
                weights[qsizetype(i) * columns + j] =
                    intervalIoU(x.first, x.second, y.first, y.second);
            }
        const QList<int> assigned = maximumWeightAssignment(weights, rows, columns);
        for (int i = 0; i < rows; ++i) {
            const int j = assigned.at(i);
            if (j < 0 || weights.at(qsizetype(i) * columns + j) <= 0)
                continue;
            ++match.segments.matches;
            match.segments.overlapSum += weights.at(qsizetype(i) * columns + j);
            const QStringList reference = transcriptWords(a.at(cluster.a.at(i)).text);
            match.referenceWords += reference.size();
            match.wordEdits +=
                wordEditDistance(reference, transcriptWords(b.at(cluster.b.at(j)).text));
        }
    }
    return match;
}

}  // namespace postil::quality
