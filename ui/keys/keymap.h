#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;

namespace postil {

// Every shortcut in the studio: context -> key -> action. The shell's own
// bindings (contexts global, task, answers, answers-alt) are declared in
// keymap.cpp; each editor brings its own table (context = its task kind),
// registered with the editor in the EditorRegistry (docs/architecture.md,
// "Keys"). The user can rebind any of them; overrides live in the settings. A
// test checks the registered tables: no two bindings that can be active at the
// same time share a key.
//
// The number-key rule, decided once for every editor: where an editor places
// labels (its EditorKeys::placesLabels), the bare digits 1-9 pick its labels
// and question answers take Alt+digit ("answers-alt"); elsewhere the bare
// digits answer the active question ("answers").
class Keymap : public QObject {
    Q_OBJECT
public:
    struct Binding {
        QString id;       // "task.submit"
        QString context;  // global, task, answers, answers-alt, or an editor's kind
        QString text;     // what it does, for menus and the help sheet
        QKeySequence defaultKey;
        // An editor's binding that holds only while the focus is inside the
        // editor, where it takes the key from the shell's own bindings (Ctrl+F
        // finds in the text there, and filters the task list elsewhere). It
        // still collides with the editor's other keys.
        bool insideEditor = false;
    };

    // An editor's keys: whether the bare digits place its labels, and its
    // bindings (their context is set by setEditor).
    struct EditorKeys {
        bool placesLabels = false;
        QList<Binding> bindings;
    };

    static Keymap& instance();

    // Adds (or replaces) the table of the editor whose context is 'context'
    // (its task kind); actions already bound to its ids take their keys.
    void setEditor(const QString& context, EditorKeys keys);
    // The contexts of the registered editors.
    QStringList editorContexts() const;
    bool placesLabels(const QString& editorContext) const;
    // The contexts active while the editor of 'editorContext' is shown (empty:
    // no editor).
    QStringList activeContexts(const QString& editorContext) const;

    const QList<Binding>& bindings() const { return m_bindings; }
    const Binding* binding(const QString& id) const;
    QKeySequence key(const QString& id) const;
    void setKey(const QString& id, const QKeySequence& key);
    void resetToDefaults();

    // Pairs of bindings that share a key while both can be active, as
    // "Ctrl+Z: edit.undo / task.skip". A binding inside an editor meets the
    // shell's contexts (global, task, answers) without colliding: it wins.
    QStringList collisions() const;

    // Gives 'action' the binding's text and key, and keeps the key current
    // when the user rebinds it.
    void bind(QAction* action, const QString& id);
    QAction* createAction(const QString& id, QObject* parent);

Q_SIGNALS:
    void changed();

private:
    Keymap();
    void load();
    QList<Binding> m_bindings;
    QHash<QString, bool> m_editorPlacesLabels;  // editor context -> places labels
    QHash<QString, QKeySequence> m_overrides;
    QList<QPair<QPointer<QAction>, QString>> m_bound;
};

}  // namespace postil
