#include "formats/responsesformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <optional>

#include "formats/importsession.h"
#include "formats/jsonlformat.h"
#include "formats/linereader.h"

namespace postil {

namespace {

using Problem = std::optional<QString>;

// Ids may be numbers in the file; they are strings in the project.
std::optional<QString> idText(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        // toInteger's fallback is not qint64(d): that is undefined for a
        // number beyond qint64 (1e300), found by fuzzing.
        const qint64 i = value.toInteger(0);
        return double(i) == d ? QString::number(i)
                              : QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    return std::nullopt;
}

// A value as it was written, for messages: 3, "x", [1].
QString valueText(const QJsonValue& value) {
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// A prompt or response: a string, or a non-empty list of {"role", "content"}
// messages with the roles docs/architecture.md §4 names.
Problem contentProblem(const QJsonValue& value, const QString& what) {
    if (value.isString())
        return std::nullopt;
    if (!value.isArray())
        return what + QStringLiteral(" must be a string or a list of messages");
    const QJsonArray messages = value.toArray();
    if (messages.isEmpty())
        return what + QStringLiteral(" is an empty list of messages");
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString which = QStringLiteral("%1 message %2").arg(what).arg(i + 1);
        const QJsonObject m = messages.at(i).toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        if (role != QLatin1String("user") && role != QLatin1String("assistant") &&
            role != QLatin1String("system"))
            return which + QStringLiteral(": \"role\" must be user, assistant or system");
        if (!m.value(QLatin1String("content")).isString())
            return which + QStringLiteral(": \"content\" must be a string");
    }
    return std::nullopt;
}

struct Responses {
    QJsonArray contents;
    QStringList ids;
    QStringList models;
};

// One element of "responses": plain content, or an object naming it.
Problem takeResponse(const QJsonValue& value, qsizetype index, Responses& out) {
    const QString what = QStringLiteral("response %1").arg(index + 1);
    QJsonValue content = value;
    QString id;
    QString model;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        content = QJsonValue(QJsonValue::Undefined);
        for (const char* key : {"content", "text", "response"}) {
            if (object.contains(QLatin1String(key))) {
                content = object.value(QLatin1String(key));
                break;
            }
        }
        if (content.isUndefined())
            return what + QStringLiteral(" needs \"content\", \"text\" or \"response\"");
        const QJsonValue idValue = object.value(QLatin1String("id"));
        if (auto text = idText(idValue))
            id = *text;
        else if (!idValue.isUndefined() && !idValue.isNull())
            return what + QStringLiteral(": \"id\" must be a string or a number");
        const QJsonValue modelValue = object.value(QLatin1String("model"));
        if (modelValue.isString())
            model = modelValue.toString();
        else if (!modelValue.isUndefined() && !modelValue.isNull())
            return what + QStringLiteral(": \"model\" must be a string");
    }
    if (auto problem = contentProblem(content, what))
        return problem;
    out.contents.append(content);
    out.ids.append(id);
    out.models.append(model);
    return std::nullopt;
}

// Fills ids or models left empty from a top-level list ("response_ids",
// "models"), as the generic JSONL's data carries them.
Problem takeNames(const QJsonObject& line, const char* key, QStringList& names) {
    const QJsonValue value = line.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const QJsonArray list = value.toArray();
    if (!value.isArray() || list.size() != names.size())
        return QStringLiteral("\"%1\" must list one name per response").arg(QLatin1String(key));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const auto text = idText(list.at(i));
        if (!text && !list.at(i).isNull())
            return QStringLiteral("\"%1\" must hold strings").arg(QLatin1String(key));
        if (names[i].isEmpty() && text)
            names[i] = *text;
    }
    return std::nullopt;
}

Problem readResponses(const QJsonObject& line, Responses& out) {
    if (line.contains(QLatin1String("responses"))) {
        const QJsonValue list = line.value(QLatin1String("responses"));
        if (!list.isArray())
            return QStringLiteral("\"responses\" must be a list");
        const QJsonArray responses = list.toArray();
        for (qsizetype i = 0; i < responses.size(); ++i)
            if (auto problem = takeResponse(responses.at(i), i, out))
                return problem;
        if (auto problem = takeNames(line, "response_ids", out.ids))
            return problem;
        return takeNames(line, "models", out.models);
    }
    const bool pairwise = line.contains(QLatin1String("response_a"));
    const bool preference = line.contains(QLatin1String("chosen"));
    if (!pairwise && !preference)
        return QStringLiteral(
            "needs \"responses\", \"response_a\" and \"response_b\", or \"chosen\" and "
            "\"rejected\"");
    const char* keys[2] = {"response_a", "response_b"};
    if (!pairwise) {
        keys[0] = "chosen";
        keys[1] = "rejected";
    }
    for (int i = 0; i < 2; ++i) {
        const QJsonValue content = line.value(QLatin1String(keys[i]));
        if (content.isUndefined())
            return QStringLiteral("\"%1\" is missing").arg(QLatin1String(keys[i]));
        if (auto problem =
                contentProblem(content, QStringLiteral("\"%1\"").arg(QLatin1String(keys[i]))))
            return problem;
        out.contents.append(content);
        out.ids.append(QString());
        out.models.append(QString());
    }
    if (pairwise) {
        const char* modelKeys[2] = {"model_a", "model_b"};
        for (int i = 0; i < 2; ++i) {
            const QJsonValue model = line.value(QLatin1String(modelKeys[i]));
            if (model.isString())
                out.models[i] = model.toString();
            else if (!model.isUndefined() && !model.isNull())
                return QStringLiteral("\"%1\" must be a string").arg(QLatin1String(modelKeys[i]));
        }
    }
    return std::nullopt;
}

// The gold verdict with its ranges checked: preference an integer in -3..3
// (two responses only), both_bad a boolean, ranking groups of distinct
// response indexes. Written back in the canonical shape.
Problem readGold(const QJsonValue& value, int count, QJsonObject& gold) {
    if (!value.isObject())
        return QStringLiteral("\"gold\" must be an object");
    const QJsonObject given = value.toObject();
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (it.key() != QLatin1String("preference") && it.key() != QLatin1String("both_bad") &&
            it.key() != QLatin1String("ranking"))
            return QStringLiteral("gold: unknown key \"%1\" (preference, both_bad or ranking)")
                .arg(it.key());
    }
    if (given.contains(QLatin1String("preference"))) {
        const QJsonValue p = given.value(QLatin1String("preference"));
        const double d = p.toDouble(99);
        // The range first: int(d) of a number beyond int is undefined.
        if (!p.isDouble() || d < -3 || d > 3 || d != double(int(d)))
            return QStringLiteral("gold.preference must be an integer from -3 to 3");
        if (count != 2)
            return QStringLiteral(
                       "gold.preference compares two responses; with %1 give gold.ranking")
                .arg(count);
        gold.insert(QStringLiteral("preference"), int(d));
    }
    if (given.contains(QLatin1String("both_bad"))) {
        const QJsonValue b = given.value(QLatin1String("both_bad"));
        if (!b.isBool())
            return QStringLiteral("gold.both_bad must be true or false");
        gold.insert(QStringLiteral("both_bad"), b.toBool());
    }
    if (given.contains(QLatin1String("ranking"))) {
        const QJsonValue r = given.value(QLatin1String("ranking"));
        if (!r.isArray() || r.toArray().isEmpty())
            return QStringLiteral("gold.ranking must be a list of groups, best first");
        QJsonArray ranking;
        QSet<int> seen;
        for (const QJsonValue& entry : r.toArray()) {
            const QJsonArray items = entry.isArray() ? entry.toArray() : QJsonArray{entry};
            QJsonArray group;
            for (const QJsonValue& item : items) {
                const double d = item.toDouble(-1);
                if (!item.isDouble() || d < 0 || d >= count || d != double(int(d)))
                    return QStringLiteral("gold.ranking: %1 is not a response index (0 to %2)")
                        .arg(valueText(item))
                        .arg(count - 1);
                if (seen.contains(int(d)))
                    return QStringLiteral("gold.ranking: response %1 is ranked twice").arg(int(d));
                seen.insert(int(d));
                group.append(int(d));
            }
            if (group.isEmpty())
                return QStringLiteral("gold.ranking: a group is empty");
            ranking.append(group);
        }
        gold.insert(QStringLiteral("ranking"), ranking);
    }
    return std::nullopt;
}

QJsonArray namesOrNothing(const QStringList& names) {
    for (const QString& name : names) {
        if (!name.isEmpty())
            return QJsonArray::fromStringList(names);
    }
    return {};
}

Status readLine(QByteArrayView bytes, const QDir& baseDir, const QString& where,
                ImportSession& session) {
    QJsonParseError error;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(bytes.data(), bytes.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return session.reportBad(where, QStringLiteral("not valid JSON at byte %1: %2")
                                            .arg(error.offset + 1)
                                            .arg(error.errorString()));
    if (!doc.isObject())
        return session.reportBad(where, QStringLiteral("expected a JSON object per line"));
    const QJsonObject line = doc.object();
    if (line.contains(QLatin1String("data")))
        return session.reportBad(
            where, QStringLiteral("a line with \"data\" is the generic JSONL: import it with "
                                  "--format jsonl"));

    TaskRecord record;
    record.kind = TaskKind::Compare;
    const QJsonValue id = line.value(QLatin1String("id"));
    if (auto text = idText(id))
        record.id = *text;
    else if (!id.isUndefined() && !id.isNull())
        return session.reportBad(where, QStringLiteral("\"id\" must be a string or a number"));

    const QJsonValue prompt = line.value(QLatin1String("prompt"));
    if (prompt.isUndefined())
        return session.reportBad(where, QStringLiteral("\"prompt\" is missing"));
    if (auto problem = contentProblem(prompt, QStringLiteral("\"prompt\"")))
        return session.reportBad(where, *problem);
    Responses responses;
    if (auto problem = readResponses(line, responses))
        return session.reportBad(where, *problem);
    if (responses.contents.size() < 2)
        return session.reportBad(where, QStringLiteral("a comparison needs two or more responses"));

    record.data.insert(QStringLiteral("prompt"), prompt);
    record.data.insert(QStringLiteral("responses"), responses.contents);
    if (const QJsonArray ids = namesOrNothing(responses.ids); !ids.isEmpty())
        record.data.insert(QStringLiteral("response_ids"), ids);
    if (const QJsonArray models = namesOrNothing(responses.models); !models.isEmpty())
        record.data.insert(QStringLiteral("models"), models);
    const QJsonValue goldValue = line.value(QLatin1String("gold"));
    if (!goldValue.isUndefined() && !goldValue.isNull()) {
        QJsonObject gold;
        if (auto problem = readGold(goldValue, int(responses.contents.size()), gold))
            return session.reportBad(where, *problem);
        if (!gold.isEmpty())
            record.data.insert(QStringLiteral("gold"), gold);
    }
    return session.add(std::move(record), baseDir, where);
}

}  // namespace

bool ResponsesFormat::probe(const QString& path) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("jsonl") && suffix != QLatin1String("ndjson"))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    LineReader reader(file, qsizetype(64) << 10);
    QByteArrayView line;
    while (reader.next(line)) {
        if (isBlankLine(line))
            continue;
        const QJsonObject first =
            QJsonDocument::fromJson(QByteArray(line.data(), line.size())).object();
        return !first.contains(QLatin1String("data")) &&
               (first.contains(QLatin1String("responses")) ||
                first.contains(QLatin1String("response_a")) ||
                first.contains(QLatin1String("chosen")));
    }
    return false;
}

Status ResponsesFormat::read(const QString& path, ImportSession& session) {
    return readJsonLines(
        path, session, [&session](QByteArrayView line, const QDir& baseDir, const QString& where) {
            return readLine(line, baseDir, where, session);
        });
}

}  // namespace postil
