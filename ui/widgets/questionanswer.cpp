#include "widgets/questionanswer.h"

#include <QJsonArray>

namespace postil::answers {

QJsonValue afterPick(const Question& question, const QJsonValue& current, int choice) {
    const QStringList choices = question.choices();
    if (choice < 0 || choice >= choices.size())
        return current;
    if (isExclusive(question) && isPicked(question, current, choice))
        return QJsonValue();
    switch (question.type) {
        case Question::Type::Single:
            return choices.at(choice);
        case Question::Type::Rating:
            return question.min + choice;
        case Question::Type::Flag:
            return choice == 0;
        case Question::Type::Multi: {
            QStringList picked;
            for (const QJsonValue& v : current.toArray())
                picked << v.toString();
            const QString option = choices.at(choice);
            if (picked.contains(option))
                picked.removeAll(option);
            else
                picked << option;
            // Option order, so that the same set is always the same array; values
            // the schema no longer lists are kept at the end rather than lost.
            QJsonArray ordered;
            for (const QString& o : question.options)
                if (picked.contains(o))
                    ordered.append(o);
            for (const QString& p : picked)
                if (!question.options.contains(p))
                    ordered.append(p);
            return ordered.isEmpty() ? QJsonValue() : QJsonValue(ordered);
        }
        case Question::Type::Text:
            break;
    }
    return current;
}

bool isPicked(const Question& question, const QJsonValue& value, int choice) {
    const QStringList choices = question.choices();
    if (choice < 0 || choice >= choices.size())
        return false;
    switch (question.type) {
        case Question::Type::Single:
            return value.isString() && value.toString() == choices.at(choice);
        case Question::Type::Multi:
            return value.toArray().contains(QJsonValue(choices.at(choice)));
        case Question::Type::Rating:
            return value.isDouble() && value.toDouble() == double(question.min + choice);
        case Question::Type::Flag:
            return value.isBool() && value.toBool() == (choice == 0);
        case Question::Type::Text:
            break;
    }
    return false;
}

bool isAnswered(const QJsonValue& value) {
    if (value.isUndefined() || value.isNull())
        return false;
    if (value.isString())
        return !value.toString().trimmed().isEmpty();
    if (value.isArray())
        return !value.toArray().isEmpty();
    return true;
}

bool isExclusive(const Question& question) {
    return question.type == Question::Type::Single || question.type == Question::Type::Rating ||
           question.type == Question::Type::Flag;
}

}  // namespace postil::answers
