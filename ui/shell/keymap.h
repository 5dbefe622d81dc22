#pragma once

#include <QHash>
#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;

namespace postil {

// Every shortcut in the studio, declared in one table (keymap.cpp):
// context -> key -> action. The user can rebind any of them; overrides live in
// the settings. A test checks that no two bindings that can be active at the
// same time share a key.
//
// The number-key rule, decided once for every editor: where an editor places
// labels (contexts listed in labelContexts()), the bare digits 1-9 pick its
// labels and question answers take Alt+digit ("answers-alt"); elsewhere the
// bare digits answer the active question ("answers").
class Keymap : public QObject {
    Q_OBJECT
public:
    struct Binding {
        QString id;       // "task.submit"
        QString context;  // global, task, answers, answers-alt, or an editor's kind
        QString text;     // what it does, for menus and the help sheet
        QKeySequence defaultKey;
    };

    static Keymap& instance();

    const QList<Binding>& bindings() const { return m_bindings; }
    const Binding* binding(const QString& id) const;
    QKeySequence key(const QString& id) const;
    void setKey(const QString& id, const QKeySequence& key);
    void resetToDefaults();

    // Pairs of bindings that share a key while both can be active, as
    // "Ctrl+Z: edit.undo / task.skip".
    QStringList collisions() const;
    // Contexts whose editor uses the bare digits for labels.
    static QStringList labelContexts();
    // The contexts active while an editor of 'editorContext' is shown.
    static QStringList activeContexts(const QString& editorContext);

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
    QHash<QString, QKeySequence> m_overrides;
    QList<QPair<QPointer<QAction>, QString>> m_bound;
};

}  // namespace postil
