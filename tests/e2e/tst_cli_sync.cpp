// The sync commands as a user types them: pack-out, pack-back, merge (files
// and an inbox folder, twice, and a refused pack), conflicts, and the export
// switches for reviewed answers (docs/architecture.md "Sync by files").

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "clirun.h"
#include "testsupport.h"

using namespace postil;
using namespace postil::e2e;

class TestCliSync : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    // Each person on their own machine: their own settings, so their own device id.
    CliRun as(const QString& person, const QStringList& args) {
        const QString home = m_dir.filePath(person);
        QDir().mkpath(home);
        return runCli(home, args);
    }
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void oneAnnotatorOnTwoLaptopsIsListedWithBothVersions() {
        // Cy takes her pack to two laptops and labels task "a" differently on
        // each: the lead keeps both and 'conflicts' shows what each says.
        const QString lead = path(QStringLiteral("two/lead.postil"));
        writeFile(path(QStringLiteral("two/tasks.jsonl")),
                  "{\"id\":\"a\",\"data\":{\"text\":\"Ana met Bob\"}}\n");
        QCOMPARE(as(QStringLiteral("lead"), {QStringLiteral("init"), lead, QStringLiteral("--kind"),
                                             QStringLiteral("text")})
                     .code,
                 0);
        QCOMPARE(as(QStringLiteral("lead"),
                    {QStringLiteral("import"), lead, path(QStringLiteral("two/tasks.jsonl"))})
                     .code,
                 0);
        const QString pack = path(QStringLiteral("two/cy.postilpack"));
        QCOMPARE(
            as(QStringLiteral("lead"), {QStringLiteral("pack-out"), lead, QStringLiteral("-o"),
                                        pack, QStringLiteral("--annotator"), QStringLiteral("cy")})
                .code,
            0);
        for (const QString& laptop : {QStringLiteral("laptop1"), QStringLiteral("laptop2")}) {
            const QString copy = path(QStringLiteral("two/%1/cy.postilpack").arg(laptop));
            QDir().mkpath(QFileInfo(copy).absolutePath());
            QVERIFY(QFile::copy(pack, copy));
            const QString label = laptop == QLatin1String("laptop1") ? QStringLiteral("PERSON")
                                                                     : QStringLiteral("NAME");
            writeFile(path(QStringLiteral("two/%1.jsonl").arg(laptop)),
                      QStringLiteral("{\"id\":\"a\",\"data\":{\"text\":\"Ana met Bob\"},"
                                     "\"annotations\":[{\"status\":\"submitted\",\"result\":{"
                                     "\"spans\":[{\"label\":\"%1\",\"start\":0,\"end\":3}]}}]}\n")
                          .arg(label)
                          .toUtf8());
            CliRun imported = as(laptop, {QStringLiteral("import"), copy,
                                          path(QStringLiteral("two/%1.jsonl").arg(laptop))});
            QVERIFY2(imported.code == 0, qPrintable(imported.err));
            CliRun back = as(laptop, {QStringLiteral("pack-back"), copy, QStringLiteral("-o"),
                                      path(QStringLiteral("two/%1-back.postilpack").arg(laptop))});
            QVERIFY2(back.code == 0, qPrintable(back.err));
            CliRun merged = as(QStringLiteral("lead"),
                               {QStringLiteral("merge"), lead,
                                path(QStringLiteral("two/%1-back.postilpack").arg(laptop))});
            QVERIFY2(merged.code == 0, qPrintable(merged.err));
        }
        CliRun listed = as(QStringLiteral("lead"), {QStringLiteral("conflicts"), lead});
        QCOMPARE(listed.code, 0);
        // The task, the annotator, and both versions as they read.
        QVERIFY2(listed.out.contains(QLatin1String("(a), cy: kept 1 other version")),
                 qPrintable(listed.out));
        QVERIFY2(listed.out.contains(QLatin1String("\"label\":\"PERSON\"")) &&
                     listed.out.contains(QLatin1String("\"label\":\"NAME\"")),
                 qPrintable(listed.out));
        QVERIFY2(listed.out.contains(QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate)),
                 qPrintable(listed.out));
    }

    void leadHandsOutAndMergesBack() {
        writeFile(path(QStringLiteral("tasks.jsonl")),
                  "{\"id\":\"a\",\"data\":{\"text\":\"Ana met Bob\"}}\n"
                  "{\"id\":\"b\",\"data\":{\"text\":\"Cy met Di\"}}\n"
                  "{\"id\":\"c\",\"data\":{\"text\":\"Ed met Flo\"}}\n");
        writeFile(path(QStringLiteral("schema.json")), R"({"labels": [{"name": "PER"}]})");
        const QString lead = path(QStringLiteral("lead.postil"));
        QCOMPARE(as(QStringLiteral("lead"),
                    {QStringLiteral("init"), lead, QStringLiteral("--kind"), QStringLiteral("text"),
                     QStringLiteral("--schema"), path(QStringLiteral("schema.json"))})
                     .code,
                 0);
        QCOMPARE(as(QStringLiteral("lead"),
                    {QStringLiteral("import"), lead, path(QStringLiteral("tasks.jsonl"))})
                     .code,
                 0);
        QDir().mkpath(path(QStringLiteral("out")));
        CliRun out = as(QStringLiteral("lead"),
                        {QStringLiteral("pack-out"), lead, QStringLiteral("-o"),
                         // "out/" as the README types it: a folder with its slash.
                         path(QStringLiteral("out/")), QStringLiteral("--annotator"),
                         QStringLiteral("ann,bo"), QStringLiteral("--split"), QStringLiteral("2"),
                         QStringLiteral("--overlap"), QStringLiteral("50")});
        QVERIFY2(out.code == 0, qPrintable(out.err));
        QVERIFY(QFileInfo::exists(path(QStringLiteral("out/ann.postilpack"))));
        QVERIFY(QFileInfo::exists(path(QStringLiteral("out/bo.postilpack"))));
        // Usage errors say what is wrong, exit 2.
        CliRun bad =
            as(QStringLiteral("lead"), {QStringLiteral("pack-out"), lead, QStringLiteral("-o"),
                                        path(QStringLiteral("x.postilpack")),
                                        QStringLiteral("--annotator"), QStringLiteral("a,b")});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains(QLatin1String("--split")), qPrintable(bad.err));

        // Each annotator answers in their pack (here by importing), and sends it back.
        for (const QString& who : {QStringLiteral("ann"), QStringLiteral("bo")}) {
            const QString pack = path(QStringLiteral("out/%1.postilpack").arg(who));
            writeFile(path(who + QStringLiteral(".jsonl")),
                      QStringLiteral("{\"id\":\"a\",\"data\":{\"text\":\"Ana met Bob\"},"
                                     "\"annotations\":[{\"status\":\"submitted\",\"result\":{"
                                     "\"spans\":[{\"label\":\"PER\",\"start\":0,\"end\":%1}]}}]}\n")
                          .arg(who == QLatin1String("ann") ? 3 : 7)
                          .toUtf8());
            CliRun imported =
                as(who, {QStringLiteral("import"), pack, path(who + QStringLiteral(".jsonl"))});
            QVERIFY2(imported.code == 0, qPrintable(imported.err));
            QDir().mkpath(path(QStringLiteral("inbox")));
            CliRun back = as(who, {QStringLiteral("pack-back"), pack, QStringLiteral("-o"),
                                   path(QStringLiteral("inbox/%1-back.postilpack").arg(who))});
            QVERIFY2(back.code == 0, qPrintable(back.err));
        }
        // The inbox merges; again, nothing new; the rows are the annotators'.
        CliRun merged =
            as(QStringLiteral("lead"), {QStringLiteral("merge"), lead,
                                        path(QStringLiteral("inbox")), QStringLiteral("--json")});
        QVERIFY2(merged.code == 0, qPrintable(merged.err));
        const QJsonArray reports = QJsonDocument::fromJson(merged.out.toUtf8())
                                       .object()
                                       .value(QStringLiteral("packs"))
                                       .toArray();
        QCOMPARE(reports.size(), 2);
        QCOMPARE(reports[0].toObject().value(QStringLiteral("added")).toInt(), 1);
        CliRun again = as(QStringLiteral("lead"),
                          {QStringLiteral("merge"), lead, path(QStringLiteral("inbox"))});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.err.contains(QLatin1String("merged before")), qPrintable(again.err));
        CliRun stats = as(QStringLiteral("lead"), {QStringLiteral("stats"), lead});
        QVERIFY2(
            stats.out.contains(QLatin1String("ann")) && stats.out.contains(QLatin1String("bo")),
            qPrintable(stats.out));

        // A pack of another project is refused, exit 1, and the rest still merge.
        const QString other = path(QStringLiteral("other.postil"));
        QCOMPARE(as(QStringLiteral("lead"), {QStringLiteral("init"), other,
                                             QStringLiteral("--kind"), QStringLiteral("text")})
                     .code,
                 0);
        QCOMPARE(
            as(QStringLiteral("lead"), {QStringLiteral("pack-back"), other, QStringLiteral("-o"),
                                        path(QStringLiteral("stranger.postilpack"))})
                .code,
            0);
        CliRun refused = as(QStringLiteral("lead"), {QStringLiteral("merge"), lead,
                                                     path(QStringLiteral("stranger.postilpack"))});
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains(QLatin1String("another project")), qPrintable(refused.err));

        // No conflicts here: different annotators never conflict.
        CliRun conflicts = as(QStringLiteral("lead"),
                              {QStringLiteral("conflicts"), lead, QStringLiteral("--json")});
        QCOMPARE(conflicts.code, 0);
        QCOMPARE(QJsonDocument::fromJson(conflicts.out.toUtf8())
                     .object()
                     .value(QStringLiteral("conflicts"))
                     .toArray()
                     .size(),
                 0);

        // Export switches.
        CliRun coco = as(QStringLiteral("lead"),
                         {QStringLiteral("export"), lead, QStringLiteral("--format"),
                          QStringLiteral("coco"), QStringLiteral("-o"),
                          path(QStringLiteral("c.json")), QStringLiteral("--all-annotators")});
        QCOMPARE(coco.code, 2);
        QVERIFY2(coco.err.contains(QLatin1String("one answer per task")), qPrintable(coco.err));
        CliRun prefer =
            as(QStringLiteral("lead"),
               {QStringLiteral("export"), lead, QStringLiteral("--format"), QStringLiteral("spacy"),
                QStringLiteral("-o"), path(QStringLiteral("s.jsonl")), QStringLiteral("--prefer"),
                QStringLiteral("reviewed")});
        QVERIFY2(prefer.code == 0, qPrintable(prefer.err));
        QCOMPARE(readFile(path(QStringLiteral("s.jsonl"))).trimmed().split('\n').size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_cli_sync.moc"
