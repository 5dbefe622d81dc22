// The studio as a person uses it: answer with the keyboard, move between
// tasks, undo, close, reopen, and find every answer in the project file.
#include <QtTest>

#include "document/taskdocument.h"
#include "model/project.h"
#include "shell/mainwindow.h"
#include "shell/taskworkspace.h"

using namespace postil;

class TestStudio : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString makeProject() {
        const QString path = m_dir.filePath(QStringLiteral("studio.postil"));
        auto schema = Schema::fromJsonText(
            "{\"questions\":["
            "{\"name\":\"intent\",\"type\":\"single\",\"options\":[\"billing\",\"refund\","
            "\"other\"],\"required\":true},"
            "{\"name\":\"urgent\",\"type\":\"flag\"}]}");
        if (!schema.ok())
            qFatal("%s", qPrintable(schema.error()));
        Project::CreateOptions options;
        options.name = QStringLiteral("Support intents");
        options.schema = *schema;
        auto project = Project::create(path, options);
        if (!project.ok())
            qFatal("%s", qPrintable(project.error()));
        Transaction tx((*project)->database());
        for (int i = 1; i <= 3; ++i) {
            Task task;
            task.uid = QStringLiteral("msg-%1").arg(i);
            task.data = {{QStringLiteral("text"), QStringLiteral("Message number %1").arg(i)}};
            task.preview = task.data.value(QStringLiteral("text")).toString();
            (void)(*project)->tasks().add(task);
        }
        (void)tx.commit();
        return path;
    }

    static void press(QWidget* window, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : window;
        QTest::keyClick(target, Qt::Key(key), modifiers);
        QCoreApplication::processEvents();
    }

    static QString currentUid(MainWindow& w) {
        TaskDocument* doc = w.workspace()->document();
        return doc ? doc->task().uid : QString();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void answerNavigateUndoReopen() {
        const QString path = makeProject();
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.openProject(path));
            w.activateWindow();
            QCOMPARE(currentUid(w), QStringLiteral("msg-1"));

            press(&w, Qt::Key_2);  // intent = refund; the form moves to the next question
            press(&w, Qt::Key_1);  // urgent = yes
            press(&w, Qt::Key_Return, Qt::ControlModifier);  // submit, go to the next unfinished
            QCOMPARE(currentUid(w), QStringLiteral("msg-2"));

            press(&w, Qt::Key_1);                       // intent = billing
            press(&w, Qt::Key_Right, Qt::AltModifier);  // next task
            QCOMPARE(currentUid(w), QStringLiteral("msg-3"));
            press(&w, Qt::Key_3);  // intent = other
            QCOMPARE(w.workspace()
                         ->document()
                         ->result()[QStringLiteral("answers")][QStringLiteral("intent")]
                         .toString(),
                     QStringLiteral("other"));
            press(&w, Qt::Key_Z, Qt::ControlModifier);  // undo it
            QVERIFY(!w.workspace()->document()->state().exists);
            press(&w, Qt::Key_Left, Qt::AltModifier);  // back to task 2
            QCOMPARE(currentUid(w), QStringLiteral("msg-2"));

            // Submitting without the required answer is refused.
            press(&w, Qt::Key_Right, Qt::AltModifier);
            press(&w, Qt::Key_Return, Qt::ControlModifier);
            QCOMPARE(currentUid(w), QStringLiteral("msg-3"));
            QCOMPARE(toString(w.workspace()->document()->state().status), QStringLiteral("draft"));
            w.close();
        }

        // What the file holds, read through a fresh connection.
        {
            auto project = Project::open(path);
            QVERIFY2(project.ok(), qPrintable(project.error()));
            Project& p = **project;
            auto first = p.annotations().get(QStringLiteral("msg-1"), p.annotator());
            QVERIFY(first && !first->deleted);
            QCOMPARE(toString(first->status), QStringLiteral("submitted"));
            const QJsonObject answers = first->result[QStringLiteral("answers")].toObject();
            QCOMPARE(answers[QStringLiteral("intent")].toString(), QStringLiteral("refund"));
            QCOMPARE(answers[QStringLiteral("urgent")].toBool(), true);
            auto second = p.annotations().get(QStringLiteral("msg-2"), p.annotator());
            QVERIFY(second && !second->deleted);
            QCOMPARE(toString(second->status), QStringLiteral("draft"));
            QCOMPARE(second->result[QStringLiteral("answers")][QStringLiteral("intent")].toString(),
                     QStringLiteral("billing"));
            auto third = p.annotations().get(QStringLiteral("msg-3"), p.annotator());
            QVERIFY(!third || third->deleted);
        }

        // Reopened, the studio resumes at the first unfinished task with its answer shown.
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.openProject(path));
        QCOMPARE(currentUid(again), QStringLiteral("msg-2"));
        QCOMPARE(again.workspace()
                     ->document()
                     ->result()[QStringLiteral("answers")][QStringLiteral("intent")]
                     .toString(),
                 QStringLiteral("billing"));
    }
};

QTEST_MAIN(TestStudio)
#include "tst_studio.moc"
