#pragma once

#include <QRect>
#include <QString>

class QPainter;

namespace postil {

// The time axis above the waveform: ticks at a step that leaves room for
// their labels at any zoom, from hours down to single samples, labelled
// "1:02:03", "12.5 s" or "12.345 s" as the step needs.
class TimeRuler {
public:
    // The tick step in seconds for `secondsPerPixel`: the smallest of 1, 2, 5
    // × 10^n (and 15 s, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h) at least
    // `minPixels` apart.
    static double stepSeconds(double secondsPerPixel, int minPixels = 80);
    // A time as the ruler labels it, with as many decimals as `step` needs.
    static QString label(double seconds, double step);
    // A time for the status strip and the transcript list: "1:02.345" (and
    // "1:02:03.456" from an hour).
    static QString clock(qint64 ms);

    // Draws the ruler into `rect`: `firstSecond` at its left edge,
    // `secondsPerPixel` across.
    static void paint(QPainter& painter, const QRect& rect, double firstSecond,
                      double secondsPerPixel);
};

}  // namespace postil
