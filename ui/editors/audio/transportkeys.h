#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <functional>

class QAction;
class QWidget;

namespace postil {

// The audio editor's keys, claimed while the focus is anywhere inside the
// editor, including the field the transcript is typed in: a transcriber
// types with the audio playing and steers it without leaving the keys
// (oTranscribe's Esc, F1–F4, Ctrl+J). Every audio binding is `insideEditor`
// (Keymap::Binding): it takes its key from the shell inside the editor (F1
// is the help sheet elsewhere) and from the focused widget (Escape would
// leave the text field, PgDown move its caret). Foot pedals that send keys
// come through here like any keyboard.
//
// Keys are claimed in an application-wide filter, before any widget's own
// filter or shortcut sees them: ShortcutOverride is accepted (no shell
// shortcut fires), the KeyPress runs the action and goes no further. The
// actions come from the keymap, so a rebinding takes effect at once.
class TransportKeys : public QObject {
    Q_OBJECT
public:
    TransportKeys(QWidget* scope, QObject* parent = nullptr);
    ~TransportKeys() override;

    // Binds keymap id `id` to `run`; returns the action (its key and text).
    QAction* add(const QString& id, std::function<void()> run);
    QAction* action(const QString& id) const { return m_actions.value(id); }
    // Runs the action bound to `id` as its key would (tests, buttons).
    void trigger(const QString& id);
    // Called before every action: what was typed is written first.
    void setBeforeAction(std::function<void(const QString& id)> before) {
        m_before = std::move(before);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPointer<QWidget> m_scope;
    QHash<QString, QAction*> m_actions;
    QHash<QString, std::function<void()>> m_run;
    std::function<void(const QString&)> m_before;
};

}  // namespace postil
