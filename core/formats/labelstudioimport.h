#pragma once

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include "model/annotation.h"
#include "model/schema.h"
#include "store/status.h"

namespace postil {

class ImportSession;

// Reads the tasks of a Label Studio JSON export into a project
// (docs/architecture.md §7, "Label Studio"). Per task: the kind from its data
// (image, audio, a prompt with answer1.. or responses, text), the media
// found beside the file, and each annotation under its annotator
// (completed_by; NAME@postil.invalid is NAME), drafts as drafts, predictions
// as model:MODEL_VERSION drafts. Results go through the kinds' codecs' strict
// parse before anything is stored; a result that does not fit its task (a
// span whose text is not the document's, a region past the audio, a
// malformed value) makes the task one bad record naming the annotation and
// result, never a shifted answer. What Postil cannot hold (a rotated box, a
// polygon) is left out with a warning naming the task.
class LabelStudioImport {
public:
    LabelStudioImport(ImportSession& session, const QString& path);

    // One element of the export's array; 'where' names it ("FILE: task 3 (id 17)").
    Status readTask(const QJsonValue& task, const QString& where);
    // Writes the schema's additions (labels, attributes, questions, rubric
    // dimensions the file uses). Call once after the last task.
    Status finish();

    const Schema& schema() const { return m_schema; }
    ImportSession& session() { return m_session; }
    void warn(const QString& where, const QString& message);

    // Schema growth, each said once.
    void noteLabel(const QString& name, TaskKind kind, const QString& where);
    void noteAttribute(const QString& name, const QJsonValue& value, TaskKind kind,
                       const QString& where);
    // 'type' is what a new question becomes (the result's type says it).
    void noteAnswer(const QString& name, const QJsonValue& answer, Question::Type type,
                    TaskKind kind, const QString& where);
    void noteRubric(const QString& dimension, double score, const QString& where);

private:
    ImportSession& m_session;
    QDir m_baseDir;
    bool m_tasksOnly = false;
    Schema m_schema;
    bool m_schemaChanged = false;
};

}  // namespace postil
