#include <QTableWidget>
#include <QtTest>

#include "model/project.h"
#include "shell/statsdialog.h"
#include "testsupport.h"

using namespace postil;

namespace {

// A comparison task whose gold says response 1 is better.
Task goldTask(const QString& uid) {
    Task task;
    task.uid = uid;
    task.kind = TaskKind::Compare;
    task.data = QJsonDocument::fromJson(
                    "{\"prompt\": \"Which is right?\", \"responses\": "
                    "[\"Paris is in Spain.\", \"Paris is in France.\"], "
                    "\"gold\": {\"preference\": 2}}")
                    .object();
    return task;
}

void submit(Project& project, const QString& uid, const QString& annotator, int preference) {
    Annotation a;
    a.taskUid = uid;
    a.annotator = annotator;
    a.status = AnnotationStatus::Submitted;
    a.result.insert(QStringLiteral("preference"), preference);
    QVERIFY(project.saveAnnotation(a).ok());
}

QString cell(QTableWidget* table, const QString& annotator, int column) {
    for (int row = 0; row < table->rowCount(); ++row)
        if (table->item(row, 0)->text() == annotator)
            return table->item(row, column)->text();
    return QString();
}

}  // namespace

class TestStatsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsEachAnnotatorsGoldAccuracy() {
        QTemporaryDir dir;
        // One step from gold counts: ana's 1 and 3 match gold's 2 (exact
        // matching is the default, see tst_comparison).
        auto project = makeProject(dir.filePath(QStringLiteral("gold.postil")),
                                   R"({"compare": {"gold_tolerance": 1}})");
        for (const char* uid : {"g1", "g2", "g3"}) {
            Task task = goldTask(QLatin1String(uid));
            QVERIFY(project->tasks().add(task).ok());
        }
        // ana agrees on two of three (a tie is not the gold's direction), bo on one of one.
        submit(*project, QStringLiteral("g1"), QStringLiteral("ana"), 1);
        submit(*project, QStringLiteral("g2"), QStringLiteral("ana"), 3);
        submit(*project, QStringLiteral("g3"), QStringLiteral("ana"), 0);
        submit(*project, QStringLiteral("g1"), QStringLiteral("bo"), 2);

        StatsDialog dialog(*project);
        QVERIFY(dialog.summaryText().contains(QStringLiteral("3 tasks")));
        QTableWidget* table = dialog.annotatorTable();
        QCOMPARE(table->rowCount(), 2);
        QCOMPARE(table->columnCount(), 6);
        QCOMPARE(cell(table, QStringLiteral("ana"), 2), QStringLiteral("3"));
        QCOMPARE(cell(table, QStringLiteral("ana"), 5), QStringLiteral("66.7% (2 of 3)"));
        QCOMPARE(cell(table, QStringLiteral("bo"), 5), QStringLiteral("100.0% (1 of 1)"));
    }

    void noGoldColumnsWithoutGold() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("plain.postil")));
        Task task;
        task.uid = QStringLiteral("t1");
        task.data.insert(QStringLiteral("text"), QStringLiteral("hello"));
        QVERIFY(project->tasks().add(task).ok());
        Annotation a;
        a.taskUid = QStringLiteral("t1");
        a.annotator = QStringLiteral("ana");
        QVERIFY(project->saveAnnotation(a).ok());
        StatsDialog dialog(*project);
        QCOMPARE(dialog.annotatorTable()->columnCount(), 4);
        QCOMPARE(cell(dialog.annotatorTable(), QStringLiteral("ana"), 1), QStringLiteral("1"));
    }
};

QTEST_MAIN(TestStatsDialog)
#include "tst_statsdialog.moc"
