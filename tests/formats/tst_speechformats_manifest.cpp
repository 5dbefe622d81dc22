// The ASR manifest (asr-manifest): what it writes, Python reading it against
// the audio, round trips, NeMo manifests from elsewhere, bad input
// (docs/architecture.md §7, "Speech formats").

#include <QtTest>

#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>

#include "speechtestdata.h"

using namespace postil;
using namespace postil::speechtest;

namespace {

// What a training script does with the manifest: json per line, the audio
// at audio_filepath relative to the manifest, its length from the WAV header
// (Python's wave module), every line inside it. Prints per line
// "kind offset duration audio-seconds".
const QString kCheckScript = QStringLiteral(R"(
import json, os, sys, wave
manifest = sys.argv[1]
base = os.path.dirname(manifest)
for raw in open(manifest, encoding='utf-8'):
    line = json.loads(raw)
    with wave.open(os.path.join(base, line['audio_filepath'])) as w:
        length = w.getnframes() / w.getframerate()
    assert line['offset'] + line['duration'] <= length + 1e-9, line
    print(line['kind'], line['offset'], line['duration'], length)
)");

}  // namespace

class TestSpeechManifest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void whatItWrites() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString out = dir.filePath(QStringLiteral("train/manifest.jsonl"));
        QDir().mkpath(dir.filePath(QStringLiteral("train")));
        ExportReport report;
        Status written = exportTo(*p.project, out, QStringLiteral("asr-manifest"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(3));
        const QByteArray manifest = readFile(out);
        const QList<QByteArray> lines = manifest.split('\n');
        // 3 task lines, 6 + 1 segment lines, and the empty rest after the last break.
        QCOMPARE(lines.size(), 3 + 7 + 1);
        QCOMPARE(lines.at(0),
                 QByteArray("{\"audio_filepath\": \"../audio/quiet.wav\", \"offset\": 0, "
                            "\"duration\": 2, \"text\": \"\", \"kind\": \"task\"}"));
        QCOMPARE(lines.at(1), QByteArray("{\"audio_filepath\": \"../audio/sub/talk.wav\", "
                                         "\"offset\": 0, \"duration\": 3, \"text\": \"another "
                                         "talk\", \"kind\": \"task\"}"));
        QCOMPARE(lines.at(2), QByteArray("{\"audio_filepath\": \"../audio/sub/talk.wav\", "
                                         "\"offset\": 0.1, \"duration\": 2.8, \"text\": \"another "
                                         "talk\", \"speaker\": \"Bob\", \"kind\": \"segment\"}"));
        QCOMPARE(lines.at(3),
                 QByteArray("{\"audio_filepath\": \"../audio/talk.wav\", \"offset\": 0, "
                            "\"duration\": 3700, \"text\": \"Hello, \\\"world\\\" --> & "
                            "<b>bold</b> a;b line one\\nline two, with a comma مرحبا بالعالم "
                            "日本語のテキスト 👨‍👩‍👧 😀 the end > and &amp; as typed the "
                            "last "
                            "ms\", \"kind\": \"task\"}"));
        QCOMPARE(lines.at(4), QByteArray("{\"audio_filepath\": \"../audio/talk.wav\", \"offset\": "
                                         "0, \"duration\": 0.001, \"text\": \"Hello, \\\"world\\\" "
                                         "--> & <b>bold</b> a;b\", \"speaker\": \"Alice\", "
                                         "\"kind\": \"segment\"}"));
        QVERIFY(lines.at(7).contains("\"offset\": 59.999, \"duration\": 3540.002, "));
        QVERIFY(lines.at(8).contains("\"offset\": 3600.001, \"duration\": 99.998, "));
        QVERIFY(lines.at(8).contains("\"speaker\": \"\", "));
        // Every line is JSON QJsonDocument reads too.
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            QVERIFY2(QJsonDocument::fromJson(lines.at(i)).isObject(), lines.at(i).constData());

        QProcess python;
        python.start(systemPython(), {QStringLiteral("-c"), kCheckScript, out});
        if (!python.waitForStarted())
            POSTIL_CHECKER_MISSING("python3 is missing");
        QVERIFY(python.waitForFinished(60000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QStringList checked =
            QString::fromUtf8(python.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(checked.size(), 10);
        QCOMPARE(checked.at(3), QStringLiteral("task 0 3700 3700.0"));
        QCOMPARE(checked.at(4), QStringLiteral("segment 0 0.001 3700.0"));
        QCOMPARE(checked.last(), QStringLiteral("segment 3699.999 0.001 3700.0"));
    }

    void roundTrip() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString out = dir.filePath(QStringLiteral("manifest.json"));
        ExportReport report;
        QVERIFY(exportTo(*p.project, out, QStringLiteral("asr-manifest"), report).ok());
        QVERIFY2(report.warnings.join(u'\n').contains(QStringLiteral("does not carry")),
                 qPrintable(report.warnings.join(u'\n')));
        QCOMPARE(FormatRegistry::instance().detectReader(out),
                 FormatRegistry::instance().byName(QStringLiteral("asr-manifest")));
        // Into a project with the audio as tasks, and into an empty one,
        // where the audio the manifest names becomes the tasks.
        for (const QString& name :
             {QStringLiteral("fresh.postil"), QStringLiteral("empty.postil")}) {
            auto fresh = name == u"fresh.postil" ? freshProject(dir.path(), name)
                                                 : makeProject(dir.filePath(name), kSchema);
            auto imported = importInto(*fresh, {out}, QStringLiteral("auto"));
            QVERIFY2(imported.ok(), qPrintable(imported.error()));
            QCOMPARE(imported->tasksAdded, qint64(name == u"fresh.postil" ? 0 : 3));
            QCOMPARE(imported->annotationsAdded, qint64(3));
            auto talk = segmentsOf(*fresh, p.talkUid, QStringLiteral("asr-manifest-import"));
            QVERIFY2(talk.ok(), qPrintable(talk.error()));
            QCOMPARE(described(*talk), described(talkSegments()));
            auto other = segmentsOf(*fresh, p.otherTalkUid, QStringLiteral("asr-manifest-import"));
            QVERIFY2(other.ok(), qPrintable(other.error()));
            QCOMPARE(described(*other), described(otherTalkSegments()));
            auto quiet = segmentsOf(*fresh, p.quietUid, QStringLiteral("asr-manifest-import"));
            QVERIFY2(quiet.ok(), qPrintable(quiet.error()));
            QVERIFY(quiet->isEmpty());
        }
    }

    void readsNemoManifests() {
        QTemporaryDir dir;
        writeAudio(dir.filePath(QStringLiteral("audio")));
        auto project = freshProject(dir.path(), QStringLiteral("p.postil"));
        // Lines as NeMo's tools write them: no kind, no offset (from 0), no
        // duration (to the end), absolute and relative paths, no speaker.
        const QString quiet = dir.filePath(QStringLiteral("audio/quiet.wav"));
        writeFile(dir.filePath(QStringLiteral("m/train_manifest.json")),
                  QStringLiteral("{\"audio_filepath\": \"%1\", \"duration\": 0.5, \"text\": \"a "
                                 "b\"}\n\n{\"audio_filepath\": \"../audio/quiet.wav\", "
                                 "\"offset\": 0.5, \"text\": \"rest\", \"speaker\": \"Bob\", "
                                 "\"lang\": \"en\"}\n"
                                 "{\"audio_filepath\": \"../audio/untouched.wav\", \"text\": "
                                 "\"whole\"}\n")
                      .arg(quiet)
                      .toUtf8());
        auto imported =
            importInto(*project, {dir.filePath(QStringLiteral("m/train_manifest.json"))},
                       QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->annotationsAdded, qint64(2));
        auto back = segmentsOf(*project, uidOfAudio(*project, QStringLiteral("audio/quiet.wav")),
                               QStringLiteral("asr-manifest-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), (QStringList{QStringLiteral("0..500 [] a b"),
                                                QStringLiteral("500..2000 [Bob] rest")}));
        back = segmentsOf(*project, uidOfAudio(*project, QStringLiteral("audio/untouched.wav")),
                          QStringLiteral("asr-manifest-import"));
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(described(*back), QStringList{QStringLiteral("0..1000 [] whole")});
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("reason");
        const QByteArray good = "{\"audio_filepath\": \"../audio/quiet.wav\", \"duration\": 1}\n";
        QTest::newRow("not JSON") << (good + "{\"audio_filepath\": \"x.wav\"\n") << 2
                                  << "not valid JSON at column";
        QTest::newRow("no audio") << (good + "{\"text\": \"x\"}\n") << 2 << "no \"audio_filepath\"";
        QTest::newRow("negative offset")
            << (good +
                "{\"audio_filepath\": \"../audio/quiet.wav\", \"offset\": -1, "
                "\"duration\": 1}\n")
            << 2 << "\"offset\" is not a number of seconds";
        QTest::newRow("text not a string")
            << (good +
                "{\"audio_filepath\": \"../audio/quiet.wav\", \"offset\": 1, \"duration\": "
                "1, \"text\": 5}\n")
            << 2 << "\"text\" and \"speaker\" must be strings";
        QTest::newRow("unknown kind")
            << (good + "{\"audio_filepath\": \"../audio/quiet.wav\", \"kind\": \"chapter\"}\n") << 2
            << "\"kind\" is 'chapter'";
        QTest::newRow("past the end")
            << QByteArray(
                   "{\"audio_filepath\": \"../audio/quiet.wav\", \"offset\": 1.5, "
                   "\"duration\": 0.6}\n")
            << 1 << "ends past the end of the audio";
        QTest::newRow("no such audio")
            << QByteArray("{\"audio_filepath\": \"../audio/gone.wav\", \"duration\": 0.6}\n") << 1
            << "no audio task of the project is named 'gone', and";
        QTest::newRow("overlap")
            << (good +
                "{\"audio_filepath\": \"../audio/quiet.wav\", \"offset\": 0.5, "
                "\"duration\": 1}\n")
            << 2 << "overlaps the one at";
    }

    void badInput() {
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString file = dir.filePath(QStringLiteral("m/manifest.jsonl"));
        writeFile(file, content);
        const qint64 annotations = annotationCount(*p.project);
        const qint64 tasks = p.project->tasks().count();
        auto imported = importInto(*p.project, {file}, QStringLiteral("asr-manifest"));
        QVERIFY2(!imported.ok(), qPrintable(reason));
        QVERIFY2(imported.error().startsWith(QStringLiteral("%1:%2: ").arg(file).arg(line)),
                 qPrintable(imported.error()));
        QVERIFY2(imported.error().contains(reason), qPrintable(imported.error()));
        QCOMPARE(annotationCount(*p.project), annotations);
        QCOMPARE(p.project->tasks().count(), tasks);
    }

    void skipBadLeavesOutOneAudio() {
        QTemporaryDir dir;
        SpeechProject p = makeSpeechProject(dir.path());
        const QString file = dir.filePath(QStringLiteral("m/manifest.jsonl"));
        writeFile(file,
                  "{\"audio_filepath\": \"../audio/quiet.wav\", \"duration\": 1}\n"
                  "{\"audio_filepath\": \"../audio/untouched.wav\", \"duration\": 0.5}\n"
                  "{\"audio_filepath\": \"../audio/quiet.wav\", \"offset\": \"x\"}\n");
        ImportOptions options;
        options.skipBad = true;
        auto imported = importInto(*p.project, {file}, QStringLiteral("asr-manifest"), options);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->badRecords.size(), 1);
        QVERIFY(!segmentsOf(*p.project, p.quietUid, QStringLiteral("asr-manifest-import")).ok());
        QVERIFY(segmentsOf(*p.project, p.untouchedUid, QStringLiteral("asr-manifest-import")).ok());
    }
};

QTEST_GUILESS_MAIN(TestSpeechManifest)
#include "tst_speechformats_manifest.moc"
