#include "quality/pairtallies.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>

#include "quality/boxmatching.h"
#include "quality/categoricalagreement.h"
#include "quality/rankcorrelation.h"
#include "quality/segmentmatching.h"
#include "quality/spanmatching.h"

namespace postil::quality {

namespace {

template <class T, class F>
void forEachPair(const ByAnnotator<T>& values, F&& f) {
    for (qsizetype i = 0; i < values.size(); ++i)
        for (qsizetype j = i + 1; j < values.size(); ++j)
            f(AnnotatorPair{values.at(i).first, values.at(j).first}, values.at(i).second,
              values.at(j).second);
}

QJsonObject pairHead(const AnnotatorPair& pair) {
    return {{QStringLiteral("a"), pair.first}, {QStringLiteral("b"), pair.second}};
}

MatchTally sum(const QMap<QString, MatchTally>& labels) {
    MatchTally total;
    for (const MatchTally& t : labels)
        total.add(t);
    return total;
}

// An object's keys put into another (a tally's figures into its pair).
void merge(QJsonObject& into, const QJsonObject& from) {
    for (auto it = from.begin(); it != from.end(); ++it)
        into.insert(it.key(), it.value());
}

// Ranks per response (the group index, lower is better) for responses the
// ranking places; -1 for the others.
QList<int> ranks(const ComparisonResult& result) {
    QList<int> out(result.responseCount(), -1);
    const ComparisonResult::Ranking& ranking = result.ranking();
    for (int group = 0; group < ranking.size(); ++group)
        for (int response : ranking.at(group))
            if (response >= 0 && response < out.size())
                out[response] = group;
    return out;
}

}  // namespace

std::optional<int> verdictDirection(const ComparisonResult& result) {
    if (const auto p = result.preference())
        return *p < 0 ? -1 : (*p > 0 ? 1 : 0);
    if (result.isBothBad())
        return 0;
    return std::nullopt;
}

void BoxAgreement::addImage(const ByAnnotator<QList<Box>>& boxes) {
    forEachPair(boxes, [&](const AnnotatorPair& key, const QList<Box>& a, const QList<Box>& b) {
        Pair& pair = m_pairs[key];
        ++pair.images;
        const QMap<QString, MatchTally> labels = matchBoxes(a, b, m_threshold);
        for (auto it = labels.begin(); it != labels.end(); ++it)
            pair.labels[it.key()].add(it.value());
    });
}

QJsonObject BoxAgreement::toJson() const {
    QJsonArray pairs;
    const QString noun = QStringLiteral("boxes");
    for (auto it = m_pairs.begin(); it != m_pairs.end(); ++it) {
        QJsonObject pair = pairHead(it.key());
        pair.insert(QStringLiteral("images"), it->images);
        merge(pair, sum(it->labels).toJson(noun, true));
        QJsonObject labels;
        for (auto label = it->labels.begin(); label != it->labels.end(); ++label)
            labels.insert(label.key(), label->toJson(noun, true));
        pair.insert(QStringLiteral("labels"), labels);
        pairs.append(pair);
    }
    return {{QStringLiteral("iou_threshold"), m_threshold}, {QStringLiteral("pairs"), pairs}};
}

void SpanAgreement::addText(const ByAnnotator<TextAnnotation>& spans) {
    forEachPair(spans,
                [&](const AnnotatorPair& key, const TextAnnotation& a, const TextAnnotation& b) {
                    Pair& pair = m_pairs[key];
                    ++pair.texts;
                    const SpanMatch match = matchSpans(a, b);
                    for (auto it = match.exact.begin(); it != match.exact.end(); ++it)
                        pair.exact[it.key()].add(it.value());
                    for (auto it = match.overlap.begin(); it != match.overlap.end(); ++it)
                        pair.overlap[it.key()].add(it.value());
                    pair.relations.add(match.relations);
                });
}

QJsonObject SpanAgreement::toJson() const {
    QJsonArray pairs;
    const QString noun = QStringLiteral("spans");
    for (auto it = m_pairs.begin(); it != m_pairs.end(); ++it) {
        QJsonObject pair = pairHead(it.key());
        pair.insert(QStringLiteral("texts"), it->texts);
        pair.insert(QStringLiteral("exact"), sum(it->exact).toJson(noun, false));
        pair.insert(QStringLiteral("overlap"), sum(it->overlap).toJson(noun, true));
        pair.insert(QStringLiteral("relations"),
                    it->relations.toJson(QStringLiteral("relations"), false));
        QJsonObject labels;
        for (auto label = it->exact.begin(); label != it->exact.end(); ++label)
            labels.insert(label.key(),
                          QJsonObject{{QStringLiteral("exact"), label->toJson(noun, false)},
                                      {QStringLiteral("overlap"),
                                       it->overlap.value(label.key()).toJson(noun, true)}});
        pair.insert(QStringLiteral("labels"), labels);
        pairs.append(pair);
    }
    return {{QStringLiteral("pairs"), pairs}};
}

void SegmentAgreement::addAudio(const ByAnnotator<QList<Segment>>& segments) {
    forEachPair(segments,
                [&](const AnnotatorPair& key, const QList<Segment>& a, const QList<Segment>& b) {
                    Pair& pair = m_pairs[key];
                    ++pair.audios;
                    const SegmentMatch match = matchSegments(a, b, m_tolerance);
                    pair.boundaries.add(match.boundaries);
                    pair.segments.add(match.segments);
                    pair.referenceWords += match.referenceWords;
                    pair.wordEdits += match.wordEdits;
                });
}

QJsonObject SegmentAgreement::toJson() const {
    QJsonArray pairs;
    for (auto it = m_pairs.begin(); it != m_pairs.end(); ++it) {
        QJsonObject pair = pairHead(it.key());
        pair.insert(QStringLiteral("audios"), it->audios);
        pair.insert(QStringLiteral("boundaries"),
                    it->boundaries.toJson(QStringLiteral("boundaries"), false));
        pair.insert(QStringLiteral("segments"),
                    it->segments.toJson(QStringLiteral("segments"), true));
        pair.insert(QStringLiteral("reference_words"), it->referenceWords);
        pair.insert(QStringLiteral("word_edits"), it->wordEdits);
        putFigure(pair, QStringLiteral("word_error_rate"),
                  it->referenceWords > 0
                      ? Figure::of(double(it->wordEdits) / double(it->referenceWords))
                      : Figure::undefined(
                            QStringLiteral("the matched segments of the first annotator have "
                                           "no words")));
        pairs.append(pair);
    }
    return {{QStringLiteral("tolerance_ms"), m_tolerance}, {QStringLiteral("pairs"), pairs}};
}

void ComparisonAgreement::addComparison(const ByAnnotator<ComparisonResult>& verdicts) {
    QHash<QString, int> item;
    for (const auto& [annotator, result] : verdicts) {
        if (const auto p = result.preference()) {
            item.insert(annotator, *p + 3);
            if (!m_annotators.contains(annotator))
                m_annotators << annotator;
        }
    }
    if (!item.isEmpty())
        m_verdicts << item;
    forEachPair(verdicts, [&](const AnnotatorPair& key, const ComparisonResult& a,
                              const ComparisonResult& b) {
        const auto da = verdictDirection(a);
        const auto db = verdictDirection(b);
        const QList<int> ra = ranks(a);
        const QList<int> rb = ranks(b);
        QList<int> x;
        QList<int> y;
        for (int i = 0; i < qMin(ra.size(), rb.size()); ++i)
            if (ra.at(i) >= 0 && rb.at(i) >= 0) {
                x << ra.at(i);
                y << rb.at(i);
            }
        const Figure tau = kendallTauB(x, y);
        if (!da && !db && !tau.isDefined())
            return;
        Pair& pair = m_pairs[key];
        if (da && db) {
            ++pair.tasks;
            pair.agreeing += *da == *db ? 1 : 0;
            // MT-Bench's "without tie": only votes where neither says tie.
            if (*da != 0 && *db != 0) {
                ++pair.tasksWithoutTies;
                pair.agreeingWithoutTies += *da == *db ? 1 : 0;
            }
        }
        if (tau.isDefined()) {
            ++pair.rankedTasks;
            pair.tauSum += *tau.value;
        }
    });
}

QJsonObject ComparisonAgreement::toJson() const {
    RatingTable table;
    table.annotators = m_annotators;
    std::sort(table.annotators.begin(), table.annotators.end());
    table.ordered = true;
    for (int p = -3; p <= 3; ++p)
        table.categories << QString::number(p);
    for (const QHash<QString, int>& item : m_verdicts) {
        QList<int> codes;
        for (const QString& annotator : table.annotators)
            codes << item.value(annotator, -1);
        table.addItem(codes);
    }
    QJsonArray pairs;
    for (auto it = m_pairs.begin(); it != m_pairs.end(); ++it) {
        QJsonObject pair = pairHead(it.key());
        pair.insert(QStringLiteral("tasks"), it->tasks);
        putFigure(pair, QStringLiteral("agreement_with_ties"),
                  it->tasks > 0 ? Figure::of(double(it->agreeing) / double(it->tasks))
                                : Figure::undefined(
                                      QStringLiteral("no task where both stated a preference")));
        pair.insert(QStringLiteral("tasks_without_ties"), it->tasksWithoutTies);
        putFigure(pair, QStringLiteral("agreement_without_ties"),
                  it->tasksWithoutTies > 0
                      ? Figure::of(double(it->agreeingWithoutTies) / double(it->tasksWithoutTies))
                      : Figure::undefined(
                            QStringLiteral("no task where both preferred a response (no tie)")));
        pair.insert(QStringLiteral("ranked_tasks"), it->rankedTasks);
        putFigure(pair, QStringLiteral("kendall_tau"),
                  it->rankedTasks > 0
                      ? Figure::of(it->tauSum / double(it->rankedTasks))
                      : Figure::undefined(QStringLiteral(
                            "no task both ranked with a defined tau (two or more responses, "
                            "not all tied)")));
        pairs.append(pair);
    }
    return {{QStringLiteral("verdict"), computeCategorical(table).toJson()},
            {QStringLiteral("pairs"), pairs}};
}

}  // namespace postil::quality
