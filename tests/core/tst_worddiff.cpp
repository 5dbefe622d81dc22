#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

#include "text/worddiff.h"

using namespace postil;

namespace {

QString join(const QList<DiffChunk>& chunks, bool before) {
    QString out;
    for (const DiffChunk& chunk : chunks) {
        if (chunk.op == DiffOp::Equal || chunk.op == (before ? DiffOp::Delete : DiffOp::Insert))
            out += chunk.text;
    }
    return out;
}

// Every diff must give back both texts, and never holds empty or repeated ops.
void checkInvariants(const QString& before, const QString& after, const QList<DiffChunk>& chunks) {
    QCOMPARE(join(chunks, true), before);
    QCOMPARE(join(chunks, false), after);
    for (int i = 0; i < chunks.size(); ++i) {
        QVERIFY(!chunks[i].text.isEmpty());
        if (i > 0)
            QVERIFY(chunks[i].op != chunks[i - 1].op);
        if (i > 0 && chunks[i].op == DiffOp::Delete)
            QVERIFY(chunks[i - 1].op != DiffOp::Insert);  // deletions first in a change
    }
}

QString describe(const QList<DiffChunk>& chunks) {
    QString out;
    for (const DiffChunk& chunk : chunks) {
        switch (chunk.op) {
            case DiffOp::Equal:
                out += chunk.text;
                break;
            case DiffOp::Delete:
                out += QLatin1Char('[') + chunk.text + QLatin1Char(']');
                break;
            case DiffOp::Insert:
                out += QLatin1Char('{') + chunk.text + QLatin1Char('}');
                break;
        }
    }
    return out;
}

// The diff of 'before' against 'after', its invariants checked, written as
// "kept [deleted]{inserted}".
QString checkedDiff(const QString& before, const QString& after) {
    const auto chunks = wordDiff(before, after);
    checkInvariants(before, after, chunks);
    return describe(chunks);
}

QString randomText(QRandomGenerator& random, int words, const QStringList& vocabulary) {
    QString text;
    for (int i = 0; i < words; ++i) {
        if (i > 0)
            text += (i % 60 == 0) ? QStringLiteral(".\n\n") : QStringLiteral(" ");
        text += vocabulary[random.bounded(int(vocabulary.size()))];
    }
    return text;
}

QStringList makeVocabulary(QRandomGenerator& random, int size) {
    QStringList words;
    for (int i = 0; i < size; ++i) {
        QString word;
        const int length = 2 + random.bounded(8);
        for (int c = 0; c < length; ++c)
            word += QChar(u'a' + random.bounded(26));
        words << word;
    }
    return words;
}

}  // namespace

class TestWordDiff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokens() {
        QCOMPARE(wordDiffTokens(QStringLiteral("Hello,  world!\nNew")),
                 (QStringList{QStringLiteral("Hello"), QStringLiteral(","), QStringLiteral("  "),
                              QStringLiteral("world"), QStringLiteral("!"), QStringLiteral("\n"),
                              QStringLiteral("New")}));
        QCOMPARE(wordDiffTokens(QString()), QStringList());
        // An emoji (a surrogate pair) is one token; a combining accent stays
        // with its letter.
        const QString text =
            QStringLiteral("caf") + QChar(u'e') + QChar(0x0301) + QStringLiteral(" \U0001F600x");
        QCOMPARE(wordDiffTokens(text),
                 (QStringList{QStringLiteral("cafe\u0301"), QStringLiteral(" "),
                              QStringLiteral("\U0001F600"), QStringLiteral("x")}));
        // Han characters stand alone: there are no spaces to split on.
        QCOMPARE(wordDiffTokens(QStringLiteral("\u4f60\u597d")).size(), 2);
    }

    void identical() {
        const QString text = QStringLiteral("The same text, twice.");
        const auto chunks = wordDiff(text, text);
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(chunks[0], (DiffChunk{DiffOp::Equal, text}));
        QVERIFY(wordDiff(QString(), QString()).isEmpty());
    }

    void insertion() {
        const QString before = QStringLiteral("The cat sat on the mat.");
        const QString after = QStringLiteral("The black cat sat on the mat.");
        QCOMPARE(checkedDiff(before, after), QStringLiteral("The {black }cat sat on the mat."));
        QCOMPARE(describe(wordDiff(QString(), after)), QLatin1Char('{') + after + QLatin1Char('}'));
    }

    void deletion() {
        const QString before = QStringLiteral("Paris is the capital, and largest city, of France.");
        const QString after = QStringLiteral("Paris is the capital of France.");
        QCOMPARE(checkedDiff(before, after),
                 QStringLiteral("Paris is the capital[, and largest city,] of France."));
    }

    void replacement() {
        const QString before = QStringLiteral("It costs 5 dollars per month.");
        const QString after = QStringLiteral("It costs 7 euros per month.");
        // The space between the two changed words joins the change, so the
        // reader sees one replaced phrase, not two.
        QCOMPARE(checkedDiff(before, after),
                 QStringLiteral("It costs [5 dollars]{7 euros} per month."));
        // Punctuation is its own token: only the comma changed.
        QCOMPARE(describe(wordDiff(QStringLiteral("Yes, it is."), QStringLiteral("Yes; it is."))),
                 QStringLiteral("Yes[,]{;} it is."));
    }

    void unicode() {
        const QString before = QStringLiteral("Grüße \U0001F600 aus Köln");
        const QString after = QStringLiteral("Grüße \U0001F680 aus Köln");
        QCOMPARE(checkedDiff(before, after),
                 QStringLiteral("Grüße [\U0001F600]{\U0001F680} aus Köln"));
    }

    void movedParagraphs() {
        const QString before = QStringLiteral("First point here.\n\nSecond point there.\n\nThird.");
        const QString after = QStringLiteral("Second point there.\n\nFirst point here.\n\nThird.");
        const auto chunks = wordDiff(before, after);
        checkInvariants(before, after, chunks);
        QVERIFY(chunks.size() >= 3);
    }

    void randomEditsRoundTrip() {
        QRandomGenerator random(7);
        const QStringList vocabulary = makeVocabulary(random, 40);
        for (int round = 0; round < 200; ++round) {
            const QString before = randomText(random, random.bounded(60), vocabulary);
            QStringList words = before.split(QLatin1Char(' '));
            for (int e = random.bounded(6); e > 0 && !words.isEmpty(); --e) {
                const int at = random.bounded(int(words.size()));
                switch (random.bounded(3)) {
                    case 0:
                        words.removeAt(at);
                        break;
                    case 1:
                        words.insert(at, vocabulary[random.bounded(int(vocabulary.size()))]);
                        break;
                    default:
                        words[at] = vocabulary[random.bounded(int(vocabulary.size()))];
                }
            }
            const QString after = words.join(QLatin1Char(' '));
            checkInvariants(before, after, wordDiff(before, after));
        }
    }

    void smallEditsStayLocalInLongTexts() {
        QRandomGenerator random(11);
        const QStringList vocabulary = makeVocabulary(random, 3000);
        const QString before = randomText(random, 20'000, vocabulary);
        QString after = before;
        after.insert(after.indexOf(QLatin1Char(' '), after.size() / 2),
                     QStringLiteral(" inserted words"));
        const auto chunks = wordDiff(before, after);
        checkInvariants(before, after, chunks);
        QCOMPARE(chunks.size(), 3);
        QCOMPARE(chunks[1].op, DiffOp::Insert);
    }

    void longDifferentTextsAreFast() {
        // Two 20,000-word texts from the same vocabulary but otherwise
        // unrelated: the worst case for an edit-distance search.
        QRandomGenerator random(3);
        const QStringList vocabulary = makeVocabulary(random, 2000);
        const QString before = randomText(random, 20'000, vocabulary);
        const QString after = randomText(random, 20'000, vocabulary);
        QElapsedTimer timer;
        timer.start();
        const auto chunks = wordDiff(before, after);
        const qint64 elapsed = timer.elapsed();
        checkInvariants(before, after, chunks);
        qInfo("20,000 unrelated words each: %lld ms, %lld chunks", elapsed, qint64(chunks.size()));
        // Generous for a debug build on a loaded machine; the release figure
        // is in the benchmark.
        QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));

        // A small vocabulary leaves no unique anchors at all.
        const QStringList few = makeVocabulary(random, 12);
        const QString left = randomText(random, 20'000, few);
        const QString right = randomText(random, 20'000, few);
        timer.restart();
        const auto dense = wordDiff(left, right);
        const qint64 denseElapsed = timer.elapsed();
        checkInvariants(left, right, dense);
        qInfo("20,000 words from 12: %lld ms", denseElapsed);
        QVERIFY2(denseElapsed < 1000, qPrintable(QString::number(denseElapsed)));
    }
};

QTEST_GUILESS_MAIN(TestWordDiff)
#include "tst_worddiff.moc"
