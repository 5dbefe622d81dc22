#include "assist/assiststore.h"

namespace postil {

AssistStore::AssistStore(Project& project, const AssistModel& model, const QString& version,
                         const QString& at)
    : m_project(project), m_annotator(model.annotator()) {
    m_info.insert(QStringLiteral("name"), model.name);
    m_info.insert(QStringLiteral("command"), model.command);
    if (!version.isEmpty())
        m_info.insert(QStringLiteral("version"), version);
    m_info.insert(QStringLiteral("at"), at);
}

AssistStore::~AssistStore() {
    // What was stored is kept: a run that stops half way keeps its answers.
    (void)commit();
}

Status AssistStore::store(const Task& task, QJsonObject result) {
    if (!m_tx) {
        m_tx = std::make_unique<Transaction>(m_project.database());
        if (Status begun = m_tx->begin(); !begun.ok()) {
            m_tx.reset();
            return begun;
        }
        m_rows = 0;
        m_since.start();
    }
    result.insert(QStringLiteral("model"), m_info);
    Annotation row;
    // Only this model's row is ever written: a person's rows, and other
    // models', are other (task, annotator) keys.
    if (auto existing = m_project.annotations().get(task.uid, m_annotator))
        row.uid = existing->uid;
    row.taskUid = task.uid;
    row.annotator = m_annotator;
    row.status = AnnotationStatus::Draft;
    row.result = result;
    if (Status saved = m_project.saveAnnotation(row); !saved.ok())
        return saved;
    ++m_rows;
    return m_rows >= kRowsPerCommit ? commit() : Status::success();
}

Status AssistStore::commitIfDue() {
    if (m_tx && m_since.elapsed() >= kCommitMs)
        return commit();
    return Status::success();
}

Status AssistStore::commit() {
    if (!m_tx)
        return Status::success();
    Status committed = m_tx->commit();
    m_tx.reset();
    m_rows = 0;
    return committed;
}

}  // namespace postil
