#include "shell/focusreturn.h"

#include <QApplication>
#include <QDialog>
#include <QEvent>
#include <QTimer>

namespace postil {

FocusReturn::FocusReturn(QWidget* window, std::function<void()> focus)
    : QObject(window), m_window(window), m_focus(std::move(focus)) {
    qApp->installEventFilter(this);
}

FocusReturn::~FocusReturn() {
    qApp->removeEventFilter(this);
}

bool FocusReturn::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Hide && !m_pending) {
        auto* widget = qobject_cast<QWidget*>(watched);
        // Dialogs, message boxes and sheets; not menus or tool tips, which
        // give focus back themselves.
        if (widget && widget->isWindow() && widget != m_window &&
            (qobject_cast<QDialog*>(widget) || widget->windowType() == Qt::Dialog ||
             widget->windowType() == Qt::Sheet)) {
            m_pending = true;
            // After the dialog's own event handling and its exec() returning.
            QTimer::singleShot(0, this, &FocusReturn::restore);
        }
    }
    return QObject::eventFilter(watched, event);
}

void FocusReturn::restore() {
    m_pending = false;
    if (!m_window || !m_window->isVisible())
        return;
    // Another dialog is still up (a file dialog over the export dialog).
    if (QApplication::activeModalWidget() || QApplication::activePopupWidget())
        return;
    QWidget* active = QApplication::activeWindow();
    if (active && active != m_window && active->isVisible())
        return;  // the user is in another window of ours
    m_window->activateWindow();
    m_window->raise();
    if (m_focus)
        m_focus();
}

}  // namespace postil
