#include "assist/assistmodel.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace postil {

namespace {

const QString kModels = QStringLiteral("models");

// The name becomes part of an annotator name, which exports write into file
// names (brat, speech formats) and which people type on the command line.
bool isGoodName(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

Expected<AssistModel> readOne(const QJsonValue& value, int index) {
    const QString where = QStringLiteral("models[%1]").arg(index);
    if (!value.isObject())
        return Status::failure(where + QStringLiteral(": not an object"));
    const QJsonObject o = value.toObject();
    AssistModel model;
    model.source = o;
    QStringList problems;
    model.name = o.value(QStringLiteral("name")).toString();
    if (!isGoodName(model.name))
        problems << QStringLiteral(
                        "%1.name: '%2' is not a name (letters, digits, '.', '_', "
                        "'-', at most 64)")
                        .arg(where, model.name);
    const QJsonValue kinds = o.value(QStringLiteral("kinds"));
    if (!kinds.isArray() || kinds.toArray().isEmpty())
        problems << where + QStringLiteral(".kinds: a list of task kinds is needed");
    for (const QJsonValue& kind : kinds.toArray()) {
        if (auto k = taskKindFromString(kind.toString()); k && !model.kinds.contains(*k))
            model.kinds << *k;
        else if (!k)
            problems << QStringLiteral("%1.kinds: unknown kind '%2'").arg(where, kind.toString());
    }
    model.command = o.value(QStringLiteral("command")).toString();
    if (model.command.trimmed().isEmpty())
        problems << where + QStringLiteral(".command: a command line is needed");
    const QJsonValue batch = o.value(QStringLiteral("batch"));
    if (!batch.isUndefined() && !batch.isBool())
        problems << where + QStringLiteral(".batch: true or false");
    model.batch = batch.toBool(false);
    const QJsonValue timeout = o.value(QStringLiteral("timeout_s"));
    if (!timeout.isUndefined()) {
        const double seconds = timeout.toDouble(-1);
        if (!timeout.isDouble() || !std::isfinite(seconds) || seconds <= 0 ||
            seconds > AssistModel::kMaxTimeoutS)
            problems << where + QStringLiteral(
                                    ".timeout_s: seconds, more than 0 and at most "
                                    "a day");
        else
            model.timeoutS = seconds;
    }
    if (!problems.isEmpty())
        return Status::failure(problems.join(QLatin1Char('\n')));
    return model;
}

}  // namespace

QString AssistModel::annotatorPrefix() {
    return QStringLiteral("model:");
}

bool AssistModel::isModelAnnotator(const QString& annotator) {
    return annotator.startsWith(annotatorPrefix());
}

QString AssistModel::annotator() const {
    return annotatorPrefix() + name;
}

QJsonObject AssistModel::toJson() const {
    QJsonObject o = source;
    o.insert(QStringLiteral("name"), name);
    QJsonArray kindNames;
    for (TaskKind kind : kinds)
        kindNames.append(toString(kind));
    o.insert(QStringLiteral("kinds"), kindNames);
    o.insert(QStringLiteral("command"), command);
    o.insert(QStringLiteral("batch"), batch);
    o.insert(QStringLiteral("timeout_s"), timeoutS);
    return o;
}

namespace assistmodels {

Expected<QList<AssistModel>> read(const Schema& schema) {
    const QJsonValue list = schema.toJson().value(kModels);
    if (list.isUndefined())
        return QList<AssistModel>();
    if (!list.isArray())
        return Status::failure(QStringLiteral("models: a list of models is needed"));
    QList<AssistModel> models;
    QStringList problems;
    QSet<QString> names;
    const QJsonArray entries = list.toArray();
    for (int i = 0; i < entries.size(); ++i) {
        auto model = readOne(entries.at(i), i);
        if (!model.ok()) {
            problems << model.error();
            continue;
        }
        if (names.contains(model->name))
            problems
                << QStringLiteral("models[%1].name: '%2' is there twice").arg(i).arg(model->name);
        names.insert(model->name);
        models << *model;
    }
    if (!problems.isEmpty())
        return Status::failure(problems.join(QLatin1Char('\n')));
    return models;
}

Expected<AssistModel> find(const Schema& schema, const QString& name) {
    auto models = read(schema);
    if (!models.ok())
        return Status::failure(models.error());
    QStringList names;
    for (const AssistModel& model : *models) {
        if (model.name == name)
            return model;
        names << model.name;
    }
    return Status::failure(
        names.isEmpty()
            ? QStringLiteral("no model '%1': the project's schema has no \"models\"").arg(name)
            : QStringLiteral("no model '%1' (the project has: %2)")
                  .arg(name, names.join(QStringLiteral(", "))));
}

Expected<Schema> withModels(const Schema& schema, const QList<AssistModel>& models) {
    QJsonObject json = schema.toJson();
    if (models.isEmpty()) {
        json.remove(kModels);
    } else {
        QJsonArray list;
        for (const AssistModel& model : models)
            list.append(model.toJson());
        json.insert(kModels, list);
    }
    return Schema::fromJson(json);
}

}  // namespace assistmodels
}  // namespace postil
