#include <QJsonDocument>
#include <QtTest>

#include "model/spanresult.h"
#include "testsupport.h"

using namespace postil;

// spanresult::scan, the exports' fast reading of stored results: what it
// takes it reads exactly as spanresult::read does; anything else it refuses,
// so the caller reads it with read() (tests/fuzz/fuzz_spanjson checks the same
// on any input).
class TestSpanScan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void agreesWithRead_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<bool>("scanned");
        QTest::newRow("what the codec writes")
            << QByteArray(
                   "{\"active_ms\":1200,\"answers\":{\"intent\":\"x\",\"l\":[1,{\"a\":\"\\\"}\"}]},"
                   "\"relations\":[{\"from\":1,\"label\":\"near\",\"to\":0}],"
                   "\"spans\":[{\"end\":3,\"label\":\"PER\",\"start\":0},"
                   "{\"end\":9,\"label\":\"東京\",\"start\":4}]}")
            << qint64(9) << true;
        QTest::newRow("no spans") << QByteArray("{\"answers\":{}}") << qint64(-1) << true;
        QTest::newRow("spaces")
            << QByteArray(
                   " { \"spans\" : [ { \"label\" : \"A\" , \"start\" : 1 , \"end\" : 2 } ] } ")
            << qint64(-1) << true;
        QTest::newRow("attrs")
            << QByteArray(
                   "{\"spans\":[{\"attrs\":{\"x\":true},\"end\":3,\"label\":\"A\",\"start\":0}]}")
            << qint64(-1) << false;
        QTest::newRow("note")
            << QByteArray("{\"spans\":[{\"end\":3,\"label\":\"A\",\"note\":\"n\",\"start\":0}]}")
            << qint64(-1) << false;
        QTest::newRow("escaped label")
            << QByteArray("{\"spans\":[{\"end\":3,\"label\":\"\\u00e9\",\"start\":0}]}")
            << qint64(-1) << false;
        QTest::newRow("past the end")
            << QByteArray("{\"spans\":[{\"end\":30,\"label\":\"A\",\"start\":0}]}") << qint64(10)
            << false;
        QTest::newRow("empty span")
            << QByteArray("{\"spans\":[{\"end\":3,\"label\":\"A\",\"start\":3}]}") << qint64(-1)
            << false;
        QTest::newRow("fraction") << QByteArray(
                                         "{\"spans\":[{\"end\":3.5,\"label\":\"A\",\"start\":0}]}")
                                  << qint64(-1) << false;
        QTest::newRow("exponent") << QByteArray(
                                         "{\"spans\":[{\"end\":1e1,\"label\":\"A\",\"start\":0}]}")
                                  << qint64(-1) << false;
        QTest::newRow("negative") << QByteArray(
                                         "{\"spans\":[{\"end\":3,\"label\":\"A\",\"start\":-1}]}")
                                  << qint64(-1) << false;
        QTest::newRow("dangling relation")
            << QByteArray(
                   "{\"spans\":[{\"end\":3,\"label\":\"A\",\"start\":0}],\"relations\":[{\"from\":"
                   "0,\"to\":1,\"label\":\"r\"}]}")
            << qint64(-1) << false;
        QTest::newRow("twice")
            << QByteArray("{\"spans\":[],\"spans\":[{\"end\":3,\"label\":\"A\",\"start\":0}]}")
            << qint64(-1) << false;
        QTest::newRow("not json") << QByteArray(
                                         "{\"spans\":[{\"end\":3,\"label\":\"A\",\"start\":0}")
                                  << qint64(-1) << false;
    }
    void agreesWithRead() {
        QFETCH(QByteArray, json);
        QFETCH(qint64, length);
        QFETCH(bool, scanned);
        TextAnnotation fast;
        QCOMPARE(spanresult::scan(json, fast, length), scanned);
        if (!scanned)
            return;
        QStringList problems;
        const TextAnnotation slow =
            spanresult::read(QJsonDocument::fromJson(json).object(), &problems, length);
        QVERIFY(problems.isEmpty());
        QCOMPARE(fast.spans.size(), slow.spans.size());
        for (qsizetype i = 0; i < slow.spans.size(); ++i)
            QVERIFY(fast.spans[i].sameAs(slow.spans[i]));
        QCOMPARE(fast.relations.size(), slow.relations.size());
        for (qsizetype i = 0; i < slow.relations.size(); ++i)
            QVERIFY(fast.relations[i].sameAs(slow.relations[i]));
    }
};

QTEST_GUILESS_MAIN(TestSpanScan)
#include "tst_spanscan.moc"
