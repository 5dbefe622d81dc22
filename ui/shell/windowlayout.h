#pragma once

#include <QObject>
#include <QRect>

class QDockWidget;
class QMainWindow;
class QSplitter;
class QWidget;

namespace postil {

// The studio window's size and panels: a first window that fits the screen's
// available area (down to 1280x720), what the last session left (size,
// splitters, docks) restored and clamped to the screen, laptop defaults that
// give the editor the room (guidelines closed and a narrower task list on
// narrow screens), and focus mode, which hides everything but the editor and
// its questions.
class WindowLayout : public QObject {
    Q_OBJECT
public:
    WindowLayout(QMainWindow* window, QSplitter* main, QSplitter* workspace, QWidget* taskPanel,
                 QDockWidget* guidelines);

    // Call once the window's widgets exist, before it is shown.
    void restore();
    // Call when the window closes.
    void save() const;

    void setFocusMode(bool on);
    bool focusMode() const { return m_focusMode; }

    // Below this available width the guidelines start closed and the task
    // list narrow.
    static constexpr int kNarrowWidth = 1600;
    // The first size on a screen with this available area.
    static QRect firstGeometry(const QRect& available);
    // A saved frame moved and shrunk to lie inside the available area.
    static QRect clamped(QRect frame, const QRect& available);

private:
    QRect availableArea() const;
    void applyNarrowDefaults(const QRect& available);

    QMainWindow* m_window;
    QSplitter* m_main;
    QSplitter* m_workspace;
    QWidget* m_taskPanel;
    QDockWidget* m_guidelines;
    bool m_focusMode = false;
    bool m_guidelinesWereVisible = false;
};

}  // namespace postil
