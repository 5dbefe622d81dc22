// postil-cli end to end: the real binary in a child process, real project
// files in a temporary folder, and the exit status contract of docs/architecture.md §6.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "clirun.h"
#include "model/project.h"
#include "store/database.h"
#include "store/migrations.h"
#include "testsupport.h"

using namespace postil;

namespace {

using Run = e2e::CliRun;

QByteArray fileSha256(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A fresh subfolder per test, so no test sees another's files.
    QString freshFolder() {
        const QString name = QStringLiteral("case%1").arg(++m_serial);
        QDir(m_dir.path()).mkpath(name);
        return path(name);
    }

    Run run(const QStringList& args, const QMap<QString, QString>& extraEnv = {}) {
        return e2e::runCli(m_dir.path(), args, extraEnv);
    }

    static void write(const QString& file, const QByteArray& bytes) {
        QFile f(file);
        QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file));
        f.write(bytes);
    }

    static qint64 queryInt(const QString& project, const QString& sql) {
        auto db = Database::open(project, Database::Mode::ReadOnly);
        if (!db.ok())
            return -1;
        auto n = (*db)->queryInt(sql);
        return n.ok() ? *n : -1;
    }

    static qint64 taskCount(const QString& project) {
        return queryInt(project, QStringLiteral("SELECT count(*) FROM tasks"));
    }

    // A text project with three tasks, one of them answered by 'ann'.
    QString makeTextProject(const QString& folder) {
        const QString project = folder + QStringLiteral("/p.postil");
        Run init = run(
            {QStringLiteral("init"), project, QStringLiteral("--kind"), QStringLiteral("text")});
        if (init.code != 0)
            return QString();
        write(
            folder + QStringLiteral("/first.jsonl"),
            R"({"id":"a","data":{"text":"refund please"},"annotations":[{"annotator":"ann","status":"submitted","result":{"answers":{"intent":"refund"}}}]}
{"id":"b","data":{"text":"my bill is wrong"},"annotations":[{"annotator":"ann","status":"draft","result":{"answers":{"intent":"billing"}}}]}
{"id":"c","data":{"text":"hello"}}
)");
        Run import =
            run({QStringLiteral("import"), project, folder + QStringLiteral("/first.jsonl")});
        if (import.code != 0)
            return QString();
        return project;
    }

    static QList<QJsonObject> readJsonl(const QString& file) {
        QList<QJsonObject> list;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return list;
        for (const QByteArray& line : f.readAll().split('\n'))
            if (!line.trimmed().isEmpty())
                list << QJsonDocument::fromJson(line).object();
        return list;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(POSTIL_CLI_PATH)), POSTIL_CLI_PATH);
    }

    void helpAndVersion() {
        Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        for (const char* command : {"init", "import", "export", "stats", "check", "formats"})
            QVERIFY2(help.out.contains(QLatin1String(command)), command);
        QVERIFY(help.err.isEmpty());

        Run commandHelp = run({QStringLiteral("import"), QStringLiteral("--help")});
        QCOMPARE(commandHelp.code, 0);
        QVERIFY(commandHelp.out.startsWith(
            QStringLiteral("usage: postil-cli import PROJECT INPUT...")));
        QVERIFY(commandHelp.out.contains(QStringLiteral("--skip-bad")));

        Run version = run({QStringLiteral("--version")});
        QCOMPARE(version.code, 0);
        QCOMPARE(version.out.trimmed(), QStringLiteral("postil-cli " POSTIL_VERSION));
    }

    void badUsage_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString p = QStringLiteral("nowhere.postil");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("missing COMMAND");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QStringLiteral("unknown command 'frobnicate'");
        QTest::newRow("init without kind")
            << QStringList{QStringLiteral("init"), p} << QStringLiteral("missing --kind");
        QTest::newRow("init bad kind")
            << QStringList{QStringLiteral("init"), p, QStringLiteral("--kind"),
                           QStringLiteral("video")}
            << QStringLiteral("unknown kind 'video'");
        QTest::newRow("init without project")
            << QStringList{QStringLiteral("init"), QStringLiteral("--kind"), QStringLiteral("text")}
            << QStringLiteral("missing PROJECT");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("stats"), p, QStringLiteral("--frob")}
            << QStringLiteral("unknown option '--frob'");
        QTest::newRow("import without input")
            << QStringList{QStringLiteral("import"), p} << QStringLiteral("missing INPUT...");
        QTest::newRow("import unknown format")
            << QStringList{QStringLiteral("import"), p, QStringLiteral("x.jsonl"),
                           QStringLiteral("--format"), QStringLiteral("nope")}
            << QStringLiteral("unknown format 'nope'");
        QTest::newRow("option without value")
            << QStringList{QStringLiteral("import"), p, QStringLiteral("x.jsonl"),
                           QStringLiteral("--format")}
            << QStringLiteral("format");
        QTest::newRow("export without output")
            << QStringList{QStringLiteral("export"), p, QStringLiteral("--format"),
                           QStringLiteral("jsonl")}
            << QStringLiteral("missing -o OUT");
        QTest::newRow("export unknown format")
            << QStringList{QStringLiteral("export"),   p,
                           QStringLiteral("--format"), QStringLiteral("nope"),
                           QStringLiteral("-o"),       QStringLiteral("o.x")}
            << QStringLiteral("unknown format 'nope'");
        QTest::newRow("export unknown status")
            << QStringList{QStringLiteral("export"),   p,
                           QStringLiteral("--format"), QStringLiteral("jsonl"),
                           QStringLiteral("-o"),       QStringLiteral("o.x"),
                           QStringLiteral("--status"), QStringLiteral("done")}
            << QStringLiteral("unknown status 'done'");
        QTest::newRow("stats extra argument")
            << QStringList{QStringLiteral("stats"), p, QStringLiteral("more")}
            << QStringLiteral("unexpected argument 'more'");
        QTest::newRow("check without project")
            << QStringList{QStringLiteral("check")} << QStringLiteral("missing PROJECT");
    }

    void badUsage() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        Run r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("usage: postil-cli")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("nowhere.postil"))));
    }

    void initCreatesAndRefusesToOverwrite() {
        const QString folder = freshFolder();
        const QString project = folder + QStringLiteral("/new.postil");
        Run r = run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                     QStringLiteral("compare"), QStringLiteral("--name"),
                     QStringLiteral("Model eval")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        auto opened = Project::open(project);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE((*opened)->name(), QStringLiteral("Model eval"));
        QVERIFY((*opened)->defaultKind() == TaskKind::Compare);
        opened.value().reset();

        const QByteArray before = fileSha256(project);
        Run again = run(
            {QStringLiteral("init"), project, QStringLiteral("--kind"), QStringLiteral("text")});
        QCOMPARE(again.code, 1);
        QCOMPARE(again.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(again.err.contains(project), qPrintable(again.err));
        QCOMPARE(fileSha256(project), before);
    }

    void initWithSchema() {
        const QString folder = freshFolder();
        const QString schemaFile = folder + QStringLiteral("/schema.json");
        write(
            schemaFile,
            R"({"labels":[{"name":"car","hotkey":"1"}], "questions":[{"name":"intent","type":"single","options":["billing","refund"]}], "guidelines":"Box every car.","house_rule":"kept"})");
        const QString project = folder + QStringLiteral("/s.postil");
        Run r = run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                     QStringLiteral("image"), QStringLiteral("--schema"), schemaFile});
        QCOMPARE(r.code, 0);
        auto opened = Project::open(project);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        const Schema& schema = (*opened)->schema();
        QCOMPARE(schema.labels.size(), 1);
        QCOMPARE(schema.labels.first().name, QStringLiteral("car"));
        QCOMPARE(schema.questions.size(), 1);
        QCOMPARE(schema.guidelines, QStringLiteral("Box every car."));
        QCOMPARE(schema.toJson().value(QStringLiteral("house_rule")).toString(),
                 QStringLiteral("kept"));
    }

    void initWithBadSchema() {
        const QString folder = freshFolder();
        const QString schemaFile = folder + QStringLiteral("/bad.json");
        write(schemaFile, R"({"questions":[{"name":"q","type":"dropdown"}]})");
        const QString project = folder + QStringLiteral("/s.postil");
        Run r = run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                     QStringLiteral("text"), QStringLiteral("--schema"), schemaFile});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.startsWith(schemaFile + QLatin1Char(':')), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("questions[0].type")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(project));

        write(schemaFile, "{not json");
        r = run({QStringLiteral("init"), project, QStringLiteral("--kind"), QStringLiteral("text"),
                 QStringLiteral("--schema"), schemaFile});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith(schemaFile + QLatin1Char(':')), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(project));

        r = run({QStringLiteral("init"), project, QStringLiteral("--kind"), QStringLiteral("text"),
                 QStringLiteral("--schema"), folder + QStringLiteral("/missing.json")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("missing.json")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(project));
    }

    void formatsListsTheRegistry() {
        Run r = run({QStringLiteral("formats")});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        QVERIFY(lines.first().startsWith(QStringLiteral("NAME")));
        bool jsonl = false;
        for (const QString& line : lines)
            if (line.startsWith(QStringLiteral("jsonl ")))
                jsonl = line.contains(QStringLiteral("read/write")) &&
                        line.contains(QStringLiteral("jsonl"));
        QVERIFY2(jsonl, qPrintable(r.out));

        Run json = run({QStringLiteral("formats"), QStringLiteral("--json")});
        QCOMPARE(json.code, 0);
        const QJsonArray list = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(list.size(), lines.size() - 1);
    }

    void importExportRoundTrip() {
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        QCOMPARE(taskCount(project), 3);

        // The same file again adds nothing.
        const QString input = folder + QStringLiteral("/first.jsonl");
        Run again = run({QStringLiteral("import"), project, input});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.contains(QStringLiteral("0 tasks added, 3 already there, 0 annotations "
                                                   "added")),
                 qPrintable(again.out));
        QCOMPARE(taskCount(project), 3);
        QCOMPARE(queryInt(project, QStringLiteral("SELECT count(*) FROM annotations")), 2);

        const QString out = folder + QStringLiteral("/out.jsonl");
        Run exported = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                            QStringLiteral("jsonl"), QStringLiteral("-o"), out});
        QCOMPARE(exported.code, 0);
        QVERIFY2(exported.out.contains(QStringLiteral("3 tasks")), qPrintable(exported.out));
        // Not a terminal: no progress line, nothing else on stderr.
        QVERIFY2(exported.err.isEmpty(), qPrintable(exported.err));
        const QList<QJsonObject> lines = readJsonl(out);
        QCOMPARE(lines.size(), 3);
        QMap<QString, QJsonObject> byId;
        for (const QJsonObject& line : lines)
            byId.insert(line.value(QStringLiteral("id")).toString(), line);
        const QJsonArray annotations =
            byId.value(QStringLiteral("a")).value(QStringLiteral("annotations")).toArray();
        QCOMPARE(annotations.size(), 1);
        const QJsonObject a = annotations.first().toObject();
        QCOMPARE(a.value(QStringLiteral("annotator")).toString(), QStringLiteral("ann"));
        QCOMPARE(a.value(QStringLiteral("status")).toString(), QStringLiteral("submitted"));
        QCOMPARE(a.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("answers"))
                     .toObject()
                     .value(QStringLiteral("intent"))
                     .toString(),
                 QStringLiteral("refund"));
        QCOMPARE(byId.value(QStringLiteral("c")).value(QStringLiteral("data")).toObject(),
                 QJsonObject({{QStringLiteral("text"), QStringLiteral("hello")}}));

        // Filters: only submitted rows.
        const QString submitted = folder + QStringLiteral("/submitted.jsonl");
        Run filtered = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                            QStringLiteral("jsonl"), QStringLiteral("-o"), submitted,
                            QStringLiteral("--status"), QStringLiteral("submitted")});
        QCOMPARE(filtered.code, 0);
        int rows = 0;
        for (const QJsonObject& line : readJsonl(submitted))
            for (const QJsonValue& annotation :
                 line.value(QStringLiteral("annotations")).toArray()) {
                ++rows;
                QCOMPARE(annotation.toObject().value(QStringLiteral("status")).toString(),
                         QStringLiteral("submitted"));
            }
        QCOMPARE(rows, 1);

        const QString nobody = folder + QStringLiteral("/nobody.jsonl");
        Run none = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                        QStringLiteral("jsonl"), QStringLiteral("-o"), nobody,
                        QStringLiteral("--annotator"), QStringLiteral("someone-else")});
        QCOMPARE(none.code, 0);
        for (const QJsonObject& line : readJsonl(nobody))
            QVERIFY(line.value(QStringLiteral("annotations")).toArray().isEmpty());
    }

    void importAttributesAnnotations() {
        const QString folder = freshFolder();
        const QString project = folder + QStringLiteral("/p.postil");
        QCOMPARE(
            run({QStringLiteral("init"), project, QStringLiteral("--kind"), QStringLiteral("text")})
                .code,
            0);
        // No annotator in the file: the CLI's own identity.
        write(folder + QStringLiteral("/anon.jsonl"),
              R"({"id":"x","data":{"text":"one"},"annotations":[{"status":"submitted","result":{}}]}
)");
        Run env = run({QStringLiteral("import"), project, folder + QStringLiteral("/anon.jsonl")},
                      {{QStringLiteral("POSTIL_ANNOTATOR"), QStringLiteral("robot")}});
        QCOMPARE(env.code, 0);
        QCOMPARE(queryInt(project, QStringLiteral("SELECT count(*) FROM annotations WHERE "
                                                  "annotator = 'robot'")),
                 1);
        // Without the variable the settings' name (none here) falls back to the login name.
        write(folder + QStringLiteral("/anon2.jsonl"),
              R"({"id":"y","data":{"text":"two"},"annotations":[{"status":"draft","result":{}}]}
)");
        Run login =
            run({QStringLiteral("import"), project, folder + QStringLiteral("/anon2.jsonl")});
        QCOMPARE(login.code, 0);
        QCOMPARE(queryInt(project, QStringLiteral("SELECT count(*) FROM annotations WHERE "
                                                  "annotator = 'tester' AND task_uid = 'y'")),
                 1);
        // --as wins over the file's annotator.
        write(
            folder + QStringLiteral("/named.jsonl"),
            R"({"id":"z","data":{"text":"three"},"annotations":[{"annotator":"ann","status":"submitted","result":{}}]}
)");
        Run as = run({QStringLiteral("import"), project, folder + QStringLiteral("/named.jsonl"),
                      QStringLiteral("--as"), QStringLiteral("vendor-7")});
        QCOMPARE(as.code, 0);
        QCOMPARE(queryInt(project, QStringLiteral("SELECT count(*) FROM annotations WHERE "
                                                  "task_uid = 'z' AND annotator = 'vendor-7'")),
                 1);
        QCOMPARE(queryInt(project, QStringLiteral("SELECT count(*) FROM annotations WHERE "
                                                  "annotator = 'ann'")),
                 0);
    }

    void importFolderGivenRelative() {
        // People type relative paths; the child runs in the temporary folder.
        const QString folder = freshFolder();
        const QString relative = QDir(m_dir.path()).relativeFilePath(folder);
        QDir(folder).mkpath(QStringLiteral("shots"));
        for (const QColor& color : {QColor(Qt::red), QColor(Qt::blue)}) {
            QImage image(16, 16, QImage::Format_RGB32);
            image.fill(color);
            QVERIFY(image.save(folder + QStringLiteral("/shots/%1.png").arg(color.name().mid(1))));
        }
        const QString project = relative + QStringLiteral("/p.postil");
        QCOMPARE(run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                      QStringLiteral("image")})
                     .code,
                 0);
        Run r = run({QStringLiteral("import"), project, relative + QStringLiteral("/shots")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("2 tasks added")), qPrintable(r.out));
        QCOMPARE(queryInt(path(project), QStringLiteral("SELECT count(*) FROM media WHERE path "
                                                        "LIKE 'shots/%'")),
                 2);
        Run check = run({QStringLiteral("check"), project});
        QVERIFY2(check.code == 0, qPrintable(check.out + check.err));
    }

    void importMissingInput() {
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        const QString missing = folder + QStringLiteral("/missing.jsonl");
        Run r = run({QStringLiteral("import"), project, missing});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(missing), qPrintable(r.err));

        // A missing project is a failed operation too, not a new file.
        const QString noProject = folder + QStringLiteral("/none.postil");
        r = run({QStringLiteral("import"), noProject, folder + QStringLiteral("/first.jsonl")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(noProject), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(noProject));
        r = run({QStringLiteral("stats"), noProject});
        QCOMPARE(r.code, 1);
        QVERIFY(!QFileInfo::exists(noProject));
    }

    void importMalformedLineIsAtomic() {
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        const QString input = folder + QStringLiteral("/broken.jsonl");
        write(input, R"({"id":"d","data":{"text":"good one"}}
{"id":"e","data":{"text":"also good"}}
{"id":"f","data":{"text": oops}}
{"id":"g","data":{"text":"after the bad line"}}
)");
        Run r = run({QStringLiteral("import"), project, input});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.startsWith(input + QStringLiteral(":3:")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(taskCount(project), 3);
    }

    void importSkipBadKeepsTheGood() {
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        const QString input = folder + QStringLiteral("/mixed.jsonl");
        write(input, R"({"id":"d","data":{"text":"good one"}}
{"id":"e","data":{"text": oops}}
{"id":"f","data":{"nothing":"to annotate"}}
{"id":"g","data":{"text":"also good"}}
)");
        Run r = run({QStringLiteral("import"), project, input, QStringLiteral("--skip-bad")});
        QCOMPARE(r.code, 0);
        const QStringList bad = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(bad.size(), 2);
        QVERIFY2(bad.at(0).startsWith(input + QStringLiteral(":2:")), qPrintable(r.err));
        QVERIFY2(bad.at(1).startsWith(input + QStringLiteral(":3:")), qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("2 tasks added")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("2 bad records skipped")), qPrintable(r.out));
        QCOMPARE(taskCount(project), 5);
        QCOMPARE(queryInt(project, QStringLiteral("SELECT count(*) FROM tasks WHERE uid IN ('d', "
                                                  "'g')")),
                 2);

        // Nothing good at all: a failed operation, and still nothing added.
        const QString allBad = folder + QStringLiteral("/allbad.jsonl");
        write(allBad, "{nope\n[1,2]\n");
        r = run({QStringLiteral("import"), project, allBad, QStringLiteral("--skip-bad")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(allBad + QStringLiteral(":1:")), qPrintable(r.err));
        QVERIFY2(r.err.contains(allBad + QStringLiteral(":2:")), qPrintable(r.err));
        QCOMPARE(taskCount(project), 5);
    }

    void statsCountsPerAnnotator() {
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        write(
            folder + QStringLiteral("/more.jsonl"),
            R"({"id":"a","data":{"text":"refund please"},"annotations":[{"annotator":"bob","status":"skipped","skip_reason":"unclear","result":{}}]}
{"id":"c","data":{"text":"hello"},"annotations":[{"annotator":"bob","status":"submitted","result":{"answers":{"intent":"other"}}}]}
)");
        QCOMPARE(
            run({QStringLiteral("import"), project, folder + QStringLiteral("/more.jsonl")}).code,
            0);
        Run text = run({QStringLiteral("stats"), project});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.split(QLatin1Char('\n')).contains(QStringLiteral("kind:        text")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("tasks:       3 (text 3)")),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("done 2/3")), qPrintable(text.out));

        Run r = run({QStringLiteral("stats"), project, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(stats.value(QStringLiteral("name")).toString(), QStringLiteral("p"));
        QCOMPARE(stats.value(QStringLiteral("kind")).toString(), QStringLiteral("text"));
        QCOMPARE(stats.value(QStringLiteral("tasks")).toInt(), 3);
        QCOMPARE(stats.value(QStringLiteral("tasks_by_kind")).toObject(),
                 QJsonObject({{QStringLiteral("text"), 3}}));
        QCOMPARE(stats.value(QStringLiteral("annotations")).toInt(), 4);
        const QJsonArray annotators = stats.value(QStringLiteral("annotators")).toArray();
        QCOMPARE(annotators.size(), 2);
        const QJsonObject ann = annotators.at(0).toObject();
        QCOMPARE(ann.value(QStringLiteral("annotator")).toString(), QStringLiteral("ann"));
        QCOMPARE(ann.value(QStringLiteral("statuses")).toObject(),
                 QJsonObject({{QStringLiteral("submitted"), 1}, {QStringLiteral("draft"), 1}}));
        QCOMPARE(ann.value(QStringLiteral("done")).toInt(), 1);
        QCOMPARE(ann.value(QStringLiteral("total")).toInt(), 3);
        const QJsonObject bob = annotators.at(1).toObject();
        QCOMPARE(bob.value(QStringLiteral("annotator")).toString(), QStringLiteral("bob"));
        QCOMPARE(bob.value(QStringLiteral("statuses")).toObject(),
                 QJsonObject({{QStringLiteral("submitted"), 1}, {QStringLiteral("skipped"), 1}}));
        QCOMPARE(bob.value(QStringLiteral("done")).toInt(), 2);
    }

    // A comparison project whose tasks carry gold verdicts: 'ann' matches on
    // one of two, 'bob' on his one; 'cat' only drafted. (A match is the same
    // point of the scale: the verdicts equal gold's, not only its direction.)
    QString makeGoldProject(const QString& folder) {
        const QString project = folder + QStringLiteral("/c.postil");
        if (run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                 QStringLiteral("compare")})
                .code != 0)
            return QString();
        write(
            folder + QStringLiteral("/gold.jsonl"),
            R"({"id":"g1","data":{"prompt":"p1","responses":["a","b"],"gold":{"preference":-1}},"annotations":[{"annotator":"ann","status":"submitted","result":{"order":[1,0],"preference":-1}},{"annotator":"bob","status":"submitted","result":{"preference":-1}},{"annotator":"cat","status":"draft","result":{"preference":-3}}]}
{"id":"g2","data":{"prompt":"p2","responses":["c","d"],"gold":{"preference":0,"both_bad":true}},"annotations":[{"annotator":"ann","status":"submitted","result":{"preference":0,"both_bad":false}}]}
{"id":"n1","data":{"prompt":"p3","responses":["e","f"]},"annotations":[{"annotator":"ann","status":"submitted","result":{"preference":2}},{"annotator":"bob","status":"submitted","result":{"preference":0}}]}
)");
        if (run({QStringLiteral("import"), project, folder + QStringLiteral("/gold.jsonl")}).code !=
            0)
            return QString();
        return project;
    }

    void statsShowsGoldAccuracy() {
        const QString folder = freshFolder();
        const QString project = makeGoldProject(folder);
        QVERIFY(!project.isEmpty());
        Run text = run({QStringLiteral("stats"), project});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains(QStringLiteral("gold tasks:  2")), qPrintable(text.out));
        const QStringList lines = text.out.split(QLatin1Char('\n'));
        auto lineOf = [&](const QString& who) {
            for (const QString& line : lines)
                if (line.startsWith(QStringLiteral("  ") + who))
                    return line;
            return QString();
        };
        QVERIFY2(lineOf(QStringLiteral("ann")).endsWith(QStringLiteral("gold 1/2 matched (50%)")),
                 qPrintable(text.out));
        QVERIFY2(lineOf(QStringLiteral("bob")).endsWith(QStringLiteral("gold 1/1 matched (100%)")),
                 qPrintable(text.out));
        QVERIFY2(lineOf(QStringLiteral("cat")).endsWith(QStringLiteral("gold 0/0")),
                 qPrintable(text.out));

        Run r = run({QStringLiteral("stats"), project, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(stats.value(QStringLiteral("gold_tasks")).toInt(), 2);
        const QJsonArray annotators = stats.value(QStringLiteral("annotators")).toArray();
        QCOMPARE(annotators.size(), 3);
        QCOMPARE(annotators.at(0)[QStringLiteral("gold")].toObject(),
                 QJsonObject({{QStringLiteral("answered"), 2}, {QStringLiteral("matched"), 1}}));
        QCOMPARE(annotators.at(1)[QStringLiteral("gold")].toObject(),
                 QJsonObject({{QStringLiteral("answered"), 1}, {QStringLiteral("matched"), 1}}));

        // A project without gold says nothing about it.
        const QString plain = makeTextProject(freshFolder());
        Run none = run({QStringLiteral("stats"), plain, QStringLiteral("--json")});
        QCOMPARE(none.code, 0);
        QVERIFY2(!none.out.contains(QStringLiteral("gold")), qPrintable(none.out));
    }

    void exportPreferenceSwitches() {
        const QString folder = freshFolder();
        const QString project = makeGoldProject(folder);
        QVERIFY(!project.isEmpty());
        const QString out = folder + QStringLiteral("/trl.jsonl");
        Run r = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                     QStringLiteral("trl"), QStringLiteral("-o"), out, QStringLiteral("--margin")});
        QCOMPARE(r.code, 0);
        // ann g1, bob g1, ann n1; ann's g2 and bob's n1 are ties, cat's a draft.
        QList<QJsonObject> lines = readJsonl(out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.at(0).value(QStringLiteral("chosen")).toString(), QStringLiteral("a"));
        QCOMPARE(lines.at(0).value(QStringLiteral("margin")).toInt(), 1);
        QCOMPARE(lines.at(2).value(QStringLiteral("chosen")).toString(), QStringLiteral("f"));
        QVERIFY2(r.err.contains(QStringLiteral("left out 2 tied and 0 both-bad")),
                 qPrintable(r.err));

        r = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                 QStringLiteral("trl"), QStringLiteral("-o"), out, QStringLiteral("--keep-ties"),
                 QStringLiteral("--conversational"), QStringLiteral("--annotator"),
                 QStringLiteral("bob")});
        QCOMPARE(r.code, 0);
        lines = readJsonl(out);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(1).value(QStringLiteral("tie")), QJsonValue(true));
        QCOMPARE(lines.at(1)
                     .value(QStringLiteral("prompt"))
                     .toArray()
                     .at(0)[QStringLiteral("role")]
                     .toString(),
                 QStringLiteral("user"));

        // A switch the format does not read is bad usage, and nothing is written.
        const QString other = folder + QStringLiteral("/other.jsonl");
        r = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                 QStringLiteral("jsonl"), QStringLiteral("-o"), other, QStringLiteral("--margin")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--margin")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(other));
        r = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                 QStringLiteral("hh-rlhf"), QStringLiteral("-o"), other,
                 QStringLiteral("--conversational")});
        QCOMPARE(r.code, 2);

        r = run({QStringLiteral("export"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        for (const char* flag : {"--conversational", "--keep-ties", "--margin"})
            QVERIFY2(r.out.contains(QLatin1String(flag)), flag);
    }

    // One rule for every format: submitted unless --status says otherwise
    // (several allowed, or all); an image left out for its status is not
    // reported as one nobody annotated.
    void exportStatusRuleIsOneForEveryFormat() {
        const QString folder = freshFolder();
        const QString project = folder + QStringLiteral("/boxes.postil");
        QCOMPARE(run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                      QStringLiteral("image")})
                     .code,
                 0);
        for (const char* name : {"sub", "draft", "skip"}) {
            QImage image(64, 48, QImage::Format_RGB32);
            image.fill(Qt::gray);
            image.setPixel(0, 0, qRgb(name[0], name[1], name[2]));  // three different files
            QVERIFY(image.save(folder + QStringLiteral("/%1.png").arg(QLatin1String(name))));
        }
        const QByteArray box = R"("result":{"boxes":[{"label":"car","x":1,"y":2,"w":10,"h":8}]})";
        write(
            folder + QStringLiteral("/tasks.jsonl"),
            R"({"id":"sub","data":{"image":"sub.png"},"annotations":[{"annotator":"ann","status":"submitted",)" +
                box + R"(}]}
{"id":"draft","data":{"image":"draft.png"},"annotations":[{"annotator":"ann","status":"draft",)" +
                box + R"(}]}
{"id":"skip","data":{"image":"skip.png"},"annotations":[{"annotator":"ann","status":"skipped","skip_reason":"blurry",)" +
                box + "}]}\n");
        Run imported =
            run({QStringLiteral("import"), project, folder + QStringLiteral("/tasks.jsonl")});
        QVERIFY2(imported.code == 0, qPrintable(imported.err));

        auto exportCoco = [&](const QStringList& extra, Run* result = nullptr) {
            const QString out = folder + QStringLiteral("/coco.json");
            QFile::remove(out);
            Run r = run(QStringList{QStringLiteral("export"), project, QStringLiteral("--format"),
                                    QStringLiteral("coco"), QStringLiteral("-o"), out} +
                        extra);
            if (result)
                *result = r;
            QStringList files;
            const QJsonObject coco = [&] {
                QFile f(out);
                return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                                   : QJsonObject();
            }();
            for (const QJsonValue& image : coco.value(QStringLiteral("images")).toArray())
                files << image.toObject().value(QStringLiteral("file_name")).toString();
            files.sort();
            return files.join(QLatin1Char(' '));
        };
        auto exportJsonl = [&](const QStringList& extra) {
            const QString out = folder + QStringLiteral("/all.jsonl");
            Run r = run(QStringList{QStringLiteral("export"), project, QStringLiteral("--format"),
                                    QStringLiteral("jsonl"), QStringLiteral("-o"), out} +
                        extra);
            QStringList statuses;
            for (const QJsonObject& line : readJsonl(out))
                for (const QJsonValue& a : line.value(QStringLiteral("annotations")).toArray())
                    statuses << a.toObject().value(QStringLiteral("status")).toString();
            statuses.sort();
            return r.code == 0 ? statuses.join(QLatin1Char(' ')) : r.err;
        };

        Run byDefault;
        QCOMPARE(exportCoco({}, &byDefault), QStringLiteral("sub.png"));
        QVERIFY2(
            byDefault.err.contains(QStringLiteral("2 image task(s) have annotations of another "
                                                  "status than submitted")),
            qPrintable(byDefault.err));
        QVERIFY2(!byDefault.err.contains(QStringLiteral("no annotation")),
                 qPrintable(byDefault.err));
        QCOMPARE(exportJsonl({}), QStringLiteral("submitted"));

        QCOMPARE(exportCoco({QStringLiteral("--status"), QStringLiteral("draft")}),
                 QStringLiteral("draft.png"));
        QCOMPARE(exportCoco({QStringLiteral("--status"), QStringLiteral("draft"),
                             QStringLiteral("--status"), QStringLiteral("submitted")}),
                 QStringLiteral("draft.png sub.png"));
        QCOMPARE(exportCoco({QStringLiteral("--status"), QStringLiteral("all")}),
                 QStringLiteral("draft.png skip.png sub.png"));
        QCOMPARE(exportJsonl({QStringLiteral("--status"), QStringLiteral("submitted,skipped")}),
                 QStringLiteral("skipped submitted"));
        QCOMPARE(exportJsonl({QStringLiteral("--status"), QStringLiteral("all")}),
                 QStringLiteral("draft skipped submitted"));

        Run bad = run({QStringLiteral("export"), project, QStringLiteral("--format"),
                       QStringLiteral("jsonl"), QStringLiteral("-o"), folder + QStringLiteral("/x"),
                       QStringLiteral("--status"), QStringLiteral("submitted,done")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("unknown status 'done'")), qPrintable(bad.err));
        Run help = run({QStringLiteral("export"), QStringLiteral("--help")});
        QVERIFY2(help.out.contains(QStringLiteral("submitted (the default)")),
                 qPrintable(help.out));
    }

    void checkFindsMissingAndChangedMedia() {
        const QString folder = freshFolder();
        QDir(folder).mkpath(QStringLiteral("img"));
        const QStringList names{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        const QList<QColor> colors{Qt::red, Qt::green, Qt::blue};
        QByteArray jsonl;
        for (int i = 0; i < names.size(); ++i) {
            QImage image(32, 24, QImage::Format_RGB32);
            image.fill(colors[i]);
            QVERIFY(image.save(folder + QStringLiteral("/img/%1.png").arg(names[i])));
            jsonl += QStringLiteral(R"({"id":"task-%1","data":{"image":"img/%1.png"}})")
                         .arg(names[i])
                         .toUtf8() +
                     '\n';
        }
        write(folder + QStringLiteral("/images.jsonl"), jsonl);
        const QString project = folder + QStringLiteral("/images.postil");
        QCOMPARE(run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                      QStringLiteral("image")})
                     .code,
                 0);
        Run imported =
            run({QStringLiteral("import"), project, folder + QStringLiteral("/images.jsonl")});
        QCOMPARE(imported.code, 0);

        Run clean = run({QStringLiteral("check"), project});
        QCOMPARE(clean.code, 0);
        QVERIFY2(clean.out.isEmpty(), qPrintable(clean.out));
        QVERIFY2(clean.err.contains(QStringLiteral("ok")), qPrintable(clean.err));
        QVERIFY2(clean.err.contains(QStringLiteral("3 media files")), qPrintable(clean.err));

        // a: gone; b: one byte flipped, same size (only the hash can tell);
        // c: grown by two bytes.
        QVERIFY(QFile::remove(folder + QStringLiteral("/img/a.png")));
        {
            QFile b(folder + QStringLiteral("/img/b.png"));
            QVERIFY(b.open(QIODevice::ReadWrite));
            const qint64 size = b.size();
            QVERIFY(b.seek(size / 2));
            const char byte = b.read(1).at(0);
            QVERIFY(b.seek(size / 2));
            b.write(QByteArray(1, char(byte ^ 0x5a)));
            b.close();
            QCOMPARE(QFileInfo(b).size(), size);
            QFile c(folder + QStringLiteral("/img/c.png"));
            QVERIFY(c.open(QIODevice::Append));
            c.write("xx");
        }

        const QByteArray before = fileSha256(project);
        Run r = run({QStringLiteral("check"), project});
        QCOMPARE(r.code, 1);
        const QStringList problems = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems.at(0).contains(QStringLiteral("task-a")) &&
                     problems.at(0).contains(QStringLiteral("img/a.png")) &&
                     problems.at(0).contains(QStringLiteral("missing")),
                 qPrintable(problems.at(0)));
        QVERIFY2(problems.at(1).contains(QStringLiteral("task-b")) &&
                     problems.at(1).contains(QStringLiteral("img/b.png")) &&
                     problems.at(1).contains(QStringLiteral("changed")),
                 qPrintable(problems.at(1)));
        QVERIFY2(problems.at(2).contains(QStringLiteral("task-c")) &&
                     problems.at(2).contains(QStringLiteral("img/c.png")) &&
                     problems.at(2).contains(QStringLiteral("changed")),
                 qPrintable(problems.at(2)));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(QStringLiteral("3 problems")), qPrintable(r.err));
        QCOMPARE(fileSha256(project), before);

        Run json = run({QStringLiteral("check"), project, QStringLiteral("--json")});
        QCOMPARE(json.code, 1);
        const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("ok")).toBool(true), false);
        const QJsonArray list = report.value(QStringLiteral("problems")).toArray();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("media_missing"));
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("task")).toString(),
                 QStringLiteral("task-a"));
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("media_changed"));
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("path")).toString(),
                 QStringLiteral("img/b.png"));
    }

    // A text file renamed .jpg, a JPEG cut short and a WAV that is not one:
    // the import names each (the tasks are still added) and check reports
    // each, exit 1.
    void importAndCheckReportMediaThatDoesNotDecode() {
        const QString folder = freshFolder();
        QDir(folder).mkpath(QStringLiteral("media"));
        QImage image(300, 200, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QVERIFY(image.save(folder + QStringLiteral("/media/good.png")));
        QVERIFY(image.save(folder + QStringLiteral("/media/whole.jpg"), "JPEG", 90));
        const QByteArray jpeg = readFile(folder + QStringLiteral("/media/whole.jpg"));
        write(folder + QStringLiteral("/media/cut.jpg"), jpeg.left(jpeg.size() / 2));
        write(folder + QStringLiteral("/media/notes.jpg"), "shopping list: eggs, milk\n");
        QVERIFY(writeWav(folder + QStringLiteral("/media/good.wav"), 8000, 1, 8000));
        write(folder + QStringLiteral("/media/fake.wav"), "RIFF and nothing else");
        QByteArray jsonl;
        for (const char* name : {"good.png", "cut.jpg", "notes.jpg"})
            jsonl += QStringLiteral(R"({"data":{"image":"media/%1"}})")
                         .arg(QLatin1String(name))
                         .toUtf8() +
                     '\n';
        for (const char* name : {"good.wav", "fake.wav"})
            jsonl += QStringLiteral(R"({"data":{"audio":"media/%1"}})")
                         .arg(QLatin1String(name))
                         .toUtf8() +
                     '\n';
        write(folder + QStringLiteral("/tasks.jsonl"), jsonl);
        const QString project = folder + QStringLiteral("/media.postil");
        QCOMPARE(run({QStringLiteral("init"), project, QStringLiteral("--kind"),
                      QStringLiteral("image")})
                     .code,
                 0);
        Run imported =
            run({QStringLiteral("import"), project, folder + QStringLiteral("/tasks.jsonl")});
        QCOMPARE(imported.code, 0);
        QVERIFY2(imported.out.contains(QStringLiteral("5 tasks added")), qPrintable(imported.out));
        const QStringList warnings = imported.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(warnings.size(), 3);
        QVERIFY2(warnings.at(0).contains(QStringLiteral("tasks.jsonl:2:")) &&
                     warnings.at(0).contains(QStringLiteral("cut.jpg")) &&
                     warnings.at(0).contains(QStringLiteral("truncated")),
                 qPrintable(warnings.at(0)));
        QVERIFY2(warnings.at(1).contains(QStringLiteral("tasks.jsonl:3:")) &&
                     warnings.at(1).contains(QStringLiteral("notes.jpg")),
                 qPrintable(warnings.at(1)));
        QVERIFY2(warnings.at(2).contains(QStringLiteral("tasks.jsonl:5:")) &&
                     warnings.at(2).contains(QStringLiteral("fake.wav")),
                 qPrintable(warnings.at(2)));

        Run r = run({QStringLiteral("check"), project, QStringLiteral("--json")});
        QCOMPARE(r.code, 1);
        const QJsonArray problems = QJsonDocument::fromJson(r.out.toUtf8())
                                        .object()
                                        .value(QStringLiteral("problems"))
                                        .toArray();
        QStringList paths;
        for (const QJsonValue& p : problems) {
            QCOMPARE(p.toObject().value(QStringLiteral("kind")).toString(),
                     QStringLiteral("media_undecodable"));
            paths << p.toObject().value(QStringLiteral("path")).toString();
        }
        paths.sort();
        QCOMPARE(paths,
                 (QStringList{QStringLiteral("media/cut.jpg"), QStringLiteral("media/fake.wav"),
                              QStringLiteral("media/notes.jpg")}));
        Run lines = run({QStringLiteral("check"), project});
        QCOMPARE(lines.code, 1);
        QVERIFY2(lines.out.contains(QStringLiteral("does not decode: media/notes.jpg")),
                 qPrintable(lines.out));
    }

    // The stored precision and VOC's integers are stated where people look,
    // and --decimals is refused where it would be ignored or is out of range.
    void helpStatesTheBoxPrecision() {
        const Run importHelp = run({QStringLiteral("import"), QStringLiteral("--help")});
        QVERIFY2(importHelp.out.contains(QStringLiteral("0.01 px")), qPrintable(importHelp.out));
        const Run exportHelp = run({QStringLiteral("export"), QStringLiteral("--help")});
        QVERIFY2(exportHelp.out.contains(QStringLiteral("--decimals")) &&
                     exportHelp.out.contains(QStringLiteral("0.01 px")) &&
                     exportHelp.out.contains(QStringLiteral("integers")),
                 qPrintable(exportHelp.out));
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        const Run coco =
            run({QStringLiteral("export"), project, QStringLiteral("--format"),
                 QStringLiteral("coco"), QStringLiteral("-o"), folder + QStringLiteral("/c.json"),
                 QStringLiteral("--decimals"), QStringLiteral("1")});
        QCOMPARE(coco.code, 2);
        QVERIFY2(coco.err.contains(QStringLiteral("--decimals applies to voc only")),
                 qPrintable(coco.err));
        const Run tooMany =
            run({QStringLiteral("export"), project, QStringLiteral("--format"),
                 QStringLiteral("voc"), QStringLiteral("-o"), folder + QStringLiteral("/voc"),
                 QStringLiteral("--decimals"), QStringLiteral("3")});
        QCOMPARE(tooMany.code, 2);
        QVERIFY2(tooMany.err.contains(QStringLiteral("0 to 2")), qPrintable(tooMany.err));
    }

    void checkFindsDamagedRows() {
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        {
            auto db = Database::open(project, Database::Mode::ReadWrite);
            QVERIFY(db.ok());
            QVERIFY((*db)
                        ->exec(QStringLiteral("UPDATE tasks SET data = '{\"text\": ' WHERE uid = "
                                              "'b'"))
                        .ok());
            // An index whose definition no longer matches its rows: what
            // integrity_check exists to find.
            QVERIFY((*db)
                        ->exec(QStringLiteral(
                            "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = "
                            "'CREATE INDEX annotations_by_annotator ON annotations(status, "
                            "annotator, task_uid)' WHERE name = "
                            "'annotations_by_annotator'; PRAGMA writable_schema = OFF;"))
                        .ok());
        }
        Run r = run({QStringLiteral("check"), project});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("task b: data is not valid JSON")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("integrity: ")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("annotations_by_annotator")), qPrintable(r.out));
    }

    void newerProjectIsRefusedAndUntouched_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("stats") << QStringList{QStringLiteral("stats")};
        QTest::newRow("stats --json")
            << QStringList{QStringLiteral("stats"), QStringLiteral("--json")};
        QTest::newRow("check") << QStringList{QStringLiteral("check")};
        QTest::newRow("import") << QStringList{QStringLiteral("import"), QStringLiteral("@input")};
        QTest::newRow("export") << QStringList{QStringLiteral("export"), QStringLiteral("--format"),
                                               QStringLiteral("jsonl"), QStringLiteral("-o"),
                                               QStringLiteral("@output")};
        QTest::newRow("init over it") << QStringList{
            QStringLiteral("init"), QStringLiteral("--kind"), QStringLiteral("text")};
    }

    void newerProjectIsRefusedAndUntouched() {
        QFETCH(QStringList, args);
        const QString folder = freshFolder();
        const QString project = makeTextProject(folder);
        QVERIFY(!project.isEmpty());
        const int newer = Migrations::latestVersion() + 7;
        {
            auto db = Database::open(project, Database::Mode::ReadWrite);
            QVERIFY(db.ok());
            QVERIFY((*db)->exec(QStringLiteral("PRAGMA user_version = %1").arg(newer)).ok());
        }
        const QByteArray before = fileSha256(project);
        QVERIFY(!before.isEmpty());
        const QString output = folder + QStringLiteral("/out.jsonl");
        for (QString& arg : args) {
            if (arg == QLatin1String("@input"))
                arg = folder + QStringLiteral("/first.jsonl");
            else if (arg == QLatin1String("@output"))
                arg = output;
        }
        args.insert(1, project);
        Run r = run(args);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(r.err.contains(project), qPrintable(r.err));
        if (args.first() != QLatin1String("init")) {
            QVERIFY2(r.err.contains(QStringLiteral("version %1").arg(newer)), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("up to %1").arg(Migrations::latestVersion())),
                     qPrintable(r.err));
        }
        QVERIFY(r.out.isEmpty());
        QCOMPARE(fileSha256(project), before);
        QVERIFY(!QFileInfo::exists(output));
        QCOMPARE(queryInt(project, QStringLiteral("PRAGMA user_version")), newer);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
