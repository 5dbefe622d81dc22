// The subtitle formats (srt, vtt) and the rules every per-task speech format
// shares: file names, matching files to tasks, --task, bad input
// (docs/architecture.md §7, "Speech formats").

#include <QtTest>

#include <QProcess>
#include <QStandardPaths>

#include "formats/speechsupport.h"
#include "formats/vttformat.h"
#include "speechtestdata.h"

using namespace postil;
using namespace postil::speechtest;

namespace {

// Cue times as ffprobe reads them from a subtitle file: "start,duration" in
// seconds per cue. Empty when ffprobe is missing or refuses the file.
QStringList ffprobeCues(const QString& file) {
    QProcess ffprobe;
    ffprobe.start(QStringLiteral("ffprobe"),
                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                   QStringLiteral("packet=pts_time,duration_time"), QStringLiteral("-of"),
                   QStringLiteral("csv=p=0"), file});
    if (!ffprobe.waitForFinished(60000) || ffprobe.exitCode() != 0)
        return {};
    return QString::fromUtf8(ffprobe.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

QStringList cueTimes(const QList<Segment>& segments) {
    QList<Segment> sorted = segments;
    segmentresult::sort(sorted);
    QStringList out;
    for (const Segment& s : sorted)
        out << QStringLiteral("%1,%2")
                   .arg(double(s.startMs) / 1000, 0, 'f', 6)
                   .arg(double(s.endMs - s.startMs) / 1000, 0, 'f', 6);
    return out;
}

}  // namespace

class TestSpeechFormats : public QObject {
    Q_OBJECT

private:
    // Exports 'format' from a fresh speech project, checks the file names,
    // and imports the folder into a second project with the same audio:
    // every time, speaker and text comes back.
    void roundTrip(const QString& format, const QString& suffix) {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString out = dir.filePath(QStringLiteral("out"));
        ExportReport report;
        Status written = exportTo(*p.project, out, format, report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(3));
        const QString warnings = report.warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("1 audio task(s) have no annotation")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("attributes")), qPrintable(warnings));

        // Two tasks share the name "talk": both carry their audio's hash.
        const QString talkHash = p.project->tasks().byUid(p.talkUid)->mediaHash.left(8);
        const QString otherHash = p.project->tasks().byUid(p.otherTalkUid)->mediaHash.left(8);
        QStringList expected{QStringLiteral("quiet") + suffix,
                             QStringLiteral("talk.%1%2").arg(talkHash, suffix),
                             QStringLiteral("talk.%1%2").arg(otherHash, suffix)};
        expected.sort();
        QCOMPARE(fileNames(out), expected);
        QCOMPARE(readFile(out + QStringLiteral("/quiet") + suffix).isEmpty(), format == u"srt");

        // ffprobe (FFmpeg's subtitle demuxers) reads the same cue times.
        const QString talkFile = QStringLiteral("%1/talk.%2%3").arg(out, talkHash, suffix);
        const QStringList cues = ffprobeCues(talkFile);
        if (cues.isEmpty())
            POSTIL_CHECKER_MISSING(
                "ffprobe did not read the file (tools/install-deps installs "
                "ffmpeg)");
        QCOMPARE(cues, cueTimes(talkSegments()));

        auto fresh = freshProject(dir.path(), QStringLiteral("fresh.postil"));
        auto imported = importInto(*fresh, {out}, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(0));
        QCOMPARE(imported->annotationsAdded, qint64(3));
        QVERIFY2(imported->badRecords.isEmpty(), qPrintable(imported->badRecords.join(u'\n')));
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
        // Pre-annotations to check: drafts.
        QVERIFY(fresh->annotations().get(p.talkUid, importer)->status == AnnotationStatus::Draft);

        // The same export again gives the same bytes.
        const QString again = dir.filePath(QStringLiteral("again"));
        ExportReport second;
        QVERIFY(exportTo(*p.project, again, format, second).ok());
        for (const QString& name : fileNames(out))
            QCOMPARE(readFile(again + u'/' + name), readFile(out + u'/' + name));
    }

    // Imports 'content' as out/NAME with 'format' into a copy of the speech
    // project and expects it refused: the error names 'where' and nothing is
    // written.
    void expectRefused(const QString& format, const QString& name, const QByteArray& content,
                       const QString& where, const QString& reason) {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString file = dir.filePath(QStringLiteral("in/") + name);
        writeFile(file, content);
        const qint64 tasks = p.project->tasks().count();
        const qint64 annotations = annotationCount(*p.project);
        const QByteArray schema = QJsonDocument(p.project->schema().toJson()).toJson();
        auto imported = importInto(*p.project, {file}, format);
        QVERIFY2(!imported.ok(), qPrintable(name));
        QVERIFY2(imported.error().contains(file + where), qPrintable(imported.error()));
        QVERIFY2(imported.error().contains(reason), qPrintable(imported.error()));
        QCOMPARE(p.project->tasks().count(), tasks);
        QCOMPARE(annotationCount(*p.project), annotations);
        QCOMPARE(QJsonDocument(p.project->schema().toJson()).toJson(), schema);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registeredAndDetected() {
        FormatRegistry& registry = FormatRegistry::instance();
        for (const QString& name : {QStringLiteral("srt"), QStringLiteral("vtt")}) {
            Format* format = registry.byName(name);
            QVERIFY2(format, qPrintable(name));
            QVERIFY(format->canRead() && format->canWrite() && format->writesFolder());
            QVERIFY(format->kinds() == QList<TaskKind>{TaskKind::Audio});
            QTemporaryDir dir;
            writeFile(dir.filePath(QStringLiteral("subs/a.") + name), "");
            QCOMPARE(registry.detectReader(dir.filePath(QStringLiteral("subs"))), format);
            QCOMPARE(registry.detectReader(dir.filePath(QStringLiteral("subs/a.") + name)), format);
        }
        // A folder of audio alone is still a folder of tasks.
        QTemporaryDir dir;
        QVERIFY(writeWav(dir.filePath(QStringLiteral("a.wav")), 8000, 1, 800));
        QCOMPARE(registry.detectReader(dir.path()), registry.byName(QStringLiteral("folder")));
    }

    void srtRoundTrip() { roundTrip(QStringLiteral("srt"), QStringLiteral(".srt")); }
    void vttRoundTrip() { roundTrip(QStringLiteral("vtt"), QStringLiteral(".vtt")); }

    void srtAndVttAsWritten() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        ExportReport report;
        QVERIFY(
            exportTo(*p.project, dir.filePath(QStringLiteral("srt")), QStringLiteral("srt"), report)
                .ok());
        const QString talkHash = p.project->tasks().byUid(p.talkUid)->mediaHash.left(8);
        const QByteArray srt =
            readFile(dir.filePath(QStringLiteral("srt/talk.%1.srt").arg(talkHash)));
        QVERIFY2(srt.startsWith("1\n00:00:00,000 --> 00:00:00,001\n"
                                "Alice: Hello, \"world\" --> & <b>bold</b> a;b\n\n"
                                "2\n00:00:00,001 --> 00:00:59,999\nBob: line one\n"
                                "line two, with a comma\n\n"),
                 srt.constData());
        QVERIFY(
            srt.contains("4\n00:00:59,999 --> 01:00:00,001\nBob: 日本語のテキスト 👨‍👩‍👧 "
                         "😀\n\n"));
        QVERIFY(srt.endsWith("6\n01:01:39,999 --> 01:01:40,000\nAlice: the last ms\n\n"));

        QVERIFY(
            exportTo(*p.project, dir.filePath(QStringLiteral("vtt")), QStringLiteral("vtt"), report)
                .ok());
        const QByteArray vtt =
            readFile(dir.filePath(QStringLiteral("vtt/talk.%1.vtt").arg(talkHash)));
        QVERIFY2(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:00.001\n"
                                "<v Alice>Hello, \"world\" --&gt; &amp; &lt;b&gt;bold&lt;/b&gt; "
                                "a;b\n\n"),
                 vtt.constData());
        QVERIFY(
            vtt.contains("01:00:00.001 --> 01:01:39.999\nthe end &gt; and &amp;amp; as typed\n"));
    }

    void emptyTextAndUtf16() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        const QList<Segment> segments{segment(0, 500, QStringLiteral("Bob"), QString()),
                                      segment(500, 900, QString(), QString()),
                                      segment(900, 1000, QString(), QStringLiteral("x"))};
        addAnnotation(*project, uid, kAnnotator, AnnotationStatus::Submitted, resultOf(segments));
        for (const QString& format : {QStringLiteral("srt"), QStringLiteral("vtt")}) {
            const QString out = dir.filePath(format);
            ExportReport report;
            QVERIFY(exportTo(*project, out, format, report).ok());
            auto fresh = freshProject(dir.path(), format + QStringLiteral(".postil"));
            auto imported = importInto(*fresh, {out}, format);
            QVERIFY2(imported.ok(), qPrintable(imported.error()));
            auto back = segmentsOf(*fresh, uid, format + QStringLiteral("-import"));
            QVERIFY2(back.ok(), qPrintable(back.error()));
            QCOMPARE(described(*back), described(segments));
        }
        // SubRip as Windows tools save it: UTF-16 with a byte order mark, CRLF.
        QString srt = QStringLiteral("1\r\n00:00:00,250 --> 00:00:01,000\r\nBob: κόσμε\r\n\r\n");
        QByteArray utf16("\xFF\xFE");
        utf16.append(reinterpret_cast<const char*>(srt.utf16()), srt.size() * 2);
        writeFile(dir.filePath(QStringLiteral("u16/quiet.srt")), utf16);
        auto imported = importInto(*project, {dir.filePath(QStringLiteral("u16/quiet.srt"))},
                                   QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        auto back = segmentsOf(*project, uid, QStringLiteral("srt-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), QStringList{QStringLiteral("250..1000 [Bob] κόσμε")});
    }

    void srtReadsWhatPlayersRead() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        // No cue numbers, '.' for ',', one-digit hours, tenths, SubRip
        // coordinates, a BOM, and a "Note:" that is no speaker.
        writeFile(dir.filePath(QStringLiteral("in/quiet.srt")),
                  "\xEF\xBB\xBF"
                  "0:00:00.5 --> 0:00:00,750 X1:10 X2:20 Y1:5 Y2:9\nNote: a\n\n\n"
                  "7\n00:00:01,000 --> 00:00:01,999\nAlice:\n  \n"
                  "00:00:01,000 --> 00:00:01,500\nAlicia: hi");
        auto imported =
            importInto(*project, {dir.filePath(QStringLiteral("in"))}, QStringLiteral("srt"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        auto back = segmentsOf(*project, uid, QStringLiteral("srt-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), (QStringList{QStringLiteral("500..750 [] Note: a"),
                                                QStringLiteral("1000..1500 [] Alicia: hi"),
                                                QStringLiteral("1000..1999 [Alice] ")}));
    }

    void vttKeepsCueSettingsIdsAndVoices() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        writeFile(dir.filePath(QStringLiteral("in/quiet.vtt")),
                  "WEBVTT - a title\nKind: captions\n\nNOTE a comment\n--> not a cue\n\n"
                  "STYLE\n::cue { color: red }\n\n"
                  "intro-1\n00:00.100 --> 00:00.900 align:start line:0%  position:10%\n"
                  "<v.loud Ana María>Hi <i>there</i> &amp; &lt;3 &bogus; &#x1F600;\n"
                  "<00:00:00.500>again</v>\n\n"
                  "00:00:01.000 --> 00:00:01.500\n<v Bob>one</v> <v Alice>two\n");
        auto imported = importInto(*project, {dir.filePath(QStringLiteral("in/quiet.vtt"))},
                                   QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const QString warnings = imported->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("tags other than voices")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("several voices")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("speaker 'Ana María' is not in the project's "
                                                  "schema")),
                 qPrintable(warnings));
        const QString uid = uidOfAudio(*project, QStringLiteral("audio/quiet.wav"));
        auto back = segmentsOf(*project, uid, QStringLiteral("vtt-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back),
                 (QStringList{QStringLiteral("100..900 [Ana María] Hi there & <3 &bogus; 😀\nagain"),
                              QStringLiteral("1000..1500 [Bob] one two")}));
        QCOMPARE(back->first().source.value(QLatin1String(VttFormat::kSettingsKey)).toString(),
                 QStringLiteral("align:start line:0%  position:10%"));
        QCOMPARE(back->first().source.value(QLatin1String(VttFormat::kIdKey)).toString(),
                 QStringLiteral("intro-1"));
        QVERIFY(project->schema().labelsFor(TaskKind::Audio).size() == 3);

        // Written back: the id and the settings on their lines.
        ExportOptions options;
        options.status = QStringLiteral("all");
        ExportReport report;
        QVERIFY(exportTo(*project, dir.filePath(QStringLiteral("out")), QStringLiteral("vtt"),
                         report, options)
                    .ok());
        const QByteArray vtt = readFile(dir.filePath(QStringLiteral("out/quiet.vtt")));
        QVERIFY2(vtt.contains("\n\nintro-1\n00:00:00.100 --> 00:00:00.900 align:start line:0%  "
                              "position:10%\n<v Ana María>Hi there &amp; &lt;3 &amp;bogus; 😀\n"
                              "again\n\n"),
                 vtt.constData());
    }

    void speakerPrefixNeedsAKnownSpeaker() {
        QSet<QString> speakers{QStringLiteral("Dr"), QStringLiteral("Dr. A"),
                               QStringLiteral("a:b")};
        QString speaker;
        QString text;
        speech::splitSpeakerPrefix(QStringLiteral("Dr. A: hi"), speakers, speaker, text);
        QCOMPARE(speaker, QStringLiteral("Dr. A"));
        QCOMPARE(text, QStringLiteral("hi"));
        speech::splitSpeakerPrefix(QStringLiteral("a:b: x: y"), speakers, speaker, text);
        QCOMPARE(speaker, QStringLiteral("a:b"));
        QCOMPARE(text, QStringLiteral("x: y"));
        speech::splitSpeakerPrefix(QStringLiteral("Drx: hi"), speakers, speaker, text);
        QCOMPARE(speaker, QString());
        QCOMPARE(text, QStringLiteral("Drx: hi"));
        speech::splitSpeakerPrefix(QStringLiteral("Dr:hi"), speakers, speaker, text);
        QCOMPARE(speaker, QString());
        speech::splitSpeakerPrefix(QStringLiteral("Dr:"), speakers, speaker, text);
        QCOMPARE(speaker, QStringLiteral("Dr"));
        QCOMPARE(text, QString());
    }

    void timesToTheMillisecond() {
        using speech::parseSeconds;
        QCOMPARE(parseSeconds(u"0"), std::optional<qint64>(0));
        QCOMPARE(parseSeconds(u"0.001"), std::optional<qint64>(1));
        QCOMPARE(parseSeconds(u"59.999"), std::optional<qint64>(59999));
        QCOMPARE(parseSeconds(u"3600.0005"), std::optional<qint64>(3600001));
        QCOMPARE(parseSeconds(u"1.00049"), std::optional<qint64>(1000));
        QCOMPARE(parseSeconds(u"+.5"), std::optional<qint64>(500));
        QCOMPARE(parseSeconds(u"1e-05"), std::optional<qint64>(0));
        QCOMPARE(parseSeconds(u"2.5E3"), std::optional<qint64>(2500000));
        QCOMPARE(parseSeconds(u"-1"), std::nullopt);
        QCOMPARE(parseSeconds(u"1,5"), std::nullopt);
        QCOMPARE(parseSeconds(u"."), std::nullopt);
        QCOMPARE(parseSeconds(u"1e999"), std::nullopt);
        QCOMPARE(parseSeconds(u"99999999999999"), std::nullopt);
        QStringView rest;
        QCOMPARE(parseSeconds(u"0.25s", &rest), std::optional<qint64>(250));
        QCOMPARE(rest, u"s");
        QCOMPARE(speech::decimalSeconds(1500), QByteArray("1.5"));
        QCOMPARE(speech::decimalSeconds(3600001), QByteArray("3600.001"));
        QCOMPARE(speech::decimalSeconds(0, 6), QByteArray("0.000000"));
        QCOMPARE(speech::decimalSeconds(59999, 6), QByteArray("59.999000"));
        QCOMPARE(speech::clockTime(360000000 + 1, u','), QStringLiteral("100:00:00,001"));
        using speech::ClockStyle;
        using speech::parseClock;
        QCOMPARE(parseClock(u"100:00:00,001", ClockStyle::SubRip),
                 std::optional<qint64>(360000001));
        QCOMPARE(parseClock(u"00:01.5", ClockStyle::WebVtt), std::nullopt);
        QCOMPARE(parseClock(u"00:01.500", ClockStyle::WebVtt), std::optional<qint64>(1500));
        QCOMPARE(parseClock(u"00:60:00,000", ClockStyle::SubRip), std::nullopt);
        QCOMPARE(parseClock(u"00:00:00,0000", ClockStyle::SubRip), std::nullopt);
        QCOMPARE(parseClock(u"00:00:0a,000", ClockStyle::SubRip), std::nullopt);
    }

    void fileNamesStayInTheFolder() {
        QCOMPARE(speech::fileStem(QStringLiteral("a/b/talk.en.wav")), QStringLiteral("talk.en"));
        QCOMPARE(speech::fileStem(QStringLiteral("..\\..\\evil.wav")), QStringLiteral("evil"));
        QCOMPARE(speech::fileStem(QStringLiteral("..wav")), QString());
        QCOMPARE(speech::fileStem(QStringLiteral("a:b*c?.mp3")), QStringLiteral("a_b_c_"));
        QCOMPARE(speech::fileStem(QStringLiteral("con.wav")), QStringLiteral("_con"));
        QCOMPARE(speech::fileStem(QStringLiteral(".hidden. .wav")), QStringLiteral("hidden"));
        QCOMPARE(speech::fileStem(QString(300, u'x') + QStringLiteral(".wav")).size(), 120);
        QCOMPARE(speech::fileStem(QStringLiteral("مقابلة ١.wav")), QStringLiteral("مقابلة ١"));
    }

    void matchingFilesToTasks() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QByteArray cue = "1\n00:00:00,000 --> 00:00:00,500\nhi\n\n";
        // --task by id, then by uid, for a file named after nothing.
        const qint64 quietId = p.project->tasks().byUid(p.quietUid)->id;
        writeFile(dir.filePath(QStringLiteral("in/whatever.srt")), cue);
        ImportOptions byId;
        byId.formatOptions.insert(QStringLiteral("task"), QString::number(quietId));
        byId.asAnnotator = QStringLiteral("by-id");
        auto imported = importInto(*p.project, {dir.filePath(QStringLiteral("in/whatever.srt"))},
                                   QStringLiteral("srt"), byId);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QVERIFY(segmentsOf(*p.project, p.quietUid, QStringLiteral("by-id")).ok());
        ImportOptions byUid;
        byUid.formatOptions.insert(QStringLiteral("task"), p.untouchedUid);
        byUid.asAnnotator = QStringLiteral("by-uid");
        QVERIFY(importInto(*p.project, {dir.filePath(QStringLiteral("in/whatever.srt"))},
                           QStringLiteral("srt"), byUid)
                    .ok());
        QVERIFY(segmentsOf(*p.project, p.untouchedUid, QStringLiteral("by-uid")).ok());
        // --task with a folder of several files is refused.
        writeFile(dir.filePath(QStringLiteral("in/other.srt")), cue);
        imported = importInto(*p.project, {dir.filePath(QStringLiteral("in"))},
                              QStringLiteral("srt"), byId);
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().contains(QStringLiteral("--task names one task")),
                 qPrintable(imported.error()));
        // A name two tasks share is ambiguous; the hash picks one; case
        // does not matter; "task-N" is task N.
        writeFile(dir.filePath(QStringLiteral("two/talk.srt")), cue);
        imported = importInto(*p.project, {dir.filePath(QStringLiteral("two/talk.srt"))},
                              QStringLiteral("srt"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().contains(QStringLiteral("2 audio tasks are named 'talk'")),
                 qPrintable(imported.error()));
        const QString otherHash = p.project->tasks().byUid(p.otherTalkUid)->mediaHash.left(8);
        writeFile(dir.filePath(QStringLiteral("hash/TALK.%1.srt").arg(otherHash)), cue);
        writeFile(dir.filePath(QStringLiteral("hash/Quiet.srt")), cue);
        writeFile(dir.filePath(QStringLiteral("hash/task-%1.srt")
                                   .arg(p.project->tasks().byUid(p.untouchedUid)->id)),
                  cue);
        ImportOptions named;
        named.asAnnotator = QStringLiteral("named");
        imported = importInto(*p.project, {dir.filePath(QStringLiteral("hash"))},
                              QStringLiteral("srt"), named);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->annotationsAdded, qint64(3));
        QVERIFY(segmentsOf(*p.project, p.otherTalkUid, QStringLiteral("named")).ok());
        QVERIFY(segmentsOf(*p.project, p.quietUid, QStringLiteral("named")).ok());
        QVERIFY(segmentsOf(*p.project, p.untouchedUid, QStringLiteral("named")).ok());

        // No task of that name: the audio beside the file becomes one.
        QDir().mkpath(dir.filePath(QStringLiteral("new")));
        QVERIFY(writeWav(dir.filePath(QStringLiteral("new/fresh.wav")), 8000, 1, 8800));
        writeFile(dir.filePath(QStringLiteral("new/fresh.vtt")),
                  "WEBVTT\n\n00:00.000 --> 00:00.250\n<v Zoe>new\n");
        const qint64 before = p.project->tasks().count();
        imported = importInto(*p.project, {dir.filePath(QStringLiteral("new/fresh.vtt"))},
                              QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(1));
        QCOMPARE(p.project->tasks().count(), before + 1);
        QCOMPARE(count(*p.project, QStringLiteral("SELECT count(*) FROM annotations WHERE "
                                                  "annotator = 'vtt-import'")),
                 qint64(1));
        // --tasks-only: the task, no annotation.
        writeFile(dir.filePath(QStringLiteral("only/quiet.srt")), cue);
        ImportOptions tasksOnly;
        tasksOnly.formatOptions.insert(QStringLiteral("tasks-only"), QStringLiteral("1"));
        const qint64 annotations = annotationCount(*p.project);
        imported = importInto(*p.project, {dir.filePath(QStringLiteral("only"))},
                              QStringLiteral("srt"), tasksOnly);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(annotationCount(*p.project), annotations);
    }

    void badInput_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("reason");
        const QByteArray good = "1\n00:00:00,000 --> 00:00:01,000\nok\n\n";
        QTest::newRow("srt time") << "srt"
                                  << "quiet.srt"
                                  << (good + "2\n00:00:01,000 --> 00:00:0x,000\nbad\n") << ":6:"
                                  << "'00:00:0x,000' is not a time";
        QTest::newRow("srt minutes")
            << "srt"
            << "quiet.srt" << QByteArray("1\n00:60:00,000 --> 00:60:01,000\nx\n") << ":2:"
            << "'00:60:00,000' is not a time";
        QTest::newRow("srt truncated") << "srt"
                                       << "quiet.srt" << (good + "2\n") << ":5:"
                                       << "expected a cue";
        QTest::newRow("srt backwards")
            << "srt"
            << "quiet.srt" << QByteArray("1\n00:00:01,000 --> 00:00:00,500\nx\n") << ":2:"
            << "covers nothing";
        QTest::newRow("srt utf-8") << "srt"
                                   << "quiet.srt" << (good + "2\n\xC3\x28\n") << ":6:"
                                   << "not valid UTF-8";
        QTest::newRow("srt past the end")
            << "srt"
            << "quiet.srt" << QByteArray("1\n00:00:01,000 --> 00:00:02,001\nx\n") << ":2:"
            << "ends past the end of the audio (2 s, task";
        QTest::newRow("srt overlap") << "srt"
                                     << "quiet.srt"
                                     << QByteArray(
                                            "1\n00:00:00,000 --> 00:00:01,000\nBob: a\n\n"
                                            "2\n00:00:00,999 --> 00:00:01,500\nBob: b\n")
                                     << ":6:"
                                     << "overlaps the one at";
        QTest::newRow("srt no task") << "srt"
                                     << "nobody.srt" << good << ":"
                                     << "no audio task of the project is named 'nobody'";
        QTest::newRow("vtt header")
            << "vtt"
            << "quiet.vtt" << QByteArray("WEBVTTX\n\n00:00.000 --> 00:01.000\nx\n") << ":1:"
            << "starts with the line 'WEBVTT'";
        QTest::newRow("vtt time") << "vtt"
                                  << "quiet.vtt"
                                  << QByteArray("WEBVTT\n\n00:00.000 --> 00:01.5\nx\n") << ":3:"
                                  << "'00:01.5' is not a time";
        QTest::newRow("vtt truncated")
            << "vtt"
            << "quiet.vtt" << QByteArray("WEBVTT\n\n00:00.000 --> 00:01.000\nx\n\nid") << ":6:"
            << "expected a cue";
        QTest::newRow("vtt utf-16") << "vtt"
                                    << "quiet.vtt" << QByteArray("\xFF\xFEW\0E\0B", 7) << ":"
                                    << "odd number of bytes";
    }

    void badInput() {
        QFETCH(QString, format);
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        QFETCH(QString, reason);
        expectRefused(format, name, content, where, reason);
    }

    void skipBadKeepsTheGoodFiles() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        writeFile(dir.filePath(QStringLiteral("in/quiet.srt")),
                  "1\n00:00:00,000 --> 00:00:01,000\nok\n");
        writeFile(dir.filePath(QStringLiteral("in/untouched.srt")),
                  "1\n00:00:00,000 --> 00:00:01,000\nok\n\n2\nbroken\n");
        ImportOptions options;
        options.skipBad = true;
        auto imported = importInto(*p.project, {dir.filePath(QStringLiteral("in"))},
                                   QStringLiteral("srt"), options);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->badRecords.size(), 1);
        QVERIFY2(imported->badRecords.first().startsWith(
                     dir.filePath(QStringLiteral("in/untouched.srt:5: "))),
                 qPrintable(imported->badRecords.first()));
        QVERIFY(segmentsOf(*p.project, p.quietUid, QStringLiteral("srt-import")).ok());
        QVERIFY(!segmentsOf(*p.project, p.untouchedUid, QStringLiteral("srt-import")).ok());
    }
};

QTEST_GUILESS_MAIN(TestSpeechFormats)
#include "tst_speechformats.moc"
