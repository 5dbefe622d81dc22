#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QUndoStack>
#include <optional>

#include "model/annotation.h"
#include "model/project.h"
#include "model/task.h"

namespace postil {

// The annotator's state of one task: what an undo step restores.
struct AnnotationState {
    QJsonObject result;
    AnnotationStatus status = AnnotationStatus::Draft;
    QString skipReason;
    bool exists = false;  // false until the first edit writes a row

    bool operator==(const AnnotationState&) const = default;
};

// One open task for one annotator. Every edit is a QUndoCommand pushed on the
// document's stack; pushing, undoing and redoing each write the annotation to
// the project file before returning, so there is no Save and a killed process
// loses at most the edit in flight.
class TaskDocument : public QObject {
    Q_OBJECT
public:
    TaskDocument(Project& project, Task task, QObject* parent = nullptr);
    ~TaskDocument() override;

    Project& project() { return m_project; }
    const Task& task() const { return m_task; }
    const AnnotationState& state() const { return m_state; }
    QJsonObject result() const { return m_state.result; }
    QUndoStack* undoStack() { return &m_undo; }
    QString lastError() const { return m_lastError; }

    // Common edits. Editors with their own parts push their own commands, or
    // use changeResult() for a whole-result replacement.
    void setAnswer(const QString& question, const QJsonValue& value);
    void changeResult(const QJsonObject& result, const QString& text, int mergeId = -1,
                      const QString& mergeKey = QString());
    // Replaces the project's schema (a label created while annotating) as one
    // undo step of this document; with 'result', the annotation changes in
    // the same step. schemaChanged() follows the change, its undo and redo.
    void changeSchema(const Schema& schema, const QString& text,
                      const std::optional<QJsonObject>& result = std::nullopt);
    void submit();
    void skip(const QString& reason);
    // Back to draft (reopens a submitted or skipped task for editing).
    void reopen();
    // What must still be given before submitting, each named for the message
    // "Answer … before submitting": required questions without an answer, and
    // for comparisons what the schema requires (the verdict or ranking unless
    // compare.require_verdict is false; scores of required rubric dimensions;
    // a critique when critique.required, or shorter than critique.min_chars).
    QStringList missingRequiredAnswers() const;
    // Active time (input activity while on screen) for result.active_ms. It is
    // not an edit: no undo step, and undo/redo never lower it. Written at once
    // when the annotation exists, else carried into the first edit.
    void recordActiveTime(qint64 ms);
    qint64 activeTimeMs() const { return m_activeTotalMs; }
    // Lead time counts only while the document is the one on screen; the
    // studio keeps recent documents (and their undo history) in the background.
    void setActive(bool active);
    qint64 leadMs() const;

    // Called by commands only: makes 'state' current and writes it.
    bool write(const AnnotationState& state);
    // Called by commands only: writes the project's schema.
    bool writeSchema(const Schema& schema);

Q_SIGNALS:
    void changed();
    void schemaChanged();
    void saveFailed(const QString& message);

private:
    QStringList missingComparisonParts() const;

    Project& m_project;
    Task m_task;
    AnnotationState m_state;
    QString m_annotationUid;
    QString m_lineage;  // of the stored version this document works from
    qint64 m_leadBaseMs = 0;
    qint64 m_activeTotalMs = 0;   // result.active_ms, kept out of undo
    qint64 m_activeMs = 0;        // finished active periods of this session
    QElapsedTimer m_activeTimer;  // running while active
    QUndoStack m_undo;
    QString m_lastError;
};

// Moves the document from one state to another. Consecutive commands with the
// same mergeId and mergeKey (typing into one free-text answer) fold into one
// undo step.
class ChangeAnnotationCommand : public QUndoCommand {
public:
    ChangeAnnotationCommand(TaskDocument* document, AnnotationState before, AnnotationState after,
                            const QString& text, int mergeId = -1, QString mergeKey = QString());
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    TaskDocument* m_document;
    AnnotationState m_before;
    AnnotationState m_after;
    int m_mergeId;
    QString m_mergeKey;
};

// Moves the project's schema from one state to another (see changeSchema).
class ChangeSchemaCommand : public QUndoCommand {
public:
    ChangeSchemaCommand(TaskDocument* document, Schema before, Schema after,
                        QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    TaskDocument* m_document;
    Schema m_before;
    Schema m_after;
};

// Merge ids live here, in one place, so they never collide.
enum CommandMergeId {
    kMergeTextAnswer = 1,
    kMergeCritique = 2,
    kMergeBoxNudge = 4,    // arrow keys moving one selection of boxes
    kMergeSpanNote = 5,    // typing the note of one span (text editor)
    kMergeSegmentText = 6  // typing the text of one segment (audio editor)
};

}  // namespace postil
