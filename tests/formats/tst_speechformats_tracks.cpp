// Audacity label tracks and ELAN EAF: round trips, what each writes, what
// each reads from its tool, bad input (docs/architecture.md §7, "Speech
// formats").

#include <QtTest>

#include <QProcess>
#include <QStandardPaths>

#include "speechtestdata.h"

using namespace postil;
using namespace postil::speechtest;

class TestSpeechTracks : public QObject {
    Q_OBJECT

private:
    // Exports 'format' and imports the folder into a fresh project with the
    // same audio and schema: the same segments come back.
    void roundTrip(const QString& format, const QString& suffix, QByteArray* talkFile = nullptr) {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString out = dir.filePath(QStringLiteral("out"));
        ExportReport report;
        Status written = exportTo(*p.project, out, format, report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(3));
        const QString talkHash = p.project->tasks().byUid(p.talkUid)->mediaHash.left(8);
        const QString otherHash = p.project->tasks().byUid(p.otherTalkUid)->mediaHash.left(8);
        QStringList expected{QStringLiteral("quiet") + suffix,
                             QStringLiteral("talk.%1%2").arg(talkHash, suffix),
                             QStringLiteral("talk.%1%2").arg(otherHash, suffix)};
        expected.sort();
        QCOMPARE(fileNames(out), expected);
        if (talkFile)
            *talkFile = readFile(QStringLiteral("%1/talk.%2%3").arg(out, talkHash, suffix));

        auto fresh = freshProject(dir.path(), QStringLiteral("fresh.postil"));
        auto imported = importInto(*fresh, {out}, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QVERIFY2(imported->badRecords.isEmpty(), qPrintable(imported->badRecords.join(u'\n')));
        QCOMPARE(imported->annotationsAdded, qint64(3));
        const QString importer = format + QStringLiteral("-import");
        auto talk = segmentsOf(*fresh, p.talkUid, importer);
        QVERIFY2(talk.ok(), qPrintable(talk.error()));
        QCOMPARE(described(*talk), described(talkSegments()));
        auto other = segmentsOf(*fresh, p.otherTalkUid, importer);
        QVERIFY2(other.ok(), qPrintable(other.error()));
        QCOMPARE(described(*other), described(otherTalkSegments()));
        auto quiet = segmentsOf(*fresh, p.quietUid, importer);
        QVERIFY2(quiet.ok(), qPrintable(quiet.error()));
        QVERIFY(quiet->isEmpty());
    }

    void expectRefused(const QString& format, const QString& name, const QByteArray& content,
                       const QString& where, const QString& reason) {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString file = dir.filePath(QStringLiteral("in/") + name);
        writeFile(file, content);
        const qint64 tasks = p.project->tasks().count();
        const qint64 annotations = annotationCount(*p.project);
        auto imported = importInto(*p.project, {file}, format);
        QVERIFY2(!imported.ok(), qPrintable(reason));
        QVERIFY2(imported.error().startsWith(file + where), qPrintable(imported.error()));
        QVERIFY2(imported.error().contains(reason), qPrintable(imported.error()));
        QCOMPARE(p.project->tasks().count(), tasks);
        QCOMPARE(annotationCount(*p.project), annotations);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void audacityRoundTrip() {
        QByteArray talk;
        roundTrip(QStringLiteral("audacity"), QStringLiteral(".txt"), &talk);
        QVERIFY2(talk.startsWith("0.000000\t0.001000\tAlice: Hello, \"world\" --> & <b>bold</b> "
                                 "a;b\n0.001000\t59.999000\tBob: line one\\nline two, with a "
                                 "comma\n"),
                 talk.constData());
        QVERIFY(talk.contains(
            "59.999000\t3600.001000\tBob: 日本語のテキスト 👨‍👩‍👧 😀\n"));
        QVERIFY(talk.endsWith("3699.999000\t3700.000000\tAlice: the last ms\n"));
    }

    void audacityReadsWhatAudacityWrites() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        // A point label, spectral selections, decimal commas, CRLF, tabs and
        // backslashes escaped as we write them, one as a path would be.
        writeFile(dir.filePath(QStringLiteral("in/quiet.txt")),
                  "0,500000\t0,500000\tpoint\r\n"
                  "0.100000\t0.400000\tBob: a\\tb\\\\c\r\n\\\t100.0\t2000.0\r\n"
                  "0.400000\t1.000000\tC:\\temp\\x\r\n\r\n"
                  "1.000000\t1.500000\r\n");
        auto imported =
            importInto(*project, {dir.filePath(QStringLiteral("in"))}, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QVERIFY2(imported->warnings.join(u'\n').contains(QStringLiteral("1 point label(s)")),
                 qPrintable(imported->warnings.join(u'\n')));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        auto back = segmentsOf(*project, uid, QStringLiteral("audacity-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), (QStringList{QStringLiteral("100..400 [Bob] a\tb\\c"),
                                                QStringLiteral("400..1000 [] C:\temp\\x"),
                                                QStringLiteral("1000..1500 [] ")}));
    }

    void audacityClaimsOnlyLabelFiles() {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("notes/a.txt")), "Dear diary,\n0.5\t1\n");
        writeFile(dir.filePath(QStringLiteral("labels/a.txt")), "0.5\t1\thi\n");
        writeFile(dir.filePath(QStringLiteral("labels/b.txt")), "");
        FormatRegistry& registry = FormatRegistry::instance();
        Format* audacity = registry.byName(QStringLiteral("audacity"));
        QVERIFY(audacity && audacity->canRead() && audacity->canWrite());
        QCOMPARE(registry.detectReader(dir.filePath(QStringLiteral("labels"))), audacity);
        QCOMPARE(registry.detectReader(dir.filePath(QStringLiteral("labels/a.txt"))), audacity);
        QVERIFY(registry.detectReader(dir.filePath(QStringLiteral("notes"))) != audacity);
        QVERIFY(registry.detectReader(dir.filePath(QStringLiteral("notes/a.txt"))) != audacity);
    }

    void badInput_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("reason");
        QTest::newRow("audacity time")
            << "audacity"
            << "quiet.txt" << QByteArray("0.1\t0.2\tok\n0.3\t0.x\tbad\n") << ":2:"
            << "'0.x' is not a time in seconds";
        QTest::newRow("audacity one field")
            << "audacity"
            << "quiet.txt" << QByteArray("0.1\t0.2\tok\n0.3\n") << ":2:"
            << "expected START<TAB>END<TAB>TEXT";
        QTest::newRow("audacity backwards") << "audacity"
                                            << "quiet.txt" << QByteArray("0.2\t0.1\tx\n") << ":1:"
                                            << "covers nothing";
        QTest::newRow("audacity negative") << "audacity"
                                           << "quiet.txt" << QByteArray("-0.2\t0.1\tx\n") << ":1:"
                                           << "'-0.2' is not a time";
    }

    void badInput() {
        QFETCH(QString, format);
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        QFETCH(QString, reason);
        expectRefused(format, name, content, where, reason);
    }
};

QTEST_GUILESS_MAIN(TestSpeechTracks)
#include "tst_speechformats_tracks.moc"
