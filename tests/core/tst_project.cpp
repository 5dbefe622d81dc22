#include <QtTest>

#include <sqlite3.h>

#include "model/ids.h"
#include "model/project.h"
#include "store/migrations.h"
#include "testsupport.h"

using namespace postil;

namespace {
QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Sets PRAGMA user_version with the raw C API, as a newer build would leave it.
void setUserVersion(const QString& path, int version) {
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    const QByteArray sql = "PRAGMA user_version = " + QByteArray::number(version);
    QCOMPARE(sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
}
}  // namespace

class TestProject : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createAndReopen() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.postil"));
        Project::CreateOptions options;
        options.name = QStringLiteral("Intent triage");
        options.kind = TaskKind::Text;
        auto schema = Schema::fromJsonText(
            "{\"questions\":[{\"name\":\"intent\",\"type\":\"single\","
            "\"options\":[\"billing\",\"refund\"]}],"
            "\"guidelines\":\"# Read me\",\"future_key\":{\"kept\":true}}");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        options.schema = *schema;
        {
            auto project = Project::create(path, options);
            QVERIFY2(project.ok(), qPrintable(project.error()));
            QCOMPARE((*project)->name(), QStringLiteral("Intent triage"));
        }
        auto again = Project::open(path);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE((*again)->name(), QStringLiteral("Intent triage"));
        QCOMPARE((*again)->schema().questions.size(), 1);
        QCOMPARE((*again)->schema().guidelines, QStringLiteral("# Read me"));
        // Unknown keys survive the round trip through the file.
        QVERIFY((*again)->schema().toJson().value(QStringLiteral("future_key")).isObject());
        auto version = (*again)->database().queryInt(QStringLiteral("PRAGMA user_version"));
        QCOMPARE(*version, qint64(Migrations::latestVersion()));
        auto mode = (*again)->database().queryText(QStringLiteral("PRAGMA journal_mode"));
        QCOMPARE(*mode, QStringLiteral("wal"));
        // Creating over an existing file is refused.
        QVERIFY(!Project::create(path, options).ok());
    }

    // The settings dialog's save: name and schema together or not at all, in
    // the file and in memory. A trigger makes the second write fail.
    void nameAndSchemaAreOneWrite() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.postil"));
        Project::CreateOptions options;
        options.name = QStringLiteral("Before");
        auto created = Project::create(path, options);
        QVERIFY2(created.ok(), qPrintable(created.error()));
        Project& project = **created;
        const QByteArray schemaBefore = canonicalJson(project.schema().toJson());
        auto changed = Schema::fromJsonText(
            "{\"questions\":[{\"name\":\"ok\",\"type\":\"single\",\"options\":[\"y\",\"n\"]}]}");
        QVERIFY2(changed.ok(), qPrintable(changed.error()));

        QVERIFY(project.database()
                    .exec(QStringLiteral("CREATE TRIGGER no_rename BEFORE INSERT ON meta "
                                         "WHEN NEW.key = 'name' BEGIN "
                                         "SELECT RAISE(ABORT, 'renaming refused'); END"))
                    .ok());
        Status failed = project.setNameAndSchema(QStringLiteral("After"), *changed);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(QStringLiteral("renaming refused")),
                 qPrintable(failed.error()));
        // Memory: the schema set inside the rolled-back transaction is gone.
        QCOMPARE(project.name(), QStringLiteral("Before"));
        QCOMPARE(canonicalJson(project.schema().toJson()), schemaBefore);
        QVERIFY(project.schema().questions.isEmpty());

        // With the trigger gone both land; the file agrees after a reopen.
        QVERIFY(project.database().exec(QStringLiteral("DROP TRIGGER no_rename")).ok());
        QVERIFY(project.setNameAndSchema(QStringLiteral("After"), *changed).ok());
        created->reset();
        auto reopened = Project::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        QCOMPARE((*reopened)->name(), QStringLiteral("After"));
        QCOMPARE((*reopened)->schema().questions.size(), 1);
    }

    void newerVersionIsRefusedAndUntouched() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("future.postil"));
        QVERIFY(Project::create(path, {}).ok());
        setUserVersion(path, Migrations::latestVersion() + 5);
        const QByteArray before = fileHash(path);
        auto opened = Project::open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(QString::number(Migrations::latestVersion() + 5)),
                 qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QString::number(Migrations::latestVersion())),
                 qPrintable(opened.error()));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void foreignDatabaseIsRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.db"));
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE x(a)", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        const QByteArray before = fileHash(path);
        auto opened = Project::open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(QStringLiteral("not a Postil project")),
                 qPrintable(opened.error()));
        QCOMPARE(fileHash(path), before);
    }

    void garbageFileIsRefused() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("junk.postil"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        auto opened = Project::open(path);
        QVERIFY(!opened.ok());
        QVERIFY(opened.error().contains(path));
    }

    void uidsAreDeterministic() {
        const QJsonObject data{{QStringLiteral("text"), QStringLiteral("héllo 🌍")}};
        const QString a = derivedTaskUid(TaskKind::Text, data);
        QCOMPARE(derivedTaskUid(TaskKind::Text, data), a);
        QVERIFY(derivedTaskUid(TaskKind::Compare, data) != a);
        QVERIFY(derivedTaskUid(TaskKind::Text,
                               {{QStringLiteral("text"), QStringLiteral("héllo 🌎")}}) != a);
        // Key order in the source does not matter: canonical JSON sorts keys.
        QJsonObject ab{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}};
        QJsonObject ba;
        ba.insert(QStringLiteral("b"), 2);
        ba.insert(QStringLiteral("a"), 1);
        QCOMPARE(derivedTaskUid(TaskKind::Text, ab), derivedTaskUid(TaskKind::Text, ba));
        QCOMPARE(a.size(), 32);
    }

    void annotationsRoundTripAndStamp() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.postil"));
        auto project = Project::create(path, {});
        QVERIFY(project.ok());
        Project& p = **project;
        Task task;
        task.uid = QStringLiteral("t1");
        task.data = {{QStringLiteral("text"), QStringLiteral("x")}};
        QVERIFY(*p.tasks().add(task));
        QVERIFY(!*p.tasks().add(task));  // same uid twice adds nothing
        QCOMPARE(p.tasks().count(), qint64(1));

        Annotation a;
        a.taskUid = task.uid;
        a.status = AnnotationStatus::Skipped;
        a.skipReason = QStringLiteral("unreadable");
        a.result = {{QStringLiteral("answers"), QJsonObject{{QStringLiteral("q"), true}}}};
        QVERIFY(p.saveAnnotation(a).ok());
        const qint64 firstStamp = a.hlc;
        QVERIFY(firstStamp > 0);
        QCOMPARE(a.annotator, p.annotator());
        QVERIFY(!a.device.isEmpty());
        a.status = AnnotationStatus::Submitted;
        QVERIFY(p.saveAnnotation(a).ok());
        QVERIFY(a.hlc > firstStamp);

        auto stored = p.annotations().get(task.uid, p.annotator());
        QVERIFY(stored);
        QCOMPARE(toString(stored->status), toString(AnnotationStatus::Submitted));
        QCOMPARE(stored->result, a.result);
        QCOMPARE(stored->hlc, a.hlc);
        QCOMPARE(stored->uid, a.uid);
        QCOMPARE(p.nextUnfinishedTask(0, p.annotator()), std::optional<qint64>());

        // A reopened project's clock continues after the stored stamps.
        project->reset();
        auto reopened = Project::open(path);
        QVERIFY(reopened.ok());
        QVERIFY((*reopened)->clock().now() > a.hlc);
    }

    void failedTransactionLeavesNothing() {
        QTemporaryDir dir;
        auto project = Project::create(dir.filePath(QStringLiteral("t.postil")), {});
        QVERIFY(project.ok());
        Project& p = **project;
        {
            Transaction tx(p.database());
            Task task;
            task.uid = QStringLiteral("rolled-back");
            task.data = {{QStringLiteral("text"), QStringLiteral("x")}};
            QVERIFY(*p.tasks().add(task));
            // No commit: the destructor rolls back.
        }
        QCOMPARE(p.tasks().count(), qint64(0));
    }

    void migrationFiveGivesOldRowsTheirLineage() {
        // A version 4 file with an annotation: sync's migration gives the row
        // the lineage of its own version (device=hlc) and adds the tables.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v4.postil"));
        {
            auto project = makeProject(path);
            addTask(*project, QStringLiteral("t1"), TaskKind::Text, jsonObject(R"({"text":"hi"})"));
            addAnnotation(*project, QStringLiteral("t1"), QStringLiteral("alice"),
                          AnnotationStatus::Submitted, jsonObject(R"({"answers":{}})"));
            QVERIFY(project->database().exec(sqlBackToVersion(4)).ok());
        }
        auto reopened = Project::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        Database& db = (*reopened)->database();
        QCOMPARE(*db.queryInt(QStringLiteral("PRAGMA user_version")),
                 qint64(Migrations::latestVersion()));
        QCOMPARE(*db.queryInt(QStringLiteral(
                     "SELECT count(*) FROM annotations WHERE annotator = 'alice' AND "
                     "lineage = device || '=' || hlc")),
                 qint64(1));
        QCOMPARE(*db.queryInt(QStringLiteral("SELECT count(*) FROM annotation_conflicts")),
                 qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
