#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <optional>

#include "model/comparisonresult.h"

// The rules of a comparison task (prompt + responses) that the editor, the
// formats and the statistics must agree on: the text flags count in, the order
// responses are shown in, and how a verdict as shown maps to canonical indexes.
namespace postil::comparison {

// The plain text of a prompt or response: a string as is; a message list as
// its contents joined with "\n\n" (roles are shown by the view, not part of
// the text). Flags count code points in this text.
QString contentText(const QJsonValue& content);
bool isConversation(const QJsonValue& content);  // a message list
int responseCount(const QJsonObject& taskData);
// A response's content by canonical index (Undefined when out of range).
QJsonValue response(const QJsonObject& taskData, int index);
// data.response_ids[index] / data.models[index], empty when not given.
QString responseId(const QJsonObject& taskData, int index);
QString modelName(const QJsonObject& taskData, int index);

// The order responses are shown in for (task, annotator): a shuffle of
// 0..count-1 seeded from SHA-256 of taskUid + '\n' + annotator, drawn with our
// own splitmix64 and Fisher-Yates so it is the same on every machine and build
// (std::shuffle and std distributions are implementation-defined).
QList<int> shuffledOrder(const QString& taskUid, const QString& annotator, int count);

// "A", "B", ... for a position in the order shown; numbers past Z.
QString letter(int shownIndex);

// Preference as shown (negative: the first response shown, "A", is better)
// <-> canonical (negative: response 0 better). Both are the same involution for
// two responses; an order that does not start with 1 leaves the value as is.
int toCanonicalPreference(int shownPreference, const QList<int>& order);
int toShownPreference(int canonicalPreference, const QList<int>& order);

// Code-point <-> UTF-16 offset conversion for a QString (flags are stored in
// code points; QString is UTF-16). Offsets are clamped to the text; a UTF-16
// offset inside a surrogate pair counts the code points before that pair.
int toCodePoints(const QString& text, int utf16Offset);
int toUtf16(const QString& text, int codePointOffset);
int codePointLength(const QString& text);

struct PreferencePair {
    int chosen = 0;
    int rejected = 0;
    int strength = 0;  // 1..3, from |preference| or rank distance (capped at 3); 0 for a tie
};

// The pairs an annotation states: from `preference` for two responses (empty
// for a tie, unless keepTies: then one pair {0, 1} flagged tie), from `ranking`
// for more (each response in a better group over each in every worse group;
// with keepTies also each pair inside a group, flagged tie, in canonical order).
// Annotations marked both_bad give no pairs unless keepBothBad; kept, one
// that states neither a preference nor a ranking gives every pair as a tie.
// tieFlags, when given, is filled in parallel with the result.
QList<PreferencePair> preferencePairs(const ComparisonResult& result, bool keepTies,
                                      bool keepBothBad, QList<bool>* tieFlags = nullptr);
QList<PreferencePair> preferencePairs(const QJsonObject& result, int responseCount, bool keepTies,
                                      bool keepBothBad, QList<bool>* tieFlags = nullptr);

// Gold: whether an annotation's verdict matches the task's gold: the
// preference equal to gold's, or within `tolerance` steps of it on the same
// side (the schema's compare.gold_tolerance; 0 by default, so "A slightly
// better" does not match "A better"; a tie never matches a preference); a
// ranking against a gold preference by its direction; both_bad equal when
// gold has it; the ranking equal when gold has one. nullopt when the task has
// no gold or the annotation states no verdict.
std::optional<bool> matchesGold(const QJsonObject& taskData, const ComparisonResult& result,
                                int tolerance = 0);
std::optional<bool> matchesGold(const QJsonObject& taskData, const QJsonObject& result,
                                int tolerance = 0);
bool hasGold(const QJsonObject& taskData);

}  // namespace postil::comparison
