#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

#include "model/project.h"
#include "shell/projectsettingsdialog.h"

using namespace postil;

namespace {

// Unknown keys at the top and inside a question: both must survive the dialog.
const char* const kSchema = R"({
  "labels": [{"name": "car", "color": "#e6194b", "hotkey": "1"}],
  "questions": [
    {"name": "intent", "type": "single", "options": ["billing", "refund"], "required": true},
    {"name": "score", "type": "rating", "min": 1, "max": 5, "x-hint": "keep me"}
  ],
  "rubric": [{"name": "helpfulness", "min": 1, "max": 7}],
  "guidelines": "# Rules",
  "x-team": "blue"
})";

}  // namespace

class TestProjectSettingsDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Project> m_project;
    int m_run = 0;

    // The schema as a fresh connection reads it from the file.
    QJsonObject storedSchema(QString* name = nullptr) {
        auto project = Project::open(m_path);
        if (!project.ok())
            return {{QStringLiteral("error"), project.error()}};
        if (name)
            *name = (*project)->name();
        return (*project)->schema().toJson();
    }
    static QPushButton* okButton(ProjectSettingsDialog& dialog) {
        return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    }
    template <class T>
    static T* child(QWidget* parent, const char* name) {
        T* found = parent->findChild<T*>(QString::fromLatin1(name));
        if (!found)
            qFatal("no child %s", name);
        return found;
    }
    static void clickItem(QListWidget* list, int row) {
        const QRect rect = list->visualItemRect(list->item(row));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    }
    static void replaceText(QWidget* edit, const QString& text) {
        edit->setFocus();
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(edit, Qt::Key_Delete);
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                QTest::keyClick(edit, Qt::Key_Return);
            QTest::keyClicks(edit, lines[i]);
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void init() {
        auto schema = Schema::fromJsonText(kSchema);
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        Project::CreateOptions options;
        options.name = QStringLiteral("Support tickets");
        options.schema = *schema;
        m_path = m_dir.filePath(QStringLiteral("settings-%1.postil").arg(++m_run));
        auto project = Project::create(m_path, options);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        m_project = std::move(*project);
    }

    void cleanup() { m_project.reset(); }

    void editQuestionThroughTheWidgets() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::QuestionsTab);
        auto* list = child<QListWidget>(&dialog, "questionList");
        QCOMPARE(list->count(), 2);
        clickItem(list, 0);
        QCOMPARE(list->currentRow(), 0);

        replaceText(child<QLineEdit>(&dialog, "questionName"), QStringLiteral("reason"));
        QCOMPARE(list->item(0)->text(), QStringLiteral("reason"));
        replaceText(child<QPlainTextEdit>(&dialog, "questionOptions"),
                    QStringLiteral("billing\nrefund\n fraud "));
        QTest::mouseClick(child<QCheckBox>(&dialog, "kind-text"), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(&dialog, "kind-image"), Qt::LeftButton);
        replaceText(child<QLineEdit>(&dialog, "questionDescription"),
                    QStringLiteral("Why they wrote"));
        auto* required = child<QCheckBox>(&dialog, "questionRequired");
        QVERIFY(required->isChecked());
        QTest::mouseClick(required, Qt::LeftButton, {}, QPoint(6, required->height() / 2));
        QVERIFY(!required->isChecked());

        // The rating's range, through its spin boxes.
        clickItem(list, 1);
        auto* max = child<QSpinBox>(&dialog, "questionMax");
        QCOMPARE(max->value(), 5);
        replaceText(max, QStringLiteral("7"));

        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::GeneralTab);
        replaceText(child<QLineEdit>(&dialog, "projectName"), QStringLiteral("Tickets Q3"));

        QVERIFY2(dialog.problems().isEmpty(), qPrintable(dialog.problems().join(u'\n')));
        QVERIFY(okButton(dialog)->isEnabled());
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        QString name;
        const QJsonObject stored = storedSchema(&name);
        QCOMPARE(name, QStringLiteral("Tickets Q3"));
        const QJsonArray questions = stored.value(QStringLiteral("questions")).toArray();
        QCOMPARE(questions.size(), 2);
        const QJsonObject reason = questions[0].toObject();
        QCOMPARE(reason.value(QStringLiteral("name")).toString(), QStringLiteral("reason"));
        QCOMPARE(reason.value(QStringLiteral("options")).toArray(),
                 QJsonArray({QStringLiteral("billing"), QStringLiteral("refund"),
                             QStringLiteral("fraud")}));
        // Required was on and the click turned it off.
        QVERIFY(!reason.value(QStringLiteral("required")).toBool());
        QCOMPARE(reason.value(QStringLiteral("kinds")).toArray(),
                 QJsonArray({QStringLiteral("image"), QStringLiteral("text")}));
        QCOMPARE(reason.value(QStringLiteral("description")).toString(),
                 QStringLiteral("Why they wrote"));
        const QJsonObject score = questions[1].toObject();
        QCOMPARE(score.value(QStringLiteral("max")).toInt(), 7);
        QCOMPARE(score.value(QStringLiteral("x-hint")).toString(), QStringLiteral("keep me"));
        QCOMPARE(stored.value(QStringLiteral("x-team")).toString(), QStringLiteral("blue"));
        // The open project sees it too.
        QCOMPARE(m_project->schema().questions[0].name, QStringLiteral("reason"));
    }

    void invalidSchemaKeepsOkDisabled() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(okButton(dialog)->isEnabled());
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::QuestionsTab);
        clickItem(child<QListWidget>(&dialog, "questionList"), 0);
        auto* options = child<QPlainTextEdit>(&dialog, "questionOptions");
        replaceText(options, QString());

        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(dialog.problems().contains(
            QStringLiteral("questions[0].options: a choice needs options")));
        auto* problems = child<QListWidget>(&dialog, "problems");
        QVERIFY(problems->isVisible());
        QCOMPARE(problems->count(), 1);
        QVERIFY2(problems->item(0)->text().contains(QStringLiteral("Questions › “intent”")),
                 qPrintable(problems->item(0)->text()));
        // OK cannot be forced: accept() refuses, and the file keeps its options.
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(storedSchema()
                     .value(QStringLiteral("questions"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("options"))
                     .toArray()
                     .size(),
                 2);

        // The problem leads to its place.
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::GeneralTab);
        QTest::mouseClick(problems->viewport(), Qt::LeftButton, {},
                          problems->visualItemRect(problems->item(0)).center());
        QCOMPARE(dialog.tabs()->currentIndex(), int(ProjectSettingsDialog::QuestionsTab));

        replaceText(options, QStringLiteral("yes"));
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(!problems->isVisible());

        // An empty project name is a problem too.
        replaceText(child<QLineEdit>(&dialog, "projectName"), QString());
        QVERIFY(!okButton(dialog)->isEnabled());
        replaceText(child<QLineEdit>(&dialog, "projectName"), QStringLiteral("x"));
        QVERIFY(okButton(dialog)->isEnabled());

        // A rating whose range is upside down.
        clickItem(child<QListWidget>(&dialog, "questionList"), 1);
        replaceText(child<QSpinBox>(&dialog, "questionMin"), QStringLiteral("9"));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY2(dialog.problems().join(u'\n').contains(QStringLiteral("questions[1]: min (9)")),
                 qPrintable(dialog.problems().join(u'\n')));
    }

    void jsonTabEditsTheWholeSchema() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::JsonTab);
        auto* json = child<QPlainTextEdit>(&dialog, "jsonEdit");
        const QJsonObject shown = QJsonDocument::fromJson(json->toPlainText().toUtf8()).object();
        QCOMPARE(shown.value(QStringLiteral("x-team")).toString(), QStringLiteral("blue"));

        // Broken JSON: OK off, other tabs locked, the problem names line and column.
        json->setFocus();
        json->moveCursor(QTextCursor::Start);
        QTest::keyClick(json, Qt::Key_Delete);  // the opening brace
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!dialog.tabs()->isTabEnabled(ProjectSettingsDialog::QuestionsTab));
        // The brace is gone, so the parser stops in the second line.
        static const QRegularExpression place(QStringLiteral("^json: line 2, column \\d+: "));
        QVERIFY2(dialog.problems().join(u'\n').contains(place),
                 qPrintable(dialog.problems().join(u'\n')));
        QTest::mouseClick(child<QPushButton>(&dialog, "jsonRevert"), Qt::LeftButton);
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(dialog.tabs()->isTabEnabled(ProjectSettingsDialog::QuestionsTab));

        // Valid JSON, but not a valid schema: still refused, naming the place.
        QJsonObject edited = QJsonDocument::fromJson(json->toPlainText().toUtf8()).object();
        QJsonArray questions = edited.value(QStringLiteral("questions")).toArray();
        questions.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("tone")},
                                     {QStringLiteral("type"), QStringLiteral("stars")}});
        edited.insert(QStringLiteral("questions"), questions);
        json->setPlainText(QString::fromUtf8(QJsonDocument(edited).toJson()));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY2(dialog.problems().join(u'\n').contains(QStringLiteral("questions[2].type")),
                 qPrintable(dialog.problems().join(u'\n')));

        questions[2] = QJsonObject{{QStringLiteral("name"), QStringLiteral("tone")},
                                   {QStringLiteral("type"), QStringLiteral("flag")},
                                   {QStringLiteral("x-new"), 3}};
        edited.insert(QStringLiteral("questions"), questions);
        edited.insert(QStringLiteral("x-more"), QJsonArray({1, 2}));
        json->setPlainText(QString::fromUtf8(QJsonDocument(edited).toJson()));
        QVERIFY2(okButton(dialog)->isEnabled(), qPrintable(dialog.problems().join(u'\n')));
        // The widget tabs follow the JSON.
        QCOMPARE(child<QListWidget>(&dialog, "questionList")->count(), 3);

        // Moving a question takes its unknown keys along.
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::QuestionsTab);
        auto* list = child<QListWidget>(&dialog, "questionList");
        clickItem(list, 1);
        QWidget* questionsPage = child<QWidget>(&dialog, "questionsPage");
        QTest::mouseClick(child<QToolButton>(questionsPage, "up"), Qt::LeftButton);
        QCOMPARE(list->item(0)->text(), QStringLiteral("score"));

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QJsonObject stored = storedSchema();
        const QJsonArray storedQuestions = stored.value(QStringLiteral("questions")).toArray();
        QCOMPARE(storedQuestions.size(), 3);
        QCOMPARE(storedQuestions[0].toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("score"));
        QCOMPARE(storedQuestions[0].toObject().value(QStringLiteral("x-hint")).toString(),
                 QStringLiteral("keep me"));
        QVERIFY(!storedQuestions[1].toObject().contains(QStringLiteral("x-hint")));
        QCOMPARE(storedQuestions[2].toObject().value(QStringLiteral("x-new")).toInt(), 3);
        QCOMPARE(stored.value(QStringLiteral("x-more")).toArray(), QJsonArray({1, 2}));
        QCOMPARE(stored.value(QStringLiteral("x-team")).toString(), QStringLiteral("blue"));
    }

    void labelsRubricAndGuidelines() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::LabelsTab);
        QWidget* labelsPage = child<QWidget>(&dialog, "labelsPage");
        QTest::mouseClick(child<QToolButton>(labelsPage, "add"), Qt::LeftButton);
        auto* labels = child<QTableWidget>(&dialog, "labelTable");
        QCOMPARE(labels->rowCount(), 2);
        // A second label may not take the first one's hotkey.
        replaceText(child<QLineEdit>(&dialog, "hotkey-1"), QStringLiteral("1"));
        QVERIFY(!okButton(dialog)->isEnabled());
        labels->item(1, 0)->setText(QStringLiteral("truck"));
        replaceText(child<QLineEdit>(&dialog, "hotkey-1"), QStringLiteral("2"));
        QVERIFY(okButton(dialog)->isEnabled());

        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::RubricTab);
        auto* rubric = child<QTableWidget>(&dialog, "rubricTable");
        rubric->item(0, 2)->setData(Qt::EditRole, 10);
        rubric->item(0, 3)->setText(QStringLiteral("Does it help?"));

        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::GuidelinesTab);
        auto* guidelines = child<QPlainTextEdit>(&dialog, "guidelinesEdit");
        guidelines->setFocus();
        guidelines->moveCursor(QTextCursor::End);
        QTest::keyClick(guidelines, Qt::Key_Return);
        QTest::keyClicks(guidelines, QStringLiteral("Be kind."));

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QJsonObject stored = storedSchema();
        const QJsonArray storedLabels = stored.value(QStringLiteral("labels")).toArray();
        QCOMPARE(storedLabels.size(), 2);
        QCOMPARE(storedLabels[1].toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("truck"));
        QCOMPARE(storedLabels[1].toObject().value(QStringLiteral("hotkey")).toString(),
                 QStringLiteral("2"));
        QVERIFY(QColor::isValidColorName(
            storedLabels[1].toObject().value(QStringLiteral("color")).toString()));
        const QJsonObject dimension =
            stored.value(QStringLiteral("rubric")).toArray()[0].toObject();
        QCOMPARE(dimension.value(QStringLiteral("max")).toInt(), 10);
        QCOMPARE(dimension.value(QStringLiteral("description")).toString(),
                 QStringLiteral("Does it help?"));
        QCOMPARE(stored.value(QStringLiteral("guidelines")).toString(),
                 QStringLiteral("# Rules\nBe kind."));
    }

    void labelKindsAndHotkeyThroughTheWidgets() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::LabelsTab);
        QWidget* labelsPage = child<QWidget>(&dialog, "labelsPage");
        QTest::mouseClick(child<QToolButton>(labelsPage, "add"), Qt::LeftButton);
        // Add rebuilds the rows; the old row widgets go with the event loop,
        // and until then findChild could still find them by name.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QWidget* kinds1 = child<QWidget>(&dialog, "labelKinds-1");
        QTest::mouseClick(child<QCheckBox>(kinds1, "labelKind-text"), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(kinds1, "labelKind-image"), Qt::LeftButton);
        replaceText(child<QLineEdit>(&dialog, "hotkey-1"), QStringLiteral("3"));

        // "car" becomes a comparison flag: its hotkey "1" now reaches no
        // editor, and the reason appears beside the field.
        QWidget* kinds0 = child<QWidget>(&dialog, "labelKinds-0");
        QTest::mouseClick(child<QCheckBox>(kinds0, "labelKind-compare"), Qt::LeftButton);
        auto* note0 = child<QLabel>(&dialog, "hotkeyNote-0");
        QVERIFY(note0->isVisible());
        QVERIFY2(
            note0->text().contains(QStringLiteral("only the image and text editors read hotkeys")),
            qPrintable(note0->text()));
        QVERIFY(!okButton(dialog)->isEnabled());
        replaceText(child<QLineEdit>(&dialog, "hotkey-0"), QString());
        QVERIFY(note0->text().isEmpty());
        QVERIFY2(okButton(dialog)->isEnabled(), qPrintable(dialog.problems().join(u'\n')));

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QJsonArray stored = storedSchema().value(QStringLiteral("labels")).toArray();
        QCOMPARE(stored.size(), 2);
        const QJsonObject car = stored[0].toObject();
        QCOMPARE(car.value(QStringLiteral("kinds")).toArray(),
                 QJsonArray({QStringLiteral("compare")}));
        QVERIFY(!car.contains(QStringLiteral("hotkey")));
        const QJsonObject added = stored[1].toObject();
        // Ticked text first, image second: stored in the usual kind order.
        QCOMPARE(added.value(QStringLiteral("kinds")).toArray(),
                 QJsonArray({QStringLiteral("image"), QStringLiteral("text")}));
        QCOMPARE(added.value(QStringLiteral("hotkey")).toString(), QStringLiteral("3"));
        QCOMPARE(m_project->schema().labelsFor(TaskKind::Image).size(), 1);
    }

    void hotkeyTheEditorWouldNotHonourIsRefused() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::LabelsTab);
        auto* hotkey = child<QLineEdit>(&dialog, "hotkey-0");
        auto* note = child<QLabel>(&dialog, "hotkeyNote-0");
        QVERIFY(note->text().isEmpty());

        // The image editor binds 1-9 only: 0 and letters would do nothing.
        for (const QString& key : {QStringLiteral("0"), QStringLiteral("c")}) {
            replaceText(hotkey, key);
            QTRY_VERIFY(note->isVisible());
            QVERIFY2(note->text().contains(QStringLiteral("use one digit 1-9")),
                     qPrintable(note->text()));
            QVERIFY(!okButton(dialog)->isEnabled());
            QVERIFY2(dialog.problems().join(u'\n').contains(
                         QStringLiteral("labels[0].hotkey: '%1' is not a key").arg(key)),
                     qPrintable(dialog.problems().join(u'\n')));
            auto* problems = child<QListWidget>(&dialog, "problems");
            QVERIFY(problems->isVisible());
            QVERIFY2(problems->item(0)->text().contains(QStringLiteral("Labels › “car”")),
                     qPrintable(problems->item(0)->text()));
            // Neither OK nor accept() writes it.
            QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            dialog.accept();
            QVERIFY(dialog.isVisible());
            QCOMPARE(storedSchema()
                         .value(QStringLiteral("labels"))
                         .toArray()[0]
                         .toObject()
                         .value(QStringLiteral("hotkey"))
                         .toString(),
                     QStringLiteral("1"));
        }
        replaceText(hotkey, QStringLiteral("12"));
        QVERIFY2(note->text().contains(QStringLiteral("must be one key")),
                 qPrintable(note->text()));
        replaceText(hotkey, QStringLiteral("4"));
        QVERIFY(note->text().isEmpty());
        QVERIFY(okButton(dialog)->isEnabled());

        // Two labels of one editor on one digit: the second is refused.
        QTest::mouseClick(child<QToolButton>(child<QWidget>(&dialog, "labelsPage"), "add"),
                          Qt::LeftButton);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        replaceText(child<QLineEdit>(&dialog, "hotkey-1"), QStringLiteral("4"));
        QVERIFY2(child<QLabel>(&dialog, "hotkeyNote-1")->text().contains(u"used twice"),
                 qPrintable(child<QLabel>(&dialog, "hotkeyNote-1")->text()));
        QVERIFY(!okButton(dialog)->isEnabled());
        // Kept apart by kind, the same digit is fine again.
        QWidget* kinds1 = child<QWidget>(&dialog, "labelKinds-1");
        QTest::mouseClick(child<QCheckBox>(kinds1, "labelKind-image"), Qt::LeftButton);
        QTest::mouseClick(
            child<QCheckBox>(child<QWidget>(&dialog, "labelKinds-0"), "labelKind-image"),
            Qt::LeftButton);
        QVERIFY2(!okButton(dialog)->isEnabled(), "both are image labels still");
        // A comparison flag with a hotkey: no editor would read it.
        QTest::mouseClick(child<QCheckBox>(kinds1, "labelKind-image"), Qt::LeftButton);
        QTest::mouseClick(child<QCheckBox>(kinds1, "labelKind-compare"), Qt::LeftButton);
        QVERIFY2(child<QLabel>(&dialog, "hotkeyNote-1")
                     ->text()
                     .contains(u"only the image and text editors"),
                 qPrintable(child<QLabel>(&dialog, "hotkeyNote-1")->text()));
        QVERIFY(!okButton(dialog)->isEnabled());
    }

    void questionKindsAndWhenData() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::QuestionsTab);
        auto* list = child<QListWidget>(&dialog, "questionList");
        clickItem(list, 1);
        QWidget* questionsPage = child<QWidget>(&dialog, "questionsPage");
        QTest::mouseClick(child<QCheckBox>(questionsPage, "kind-text"), Qt::LeftButton);
        auto* when = child<QComboBox>(&dialog, "questionWhenData");
        auto* key = child<QLineEdit>(&dialog, "questionWhenKey");
        QCOMPARE(when->currentIndex(), 0);
        QVERIFY(!key->isEnabled());

        // "Has" with no key yet: refused, naming the question.
        when->setFocus();
        QTest::keyClick(when, Qt::Key_Down);
        QCOMPARE(when->currentIndex(), 1);
        QVERIFY(key->isEnabled());
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY2(dialog.problems().contains(
                     QStringLiteral("questions[1].when_data: a condition needs a data key")),
                 qPrintable(dialog.problems().join(u'\n')));
        replaceText(key, QStringLiteral("query"));
        QVERIFY(okButton(dialog)->isEnabled());
        when->setFocus();
        QTest::keyClick(when, Qt::Key_Down);                                 // lacks
        QCOMPARE(m_project->schema().questions[1].whenData, QStringList());  // not yet saved

        // The other question keeps asking every task.
        clickItem(list, 0);
        QCOMPARE(when->currentIndex(), 0);
        QVERIFY(key->text().isEmpty());
        clickItem(list, 1);
        QCOMPARE(when->currentIndex(), 2);
        QCOMPARE(key->text(), QStringLiteral("query"));

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QJsonArray questions = storedSchema().value(QStringLiteral("questions")).toArray();
        const QJsonObject score = questions[1].toObject();
        QCOMPARE(score.value(QStringLiteral("kinds")).toArray(),
                 QJsonArray({QStringLiteral("text")}));
        QCOMPARE(score.value(QStringLiteral("when_data")).toArray(),
                 QJsonArray({QStringLiteral("!query")}));
        QCOMPARE(score.value(QStringLiteral("x-hint")).toString(), QStringLiteral("keep me"));
        QVERIFY(!questions[0].toObject().contains(QStringLiteral("when_data")));
    }

    void furtherWhenDataConditionsAreKept() {
        QJsonObject json = m_project->schema().toJson();
        QJsonArray questions = json.value(QStringLiteral("questions")).toArray();
        QJsonObject score = questions[1].toObject();
        score.insert(QStringLiteral("when_data"),
                     QJsonArray({QStringLiteral("query"), QStringLiteral("!gold")}));
        questions[1] = score;
        json.insert(QStringLiteral("questions"), questions);
        auto schema = Schema::fromJson(json);
        QVERIFY2(schema.ok(), qPrintable(schema.error()));
        QVERIFY(m_project->setSchema(*schema).ok());

        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::QuestionsTab);
        clickItem(child<QListWidget>(&dialog, "questionList"), 1);
        auto* more = child<QLabel>(&dialog, "questionWhenMore");
        QVERIFY(more->isVisible());
        QVERIFY2(more->text().contains(QStringLiteral("!gold")), qPrintable(more->text()));
        replaceText(child<QLineEdit>(&dialog, "questionWhenKey"), QStringLiteral("prompt"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(storedSchema()
                     .value(QStringLiteral("questions"))
                     .toArray()[1]
                     .toObject()
                     .value(QStringLiteral("when_data"))
                     .toArray(),
                 QJsonArray({QStringLiteral("prompt"), QStringLiteral("!gold")}));
    }

    void comparisonSettingsWithoutTheJsonTab() {
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::GeneralTab);
        auto* verdict = child<QCheckBox>(&dialog, "requireVerdict");
        QVERIFY(verdict->isChecked());  // the default: a comparison needs a verdict
        // Clicked on the box itself (the check box spans the form's width).
        const auto tick = [](QCheckBox* box) {
            QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(6, box->height() / 2));
        };
        tick(verdict);
        QVERIFY(!verdict->isChecked());
        tick(child<QCheckBox>(&dialog, "critiqueRequired"));
        tick(child<QCheckBox>(&dialog, "revealGold"));
        QVERIFY(child<QCheckBox>(&dialog, "revealGold")->isChecked());
        auto* tolerance = child<QSpinBox>(&dialog, "goldTolerance");
        tolerance->setFocus();
        QTest::keyClick(tolerance, Qt::Key_Up);
        // The JSON tab shows what the widgets set, and the widgets follow it back.
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::JsonTab);
        auto* json = child<QPlainTextEdit>(&dialog, "jsonEdit");
        QJsonObject edited = QJsonDocument::fromJson(json->toPlainText().toUtf8()).object();
        QJsonObject compare = edited.value(QStringLiteral("compare")).toObject();
        QCOMPARE(compare.value(QStringLiteral("gold_tolerance")).toInt(), 1);
        QVERIFY2(!compare.value(QStringLiteral("require_verdict")).toBool(true),
                 qPrintable(json->toPlainText()));
        compare.insert(QStringLiteral("show_models"), true);
        edited.insert(QStringLiteral("compare"), compare);
        json->setPlainText(QString::fromUtf8(QJsonDocument(edited).toJson()));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::GeneralTab);
        QVERIFY(child<QCheckBox>(&dialog, "showModelNames")->isChecked());
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const Schema& stored = m_project->schema();
        QVERIFY(!stored.requireVerdict);
        QVERIFY(stored.critiqueRequired);
        QVERIFY(stored.revealGold);
        QVERIFY(stored.showModelNames);
        QCOMPARE(stored.goldTolerance, 1);
        const QJsonObject written = storedSchema();
        QCOMPARE(written.value(QStringLiteral("compare"))
                     .toObject()
                     .value(QStringLiteral("require_verdict"))
                     .toBool(true),
                 false);
    }

    void cancelWritesNothing() {
        const QJsonObject before = storedSchema();
        ProjectSettingsDialog dialog(*m_project);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::QuestionsTab);
        clickItem(child<QListWidget>(&dialog, "questionList"), 0);
        replaceText(child<QLineEdit>(&dialog, "questionName"), QStringLiteral("changed"));
        dialog.reject();
        QCOMPARE(storedSchema(), before);
        QCOMPARE(m_project->schema().questions[0].name, QStringLiteral("intent"));
    }
};

QTEST_MAIN(TestProjectSettingsDialog)
#include "tst_projectsettingsdialog.moc"
