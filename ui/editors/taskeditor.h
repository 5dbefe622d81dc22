#pragma once

#include <QObject>
#include <QWidget>

#include "model/taskkind.h"

namespace postil {

class TaskDocument;

// The editor of one task kind. MainWindow knows editors only through this
// interface and the EditorRegistry; no editor includes another.
class TaskEditor : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~TaskEditor() override = default;

    virtual TaskKind kind() const = 0;
    // The editor's widget; created once, owned by the editor.
    virtual QWidget* widget() = 0;
    // Shows a task; nullptr clears. The document outlives this call until the
    // next setDocument().
    virtual void setDocument(TaskDocument* document) = 0;
    // Editor-specific shortcuts for the help sheet: (key, what it does).
    virtual QList<QPair<QString, QString>> shortcutHelp() const { return {}; }
    // Gives keyboard focus to the part the annotator works in.
    virtual void focusEditor() { widget()->setFocus(); }
    // Why the task's media does not decode, as one line naming the file
    // (mediaDecodeProblem); empty when it decodes or the kind has no media.
    // Submitting such a task asks first.
    virtual QString mediaProblem() const { return QString(); }
    // What the shell is about to do with the task when it calls
    // commitPending.
    enum class Pending { Submit, Skip };
    // Writes what the editor holds and has not written yet: typing in a field
    // of its own always; a pre-filled result shown as a start only before a
    // submit (a skipped task does not make another's transcript the
    // annotator's). The shell calls it before it submits or skips the task.
    virtual void commitPending(Pending) {}

Q_SIGNALS:
    // A request to go to another task: +1 next, -1 previous, in the task
    // list's order.
    void navigateRequested(int step);
    // The same among the tasks of the editor's kind only, skipping the others
    // (A/D in the image editor go from image to image).
    void navigateWithinKindRequested(int step);
    // A line for the window's status bar that outlives the task it is about
    // (the gold feedback on a task just submitted, when the next task may be
    // of another kind and its editor will not show it).
    void notice(const QString& text);
    // The editor's own Accept: the shell submits the task as its Submit does.
    void submitRequested();
};

}  // namespace postil
