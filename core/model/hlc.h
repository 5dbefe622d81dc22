#pragma once

#include <QtGlobal>
#include <functional>

namespace postil {

// Hybrid logical clock (Kulkarni et al. 2014). A stamp packs wall-clock
// milliseconds into the high 48 bits and a counter into the low 16, so stamps
// compare as plain integers. now() never goes backwards, even when the wall
// clock does (NTP step, restored backup): it keeps the last stamp's time and
// counts up instead.
class HybridClock {
public:
    using WallClock = std::function<qint64()>;
    explicit HybridClock(WallClock wallMs = systemMs);

    qint64 now();
    // Moves the clock past a stamp seen elsewhere (a stored row, a merged pack).
    void observe(qint64 stamp);
    qint64 last() const { return m_last; }

    static qint64 pack(qint64 ms, int counter) { return (ms << 16) | (counter & 0xffff); }
    static qint64 millis(qint64 stamp) { return stamp >> 16; }
    static int counter(qint64 stamp) { return int(stamp & 0xffff); }
    static qint64 systemMs();

private:
    WallClock m_wall;
    qint64 m_last = 0;
};

}  // namespace postil
