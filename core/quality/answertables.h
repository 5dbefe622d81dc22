#pragma once

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

#include "model/schema.h"
#include "quality/categoricalagreement.h"

namespace postil::quality {

// The answers to the schema's categorical questions, gathered task by task
// into one RatingTable per question:
// - single choice: nominal, the options in schema order (answers the schema
//   no longer lists follow, sorted);
// - flag: nominal, false then true;
// - multi choice: one nominal yes/no table per option, named "NAME[OPTION]",
//   answered by whoever picked anything for the question;
// - rating: ordered, every whole value from min to max plus any other value
//   given, in numeric order; the position on that list is the scale.
// Text questions have no categories and are left out. An answer of the wrong
// type (a number for a single choice) is not an answer.
class AnswerTables {
public:
    explicit AnswerTables(const QList<Question>& questions);
    // The tables point into the question list they hold.
    AnswerTables(const AnswerTables&) = delete;
    AnswerTables& operator=(const AnswerTables&) = delete;

    // One task's answers: annotator -> the result's "answers" object.
    void addTask(const QList<std::pair<QString, QJsonObject>>& answersByAnnotator);

    // Table names in schema order (a multi choice's options in option order).
    QStringList names() const { return m_names; }
    RatingTable table(const QString& name) const;

    // Whether `question` yields tables at all (single, flag, multi, rating).
    static bool isCategorical(const Question& question);
    // Whether `value` (a result's answers[question.name]) answers `question`
    // as its tables count it: a non-empty string (single), a bool (flag), a
    // number (rating), a non-empty array (multi: an answer to every option).
    static bool isAnswer(const Question& question, const QJsonValue& value);

private:
    struct Table {
        const Question* question = nullptr;
        QString option;  // multi choice: the option this table is about
        // Per item, annotator -> the answer as the table reads it: the
        // category's name (single, flag, multi) or the rating's value.
        QList<QHash<QString, QJsonValue>> items;
    };
    QList<Question> m_questions;
    QStringList m_names;
    QMap<QString, Table> m_tables;
};

}  // namespace postil::quality
