#include "document/taskdocument.h"

#include <QJsonArray>

#include "assist/assisthelp.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"

namespace postil {

TaskDocument::TaskDocument(Project& project, Task task, QObject* parent)
    : QObject(parent), m_project(project), m_task(std::move(task)) {
    if (auto stored = m_project.annotations().get(m_task.uid, m_project.annotator())) {
        m_annotationUid = stored->uid;
        m_lineage = stored->lineage;
        m_leadBaseMs = stored->leadMs;
        if (!stored->deleted) {
            m_state.result = stored->result;
            m_state.status = stored->status;
            m_state.skipReason = stored->skipReason;
            m_state.exists = true;
        }
        m_activeTotalMs = stored->result.value(QStringLiteral("active_ms")).toInteger();
    }
    m_activeTimer.start();
}

TaskDocument::~TaskDocument() = default;

bool TaskDocument::write(const AnnotationState& requested) {
    // Active time only grows: whatever state an undo step restores carries
    // the current total.
    AnnotationState state = requested;
    if (m_activeTotalMs > 0)
        state.result.insert(QStringLiteral("active_ms"), m_activeTotalMs);
    Annotation row;
    row.taskUid = m_task.uid;
    row.annotator = m_project.annotator();
    row.uid = m_annotationUid;
    row.lineage = m_lineage;  // written from the version this document read
    row.status = state.status;
    row.skipReason = state.skipReason;
    row.result = state.result;
    row.leadMs = leadMs();
    // Undoing the very first edit leaves a tombstone, not a stale row: the
    // task reads as untouched again, and the undo still travels in a pack.
    row.deleted = !state.exists;
    Status saved = m_project.saveAnnotation(row);
    if (!saved.ok()) {
        m_lastError = saved.error();
        Q_EMIT saveFailed(
            QStringLiteral("Could not save task %1: %2").arg(m_task.uid, saved.error()));
        return false;
    }
    m_annotationUid = row.uid;
    m_lineage = row.lineage;
    m_lastError.clear();
    m_state = state;
    Q_EMIT changed();
    return true;
}

void TaskDocument::changeResult(const QJsonObject& result, const QString& text, int mergeId,
                                const QString& mergeKey) {
    AnnotationState after = m_state;
    after.result = result;
    after.exists = true;
    if (after == m_state)
        return;
    m_undo.push(new ChangeAnnotationCommand(this, m_state, after, text, mergeId, mergeKey));
}

bool TaskDocument::writeSchema(const Schema& schema) {
    Status saved = m_project.setSchema(schema);
    if (!saved.ok()) {
        m_lastError = saved.error();
        Q_EMIT saveFailed(QStringLiteral("Could not save the schema: %1").arg(saved.error()));
        return false;
    }
    m_lastError.clear();
    Q_EMIT schemaChanged();
    return true;
}

void TaskDocument::changeSchema(const Schema& schema, const QString& text,
                                const std::optional<QJsonObject>& result) {
    // One step: undoing a box drawn with a new label takes the label back too.
    m_undo.beginMacro(text);
    m_undo.push(new ChangeSchemaCommand(this, m_project.schema(), schema));
    if (result)
        changeResult(*result, text);
    m_undo.endMacro();
}

void TaskDocument::setAnswer(const QString& question, const QJsonValue& value) {
    QJsonObject result = m_state.result;
    QJsonObject answers = result.value(QStringLiteral("answers")).toObject();
    if (value.isNull() || value.isUndefined())
        answers.remove(question);
    else
        answers.insert(question, value);
    result.insert(QStringLiteral("answers"), answers);
    const Question* q = m_project.schema().question(question);
    const bool typing = q && q->type == Question::Type::Text;
    changeResult(result, tr("Answer %1").arg(question), typing ? kMergeTextAnswer : -1, question);
}

void TaskDocument::submit() {
    AnnotationState after = m_state;
    after.status = AnnotationStatus::Submitted;
    // What the person made of a model's proposals, counted as submitted
    // (docs/architecture.md §15); unchanged when the task has none.
    after.result = assisthelp::recordHelp(m_project, m_task, after.result);
    after.skipReason.clear();
    after.exists = true;
    if (after == m_state)
        return;
    m_undo.push(new ChangeAnnotationCommand(this, m_state, after, tr("Submit")));
}

void TaskDocument::skip(const QString& reason) {
    AnnotationState after = m_state;
    after.status = AnnotationStatus::Skipped;
    after.skipReason = reason;
    after.exists = true;
    if (after == m_state)
        return;
    m_undo.push(new ChangeAnnotationCommand(this, m_state, after, tr("Skip")));
}

void TaskDocument::reopen() {
    AnnotationState after = m_state;
    after.status = AnnotationStatus::Draft;
    after.skipReason.clear();
    if (after == m_state || !m_state.exists)
        return;
    m_undo.push(new ChangeAnnotationCommand(this, m_state, after, tr("Reopen")));
}

void TaskDocument::setActive(bool active) {
    if (active == m_activeTimer.isValid())
        return;
    if (active) {
        m_activeTimer.start();
    } else {
        m_activeMs += m_activeTimer.elapsed();
        m_activeTimer.invalidate();
    }
}

void TaskDocument::recordActiveTime(qint64 ms) {
    if (ms <= 0)
        return;
    m_activeTotalMs += ms;
    if (m_state.exists)
        write(m_state);
}

qint64 TaskDocument::leadMs() const {
    return m_leadBaseMs + m_activeMs + (m_activeTimer.isValid() ? m_activeTimer.elapsed() : 0);
}

QStringList TaskDocument::missingRequiredAnswers() const {
    QStringList missing;
    const QJsonObject answers = m_state.result.value(QStringLiteral("answers")).toObject();
    for (const Question& q : m_project.schema().questionsFor(m_task)) {
        if (!q.required)
            continue;
        const QJsonValue v = answers.value(q.name);
        const bool empty = v.isUndefined() || v.isNull() ||
                           (v.isString() && v.toString().trimmed().isEmpty()) ||
                           (v.isArray() && v.toArray().isEmpty());
        if (empty)
            missing << q.name;
    }
    if (m_task.kind == TaskKind::Compare)
        missing << missingComparisonParts();
    return missing;
}

QStringList TaskDocument::missingComparisonParts() const {
    QStringList missing;
    const Schema& schema = m_project.schema();
    const int count = comparison::responseCount(m_task.data);
    const ComparisonResult result = ComparisonResult::read(m_state.result, count);
    if (schema.requireVerdict && count >= 2 && !result.hasVerdict())
        missing << (count == 2 ? tr("the verdict (which response is better, a tie, or both are "
                                    "bad)")
                               : tr("the ranking (or all are bad)"));
    // Named in the letters the annotator sees, so the message points at the
    // empty cells.
    const QList<int> order = result.order().value_or(
        comparison::shuffledOrder(m_task.uid, m_project.annotator(), count));
    for (const RubricDimension& dimension : schema.rubric) {
        if (!dimension.required)
            continue;
        QStringList unscored;
        for (int shown = 0; shown < order.size(); ++shown) {
            if (!result.score(dimension.name, order[shown]))
                unscored << comparison::letter(shown);
        }
        if (!unscored.isEmpty())
            missing << tr("the %1 score of %2")
                           .arg(dimension.name, unscored.join(QStringLiteral(", ")));
    }
    const int critiqueLength = int(result.critique().trimmed().toUcs4().size());
    if (schema.critiqueMinChars > 0 && critiqueLength < schema.critiqueMinChars)
        missing << tr("the critique (at least %n characters)", nullptr, schema.critiqueMinChars);
    else if (schema.critiqueRequired && critiqueLength == 0)
        missing << tr("the critique");
    return missing;
}

ChangeAnnotationCommand::ChangeAnnotationCommand(TaskDocument* document, AnnotationState before,
                                                 AnnotationState after, const QString& text,
                                                 int mergeId, QString mergeKey)
    : QUndoCommand(text),
      m_document(document),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_mergeId(mergeId),
      m_mergeKey(std::move(mergeKey)) {}

void ChangeAnnotationCommand::redo() {
    if (!m_document->write(m_after))
        setObsolete(true);
}

void ChangeAnnotationCommand::undo() {
    m_document->write(m_before);
}

ChangeSchemaCommand::ChangeSchemaCommand(TaskDocument* document, Schema before, Schema after,
                                         QUndoCommand* parent)
    : QUndoCommand(parent),
      m_document(document),
      m_before(std::move(before)),
      m_after(std::move(after)) {}

void ChangeSchemaCommand::redo() {
    if (!m_document->writeSchema(m_after))
        setObsolete(true);
}

void ChangeSchemaCommand::undo() {
    m_document->writeSchema(m_before);
}

bool ChangeAnnotationCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const ChangeAnnotationCommand*>(other);
    if (next->m_mergeKey != m_mergeKey || next->m_document != m_document)
        return false;
    m_after = next->m_after;
    return true;
}

}  // namespace postil
