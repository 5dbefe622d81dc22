// Praat TextGrid: the export's tiers and gaps, the long and short formats and
// UTF-16 on import, bad input, and Praat itself reading what we write
// (docs/architecture.md §7, "Speech formats").

#include <QtTest>

#include <QProcess>
#include <QStandardPaths>
#include <cmath>

#include "speechtestdata.h"

using namespace postil;
using namespace postil::speechtest;

namespace {

// Praat's own reading: every tier's name and intervals, one per line, times
// in seconds to 0.1 ms, line breaks in labels as "\n". Then Praat saves the
// grid again in its short format and in its long one (UTF-16 when a label is
// not ASCII), for our reader.
const QByteArray kPraatScript = R"(form Read a TextGrid
    sentence path
    sentence short_copy
    sentence long_copy
endform
grid = Read from file: path$
tiers = Get number of tiers
t0 = Get start time
t1 = Get end time
appendInfoLine: "grid", tab$, fixed$ (t0, 4), tab$, fixed$ (t1, 4), tab$, tiers
for t to tiers
    name$ = Get tier name: t
    isInterval = Is interval tier: t
    appendInfoLine: "tier", tab$, name$, tab$, isInterval
    if isInterval
        n = Get number of intervals: t
        for i to n
            a = Get start time of interval: t, i
            b = Get end time of interval: t, i
            label$ = Get label of interval: t, i
            label$ = replace$ (label$, newline$, "\n", 0)
            appendInfoLine: "interval", tab$, fixed$ (a, 4), tab$, fixed$ (b, 4), tab$, label$
        endfor
    endif
endfor
Save as short text file: short_copy$
Save as text file: long_copy$
)";

// What Praat should report for a grid of 'segments' (one speaker per tier,
// in order of first speech) over 0..xmax: the same lines the script prints.
QStringList expectedPraatLines(const QList<Segment>& segments, qint64 xmax) {
    QStringList speakers;
    for (const Segment& s : segments)
        if (!speakers.contains(s.speaker))
            speakers << s.speaker;
    auto time = [](qint64 value) { return QString::number(double(value) / 1000, 'f', 4); };
    QStringList lines{QStringLiteral("grid\t0\t%1\t%2").arg(time(xmax)).arg(speakers.size())};
    for (const QString& speaker : speakers) {
        lines << QStringLiteral("tier\t%1\t1").arg(speaker);
        qint64 at = 0;
        for (const Segment& s : segments) {
            if (s.speaker != speaker)
                continue;
            if (s.startMs > at)
                lines << QStringLiteral("interval\t%1\t%2\t").arg(time(at), time(s.startMs));
            QString label = s.text;
            label.replace(u'\n', QStringLiteral("\\n"));
            lines << QStringLiteral("interval\t%1\t%2\t%3")
                         .arg(time(s.startMs), time(s.endMs), label);
            at = s.endMs;
        }
        if (at < xmax)
            lines << QStringLiteral("interval\t%1\t%2\t").arg(time(at), time(xmax));
    }
    // Praat's fixed$ writes 0 as "0".
    for (QString& line : lines)
        line.replace(QStringLiteral("\t0.0000"), QStringLiteral("\t0"));
    return lines;
}

// UTF-16 big-endian with a byte order mark, as Praat saves a grid whose
// labels are not all ASCII.
QByteArray utf16be(const QString& text) {
    QByteArray out("\xFE\xFF");
    for (QChar c : text) {
        out += char(c.unicode() >> 8);
        out += char(c.unicode() & 0xFF);
    }
    return out;
}

}  // namespace

class TestSpeechTextGrid : public QObject {
    Q_OBJECT

private:
    void expectRefused(const QByteArray& content, int line, const QString& reason) {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString file = dir.filePath(QStringLiteral("in/quiet.TextGrid"));
        writeFile(file, content);
        const qint64 annotations = annotationCount(*p.project);
        auto imported = importInto(*p.project, {file}, QStringLiteral("auto"));
        QVERIFY2(!imported.ok(), qPrintable(reason));
        const QString where =
            line > 0 ? QStringLiteral("%1:%2: ").arg(file).arg(line) : file + QStringLiteral(": ");
        QVERIFY2(imported.error().startsWith(where), qPrintable(imported.error()));
        QVERIFY2(imported.error().contains(reason), qPrintable(imported.error()));
        QCOMPARE(annotationCount(*p.project), annotations);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString out = dir.filePath(QStringLiteral("out"));
        ExportReport report;
        Status written = exportTo(*p.project, out, QStringLiteral("textgrid"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(3));
        QVERIFY2(report.warnings.join(u'\n').contains(QStringLiteral("which a TextGrid cannot "
                                                                     "hold")),
                 qPrintable(report.warnings.join(u'\n')));
        const QString talkHash = p.project->tasks().byUid(p.talkUid)->mediaHash.left(8);
        const QByteArray talk =
            readFile(dir.filePath(QStringLiteral("out/talk.%1.TextGrid").arg(talkHash)));
        // xmax is the audio's length, every tier covers it.
        QVERIFY(
            talk.startsWith("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n"
                            "xmin = 0 \nxmax = 3700 \ntiers? <exists> \nsize = 3 \n"));
        QCOMPARE(talk.count("\n        xmax = 3700 \n"), 3);
        QVERIFY(talk.contains("        name = \"Alice\" \n"));
        QVERIFY(talk.contains("        name = \"\" \n"));
        QVERIFY(talk.contains("text = \"Hello, \"\"world\"\" --> & <b>bold</b> a;b\" \n"));
        // Bob's tier: a gap 0..0.001, then his two segments touching.
        QVERIFY2(talk.contains("        intervals [1]:\n            xmin = 0 \n"
                               "            xmax = 0.001 \n            text = \"\" \n"
                               "        intervals [2]:\n            xmin = 0.001 \n"
                               "            xmax = 59.999 \n"),
                 talk.constData());
        const QByteArray quiet = readFile(dir.filePath(QStringLiteral("out/quiet.TextGrid")));
        QCOMPARE(quiet, QByteArray("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n"
                                   "xmin = 0 \nxmax = 2 \ntiers? <exists> \nsize = 0 \n"
                                   "item []: \n"));

        auto fresh = freshProject(dir.path(), QStringLiteral("fresh.postil"));
        auto imported = importInto(*fresh, {out}, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->annotationsAdded, qint64(3));
        auto back = segmentsOf(*fresh, p.talkUid, QStringLiteral("textgrid-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), described(talkSegments()));
        auto other = segmentsOf(*fresh, p.otherTalkUid, QStringLiteral("textgrid-import"));
        QVERIFY2(other.ok(), qPrintable(other.error()));
        QCOMPARE(described(*other), described(otherTalkSegments()));
        auto quietBack = segmentsOf(*fresh, p.quietUid, QStringLiteral("textgrid-import"));
        QVERIFY2(quietBack.ok(), qPrintable(quietBack.error()));
        QVERIFY(quietBack->isEmpty());
    }

    void whatATierCannotHold() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        // Overlapping segments of one speaker (an import from elsewhere may
        // store them), and one without text.
        addAnnotation(*project, uid, kAnnotator, AnnotationStatus::Submitted,
                      resultOf({segment(0, 1000, QStringLiteral("Bob"), QStringLiteral("a")),
                                segment(500, 1500, QStringLiteral("Bob"), QStringLiteral("b")),
                                segment(1500, 1600, QStringLiteral("Bob"), QString())}));
        ExportReport report;
        QVERIFY(exportTo(*project, dir.filePath(QStringLiteral("out")), QStringLiteral("textgrid"),
                         report)
                    .ok());
        const QString warnings = report.warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("the segment 0.5..1.5 s of speaker 'Bob' "
                                                  "overlaps an earlier one")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("an empty interval reads back as a gap")),
                 qPrintable(warnings));
        const QByteArray grid = readFile(dir.filePath(QStringLiteral("out/quiet.TextGrid")));
        QVERIFY(grid.contains("intervals: size = 4 \n"));  // a, "", the empty one, the rest

        // The audio gone: xmax is the last segment's end, said.
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("audio/quiet.wav"))));
        QVERIFY(exportTo(*project, dir.filePath(QStringLiteral("gone")), QStringLiteral("textgrid"),
                         report)
                    .ok());
        QVERIFY(readFile(dir.filePath(QStringLiteral("gone/quiet.TextGrid")))
                    .contains("\nxmax = 1.6 \n"));
        QVERIFY2(report.warnings.join(u'\n').contains(QStringLiteral("its length is not known")),
                 qPrintable(report.warnings.join(u'\n')));
    }

    void readsShortFormatUtf16AndComments() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        // Praat's short format, saved as UTF-16 (a label is not ASCII), with
        // a point tier, an interval shorter than a millisecond, whitespace
        // labels (gaps), "1e-05" and a tier named "words".
        const QString shortGrid = QStringLiteral(
            "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\n0\n2\n<exists>\n3\n"
            "\"IntervalTier\"\n\"words\"\n0\n2\n4\n0\n1e-05\n\"\"\n1e-05\n0.00004\n\"blip\"\n"
            "0.00004\n1.2345\n\"héllo \"\"q\"\"\nnext\"\n1.2345\n2\n\"  \"\n"
            "\"TextTier\"\n\"bells\"\n0\n2\n1\n0.5\n\"ding\"\n"
            "\"IntervalTier\"\n\"\"\n0\n2\n1\n0\n2\n\"日本\"\n");
        writeFile(dir.filePath(QStringLiteral("in/quiet.TextGrid")), utf16be(shortGrid));
        auto imported =
            importInto(*project, {dir.filePath(QStringLiteral("in"))}, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const QString warnings = imported->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("point tiers (TextTier) 'bells'")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("1 interval(s) with text are shorter than a "
                                                  "millisecond")),
                 qPrintable(warnings));
        auto back = segmentsOf(*project, uid, QStringLiteral("textgrid-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), (QStringList{QStringLiteral("0..1235 [words] héllo \"q\"\nnext"),
                                                QStringLiteral("0..2000 [] 日本")}));

        // The long format with what a hand may add: comments, CRLF, "0s".
        writeFile(dir.filePath(QStringLiteral("long/quiet.TextGrid")),
                  "\xEF\xBB\xBF"
                  "File type = \"ooTextFile\"\r\nObject class = \"TextGrid\"\r\n\r\n"
                  "xmin = 0 \r\nxmax = 2 \r\ntiers? <exists> \r\nsize = 1 ! one tier\r\n"
                  "item []: \r\n    item [1]:\r\n        class = \"IntervalTier\" \r\n"
                  "        name = \"Bob\" \r\n        xmin = 0 \r\n        xmax = 2 \r\n"
                  "        intervals: size = 1 \r\n        intervals [1]:\r\n"
                  "            xmin = 0.25s \r\n            xmax = 1.9999 \r\n"
                  "            text = \"ok\" \r\n");
        ImportOptions options;
        options.asAnnotator = QStringLiteral("long");
        imported = importInto(*project, {dir.filePath(QStringLiteral("long"))},
                              QStringLiteral("textgrid"), options);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        back = segmentsOf(*project, uid, QStringLiteral("long"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), QStringList{QStringLiteral("250..2000 [Bob] ok")});
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("reason");
        const QByteArray head =
            "File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0 \nxmax = 2 \n"
            "tiers? <exists> \n";
        const QByteArray tier =
            "size = 1 \nitem []: \n    item [1]:\n        class = "
            "\"IntervalTier\" \n        name = \"Bob\" \n        xmin = 0 \n"
            "        xmax = 2 \n";
        QTest::newRow("malformed time")
            << (head + tier +
                "intervals: size = 1 \nintervals [1]:\nxmin = 0 \nxmax = 1.2.3 \n"
                "text = \"x\" \n")
            << 17 << "the xmax of interval 1 of 1 in tier 1 of 1 is 1.2.3, not a time";
        QTest::newRow("decimal comma")
            << (head + tier +
                "intervals: size = 1 \nintervals [1]:\nxmin = 0,5 \nxmax = 1 \n"
                "text = \"x\" \n")
            << 16 << "is 0,5, not a time";
        QTest::newRow("negative time")
            << (head + tier +
                "intervals: size = 1 \nintervals [1]:\nxmin = -1 \nxmax = 1 \n"
                "text = \"x\" \n")
            << 16 << "is -1, not a time";
        QTest::newRow("truncated")
            << (head + tier +
                "intervals: size = 2 \nintervals [1]:\nxmin = 0 \nxmax = 1 \n"
                "text = \"x\" \nintervals [2]:\nxmin = 1 \n")
            << 20 << "the file ends where the xmax of interval 2 of 2 in tier 1 of 1 should be";
        QTest::newRow("huge count")
            << (head + tier +
                "intervals: size = 999999999999 \nintervals [1]:\nxmin = 0 \n"
                "xmax = 1 \ntext = \"x\" \n")
            << 18 << "the xmin of interval 2 of 999999999999";
        QTest::newRow("huge tier count") << (head + "size = 2147483648 \nitem []: \n") << 8
                                         << "the class of tier 1 of 2147483648";
        QTest::newRow("unterminated string")
            << (head + tier +
                "intervals: size = 1 \nintervals [1]:\nxmin = 0 \nxmax = 1 \n"
                "text = \"x \n\n")
            << 18 << "a \"string is not closed";
        QTest::newRow("not a TextGrid")
            << QByteArray("File type = \"ooTextFile\"\nObject class = \"Sound 2\"\n") << 2
            << "holds a Praat \"Sound 2\", not a TextGrid";
        QTest::newRow("not Praat") << QByteArray("hello") << 1
                                   << "the file ends where File type = \"ooTextFile\" should be";
        QTest::newRow("binary") << QByteArray("ooBinaryFile\x08TextGrid\x00\x01", 23) << 0
                                << "a binary TextGrid";
        QTest::newRow("overlap")
            << (head + tier +
                "intervals: size = 2 \nintervals [1]:\nxmin = 0 \nxmax = 1.5 \n"
                "text = \"x\" \nintervals [2]:\nxmin = 1 \nxmax = 2 \ntext = \"y\"\n")
            << 20 << "overlaps the one at";
        QTest::newRow("past the end")
            << (head + tier +
                "intervals: size = 1 \nintervals [1]:\nxmin = 0 \nxmax = 2.5 \n"
                "text = \"x\" \n")
            << 16 << "ends past the end of the audio";
    }

    void badInput() {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, reason);
        expectRefused(content, line, reason);
    }

    void praatReadsOurTextGrid() {
        const QString praat = QStandardPaths::findExecutable(QStringLiteral("praat"));
        if (praat.isEmpty())
            POSTIL_CHECKER_MISSING("praat is not installed (tools/install-deps --checkers)");
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString out = dir.filePath(QStringLiteral("out"));
        ExportReport report;
        QVERIFY(exportTo(*p.project, out, QStringLiteral("textgrid"), report).ok());
        const QString talkHash = p.project->tasks().byUid(p.talkUid)->mediaHash.left(8);
        const QString script = dir.filePath(QStringLiteral("read.praat"));
        writeFile(script, kPraatScript);

        struct Case {
            QString file;
            QList<Segment> segments;
            qint64 xmax;
            QString uid;
        };
        const QList<Case> cases{{QStringLiteral("talk.%1.TextGrid").arg(talkHash), talkSegments(),
                                 3'700'000, p.talkUid},
                                {QStringLiteral("quiet.TextGrid"), {}, 2000, p.quietUid}};
        QDir().mkpath(dir.filePath(QStringLiteral("short")));
        QDir().mkpath(dir.filePath(QStringLiteral("long")));
        for (const Case& c : cases) {
            QProcess run;
            run.start(praat, {QStringLiteral("--run"), script, out + u'/' + c.file,
                              dir.filePath(QStringLiteral("short/") + c.file),
                              dir.filePath(QStringLiteral("long/") + c.file)});
            QVERIFY(run.waitForFinished(120000));
            const QString err = QString::fromUtf8(run.readAllStandardError());
            QVERIFY2(run.exitStatus() == QProcess::NormalExit && run.exitCode() == 0,
                     qPrintable(err));
            const QStringList lines =
                QString::fromUtf8(run.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
            QCOMPARE(lines, expectedPraatLines(c.segments, c.xmax));
        }
        // What Praat saved, short and long (UTF-16: the labels are not
        // ASCII), reads back to the same segments.
        QVERIFY(readFile(dir.filePath(QStringLiteral("long/") + cases.first().file))
                    .startsWith("\xFE\xFF"));
        for (const QString& format : {QStringLiteral("short"), QStringLiteral("long")}) {
            auto fresh = freshProject(dir.path(), format + QStringLiteral(".postil"));
            auto imported = importInto(*fresh, {dir.filePath(format)}, QStringLiteral("auto"));
            QVERIFY2(imported.ok(), qPrintable(imported.error()));
            QCOMPARE(imported->annotationsAdded, qint64(2));
            for (const Case& c : cases) {
                auto back = segmentsOf(*fresh, c.uid, QStringLiteral("textgrid-import"));
                QVERIFY2(back.ok(), qPrintable(back.error()));
                QCOMPARE(described(*back), described(c.segments));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSpeechTextGrid)
#include "tst_speechformats_textgrid.moc"
