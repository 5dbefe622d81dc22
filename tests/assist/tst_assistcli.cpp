// postil-cli assist as a user runs it: the summary, the failures on stderr,
// the exit status, --tasks, --jobs, --json and the usage errors.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "assisttestsupport.h"
#include "clirun.h"
#include "testsupport.h"

using namespace postil;
using namespace postil::assisttest;
using postil::e2e::runCli;

class TestAssistCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    // Texts "good1", "fail1" (exit 3), "good2" and an image task; a model
    // "m" for text tasks.
    void makeProjectFile(const QString& name) {
        m_path = m_dir.filePath(name + QStringLiteral("/p.postil"));
        auto project = makeProject(m_path);
        for (const char* text : {"good1", "fail1", "good2"})
            addTask(*project, QLatin1String(text), TaskKind::Text,
                    {{QStringLiteral("text"), QLatin1String(text)}});
        addTask(*project, QStringLiteral("img"), TaskKind::Image,
                {{QStringLiteral("image"), QStringLiteral("x.png")}});
        const QString command = script(*project, QStringLiteral("m.py"), R"(
t = json.loads(sys.stdin.readline())
if t["data"]["text"].startswith("fail"):
    sys.stderr.write("Traceback (most recent call last):\nRuntimeError: no GPU\n")
    sys.exit(3)
print(json.dumps({"spans": [{"label": "DATE", "start": 0, "end": 4}]}))
)");
        setModels(*project, QByteArray(R"({"labels": [{"name": "DATE"}], "models": [
            {"name": "m", "kinds": ["text"], "command": ")") +
                                command.toUtf8() + "\"}]}");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void summaryFailuresAndExitStatus() {
        makeProjectFile(QStringLiteral("a"));
        const auto run = runCli(
            m_dir.path(), {QStringLiteral("assist"), m_path, QStringLiteral("--model"),
                           QStringLiteral("m"), QStringLiteral("--jobs"), QStringLiteral("2")});
        QCOMPARE(run.code, 1);
        QVERIFY2(
            run.out.contains(QStringLiteral(
                "model m (m.py 2.1): 2 done, 1 failed, 1 skipped (0 finished, 1 of other kinds)")),
            qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral(
                     "failed: task 2 (fail1): the command failed (exit code 3)\n"
                     "  stderr: Traceback (most recent call last): | RuntimeError: no GPU")),
                 qPrintable(run.err));
        auto project = Project::open(m_path);
        QVERIFY(project.ok());
        QVERIFY((*project)->annotations().get(QStringLiteral("good2"), QStringLiteral("model:m")));

        // Only task 1: it answers, so the exit status is 0. The tester has
        // finished nothing, so --status unfinished takes it again.
        const auto one =
            runCli(m_dir.path(), {QStringLiteral("assist"), m_path, QStringLiteral("--model"),
                                  QStringLiteral("m"), QStringLiteral("--tasks"),
                                  QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(one.code, 0);
        const QJsonObject report = QJsonDocument::fromJson(one.out.toUtf8()).object();
        QCOMPARE(report.value(QStringLiteral("done")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("failed")).toInt(), 0);
        QCOMPARE(report.value(QStringLiteral("version")).toString(), QStringLiteral("m.py 2.1"));
    }

    void usageAndProjectErrors() {
        makeProjectFile(QStringLiteral("b"));
        const QStringList base{QStringLiteral("assist"), m_path, QStringLiteral("--model"),
                               QStringLiteral("m")};
        auto run = runCli(m_dir.path(),
                          base + QStringList{QStringLiteral("--status"), QStringLiteral("done")});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains(QStringLiteral("--status takes unfinished or all")),
                 qPrintable(run.err));
        run =
            runCli(m_dir.path(), base + QStringList{QStringLiteral("--jobs"), QStringLiteral("0")});
        QCOMPARE(run.code, 2);
        run = runCli(m_dir.path(),
                     base + QStringList{QStringLiteral("--timeout"), QStringLiteral("-1")});
        QCOMPARE(run.code, 2);
        run = runCli(m_dir.path(), {QStringLiteral("assist"), m_path});
        QCOMPARE(run.code, 2);
        run = runCli(m_dir.path(), {QStringLiteral("assist"), m_path, QStringLiteral("--model"),
                                    QStringLiteral("nope")});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no model 'nope' (the project has: m)")),
                 qPrintable(run.err));
        run = runCli(m_dir.path(),
                     base + QStringList{QStringLiteral("--tasks"), QStringLiteral("42")});
        QCOMPARE(run.code, 1);
        QVERIFY2(run.err.contains(QStringLiteral("there is no task 42")), qPrintable(run.err));
        // Nothing was run by any of them.
        auto project = Project::open(m_path);
        QVERIFY(project.ok());
        QVERIFY(!(*project)->annotations().get(QStringLiteral("good1"), QStringLiteral("model:m")));
    }
};

QTEST_GUILESS_MAIN(TestAssistCli)
#include "tst_assistcli.moc"
