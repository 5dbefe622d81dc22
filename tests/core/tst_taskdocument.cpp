#include <QJsonArray>
#include <QJsonDocument>
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
        // The verdict is missing too (it was not asked for before).
        QCOMPARE(doc.missingRequiredAnswers().size(), 2);
        QVERIFY(doc.missingRequiredAnswers().last().contains(QStringLiteral("10")));
        QJsonObject result{{QStringLiteral("preference"), 1}};
        // Nine code points, eleven UTF-16 units: still too short.
        result.insert(QStringLiteral("critique"),
                      QString::fromUtf8("abc \xF0\x9F\x98\x80 ab\xF0\x9F\x98\x80"));
        doc.changeResult(result, QStringLiteral("Critique"));
        QCOMPARE(doc.missingRequiredAnswers().size(), 1);
        result.insert(QStringLiteral("critique"), QStringLiteral("long enough now"));
        doc.changeResult(result, QStringLiteral("Critique"));
        QVERIFY(doc.missingRequiredAnswers().isEmpty());
    }

    // Submitting asks for what the schema requires of a comparison: the
    // verdict by default (a comparison could be submitted without one), the
    // scores of required rubric dimensions and a required critique, each named.
    void comparisonNeedsWhatTheSchemaRequires() {
        auto schema = Schema::fromJsonText(R"({
            "rubric": [{"name": "helpfulness", "min": 1, "max": 7, "required": true},
                       {"name": "style", "min": 1, "max": 5}],
            "critique": {"required": true}})");
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        Project::CreateOptions options;
        options.schema = *schema;
        const QString path = m_dir.filePath(QStringLiteral("required.postil"));
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
        QStringList missing = doc.missingRequiredAnswers();
        QCOMPARE(missing.size(), 3);
        QVERIFY2(missing[0].contains(QStringLiteral("verdict")), qPrintable(missing[0]));
        QCOMPARE(missing[1], QStringLiteral("the helpfulness score of A, B"));
        QCOMPARE(missing[2], QStringLiteral("the critique"));

        // Shown as [1, 0]: canonical response 0 is "B"; scoring it leaves "A".
        QJsonObject result{{QStringLiteral("order"), QJsonArray{1, 0}},
                           {QStringLiteral("both_bad"), true},
                           {QStringLiteral("rubric"), QJsonObject{{QStringLiteral("helpfulness"),
                                                                   QJsonArray{4, QJsonValue()}}}}};
        doc.changeResult(result, QStringLiteral("Edit"));
        missing = doc.missingRequiredAnswers();
        QCOMPARE(missing, (QStringList{QStringLiteral("the helpfulness score of A"),
                                       QStringLiteral("the critique")}));
        result.insert(QStringLiteral("rubric"),
                      QJsonObject{{QStringLiteral("helpfulness"), QJsonArray{4, 6}}});
        result.insert(QStringLiteral("critique"), QStringLiteral("   "));
        doc.changeResult(result, QStringLiteral("Edit"));
        QCOMPARE(doc.missingRequiredAnswers(), QStringList{QStringLiteral("the critique")});
        result.insert(QStringLiteral("critique"), QStringLiteral("B is shorter"));
        doc.changeResult(result, QStringLiteral("Edit"));
        QVERIFY(doc.missingRequiredAnswers().isEmpty());

        // A ranking is the verdict of three responses.
        Task triple = task;
        triple.uid = QStringLiteral("triple");
        triple.data.insert(
            QStringLiteral("responses"),
            QJsonArray{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        QVERIFY((*project)->tasks().add(triple).ok());
        TaskDocument three(**project, *(*project)->tasks().byUid(QStringLiteral("triple")));
        QVERIFY(three.missingRequiredAnswers().first().contains(QStringLiteral("ranking")));
        three.changeResult(
            {{QStringLiteral("ranking"), QJsonArray{QJsonArray{2}, QJsonArray{0, 1}}}},
            QStringLiteral("Rank"));
        QVERIFY(!three.missingRequiredAnswers().first().contains(QStringLiteral("ranking")));

        // A project may turn the verdict off.
        Schema optional = (*project)->schema();
        optional.requireVerdict = false;
        optional.rubric.clear();
        optional.critiqueRequired = false;
        QVERIFY((*project)->setSchema(optional).ok());
        TaskDocument silent(**project, *(*project)->tasks().byUid(QStringLiteral("triple")));
        silent.changeResult({}, QStringLiteral("Nothing"));
        QVERIFY(silent.missingRequiredAnswers().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTaskDocument)
#include "tst_taskdocument.moc"
