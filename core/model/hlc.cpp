#include "model/hlc.h"

#include <QDateTime>

namespace postil {

HybridClock::HybridClock(WallClock wallMs) : m_wall(std::move(wallMs)) {}

qint64 HybridClock::systemMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

qint64 HybridClock::now() {
    const qint64 wall = m_wall();
    // Past the last stamp's millisecond: start a fresh counter. Otherwise count
    // up; a full counter carries into the millisecond field, which keeps order.
    m_last = wall > millis(m_last) ? pack(wall, 0) : m_last + 1;
    return m_last;
}

void HybridClock::observe(qint64 stamp) {
    if (stamp > m_last)
        m_last = stamp;
}

}  // namespace postil
