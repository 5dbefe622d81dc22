#pragma once

// This process's memory as Linux reports it, for the tests and the benchmarks
// that hold a figure to a budget. Header-only, so the benchmarks (which do not
// build tests/support/*.cpp) can include it too.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace postil {

// A field of /proc/self/status ("VmRSS", "VmHWM") in MB, or -1.
inline double selfMemoryMb(const char* field) {
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray& line : file.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

// Resets VmHWM to the current resident size (Linux 4.0 and later), so a peak
// read afterwards belongs to what ran since.
inline bool resetPeakMemory() {
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

}  // namespace postil
