#include "editors/audio/timeruler.h"

#include <QPainter>
#include <QPalette>
#include <cmath>

namespace postil {

double TimeRuler::stepSeconds(double secondsPerPixel, int minPixels) {
    const double wanted = secondsPerPixel * minPixels;
    // Whole clock units above ten seconds, 1-2-5 decades below.
    static const double clockSteps[] = {15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 18000};
    if (wanted > 10) {
        for (double step : clockSteps)
            if (step >= wanted)
                return step;
        return std::ceil(wanted / 36000) * 36000;
    }
    const double decade = std::pow(10.0, std::floor(std::log10(std::max(wanted, 1e-9))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= wanted)
            return m * decade;
    return 10 * decade;
}

QString TimeRuler::label(double seconds, double step) {
    if (step >= 1) {
        const qint64 s = qint64(std::llround(seconds));
        if (s >= 3600)
            return QStringLiteral("%1:%2:%3")
                .arg(s / 3600)
                .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
                .arg(s % 60, 2, 10, QLatin1Char('0'));
        if (s >= 60)
            return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
        return QStringLiteral("%1 s").arg(s);
    }
    const int decimals = std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 1, 6);
    return QStringLiteral("%1 s").arg(seconds, 0, 'f', decimals);
}

QString TimeRuler::clock(qint64 ms) {
    const bool negative = ms < 0;
    ms = std::abs(ms);
    const qint64 h = ms / 3600000;
    const qint64 m = (ms / 60000) % 60;
    const double s = (ms % 60000) / 1000.0;
    QString text = h > 0 ? QStringLiteral("%1:%2:%3")
                               .arg(h)
                               .arg(m, 2, 10, QLatin1Char('0'))
                               .arg(s, 6, 'f', 3, QLatin1Char('0'))
                         : QStringLiteral("%1:%2").arg(m).arg(s, 6, 'f', 3, QLatin1Char('0'));
    return negative ? u'-' + text : text;
}

void TimeRuler::paint(QPainter& painter, const QRect& rect, double firstSecond,
                      double secondsPerPixel) {
    const QPalette palette;
    painter.fillRect(rect, palette.color(QPalette::Window));
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawLine(rect.bottomLeft(), rect.bottomRight());
    if (secondsPerPixel <= 0)
        return;
    const double step = stepSeconds(secondsPerPixel);
    const double minor = step / 5;
    const double last = firstSecond + rect.width() * secondsPerPixel;
    QFont font = painter.font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    painter.setFont(font);
    // Minor ticks first, then the labelled ones over them.
    for (double t = std::floor(firstSecond / minor) * minor; t <= last; t += minor) {
        const int x = rect.left() + int(std::lround((t - firstSecond) / secondsPerPixel));
        painter.drawLine(x, rect.bottom() - 3, x, rect.bottom());
    }
    painter.setPen(palette.color(QPalette::WindowText));
    for (double t = std::floor(firstSecond / step) * step; t <= last; t += step) {
        if (t < 0)
            continue;
        const int x = rect.left() + int(std::lround((t - firstSecond) / secondsPerPixel));
        painter.drawLine(x, rect.bottom() - 8, x, rect.bottom());
        painter.drawText(QRect(x + 3, rect.top(), 120, rect.height() - 6),
                         Qt::AlignLeft | Qt::AlignVCenter, label(t, step));
    }
}

}  // namespace postil
