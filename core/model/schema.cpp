#include "model/schema.h"

#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace postil {

namespace {

const char* const kTypeNames[] = {"single", "multi", "rating", "text", "flag"};

std::optional<Question::Type> typeFromString(const QString& name) {
    for (int i = 0; i < 5; ++i)
        if (name == QLatin1String(kTypeNames[i]))
            return Question::Type(i);
    return std::nullopt;
}

QStringList stringList(const QJsonValue& value) {
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list << item.toString();
    return list;
}

QJsonArray toArray(const QStringList& list) {
    QJsonArray array;
    for (const QString& item : list)
        array.append(item);
    return array;
}

// Writes known keys over the original object so that unknown ones survive.
QJsonObject merged(QJsonObject original, const QJsonObject& known) {
    for (auto it = known.begin(); it != known.end(); ++it)
        original.insert(it.key(), it.value());
    return original;
}

// Entries keep their own unknown keys too, matched by position: 'known' are
// the keys this build writes, which replace the original's.
QJsonArray mergedEntries(const QJsonArray& original, const QList<QJsonObject>& entries,
                         const QStringList& known) {
    QJsonArray array;
    for (int i = 0; i < entries.size(); ++i) {
        QJsonObject base = i < original.size() ? original[i].toObject() : QJsonObject();
        for (const QString& key : known)
            base.remove(key);
        array.append(merged(base, entries[i]));
    }
    return array;
}

// An optional key is written when it differs from its default or the
// original schema already had it, so schemas that never used it don't grow it
// and one that did keeps it.
template <typename T>
void insertUnlessDefault(QJsonObject& object, const QString& key, T value, T defaultValue) {
    if (value != defaultValue || object.contains(key))
        object.insert(key, value);
}

}  // namespace

QString toString(Question::Type type) {
    return QString::fromLatin1(kTypeNames[int(type)]);
}

bool Question::appliesTo(const Task& task) const {
    if (!appliesTo(task.kind))
        return false;
    for (const QString& key : whenData) {
        const bool negated = key.startsWith(QLatin1Char('!'));
        const bool present = task.data.contains(negated ? key.mid(1) : key);
        if (present == negated)
            return false;
    }
    return true;
}

QStringList Question::choices() const {
    switch (type) {
        case Type::Single:
        case Type::Multi:
            return options;
        case Type::Rating: {
            QStringList values;
            for (int v = min; v <= max; ++v)
                values << QString::number(v);
            return values;
        }
        case Type::Flag:
            return {QStringLiteral("yes"), QStringLiteral("no")};
        case Type::Text:
            break;
    }
    return {};
}

Expected<Schema> Schema::fromJsonText(const QByteArray& text) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return Status::failure(QStringLiteral("schema is not valid JSON at offset %1: %2")
                                   .arg(error.offset)
                                   .arg(error.errorString()));
    if (!doc.isObject())
        return Status::failure(QStringLiteral("schema must be a JSON object"));
    return fromJson(doc.object());
}

Expected<Schema> Schema::fromJson(const QJsonObject& json) {
    Schema schema;
    schema.m_extra = json;
    QStringList problems;
    const QJsonArray labels = json.value(QStringLiteral("labels")).toArray();
    for (int i = 0; i < labels.size(); ++i) {
        const QJsonObject o = labels.at(i).toObject();
        Label label{o.value(QStringLiteral("name")).toString(),
                    o.value(QStringLiteral("color")).toString(),
                    o.value(QStringLiteral("hotkey")).toString(),
                    {}};
        for (const QString& kindName : stringList(o.value(QStringLiteral("kinds")))) {
            if (auto kind = taskKindFromString(kindName))
                label.kinds << *kind;
            else
                problems
                    << QStringLiteral("labels[%1].kinds: unknown kind '%2'").arg(i).arg(kindName);
        }
        schema.labels.append(label);
    }
    const QJsonArray attributes = json.value(QStringLiteral("attributes")).toArray();
    for (int i = 0; i < attributes.size(); ++i) {
        const QJsonObject o = attributes.at(i).toObject();
        Attribute attribute{o.value(QStringLiteral("name")).toString(),
                            o.value(QStringLiteral("type")).toString(QStringLiteral("flag")),
                            stringList(o.value(QStringLiteral("options"))),
                            {}};
        for (const QString& kindName : stringList(o.value(QStringLiteral("kinds")))) {
            if (auto kind = taskKindFromString(kindName))
                attribute.kinds << *kind;
            else
                problems << QStringLiteral("attributes[%1].kinds: unknown kind '%2'")
                                .arg(i)
                                .arg(kindName);
        }
        schema.attributes.append(attribute);
    }
    const QJsonValue relations = json.value(QStringLiteral("relations"));
    if (!relations.isUndefined() && !relations.isArray())
        problems << QStringLiteral("relations: must be a list of {\"name\", \"color\"}");
    for (const QJsonValue& value : relations.toArray()) {
        const QJsonObject o = value.toObject();
        schema.relationLabels.append({o.value(QStringLiteral("name")).toString(),
                                      o.value(QStringLiteral("color")).toString()});
    }
    const QJsonArray questions = json.value(QStringLiteral("questions")).toArray();
    for (int i = 0; i < questions.size(); ++i) {
        const QJsonObject o = questions.at(i).toObject();
        Question q;
        q.name = o.value(QStringLiteral("name")).toString();
        const QString typeName = o.value(QStringLiteral("type")).toString();
        if (auto type = typeFromString(typeName))
            q.type = *type;
        else
            problems << QStringLiteral(
                            "questions[%1].type: unknown type '%2' (single, multi, "
                            "rating, text or flag)")
                            .arg(i)
                            .arg(typeName);
        q.options = stringList(o.value(QStringLiteral("options")));
        q.min = o.value(QStringLiteral("min")).toInt(1);
        q.max = o.value(QStringLiteral("max")).toInt(5);
        q.required = o.value(QStringLiteral("required")).toBool(false);
        q.description = o.value(QStringLiteral("description")).toString();
        q.whenData = stringList(o.value(QStringLiteral("when_data")));
        for (const QString& kindName : stringList(o.value(QStringLiteral("kinds")))) {
            if (auto kind = taskKindFromString(kindName))
                q.kinds << *kind;
            else
                problems << QStringLiteral("questions[%1].kinds: unknown kind '%2'")
                                .arg(i)
                                .arg(kindName);
        }
        schema.questions.append(q);
    }
    for (const QJsonValue& value : json.value(QStringLiteral("rubric")).toArray()) {
        const QJsonObject o = value.toObject();
        schema.rubric.append({o.value(QStringLiteral("name")).toString(),
                              o.value(QStringLiteral("min")).toInt(1),
                              o.value(QStringLiteral("max")).toInt(7),
                              o.value(QStringLiteral("description")).toString(),
                              o.value(QStringLiteral("required")).toBool(false)});
    }
    const QJsonObject critique = json.value(QStringLiteral("critique")).toObject();
    schema.critiqueMinChars = critique.value(QStringLiteral("min_chars")).toInt(0);
    const QJsonValue critiqueRequired = critique.value(QStringLiteral("required"));
    if (critiqueRequired.isBool())
        schema.critiqueRequired = critiqueRequired.toBool();
    else if (!critiqueRequired.isUndefined())
        problems << QStringLiteral("critique.required: must be true or false");
    schema.guidelines = json.value(QStringLiteral("guidelines")).toString();
    const QJsonValue compare = json.value(QStringLiteral("compare"));
    if (!compare.isUndefined() && !compare.isObject())
        problems << QStringLiteral("compare: must be an object");
    const auto compareFlag = [&](const char* key, bool& flag) {
        const QJsonValue value = compare.toObject().value(QLatin1String(key));
        if (value.isBool())
            flag = value.toBool();
        else if (!value.isUndefined())
            problems << QStringLiteral("compare.%1: must be true or false").arg(QLatin1String(key));
    };
    compareFlag("show_models", schema.showModelNames);
    compareFlag("reveal_gold", schema.revealGold);
    compareFlag("require_verdict", schema.requireVerdict);
    const QJsonValue tolerance = compare.toObject().value(QLatin1String("gold_tolerance"));
    if (tolerance.isDouble() && tolerance.toDouble() == double(tolerance.toInt()))
        schema.goldTolerance = tolerance.toInt();
    else if (!tolerance.isUndefined())
        problems << QStringLiteral("compare.gold_tolerance: must be a whole number of steps");
    problems << schema.validate();
    if (!problems.isEmpty())
        return Status::failure(problems.join(QLatin1Char('\n')));
    return schema;
}

QStringList Schema::validate() const {
    QStringList problems;
    QSet<QString> names;
    QSet<QString> hotkeys;
    for (int i = 0; i < labels.size(); ++i) {
        const Label& l = labels[i];
        const QString where = QStringLiteral("labels[%1]").arg(i);
        if (l.name.trimmed().isEmpty())
            problems << where + QStringLiteral(".name: empty");
        else if (names.contains(l.name))
            problems << where + QStringLiteral(".name: '%1' is used twice").arg(l.name);
        names.insert(l.name);
        if (!l.color.isEmpty() && !QColor::isValidColorName(l.color))
            problems << where + QStringLiteral(".color: '%1' is not a colour").arg(l.color);
        if (l.hotkey.size() > 1)
            problems << where + QStringLiteral(".hotkey: '%1' must be one key").arg(l.hotkey);
    }
    // A hotkey may repeat only between labels that never meet in one editor.
    for (TaskKind kind : {TaskKind::Image, TaskKind::Text, TaskKind::Audio, TaskKind::Compare}) {
        hotkeys.clear();
        for (int i = 0; i < labels.size(); ++i) {
            const Label& l = labels[i];
            if (l.hotkey.isEmpty() || !l.appliesTo(kind))
                continue;
            const QString problem =
                QStringLiteral("labels[%1].hotkey: '%2' is used twice").arg(i).arg(l.hotkey);
            if (hotkeys.contains(l.hotkey) && !problems.contains(problem))
                problems << problem;
            hotkeys.insert(l.hotkey);
        }
    }
    names.clear();
    for (int i = 0; i < relationLabels.size(); ++i) {
        const RelationLabel& r = relationLabels[i];
        const QString where = QStringLiteral("relations[%1]").arg(i);
        if (r.name.trimmed().isEmpty())
            problems << where + QStringLiteral(".name: empty");
        else if (names.contains(r.name))
            problems << where + QStringLiteral(".name: '%1' is used twice").arg(r.name);
        names.insert(r.name);
        if (!r.color.isEmpty() && !QColor::isValidColorName(r.color))
            problems << where + QStringLiteral(".color: '%1' is not a colour").arg(r.color);
    }
    names.clear();
    for (int i = 0; i < questions.size(); ++i) {
        const Question& q = questions[i];
        const QString where = QStringLiteral("questions[%1]").arg(i);
        if (q.name.trimmed().isEmpty())
            problems << where + QStringLiteral(".name: empty");
        else if (names.contains(q.name))
            problems << where + QStringLiteral(".name: '%1' is used twice").arg(q.name);
        names.insert(q.name);
        if ((q.type == Question::Type::Single || q.type == Question::Type::Multi)) {
            if (q.options.isEmpty())
                problems << where + QStringLiteral(".options: a choice needs options");
            if (QSet<QString>(q.options.begin(), q.options.end()).size() != q.options.size())
                problems << where + QStringLiteral(".options: an option is listed twice");
            if (q.options.contains(QString()))
                problems << where + QStringLiteral(".options: an option is empty");
        }
        if (q.type == Question::Type::Rating && q.min >= q.max)
            problems
                << where +
                       QStringLiteral(": min (%1) must be below max (%2)").arg(q.min).arg(q.max);
    }
    names.clear();
    for (int i = 0; i < rubric.size(); ++i) {
        const RubricDimension& d = rubric[i];
        const QString where = QStringLiteral("rubric[%1]").arg(i);
        if (d.name.trimmed().isEmpty())
            problems << where + QStringLiteral(".name: empty");
        else if (names.contains(d.name))
            problems << where + QStringLiteral(".name: '%1' is used twice").arg(d.name);
        names.insert(d.name);
        if (d.min >= d.max)
            problems
                << where +
                       QStringLiteral(": min (%1) must be below max (%2)").arg(d.min).arg(d.max);
    }
    if (critiqueMinChars < 0)
        problems << QStringLiteral("critique.min_chars: must not be negative");
    if (goldTolerance < 0 || goldTolerance > 6)
        problems << QStringLiteral("compare.gold_tolerance: must be 0 to 6 steps");
    return problems;
}

QString Schema::hotkeyProblem(int index) const {
    if (index < 0 || index >= labels.size())
        return {};
    const Label& label = labels[index];
    // Longer hotkeys are validate()'s "must be one key" already.
    if (label.hotkey.size() != 1)
        return {};
    const QChar key = label.hotkey.front();
    if (key < QLatin1Char('1') || key > QLatin1Char('9'))
        return QStringLiteral(
                   "'%1' is not a key the editors bind: use one digit 1-9, or none "
                   "(a label without a hotkey keeps key N as the Nth label)")
            .arg(label.hotkey);
    if (!label.appliesTo(TaskKind::Image) && !label.appliesTo(TaskKind::Text))
        return QStringLiteral(
            "only the image and text editors read hotkeys, and this label is not placed there: "
            "leave it empty (comparison flags take key N as the Nth compare label)");
    return {};
}

QStringList Schema::strictProblems() const {
    QStringList problems;
    for (int i = 0; i < labels.size(); ++i) {
        const QString problem = hotkeyProblem(i);
        if (!problem.isEmpty())
            problems << QStringLiteral("labels[%1].hotkey: %2").arg(i).arg(problem);
    }
    for (int i = 0; i < questions.size(); ++i) {
        for (const QString& condition : questions[i].whenData) {
            const QString key =
                condition.startsWith(QLatin1Char('!')) ? condition.mid(1) : condition;
            if (key.trimmed().isEmpty()) {
                problems << QStringLiteral("questions[%1].when_data: a condition needs a data key")
                                .arg(i);
                break;
            }
        }
    }
    return problems;
}

QJsonObject Schema::toJson() const {
    const auto original = [this](const char* key) {
        return m_extra.value(QLatin1String(key)).toArray();
    };
    QList<QJsonObject> labelEntries;
    for (const Label& l : labels) {
        QJsonObject o{{QStringLiteral("name"), l.name}};
        if (!l.color.isEmpty())
            o.insert(QStringLiteral("color"), l.color);
        if (!l.hotkey.isEmpty())
            o.insert(QStringLiteral("hotkey"), l.hotkey);
        if (!l.kinds.isEmpty()) {
            QJsonArray kinds;
            for (TaskKind kind : l.kinds)
                kinds.append(toString(kind));
            o.insert(QStringLiteral("kinds"), kinds);
        }
        labelEntries << o;
    }
    QList<QJsonObject> attributeEntries;
    for (const Attribute& a : attributes) {
        QJsonObject o{{QStringLiteral("name"), a.name}, {QStringLiteral("type"), a.type}};
        if (!a.options.isEmpty())
            o.insert(QStringLiteral("options"), toArray(a.options));
        if (!a.kinds.isEmpty()) {
            QJsonArray kinds;
            for (TaskKind kind : a.kinds)
                kinds.append(toString(kind));
            o.insert(QStringLiteral("kinds"), kinds);
        }
        attributeEntries << o;
    }
    QList<QJsonObject> relationEntries;
    for (const RelationLabel& r : relationLabels) {
        QJsonObject o{{QStringLiteral("name"), r.name}};
        if (!r.color.isEmpty())
            o.insert(QStringLiteral("color"), r.color);
        relationEntries << o;
    }
    QList<QJsonObject> questionEntries;
    for (const Question& q : questions) {
        QJsonObject o{{QStringLiteral("name"), q.name}, {QStringLiteral("type"), toString(q.type)}};
        if (q.type == Question::Type::Single || q.type == Question::Type::Multi)
            o.insert(QStringLiteral("options"), toArray(q.options));
        if (q.type == Question::Type::Rating) {
            o.insert(QStringLiteral("min"), q.min);
            o.insert(QStringLiteral("max"), q.max);
        }
        if (q.required)
            o.insert(QStringLiteral("required"), true);
        if (!q.description.isEmpty())
            o.insert(QStringLiteral("description"), q.description);
        if (!q.kinds.isEmpty()) {
            QJsonArray kinds;
            for (TaskKind kind : q.kinds)
                kinds.append(toString(kind));
            o.insert(QStringLiteral("kinds"), kinds);
        }
        if (!q.whenData.isEmpty())
            o.insert(QStringLiteral("when_data"), toArray(q.whenData));
        questionEntries << o;
    }
    QList<QJsonObject> rubricEntries;
    for (const RubricDimension& d : rubric) {
        QJsonObject o{{QStringLiteral("name"), d.name},
                      {QStringLiteral("min"), d.min},
                      {QStringLiteral("max"), d.max}};
        if (!d.description.isEmpty())
            o.insert(QStringLiteral("description"), d.description);
        if (d.required)
            o.insert(QStringLiteral("required"), true);
        rubricEntries << o;
    }
    const QStringList labelKeys{QStringLiteral("name"), QStringLiteral("color"),
                                QStringLiteral("hotkey"), QStringLiteral("kinds")};
    const QStringList attributeKeys{QStringLiteral("name"), QStringLiteral("type"),
                                    QStringLiteral("options"), QStringLiteral("kinds")};
    const QStringList questionKeys{
        QStringLiteral("name"),        QStringLiteral("type"),  QStringLiteral("options"),
        QStringLiteral("min"),         QStringLiteral("max"),   QStringLiteral("required"),
        QStringLiteral("description"), QStringLiteral("kinds"), QStringLiteral("when_data")};
    const QStringList rubricKeys{QStringLiteral("name"), QStringLiteral("min"),
                                 QStringLiteral("max"), QStringLiteral("description"),
                                 QStringLiteral("required")};
    QJsonObject critique = m_extra.value(QStringLiteral("critique")).toObject();
    critique.insert(QStringLiteral("min_chars"), critiqueMinChars);
    insertUnlessDefault(critique, QStringLiteral("required"), critiqueRequired, false);
    QJsonObject result = merged(
        m_extra,
        {{QStringLiteral("labels"), mergedEntries(original("labels"), labelEntries, labelKeys)},
         {QStringLiteral("attributes"),
          mergedEntries(original("attributes"), attributeEntries, attributeKeys)},
         {QStringLiteral("questions"),
          mergedEntries(original("questions"), questionEntries, questionKeys)},
         {QStringLiteral("rubric"), mergedEntries(original("rubric"), rubricEntries, rubricKeys)},
         {QStringLiteral("critique"), critique},
         {QStringLiteral("guidelines"), guidelines}});
    // Written only when set or already present, so schemas of other kinds
    // don't grow a section they never use.
    if (!relationLabels.isEmpty() || m_extra.contains(QStringLiteral("relations")))
        result.insert(QStringLiteral("relations"),
                      mergedEntries(original("relations"), relationEntries,
                                    {QStringLiteral("name"), QStringLiteral("color")}));
    if (showModelNames || revealGold || !requireVerdict || goldTolerance != 0 ||
        m_extra.contains(QStringLiteral("compare"))) {
        QJsonObject compare = m_extra.value(QStringLiteral("compare")).toObject();
        compare.insert(QStringLiteral("show_models"), showModelNames);
        compare.insert(QStringLiteral("reveal_gold"), revealGold);
        insertUnlessDefault(compare, QStringLiteral("require_verdict"), requireVerdict, true);
        insertUnlessDefault(compare, QStringLiteral("gold_tolerance"), goldTolerance, 0);
        result.insert(QStringLiteral("compare"), compare);
    }
    return result;
}

const Question* Schema::question(const QString& name) const {
    for (const Question& q : questions)
        if (q.name == name)
            return &q;
    return nullptr;
}

QList<Attribute> Schema::attributesFor(TaskKind kind) const {
    QList<Attribute> list;
    for (const Attribute& a : attributes)
        if (a.appliesTo(kind))
            list << a;
    return list;
}

QList<Label> Schema::labelsFor(TaskKind kind) const {
    QList<Label> list;
    for (const Label& l : labels)
        if (l.appliesTo(kind))
            list << l;
    return list;
}

QList<Question> Schema::questionsFor(const Task& task) const {
    QList<Question> list;
    for (const Question& q : questions)
        if (q.appliesTo(task))
            list << q;
    return list;
}

QList<Question> Schema::questionsFor(TaskKind kind) const {
    QList<Question> list;
    for (const Question& q : questions)
        if (q.appliesTo(kind))
            list << q;
    return list;
}

QString labelOnDigit(const QList<Label>& labels, int digit) {
    // A label that names its digit as hotkey takes it; the others go by order.
    const QString key = QString::number(digit);
    for (const Label& label : labels)
        if (label.hotkey == key)
            return label.name;
    if (digit >= 1 && digit <= labels.size())
        return labels[digit - 1].name;
    return QString();
}

}  // namespace postil
