#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "model/task.h"
#include "model/taskkind.h"
#include "store/status.h"

namespace postil {

// What an editor places: a box class, an entity type, a speaker, a flag kind.
struct Label {
    QString name;
    QString color;   // #rrggbb
    QString hotkey;  // one character, may be empty
    // Kinds whose editor places this label; empty means every kind. A project
    // that mixes kinds keeps box classes apart from response flags this way.
    QList<TaskKind> kinds;

    bool appliesTo(TaskKind kind) const { return kinds.isEmpty() || kinds.contains(kind); }
};

// The label that digit key `digit` places among an editor's `labels`: the one
// whose hotkey is that digit, else the digit-th in order; null for none.
QString labelOnDigit(const QList<Label>& labels, int digit);

// The label of a relation between two spans of a text task ("works_for",
// "located_in"): what the text editor offers once a relation's ends are picked.
struct RelationLabel {
    QString name;
    QString color;  // #rrggbb, may be empty
};

struct Attribute {
    QString name;
    QString type;  // flag, text, single
    QStringList options;
    // Kinds whose items carry it (image boxes, text spans); empty means every
    // kind, as for labels.
    QList<TaskKind> kinds;

    bool appliesTo(TaskKind kind) const { return kinds.isEmpty() || kinds.contains(kind); }
};

struct Question {
    enum class Type { Single, Multi, Rating, Text, Flag };
    QString name;
    Type type = Type::Single;
    QStringList options;  // single and multi
    int min = 1;          // rating
    int max = 5;          // rating
    bool required = false;
    QString description;
    // Kinds this question is asked for; empty means every kind.
    QList<TaskKind> kinds;
    // Keys the task's data must have ("query"), or must not have ("!query"):
    // a search-relevance question among plain text tasks. Empty: no condition.
    QStringList whenData;

    bool appliesTo(TaskKind kind) const { return kinds.isEmpty() || kinds.contains(kind); }
    bool appliesTo(const Task& task) const;
    // The answers a number key can pick, in key order (1 is the first).
    QStringList choices() const;
};

QString toString(Question::Type type);

struct RubricDimension {
    QString name;
    int min = 1;
    int max = 7;
    QString description;
    // Submitting a comparison needs a score on this dimension for every response.
    bool required = false;
};

// The project's label configuration. Parsed from and written to JSON; keys this
// build does not know are kept as they were.
class Schema {
public:
    QList<Label> labels;
    QList<Attribute> attributes;
    // "relations": the labels of relations between spans (text tasks).
    QList<RelationLabel> relationLabels;
    QList<Question> questions;
    QList<RubricDimension> rubric;
    int critiqueMinChars = 0;
    bool critiqueRequired = false;  // critique.required: submitting needs one
    QString guidelines;             // Markdown
    // "compare": evaluators judge blind unless the project says otherwise.
    bool showModelNames = false;  // show data.models beside the responses
    bool revealGold = false;      // show the gold verdict after submitting
    // compare.require_verdict: submitting a comparison needs a preference, a
    // ranking or "both are bad" unless the project turns it off.
    bool requireVerdict = true;
    // compare.gold_tolerance: how many steps of the 7-point scale a verdict
    // may be from gold's and still match it (never across a tie).
    int goldTolerance = 0;

    // Parses and validates; every problem is listed, each naming its place
    // ("questions[2].options: ...").
    static Expected<Schema> fromJson(const QJsonObject& json);
    static Expected<Schema> fromJsonText(const QByteArray& text);
    QJsonObject toJson() const;
    QStringList validate() const;
    // What validate() lets pass, so that project files written before these
    // rules still open, but the project settings refuse to write: a hotkey
    // no editor honours (hotkeyProblem) and a when_data condition without a
    // key. Same "labels[1].hotkey: ..." form as validate().
    QStringList strictProblems() const;
    // Why no editor would honour labels[index]'s hotkey; empty when one
    // would or the label has none. Only the image and text editors read
    // hotkeys, and they bind the digits 1-9 (comparison flags take key N by
    // position).
    QString hotkeyProblem(int index) const;

    const Question* question(const QString& name) const;
    // The labels an editor of 'kind' places, in schema order: number key N
    // picks the Nth of these.
    QList<Label> labelsFor(TaskKind kind) const;
    // The attributes the items of an editor of 'kind' carry, in schema order.
    QList<Attribute> attributesFor(TaskKind kind) const;
    QList<Question> questionsFor(TaskKind kind) const;
    QList<Question> questionsFor(const Task& task) const;

private:
    QJsonObject m_extra;  // the original object, for unknown keys
};

}  // namespace postil
