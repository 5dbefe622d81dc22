#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include "model/spanresult.h"
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

}  // namespace

class TestSpanResult : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEverything() {
        const QJsonObject result = json(
            "{'answers':{'intent':'refund'},"
            "            "
            "'spans':[{'label':'PER','start':0,'end':5,'attrs':{'negated':true},'note':'nickname','"
            "x-tool':7},"
            "                     {'label':'LOC','start':9,'end':18}],"
            "            'relations':[{'from':0,'to':1,'label':'lives_in'}]}");
        QStringList problems;
        const TextAnnotation annotation = spanresult::read(result, &problems, 30);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(annotation.spans.size(), 2);
        QCOMPARE(annotation.spans[0].label, QStringLiteral("PER"));
        QCOMPARE(annotation.spans[0].attrs.value(QStringLiteral("negated")).toBool(), true);
        QCOMPARE(annotation.spans[0].note, QStringLiteral("nickname"));
        QCOMPARE(annotation.relations.size(), 1);
        QCOMPARE(annotation.relations[0].label, QStringLiteral("lives_in"));
        // Written back untouched: byte for byte, unknown keys and answers kept.
        QCOMPARE(compact(spanresult::withSpans(result, annotation)), compact(result));
        // Changed: the change lands, the rest stays.
        TextAnnotation changed = annotation;
        changed.spans[1].end = 17;
        changed.spans[0].note.clear();
        const QJsonObject written = spanresult::withSpans(result, changed);
        const TextAnnotation reread = spanresult::read(written);
        QCOMPARE(reread.spans[1].end, 17);
        QVERIFY(!reread.spans[0].source.contains(QStringLiteral("note")));
        QCOMPARE(reread.spans[0].source.value(QStringLiteral("x-tool")).toInt(), 7);
        QCOMPARE(written.value(QStringLiteral("answers")), result.value(QStringLiteral("answers")));
        for (int i = 0; i < 2; ++i)
            QVERIFY(reread.spans[i].sameAs(changed.spans[i]));
    }

    void badEntriesAreLeftOutAndSaid() {
        const QJsonObject result = json(
            "{'spans':["
            "            {'label':'A','start':0,'end':3},"
            "            {'label':'B','start':4,'end':4},"
            "            {'label':'C','start':1.5,'end':3},"
            "            'text',"
            "            {'label':'D','start':5,'end':99},"
            "            {'label':'E','start':5,'end':8}],"
            "            "
            "'relations':[{'from':0,'to':5,'label':'r'},{'from':0,'to':1,'label':'gone'},{'from':'"
            "x'}]}");
        QStringList problems;
        const TextAnnotation annotation = spanresult::read(result, &problems, 10);
        QCOMPARE(annotation.spans.size(), 2);
        QCOMPARE(annotation.spans[1].label, QStringLiteral("E"));
        // The relation to the sixth stored span now points at the second kept one.
        QCOMPARE(annotation.relations.size(), 1);
        QCOMPARE(annotation.relations[0].to, 1);
        QCOMPARE(problems.size(), 6);
        QVERIFY(problems.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("span 5 ends at 99, past the text's 10 characters")));
        QVERIFY(problems.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("relation 2 names a span that is not there")));
        QVERIFY(!spanresult::parse(result, 10).ok());
        QVERIFY(spanresult::parse(json("{'spans':[{'label':'A','start':0,'end':3}]}"), 3).ok());
    }

    void removingASpanRenumbersRelations() {
        TextAnnotation annotation;
        for (int i = 0; i < 4; ++i)
            annotation.spans << Span{QStringLiteral("L"), i * 10, i * 10 + 5, {}, {}, {}};
        annotation.relations = {{0, 2, QStringLiteral("a"), {}},
                                {1, 3, QStringLiteral("b"), {}},
                                {3, 0, QStringLiteral("c"), {}}};
        annotation.removeSpan(1);
        QCOMPARE(annotation.spans.size(), 3);
        QCOMPARE(annotation.relations.size(), 2);
        QCOMPARE(annotation.relations[0].from, 0);
        QCOMPARE(annotation.relations[0].to, 1);
        QCOMPARE(annotation.relations[1].from, 2);
        QCOMPARE(annotation.relations[1].to, 0);
    }

    void sortKeepsRelationsOnTheirSpans() {
        TextAnnotation annotation;
        annotation.spans << Span{QStringLiteral("B"), 10, 12, {}, {}, {}}
                         << Span{QStringLiteral("A"), 0, 4, {}, {}, {}}
                         << Span{QStringLiteral("C"), 0, 8, {}, {}, {}};
        annotation.relations = {{0, 1, QStringLiteral("r"), {}}};
        const QList<int> moved = annotation.sort();
        QCOMPARE(annotation.spans[0].label, QStringLiteral("C"));  // longer first at one start
        QCOMPARE(annotation.spans[1].label, QStringLiteral("A"));
        QCOMPARE(annotation.spans[2].label, QStringLiteral("B"));
        QCOMPARE(moved, (QList<int>{2, 1, 0}));
        QCOMPARE(annotation.spans[annotation.relations[0].from].label, QStringLiteral("B"));
        QCOMPARE(annotation.spans[annotation.relations[0].to].label, QStringLiteral("A"));
    }

    void noRelationsKeyUnlessThereWasOne() {
        TextAnnotation annotation;
        annotation.spans << Span{QStringLiteral("A"), 0, 1, {}, {}, {}};
        const QJsonObject written = spanresult::withSpans(QJsonObject(), annotation);
        QVERIFY(!written.contains(QStringLiteral("relations")));
        QCOMPARE(compact(written),
                 QByteArray("{\"spans\":[{\"end\":1,\"label\":\"A\",\"start\":0}]}"));
        QVERIFY(spanresult::withSpans(json("{'relations':[]}"), annotation)
                    .contains(QStringLiteral("relations")));
    }
};

QTEST_GUILESS_MAIN(TestSpanResult)
#include "tst_spanresult.moc"
