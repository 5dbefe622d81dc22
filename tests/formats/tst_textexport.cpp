#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "formats/detectionsupport.h"
#include "formats/textexport.h"

using namespace postil;
using namespace postil::textexport;

// textexport::cook reads a task's {"text": …} without the Qt JSON parse when
// that is all the task holds (the exports read every task): what it reads
// must be what QJsonDocument reads, escapes and all.
class TstTextExport : public QObject {
    Q_OBJECT

private:
    static QString cooked(const QByteArray& data) {
        RawTextTask raw;
        raw.id = 1;
        raw.uid = QStringLiteral("t1");
        raw.data = data;
        detection::WarningTally warnings;
        return cook(std::move(raw), warnings).text;
    }
    static QString parsed(const QByteArray& data) {
        return QJsonDocument::fromJson(data).object().value(QLatin1String("text")).toString();
    }

private Q_SLOTS:
    void textsAsQtWritesThem_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << QStringLiteral("Task 1: a plain text");
        QTest::newRow("quotes") << QStringLiteral("she said \"hi\" and left");
        QTest::newRow("backslashes") << QStringLiteral("C:\\path\\to\\file \\ \\\\");
        QTest::newRow("ends with a backslash") << QStringLiteral("trailing\\");
        QTest::newRow("ends with a quote") << QStringLiteral("\"quoted\"");
        QTest::newRow("controls") << QStringLiteral("a\tb\nc\r\nd\be\ff\x01g\x1fh");
        QTest::newRow("nul") << QString(QStringLiteral("a%1b")).arg(QChar(0));
        QTest::newRow("emoji and cjk") << QStringLiteral(
            "👨🏻‍🚒 \"東京\" データ 한국어 Rene\u0301e \u2028 end");
        QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + QStringLiteral(" \"x\"");
        QTest::newRow("empty") << QString();
    }
    void textsAsQtWritesThem() {
        QFETCH(QString, text);
        const QByteArray data = QJsonDocument(QJsonObject{{QStringLiteral("text"), text}})
                                    .toJson(QJsonDocument::Compact);
        QCOMPARE(cooked(data), parsed(data));
    }

    // Escapes Qt does not write but reads, and shapes that are not one
    // string: each read as the Qt parse reads it.
    void otherEscapesAndShapes_data() {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("slash") << QByteArray(R"({"text":"a\/b"})");
        QTest::newRow("unicode escapes") << QByteArray(R"({"text":"\u00e9\u6771\u0041\uFFFD"})");
        QTest::newRow("surrogate pair escaped") << QByteArray(R"({"text":"x\ud83d\ude42y"})");
        QTest::newRow("short unicode escape") << QByteArray(R"({"text":"x\u12"})");
        QTest::newRow("bad hex") << QByteArray(R"({"text":"x\u12g4"})");
        QTest::newRow("unknown escape") << QByteArray(R"({"text":"x\qy"})");
        QTest::newRow("escaped closing quote") << QByteArray(R"({"text":"x\"})");
        QTest::newRow("two members") << QByteArray(R"({"text":"a","meta":"b"})");
        QTest::newRow("quote inside") << QByteArray(R"({"text":"a","b":"c"})");
    }
    void otherEscapesAndShapes() {
        QFETCH(QByteArray, data);
        QCOMPARE(cooked(data), parsed(data));
    }
};

QTEST_GUILESS_MAIN(TstTextExport)
#include "tst_textexport.moc"
