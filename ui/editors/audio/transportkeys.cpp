#include "editors/audio/transportkeys.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QWidget>

#include "keys/keymap.h"

namespace postil {

TransportKeys::TransportKeys(QWidget* scope, QObject* parent) : QObject(parent), m_scope(scope) {
    qApp->installEventFilter(this);
}

TransportKeys::~TransportKeys() {
    qApp->removeEventFilter(this);
}

QAction* TransportKeys::add(const QString& id, std::function<void()> run) {
    // Not added to any widget: the action only carries the key (kept in step
    // with the keymap) and the text; this filter does the claiming.
    QAction* action = Keymap::instance().createAction(id, this);
    m_actions.insert(id, action);
    m_run.insert(id, std::move(run));
    return action;
}

void TransportKeys::trigger(const QString& id) {
    auto it = m_run.find(id);
    if (it == m_run.end())
        return;
    if (m_before)
        m_before(id);
    (*it)();
}

bool TransportKeys::eventFilter(QObject* watched, QEvent* event) {
    const QEvent::Type type = event->type();
    if (type != QEvent::ShortcutOverride && type != QEvent::KeyPress)
        return false;
    // Only events for widgets inside the editor, and only while it is shown.
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || !m_scope || !m_scope->isVisible() ||
        (widget != m_scope && !m_scope->isAncestorOf(widget)))
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->key() == Qt::Key_unknown || key->key() == 0)
        return false;
    const QKeySequence pressed(key->keyCombination());
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        const QKeySequence bound = it.value()->shortcut();
        if (bound.isEmpty() || bound != pressed)
            continue;
        event->accept();
        // A key held down repeats: the transport keys repeat too (skip
        // back, skip back...), as in any player.
        if (type == QEvent::KeyPress)
            trigger(it.key());
        return true;
    }
    return false;
}

}  // namespace postil
