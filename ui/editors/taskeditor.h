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
    // True when the editor places labels with the number keys (boxes, spans,
    // flags); question answers then take the Alt modifier (see Keymap).
    virtual bool placesLabels() const { return false; }
    // Editor-specific shortcuts for the help sheet: (key, what it does).
    virtual QList<QPair<QString, QString>> shortcutHelp() const { return {}; }
    // Gives keyboard focus to the part the annotator works in.
    virtual void focusEditor() { widget()->setFocus(); }

Q_SIGNALS:
    // The editor's own keys for going to another task (A/D in the image
    // editor): +1 next, -1 previous, in the task list's order.
    void navigateRequested(int step);
};

}  // namespace postil
