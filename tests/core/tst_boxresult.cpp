// Box and boxresult, the one codec of the "boxes" of an image result
// (architecture.md §4): round trips, byte-stable writes that keep what they
// do not know, the fast scanner against the Qt parse, and malformed input.

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>
#include <limits>

#include "model/boxresult.h"
#include "model/ids.h"

#include "testsupport.h"

using namespace postil;

namespace {

QByteArray bytes(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Box makeBox(const char* label, double x, double y, double w, double h) {
    Box box;
    box.label = QString::fromUtf8(label);
    box.x = x;
    box.y = y;
    box.w = w;
    box.h = h;
    return box;
}

bool sameBoxes(const QList<Box>& a, const QList<Box>& b) {
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a[i].sameAs(b[i]))
            return false;
    }
    return true;
}

}  // namespace

class TestBoxResult : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsBoxesAndKeepsTheirSource() {
        const QJsonObject result = jsonObject(R"({"boxes": [
            {"label": "car", "x": 10.25, "y": 20.5, "w": 100, "h": 50.75,
             "attrs": {"occluded": true}, "track": 7}]})");
        const QList<Box> boxes = boxresult::read(result);
        QCOMPARE(boxes.size(), 1);
        QCOMPARE(boxes[0].label, QStringLiteral("car"));
        QCOMPARE(boxes[0].rect(), QRectF(10.25, 20.5, 100, 50.75));
        QCOMPARE(boxes[0].attrs.value(QLatin1String("occluded")).toBool(), true);
        QCOMPARE(boxes[0].source.value(QLatin1String("track")).toInt(), 7);
        QVERIFY(boxes[0].isAsRead());
        QVERIFY(boxresult::parse(result).ok());
    }

    // parse -> write -> parse gives the same boxes, and writing again the same
    // bytes; an untouched box is written back exactly as it was stored.
    void roundTripIsStable() {
        const QJsonObject stored = jsonObject(R"({"answers": {"q": 1}, "active_ms": 5, "boxes": [
            {"label": "car", "x": 1e2, "y": 0.1, "w": 3.0, "h": 4, "attrs": {}, "z-order": 2},
            {"x": 5, "y": 6, "w": 7, "h": 8, "label": "person"}]})");
        const QList<Box> first = boxresult::read(stored);
        const QJsonObject written = boxresult::withBoxes(stored, first);
        // Only what Box owns and lacks is added ("attrs" of the second box).
        QJsonObject expected = stored;
        QJsonArray list = stored.value(QLatin1String("boxes")).toArray();
        QJsonObject second = list[1].toObject();
        second.insert(QStringLiteral("attrs"), QJsonObject());
        list[1] = second;
        expected.insert(QStringLiteral("boxes"), list);
        QCOMPARE(bytes(written), bytes(expected));
        const QList<Box> again = boxresult::read(written);
        QVERIFY(sameBoxes(first, again));
        QCOMPARE(bytes(boxresult::withBoxes(written, again)), bytes(written));

        // New boxes (no source) write every key, and read back bit for bit,
        // through the project file's own text form as well.
        const QList<Box> built{makeBox("a", 0.1, 0.2, 0.30000000000000004, 123456.789),
                               makeBox("Größe", -0.5, 1e-7, 640, 479.99)};
        const QJsonObject builtJson = boxresult::withBoxes(QJsonObject(), built);
        QCOMPARE(bytes(builtJson),
                 // Each piece holds whole strings: moc loses its way in a raw
                 // string with an odd number of quotes (Qt 6.4).
                 QByteArray(R"({"boxes":[{"attrs":{},"h":123456.789,"label":"a",)"
                            R"("w":0.30000000000000004,"x":0.1,"y":0.2},{"attrs":{},)"
                            R"("h":479.99,"label":"Größe","w":640,"x":-0.5,"y":1e-07}]})"));
        const QByteArray text = canonicalJson(builtJson);
        QVERIFY(sameBoxes(boxresult::readJson(text), built));
        QVERIFY(sameBoxes(boxresult::read(QJsonDocument::fromJson(text).object()), built));
        QCOMPARE(bytes(boxresult::withBoxes(builtJson, boxresult::read(builtJson))),
                 bytes(builtJson));
    }

    // A moved box writes its new numbers; its other keys stay.
    void anEditKeepsUnknownKeys() {
        const QJsonObject stored = jsonObject(R"({"boxes": [
            {"label": "car", "x": 1, "y": 2, "w": 3, "h": 4, "attrs": {"a": 1}, "note": "n"},
            "not a box", {"label": "half", "x": 1}]})");
        QList<Box> boxes = boxresult::read(stored);
        QCOMPARE(boxes.size(), 1);
        boxes[0].setRect(QRectF(11, 2, 3, 4));
        boxes[0].label = QStringLiteral("truck");
        QVERIFY(!boxes[0].isAsRead());
        const QJsonObject written = boxresult::withBoxes(stored, boxes);
        const QJsonArray list = written.value(QLatin1String("boxes")).toArray();
        QCOMPARE(list.size(), 3);  // what is not a box stays, after the boxes
        const QJsonObject box = list[0].toObject();
        QCOMPARE(box.value(QLatin1String("x")).toDouble(), 11.0);
        QCOMPARE(box.value(QLatin1String("label")).toString(), QStringLiteral("truck"));
        QCOMPARE(box.value(QLatin1String("note")).toString(), QStringLiteral("n"));
        QCOMPARE(list[1].toString(), QStringLiteral("not a box"));
        QCOMPARE(list[2].toObject(), jsonObject(R"({"label": "half", "x": 1})"));
        // Deleting every box keeps them too.
        QCOMPARE(boxresult::withBoxes(stored, {}).value(QLatin1String("boxes")).toArray().size(),
                 2);
    }

    void malformedEntriesAreSaidAndLeftOut() {
        const QJsonObject bad = jsonObject(R"({"boxes": [
            7, {"x": "1", "y": 2, "w": 3, "h": 4}, {"x": 1, "y": 2, "w": 3},
            {"label": 5, "x": 1, "y": 2, "w": 3, "h": 4, "attrs": [1]},
            {"label": "ok", "x": 1, "y": 2, "w": 3, "h": 4, "attrs": "no"}]})");
        QStringList problems;
        const QList<Box> boxes = boxresult::read(bad, &problems);
        QCOMPARE(boxes.size(), 2);
        QCOMPARE(boxes[0].label, QString());  // 5 is no label
        QVERIFY(boxes[0].attrs.isEmpty());    // [1] are no attributes
        QCOMPARE(boxes[1].label, QStringLiteral("ok"));
        QCOMPARE(problems,
                 (QStringList{QStringLiteral("\"boxes\"[0] is not an object (left out)"),
                              QStringLiteral("\"boxes\"[1] \"x\" is not a number (left out)"),
                              QStringLiteral("\"boxes\"[2] \"h\" is not a number (left out)"),
                              QStringLiteral("\"boxes\"[3] the label is not text (read as none)"),
                              QStringLiteral("\"boxes\"[4] \"attrs\" is not an object (read as "
                                             "none)")}));
        const auto strict = boxresult::parse(bad);
        QVERIFY(!strict.ok());
        QCOMPARE(strict.error(), QStringLiteral("\"boxes\"[0] is not an object (left out)"));
        QCOMPARE(boxresult::parse(jsonObject(R"({"boxes": {}})")).error(),
                 QStringLiteral("\"boxes\" must be a list"));
        QVERIFY(boxresult::parse(jsonObject(R"({"answers": {}})")).ok());  // no boxes: none
    }

    // JSON text cannot hold them, an object built in code can.
    void nonFiniteCoordinatesAreNoBox() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const QJsonObject result{
            {QStringLiteral("boxes"), QJsonArray{QJsonObject{{QStringLiteral("x"), nan},
                                                             {QStringLiteral("y"), 0},
                                                             {QStringLiteral("w"), 1},
                                                             {QStringLiteral("h"), 1}},
                                                 QJsonObject{{QStringLiteral("x"), 0},
                                                             {QStringLiteral("y"), 0},
                                                             {QStringLiteral("w"), -inf},
                                                             {QStringLiteral("h"), 1}}}}};
        QStringList problems;
        QVERIFY(boxresult::read(result, &problems).isEmpty());
        QCOMPARE(problems.size(), 2);
        QVERIFY(!boxresult::parse(result).ok());
        // Nor does the scanner take what from_chars would read and JSON has not.
        QVERIFY(!boxresult::scan(R"({"boxes":[{"x":-inf,"y":0,"w":1,"h":1}]})"));
        QVERIFY(!boxresult::scan(R"({"boxes":[{"x":-nan,"y":0,"w":1,"h":1}]})"));
        QVERIFY(boxresult::readJson(R"({"boxes":[{"x":-inf,"y":0,"w":1,"h":1}]})").isEmpty());
    }

    void hugeArraysStayBounded() {
        QJsonArray list;
        for (int i = 0; i < 300000; ++i)
            list.append(i % 2 ? QJsonValue(i) : QJsonValue(QJsonObject{{QStringLiteral("x"), i}}));
        list.append(QJsonObject{{QStringLiteral("x"), 1},
                                {QStringLiteral("y"), 2},
                                {QStringLiteral("w"), 3},
                                {QStringLiteral("h"), 4}});
        QStringList problems;
        QElapsedTimer timer;
        timer.start();
        const QList<Box> boxes =
            boxresult::read(QJsonObject{{QStringLiteral("boxes"), list}}, &problems);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(boxes.size(), 1);
        QCOMPARE(problems.size(), 11);
        QCOMPARE(problems.last(), QStringLiteral("and 299990 more problems"));
    }

    // The exports read stored results with the scanner; it must give what
    // the Qt parse gives, or say it cannot (then readJson falls back).
    void scannerAgreesWithTheQtParse() {
        const QList<QByteArray> texts = {
            "{\"boxes\":[{\"attrs\":{},\"h\":50.75,\"label\":\"car\",\"w\":100,\"x\":10.25,\"y\":"
            "20.5}]}",
            "{\"answers\":{\"q\":[1,\"a]}\"]},\"boxes\":[{\"attrs\":{\"difficult\":true,\"n\":{"
            "\"a\":[1]}},"
            "\"h\":1e-7,\"label\":\"Größe\",\"w\":3,\"x\":-0.5,\"y\":1.7976931348623157e308}],"
            "\"z\":null}",
            " { \"boxes\" : [ { \"x\" : 1 , \"y\" : 2 , \"w\" : 3 , \"h\" : 4 , \"extra\" : [ ] } "
            "] } ",
            "{\"boxes\":[{\"x\":1,\"y\":2,\"w\":\"3\",\"h\":4,\"label\":\"no "
            "w\"},{\"x\":1,\"y\":2,\"w\":3,\"h\":4}]}",
            "{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":7,\"attrs\":[1]}]}",
            "{\"boxes\":[]}",
            "{\"boxes\":{}}",
            "{}",
            "{\"boxes\":[{\"x\":0.1,\"y\":0.2,\"w\":0.30000000000000004,\"h\":123456.789}]}",
            // A repeated key: the last one counts, as in Qt (found by fuzz_boxjson).
            "{\"boxes\":[{\"label\":\"cat\",\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":{},"
            "\"attrs\":{\"a\":true},\"attrs\":{}}]}",
            "{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"attrs\":{\"a\":true},\"attrs\":7}]}",
            // A coordinate given twice: text after a number, or a number after text.
            "{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"x\":\"1\"}]}",
            "{\"boxes\":[{\"x\":\"1\",\"y\":2,\"w\":3,\"h\":4,\"x\":5}]}",
        };
        for (const QByteArray& text : texts) {
            const auto fast = boxresult::scan(text);
            QVERIFY2(fast, text.constData());
            const QList<Box> slow = boxresult::read(QJsonDocument::fromJson(text).object());
            QCOMPARE(fast->size(), slow.size());
            for (qsizetype i = 0; i < slow.size(); ++i)
                QVERIFY2(fast->at(i).sameAs(slow.at(i)), text.constData());  // bit for bit
        }
        // An escaped label and broken text go the slow way, with the same result.
        const QByteArray escaped =
            "{\"boxes\":[{\"x\":1,\"y\":2,\"w\":3,\"h\":4,\"label\":\"a\\\"b\"}]}";
        QVERIFY(!boxresult::scan(escaped));
        QCOMPARE(boxresult::readJson(escaped).at(0).label, QStringLiteral("a\"b"));
        QVERIFY(boxresult::readJson(escaped).at(0).source.isEmpty());  // as the fast path
        // A number Qt reads but the scanner does not (found by fuzz_boxjson).
        const QByteArray lenient = "{\"boxes\":[{\"x\":.5,\"y\":2,\"w\":3,\"h\":4}]}";
        QCOMPARE(boxresult::readJson(lenient).size(), 1);
        QCOMPARE(boxresult::readJson(lenient).at(0).x, 0.5);
        QVERIFY(!boxresult::scan("{\"boxes\":[{\"x\":1,"));
        QVERIFY(boxresult::readJson("{\"boxes\":[{\"x\":1,").isEmpty());
        // Every stored box the exports write: the doubles Qt wrote come back.
        QList<Box> many;
        for (int i = 1; i < 2000; ++i)
            many << makeBox("car", i / 7.0, i * 0.1, 1.0 / i, i * 1e-3);
        const QByteArray stored = canonicalJson(boxresult::withBoxes(QJsonObject(), many));
        const auto fast = boxresult::scan(stored);
        QVERIFY(fast);
        QVERIFY(sameBoxes(*fast, many));
    }
};

QTEST_GUILESS_MAIN(TestBoxResult)
#include "tst_boxresult.moc"
