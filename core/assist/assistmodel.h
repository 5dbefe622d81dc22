#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "model/schema.h"
#include "model/taskkind.h"
#include "store/status.h"

namespace postil {

// A model the project runs as a command (docs/assist.md): one entry of the
// schema's "models" list,
//   {"name": "det", "kinds": ["image"], "command": "python3 detect.py",
//    "batch": false, "timeout_s": 30}
// The schema keeps keys it does not know (model/schema), so the list lives
// there as JSON and is read here; keys of an entry this build does not know
// stay in `source` and are written back.
struct AssistModel {
    static constexpr double kDefaultTimeoutS = 30;
    static constexpr double kMaxTimeoutS = 24 * 3600;

    QString name;  // letters, digits, '.', '_', '-': it becomes the annotator "model:NAME"
    QList<TaskKind> kinds;
    QString command;  // run by /bin/sh -c in the project's folder
    bool batch = false;
    double timeoutS = kDefaultTimeoutS;
    QJsonObject source;

    // "model:NAME": the annotator its drafts are stored under.
    QString annotator() const;
    bool serves(TaskKind kind) const { return kinds.contains(kind); }
    QJsonObject toJson() const;

    // The annotator prefix of every model; a person's name never starts so.
    static QString annotatorPrefix();
    static bool isModelAnnotator(const QString& annotator);
};

namespace assistmodels {

// The models of a schema. Fails naming every problem as "models[1].kinds: ...".
Expected<QList<AssistModel>> read(const Schema& schema);
// The model called `name`; the error lists the models there are.
Expected<AssistModel> find(const Schema& schema, const QString& name);
// `schema` with its "models" list replaced (empty: the key removed).
Expected<Schema> withModels(const Schema& schema, const QList<AssistModel>& models);

}  // namespace assistmodels
}  // namespace postil
