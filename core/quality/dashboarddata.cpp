#include "quality/dashboarddata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <limits>

#include "model/comparison.h"
#include "model/comparisonresult.h"
#include "model/hlc.h"
#include "model/project.h"
#include "quality/answertables.h"

namespace postil::quality {

namespace {

const QString kMarksGroup = QStringLiteral("Labels (boxes and spans)");

// The key of an unordered pair, the earlier name first.
QString pairKey(const QString& a, const QString& b) {
    return a < b ? a + QLatin1Char('\n') + b : b + QLatin1Char('\n') + a;
}

// A figure as core/quality writes it: the number, or null with the reason
// under "undefined".
std::pair<std::optional<double>, QString> readFigure(const QJsonObject& object,
                                                     const QString& key) {
    const QJsonValue value = object.value(key);
    if (value.isDouble())
        return {value.toDouble(), QString()};
    return {std::nullopt,
            object.value(QLatin1String("undefined")).toObject().value(key).toString()};
}

std::optional<double> figureValue(const QJsonObject& object, const QString& key) {
    return readFigure(object, key).first;
}

// One matrix from a list of pairs: `figureOf` finds the object holding the
// figure in a pair (the pair itself, or its "exact" tally...).
AgreementMatrix matrixOf(const QString& key, const QString& title, const QString& figure,
                         const QString& itemNoun, const QJsonArray& pairs, const QString& itemsKey,
                         const std::function<QJsonObject(const QJsonObject&)>& figureOf,
                         const QString& figureKey) {
    AgreementMatrix m{key, title, figure, itemNoun, {}, {}};
    QSet<QString> names;
    for (const QJsonValue& p : pairs) {
        names.insert(p.toObject().value(QLatin1String("a")).toString());
        names.insert(p.toObject().value(QLatin1String("b")).toString());
    }
    m.annotators = QStringList(names.begin(), names.end());
    std::sort(m.annotators.begin(), m.annotators.end());
    const qsizetype n = m.annotators.size();
    m.cells = QList<QList<MatrixCell>>(n, QList<MatrixCell>(n));
    for (const QJsonValue& p : pairs) {
        const QJsonObject pair = p.toObject();
        const qsizetype row = m.annotators.indexOf(pair.value(QLatin1String("a")).toString());
        const qsizetype column = m.annotators.indexOf(pair.value(QLatin1String("b")).toString());
        const auto [value, reason] = readFigure(figureOf(pair), figureKey);
        MatrixCell cell{value, reason, pair.value(itemsKey).toInteger(), true};
        m.cells[row][column] = cell;
        m.cells[column][row] = cell;
    }
    return m;
}

QJsonObject itself(const QJsonObject& pair) {
    return pair;
}

// Counts per value of one group, per annotator, while the pass runs.
struct Tally {
    QStringList order;                              // values in the schema's order
    QHash<QString, QHash<QString, qint64>> counts;  // annotator -> value -> count

    void add(const QString& annotator, const QString& value) { ++counts[annotator][value]; }
};

// The visitor: everything the dashboard reads from the agreement's rows.
class DashboardPass {
public:
    DashboardPass(const Schema& schema, DashboardData& data) : m_data(data) {
        for (const Question& q : schema.questions)
            if (AnswerTables::isCategorical(q))
                m_questions << q;
        AnswerTables tables(schema.questions);
        for (const QString& name : tables.names())
            m_tableNames[name.section(QLatin1Char('['), 0, 0)] << name;
        for (const Label& label : schema.labels)
            if (label.kinds.isEmpty() || label.kinds.contains(TaskKind::Image) ||
                label.kinds.contains(TaskKind::Text))
                if (!m_tallies[kMarksGroup].order.contains(label.name))
                    m_tallies[kMarksGroup].order << label.name;
        m_groups << kMarksGroup;
        for (const Question& q : m_questions) {
            Tally& tally = m_tallies[q.name];
            m_groups << q.name;
            switch (q.type) {
                case Question::Type::Single:
                case Question::Type::Multi:
                    tally.order = q.options;
                    break;
                case Question::Type::Flag:
                    tally.order = {QStringLiteral("false"), QStringLiteral("true")};
                    break;
                case Question::Type::Rating:
                    for (int v = q.min; v <= q.max; ++v)
                        tally.order << QString::number(v);
                    break;
                case Question::Type::Text:
                    break;
            }
        }
    }

    void visit(const AnsweredTask& task) {
        const auto& results = task.results;
        for (qsizetype i = 0; i < results.size(); ++i) {
            const auto& [annotator, result] = results.at(i);
            m_data.answeredAt[annotator] << HybridClock::millis(task.stamps.value(i));
            const qint64 active = qint64(result.value(QLatin1String("active_ms")).toDouble());
            if (active > 0)
                m_times.append({task.id, annotator, active, QString()});
            if (task.hasGold)
                m_data.goldTasks[annotator] << task.id;
            countLabels(task.kind, annotator, result);
        }
        listPairs(task);
    }

    void finish(int rows) {
        for (auto& list : m_data.answeredAt)
            std::sort(list.begin(), list.end());
        for (const QString& group : std::as_const(m_groups)) {
            const Tally& tally = m_tallies.value(group);
            LabelDistribution d{group, tally.order, {}};
            QStringList extra;
            for (const auto& values : tally.counts)
                for (auto it = values.begin(); it != values.end(); ++it)
                    if (!d.values.contains(it.key()) && !extra.contains(it.key()))
                        extra << it.key();
            std::sort(extra.begin(), extra.end());
            d.values << extra;
            bool any = false;
            for (auto who = tally.counts.begin(); who != tally.counts.end(); ++who) {
                QList<qint64>& counts = d.counts[who.key()];
                for (const QString& value : std::as_const(d.values)) {
                    counts << who->value(value);
                    any = any || counts.last() > 0;
                }
            }
            if (any)
                m_data.labels << d;
        }
        // The slowest and fastest answers; ties by task order.
        auto slower = [](const TaskTime& x, const TaskTime& y) {
            return x.activeMs != y.activeMs ? x.activeMs > y.activeMs : x.taskId < y.taskId;
        };
        auto faster = [](const TaskTime& x, const TaskTime& y) {
            return x.activeMs != y.activeMs ? x.activeMs < y.activeMs : x.taskId < y.taskId;
        };
        const qsizetype n = std::min<qsizetype>(rows, m_times.size());
        std::partial_sort(m_times.begin(), m_times.begin() + n, m_times.end(), slower);
        m_data.slowest = m_times.mid(0, n);
        std::partial_sort(m_times.begin(), m_times.begin() + n, m_times.end(), faster);
        m_data.fastest = m_times.mid(0, n);
    }

private:
    void countLabels(TaskKind kind, const QString& annotator, const QJsonObject& result) {
        if (kind == TaskKind::Image)
            for (const Box& box : boxresult::read(result))
                m_tallies[kMarksGroup].add(annotator, box.label);
        else if (kind == TaskKind::Text)
            for (const Span& span : spanresult::read(result).spans)
                m_tallies[kMarksGroup].add(annotator, span.label);
        const QJsonObject answers = result.value(QLatin1String("answers")).toObject();
        for (const Question& q : std::as_const(m_questions)) {
            const QJsonValue value = answers.value(q.name);
            if (!AnswerTables::isAnswer(q, value))
                continue;
            Tally& tally = m_tallies[q.name];
            if (q.type == Question::Type::Multi) {
                for (const QJsonValue& option : value.toArray())
                    tally.add(annotator, option.toString());
            } else if (q.type == Question::Type::Flag) {
                tally.add(annotator,
                          value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
            } else if (q.type == Question::Type::Rating) {
                tally.add(annotator, QString::number(value.toDouble(), 'g', 17));
            } else {
                tally.add(annotator, value.toString());
            }
        }
    }

    // For every pair who both answered the task, the measures it counts in.
    void listPairs(const AnsweredTask& task) {
        const auto& results = task.results;
        if (results.size() < 2)
            return;
        QList<std::optional<int>> directions;
        if (task.kind == TaskKind::Compare) {
            const int count =
                comparison::responseCount(QJsonDocument::fromJson(task.dataJson).object());
            for (const auto& [annotator, result] : results)
                directions << verdictDirection(ComparisonResult::read(result, count));
        }
        QList<QJsonObject> answers;
        for (const auto& [annotator, result] : results)
            answers << result.value(QLatin1String("answers")).toObject();
        const QString kindKey = task.kind == TaskKind::Image   ? QStringLiteral("boxes")
                                : task.kind == TaskKind::Text  ? QStringLiteral("spans")
                                : task.kind == TaskKind::Audio ? QStringLiteral("segments")
                                                               : QString();
        for (qsizetype i = 0; i < results.size(); ++i)
            for (qsizetype j = i + 1; j < results.size(); ++j) {
                const QString pair = pairKey(results.at(i).first, results.at(j).first);
                if (!kindKey.isEmpty())
                    m_data.pairTasks[kindKey][pair] << task.id;
                if (task.kind == TaskKind::Compare && directions.at(i) && directions.at(j))
                    m_data.pairTasks[QStringLiteral("comparisons")][pair] << task.id;
                for (const Question& q : std::as_const(m_questions)) {
                    if (!AnswerTables::isAnswer(q, answers.at(i).value(q.name)) ||
                        !AnswerTables::isAnswer(q, answers.at(j).value(q.name)))
                        continue;
                    for (const QString& table : m_tableNames.value(q.name))
                        m_data.pairTasks[QStringLiteral("question:") + table][pair] << task.id;
                }
            }
    }

    DashboardData& m_data;
    QList<Question> m_questions;               // the categorical ones
    QHash<QString, QStringList> m_tableNames;  // question -> its agreement tables
    QStringList m_groups;
    QHash<QString, Tally> m_tallies;
    QList<TaskTime> m_times;
};

}  // namespace

QList<AgreementMatrix> agreementMatrices(const QJsonObject& report,
                                         const QStringList& questionOrder) {
    QList<AgreementMatrix> out;
    const QString pairsKey = QStringLiteral("pairs");
    const QJsonObject questions = report.value(QLatin1String("questions")).toObject();
    QStringList names;
    for (const QString& name : questionOrder)
        if (questions.contains(name))
            names << name;
    for (const QString& name : questions.keys())
        if (!names.contains(name))
            names << name;
    for (const QString& name : std::as_const(names)) {
        const QJsonArray pairs = questions.value(name).toObject().value(pairsKey).toArray();
        if (!pairs.isEmpty())
            out << matrixOf(QStringLiteral("question:") + name,
                            QObject::tr("Question %1").arg(name), QObject::tr("Cohen's κ"),
                            QObject::tr("items"), pairs, QStringLiteral("items"), itself,
                            QStringLiteral("cohen_kappa"));
    }
    const QJsonObject boxes = report.value(QLatin1String("boxes")).toObject();
    if (const QJsonArray pairs = boxes.value(pairsKey).toArray(); !pairs.isEmpty())
        out << matrixOf(QStringLiteral("boxes"), QObject::tr("Boxes"),
                        QObject::tr("F1 (IoU ≥ %1)")
                            .arg(boxes.value(QLatin1String("iou_threshold")).toDouble()),
                        QObject::tr("images"), pairs, QStringLiteral("images"), itself,
                        QStringLiteral("f1"));
    const QJsonObject spans = report.value(QLatin1String("spans")).toObject();
    if (const QJsonArray pairs = spans.value(pairsKey).toArray(); !pairs.isEmpty())
        out << matrixOf(
            QStringLiteral("spans"), QObject::tr("Spans"), QObject::tr("exact-match F1"),
            QObject::tr("texts"), pairs, QStringLiteral("texts"),
            [](const QJsonObject& p) { return p.value(QLatin1String("exact")).toObject(); },
            QStringLiteral("f1"));
    const QJsonObject segments = report.value(QLatin1String("segments")).toObject();
    if (const QJsonArray pairs = segments.value(pairsKey).toArray(); !pairs.isEmpty())
        out << matrixOf(
            QStringLiteral("segments"), QObject::tr("Segments"),
            QObject::tr("boundary F1 (± %1 ms)")
                .arg(segments.value(QLatin1String("tolerance_ms")).toInteger()),
            QObject::tr("audios"), pairs, QStringLiteral("audios"),
            [](const QJsonObject& p) { return p.value(QLatin1String("boundaries")).toObject(); },
            QStringLiteral("f1"));
    const QJsonObject comparisons = report.value(QLatin1String("comparisons")).toObject();
    if (const QJsonArray pairs = comparisons.value(pairsKey).toArray(); !pairs.isEmpty())
        out << matrixOf(QStringLiteral("comparisons"), QObject::tr("Comparisons"),
                        QObject::tr("same preferred response (ties included)"),
                        QObject::tr("tasks"), pairs, QStringLiteral("tasks"), itself,
                        QStringLiteral("agreement_with_ties"));
    return out;
}

QList<GoldRow> goldRows(const QJsonObject& report) {
    QList<GoldRow> out;
    const QJsonArray people =
        report.value(QLatin1String("gold")).toObject().value(QLatin1String("annotators")).toArray();
    for (const QJsonValue& p : people) {
        const QJsonObject person = p.toObject();
        GoldRow row;
        row.annotator = person.value(QLatin1String("annotator")).toString();
        row.tasks = person.value(QLatin1String("tasks")).toInteger();
        qint64 correct = 0;
        const QJsonObject answers = person.value(QLatin1String("answers")).toObject();
        for (const QJsonValue& q : answers) {
            row.answerItems += q.toObject().value(QLatin1String("items")).toInteger();
            correct += q.toObject().value(QLatin1String("correct")).toInteger();
        }
        if (row.answerItems > 0)
            row.answers = double(correct) / double(row.answerItems);
        const QString f1 = QStringLiteral("f1");
        if (person.contains(QLatin1String("boxes")))
            row.boxesF1 = figureValue(person.value(QLatin1String("boxes")).toObject(), f1);
        if (person.contains(QLatin1String("spans")))
            row.spansF1 = figureValue(person.value(QLatin1String("spans")).toObject(), f1);
        if (person.contains(QLatin1String("segments"))) {
            const QJsonObject s = person.value(QLatin1String("segments")).toObject();
            row.boundariesF1 = figureValue(s.value(QLatin1String("boundaries")).toObject(), f1);
            row.wordErrorRate = figureValue(s, QStringLiteral("word_error_rate"));
        }
        if (person.contains(QLatin1String("comparisons")))
            row.verdicts = figureValue(person.value(QLatin1String("comparisons")).toObject(),
                                       QStringLiteral("accuracy"));
        out << row;
    }
    return out;
}

QList<qint64> DashboardData::tasksBehind(const QString& measureKey, const QString& a,
                                         const QString& b) const {
    return pairTasks.value(measureKey).value(pairKey(a, b));
}

const AgreementMatrix* DashboardData::matrix(const QString& key) const {
    for (const AgreementMatrix& m : matrices)
        if (m.key == key)
            return &m;
    return nullptr;
}

QList<ProgressPoint> cumulativeProgress(const QList<qint64>& answeredAt, qint64 bucketMs) {
    QList<ProgressPoint> out;
    if (answeredAt.isEmpty() || bucketMs <= 0)
        return out;
    auto bucketOf = [bucketMs](qint64 t) { return t >= 0 ? t / bucketMs : (t + 1) / bucketMs - 1; };
    out << ProgressPoint{bucketOf(answeredAt.first()) * bucketMs, 0};
    qint64 done = 0;
    for (qsizetype i = 0; i < answeredAt.size(); ++i) {
        ++done;
        const qint64 bucket = bucketOf(answeredAt.at(i));
        if (i + 1 == answeredAt.size() || bucketOf(answeredAt.at(i + 1)) != bucket)
            out << ProgressPoint{(bucket + 1) * bucketMs, done};
    }
    return out;
}

qint64 progressBucketMs(const QMap<QString, QList<qint64>>& answeredAt) {
    constexpr qint64 kHour = 3600 * 1000;
    constexpr qint64 kDay = 24 * kHour;
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    for (const QList<qint64>& times : answeredAt)
        if (!times.isEmpty()) {
            first = std::min(first, times.first());
            last = std::max(last, times.last());
        }
    return last - first <= 2 * kDay ? kHour : kDay;
}

Expected<DashboardData> buildDashboardData(Project& project, const DashboardOptions& options,
                                           const DashboardProgress& progress) {
    DashboardData data;
    data.projectPath = project.path();
    auto count = project.database().queryInt(QStringLiteral("SELECT count(*) FROM tasks"));
    auto lastId =
        project.database().queryInt(QStringLiteral("SELECT coalesce(max(id), 0) FROM tasks"));
    if (!count.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), count.error()));
    if (!lastId.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), lastId.error()));
    data.tasks = *count;
    if (progress && !progress(0, *lastId))
        return Status::failure(QStringLiteral("%1: stopped").arg(project.path()));

    DashboardPass pass(project.schema(), data);
    auto report = computeAgreement(project, options.agreement, [&](const AnsweredTask& task) {
        pass.visit(task);
        return !progress || progress(task.id, *lastId);
    });
    if (!report.ok())
        return Status::failure(report.error());
    pass.finish(options.taskTimeRows);
    data.report = *report;
    data.annotators = data.answeredAt.keys();
    data.matrices =
        agreementMatrices(data.report, AnswerTables(project.schema().questions).names());
    data.gold = goldRows(data.report);

    Statement preview =
        project.database().statement(QStringLiteral("SELECT preview FROM tasks WHERE id = ?1"));
    for (QList<TaskTime>* list : {&data.slowest, &data.fastest})
        for (TaskTime& t : *list) {
            preview.reset();
            preview.bind(1, t.taskId);
            if (preview.next())
                t.preview = preview.text(0);
        }
    if (progress)
        progress(*lastId, *lastId);
    return data;
}

}  // namespace postil::quality
