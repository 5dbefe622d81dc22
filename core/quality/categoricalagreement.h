#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "quality/figure.h"

// Agreement on one categorical question (docs/architecture.md "Agreement"):
// percent agreement, Cohen's kappa per pair of annotators, Fleiss' kappa and
// Krippendorff's alpha, computed exactly as the reference libraries do
// (README "Agreement" names the reference of each figure; tests/quality
// compares every one with them to 1e-9).
namespace postil::quality {

// The answers to one question: one row per item (task), one column per
// annotator, the answer as its category's position on the scale, -1 where
// the annotator gave none.
struct RatingTable {
    QStringList annotators;   // sorted by name
    QStringList categories;   // in scale order: option order, or rating value order
    bool ordered = false;     // ratings and the 7-point verdict: weighted kappa, ordinal alpha
    QList<QList<int>> codes;  // [item][annotator]

    // Adds an item; `answers` holds one code per annotator.
    void addItem(const QList<int>& answers) { codes.append(answers); }
};

enum class KappaWeights { None, Linear, Quadratic };
enum class AlphaMetric { Nominal, Ordinal, Interval };

struct PairAgreement {
    QString a;
    QString b;
    qint64 items = 0;  // items both answered
    Figure kappa;
    Figure kappaLinear;     // ordered scales only
    Figure kappaQuadratic;  // ordered scales only
};

struct CategoricalAgreement {
    qint64 items = 0;        // items with at least two answers (what alpha and percent use)
    QStringList annotators;  // who answered at least one item
    Figure percentAgreement;
    qint64 fleissItems = 0;  // items every annotator answered
    Figure fleissKappa;
    Figure alphaNominal;
    Figure alphaOrdinal;   // ordered scales only
    Figure alphaInterval;  // ordered scales only
    QList<PairAgreement> pairs;

    QJsonObject toJson() const;
};

CategoricalAgreement computeCategorical(const RatingTable& table);

// The pieces, for the tests and for the comparison verdict.
//
// Cohen's kappa of two annotators' codes on the same items (both lists of the
// same length, codes 0..categories-1), weighted by the distance of the codes'
// positions as scikit-learn's cohen_kappa_score(labels=every position) does.
Figure cohenKappa(const QList<int>& a, const QList<int>& b, int categories, KappaWeights weights);
// Fleiss' kappa of items that every one of `raters` (>= 2) answered: per item,
// how many chose each category (statsmodels' fleiss_kappa on aggregate_raters).
Figure fleissKappa(const QList<QList<int>>& countsPerItem, int raters);
// Krippendorff's alpha over items with any number of answers (codes per item,
// missing answers left out), as NLTK's AnnotationTask.alpha() computes it.
Figure krippendorffAlpha(const QList<QList<int>>& valuesPerItem, int categories,
                         AlphaMetric metric);

}  // namespace postil::quality
