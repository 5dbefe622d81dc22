#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

class QWidget;

namespace postil {

// Gives keyboard focus back to the work after any dialog or sheet closes, so
// that W draws and digits answer at once. Window managers usually reactivate
// the parent window, but not all do (and with none, as under Xvfb, nothing
// does): watching every top-level dialog's hide holds for dialogs added later.
class FocusReturn : public QObject {
    Q_OBJECT
public:
    // 'window' is reactivated; 'focus' is called to place the focus in it.
    FocusReturn(QWidget* window, std::function<void()> focus);
    ~FocusReturn() override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void restore();

    QPointer<QWidget> m_window;
    std::function<void()> m_focus;
    bool m_pending = false;
};

}  // namespace postil
