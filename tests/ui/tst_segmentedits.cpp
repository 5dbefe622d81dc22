// The audio editor's edits (editors/audio/segmentedits): pure functions on a
// time-ordered segment list, checked on their own: clamping into a
// speaker's free time, refusals, split, merge, boundaries, snapping, and the
// lookups the transport uses.
#include <QtTest>

#include <QImage>
#include <cmath>
#include <vector>

#include "editors/audio/segmentedits.h"
#include "editors/audio/spectrogram.h"
#include "editors/audio/timeruler.h"

using namespace postil;
namespace se = postil::segmentedit;

namespace {

Segment seg(qint64 start, qint64 end, const QString& speaker, const QString& text = {}) {
    Segment s;
    s.startMs = start;
    s.endMs = end;
    s.speaker = speaker;
    s.text = text;
    return s;
}

QStringList lines(const QList<Segment>& segments) {
    QStringList out;
    for (const Segment& s : segments)
        out << QStringLiteral("%1-%2 %3:%4").arg(s.startMs).arg(s.endMs).arg(s.speaker, s.text);
    return out;
}

QStringList expected(std::initializer_list<const char*> items) {
    QStringList out;
    for (const char* item : items)
        out << QString::fromUtf8(item);
    return out;
}

const QString A = QStringLiteral("A");
const QString B = QStringLiteral("B");

}  // namespace

class TestSegmentEdits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void addKeepsOrderAndClampsPerSpeaker() {
        QList<Segment> list;
        QVERIFY(se::add(list, seg(5000, 6000, A), 10000).changed);
        QVERIFY(se::add(list, seg(1000, 2000, A), 10000).changed);
        // Another speaker may talk at the same time.
        auto outcome = se::add(list, seg(1500, 5500, B), 10000);
        QVERIFY(outcome.changed);
        QCOMPARE(outcome.index, 1);
        QCOMPARE(lines(list), expected({"1000-2000 A:", "1500-5500 B:", "5000-6000 A:"}));
        // A's own: clamped into A's free time between 2000 and 5000.
        outcome = se::add(list, seg(1800, 5200, A), 10000);
        QVERIFY(outcome.changed);
        QCOMPARE(lines(list)[outcome.index], QStringLiteral("2000-5000 A:"));
        // No room left for A there: refused, with a reason.
        outcome = se::add(list, seg(2500, 4000, A), 10000);
        QVERIFY(!outcome.changed);
        QVERIFY(outcome.refusal.contains(QStringLiteral("overlap")));
        // Past the end of the audio: cut at its end; reversed times are fine.
        outcome = se::add(list, seg(12000, 9000, B), 10000);
        QCOMPARE(lines(list)[outcome.index], QStringLiteral("9000-10000 B:"));
        QCOMPARE(se::add(list, seg(100, 110, B), 10000).changed, false);  // under 20 ms
        QVERIFY(segmentresult::checkNoOverlap(list).ok());
    }

    void splitAndMerge() {
        QList<Segment> list{seg(0, 4000, A, QStringLiteral("one two three")),
                            seg(1000, 2000, B, QStringLiteral("hm")),
                            seg(5000, 6000, A, QStringLiteral("four"))};
        auto outcome = se::split(list, 0, 2500, 7);  // the caret after "one two"
        QVERIFY(outcome.changed);
        QCOMPARE(lines(list), expected({"0-2500 A:one two", "1000-2000 B:hm", "2500-4000 A:three",
                                        "5000-6000 A:four"}));
        QCOMPARE(outcome.index, 2);
        QVERIFY(!se::split(list, 0, 0).changed);     // at the edge
        QVERIFY(!se::split(list, 0, 2500).changed);  // at the other edge
        // Merge skips B's segment in between: A's next is the one at 2500.
        outcome = se::mergeWithNext(list, 0);
        QVERIFY(outcome.changed);
        QCOMPARE(lines(list),
                 expected({"0-4000 A:one two three", "1000-2000 B:hm", "5000-6000 A:four"}));
        outcome = se::mergeWithNext(list, 0);
        QCOMPARE(lines(list), expected({"0-6000 A:one two three four", "1000-2000 B:hm"}));
        QVERIFY(!se::mergeWithNext(list, 1).changed);  // B has no later segment
    }

    void boundariesClampAndSnap() {
        QList<Segment> list{seg(0, 1000, A), seg(1200, 3000, B), seg(2000, 3000, A)};
        // A's first end can go up to A's next start, not past it.
        auto outcome = se::moveBoundary(list, 0, true, 2600, 10000);
        QCOMPARE(lines(list)[outcome.index], QStringLiteral("0-2000 A:"));
        // A start cannot pass its own end less the shortest segment.
        outcome = se::moveBoundary(list, outcome.index, false, 5000, 10000);
        QCOMPARE(lines(list)[outcome.index], QStringLiteral("1980-2000 A:"));
        // The order stays sorted after a start moves.
        QList<Segment> sorted = list;
        segmentresult::sort(sorted);
        QCOMPARE(lines(sorted), lines(list));
        // Snapping: to the nearest edge within the tolerance, else unchanged.
        QCOMPARE(se::snap(list, 1190, 20), 1200);
        QCOMPARE(se::snap(list, 1150, 20), 1150);
        // An end past the audio stays reachable (a stored segment is shown).
        QList<Segment> late{seg(0, 12000, A)};
        QCOMPARE(se::boundaryRange(late, 0, true, 10000).to, 12000);
    }

    void speakerChangeRefusesOverlap() {
        QList<Segment> list{seg(0, 1000, A), seg(500, 1500, B), seg(2000, 3000, B)};
        auto outcome = se::setSpeaker(list, 1, A);
        QVERIFY(!outcome.changed);
        QVERIFY(outcome.refusal.contains(QStringLiteral("0.000–1.000")));
        outcome = se::setSpeaker(list, 2, A);
        QVERIFY(outcome.changed);
        QCOMPARE(lines(list)[outcome.index], QStringLiteral("2000-3000 A:"));
        QVERIFY(se::remove(list, 0).changed);
        QCOMPARE(list.size(), 2);
    }

    // A 1 kHz sine at 16 kHz is darkest in the row of 1 kHz: bin 32 of 256.
    void spectrogramFindsTheTone() {
        std::vector<float> samples(16000);
        for (size_t i = 0; i < samples.size(); ++i)
            samples[i] = float(0.5 * std::sin(2 * M_PI * 1000 * double(i) / 16000));
        const QImage image =
            Spectrogram::render(samples.data(), qint64(samples.size()), 0, 0, 20, 100, 256);
        for (int x : {30, 50, 90}) {  // x = 10 has no half window before it
            int darkest = -1;
            int shade = 256;
            for (int y = 0; y < image.height(); ++y)
                if (qRed(image.pixel(x, y)) < shade) {
                    shade = qRed(image.pixel(x, y));
                    darkest = y;
                }
            QVERIFY2(qAbs(darkest - (255 - 32)) <= 1, qPrintable(QString::number(darkest)));
            QVERIFY(qRed(image.pixel(x, 10)) > 200);  // far from the tone: light
        }
        // Columns without samples around them stay blank.
        const QImage edge = Spectrogram::render(samples.data(), 600, 0, 0, 20, 100, 64);
        QCOMPARE(qRed(edge.pixel(99, 60)), 255);
    }

    void lookups() {
        QList<Segment> list{seg(0, 1000, A), seg(500, 3000, B), seg(2000, 2500, A)};
        QCOMPARE(se::segmentAt(list, 700), 1);     // the one that started last
        QCOMPARE(se::segmentAt(list, 700, 0), 0);  // the preferred one holds it
        QCOMPARE(se::segmentAt(list, 2200), 2);
        QCOMPARE(se::segmentAt(list, 3000), -1);  // end exclusive
        QCOMPARE(se::neighbour(list, 500, +1), 2);
        QCOMPARE(se::neighbour(list, 500, -1), 0);
        QCOMPARE(TimeRuler::clock(61234), QStringLiteral("1:01.234"));
        QCOMPARE(TimeRuler::clock(3723004), QStringLiteral("1:02:03.004"));
        QCOMPARE(TimeRuler::stepSeconds(0.001, 80), 0.1);
        QCOMPARE(TimeRuler::stepSeconds(1.0, 80), 120.0);  // whole clock units above 10 s
    }
};

QTEST_APPLESS_MAIN(TestSegmentEdits)
#include "tst_segmentedits.moc"
