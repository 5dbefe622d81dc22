#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QWidget;

namespace postil {

class TaskDocument;

// Active time on a task: time with input activity while the task is on
// screen. An application event filter notes key, mouse and wheel events while
// the watched widget is visible in the active window; the time between two
// consecutive events counts when the gap is at most the idle threshold (30 s),
// so a task left open over lunch does not count. The total goes to
// TaskDocument::recordActiveTime every flush interval (15 s), when the
// document changes and when the widget is hidden.
class ActivityTracker : public QObject {
    Q_OBJECT
public:
    explicit ActivityTracker(QWidget* watched, QObject* parent = nullptr);
    ~ActivityTracker() override;

    // Flushes to the previous document first.
    void setDocument(TaskDocument* document);
    void setIdleThresholdMs(qint64 ms) { m_idleMs = ms; }
    void setFlushIntervalMs(int ms) { m_flushTimer.setInterval(ms); }
    qint64 idleThresholdMs() const { return m_idleMs; }
    // Counted but not yet given to the document.
    qint64 pendingMs() const { return m_pendingMs; }
    void flush();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void noteActivity();

    QPointer<QWidget> m_watched;
    QPointer<TaskDocument> m_document;
    QElapsedTimer m_clock;
    qint64 m_lastEventMs = -1;
    qint64 m_pendingMs = 0;
    qint64 m_idleMs = 30000;
    QTimer m_flushTimer;
};

}  // namespace postil
