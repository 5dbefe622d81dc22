#include "editors/compare/activitytracker.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>

#include "document/taskdocument.h"

namespace postil {

ActivityTracker::ActivityTracker(QWidget* watched, QObject* parent)
    : QObject(parent), m_watched(watched) {
    m_clock.start();
    m_flushTimer.setInterval(15000);
    connect(&m_flushTimer, &QTimer::timeout, this, &ActivityTracker::flush);
    qApp->installEventFilter(this);
    m_watched->installEventFilter(this);
}

ActivityTracker::~ActivityTracker() {
    flush();
}

void ActivityTracker::setDocument(TaskDocument* document) {
    if (document == m_document)
        return;
    flush();
    m_document = document;
    m_lastEventMs = -1;  // the gap before the first event on a task never counts
    if (m_document)
        m_flushTimer.start();
    else
        m_flushTimer.stop();
}

void ActivityTracker::flush() {
    const qint64 ms = m_pendingMs;
    m_pendingMs = 0;
    if (ms > 0 && m_document)
        m_document->recordActiveTime(ms);
}

void ActivityTracker::noteActivity() {
    const qint64 now = m_clock.elapsed();
    if (m_lastEventMs >= 0 && now - m_lastEventMs <= m_idleMs)
        m_pendingMs += now - m_lastEventMs;
    m_lastEventMs = now;
}

bool ActivityTracker::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
        case QEvent::KeyPress:
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonRelease:
        case QEvent::MouseMove:
        case QEvent::Wheel:
            // Only spontaneous events (from the window system) are the
            // annotator's; one that code sends on is no new activity.
            if (event->spontaneous() && m_document && m_watched && m_watched->isVisible() &&
                m_watched->window()->isActiveWindow())
                noteActivity();
            break;
        case QEvent::Hide:
            if (watched == m_watched) {
                flush();
                m_lastEventMs = -1;
            }
            break;
        default:
            break;
    }
    return false;
}

}  // namespace postil
