#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include "model/segmentresult.h"
#include "testsupport.h"

using namespace postil;

namespace {

// JSON written with single quotes, which moc and the eye read more easily.
QJsonObject json(const char* text) {
    return jsonObject(QByteArray(text).replace('\'', '"'));
}

QByteArray compact(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Segment segment(qint64 start, qint64 end, const char* speaker, const char* text = "") {
    Segment s;
    s.startMs = start;
    s.endMs = end;
    s.speaker = QString::fromUtf8(speaker);
    s.text = QString::fromUtf8(text);
    return s;
}

}  // namespace

class TestSegmentResult : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEverything() {
        const QJsonObject result = json(
            "{'answers':{'quality':'good'},'active_ms':1200,'x-future':[1,2],"
            "'segments':[{'start_ms':0,'end_ms':1500,'speaker':'A','text':'Hello, \\\"you\\\" "
            "--> & <b>','attrs':{'noise':true},'x-tool':7},"
            "{'start_ms':1500,'end_ms':2750,'speaker':'B','text':'你好\\nзвук'},"
            "{'start_ms':3000,'end_ms':3500},"
            "{'start_ms':4000,'end_ms':4100,'speaker':null,'attrs':{}}]}");
        QStringList problems;
        const QList<Segment> segments = segmentresult::read(result, &problems, 5000);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(segments.size(), 4);
        QCOMPARE(segments[0].startMs, 0);
        QCOMPARE(segments[0].endMs, 1500);
        QCOMPARE(segments[0].speaker, QStringLiteral("A"));
        QCOMPARE(segments[0].text, QStringLiteral("Hello, \"you\" --> & <b>"));
        QCOMPARE(segments[0].attrs.value(QStringLiteral("noise")).toBool(), true);
        QCOMPARE(segments[1].text, QStringLiteral("你好\nзвук"));
        QCOMPARE(segments[1].durationMs(), 1250);
        QCOMPARE(segments[2].speaker, QString());
        QCOMPARE(segments[3].speaker, QString());
        // Written back untouched: byte for byte, unknown keys, a missing
        // speaker, a null one, empty attrs and the other parts kept.
        QCOMPARE(compact(segmentresult::withSegments(result, segments)), compact(result));

        // Changed: the change lands, the rest stays.
        QList<Segment> changed = segments;
        changed[1].endMs = 2700;
        changed[0].attrs = QJsonObject();
        changed[2].speaker = QStringLiteral("A");
        changed.removeAt(3);
        const QJsonObject written = segmentresult::withSegments(result, changed);
        const QList<Segment> reread = segmentresult::read(written);
        QCOMPARE(reread.size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY(reread[i].sameAs(changed[i]));
        QVERIFY(!reread[0].source.contains(QStringLiteral("attrs")));
        QCOMPARE(reread[0].source.value(QStringLiteral("x-tool")).toInt(), 7);
        QCOMPARE(written.value(QStringLiteral("answers")), result.value(QStringLiteral("answers")));
        QCOMPARE(written.value(QStringLiteral("x-future")),
                 result.value(QStringLiteral("x-future")));
        QCOMPARE(written.value(QStringLiteral("active_ms")).toInt(), 1200);
    }

    void newSegmentsSayEveryField() {
        Segment s = segment(10, 20, "");
        QCOMPARE(compact(s.toJson()),
                 QByteArray("{\"end_ms\":20,\"speaker\":\"\",\"start_ms\":10,\"text\":\"\"}"));
        s.attrs.insert(QStringLiteral("overlap"), true);
        const QJsonObject written = segmentresult::withSegments(QJsonObject(), {s});
        QCOMPARE(compact(written),
                 QByteArray("{\"segments\":[{\"attrs\":{\"overlap\":true},\"end_ms\":20,"
                            "\"speaker\":\"\",\"start_ms\":10,\"text\":\"\"}]}"));
        // Times stay exact to the millisecond far into a long recording.
        Segment late = segment(9'000'000'000'000LL, 9'000'000'000'001LL, "A");
        const QList<Segment> back =
            segmentresult::read(segmentresult::withSegments(QJsonObject(), {late}));
        QCOMPARE(back.size(), 1);
        QCOMPARE(back[0].startMs, 9'000'000'000'000LL);
        QCOMPARE(back[0].endMs, 9'000'000'000'001LL);
    }

    void badEntriesAreLeftOutSaidAndKept() {
        const QJsonObject result = json(
            "{'segments':["
            "{'start_ms':0,'end_ms':300,'speaker':'A'},"
            "{'start_ms':400,'end_ms':400},"
            "{'start_ms':1.5,'end_ms':300},"
            "'loose text',"
            "{'start_ms':-5,'end_ms':300},"
            "{'start_ms':500,'end_ms':9000,'speaker':'A'},"
            "{'start_ms':600,'end_ms':700,'speaker':5,'text':['x'],'attrs':3},"
            "{'end_ms':700}]}");
        QStringList problems;
        const QList<Segment> segments = segmentresult::read(result, &problems, 1000);
        QCOMPARE(segments.size(), 2);
        QCOMPARE(segments[1].startMs, 600);
        QCOMPARE(segments[1].speaker, QString());  // 5 is not a speaker
        QCOMPARE(segments[1].text, QString());
        QCOMPARE(problems.size(), 7);
        const QString said = problems.join(QLatin1Char('\n'));
        QVERIFY2(said.contains(QStringLiteral("segment 2 covers nothing (400..400 ms)")),
                 qPrintable(said));
        QVERIFY(
            said.contains(QStringLiteral("segment 3 \"start_ms\" and \"end_ms\" are not whole")));
        QVERIFY(said.contains(QStringLiteral("segment 4 is not an object")));
        QVERIFY(said.contains(QStringLiteral("segment 5 covers nothing")));
        QVERIFY2(said.contains(QStringLiteral(
                     "segment 6 ends at 9.000 s, past the end of the audio (1.000 s)")),
                 qPrintable(said));
        QVERIFY(said.contains(QStringLiteral("segment 7 the speaker is not text")));
        QVERIFY(said.contains(QStringLiteral("segment 8 \"start_ms\"")));
        QVERIFY(!segmentresult::parse(result, 1000).ok());
        QCOMPARE(segmentresult::parse(result, 1000).error(),
                 QStringLiteral("segment 2 covers nothing (400..400 ms)"));
        // Without a duration the long segment is read (a writer loses nothing).
        QCOMPARE(segmentresult::read(result).size(), 3);
        QVERIFY(segmentresult::parse(json("{'segments':[{'start_ms':0,'end_ms':3}]}"), 3).ok());
        QVERIFY(segmentresult::parse(json("{}")).ok());
        QVERIFY(!segmentresult::parse(json("{'segments':{}}")).ok());

        // Writing keeps what is not a segment, after the segments, as it was.
        const QList<Segment> all = segmentresult::read(result);
        const QJsonArray written =
            segmentresult::withSegments(result, all).value(QStringLiteral("segments")).toArray();
        QCOMPARE(written.size(), 8);
        QCOMPARE(written.at(1).toObject().value(QStringLiteral("end_ms")).toInt(), 9000);
        // The untouched seventh entry keeps its junk speaker, text and attrs.
        QCOMPARE(written.at(2).toObject().value(QStringLiteral("speaker")).toInt(), 5);
        QCOMPARE(written.at(2).toObject().value(QStringLiteral("attrs")).toInt(), 3);
        QCOMPARE(written.at(3).toObject().value(QStringLiteral("start_ms")).toInt(), 400);
        QCOMPARE(written.at(5).toString(), QStringLiteral("loose text"));
        QCOMPARE(written.at(7).toObject().value(QStringLiteral("end_ms")).toInt(), 700);
    }

    void manyProblemsAreCounted() {
        QJsonArray list;
        for (int i = 0; i < 25; ++i)
            list.append(i);
        QStringList problems;
        segmentresult::read(QJsonObject{{QStringLiteral("segments"), list}}, &problems);
        QCOMPARE(problems.size(), 11);
        QCOMPARE(problems.last(), QStringLiteral("and 15 more problems"));
    }

    void overlapsAreFoundPerSpeaker() {
        QList<Segment> segments{segment(0, 1000, "A"),    segment(1000, 2000, "A"),
                                segment(500, 1500, "B"),  segment(1800, 2500, "A"),
                                segment(3000, 3100, ""),  segment(3050, 3200, ""),
                                segment(4000, 9000, "B"), segment(5000, 5100, "B")};
        const QList<QPair<int, int>> pairs = segmentresult::overlapsWithinSpeaker(segments);
        // A: 1000-2000 and 1800-2500; "": 3000-3100 and 3050-3200; B: 4000-9000
        // holds 5000-5100. Touching (0-1000, 1000-2000) and other speakers' do not count.
        QCOMPARE(pairs.size(), 3);
        QVERIFY(pairs.contains(qMakePair(1, 3)));
        QVERIFY(pairs.contains(qMakePair(4, 5)));
        QVERIFY(pairs.contains(qMakePair(6, 7)));
        QCOMPARE(segmentresult::overlapsWithinSpeaker(segments, 1).size(), 1);
        const Status check = segmentresult::checkNoOverlap(segments);
        QVERIFY(!check.ok());
        QVERIFY2(check.error().contains(QStringLiteral("speaker \"A\": the segment 1.800 s–2.500 s "
                                                       "overlaps the segment 1.000 s–2.000 s")),
                 qPrintable(check.error()));
        segments.removeAt(7);
        segments.removeAt(5);
        segments.removeAt(3);
        QVERIFY(segmentresult::checkNoOverlap(segments).ok());
        // A segment that ends beyond a later one's end still catches a third.
        const QList<Segment> nested{segment(0, 10000, "A"), segment(100, 200, "A"),
                                    segment(5000, 6000, "A")};
        QCOMPARE(segmentresult::overlapsWithinSpeaker(nested).size(), 2);
    }

    void sortIsByTimeAndStable() {
        QList<Segment> segments{segment(500, 900, "B", "3"), segment(0, 100, "A", "1"),
                                segment(500, 700, "A", "2"), segment(500, 900, "A", "x"),
                                segment(500, 900, "B", "4")};
        segmentresult::sort(segments);
        QStringList texts;
        for (const Segment& s : segments)
            texts << s.text;
        QCOMPARE(texts, (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("x"),
                                     QStringLiteral("3"), QStringLiteral("4")}));
        QVERIFY(segments[0].contains(0));
        QVERIFY(!segments[0].contains(100));
        QVERIFY(segments[1].overlaps(segments[2]));
        QVERIFY(!segments[0].overlaps(segment(100, 200, "A")));
    }
};

QTEST_GUILESS_MAIN(TestSegmentResult)
#include "tst_segmentresult.moc"
