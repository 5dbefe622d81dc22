#include "shell/windowlayout.h"

#include <QDockWidget>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

namespace postil {

namespace {

QSettings settings() {
    return QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"));
}

const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kMainSplitter = QStringLiteral("window/mainSplitter");
const QString kWorkspaceSplitter = QStringLiteral("window/workspaceSplitter");

}  // namespace

WindowLayout::WindowLayout(QMainWindow* window, QSplitter* main, QSplitter* workspace,
                           QWidget* taskPanel, QDockWidget* guidelines)
    : QObject(window),
      m_window(window),
      m_main(main),
      m_workspace(workspace),
      m_taskPanel(taskPanel),
      m_guidelines(guidelines) {}

QRect WindowLayout::availableArea() const {
    QScreen* screen = m_window->screen() ? m_window->screen() : QGuiApplication::primaryScreen();
    return screen ? screen->availableGeometry() : QRect(0, 0, 1366, 768);
}

QRect WindowLayout::firstGeometry(const QRect& available) {
    // Roomy where there is room, never larger than the screen's free area.
    const QSize size(qMin(1400, available.width()), qMin(860, available.height()));
    QRect rect(QPoint(0, 0), size);
    rect.moveCenter(available.center());
    return rect;
}

QRect WindowLayout::clamped(QRect frame, const QRect& available) {
    frame.setSize(frame.size().boundedTo(available.size()));
    frame.moveLeft(qBound(available.left(), frame.left(), available.right() + 1 - frame.width()));
    frame.moveTop(qBound(available.top(), frame.top(), available.bottom() + 1 - frame.height()));
    return frame;
}

void WindowLayout::applyNarrowDefaults(const QRect& available) {
    // The task list takes about a fifth of a laptop screen; the editor the rest.
    const int panel = available.width() < kNarrowWidth ? qBound(240, available.width() / 5, 320)
                                                       : qBound(300, available.width() / 4, 430);
    m_main->setSizes({panel, qMax(400, available.width() - panel)});
    m_guidelines->setVisible(available.width() >= kNarrowWidth);
}

void WindowLayout::restore() {
    const QRect available = availableArea();
    QSettings s = settings();
    const bool seenBefore = s.contains(kGeometry);
    m_window->setGeometry(firstGeometry(available));
    applyNarrowDefaults(available);
    if (!seenBefore)
        return;
    m_window->restoreGeometry(s.value(kGeometry).toByteArray());
    m_window->restoreState(s.value(kState).toByteArray());
    m_main->restoreState(s.value(kMainSplitter).toByteArray());
    m_workspace->restoreState(s.value(kWorkspaceSplitter).toByteArray());
    // A window saved on a bigger screen (or another monitor) is brought back
    // inside this one.
    const QRect frame = clamped(m_window->geometry(), available);
    if (frame != m_window->geometry()) {
        m_window->setWindowState(m_window->windowState() & ~Qt::WindowMaximized);
        m_window->setGeometry(frame);
    }
}

void WindowLayout::save() const {
    QSettings s = settings();
    s.setValue(kGeometry, m_window->saveGeometry());
    // Focus mode is for the moment, not for the next session.
    if (!m_focusMode) {
        s.setValue(kState, m_window->saveState());
        s.setValue(kMainSplitter, m_main->saveState());
    }
    s.setValue(kWorkspaceSplitter, m_workspace->saveState());
}

void WindowLayout::setFocusMode(bool on) {
    if (on == m_focusMode)
        return;
    m_focusMode = on;
    if (on)
        m_guidelinesWereVisible = m_guidelines->isVisible();
    m_taskPanel->setVisible(!on);
    m_guidelines->setVisible(on ? false : m_guidelinesWereVisible);
}

}  // namespace postil
