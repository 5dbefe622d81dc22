#include "quality/agreementreport.h"

#include <QJsonDocument>

#include "model/comparison.h"
#include "model/project.h"
#include "quality/answertables.h"
#include "quality/goldaccuracy.h"
#include "quality/pairtallies.h"

namespace postil::quality {

namespace {

class AgreementWalk {
public:
    AgreementWalk(const Schema& schema, const AgreementOptions& options)
        : m_answers(schema.questions),
          m_boxes(options.iouThreshold),
          m_segments(options.toleranceMs),
          m_gold(schema.questions, options.iouThreshold, options.toleranceMs,
                 schema.goldTolerance) {}

    // Counts the task; says whether it is a gold task.
    bool addTask(const AnsweredTask& task) {
        ByAnnotator<QJsonObject> answers;
        for (const auto& [annotator, result] : task.results)
            answers.append({annotator, result.value(QLatin1String("answers")).toObject()});
        m_answers.addTask(answers);

        QJsonObject data;
        if (task.kind == TaskKind::Compare || task.dataJson.contains("\"gold\""))
            data = QJsonDocument::fromJson(task.dataJson).object();
        switch (task.kind) {
            case TaskKind::Image: {
                ByAnnotator<QList<Box>> boxes;
                for (const auto& [annotator, result] : task.results)
                    boxes.append({annotator, boxresult::read(result)});
                m_boxes.addImage(boxes);
                break;
            }
            case TaskKind::Text: {
                ByAnnotator<TextAnnotation> spans;
                for (const auto& [annotator, result] : task.results)
                    spans.append({annotator, spanresult::read(result)});
                m_spans.addText(spans);
                break;
            }
            case TaskKind::Audio: {
                ByAnnotator<QList<Segment>> segments;
                for (const auto& [annotator, result] : task.results)
                    segments.append({annotator, segmentresult::read(result)});
                m_segments.addAudio(segments);
                break;
            }
            case TaskKind::Compare: {
                const int count = comparison::responseCount(data);
                ByAnnotator<ComparisonResult> verdicts;
                for (const auto& [annotator, result] : task.results)
                    verdicts.append({annotator, ComparisonResult::read(result, count)});
                m_comparisons.addComparison(verdicts);
                break;
            }
        }

        const QJsonValue gold = data.value(QLatin1String("gold"));
        if (gold.isObject())
            m_gold.addTask(task.kind, data, gold.toObject(), false, task.results);
        else if (task.review)
            m_gold.addTask(task.kind, data, *task.review, true, task.results);
        return gold.isObject() || task.review.has_value();
    }

    QJsonObject toJson(const QString& onlyQuestion) const {
        QJsonObject questions;
        for (const QString& name : m_answers.names()) {
            if (!onlyQuestion.isEmpty() && name != onlyQuestion &&
                !name.startsWith(onlyQuestion + QLatin1Char('[')))
                continue;
            questions.insert(name, computeCategorical(m_answers.table(name)).toJson());
        }
        return {{QStringLiteral("questions"), questions},
                {QStringLiteral("boxes"), m_boxes.toJson()},
                {QStringLiteral("spans"), m_spans.toJson()},
                {QStringLiteral("segments"), m_segments.toJson()},
                {QStringLiteral("comparisons"), m_comparisons.toJson()},
                {QStringLiteral("gold"), m_gold.toJson()}};
    }

private:
    AnswerTables m_answers;
    BoxAgreement m_boxes;
    SpanAgreement m_spans;
    SegmentAgreement m_segments;
    ComparisonAgreement m_comparisons;
    GoldAccuracy m_gold;
};

}  // namespace

Expected<QJsonObject> computeAgreement(Project& project, const AgreementOptions& options,
                                       const AnsweredTaskVisitor& visit) {
    if (!options.question.isEmpty()) {
        const Question* q = project.schema().question(options.question);
        if (!q || !AnswerTables::isCategorical(*q))
            return Status::failure(
                QStringLiteral("%1: no question '%2' with choices, flags or ratings in the schema")
                    .arg(project.path(), options.question));
    }
    // One pass in task order; a task's rows arrive together, sorted by
    // annotator, reviews among them. Tombstones, drafts, skips and models'
    // rows are not answers.
    auto rows = project.database().prepare(QStringLiteral(
        "SELECT t.uid, t.kind, t.data, a.annotator, a.result, "
        "       (a.review_of IS NOT NULL AND a.review_of <> ''), a.hlc, t.id "
        "FROM tasks t JOIN annotations a ON a.task_uid = t.uid "
        "WHERE a.deleted = 0 AND a.status = 'submitted' AND substr(a.annotator, 1, 6) <> 'model:' "
        "ORDER BY t.id, a.annotator"));
    if (!rows.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), rows.error()));
    AgreementWalk walk(project.schema(), options);
    // Counts a gathered task and shows it to the visitor; false: stopped.
    auto finish = [&](AnsweredTask& task) {
        task.hasGold = walk.addTask(task);
        return !visit || task.results.isEmpty() || visit(task);
    };
    const Status stopped =
        Status::failure(QStringLiteral("%1: the agreement was stopped").arg(project.path()));
    AnsweredTask task;
    bool any = false;
    while (rows->next()) {
        const QString uid = rows->text(0);
        if (!any || uid != task.uid) {
            if (any && !finish(task))
                return stopped;
            any = true;
            task = AnsweredTask();
            task.id = rows->int64(7);
            task.uid = uid;
            task.kind = taskKindFromString(rows->text(1)).value_or(TaskKind::Text);
            task.dataJson = rows->utf8(2);
        }
        const QJsonObject result = QJsonDocument::fromJson(rows->utf8(4)).object();
        if (rows->int64(5) != 0) {
            // Several reviewers: the newest review is the adjudication.
            if (!task.review || rows->int64(6) >= task.reviewHlc) {
                task.review = result;
                task.reviewHlc = rows->int64(6);
            }
        } else {
            task.results.append({rows->text(3), result});
            task.stamps.append(rows->int64(6));
        }
    }
    if (!rows->status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(project.path(), rows->status().error()));
    if (any && !finish(task))
        return stopped;
    return walk.toJson(options.question);
}

}  // namespace postil::quality
