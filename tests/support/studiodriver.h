#pragma once

// The child side of the e2e tests that kill a studio (tst_lostedits,
// tst_audiokill): a window driven by one-line commands read from stdin,
// answering one line each on stdout, so the parent can kill -9 it at a
// known moment. Header-only: included by those tests alone.

#include <unistd.h>
#include <QApplication>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QtTest>
#include <cstdio>

#include "shell/mainwindow.h"

namespace postil::e2e {

class StudioDriver : public QObject {
public:
    explicit StudioDriver(MainWindow& window)
        : m_window(window), m_stdin(0, QSocketNotifier::Read) {
        connect(&m_stdin, &QSocketNotifier::activated, this, &StudioDriver::readCommand);
    }

protected:
    // Runs one command line (trimmed, without its newline); replies itself.
    virtual void run(const QByteArray& line) = 0;

    static void reply(const QByteArray& line) {
        std::fputs((line + '\n').constData(), stdout);
        std::fflush(stdout);
    }

    // A key to the focused widget (the window when none has the focus).
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : &m_window;
        QTest::keyClick(target, Qt::Key(key), modifiers);
        QCoreApplication::processEvents();
    }

    MainWindow& m_window;

private:
    void readCommand() {
        char buffer[512];
        const ssize_t n = ::read(0, buffer, sizeof buffer - 1);
        if (n <= 0) {
            m_stdin.setEnabled(false);
            return;
        }
        m_pending += QByteArray(buffer, n);
        qsizetype end;
        while ((end = m_pending.indexOf('\n')) >= 0) {
            const QByteArray line = m_pending.left(end).trimmed();
            m_pending.remove(0, end + 1);
            run(line);
        }
    }

    QSocketNotifier m_stdin;
    QByteArray m_pending;
};

// The child's main: the studio at 1366x768 on the project argv[2], active,
// driven by a Driver (a StudioDriver) until the parent kills it.
template <typename Driver>
int runDrivenStudio(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    if (!window.openProject(QString::fromLocal8Bit(argv[2])))
        return 3;
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        return 4;
    Driver driver(window);
    return app.exec();
}

}  // namespace postil::e2e
