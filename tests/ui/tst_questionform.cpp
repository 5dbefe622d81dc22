#include <QAction>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QVBoxLayout>
#include <QtTest>

#include "document/taskdocument.h"
#include "keys/keymap.h"
#include "model/project.h"
#include "testsupport.h"
#include "widgets/optionchip.h"
#include "widgets/questioncard.h"
#include "widgets/questionform.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

const char* const kSchema = R"({
  "questions": [
    {"name": "intent", "type": "single", "options": ["billing", "refund", "other"],
     "required": true, "description": "Why the customer wrote"},
    {"name": "topics", "type": "multi", "options": ["a", "b", "c"]},
    {"name": "relevance", "type": "rating", "min": 1, "max": 5},
    {"name": "notes", "type": "text"},
    {"name": "unsafe", "type": "flag"},
    {"name": "blurry", "type": "flag", "kinds": ["image"]}
  ]})";

const QString kTaskUid = QStringLiteral("task-1");

}  // namespace

class TestQuestionForm : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;  // keys this run binds stay out of other tests' way
    QString m_path;
    std::unique_ptr<Project> m_project;
    std::unique_ptr<TaskDocument> m_document;
    std::unique_ptr<QWidget> m_window;
    QWidget* m_editor = nullptr;  // stands in for the task editor that has the focus
    QuestionForm* m_form = nullptr;
    int m_run = 0;

    // What a fresh connection reads from the file, not the document's memory.
    QJsonObject storedAnswers() {
        auto project = Project::open(m_path);
        if (!project.ok())
            return {{QStringLiteral("error"), project.error()}};
        auto row = (*project)->annotations().get(kTaskUid, (*project)->annotator());
        if (!row || row->deleted)
            return {};
        return row->result.value(QStringLiteral("answers")).toObject();
    }
    QJsonObject documentAnswers() const {
        return m_document->state().result.value(QStringLiteral("answers")).toObject();
    }
    QuestionCard* card(const QString& name) const {
        return m_form->findChild<QuestionCard*>(QStringLiteral("question-") + name);
    }
    OptionChip* chip(const QString& question, int choice) const {
        return card(question)->findChild<OptionChip*>(QStringLiteral("choice-%1").arg(choice));
    }
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_editor, key,
                        modifiers);
    }

private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
    }

    void init() {
        m_path = m_dir.filePath(QStringLiteral("form-%1.postil").arg(++m_run));
        m_project = makeProject(m_path, kSchema);
        Task task;
        task.uid = kTaskUid;
        task.kind = TaskKind::Text;
        task.data = {{QStringLiteral("text"), QStringLiteral("I was charged twice")}};
        QVERIFY(m_project->tasks().add(task).ok());
        m_document =
            std::make_unique<TaskDocument>(*m_project, *m_project->tasks().byUid(kTaskUid));

        m_window = std::make_unique<QWidget>();
        auto* layout = new QVBoxLayout(m_window.get());
        m_editor = new QWidget(m_window.get());
        m_editor->setObjectName(QStringLiteral("editor"));
        m_editor->setFocusPolicy(Qt::StrongFocus);
        m_editor->setMinimumSize(200, 100);
        m_form = new QuestionForm(m_window.get());
        layout->addWidget(m_editor);
        layout->addWidget(m_form);
        m_form->setDocument(m_document.get());
        QVERIFY(showActive(m_window.get(), QSize(400, 700)));
        m_editor->setFocus();
        QCOMPARE(QApplication::focusWidget(), m_editor);
    }

    void cleanup() {
        m_window.reset();
        m_document.reset();
        m_project.reset();
    }

    void showsTheQuestionsOfTheKind() {
        // The image-only flag is not asked for a text task.
        QCOMPARE(m_form->questionCount(), 5);
        QVERIFY(!card(QStringLiteral("blurry")));
        QCOMPARE(m_form->activeQuestion(), 0);
        QVERIFY(card(QStringLiteral("intent"))->isActive());
        QCOMPARE(chip(QStringLiteral("intent"), 1)->keyHint(), QStringLiteral("2"));
        QCOMPARE(chip(QStringLiteral("intent"), 1)->text(), QStringLiteral("refund"));
        auto* description =
            card(QStringLiteral("intent"))->findChild<QLabel*>(QStringLiteral("description"));
        QVERIFY(description);
        QCOMPARE(description->text(), QStringLiteral("Why the customer wrote"));
    }

    void keyboardAnswersAreStored() {
        QSignalSpy required(m_form, &QuestionForm::allRequiredAnswered);
        press(Qt::Key_2);  // intent = refund, then on to topics
        QCOMPARE(m_form->activeQuestion(), 1);
        QCOMPARE(required.count(), 1);
        QCOMPARE(required.last().at(0).toBool(), true);

        press(Qt::Key_3);  // multi toggles and stays
        press(Qt::Key_1);
        press(Qt::Key_2);
        press(Qt::Key_2);
        QCOMPARE(m_form->activeQuestion(), 1);
        QCOMPARE(documentAnswers().value(QStringLiteral("topics")).toArray(),
                 QJsonArray({QStringLiteral("a"), QStringLiteral("c")}));

        press(Qt::Key_Down, Qt::ControlModifier);  // question.next
        QCOMPARE(m_form->activeQuestion(), 2);
        press(Qt::Key_9);  // no ninth value on a 1-5 scale: nothing happens
        QVERIFY(!documentAnswers().contains(QStringLiteral("relevance")));
        press(Qt::Key_4);
        QCOMPARE(m_form->activeQuestion(), 3);

        press(Qt::Key_F2);  // question.edit
        QPlainTextEdit* notes = card(QStringLiteral("notes"))->textEdit();
        QCOMPARE(QApplication::focusWidget(), notes);
        const int stepsBefore = m_document->undoStack()->count();
        QTest::keyClicks(notes, QStringLiteral("Fee 2x"));  // digits type, they don't answer
        // Nothing is written per keystroke: the typing waits for a pause, or
        // Escape, and then is one undo step.
        QCOMPARE(m_document->undoStack()->count(), stepsBefore);
        QCOMPARE(documentAnswers().value(QStringLiteral("relevance")).toDouble(), 4.0);
        QTest::keyClick(notes, Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), m_editor);
        QCOMPARE(m_document->undoStack()->count(), stepsBefore + 1);

        press(Qt::Key_Down, Qt::ControlModifier);
        QCOMPARE(m_form->activeQuestion(), 4);
        press(Qt::Key_1);                       // unsafe = yes
        QCOMPARE(m_form->activeQuestion(), 4);  // the last question stays active

        const QJsonObject expected{
            {QStringLiteral("intent"), QStringLiteral("refund")},
            {QStringLiteral("topics"), QJsonArray({QStringLiteral("a"), QStringLiteral("c")})},
            {QStringLiteral("relevance"), 4},
            {QStringLiteral("notes"), QStringLiteral("Fee 2x")},
            {QStringLiteral("unsafe"), true},
        };
        QCOMPARE(documentAnswers(), expected);
        const QJsonObject stored = storedAnswers();
        QCOMPARE(stored, expected);
        QVERIFY(stored.value(QStringLiteral("relevance")).isDouble());
        QVERIFY(stored.value(QStringLiteral("unsafe")).isBool());
        QVERIFY(chip(QStringLiteral("unsafe"), 0)->isChecked());
        QVERIFY(!chip(QStringLiteral("unsafe"), 1)->isChecked());
    }

    void undoUpdatesTheForm() {
        press(Qt::Key_1);  // intent = billing
        press(Qt::Key_Down, Qt::ControlModifier);
        press(Qt::Key_Down, Qt::ControlModifier);
        press(Qt::Key_F2);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("late"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QPlainTextEdit* notes = card(QStringLiteral("notes"))->textEdit();
        QCOMPARE(notes->toPlainText(), QStringLiteral("late"));

        m_document->undoStack()->undo();  // all four keystrokes are one step
        QCOMPARE(notes->toPlainText(), QString());
        QVERIFY(chip(QStringLiteral("intent"), 0)->isChecked());
        QVERIFY(!storedAnswers().contains(QStringLiteral("notes")));

        QSignalSpy required(m_form, &QuestionForm::allRequiredAnswered);
        m_document->undoStack()->undo();
        QVERIFY(!chip(QStringLiteral("intent"), 0)->isChecked());
        QCOMPARE(required.count(), 1);
        QCOMPARE(required.last().at(0).toBool(), false);
        QCOMPARE(storedAnswers(), QJsonObject());

        m_document->undoStack()->redo();
        QVERIFY(chip(QStringLiteral("intent"), 0)->isChecked());
        m_document->undoStack()->redo();
        QCOMPARE(notes->toPlainText(), QStringLiteral("late"));
        QCOMPARE(storedAnswers().value(QStringLiteral("notes")).toString(), QStringLiteral("late"));
    }

    void undoKeyInTheTextFieldUndoesTheDocument() {
        // The window's Undo action (MainWindow has one) must win over the
        // text field's own Ctrl+Z, which would keep a history of its own.
        auto* undo = Keymap::instance().createAction(QStringLiteral("edit.undo"), m_window.get());
        m_window->addAction(undo);
        connect(undo, &QAction::triggered, m_document->undoStack(), &QUndoStack::undo);
        press(Qt::Key_1);
        m_form->setActiveQuestion(3);
        press(Qt::Key_F2);
        QPlainTextEdit* notes = card(QStringLiteral("notes"))->textEdit();
        QCOMPARE(QApplication::focusWidget(), notes);
        QTest::keyClicks(notes, QStringLiteral("typo"));
        QTest::keyClick(notes, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(notes->toPlainText(), QString());
        QVERIFY(!storedAnswers().contains(QStringLiteral("notes")));
        QCOMPARE(storedAnswers().value(QStringLiteral("intent")).toString(),
                 QStringLiteral("billing"));
        QTest::keyClick(notes, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!storedAnswers().contains(QStringLiteral("intent")));
    }

    // A write while typing waits for its pause (the active time, which
    // editors record as the annotator works) shows the stored answers, but
    // not over the text being typed, which is newer.
    void typingSurvivesOtherWrites() {
        press(Qt::Key_1);  // intent = billing: the row exists
        m_form->setActiveQuestion(3);
        press(Qt::Key_F2);
        QPlainTextEdit* notes = card(QStringLiteral("notes"))->textEdit();
        QCOMPARE(QApplication::focusWidget(), notes);
        QTest::keyClicks(notes, QStringLiteral("half a thought"));
        QSignalSpy writes(m_document.get(), &TaskDocument::changed);
        m_document->recordActiveTime(1500);
        QCOMPARE(writes.count(), 1);
        QCOMPARE(notes->toPlainText(), QStringLiteral("half a thought"));
        QCOMPARE(QApplication::focusWidget(), notes);
        QVERIFY(!storedAnswers().contains(QStringLiteral("notes")));
        QTest::keyClicks(notes, QStringLiteral(", finished"));
        QTest::keyClick(notes, Qt::Key_Escape);
        QCOMPARE(storedAnswers().value(QStringLiteral("notes")).toString(),
                 QStringLiteral("half a thought, finished"));
        QCOMPARE(storedAnswers().value(QStringLiteral("intent")).toString(),
                 QStringLiteral("billing"));
    }

    void pickingTheChosenOptionAgainClears() {
        press(Qt::Key_2);
        QCOMPARE(m_form->activeQuestion(), 1);
        press(Qt::Key_Up, Qt::ControlModifier);  // question.previous
        QCOMPARE(m_form->activeQuestion(), 0);
        press(Qt::Key_2);
        QVERIFY(!documentAnswers().contains(QStringLiteral("intent")));
        QCOMPARE(m_form->activeQuestion(), 0);  // a clear does not move on
        QVERIFY(!storedAnswers().contains(QStringLiteral("intent")));

        press(Qt::Key_3);
        press(Qt::Key_Up, Qt::ControlModifier);
        press(Qt::Key_Backspace, Qt::ControlModifier);  // question.clear
        QVERIFY(!storedAnswers().contains(QStringLiteral("intent")));
    }

    void mouseAnswers() {
        QTest::mouseClick(chip(QStringLiteral("relevance"), 4), Qt::LeftButton);
        QCOMPARE(m_form->activeQuestion(), 2);
        QCOMPARE(storedAnswers().value(QStringLiteral("relevance")).toDouble(), 5.0);
        QTest::mouseClick(chip(QStringLiteral("topics"), 1), Qt::LeftButton);
        QCOMPARE(storedAnswers().value(QStringLiteral("topics")).toArray(),
                 QJsonArray({QStringLiteral("b")}));
        QTest::mouseClick(chip(QStringLiteral("unsafe"), 1), Qt::LeftButton);
        QCOMPARE(storedAnswers().value(QStringLiteral("unsafe")), QJsonValue(false));
        // Clicking does not pull the keyboard away from the editor.
        QCOMPARE(QApplication::focusWidget(), m_editor);
    }

    void altDigitsWhenLabelsTakeDigits() {
        m_form->setLabelsTakeDigits(true);
        QCOMPARE(chip(QStringLiteral("intent"), 2)->keyHint(), QStringLiteral("3"));
        press(Qt::Key_3);
        QVERIFY(!documentAnswers().contains(QStringLiteral("intent")));
        QCOMPARE(m_form->activeQuestion(), 0);
        press(Qt::Key_3, Qt::AltModifier);
        QCOMPARE(storedAnswers().value(QStringLiteral("intent")).toString(),
                 QStringLiteral("other"));
        QCOMPARE(m_form->activeQuestion(), 1);

        m_form->setLabelsTakeDigits(false);
        press(Qt::Key_1, Qt::AltModifier);
        QVERIFY(!documentAnswers().contains(QStringLiteral("topics")));
        press(Qt::Key_1);
        QCOMPARE(storedAnswers().value(QStringLiteral("topics")).toArray(),
                 QJsonArray({QStringLiteral("a")}));
    }

    void clearingTheDocumentEmptiesTheForm() {
        m_form->setDocument(nullptr);
        QCOMPARE(m_form->questionCount(), 0);
        QCOMPARE(m_form->activeQuestion(), -1);
        press(Qt::Key_1);
        QCOMPARE(storedAnswers(), QJsonObject());
        // A document going away on its own leaves no dangling pointer.
        m_form->setDocument(m_document.get());
        QCOMPARE(m_form->questionCount(), 5);
        m_document.reset();
        QCOMPARE(m_form->questionCount(), 0);
    }

    // Typing not written yet when its document is destroyed (not closed
    // through setDocument) has nowhere to go: the form empties and nothing
    // writes through the dead document.
    void typingIntoADocumentThatGoesAway() {
        m_form->setActiveQuestion(3);
        press(Qt::Key_F2);
        QPlainTextEdit* notes = card(QStringLiteral("notes"))->textEdit();
        QCOMPARE(QApplication::focusWidget(), notes);
        QTest::keyClicks(notes, QStringLiteral("orphan"));
        QVERIFY(card(QStringLiteral("notes"))->isTypingPending());
        m_document.reset();
        QCOMPARE(m_form->questionCount(), 0);
        QCOMPARE(storedAnswers(), QJsonObject());
    }
};

QTEST_MAIN(TestQuestionForm)
#include "tst_questionform.moc"
