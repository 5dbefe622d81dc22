// postil-cli and the speech formats end to end: the real binary in a child
// process lists the six formats, exports each from a project whose
// transcripts came in through the command line, imports each into a fresh
// project with the same times, speakers and texts; --task and its usage
// rules; a refused file changes nothing (docs/architecture.md §6-7).

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "clirun.h"
#include "model/segmentresult.h"
#include "store/database.h"
#include "testsupport.h"

using namespace postil;

namespace {

using Run = e2e::CliRun;

const QStringList kSpeechFormats{QStringLiteral("srt"),      QStringLiteral("vtt"),
                                 QStringLiteral("textgrid"), QStringLiteral("eaf"),
                                 QStringLiteral("audacity"), QStringLiteral("asr-manifest")};

const QByteArray kSchema =
    "{\"labels\": [{\"name\": \"Alice\", \"color\": \"#e6194b\", \"kinds\": [\"audio\"]},"
    " {\"name\": \"Bob\", \"color\": \"#3cb44b\", \"kinds\": [\"audio\"]}]}";

// talk.wav's transcript: 1 ms, past an hour, two speakers at once, text that
// each format escapes differently. (Plain literals: moc misreads raw strings
// that hold quotes.)
const QByteArray kTalkSegments =
    "[{\"start_ms\": 0, \"end_ms\": 1, \"speaker\": \"Alice\", \"text\": \"a, \\\"b\\\" --> & "
    "<c>\"},"
    " {\"start_ms\": 1, \"end_ms\": 59999, \"speaker\": \"Bob\", \"text\": \"one\\ntwo\"},"
    " {\"start_ms\": 500, \"end_ms\": 1500, \"speaker\": \"Alice\", \"text\": \"مرحبا 日本 😀\"},"
    " {\"start_ms\": 59999, \"end_ms\": 3600001, \"speaker\": \"Bob\", \"text\": \"long\"},"
    " {\"start_ms\": 3600001, \"end_ms\": 3700000, \"speaker\": \"\", \"text\": \"nobody\"}]";

}  // namespace

class TestCliSpeech : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    Run run(const QStringList& args) { return e2e::runCli(m_dir.path(), args); }

    // A project of the audio under audio/, its tasks imported by the CLI.
    QString audioProject(const QString& name) {
        const QString project = path(name);
        Run init =
            run({QStringLiteral("init"), project, QStringLiteral("--kind"), QStringLiteral("audio"),
                 QStringLiteral("--schema"), path(QStringLiteral("schema.json"))});
        if (init.code != 0)
            return QString();
        Run import = run({QStringLiteral("import"), project, path(QStringLiteral("audio"))});
        return import.code == 0 ? project : QString();
    }

    // "start..end [speaker] text" of FORMAT-import's annotation of the task
    // whose audio is 'audio', read from the file.
    static QStringList segmentsIn(const QString& project, const QString& audio,
                                  const QString& annotator) {
        auto db = Database::open(project, Database::Mode::ReadOnly);
        if (!db.ok())
            return {QStringLiteral("cannot open")};
        auto row = (*db)->prepare(QStringLiteral(
            "SELECT a.result FROM annotations a JOIN tasks t ON t.uid = a.task_uid WHERE "
            "json_extract(t.data, '$.audio') = ?1 AND a.annotator = ?2 AND a.deleted = 0"));
        if (!row.ok() || !row->bind(1, audio).bind(2, annotator).next())
            return {QStringLiteral("no annotation by ") + annotator};
        auto segments = segmentresult::parse(QJsonDocument::fromJson(row->utf8(0)).object());
        if (!segments.ok())
            return {segments.error()};
        segmentresult::sort(*segments);
        QStringList out;
        for (const Segment& s : *segments)
            out << QStringLiteral("%1..%2 [%3] %4")
                       .arg(s.startMs)
                       .arg(s.endMs)
                       .arg(s.speaker, s.text);
        return out;
    }

    static qint64 annotationCount(const QString& project) {
        auto db = Database::open(project, Database::Mode::ReadOnly);
        if (!db.ok())
            return -1;
        auto n = (*db)->queryInt(QStringLiteral("SELECT count(*) FROM annotations"));
        return n.ok() ? *n : -1;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        writeFile(path(QStringLiteral("schema.json")), kSchema);
        QDir().mkpath(path(QStringLiteral("audio")));
        QVERIFY(writeWav(path(QStringLiteral("audio/talk.wav")), 1000, 1, 3'700'000));
        QVERIFY(writeWav(path(QStringLiteral("audio/quiet.wav")), 8000, 1, 16000));
        // The transcripts, through the command line too (the generic JSONL).
        writeFile(path(QStringLiteral("transcripts.jsonl")),
                  "{\"data\": {\"audio\": \"audio/talk.wav\"}, \"annotations\": [{\"annotator\": "
                  "\"ann\", \"status\": \"submitted\", \"result\": {\"segments\": " +
                      QJsonDocument::fromJson(kTalkSegments).toJson(QJsonDocument::Compact) +
                      "}}]}\n{\"data\": {\"audio\": \"audio/quiet.wav\"}, \"annotations\": "
                      "[{\"annotator\": \"ann\", \"status\": \"submitted\", \"result\": "
                      "{\"segments\": []}}]}\n");
    }

    void formatsListsTheSix() {
        Run r = run({QStringLiteral("formats")});
        QCOMPARE(r.code, 0);
        for (const QString& name : kSpeechFormats) {
            bool listed = false;
            for (const QString& line : r.out.split(u'\n'))
                listed = listed || (line.startsWith(name + u' ') &&
                                    line.contains(QStringLiteral("read/write")));
            QVERIFY2(listed, qPrintable(name + QStringLiteral(" in\n") + r.out));
        }
    }

    void exportAndImportEachFormat() {
        const QString project = audioProject(QStringLiteral("source.postil"));
        QVERIFY(!project.isEmpty());
        Run transcripts =
            run({QStringLiteral("import"), project, path(QStringLiteral("transcripts.jsonl"))});
        QVERIFY2(transcripts.code == 0, qPrintable(transcripts.err));
        const QStringList talk =
            segmentsIn(project, QStringLiteral("audio/talk.wav"), QStringLiteral("ann"));
        QCOMPARE(talk.size(), 5);

        for (const QString& format : kSpeechFormats) {
            const QString out = path(QStringLiteral("out-") + format) +
                                (format == u"asr-manifest" ? QStringLiteral(".jsonl") : QString());
            Run exported = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                                format, QStringLiteral("-o"), out});
            QVERIFY2(exported.code == 0, qPrintable(format + u' ' + exported.err));
            QVERIFY2(exported.out.contains(QStringLiteral("2 tasks, 2 annotations exported as ") +
                                           format),
                     qPrintable(exported.out));

            const QString fresh = audioProject(QStringLiteral("fresh-%1.postil").arg(format));
            QVERIFY(!fresh.isEmpty());
            Run imported = run({QStringLiteral("import"), fresh, out});
            QVERIFY2(imported.code == 0, qPrintable(format + u' ' + imported.err));
            QVERIFY2(imported.out.contains(QStringLiteral("2 annotations added")),
                     qPrintable(imported.out));
            const QString annotator = format + QStringLiteral("-import");
            QCOMPARE(segmentsIn(fresh, QStringLiteral("audio/talk.wav"), annotator), talk);
            QCOMPARE(segmentsIn(fresh, QStringLiteral("audio/quiet.wav"), annotator),
                     QStringList());
        }
    }

    void taskOption() {
        const QString project = audioProject(QStringLiteral("task.postil"));
        QVERIFY(!project.isEmpty());
        writeFile(path(QStringLiteral("any/name.srt")),
                  "1\n00:00:00,000 --> 00:00:01,000\nBob: hi\n");
        // Task 1 is quiet.wav (the folder import sorts by name).
        Run r = run({QStringLiteral("import"), project, path(QStringLiteral("any/name.srt")),
                     QStringLiteral("--task"), QStringLiteral("1"), QStringLiteral("--as"),
                     QStringLiteral("me")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(segmentsIn(project, QStringLiteral("audio/quiet.wav"), QStringLiteral("me")),
                 QStringList{QStringLiteral("0..1000 [Bob] hi")});

        Run two = run({QStringLiteral("import"), project, path(QStringLiteral("any/name.srt")),
                       path(QStringLiteral("any/name.srt")), QStringLiteral("--task"),
                       QStringLiteral("1")});
        QCOMPARE(two.code, 2);
        QVERIFY2(two.err.contains(QStringLiteral("--task names the task of one file")),
                 qPrintable(two.err));
        Run other =
            run({QStringLiteral("import"), project, path(QStringLiteral("transcripts.jsonl")),
                 QStringLiteral("--task"), QStringLiteral("1")});
        QCOMPARE(other.code, 2);
        QVERIFY2(other.err.contains(QStringLiteral("--task applies to the speech formats")),
                 qPrintable(other.err));
        Run missing = run({QStringLiteral("import"), project, path(QStringLiteral("any/name.srt")),
                           QStringLiteral("--task"), QStringLiteral("99")});
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("--task 99: the project has no audio task")),
                 qPrintable(missing.err));
    }

    void refusedFileChangesNothing() {
        const QString project = audioProject(QStringLiteral("refused.postil"));
        QVERIFY(!project.isEmpty());
        const QString file = path(QStringLiteral("bad/quiet.vtt"));
        writeFile(file,
                  "WEBVTT\n\n00:00.000 --> 00:00.500\n<v Zed>fine\n\n"
                  "00:00.500 --> 00:0x.000\nbroken\n");
        Run r = run({QStringLiteral("import"), project, path(QStringLiteral("bad"))});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith(file + QStringLiteral(":6: '00:0x.000' is not a time")),
                 qPrintable(r.err));
        QCOMPARE(annotationCount(project), qint64(0));
        // Not even the speaker "Zed" went into the schema.
        auto db = Database::open(project, Database::Mode::ReadOnly);
        QVERIFY(db.ok());
        auto schema =
            (*db)->queryText(QStringLiteral("SELECT value FROM meta WHERE key = 'schema'"));
        QVERIFY(schema.ok());
        QVERIFY2(!schema->contains(QStringLiteral("Zed")), qPrintable(*schema));
    }
};

QTEST_GUILESS_MAIN(TestCliSpeech)
#include "tst_cli_speech.moc"
