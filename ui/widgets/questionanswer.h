#pragma once

#include <QJsonValue>

#include "model/schema.h"

namespace postil {

// The answer rules of docs/architecture.md §4 ("Task data and answers"),
// kept apart from the widgets so the form, its cards and the keyboard all
// agree: single -> string, multi -> array of strings in option order, rating
// -> number, text -> string, flag -> bool.
namespace answers {

// The answer after choice 'choice' (index into Question::choices()) is picked
// while 'current' is stored. Multi toggles the option; the exclusive types
// (single, rating, flag) clear when the chosen option is picked again. A null
// value means "no answer".
QJsonValue afterPick(const Question& question, const QJsonValue& current, int choice);

// Whether choice 'choice' is part of 'value'.
bool isPicked(const Question& question, const QJsonValue& value, int choice);

// Whether 'value' counts as an answer (the same rule as the required check).
bool isAnswered(const QJsonValue& value);

// True for the types whose pick ends the question (the form then moves on).
bool isExclusive(const Question& question);

}  // namespace answers

}  // namespace postil
