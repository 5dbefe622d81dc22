#include "quality/answertables.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>

namespace postil::quality {

namespace {

const QString kNo = QStringLiteral("false");
const QString kYes = QStringLiteral("true");

QString ratingName(double value) {
    return QString::number(value, 'g', 17);
}

}  // namespace

bool AnswerTables::isCategorical(const Question& question) {
    return question.type != Question::Type::Text;
}

bool AnswerTables::isAnswer(const Question& question, const QJsonValue& value) {
    switch (question.type) {
        case Question::Type::Single:
            return value.isString() && !value.toString().isEmpty();
        case Question::Type::Flag:
            return value.isBool();
        case Question::Type::Rating:
            return value.isDouble();
        case Question::Type::Multi:
            // An empty pick is no key (ui/widgets/questionanswer), so any
            // array here is an answer to every option.
            return value.isArray() && !value.toArray().isEmpty();
        case Question::Type::Text:
            return false;
    }
    return false;
}

AnswerTables::AnswerTables(const QList<Question>& questions) : m_questions(questions) {
    for (const Question& q : m_questions) {
        if (!isCategorical(q))
            continue;
        if (q.type == Question::Type::Multi) {
            for (const QString& option : q.options) {
                const QString name = QStringLiteral("%1[%2]").arg(q.name, option);
                if (m_tables.contains(name))
                    continue;
                m_names << name;
                m_tables[name].question = &q;
                m_tables[name].option = option;
            }
        } else if (!m_tables.contains(q.name)) {
            m_names << q.name;
            m_tables[q.name].question = &q;
        }
    }
}

void AnswerTables::addTask(const QList<std::pair<QString, QJsonObject>>& answersByAnnotator) {
    for (auto it = m_tables.begin(); it != m_tables.end(); ++it) {
        Table& table = it.value();
        const Question& q = *table.question;
        QHash<QString, QJsonValue> item;
        for (const auto& [annotator, answers] : answersByAnnotator) {
            const QJsonValue value = answers.value(q.name);
            if (!isAnswer(q, value))
                continue;
            switch (q.type) {
                case Question::Type::Single:
                    item.insert(annotator, value);
                    break;
                case Question::Type::Flag:
                    item.insert(annotator, value.toBool() ? kYes : kNo);
                    break;
                case Question::Type::Rating:
                    item.insert(annotator, value.toDouble());
                    break;
                case Question::Type::Multi:
                    item.insert(annotator,
                                value.toArray().contains(QJsonValue(table.option)) ? kYes : kNo);
                    break;
                case Question::Type::Text:
                    break;
            }
        }
        if (!item.isEmpty())
            table.items << item;
    }
}

RatingTable AnswerTables::table(const QString& name) const {
    RatingTable out;
    const auto found = m_tables.constFind(name);
    if (found == m_tables.constEnd())
        return out;
    const Table& table = found.value();
    const Question& q = *table.question;

    QSet<QString> annotators;
    for (const auto& item : table.items)
        for (auto it = item.begin(); it != item.end(); ++it)
            annotators.insert(it.key());
    out.annotators = QStringList(annotators.begin(), annotators.end());
    std::sort(out.annotators.begin(), out.annotators.end());

    // The scale: category names in order, and how an answer finds its own.
    QHash<QString, int> position;
    if (q.type == Question::Type::Rating) {
        out.ordered = true;
        QList<double> values;
        for (int v = q.min; v <= q.max; ++v)
            values << double(v);
        for (const auto& item : table.items)
            for (const QJsonValue& v : item)
                if (!values.contains(v.toDouble()))
                    values << v.toDouble();
        std::sort(values.begin(), values.end());
        for (double v : values)
            out.categories << ratingName(v);
    } else if (q.type == Question::Type::Single) {
        out.categories = q.options;
        QStringList extra;
        for (const auto& item : table.items)
            for (const QJsonValue& v : item)
                if (!out.categories.contains(v.toString()) && !extra.contains(v.toString()))
                    extra << v.toString();
        std::sort(extra.begin(), extra.end());
        out.categories << extra;
    } else {
        out.categories = {kNo, kYes};
    }
    for (int i = 0; i < out.categories.size(); ++i)
        position.insert(out.categories.at(i), i);

    for (const auto& item : table.items) {
        QList<int> codes(out.annotators.size(), -1);
        for (int c = 0; c < out.annotators.size(); ++c) {
            // QHash::value() gives null, not undefined, for a missing key.
            const auto found = item.constFind(out.annotators.at(c));
            if (found == item.constEnd())
                continue;
            const QJsonValue v = found.value();
            codes[c] = position.value(v.isDouble() ? ratingName(v.toDouble()) : v.toString());
        }
        out.addItem(codes);
    }
    return out;
}

}  // namespace postil::quality
