#include <QtTest>

#include "document/taskdocument.h"
#include "model/project.h"

using namespace postil;

class TestTaskDocument : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;

    std::unique_ptr<Project> makeProject() {
        auto schema = Schema::fromJsonText(
            R"({"questions":[{"name":"intent","type":"single","options":["billing","refund"],
                              "required":true},
                             {"name":"notes","type":"text"}]})");
        Project::CreateOptions options;
        options.schema = *schema;
        m_path = m_dir.filePath(
            QStringLiteral("doc-%1.postil").arg(QDateTime::currentMSecsSinceEpoch()));
        auto project = Project::create(m_path, options);
        if (!project.ok())
            qFatal("%s", qPrintable(project.error()));
        Task task;
        task.uid = QStringLiteral("task-1");
        task.data = {{QStringLiteral("text"), QStringLiteral("I was charged twice")}};
        (void)(*project)->tasks().add(task);
        return std::move(*project);
    }

    // What a fresh connection reads from the file, not the document's memory.
    static std::optional<Annotation> stored(const QString& path) {
        auto project = Project::open(path);
        if (!project.ok())
            return std::nullopt;
        return (*project)->annotations().get(QStringLiteral("task-1"), (*project)->annotator());
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyEditIsWrittenAndUndoIsToo() {
        auto project = makeProject();
        TaskDocument doc(*project, *project->tasks().byUid(QStringLiteral("task-1")));
        QVERIFY(!stored(m_path));

        doc.setAnswer(QStringLiteral("intent"), QStringLiteral("refund"));
        auto row = stored(m_path);
        QVERIFY(row && !row->deleted);
        QCOMPARE(row->result[QStringLiteral("answers")][QStringLiteral("intent")].toString(),
                 QStringLiteral("refund"));
        QCOMPARE(toString(row->status), toString(AnnotationStatus::Draft));

        doc.submit();
        QCOMPARE(toString(stored(m_path)->status), toString(AnnotationStatus::Submitted));

        doc.undoStack()->undo();
        QCOMPARE(toString(stored(m_path)->status), toString(AnnotationStatus::Draft));
        doc.undoStack()->undo();
        // Undoing the first edit leaves a tombstone: the task is untouched again.
        QVERIFY(stored(m_path)->deleted);
        QVERIFY(!doc.state().exists);

        doc.undoStack()->redo();
        doc.undoStack()->redo();
        row = stored(m_path);
        QVERIFY(!row->deleted);
        QCOMPARE(toString(row->status), toString(AnnotationStatus::Submitted));
        QCOMPARE(row->result[QStringLiteral("answers")][QStringLiteral("intent")].toString(),
                 QStringLiteral("refund"));
    }

    void typingMergesIntoOneStep() {
        auto project = makeProject();
        TaskDocument doc(*project, *project->tasks().byUid(QStringLiteral("task-1")));
        for (const char* text : {"d", "do", "dou", "doub", "double"})
            doc.setAnswer(QStringLiteral("notes"), QString::fromUtf8(text));
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(stored(m_path)->result[QStringLiteral("answers")][QStringLiteral("notes")],
                 QJsonValue(QStringLiteral("double")));
        doc.setAnswer(QStringLiteral("intent"), QStringLiteral("billing"));
        QCOMPARE(doc.undoStack()->count(), 2);
    }

    void skipKeepsReasonAndRequiredAreListed() {
        auto project = makeProject();
        TaskDocument doc(*project, *project->tasks().byUid(QStringLiteral("task-1")));
        QCOMPARE(doc.missingRequiredAnswers(), QStringList{QStringLiteral("intent")});
        doc.skip(QStringLiteral("not English"));
        auto row = stored(m_path);
        QCOMPARE(toString(row->status), toString(AnnotationStatus::Skipped));
        QCOMPARE(row->skipReason, QStringLiteral("not English"));
        doc.setAnswer(QStringLiteral("intent"), QStringLiteral("billing"));
        QVERIFY(doc.missingRequiredAnswers().isEmpty());
    }

    void reopenedDocumentSeesStoredStateAndLeadTimeGrows() {
        auto project = makeProject();
        const Task task = *project->tasks().byUid(QStringLiteral("task-1"));
        {
            TaskDocument doc(*project, task);
            doc.setAnswer(QStringLiteral("intent"), QStringLiteral("billing"));
            QTest::qWait(30);
            doc.submit();
        }
        const qint64 lead = stored(m_path)->leadMs;
        QVERIFY(lead >= 25);
        TaskDocument again(*project, task);
        QCOMPARE(toString(again.state().status), toString(AnnotationStatus::Submitted));
        QTest::qWait(20);
        again.setAnswer(QStringLiteral("intent"), QStringLiteral("refund"));
        QVERIFY(stored(m_path)->leadMs >= lead + 15);
    }

    void activeTimeIsNotAnUndoStepAndNeverShrinks() {
        auto project = makeProject();
        TaskDocument doc(*project, *project->tasks().byUid(QStringLiteral("task-1")));
        // Reading without editing writes nothing yet; the time waits for the first edit.
        doc.recordActiveTime(1200);
        QVERIFY(!stored(m_path));
        doc.setAnswer(QStringLiteral("intent"), QStringLiteral("refund"));
        QCOMPARE(stored(m_path)->result[QStringLiteral("active_ms")].toInteger(), 1200);
        doc.recordActiveTime(800);
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(stored(m_path)->result[QStringLiteral("active_ms")].toInteger(), 2000);
        doc.undoStack()->undo();
        auto row = stored(m_path);
        QVERIFY(row->deleted);
        QCOMPARE(row->result[QStringLiteral("active_ms")].toInteger(), 2000);
        doc.undoStack()->redo();
        QCOMPARE(stored(m_path)->result[QStringLiteral("active_ms")].toInteger(), 2000);
        TaskDocument again(*project, *project->tasks().byUid(QStringLiteral("task-1")));
        QCOMPARE(again.activeTimeMs(), 2000);
    }

    void critiqueMinimumIsRequiredForComparisons() {
        auto schema = Schema::fromJsonText("{\"critique\": {\"min_chars\": 10}}");
        QVERIFY(schema.ok());
        Project::CreateOptions options;
        options.schema = *schema;
        const QString path = m_dir.filePath(QStringLiteral("critique.postil"));
        auto project = Project::create(path, options);
        QVERIFY(project.ok());
        Task task;
        task.uid = QStringLiteral("pair-1");
        task.kind = TaskKind::Compare;
        task.data =
            QJsonDocument::fromJson("{\"prompt\": \"Hi\", \"responses\": [\"Hello\", \"Hey\"]}")
                .object();
        QVERIFY((*project)->tasks().add(task).ok());
        TaskDocument doc(**project, task);
        QCOMPARE(doc.missingRequiredAnswers().size(), 1);
        QVERIFY(doc.missingRequiredAnswers().first().contains(QStringLiteral("10")));
        QJsonObject result;
        // Nine code points, eleven UTF-16 units: still too short.
        result.insert(QStringLiteral("critique"),
                      QString::fromUtf8("abc \xF0\x9F\x98\x80 ab\xF0\x9F\x98\x80"));
        doc.changeResult(result, QStringLiteral("Critique"));
        QCOMPARE(doc.missingRequiredAnswers().size(), 1);
        result.insert(QStringLiteral("critique"), QStringLiteral("long enough now"));
        doc.changeResult(result, QStringLiteral("Critique"));
        QVERIFY(doc.missingRequiredAnswers().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTaskDocument)
#include "tst_taskdocument.moc"
