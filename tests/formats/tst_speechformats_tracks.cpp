// Audacity label tracks and ELAN EAF: round trips, what each writes, what
// each reads from its tool, bad input (docs/architecture.md §7, "Speech
// formats").

#include <QtTest>

#include <QProcess>
#include <QStandardPaths>

#include "elansample.h"
#include "speechtestdata.h"

using namespace postil;
using namespace postil::speechtest;

namespace {

// An EAF as Python's own XML parser (ElementTree) reads it, independent of
// Qt's: per tier its id and participant, per annotation its times (through
// the TIME_ORDER) and value, one line each.
const QString kEafDump = QStringLiteral(R"(
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == 'ANNOTATION_DOCUMENT' and root.get('FORMAT') == '3.0'
order = [child.tag for child in root]
assert order[0] == 'HEADER' and order[1] == 'TIME_ORDER', order
assert root.find('HEADER').get('TIME_UNITS') == 'milliseconds'
slots = {s.get('TIME_SLOT_ID'): int(s.get('TIME_VALUE')) for s in root.iter('TIME_SLOT')}
values = [slots[k] for k in sorted(slots, key=lambda k: int(k[2:]))]
assert values == sorted(values), 'slots out of time order'
types = {t.get('LINGUISTIC_TYPE_ID') for t in root.iter('LINGUISTIC_TYPE')}
out = []
for tier in root.iter('TIER'):
    assert tier.get('LINGUISTIC_TYPE_REF') in types
    out.append('tier %s|%s' % (tier.get('TIER_ID'), tier.get('PARTICIPANT')))
    for a in tier.iter('ALIGNABLE_ANNOTATION'):
        value = a.find('ANNOTATION_VALUE').text or ''
        out.append('%d..%d %s' % (slots[a.get('TIME_SLOT_REF1')], slots[a.get('TIME_SLOT_REF2')],
                                 value.replace('\n', '\\n')))
sys.stdout.buffer.write('\n'.join(out).encode('utf-8'))
)");

QString pythonEafDump(const QString& file) {
    QProcess python;
    python.start(systemPython(), {QStringLiteral("-c"), kEafDump, file});
    if (!python.waitForFinished(60000) || python.exitCode() != 0)
        return QStringLiteral("python failed: ") + QString::fromUtf8(python.readAllStandardError());
    return QString::fromUtf8(python.readAllStandardOutput());
}

}  // namespace

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

    void eafRoundTrip() {
        QByteArray talk;
        roundTrip(QStringLiteral("eaf"), QStringLiteral(".eaf"), &talk);
        QVERIFY2(talk.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                 "<ANNOTATION_DOCUMENT AUTHOR=\"ann\" DATE=\""),
                 talk.constData());
        QVERIFY(talk.contains("TIME_UNITS=\"milliseconds\""));
        QVERIFY(
            talk.contains("MIME_TYPE=\"audio/x-wav\" RELATIVE_MEDIA_URL=\"../audio/talk.wav\""));
        QVERIFY(
            talk.contains("<TIER LINGUISTIC_TYPE_REF=\"default-lt\" PARTICIPANT=\"Alice\" "
                          "TIER_ID=\"Alice\">"));
        QVERIFY(
            talk.contains("<TIER LINGUISTIC_TYPE_REF=\"default-lt\" TIER_ID=\"(no speaker)\">"));
        QVERIFY(talk.contains(
            "<ANNOTATION_VALUE>Hello, &quot;world&quot; --&gt; &amp; &lt;b&gt;bold&lt;/b&gt; "
            "a;b</ANNOTATION_VALUE>"));
        QVERIFY(talk.contains("<TIME_SLOT TIME_SLOT_ID=\"ts12\" TIME_VALUE=\"3700000\"/>"));
    }

    void eafAsPythonReadsIt() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        ExportReport report;
        QVERIFY(
            exportTo(*p.project, dir.filePath(QStringLiteral("out")), QStringLiteral("eaf"), report)
                .ok());
        const QString talkHash = p.project->tasks().byUid(p.talkUid)->mediaHash.left(8);
        const QString dump =
            pythonEafDump(dir.filePath(QStringLiteral("out/talk.%1.eaf").arg(talkHash)));
        if (dump.startsWith(QStringLiteral("python failed: ")) &&
            dump.contains(QStringLiteral("No such file")))
            POSTIL_CHECKER_MISSING("python3 is missing");
        QCOMPARE(
            dump.split(u'\n'),
            (QStringList{
                QStringLiteral("tier Alice|Alice"),
                QStringLiteral("0..1 Hello, \"world\" --> & <b>bold</b> a;b"),
                QStringLiteral("500..1500 مرحبا بالعالم"),
                QStringLiteral("3699999..3700000 the last ms"), QStringLiteral("tier Bob|Bob"),
                QStringLiteral("1..59999 line one\\nline two, with a comma"),
                QStringLiteral("59999..3600001 日本語のテキスト 👨‍👩‍👧 😀"),
                QStringLiteral("tier (no speaker)|None"),
                QStringLiteral("3600001..3699999 the end > and &amp; as typed")}));
    }

    void eafFindsItsMedia() {
        // Into a project without the audio: the header's media becomes the tasks.
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        ExportReport report;
        QVERIFY(
            exportTo(*p.project, dir.filePath(QStringLiteral("out")), QStringLiteral("eaf"), report)
                .ok());
        auto empty = makeProject(dir.filePath(QStringLiteral("empty.postil")), kSchema);
        auto imported =
            importInto(*empty, {dir.filePath(QStringLiteral("out"))}, QStringLiteral("eaf"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(3));
        auto talk = segmentsOf(*empty, p.talkUid, QStringLiteral("eaf-import"));
        QVERIFY2(talk.ok(), qPrintable(talk.error()));
        QCOMPARE(described(*talk), described(talkSegments()));
        QCOMPARE(empty->tasks().byUid(p.otherTalkUid)->data.value(QStringLiteral("audio")),
                 QJsonValue(QStringLiteral("audio/sub/talk.wav")));
    }

    void eafFromElan() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        // What ELAN writes beyond ours: a dependent tier, reference
        // annotations, untimed slots, a tier without a participant, a media
        // URL that does not exist here, comments and CDATA.
        writeFile(dir.filePath(QStringLiteral("in/quiet.eaf")), kElanSample);
        auto imported =
            importInto(*project, {dir.filePath(QStringLiteral("in"))}, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const QString warnings = imported->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("dependent tiers (with a PARENT_REF) are not "
                                                  "read: 'W-Words'")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("1 reference annotation(s)")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("1 annotation(s) on time slots without a time")),
                 qPrintable(warnings));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        auto back = segmentsOf(*project, uid, QStringLiteral("eaf-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back),
                 (QStringList{QStringLiteral("100..900 [W-Spch] so <this> & that"),
                              QStringLiteral("1200..1900 [Bob] hi\nthere")}));
    }

    void eafControlCharacters() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        addAnnotation(
            *project, uid, kAnnotator, AnnotationStatus::Submitted,
            resultOf({segment(0, 500, QStringLiteral("A\x01"), QStringLiteral("bell\x07!\r\n")),
                      segment(600, 900, QString(), QString())}));
        ExportReport report;
        QVERIFY(
            exportTo(*project, dir.filePath(QStringLiteral("out")), QStringLiteral("eaf"), report)
                .ok());
        QVERIFY2(report.warnings.join(u'\n').contains(QStringLiteral("written as U+FFFD")),
                 qPrintable(report.warnings.join(u'\n')));
        const QString dump = pythonEafDump(dir.filePath(QStringLiteral("out/quiet.eaf")));
        QCOMPARE(dump.split(u'\n'), (QStringList{QStringLiteral("tier A\uFFFD|A\uFFFD"),
                                                 QStringLiteral("0..500 bell\uFFFD!\r\\n"),
                                                 QStringLiteral("tier (no speaker)|None"),
                                                 QStringLiteral("600..900 ")}));
        // Read back by our reader: the '\r' kept by its character reference.
        auto fresh = freshProject(dir.path(), QStringLiteral("fresh.postil"));
        auto imported =
            importInto(*fresh, {dir.filePath(QStringLiteral("out"))}, QStringLiteral("eaf"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        auto back = segmentsOf(*fresh, uid, QStringLiteral("eaf-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), (QStringList{QStringLiteral("0..500 [A\uFFFD] bell\uFFFD!\r\n"),
                                                QStringLiteral("600..900 [] ")}));
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
        const QByteArray head =
            "<?xml version=\"1.0\"?>\n<ANNOTATION_DOCUMENT AUTHOR=\"\" "
            "DATE=\"2020-01-01T00:00:00Z\" "
            "VERSION=\"3.0\">\n<HEADER TIME_UNITS=\"milliseconds\"/>\n";
        QTest::newRow("eaf billion laughs")
            << "eaf"
            << "quiet.eaf"
            << QByteArray(
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                   "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
                   "<ANNOTATION_DOCUMENT>&lol2;</ANNOTATION_DOCUMENT>\n")
            << ":2:"
            << "a DOCTYPE is not read";
        QTest::newRow("eaf external entity")
            << "eaf"
            << "quiet.eaf"
            << QByteArray(
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "
                   "\"file:///etc/passwd\">]>\n<ANNOTATION_DOCUMENT>&x;</ANNOTATION_DOCUMENT>")
            << ":2:"
            << "a DOCTYPE is not read";
        QTest::newRow("eaf undeclared entity")
            << "eaf"
            << "quiet.eaf" << (head + "<TIME_ORDER>&x;</TIME_ORDER>") << ":4:"
            << "not well-formed XML";
        QTest::newRow("eaf truncated")
            << "eaf"
            << "quiet.eaf" << (head + "<TIME_ORDER>\n<TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_")
            << ":5:"
            << "not well-formed XML";
        QTest::newRow("eaf deep") << "eaf"
                                  << "quiet.eaf" << (head + QByteArray("<x>").repeated(100))
                                  << ":4:"
                                  << "elements nested deeper than 64";
        QTest::newRow("eaf not elan")
            << "eaf"
            << "quiet.eaf" << QByteArray("<?xml version=\"1.0\"?>\n<html/>") << ":2:"
            << "not <ANNOTATION_DOCUMENT>";
        QTest::newRow("eaf time units")
            << "eaf"
            << "quiet.eaf"
            << QByteArray("<ANNOTATION_DOCUMENT>\n<HEADER TIME_UNITS=\"NTSC-frames\"/>") << ":2:"
            << "TIME_UNITS is 'NTSC-frames'";
        QTest::newRow("eaf time value")
            << "eaf"
            << "quiet.eaf"
            << (head + "<TIME_ORDER>\n<TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"1.5\"/>\n")
            << ":5:"
            << "TIME_VALUE '1.5' is not a whole number of milliseconds";
        QTest::newRow("eaf missing slot")
            << "eaf"
            << "quiet.eaf"
            << (head +
                "<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"1\"/></TIME_ORDER>\n"
                "<TIER TIER_ID=\"A\">\n<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" "
                "TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts9\"><ANNOTATION_VALUE>x"
                "</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>\n"
                "</ANNOTATION_DOCUMENT>\n")
            << ":6:"
            << "refers to time slot 'ts9', which TIME_ORDER does not define";
        QTest::newRow("eaf overlap")
            << "eaf"
            << "quiet.eaf"
            << (head +
                "<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"0\"/>"
                "<TIME_SLOT TIME_SLOT_ID=\"ts2\" TIME_VALUE=\"1000\"/></TIME_ORDER>\n"
                "<TIER TIER_ID=\"A\">\n<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" "
                "TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts2\"/></ANNOTATION>\n"
                "<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a2\" "
                "TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts2\"/></ANNOTATION></TIER>\n"
                "</ANNOTATION_DOCUMENT>\n")
            << ":7:"
            << "overlaps the one at";
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
