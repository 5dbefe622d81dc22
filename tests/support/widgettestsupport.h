#pragma once

// Helpers for the widget tests (ui/, e2e/) only: header-only, because every
// tests/support/*.cpp is built into the core tests too, which do not link the
// widgets.

#include <QSettings>
#include <QSize>
#include <QStandardPaths>
#include <QWidget>
#include <QtTest>

#include "keys/keymap.h"
#include "shell/editorregistry.h"

namespace postil {

// Keeps the run's settings (and so the key bindings it makes) in 'settingsDir',
// out of the user's and other tests' way, and starts from the default keys,
// with every editor's key table registered as the studio has it (tests make
// editors directly, not through the registry).
inline void isolateSettings(const QString& settingsDir) {
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir);
    EditorRegistry::instance();
    Keymap::instance().resetToDefaults();
}

// Shows 'widget' at 'size' as the active window, so key events reach it;
// false when the window never appears or never becomes active.
inline bool showActive(QWidget* widget, const QSize& size) {
    widget->resize(size);
    widget->show();
    if (!QTest::qWaitForWindowExposed(widget))
        return false;
    widget->activateWindow();
    return QTest::qWaitForWindowActive(widget);
}

}  // namespace postil
