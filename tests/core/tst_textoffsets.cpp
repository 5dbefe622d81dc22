#include <QtTest>

#include "text/textoffsets.h"

using namespace postil;

namespace {

// "👨🏻‍🚒 firemen drive firetrucks": doccano issue #2290 puts "firetrucks" at
// 22..32 in UTF-16 and Python at 19..29 in code points.
const QString kFiremen =
    QString::fromUtf8("\U0001F468\U0001F3FB\u200D\U0001F692 firemen drive firetrucks");

}  // namespace

class TestTextOffsets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plainTextIsTheIdentity() {
        const QString text = QStringLiteral("plain text");
        const TextOffsets offsets(text);
        QCOMPARE(offsets.codePointCount(), text.size());
        for (qsizetype i = 0; i <= text.size(); ++i) {
            QCOMPARE(offsets.toUtf16(i), i);
            QCOMPARE(offsets.toCodePoint(i), i);
        }
        QCOMPARE(offsets.toUtf16(-1), -1);
        QCOMPARE(offsets.toUtf16(text.size() + 1), -1);
    }

    void astralCharactersCountOnceAsCodePoints() {
        const TextOffsets offsets(kFiremen);
        QCOMPARE(offsets.utf16Count(), kFiremen.size());
        QCOMPARE(offsets.codePointCount(), kFiremen.size() - 3);  // three astral code points
        QCOMPARE(offsets.toUtf16(19), 22);
        QCOMPARE(offsets.toUtf16(29), 32);
        QCOMPARE(kFiremen.mid(22, 10), QStringLiteral("firetrucks"));
        QCOMPARE(offsets.toCodePoint(22), 19);
        QCOMPARE(offsets.toCodePoint(32), 29);
        // Inside a surrogate pair no code point starts.
        QCOMPARE(offsets.toCodePoint(1), -1);
        QCOMPARE(offsets.toCodePoint(2), 1);
    }

    void conversionsAreInversesEverywhere() {
        QString text;
        for (int i = 0; i < 500; ++i)
            text += (i % 3 == 0) ? QString::fromUtf8("\U0001F600") : QStringLiteral("a");
        text += QChar(0xD800);  // a lone surrogate is one code point
        text += QStringLiteral("z");
        const TextOffsets offsets(text);
        for (qsizetype cp = 0; cp <= offsets.codePointCount(); ++cp)
            QCOMPARE(offsets.toCodePoint(offsets.toUtf16(cp)), cp);
        QCOMPARE(offsets.toUtf16(offsets.codePointCount()), text.size());
        // Brute force, the way a reader would count.
        qsizetype cp = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            QCOMPARE(offsets.toUtf16(cp), i);
            if (text.at(i).isHighSurrogate() && i + 1 < text.size() &&
                text.at(i + 1).isLowSurrogate())
                ++i;
            ++cp;
        }
    }

    // The forward reader answers as toCodePoint does, in order and after
    // going back.
    void forwardAnswersAsToCodePoint() {
        QString text;
        for (int i = 0; i < 200; ++i)
            text += (i % 3 == 0) ? QString::fromUtf8("\U0001F600") : QStringLiteral("ab");
        text += QChar(0xD800);
        text += QStringLiteral("z");
        const TextOffsets offsets(text);
        TextOffsets::Forward forward(offsets);
        for (qsizetype i = -1; i <= text.size() + 1; ++i)
            QCOMPARE(forward.toCodePoint(i), offsets.toCodePoint(i));
        TextOffsets::Forward again(offsets);
        for (qsizetype i = 0; i <= text.size(); i += 7) {
            QCOMPARE(again.toCodePoint(i), offsets.toCodePoint(i));
            QCOMPARE(again.toCodePoint(i / 2), offsets.toCodePoint(i / 2));  // back
        }
        const TextOffsets plain(QStringLiteral("no pairs"));
        TextOffsets::Forward none(plain);
        for (qsizetype i = 0; i <= 8; ++i)
            QCOMPARE(none.toCodePoint(i), i);
    }

    void graphemeClustersAreNeverSplit() {
        // A ZWJ family, a flag, a skin tone, combining accents, a Hangul
        // syllable in jamo.
        const QString family = QString::fromUtf8("\U0001F468\u200D\U0001F469\u200D\U0001F467");
        const QString accent = QString::fromUtf8("e\u0301\u0323");
        const QString jamo = QString::fromUtf8("\u1100\u1161\u11A8");
        const QString text = QStringLiteral("a") + family + QStringLiteral("b") + accent + jamo;
        const qsizetype familyEnd = 1 + family.size();
        for (qsizetype i = 2; i < familyEnd; ++i) {
            QVERIFY2(!graphemes::isBoundary(text, i), qPrintable(QString::number(i)));
            QCOMPARE(graphemes::boundaryAtOrBefore(text, i), 1);
            QCOMPARE(graphemes::boundaryAtOrAfter(text, i), familyEnd);
        }
        const qsizetype accentStart = familyEnd + 1;
        QCOMPARE(graphemes::boundaryAtOrAfter(text, accentStart + 1), accentStart + 3);
        QCOMPARE(graphemes::boundaryAtOrBefore(text, accentStart + 2), accentStart);
        const qsizetype jamoStart = accentStart + 3;
        QCOMPARE(graphemes::boundaryAtOrAfter(text, jamoStart + 1), text.size());
        QVERIFY(graphemes::isBoundary(text, 0));
        QVERIFY(graphemes::isBoundary(text, text.size()));
    }

    void boundariesFarIntoALongTextAreExact() {
        // Windows are used on long texts: the answer must match the whole-text one.
        QString text;
        for (int i = 0; i < 3000; ++i)
            text += QString::fromUtf8("word\U0001F44D\U0001F3FD e\u0301 ");
        QTextBoundaryFinder whole(QTextBoundaryFinder::Grapheme, text);
        for (qsizetype i = 0; i <= text.size(); i += 7) {
            whole.setPosition(i);
            QCOMPARE(graphemes::isBoundary(text, i), whole.isAtBoundary());
        }
    }

    void wordsSnapOutwards() {
        const QString text = QStringLiteral("Ship to Stockholm, Sweden.");
        // Inside "Stockholm" (8..17) snaps to its ends.
        QCOMPARE(words::startAtOrBefore(text, 11), 8);
        QCOMPARE(words::endAtOrAfter(text, 11), 17);
        // At the boundaries the position stays.
        QCOMPARE(words::startAtOrBefore(text, 8), 8);
        QCOMPARE(words::endAtOrAfter(text, 17), 17);
        // The comma is not part of a word.
        QCOMPARE(words::endAtOrAfter(text, 18), 18);
    }

    void caretMovesByWord() {
        const QString text = QStringLiteral("Ship to  Stockholm, Sweden.");
        QCOMPARE(words::nextWordEnd(text, 0), 4);
        QCOMPARE(words::nextWordEnd(text, 4), 7);
        QCOMPARE(words::nextWordEnd(text, 7), 18);
        QCOMPARE(words::nextWordEnd(text, 18), 26);
        QCOMPARE(words::nextWordEnd(text, 26), text.size());
        QCOMPARE(words::previousWordStart(text, text.size()), 20);
        QCOMPARE(words::previousWordStart(text, 20), 9);
        QCOMPARE(words::previousWordStart(text, 9), 5);
        QCOMPARE(words::previousWordStart(text, 2), 0);
    }

    void wordsInArabicAndCjk() {
        const QString arabic = QString::fromUtf8("شحنة إلى الرياض");  // "shipment to Riyadh"
        QCOMPARE(words::startAtOrBefore(arabic, 12), 9);
        QCOMPARE(words::endAtOrAfter(arabic, 12), arabic.size());
        // An astral CJK ideograph (extension B) is a word character, not two halves.
        const QString cjk = QString::fromUtf8("\U00020000\U00020001 x");
        QCOMPARE(words::nextWordEnd(cjk, 0) % 2, 0);
        QVERIFY(graphemes::isBoundary(cjk, words::nextWordEnd(cjk, 0)));
    }
};

QTEST_GUILESS_MAIN(TestTextOffsets)
#include "tst_textoffsets.moc"
