#include "quality/categoricalagreement.h"

#include <QJsonArray>
#include <cmath>

namespace postil::quality {

namespace {

const QString kNotOrdered = QStringLiteral(
    "not an ordered scale: weighted kappa and ordinal/interval alpha need ratings or the verdict");

double kappaWeight(int i, int j, KappaWeights weights) {
    switch (weights) {
        case KappaWeights::None:
            return i == j ? 0.0 : 1.0;
        case KappaWeights::Linear:
            return std::abs(i - j);
        case KappaWeights::Quadratic:
            return double(i - j) * double(i - j);
    }
    return 0;
}

// Krippendorff's squared difference of two values. The ordinal metric needs
// how often each value was given among the pairable values (`totals`): the
// distance of c and k is the number of values between them on the scale,
// half of each end counted (Krippendorff 2011, "Computing Krippendorff's
// alpha-reliability", ordinal metric).
double alphaDistance(int c, int k, AlphaMetric metric, const QList<double>& totals) {
    if (c == k)
        return 0;
    switch (metric) {
        case AlphaMetric::Nominal:
            return 1;
        case AlphaMetric::Interval:
            return double(c - k) * double(c - k);
        case AlphaMetric::Ordinal: {
            const int low = qMin(c, k);
            const int high = qMax(c, k);
            double between = 0;
            for (int g = low; g <= high; ++g)
                between += totals.at(g);
            between -= (totals.at(low) + totals.at(high)) / 2.0;
            return between * between;
        }
    }
    return 0;
}

}  // namespace

Figure cohenKappa(const QList<int>& a, const QList<int>& b, int categories, KappaWeights weights) {
    const qsizetype n = qMin(a.size(), b.size());
    if (n == 0)
        return Figure::undefined(QStringLiteral("no item both annotators answered"));
    QList<double> observed(qsizetype(categories) * categories, 0.0);
    QList<double> rowTotals(categories, 0.0);
    QList<double> columnTotals(categories, 0.0);
    for (qsizetype i = 0; i < n; ++i) {
        observed[qsizetype(a.at(i)) * categories + b.at(i)] += 1;
        rowTotals[a.at(i)] += 1;
        columnTotals[b.at(i)] += 1;
    }
    // scikit-learn: kappa = 1 - sum(w * O) / sum(w * E), E = outer(rows, columns) / n.
    double weightedObserved = 0;
    double weightedExpected = 0;
    for (int i = 0; i < categories; ++i)
        for (int j = 0; j < categories; ++j) {
            const double w = kappaWeight(i, j, weights);
            weightedObserved += w * observed.at(qsizetype(i) * categories + j);
            weightedExpected += w * rowTotals.at(i) * columnTotals.at(j) / double(n);
        }
    if (weightedExpected == 0)
        return Figure::undefined(QStringLiteral(
            "both annotators gave one and the same answer to every item: chance agreement is "
            "total"));
    return Figure::of(1.0 - weightedObserved / weightedExpected);
}

Figure fleissKappa(const QList<QList<int>>& countsPerItem, int raters) {
    if (raters < 2)
        return Figure::undefined(QStringLiteral("fewer than two annotators answered"));
    if (countsPerItem.isEmpty())
        return Figure::undefined(QStringLiteral("no item was answered by every annotator"));
    const int categories = int(countsPerItem.first().size());
    QList<double> categoryTotals(categories, 0.0);
    double meanAgreement = 0;
    for (const QList<int>& counts : countsPerItem) {
        double squares = 0;
        for (int c = 0; c < categories; ++c) {
            squares += double(counts.at(c)) * counts.at(c);
            categoryTotals[c] += counts.at(c);
        }
        meanAgreement += (squares - raters) / (double(raters) * (raters - 1.0));
    }
    meanAgreement /= double(countsPerItem.size());
    const double total = double(countsPerItem.size()) * raters;
    double chance = 0;
    for (double t : categoryTotals)
        chance += (t / total) * (t / total);
    if (chance == 1.0)
        return Figure::undefined(
            QStringLiteral("every answer is the same: chance agreement is total"));
    return Figure::of((meanAgreement - chance) / (1.0 - chance));
}

Figure krippendorffAlpha(const QList<QList<int>>& valuesPerItem, int categories,
                         AlphaMetric metric) {
    // Only items with two values or more are pairable; the totals of values
    // are taken over those (as NLTK and Krippendorff do).
    QList<double> totals(categories, 0.0);
    double pairable = 0;
    for (const QList<int>& values : valuesPerItem) {
        if (values.size() < 2)
            continue;
        for (int v : values)
            totals[v] += 1;
        pairable += double(values.size());
    }
    if (pairable == 0)
        return Figure::undefined(QStringLiteral("no item has two answers or more"));
    // NLTK: observed = sum over items of Disagreement(item) * m_item / n, with
    // Disagreement(f) = sum f_j f_l d(j, l) / (m (m - 1)).
    QList<double> counts(categories, 0.0);
    double observed = 0;
    for (const QList<int>& values : valuesPerItem) {
        const qsizetype m = values.size();
        if (m < 2)
            continue;
        counts.fill(0.0);
        for (int v : values)
            counts[v] += 1;
        double pairs = 0;
        for (int j = 0; j < categories; ++j) {
            if (counts.at(j) == 0)
                continue;
            for (int l = 0; l < categories; ++l)
                if (counts.at(l) != 0)
                    pairs += counts.at(j) * counts.at(l) * alphaDistance(l, j, metric, totals);
        }
        observed += pairs / (double(m) * double(m - 1)) * double(m);
    }
    observed /= pairable;
    double expectedPairs = 0;
    for (int j = 0; j < categories; ++j)
        for (int l = 0; l < categories; ++l)
            if (totals.at(j) != 0 && totals.at(l) != 0)
                expectedPairs += totals.at(j) * totals.at(l) * alphaDistance(l, j, metric, totals);
    const double expected = expectedPairs / (pairable * (pairable - 1.0));
    if (expected == 0)
        return Figure::undefined(
            QStringLiteral("every answer on items with two answers is the same value"));
    return Figure::of(1.0 - observed / expected);
}

CategoricalAgreement computeCategorical(const RatingTable& table) {
    CategoricalAgreement result;
    const int categories = int(table.categories.size());
    const qsizetype columns = table.annotators.size();

    // Who answered at least one item: the question's annotators.
    QList<int> answering;
    for (qsizetype c = 0; c < columns; ++c)
        for (const QList<int>& row : table.codes)
            if (row.at(c) >= 0) {
                answering << int(c);
                result.annotators << table.annotators.at(c);
                break;
            }

    QList<QList<int>> valuesPerItem;
    QList<QList<int>> fleissCounts;
    double agreementSum = 0;
    for (const QList<int>& row : table.codes) {
        QList<int> values;
        for (int c : answering)
            if (row.at(c) >= 0)
                values << row.at(c);
        if (values.size() >= 2) {
            ++result.items;
            QList<int> counts(categories, 0);
            for (int v : values)
                ++counts[v];
            double agreeing = 0;
            for (int n : counts)
                agreeing += double(n) * (n - 1);
            const double m = double(values.size());
            agreementSum += agreeing / (m * (m - 1.0));
            if (values.size() == answering.size())
                fleissCounts << counts;
        }
        valuesPerItem << values;
    }
    result.percentAgreement =
        result.items > 0 ? Figure::of(agreementSum / double(result.items))
                         : Figure::undefined(QStringLiteral("no item has two answers or more"));
    result.fleissItems = fleissCounts.size();
    result.fleissKappa = fleissKappa(fleissCounts, int(answering.size()));
    result.alphaNominal = krippendorffAlpha(valuesPerItem, categories, AlphaMetric::Nominal);
    if (table.ordered) {
        result.alphaOrdinal = krippendorffAlpha(valuesPerItem, categories, AlphaMetric::Ordinal);
        result.alphaInterval = krippendorffAlpha(valuesPerItem, categories, AlphaMetric::Interval);
    } else {
        result.alphaOrdinal = Figure::undefined(kNotOrdered);
        result.alphaInterval = Figure::undefined(kNotOrdered);
    }

    for (qsizetype i = 0; i < answering.size(); ++i)
        for (qsizetype j = i + 1; j < answering.size(); ++j) {
            PairAgreement pair;
            pair.a = table.annotators.at(answering.at(i));
            pair.b = table.annotators.at(answering.at(j));
            QList<int> a;
            QList<int> b;
            for (const QList<int>& row : table.codes)
                if (row.at(answering.at(i)) >= 0 && row.at(answering.at(j)) >= 0) {
                    a << row.at(answering.at(i));
                    b << row.at(answering.at(j));
                }
            pair.items = a.size();
            pair.kappa = cohenKappa(a, b, categories, KappaWeights::None);
            if (table.ordered) {
                pair.kappaLinear = cohenKappa(a, b, categories, KappaWeights::Linear);
                pair.kappaQuadratic = cohenKappa(a, b, categories, KappaWeights::Quadratic);
            } else {
                pair.kappaLinear = Figure::undefined(kNotOrdered);
                pair.kappaQuadratic = Figure::undefined(kNotOrdered);
            }
            result.pairs << pair;
        }
    return result;
}

QJsonObject CategoricalAgreement::toJson() const {
    QJsonObject json{{QStringLiteral("items"), items},
                     {QStringLiteral("annotators"), QJsonArray::fromStringList(annotators)},
                     {QStringLiteral("fleiss_items"), fleissItems}};
    putFigure(json, QStringLiteral("percent_agreement"), percentAgreement);
    putFigure(json, QStringLiteral("fleiss_kappa"), fleissKappa);
    QJsonObject alpha;
    putFigure(alpha, QStringLiteral("nominal"), alphaNominal);
    putFigure(alpha, QStringLiteral("ordinal"), alphaOrdinal);
    putFigure(alpha, QStringLiteral("interval"), alphaInterval);
    json.insert(QStringLiteral("krippendorff_alpha"), alpha);
    QJsonArray pairList;
    for (const PairAgreement& p : pairs) {
        QJsonObject pair{{QStringLiteral("a"), p.a},
                         {QStringLiteral("b"), p.b},
                         {QStringLiteral("items"), p.items}};
        putFigure(pair, QStringLiteral("cohen_kappa"), p.kappa);
        putFigure(pair, QStringLiteral("cohen_kappa_linear"), p.kappaLinear);
        putFigure(pair, QStringLiteral("cohen_kappa_quadratic"), p.kappaQuadratic);
        pairList.append(pair);
    }
    json.insert(QStringLiteral("pairs"), pairList);
    return json;
}

}  // namespace postil::quality
