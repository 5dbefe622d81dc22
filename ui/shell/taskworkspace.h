#pragma once

#include <QMap>
#include <QWidget>
#include <list>

#include "editors/taskeditor.h"
#include "model/taskkind.h"

class QLabel;
class QSplitter;
class QStackedWidget;
class QUndoGroup;

namespace postil {

class ConflictPanel;
class Project;
class QuestionForm;
class TaskDocument;
class TaskEditor;

// The work area for one task: the kind's editor in the middle and the
// question form beside it. Owns the open TaskDocuments; the most recent ones
// stay open in the background so that going back to a task keeps its undo
// history.
class TaskWorkspace : public QWidget {
    Q_OBJECT
public:
    explicit TaskWorkspace(QWidget* parent = nullptr);
    ~TaskWorkspace() override;

    void setProject(Project* project);
    // Shows a task; returns false (with the reason in lastError()) when it
    // cannot be read.
    bool openTask(qint64 taskId);
    void closeTask();

    TaskDocument* document() const { return m_current; }
    TaskEditor* editor() const { return m_editor; }
    QuestionForm* questionForm() const { return m_form; }
    QUndoGroup* undoGroup() const { return m_undoGroup; }
    // Editor | questions; its state is kept between sessions.
    QSplitter* splitter() const { return m_splitter; }
    // The keymap context of the editor on screen ("" for read-only views).
    QString editorContext() const;
    void focusEditor();
    // Writes typing that waits for a pause (text answers) to the document
    // now, and what the editor holds for a submit (TaskEditor::commitPending):
    // before an action reads the document (submit, skip).
    void commitTyping(TaskEditor::Pending pending);
    // The banner of versions kept from a conflict, over the editor.
    ConflictPanel* conflictPanel() const { return m_conflicts; }
    // Reads the open task's conflicts again (after a merge elsewhere).
    void refreshConflicts();
    // Makes a kept (or the live) version of the open task's row of
    // 'annotator' the answer (sync/conflicts.h takeVersion): the document is
    // closed first, so nothing it holds is written over the choice, and read
    // again after. False, with saveFailed, when the version is gone.
    bool takeConflictVersion(const QString& annotator, qint64 hlc, const QString& device);

Q_SIGNALS:
    // The current document changed or was written.
    void documentChanged();
    void saveFailed(const QString& message);
    // An editor asked for the next (+1) or previous (-1) task, of any kind or
    // of the kind of the task on screen.
    void navigateRequested(int step);
    void navigateWithinKindRequested(int step);
    // An editor's line for the status bar (TaskEditor::notice).
    void notice(const QString& text);
    // An editor's Accept (TaskEditor::submitRequested).
    void submitRequested();
    // A conflict of the task was settled: its row in the task list changed.
    void conflictSettled(qint64 taskId);

private:
    TaskEditor* editorFor(TaskKind kind);
    TaskDocument* documentFor(qint64 taskId);
    void dropDocuments();

    Project* m_project = nullptr;
    QLabel* m_readOnlyBanner;
    ConflictPanel* m_conflicts;
    QSplitter* m_splitter;
    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    QuestionForm* m_form;
    QUndoGroup* m_undoGroup;
    QMap<TaskKind, TaskEditor*> m_editors;
    TaskEditor* m_editor = nullptr;
    TaskDocument* m_current = nullptr;
    std::list<TaskDocument*> m_recent;  // most recent first, m_current included
    static constexpr size_t kKeptDocuments = 32;
};

}  // namespace postil
