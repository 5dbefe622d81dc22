#include <QtTest>

#include "model/hlc.h"

using namespace postil;

class TestHlc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void monotonicWhenWallClockGoesBackwards() {
        qint64 wall = 1'700'000'000'000;
        HybridClock clock([&wall] { return wall; });
        qint64 previous = clock.now();
        // Forward, standing still, a big step back (NTP, restored backup), forward again.
        const qint64 steps[] = {5, 0, 0, -60'000, -1, 0, 30'000, 40'000, 1};
        for (qint64 step : steps) {
            wall += step;
            const qint64 stamp = clock.now();
            QVERIFY2(stamp > previous,
                     qPrintable(QStringLiteral("stamp did not grow after step %1").arg(step)));
            previous = stamp;
        }
        // Once the wall clock passes the last stamp again, stamps follow it.
        wall += 100'000;
        QCOMPARE(HybridClock::millis(clock.now()), wall);
    }

    void counterCarriesIntoMilliseconds() {
        HybridClock clock([] { return qint64(1000); });
        qint64 previous = clock.now();
        for (int i = 0; i < 70'000; ++i) {
            const qint64 stamp = clock.now();
            QVERIFY(stamp > previous);
            previous = stamp;
        }
        QVERIFY(HybridClock::millis(previous) > 1000);
    }

    void observeMovesPastRemoteStamps() {
        HybridClock clock([] { return qint64(5000); });
        const qint64 remote = HybridClock::pack(9000, 7);
        clock.observe(remote);
        QVERIFY(clock.now() > remote);
        clock.observe(HybridClock::pack(1, 0));  // an older stamp changes nothing
        QVERIFY(clock.now() > remote);
    }

    void packRoundTrips() {
        const qint64 stamp = HybridClock::pack(1'712'345'678'901, 42);
        QCOMPARE(HybridClock::millis(stamp), qint64(1'712'345'678'901));
        QCOMPARE(HybridClock::counter(stamp), 42);
    }
};

QTEST_GUILESS_MAIN(TestHlc)
#include "tst_hlc.moc"
