#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

#include "store/status.h"

namespace postil {

// One flag inside a response: code points of comparison::contentText() of
// response `response` (canonical index), end exclusive.
struct CompareFlag {
    int response = 0;
    int start = 0;
    int end = 0;
    QString label;
    QString comment;
    // The object the flag was read from, empty for a new flag: writing the
    // flag starts from it, so keys this build does not know survive. Not
    // compared: two flags are the same flag by what they say.
    QJsonObject source;

    bool operator==(const CompareFlag& other) const {
        return response == other.response && start == other.start && end == other.end &&
               label == other.label && comment == other.comment;
    }
    QJsonObject toJson() const;
};

// The comparison parts of an annotation result (docs/architecture.md §4) as
// one typed value: the order shown, the verdict (preference, both_bad,
// ranking), rubric scores, flags, critique and rewrite. Everything is in
// canonical response indexes. The editor, the statistics, the gold check and
// every comparison export read results through this one type, so they all
// see the same thing (a tie group is always sorted; a malformed flag is
// dropped everywhere, not only in some places).
//
// Reading is lenient: a part that is malformed reads as absent (or, for a
// list, without its bad entries) and problems() says why; parse() is the
// strict form that fails on the first problem. Writing (toJson) starts from
// the object that was read and writes only the parts whose value changed, so
// keys this type does not own ("answers", "active_ms", anything newer) and
// the parts left alone stay byte for byte as they were.
class ComparisonResult {
public:
    // Groups of canonical indexes, best first; ties share a group. Always
    // held canonically: every index valid and once, no empty group, each
    // group sorted.
    using Ranking = QList<QList<int>>;
    // Per dimension, one score per response in canonical order (nullopt where
    // not scored); a dimension without any score is not held.
    using Rubric = QMap<QString, QList<std::optional<double>>>;

    explicit ComparisonResult(int responseCount = 0);

    static ComparisonResult read(const QJsonObject& result, int responseCount);
    static Expected<ComparisonResult> parse(const QJsonObject& result, int responseCount);

    // The result it was read from with the changed parts written (an empty
    // part is removed: no "ranking" rather than an empty one).
    QJsonObject toJson() const;

    int responseCount() const { return m_count; }
    // Why parts or entries were left out when reading; at most a few, then a
    // count of the rest.
    const QStringList& problems() const { return m_problems; }

    // The order the annotation was made in: canonical index per position
    // shown, when stored and a permutation of 0..count-1. nullopt when the
    // result does not say (an annotation imported from elsewhere): its
    // letters are then unknown, and a reader must not be told a guess.
    const std::optional<QList<int>>& order() const { return m_order; }
    void setOrder(std::optional<QList<int>> order);

    // -3..3: negative, response 0 is better; positive, response 1.
    std::optional<int> preference() const { return m_preference; }
    void setPreference(std::optional<int> preference);  // clamped to -3..3

    // nullopt when the result does not say (gold matching needs to know).
    std::optional<bool> bothBad() const { return m_bothBad; }
    bool isBothBad() const { return m_bothBad.value_or(false); }
    void setBothBad(std::optional<bool> bothBad);

    const Ranking& ranking() const { return m_ranking; }
    void setRanking(const Ranking& ranking);  // made canonical (see Ranking)
    static Ranking canonicalRanking(const Ranking& ranking, int responseCount);

    const Rubric& rubric() const { return m_rubric; }
    std::optional<double> score(const QString& dimension, int response) const;
    // Sets or (nullopt) clears one score; a dimension left without scores goes.
    void setScore(const QString& dimension, int response, std::optional<double> score);
    // A score as JSON: a whole number as an integer (as the editor stores it
    // and Qt writes a stored integer back), anything else as a double.
    static QJsonValue scoreJson(double score);

    const QList<CompareFlag>& flags() const { return m_flags; }
    void setFlags(QList<CompareFlag> flags);  // flags that are not valid are dropped
    static bool isValidFlag(const CompareFlag& flag);

    // Empty when none (an empty critique is not stored).
    const QString& critique() const { return m_critique; }
    void setCritique(const QString& critique) { m_critique = critique; }

    // An empty rewrite is a choice (kept); no rewrite is nullopt.
    const std::optional<QString>& rewrite() const { return m_rewrite; }
    void setRewrite(std::optional<QString> rewrite) { m_rewrite = std::move(rewrite); }

    // A preference, a ranking, or both_bad.
    bool hasVerdict() const;

    // The parts, not where they were read from.
    bool operator==(const ComparisonResult& other) const;

private:
    int m_count = 0;
    QJsonObject m_source;
    QStringList m_problems;

    std::optional<QList<int>> m_order;
    std::optional<int> m_preference;
    std::optional<bool> m_bothBad;
    Ranking m_ranking;
    Rubric m_rubric;
    QList<CompareFlag> m_flags;
    QString m_critique;
    std::optional<QString> m_rewrite;
};

}  // namespace postil
