#include "shell/taskworkspace.h"

#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QUndoGroup>
#include <QVBoxLayout>

#include "document/taskdocument.h"
#include "editors/taskeditor.h"
#include "model/project.h"
#include "shell/editorregistry.h"
#include "shell/sync/conflictpanel.h"
#include "sync/conflicts.h"
#include "widgets/questionform.h"

namespace postil {

TaskWorkspace::TaskWorkspace(QWidget* parent)
    : QWidget(parent),
      m_readOnlyBanner(new QLabel(this)),
      m_conflicts(new ConflictPanel(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_stack(new QStackedWidget(m_splitter)),
      m_placeholder(new QLabel(m_stack)),
      m_form(new QuestionForm(m_splitter)),
      m_undoGroup(new QUndoGroup(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_readOnlyBanner->setObjectName(QStringLiteral("readOnlyBanner"));
    m_readOnlyBanner->setWordWrap(true);
    m_readOnlyBanner->setContentsMargins(10, 6, 10, 6);
    m_readOnlyBanner->setStyleSheet(
        QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; }"));
    m_readOnlyBanner->hide();
    layout->addWidget(m_readOnlyBanner);
    layout->addWidget(m_conflicts);
    connect(m_conflicts, &ConflictPanel::takeRequested, this, &TaskWorkspace::takeConflictVersion);
    layout->addWidget(m_splitter);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setText(tr("Choose a task from the list."));
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);
    m_splitter->addWidget(m_stack);
    m_splitter->addWidget(m_form);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setCollapsible(0, false);
    m_form->setMinimumWidth(260);
    // The editor (canvas, responses) takes what the questions do not need.
    m_splitter->setSizes({1000, 280});
    m_splitter->setObjectName(QStringLiteral("workspaceSplitter"));
}

TaskWorkspace::~TaskWorkspace() {
    closeTask();
    dropDocuments();
}

void TaskWorkspace::setProject(Project* project) {
    closeTask();
    dropDocuments();
    m_project = project;
    // A project that cannot be written is shown, never edited: the editor and
    // the questions take no input, so nothing looks changed that is not saved.
    const bool readOnly = project && project->isReadOnly();
    m_readOnlyBanner->setText(
        readOnly ? tr("Read-only: %1 or its folder cannot be written, so nothing can be changed "
                      "here. Copy the project to a folder you can write to work on it.")
                       .arg(project->path())
                 : QString());
    m_readOnlyBanner->setVisible(readOnly);
    m_stack->setEnabled(!readOnly);
    m_form->setEnabled(!readOnly);
}

void TaskWorkspace::dropDocuments() {
    for (TaskDocument* doc : m_recent) {
        m_undoGroup->removeStack(doc->undoStack());
        delete doc;
    }
    m_recent.clear();
    m_current = nullptr;
}

TaskEditor* TaskWorkspace::editorFor(TaskKind kind) {
    if (auto it = m_editors.find(kind); it != m_editors.end())
        return *it;
    TaskEditor* editor = EditorRegistry::instance().create(kind, this);
    m_editors.insert(kind, editor);
    if (editor) {
        m_stack->addWidget(editor->widget());
        connect(editor, &TaskEditor::navigateRequested, this, &TaskWorkspace::navigateRequested);
        connect(editor, &TaskEditor::navigateWithinKindRequested, this,
                &TaskWorkspace::navigateWithinKindRequested);
        connect(editor, &TaskEditor::notice, this, &TaskWorkspace::notice);
        connect(editor, &TaskEditor::submitRequested, this, &TaskWorkspace::submitRequested);
    }
    return editor;
}

TaskDocument* TaskWorkspace::documentFor(qint64 taskId) {
    for (auto it = m_recent.begin(); it != m_recent.end(); ++it) {
        if ((*it)->task().id == taskId) {
            TaskDocument* doc = *it;
            m_recent.erase(it);
            m_recent.push_front(doc);
            return doc;
        }
    }
    auto task = m_project->tasks().byId(taskId);
    if (!task)
        return nullptr;
    auto* doc = new TaskDocument(*m_project, *task);
    doc->setActive(false);
    connect(doc, &TaskDocument::changed, this, [this, doc] {
        if (doc == m_current)
            Q_EMIT documentChanged();
    });
    connect(doc, &TaskDocument::saveFailed, this, &TaskWorkspace::saveFailed);
    m_undoGroup->addStack(doc->undoStack());
    m_recent.push_front(doc);
    while (m_recent.size() > kKeptDocuments) {
        TaskDocument* oldest = m_recent.back();
        m_recent.pop_back();
        m_undoGroup->removeStack(oldest->undoStack());
        delete oldest;
    }
    return doc;
}

bool TaskWorkspace::openTask(qint64 taskId) {
    if (!m_project)
        return false;
    if (m_current && m_current->task().id == taskId)
        return true;
    TaskDocument* doc = documentFor(taskId);
    if (!doc)
        return false;
    closeTask();
    m_current = doc;
    m_current->setActive(true);
    m_undoGroup->setActiveStack(doc->undoStack());
    m_conflicts->showTask(m_project, doc->task());
    m_editor = editorFor(doc->task().kind);
    m_form->setLabelsTakeDigits(m_editor &&
                                EditorRegistry::instance().placesLabels(m_editor->kind()));
    m_form->setDocument(doc);
    // No questions for this task: the editor takes the whole width.
    m_form->setVisible(m_form->questionCount() > 0);
    if (m_editor) {
        m_editor->setDocument(doc);
        m_stack->setCurrentWidget(m_editor->widget());
    } else {
        m_placeholder->setText(
            tr("No editor for %1 tasks in this build.").arg(toString(doc->task().kind)));
        m_stack->setCurrentWidget(m_placeholder);
    }
    Q_EMIT documentChanged();
    return true;
}

void TaskWorkspace::closeTask() {
    if (!m_current)
        return;
    m_current->setActive(false);
    if (m_editor)
        m_editor->setDocument(nullptr);
    m_form->setDocument(nullptr);
    m_undoGroup->setActiveStack(nullptr);
    m_conflicts->clear();
    m_current = nullptr;
    m_editor = nullptr;
    m_placeholder->setText(tr("Choose a task from the list."));
    m_stack->setCurrentWidget(m_placeholder);
}

void TaskWorkspace::refreshConflicts() {
    if (m_current)
        m_conflicts->showTask(m_project, m_current->task());
}

bool TaskWorkspace::takeConflictVersion(const QString& annotator, qint64 hlc,
                                        const QString& device) {
    if (!m_current || !m_project)
        return false;
    const Task task = m_current->task();
    // What was typed is written first; then the document goes, undo history
    // and all: it was made from a version that is no longer the answer.
    m_form->commitTyping();
    TaskDocument* doc = m_current;
    closeTask();
    m_recent.remove(doc);
    m_undoGroup->removeStack(doc->undoStack());
    delete doc;
    const Status taken = takeVersion(*m_project, task.uid, annotator, hlc, device);
    if (!taken.ok())
        Q_EMIT saveFailed(taken.error());
    openTask(task.id);
    if (taken.ok())
        Q_EMIT notice(tr("Took %1's version from device %2: it is the answer now, and the "
                         "conflict is settled wherever this project is merged.")
                          .arg(annotator, device.left(8)));
    Q_EMIT conflictSettled(task.id);
    return taken.ok();
}

QString TaskWorkspace::editorContext() const {
    return m_editor ? EditorRegistry::keyContext(m_editor->kind()) : QString();
}

void TaskWorkspace::commitTyping(TaskEditor::Pending pending) {
    m_form->commitTyping();
    if (m_editor)
        m_editor->commitPending(pending);
}

void TaskWorkspace::focusEditor() {
    if (m_editor)
        m_editor->focusEditor();
}

}  // namespace postil
