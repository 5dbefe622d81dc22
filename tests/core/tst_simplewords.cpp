#include <QElapsedTimer>
#include <QTextBoundaryFinder>
#include <QtTest>

#include "../formats/nlptestdata.h"
#include "text/simplewords.h"
#include "text/tokenizer.h"

using namespace postil;

// SimpleWordBoundaries must give exactly QTextBoundaryFinder's Word
// boundaries on every text it covers: the exports' tokens (spaCy, CoNLL)
// come from it, and two tokenizations that disagree would put a label on
// other tokens depending on the text's characters. Checked here character
// by character against Qt, on random texts, and on the NLP test corpora
// through the Tokenizer both ways.
class TstSimpleWords : public QObject {
    Q_OBJECT

private:
    static QList<qsizetype> qtBoundaries(const QString& text) {
        QList<qsizetype> out;
        QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
        finder.toStart();
        for (qsizetype b = finder.toNextBoundary(); b >= 0; b = finder.toNextBoundary())
            out << b;
        return out;
    }
    static QList<qsizetype> simpleBoundaries(const QString& text) {
        QList<qsizetype> out;
        SimpleWordBoundaries words(text);
        for (qsizetype b = words.toNextBoundary(); b >= 0; b = words.toNextBoundary())
            out << b;
        return out;
    }
    static QString describe(const QString& text) {
        QStringList units;
        for (QChar c : text)
            units << QString::number(c.unicode(), 16);
        return units.join(QLatin1Char(' '));
    }
    // Counts and reports the texts where the two disagree (the first few).
    static bool agree(const QString& text, int& failures) {
        const QList<qsizetype> qt = qtBoundaries(text);
        const QList<qsizetype> simple = simpleBoundaries(text);
        if (qt == simple)
            return true;
        if (++failures <= 20) {
            QStringList a, b;
            for (qsizetype x : qt)
                a << QString::number(x);
            for (qsizetype x : simple)
                b << QString::number(x);
            qWarning("'%s' [%s]: Qt %s, simple %s", qPrintable(text), qPrintable(describe(text)),
                     qPrintable(a.join(QLatin1Char(','))), qPrintable(b.join(QLatin1Char(','))));
        }
        return false;
    }

    // One character of each class in the set, and some more of the
    // classes the rules treat specially.
    static QStringList company() {
        return {QStringLiteral("a"),      QStringLiteral("Z"),      QStringLiteral("é"),
                QStringLiteral("ж"),      QStringLiteral("한"),     QStringLiteral("7"),
                QStringLiteral("."),      QStringLiteral("'"),      QStringLiteral("’"),
                QStringLiteral(":"),      QStringLiteral("·"),      QStringLiteral(","),
                QStringLiteral(";"),      QStringLiteral("_"),      QStringLiteral(" "),
                QStringLiteral("\u3000"), QStringLiteral("\t"),     QStringLiteral("\r"),
                QStringLiteral("\n"),     QStringLiteral("\u2028"), QStringLiteral("ア"),
                QStringLiteral("ー"),     QStringLiteral("東"),     QStringLiteral("の"),
                QStringLiteral("!"),      QStringLiteral("\""),     QStringLiteral("€"),
                QStringLiteral("🙂"),   QStringLiteral("-")};
    }

private Q_SLOTS:
    // Every character the set holds, before, after and between each of the
    // company and around one of them: its class is what Qt's is.
    void everyCharacterOfTheSetAgreesWithQt() {
        const QStringList others = company();
        int failures = 0;
        qint64 characters = 0;
        qint64 texts = 0;
        for (char32_t cp = 0; cp <= 0x1FFFF; ++cp) {
            if (QChar::isSurrogate(cp))
                continue;
            const QString c = QString::fromUcs4(&cp, 1);
            if (!SimpleWordBoundaries::covers(c))
                continue;
            ++characters;
            for (const QString& o : others) {
                for (const QString& text : {o + c, c + o, o + c + o, c + o + c, c + c + o}) {
                    ++texts;
                    agree(text, failures);
                }
            }
        }
        qInfo("%lld characters in the set, %lld texts, %d disagree", characters, texts, failures);
        QVERIFY(characters > 40000);
        QCOMPARE(failures, 0);
    }

    // Characters outside the set are not covered: Qt decides for them.
    void charactersOutsideTheSetAreNotCovered() {
        // A combining accent, ZWJ, VS16, a skin tone, Hebrew, Arabic, Thai, a
        // soft hyphen, a mathematical letter, a regional indicator, a
        // fullwidth digit, a zero-width space.
        for (const char32_t cp : {0x0301u, 0x200Du, 0xFE0Fu, 0x1F3FBu, 0x05D0u, 0x0627u, 0x0E01u,
                                  0x00ADu, 0x1D4B3u, 0x1F1E6u, 0xFF10u, 0x200Bu})
            QVERIFY2(!SimpleWordBoundaries::covers(QString::fromUcs4(&cp, 1)),
                     qPrintable(QString::number(cp, 16)));
        QVERIFY(!SimpleWordBoundaries::covers(QString(QChar(0xD800))));
        QVERIFY(!SimpleWordBoundaries::covers(QStringLiteral("abc ") + QChar(0xDC00)));
        QVERIFY(SimpleWordBoundaries::covers(QString()));
    }

    // Random texts over the company, many of them: the rules' contexts
    // (a.b, 3.5, don't, x_1, CR LF, runs of spaces) in every order.
    void randomTextsAgreeWithQt() {
        QStringList alphabet = company();
        alphabet << QStringLiteral("b") << QStringLiteral("1") << QStringLiteral("0")
                 << QStringLiteral("ß") << QStringLiteral("デ") << QStringLiteral("?")
                 << QStringLiteral("(") << QStringLiteral("#") << QStringLiteral("/");
        quint64 state = 0x9E3779B97F4A7C15ULL;
        auto nextRandom = [&state]() {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            return state * 0x2545F4914F6CDD1DULL;
        };
        int failures = 0;
        for (int n = 0; n < 200000; ++n) {
            const int length = 1 + int(nextRandom() % 12);
            QString text;
            for (int i = 0; i < length; ++i)
                text += alphabet.at(int(nextRandom() % quint64(alphabet.size())));
            agree(text, failures);
        }
        QCOMPARE(failures, 0);
    }

    // The Tokenizer's tokens with the fast reader and with Qt's alone are
    // the same on the corpora of the NLP tests and the benchmarks' words,
    // with the spans' edges cut in and sentences joined.
    void tokensAreTheSameBothWays() {
        QStringList texts;
        for (const nlptest::Doc& doc : nlptest::docs())
            texts << doc.text;
        texts << QStringLiteral(
                     "Task 12: please cancel \"quoted\" don't it's 3.5kg x/y a,b €20 "
                     "#42 (urgent) thanks! café naïve Größe façade señor über привет "
                     "спасибо 東京 データ 한국어 🙂 é ß ñ ø Monday.\r\nNext "
                     "line. "
                     "E.g. 3.14 and 1,000,000 or U.S.A. ok? yes! 終わり。次")
              << QStringLiteral("  leading and trailing  ") << QStringLiteral("...!!!???")
              << QStringLiteral(
                     "a\u2028b\u2029c\x0b"
                     "d\x0c"
                     "e")
              << QString();
        int covered = 0;
        for (const QString& text : std::as_const(texts)) {
            covered += SimpleWordBoundaries::covers(text) ? 1 : 0;
            // Cuts every fifth unit (never inside a pair), one join over the middle.
            QList<qsizetype> cuts;
            for (qsizetype i = 3; i < text.size(); i += 5)
                if (!text.at(i).isLowSurrogate())
                    cuts << i;
            const QList<std::pair<qsizetype, qsizetype>> joins{{text.size() / 3, text.size() / 2}};
            for (const bool withCuts : {false, true}) {
                Tokenizer fast(text, withCuts ? cuts : QList<qsizetype>(), joins,
                               Tokenizer::Words::Fastest);
                Tokenizer qt(text, withCuts ? cuts : QList<qsizetype>(), joins,
                             Tokenizer::Words::QtOnly);
                Token a, b;
                for (;;) {
                    const bool moreFast = fast.next(a);
                    const bool moreQt = qt.next(b);
                    QCOMPARE(moreFast, moreQt);
                    if (!moreFast)
                        break;
                    QCOMPARE(a.start, b.start);
                    QCOMPARE(a.end, b.end);
                    QCOMPARE(a.sentenceStart, b.sentenceStart);
                    QCOMPARE(a.whitespaceAfter, b.whitespaceAfter);
                }
            }
        }
        QVERIFY(covered >= 4);  // the fast reader was used, not only Qt's
    }
};

QTEST_GUILESS_MAIN(TstSimpleWords)
#include "tst_simplewords.moc"
