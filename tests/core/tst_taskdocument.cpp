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
};

QTEST_GUILESS_MAIN(TestTaskDocument)
#include "tst_taskdocument.moc"
