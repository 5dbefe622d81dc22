// Typing a text answer in the studio: the answer is written once per pause,
// not per keystroke (each write is a commit to the file and a refresh of the
// window), and yet nothing typed is lost when the task changes, Escape is
// pressed, the window closes or the user just stops typing.
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include "document/taskdocument.h"
#include "model/project.h"
#include "shell/mainwindow.h"
#include "shell/taskworkspace.h"
#include "testsupport.h"
#include "widgets/questioncard.h"
#include "widgets/questionform.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

const char* const kSchema = R"({
  "questions": [
    {"name": "intent", "type": "single", "options": ["billing", "refund"]},
    {"name": "notes", "type": "text", "required": true}
  ]})";

QString uidOf(int id) {
    return QStringLiteral("msg-%1").arg(id);
}

}  // namespace

class TestAnswerTyping : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_path;
    int m_run = 0;

    // What a fresh connection reads from the file, not the window's memory.
    QString storedNotes(int taskId) {
        auto project = Project::open(m_path);
        if (!project.ok())
            return QStringLiteral("error: ") + project.error();
        auto row = (*project)->annotations().get(uidOf(taskId), (*project)->annotator());
        if (!row || row->deleted)
            return QStringLiteral("(no row)");
        return row->result.value(QStringLiteral("answers"))
            .toObject()
            .value(QStringLiteral("notes"))
            .toString(QStringLiteral("(no answer)"));
    }

    QPlainTextEdit* notesField(MainWindow& window) {
        auto* card = window.workspace()->questionForm()->findChild<QuestionCard*>(
            QStringLiteral("question-notes"));
        return card ? card->textEdit() : nullptr;
    }

    qint64 currentTask(MainWindow& window) {
        TaskDocument* doc = window.workspace()->document();
        return doc ? doc->task().id : 0;
    }

    // Starts typing into the notes of the task on screen the way a user
    // does: F2 (question.edit) with the notes question active.
    QPlainTextEdit* startTyping(MainWindow& window) {
        QuestionForm* form = window.workspace()->questionForm();
        form->setActiveQuestion(1);
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &window,
                        Qt::Key_F2);
        QPlainTextEdit* notes = notesField(window);
        if (!notes || QApplication::focusWidget() != notes)
            return nullptr;
        return notes;
    }

    QToolButton* toolbarButton(MainWindow& window, const QString& actionName) {
        for (QToolBar* bar : window.findChildren<QToolBar*>())
            for (QAction* action : bar->actions())
                if (action->objectName() == actionName)
                    return qobject_cast<QToolButton*>(bar->widgetForAction(action));
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
    }

    void init() {
        m_path = m_dir.filePath(QStringLiteral("typing-%1.postil").arg(++m_run));
        auto project = makeProject(m_path, kSchema);
        Transaction tx(project->database());
        for (int id = 1; id <= 6; ++id) {
            Task task;
            task.uid = uidOf(id);
            task.kind = TaskKind::Text;
            task.data = {{QStringLiteral("text"), QStringLiteral("Message %1").arg(id)}};
            task.preview = Task::previewFor(task.kind, task.data);
            QVERIFY(project->tasks().add(task).ok());
        }
        QVERIFY(tx.commit().ok());
    }

    // Keystrokes write nothing; a pause writes what was typed, once.
    void aPauseWritesTheTyping() {
        MainWindow window;
        QVERIFY(window.openProject(m_path));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        window.goToTask(1);
        QPlainTextEdit* notes = startTyping(window);
        QVERIFY(notes);
        TaskDocument* doc = window.workspace()->document();
        QSignalSpy writes(doc, &TaskDocument::changed);
        QTest::keyClicks(notes, QStringLiteral("charged twice"));
        QCOMPARE(writes.count(), 0);
        QCOMPARE(storedNotes(1), QStringLiteral("(no row)"));
        // The debouncer's pause (300 ms) and no more than a few turns after it:
        // what a kill -9 then finds (tst_lostedits kills a studio for real).
        QTRY_COMPARE_WITH_TIMEOUT(storedNotes(1), QStringLiteral("charged twice"), 1000);
        QCOMPARE(writes.count(), 1);
        QCOMPARE(doc->undoStack()->count(), 1);
        QCOMPARE(QApplication::focusWidget(), notes);  // typing goes on where it was
        QTest::keyClicks(notes, QStringLiteral(" again"));
        QTRY_COMPARE_WITH_TIMEOUT(storedNotes(1), QStringLiteral("charged twice again"), 1000);
        QCOMPARE(doc->undoStack()->count(), 1);  // still one undo step of typing
    }

    // (a) Going to another task, by key and by the toolbar (which takes no
    // focus, so the field never loses it before the task changes).
    void switchingTaskWritesTheTyping() {
        MainWindow window;
        QVERIFY(window.openProject(m_path));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        window.goToTask(1);
        QPlainTextEdit* notes = startTyping(window);
        QVERIFY(notes);
        QTest::keyClicks(notes, QStringLiteral("first"));
        QTest::keyClick(notes, Qt::Key_Right, Qt::AltModifier);  // task.next
        QCOMPARE(currentTask(window), qint64(2));
        QCOMPARE(storedNotes(1), QStringLiteral("first"));
        QCOMPARE(notesField(window)->toPlainText(), QString());

        notes = startTyping(window);
        QVERIFY(notes);
        QTest::keyClicks(notes, QStringLiteral("second"));
        QToolButton* next = toolbarButton(window, QStringLiteral("task.next"));
        QVERIFY(next);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(currentTask(window), qint64(3));
        QCOMPARE(storedNotes(2), QStringLiteral("second"));
        QCOMPARE(storedNotes(3), QStringLiteral("(no row)"));

        // Back on task 2, its text is there to go on with.
        window.goToTask(2);
        QCOMPARE(notesField(window)->toPlainText(), QStringLiteral("second"));
    }

    // (b) Escape leaves the field with the text written.
    void escapeWritesTheTyping() {
        MainWindow window;
        QVERIFY(window.openProject(m_path));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        window.goToTask(4);
        QPlainTextEdit* notes = startTyping(window);
        QVERIFY(notes);
        QTest::keyClicks(notes, QStringLiteral("escape hatch"));
        QCOMPARE(storedNotes(4), QStringLiteral("(no row)"));
        QTest::keyClick(notes, Qt::Key_Escape);
        QVERIFY(QApplication::focusWidget() != notes);
        QCOMPARE(storedNotes(4), QStringLiteral("escape hatch"));
        QCOMPARE(currentTask(window), qint64(4));
    }

    // (c) Closing the window (File ▸ Quit does the same) writes it too.
    void closingWritesTheTyping() {
        {
            MainWindow window;
            QVERIFY(window.openProject(m_path));
            QVERIFY(showActive(&window, QSize(1366, 768)));
            window.goToTask(5);
            QPlainTextEdit* notes = startTyping(window);
            QVERIFY(notes);
            QTest::keyClicks(notes, QStringLiteral("last words"));
            QCOMPARE(storedNotes(5), QStringLiteral("(no row)"));
            QVERIFY(window.close());
            QCOMPARE(storedNotes(5), QStringLiteral("last words"));
        }
        QCOMPARE(storedNotes(5), QStringLiteral("last words"));
    }

    // Submitting from the toolbar right after typing submits what was typed:
    // the notes are required, so a submit that did not see them would refuse.
    void submittingIncludesTheTyping() {
        MainWindow window;
        QVERIFY(window.openProject(m_path));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        window.goToTask(6);
        QPlainTextEdit* notes = startTyping(window);
        QVERIFY(notes);
        QTest::keyClicks(notes, QStringLiteral("done"));
        QToolButton* submit = toolbarButton(window, QStringLiteral("task.submit"));
        QVERIFY(submit);
        QTest::mouseClick(submit, Qt::LeftButton);
        QVERIFY(currentTask(window) != 6);  // submitted, so on to an unfinished task
        auto project = Project::open(m_path);
        QVERIFY(project.ok());
        auto row = (*project)->annotations().get(uidOf(6), (*project)->annotator());
        QVERIFY(row);
        QCOMPARE(toString(row->status), QStringLiteral("submitted"));
        QCOMPARE(storedNotes(6), QStringLiteral("done"));
    }
};

QTEST_MAIN(TestAnswerTyping)
#include "tst_answertyping.moc"
