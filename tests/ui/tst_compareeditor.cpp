#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QTextBlock>
#include <QTextEdit>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "document/taskdocument.h"
#include "editors/compare/activitytracker.h"
#include "editors/compare/compareeditor.h"
#include "editors/compare/comparesidepanel.h"
#include "editors/compare/critiquepanel.h"
#include "editors/compare/flagpanel.h"
#include "editors/compare/goldbanner.h"
#include "editors/compare/rankinglist.h"
#include "editors/compare/responsecolumns.h"
#include "editors/compare/responseview.h"
#include "editors/compare/rewritepanel.h"
#include "editors/compare/rubricgrid.h"
#include "editors/compare/verdictbar.h"
#include "editors/compare/worddiffview.h"
#include "keys/keymap.h"
#include "model/comparison.h"
#include "testsupport.h"
#include "widgets/optionchip.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

const char* const kSchema = R"({
  "labels": [{"name": "car", "kinds": ["image"]}, {"name": "wrong", "color": "#e53935"}, {"name": "unsupported", "color": "#1e88e5"}],
  "rubric": [{"name": "helpfulness", "min": 1, "max": 7, "description": "Does it answer?"},
             {"name": "accuracy", "min": 0, "max": 10, "description": "Are the facts right?"}],
  "critique": {"min_chars": 20},
  "compare": {"reveal_gold": true}
})";

// An emoji (two UTF-16 units, one code point) before the word a test flags.
const QString kFirst = QStringLiteral("🙂 The capital of France is Berlin.");
const QString kSecond = QStringLiteral("Paris is the capital of France.");

QJsonObject pairData() {
    return {{QStringLiteral("prompt"), QStringLiteral("What is the capital of France?")},
            {QStringLiteral("responses"), QJsonArray{kFirst, kSecond}},
            {QStringLiteral("models"),
             QJsonArray{QStringLiteral("model-one"), QStringLiteral("model-two")}},
            {QStringLiteral("gold"), QJsonObject{{QStringLiteral("preference"), 2}}}};
}

// The first span flag of an annotation result.
QJsonObject firstFlag(const QJsonObject& result) {
    return result.value(QStringLiteral("flags")).toArray().first().toObject();
}

QJsonObject tripleData() {
    return {
        {QStringLiteral("prompt"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"), QStringLiteral("Name a colour.")}}}},
        {QStringLiteral("responses"),
         QJsonArray{QStringLiteral("Red."), QStringLiteral("Blue."), QStringLiteral("Green.")}}};
}

}  // namespace

class TestCompareEditor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_path;
    std::unique_ptr<Project> m_project;
    QString m_straightUid;  // shown in canonical order [0, 1]
    QString m_swappedUid;   // shown as [1, 0]
    std::unique_ptr<TaskDocument> m_document;
    std::unique_ptr<CompareEditor> m_editor;
    QAction* m_undo = nullptr;  // stands in for the shell's Edit > Undo
    int m_run = 0;

    QWidget* widget() const { return m_editor->widget(); }
    CompareSidePanel* side() const { return m_editor->sidePanel(); }

    void open(const QString& uid) {
        if (m_editor)
            m_editor->setDocument(nullptr);
        m_document = std::make_unique<TaskDocument>(*m_project, *m_project->tasks().byUid(uid));
        if (!m_editor) {
            m_editor = std::make_unique<CompareEditor>();
            m_undo = new QAction(widget());
            m_undo->setShortcut(QKeySequence(QStringLiteral("Ctrl+Z")));
            widget()->addAction(m_undo);
            connect(m_undo, &QAction::triggered, this, [this] { m_document->undoStack()->undo(); });
            QVERIFY(showActive(widget(), QSize(1300, 800)));
        }
        m_editor->setDocument(m_document.get());
        m_editor->focusEditor();
        QVERIFY(QApplication::focusWidget());
    }
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget(), key, modifiers);
    }
    // What a second connection reads from the file, not the document's memory.
    QJsonObject stored(const QString& uid) {
        auto project = Project::open(m_path);
        if (!project.ok())
            return {{QStringLiteral("error"), project.error()}};
        auto row = (*project)->annotations().get(uid, m_project->annotator());
        return row && !row->deleted ? row->result : QJsonObject();
    }
    QJsonObject result() const { return m_document->result(); }
    ResponseView* response(int shown) const { return m_editor->columns()->view(shown); }
    // Selects source range [from, to) (UTF-16 of the response's text) by dragging.
    void dragSelect(ResponseView* view, int from, int to) {
        QTextEdit* edit = view->textEdit();
        const auto ranges = view->sourceMap().toDocument(from, to);
        QVERIFY(!ranges.isEmpty());
        QTextCursor start(edit->document());
        start.setPosition(ranges.first().first);
        QTextCursor end(edit->document());
        end.setPosition(ranges.last().second);
        const QPoint a = edit->cursorRect(start).center();
        const QPoint b = edit->cursorRect(end).center();
        QTest::mousePress(edit->viewport(), Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(edit->viewport(), (a + b) / 2);
        QTest::mouseMove(edit->viewport(), b);
        QTest::mouseRelease(edit->viewport(), Qt::LeftButton, Qt::NoModifier, b);
    }

private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
    }

    void init() {
        m_path = m_dir.filePath(QStringLiteral("compare-%1.postil").arg(++m_run));
        m_project = makeProject(m_path, kSchema);
        // Task uids whose blind shuffle for this annotator is each order.
        m_straightUid.clear();
        m_swappedUid.clear();
        for (int i = 0; m_straightUid.isEmpty() || m_swappedUid.isEmpty(); ++i) {
            const QString uid = QStringLiteral("pair-%1").arg(i);
            const QList<int> order = comparison::shuffledOrder(uid, m_project->annotator(), 2);
            QString& slot = order.first() == 0 ? m_straightUid : m_swappedUid;
            if (!slot.isEmpty())
                continue;
            slot = uid;
            Task task;
            task.uid = uid;
            task.kind = TaskKind::Compare;
            task.data = pairData();
            QVERIFY(m_project->tasks().add(task).ok());
        }
        // Long enough to scroll, of different lengths.
        QStringList shortLines;
        QStringList longLines;
        for (int i = 0; i < 400; ++i) {
            longLines << QStringLiteral("Line %1 of the long response.").arg(i);
            if (i < 150)
                shortLines << QStringLiteral("Line %1 of the short one.").arg(i);
        }
        Task scroll;
        scroll.uid = QStringLiteral("long");
        scroll.kind = TaskKind::Compare;
        scroll.data = {
            {QStringLiteral("prompt"), QStringLiteral("Count.")},
            {QStringLiteral("responses"), QJsonArray{shortLines.join(QStringLiteral("\n\n")),
                                                     longLines.join(QStringLiteral("\n\n"))}}};
        QVERIFY(m_project->tasks().add(scroll).ok());
        Task triple;
        triple.uid = QStringLiteral("triple");
        triple.kind = TaskKind::Compare;
        triple.data = tripleData();
        QVERIFY(m_project->tasks().add(triple).ok());
    }

    void cleanup() {
        m_editor.reset();
        m_document.reset();
        m_project.reset();
    }

    void verdictKeysStoreTheCanonicalPreference_data() {
        QTest::addColumn<bool>("swapped");
        QTest::newRow("order [0,1]") << false;
        QTest::newRow("order [1,0]") << true;
    }
    void verdictKeysStoreTheCanonicalPreference() {
        QFETCH(bool, swapped);
        const QString uid = swapped ? m_swappedUid : m_straightUid;
        open(uid);
        const QList<int> order = swapped ? QList<int>{1, 0} : QList<int>{0, 1};
        QCOMPARE(m_editor->order(), order);
        // Blind: letters only, in the order shown, no model names.
        QCOMPARE(response(0)->title(), QStringLiteral("Response A"));
        QCOMPARE(response(0)->text(), swapped ? kSecond : kFirst);
        QCOMPARE(response(1)->text(), swapped ? kFirst : kSecond);
        QVERIFY(m_editor->verdictBar()->isVisible());
        QVERIFY(!side()->ranking()->isVisible());

        const Qt::Key keys[] = {Qt::Key_Q, Qt::Key_W, Qt::Key_E, Qt::Key_R,
                                Qt::Key_T, Qt::Key_Y, Qt::Key_U};
        for (int i = 0; i < 7; ++i) {
            const int shownPreference = i - 3;
            press(keys[i]);
            // Negative: the first shown (A) is better; stored negative: response 0.
            const int expected = swapped ? -shownPreference : shownPreference;
            QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), expected);
            QVERIFY(m_editor->verdictBar()->choice(shownPreference)->isChecked());
            QCOMPARE(m_editor->verdictBar()->choice(-shownPreference)->isChecked(),
                     shownPreference == 0);
        }
        const QJsonObject file = stored(uid);
        QCOMPARE(file.value(QStringLiteral("preference")).toInt(99), swapped ? -3 : 3);
        QCOMPARE(file.value(QStringLiteral("order")).toArray(), QJsonArray({order[0], order[1]}));

        // The chosen key again keeps the verdict and adds no undo step.
        const int steps = m_document->undoStack()->count();
        press(Qt::Key_U);
        QCOMPARE(m_document->undoStack()->count(), steps);
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), swapped ? -3 : 3);
        // Undo goes back one verdict, and the bar follows.
        m_document->undoStack()->undo();
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), swapped ? -2 : 2);
        QVERIFY(m_editor->verdictBar()->choice(2)->isChecked());
        QVERIFY(!m_editor->verdictBar()->choice(3)->isChecked());
        // The clear button removes it.
        QTest::mouseClick(
            m_editor->verdictBar()->findChild<QWidget*>(QStringLiteral("clearVerdict")),
            Qt::LeftButton);
        QVERIFY(!result().contains(QStringLiteral("preference")));
        QVERIFY(!m_editor->verdictBar()->shownPreference());
    }

    void bothBadIsKeptApartFromTheTie() {
        open(m_swappedUid);
        press(Qt::Key_R);  // about the same
        press(Qt::Key_X);
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), 0);
        QCOMPARE(result().value(QStringLiteral("both_bad")).toBool(), true);
        QVERIFY(m_editor->verdictBar()->bothBadChip()->isChecked());
        press(Qt::Key_Q);  // A much better, still both bad
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), 3);
        QCOMPARE(result().value(QStringLiteral("both_bad")).toBool(), true);
        press(Qt::Key_X);
        QCOMPARE(result().value(QStringLiteral("both_bad")).toBool(true), false);
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), 3);
        QCOMPARE(stored(m_swappedUid).value(QStringLiteral("both_bad")).toBool(true), false);
        QVERIFY(!m_editor->verdictBar()->bothBadChip()->isChecked());
    }

    void rubricScoresByKeyboard() {
        open(m_swappedUid);  // shown A is response 1
        // A selection in a response must not turn the grid's digits into flags.
        dragSelect(response(0), 0, 5);
        QVERIFY(response(0)->selectedRange());
        press(Qt::Key_G);
        RubricGrid* grid = side()->rubric();
        QCOMPARE(QApplication::focusWidget(), grid);
        QCOMPARE(grid->currentRow(), 0);
        QCOMPARE(grid->currentColumn(), 0);
        press(Qt::Key_5);  // helpfulness of A; one digit is a whole 1-7 score: on to B
        QCOMPARE(grid->currentColumn(), 1);
        press(Qt::Key_9);  // out of range: nothing
        press(Qt::Key_3);  // helpfulness of B, then on to accuracy of A
        QCOMPARE(grid->currentRow(), 1);
        QCOMPARE(grid->currentColumn(), 0);
        press(Qt::Key_1);  // 0-10: "1" may become "10"
        press(Qt::Key_0);
        QCOMPARE(grid->currentColumn(), 1);
        press(Qt::Key_7);
        QCOMPARE(grid->item(1, 0)->text(), QStringLiteral("10"));
        QVERIFY(!result().contains(QStringLiteral("flags")));

        QJsonObject rubric = stored(m_swappedUid).value(QStringLiteral("rubric")).toObject();
        QCOMPARE(rubric.value(QStringLiteral("helpfulness")).toArray(), QJsonArray({3, 5}));
        QCOMPARE(rubric.value(QStringLiteral("accuracy")).toArray(), QJsonArray({7, 10}));

        press(Qt::Key_Up);  // helpfulness of B
        press(Qt::Key_Delete);
        rubric = result().value(QStringLiteral("rubric")).toObject();
        QCOMPARE(rubric.value(QStringLiteral("helpfulness")).toArray(),
                 QJsonArray({QJsonValue(QJsonValue::Null), 5}));
        QCOMPARE(grid->item(0, 1)->text(), QStringLiteral("–"));
        m_document->undoStack()->undo();
        QCOMPARE(grid->item(0, 1)->text(), QStringLiteral("3"));
    }

    void flagsTheSelectedTextInCodePoints() {
        open(m_straightUid);  // shown A is response 0, kFirst
        const int from = int(kFirst.indexOf(QStringLiteral("Berlin")));
        dragSelect(response(0), from, from + 6);
        QCOMPARE(response(0)->selectedRange(),
                 std::make_optional(std::make_pair(from - 1, from + 5)));  // the emoji is one
        press(Qt::Key_1);
        const QJsonArray flags = stored(m_straightUid).value(QStringLiteral("flags")).toArray();
        QCOMPARE(flags.size(), 1);
        const QJsonObject flag = flags.first().toObject();
        QCOMPARE(flag.value(QStringLiteral("response")).toInt(-1), 0);
        QCOMPARE(flag.value(QStringLiteral("start")).toInt(), from - 1);
        QCOMPARE(flag.value(QStringLiteral("end")).toInt(), from + 5);
        QCOMPARE(flag.value(QStringLiteral("label")).toString(), QStringLiteral("wrong"));
        QCOMPARE(comparison::toUtf16(kFirst, flag.value(QStringLiteral("start")).toInt()), from);

        // Shown as a mark and listed with its text.
        QCOMPARE(response(0)->marks().size(), 1);
        QCOMPARE(response(0)->marks().first().start, from - 1);
        FlagPanel* panel = side()->flags();
        QCOMPARE(panel->entryCount(), 1);
        QCOMPARE(panel->topLevelItem(0)->text(FlagPanel::TextColumn), QStringLiteral("Berlin"));
        QCOMPARE(panel->topLevelItem(0)->text(FlagPanel::ResponseColumn), QStringLiteral("A"));

        // A comment typed in the list is stored with the flag.
        panel->editComment(0);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("it is Paris"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        // The delegate commits on the next turn of the event loop.
        QTRY_COMPARE(firstFlag(result()).value(QStringLiteral("comment")).toString(),
                     QStringLiteral("it is Paris"));
        QCOMPARE(panel->topLevelItem(0)->text(FlagPanel::CommentColumn),
                 QStringLiteral("it is Paris"));

        // Clicking the entry reveals the range in its response.
        response(0)->clearSelection();
        const QRect row = panel->visualItemRect(panel->topLevelItem(0));
        QTest::mouseClick(panel->viewport(), Qt::LeftButton, Qt::NoModifier, row.center());
        QCOMPARE(response(0)->selectedRange(),
                 std::make_optional(std::make_pair(from - 1, from + 5)));

        // Nothing selected: a digit flags nothing.
        response(0)->clearSelection();
        m_editor->focusEditor();
        press(Qt::Key_2);
        QCOMPARE(result().value(QStringLiteral("flags")).toArray().size(), 1);

        // Delete in the list removes it; undo brings it back with its mark.
        panel->setFocus();
        panel->setCurrentItem(panel->topLevelItem(0));
        press(Qt::Key_Delete);
        QVERIFY(result().value(QStringLiteral("flags")).toArray().isEmpty());
        QCOMPARE(panel->entryCount(), 0);
        QVERIFY(response(0)->marks().isEmpty());
        m_document->undoStack()->undo();
        QCOMPARE(panel->entryCount(), 1);
        QCOMPARE(response(0)->marks().size(), 1);
    }

    void critiqueIsDebouncedDurableAndUndoable() {
        open(m_straightUid);
        press(Qt::Key_R);  // a verdict first: the critique's undo step is its own
        press(Qt::Key_C);
        CritiquePanel* critique = side()->critique();
        QCOMPARE(QApplication::focusWidget(), critique->editor());
        const int steps = m_document->undoStack()->count();
        QTest::keyClicks(critique->editor(), QStringLiteral("Both say 1 thing"));  // 16 chars
        // Letters and digits typed here are text, not verdicts or flags.
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), 0);
        QVERIFY(!result().contains(QStringLiteral("flags")));
        QCOMPARE(critique->countText(), QStringLiteral("16 / 20"));
        QVERIFY(!critique->countText().isEmpty());
        QVERIFY(critique->findChild<QLabel*>(QStringLiteral("critiqueCount"))
                    ->styleSheet()
                    .contains(QStringLiteral("color")));
        // Not written per keystroke...
        QVERIFY(!result().contains(QStringLiteral("critique")));
        // ...but within a second.
        QTRY_COMPARE_WITH_TIMEOUT(
            stored(m_straightUid).value(QStringLiteral("critique")).toString(),
            QStringLiteral("Both say 1 thing"), 1500);
        QCOMPARE(m_document->missingRequiredAnswers().size(), 1);  // below the minimum

        QTest::keyClicks(critique->editor(), QStringLiteral(", A is wrong."));
        QCOMPARE(critique->countText(), QStringLiteral("29 / 20"));
        QTRY_COMPARE_WITH_TIMEOUT(result().value(QStringLiteral("critique")).toString(),
                                  QStringLiteral("Both say 1 thing, A is wrong."), 1500);
        QVERIFY(m_document->missingRequiredAnswers().isEmpty());
        QCOMPARE(m_document->undoStack()->count(), steps + 1);  // one typing burst, one step

        // Ctrl+Z in the editor is the document's undo, and takes what is typed
        // but not yet written along with it.
        QTest::keyClicks(critique->editor(), QStringLiteral(" More"));
        QTest::keyClick(critique->editor(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!result().contains(QStringLiteral("critique")));
        QCOMPARE(critique->editor()->toPlainText(), QString());
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), 0);
        m_document->undoStack()->redo();
        QCOMPARE(critique->editor()->toPlainText(),
                 QStringLiteral("Both say 1 thing, A is wrong. More"));
        QCOMPARE(stored(m_straightUid).value(QStringLiteral("critique")).toString(),
                 QStringLiteral("Both say 1 thing, A is wrong. More"));

        // Escape writes what is pending at once and gives the keys back to the responses.
        QTest::keyClicks(critique->editor(), QStringLiteral("?"));
        QTest::keyClick(critique->editor(), Qt::Key_Escape);
        QCOMPARE(stored(m_straightUid).value(QStringLiteral("critique")).toString(),
                 QStringLiteral("Both say 1 thing, A is wrong. More?"));
        QVERIFY(QApplication::focusWidget() != critique->editor());
        critique->editor()->setFocus();
        QTest::keyClick(critique->editor(), Qt::Key_Backspace);

        // Switching tasks writes what is pending at once.
        QTest::keyClicks(critique->editor(), QStringLiteral("!"));
        m_editor->setDocument(nullptr);
        QCOMPARE(stored(m_straightUid).value(QStringLiteral("critique")).toString(),
                 QStringLiteral("Both say 1 thing, A is wrong. More!"));
    }

    void ranksThreeResponsesByKeyboard() {
        open(QStringLiteral("triple"));
        const QList<int> order = m_editor->order();
        QCOMPARE(order,
                 comparison::shuffledOrder(QStringLiteral("triple"), m_project->annotator(), 3));
        QVERIFY(!m_editor->verdictBar()->isVisible());
        RankingList* list = side()->ranking();
        QVERIFY(list->isVisible());
        QVERIFY(!list->isRanked());
        press(Qt::Key_Q);  // no scale with three responses
        QVERIFY(!result().contains(QStringLiteral("preference")));

        auto canonicalRanking = [&](const QList<QList<int>>& shown) {
            QJsonArray groups;
            for (const QList<int>& group : shown) {
                // A tie is stored sorted (ComparisonResult), whatever the
                // order of its rows on screen.
                QList<int> canonicalGroup;
                for (int s : group)
                    canonicalGroup << order[s];
                std::sort(canonicalGroup.begin(), canonicalGroup.end());
                QJsonArray g;
                for (int c : canonicalGroup)
                    g.append(c);
                groups.append(g);
            }
            return groups;
        };
        press(Qt::Key_K);
        QCOMPARE(QApplication::focusWidget(), list);
        QCOMPARE(list->selectedResponse(), 0);
        press(Qt::Key_Down, Qt::ControlModifier);  // A below B
        QCOMPARE(result().value(QStringLiteral("ranking")).toArray(),
                 canonicalRanking({{1}, {0}, {2}}));
        QCOMPARE(list->selectedResponse(), 0);
        press(Qt::Key_Down);  // C
        QCOMPARE(list->selectedResponse(), 2);
        press(Qt::Key_Equal);  // C ties with A
        QCOMPARE(result().value(QStringLiteral("ranking")).toArray(),
                 canonicalRanking({{1}, {0, 2}}));
        QVERIFY(list->item(1)->text().startsWith(QStringLiteral("2=")));
        QVERIFY(list->item(2)->text().startsWith(QStringLiteral("2=")));
        press(Qt::Key_Minus);  // and out again, below A
        QCOMPARE(result().value(QStringLiteral("ranking")).toArray(),
                 canonicalRanking({{1}, {0}, {2}}));
        press(Qt::Key_Up, Qt::ControlModifier);
        press(Qt::Key_Up, Qt::ControlModifier);  // C to the top
        QCOMPARE(stored(QStringLiteral("triple")).value(QStringLiteral("ranking")).toArray(),
                 canonicalRanking({{2}, {1}, {0}}));
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{2}, {1}, {0}}));

        m_document->undoStack()->undo();
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{1}, {2}, {0}}));
        press(Qt::Key_X);  // all are bad
        QCOMPARE(result().value(QStringLiteral("both_bad")).toBool(), true);
        QVERIFY(side()->allBadChip()->isChecked());
    }

    // Tying a response with the one above and splitting it out again gives
    // back the order the rows had, from either row of the tie (splitting the
    // top row used to put it below, and a tie sorted its rows by letter). The
    // file holds each tie sorted canonically; the rows keep their order on
    // screen.
    void tieThenUntieKeepsTheOrder() {
        open(QStringLiteral("triple"));
        const QList<int> order = m_editor->order();
        RankingList* list = side()->ranking();
        // The stored ranking in shown indexes, each tie's members sorted.
        auto storedRanking = [&] {
            QList<QList<int>> shown;
            for (const QJsonValue& group :
                 stored(QStringLiteral("triple")).value(QStringLiteral("ranking")).toArray()) {
                QList<int> canonicalGroup;
                for (const QJsonValue& c : group.toArray())
                    canonicalGroup << c.toInt();
                if (!std::is_sorted(canonicalGroup.begin(), canonicalGroup.end()))
                    return QList<QList<int>>{{-1}};  // not stored canonically
                QList<int> shownGroup;
                for (int c : canonicalGroup)
                    shownGroup << int(order.indexOf(c));
                std::sort(shownGroup.begin(), shownGroup.end());
                shown << shownGroup;
            }
            return shown;
        };
        press(Qt::Key_K);
        press(Qt::Key_Return);  // ranked as shown: A, B, C
        QCOMPARE(storedRanking(), (QList<QList<int>>{{0}, {1}, {2}}));
        press(Qt::Key_Down);   // B
        press(Qt::Key_Equal);  // B ties with A
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{0, 1}, {2}}));
        press(Qt::Key_Up);  // A, the top row of the tie
        QCOMPARE(list->selectedResponse(), 0);
        press(Qt::Key_Minus);
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{0}, {1}, {2}}));
        QCOMPARE(storedRanking(), (QList<QList<int>>{{0}, {1}, {2}}));

        // C to the top, then A (below it) tied with C: the rows stay C, A.
        press(Qt::Key_Down);
        press(Qt::Key_Down);
        QCOMPARE(list->selectedResponse(), 2);
        press(Qt::Key_Up, Qt::ControlModifier);
        press(Qt::Key_Up, Qt::ControlModifier);
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{2}, {0}, {1}}));
        press(Qt::Key_Down);  // A
        QCOMPARE(list->selectedResponse(), 0);
        press(Qt::Key_Equal);
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{2, 0}, {1}}));
        QCOMPARE(storedRanking(), (QList<QList<int>>{{0, 2}, {1}}));
        QCOMPARE(list->item(0)->data(Qt::UserRole).toInt(), 2);
        press(Qt::Key_Minus);
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{2}, {0}, {1}}));
        QCOMPARE(storedRanking(), (QList<QList<int>>{{2}, {0}, {1}}));
    }

    // A tie stored unsorted (imported, or written before ties were kept
    // canonical): the list shows its rows by letter, an edit of another part
    // leaves the stored ranking as it was, and a ranking edit stores the tie
    // sorted, as every reader sees it (model/comparisonresult).
    void aStoredTieShowsByLetterAndIsSortedWhenEdited() {
        // Shown A, B, C are canonical 2, 0, 1; the tie is canonical 2 and 1
        // (A and C), stored the other way round.
        Annotation a;
        a.taskUid = QStringLiteral("triple");
        a.annotator = m_project->annotator();
        a.status = AnnotationStatus::Draft;
        a.result = QJsonObject{{QStringLiteral("order"), QJsonArray{2, 0, 1}},
                               {QStringLiteral("ranking"), QJsonArray{QJsonArray{2, 1}, 0}},
                               {QStringLiteral("x-later"), QStringLiteral("kept")}};
        QVERIFY(m_project->saveAnnotation(a).ok());
        open(QStringLiteral("triple"));
        QCOMPARE(m_editor->order(), (QList<int>{2, 0, 1}));
        RankingList* list = side()->ranking();
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{0, 2}, {1}}));  // A = C, then B
        QVERIFY(list->item(0)->text().startsWith(QStringLiteral("1=")));

        press(Qt::Key_X);  // all are bad: the ranking is not this edit's
        QJsonObject file = stored(QStringLiteral("triple"));
        QCOMPARE(file.value(QStringLiteral("ranking")).toArray(),
                 (QJsonArray{QJsonArray{2, 1}, 0}));
        QCOMPARE(file.value(QStringLiteral("x-later")).toString(), QStringLiteral("kept"));
        QVERIFY(file.value(QStringLiteral("both_bad")).toBool());

        press(Qt::Key_K);
        press(Qt::Key_Down);
        press(Qt::Key_Down);
        QCOMPARE(list->selectedResponse(), 1);   // B
        press(Qt::Key_Up, Qt::ControlModifier);  // B above the tie
        file = stored(QStringLiteral("triple"));
        QCOMPARE(file.value(QStringLiteral("ranking")).toArray(),
                 (QJsonArray{QJsonArray{0}, QJsonArray{1, 2}}));  // the tie sorted
        QCOMPARE(file.value(QStringLiteral("x-later")).toString(), QStringLiteral("kept"));
        QCOMPARE(list->displayedGroups(), (QList<QList<int>>{{1}, {0, 2}}));
    }

    // Submitting moves straight on to the next task, so the gold feedback
    // comes with it: the next task shows what the gold task expected (it was
    // only on the gold task itself, which the annotator had already left).
    void goldFeedbackFollowsToTheNextTask() {
        open(m_swappedUid);  // gold: shown A better
        press(Qt::Key_W);    // A better
        m_document->submit();
        QSignalSpy notices(m_editor.get(), &TaskEditor::notice);
        open(m_straightUid);
        // Said to the window too: the next task may be one this editor does not show.
        QCOMPARE(notices.size(), 1);
        const QString notice = notices.at(0).at(0).toString();
        QVERIFY2(notice.contains(QStringLiteral("What is the capital")) &&
                     notice.contains(QStringLiteral("A better")) &&
                     notice.contains(QStringLiteral("matches")),
                 qPrintable(notice));
        GoldBanner* banner = m_editor->goldBanner();
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("Previous task")),
                 qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("What is the capital")));
        QVERIFY(banner->text().contains(QStringLiteral("A better")));
        QVERIFY(banner->text().contains(QStringLiteral("matches")));
        press(Qt::Key_R);  // editing this task keeps it in sight
        QVERIFY(banner->isVisible());
        // Leaving without submitting a gold task drops it.
        open(QStringLiteral("triple"));
        QVERIFY(!banner->isVisible());
        open(m_swappedUid);  // the gold task itself, already submitted
        QVERIFY(banner->isVisible());
        QVERIFY(!banner->text().contains(QStringLiteral("Previous task")));
    }

    // "A slightly better" is not gold's "A better" unless the schema allows a step.
    void goldMatchesTheStrengthUnlessTolerated() {
        open(m_swappedUid);  // gold: shown A better
        press(Qt::Key_E);    // A slightly better
        m_document->submit();
        GoldBanner* banner = m_editor->goldBanner();
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("differs")), qPrintable(banner->text()));
        Schema schema = m_project->schema();
        schema.goldTolerance = 1;
        QVERIFY(m_project->setSchema(schema).ok());
        open(m_swappedUid);
        QVERIFY2(banner->text().contains(QStringLiteral("matches")), qPrintable(banner->text()));
    }

    void reopeningShowsTheSameState() {
        open(m_swappedUid);
        press(Qt::Key_E);  // A slightly better
        QCOMPARE(m_editor->verdictBar()->caption(), QStringLiteral("A slightly better"));
        QVERIFY(m_editor->verdictBar()->choice(-1)->isChecked());
        const int from = int(kFirst.indexOf(QStringLiteral("capital")));
        dragSelect(response(1), from, from + 7);  // kFirst is B here
        press(Qt::Key_2);
        press(Qt::Key_G);
        press(Qt::Key_4);
        press(Qt::Key_C);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Critique kept for later."));
        m_editor->setDocument(nullptr);  // writes the critique

        // A new editor on a new document of the same task.
        m_editor.reset();
        m_document.reset();
        open(m_swappedUid);
        QCOMPARE(m_editor->order(), (QList<int>{1, 0}));
        QCOMPARE(response(0)->text(), kSecond);
        QCOMPARE(m_editor->verdictBar()->shownPreference(), std::optional<int>(-1));
        QCOMPARE(side()->rubric()->item(0, 0)->text(), QStringLiteral("4"));
        QCOMPARE(side()->flags()->entryCount(), 1);
        QCOMPARE(side()->flags()->topLevelItem(0)->text(FlagPanel::LabelColumn),
                 QStringLiteral("unsupported"));
        QCOMPARE(response(1)->marks().size(), 1);
        QCOMPARE(side()->critique()->editor()->toPlainText(),
                 QStringLiteral("Critique kept for later."));
        QCOMPARE(firstFlag(result()).value(QStringLiteral("response")).toInt(-1), 0);
    }

    void switchingTasksReusesTheColumns() {
        open(QStringLiteral("triple"));
        const auto views = m_editor->columns()->findChildren<ResponseView*>();
        open(m_straightUid);
        QCOMPARE(m_editor->columns()->count(), 2);
        QCOMPARE(m_editor->columns()->findChildren<ResponseView*>(), views);
        QVERIFY(response(1)->isVisible());
        QVERIFY(!views.last()->isVisible() || views.size() == 2);
        // Toggles: raw text for all, and synchronised scrolling, remembered.
        QVERIFY(response(0)->isRendered());
        press(Qt::Key_M);
        QVERIFY(!response(0)->isRendered());
        QVERIFY(!response(1)->isRendered());
        press(Qt::Key_M);
        QVERIFY(response(0)->isRendered());
        const bool sync = m_editor->columns()->syncScroll();
        press(Qt::Key_S);
        QCOMPARE(m_editor->columns()->syncScroll(), !sync);
        QCOMPARE(QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"))
                     .value(QStringLiteral("compare/syncScroll"))
                     .toBool(),
                 !sync);
        press(Qt::Key_D, Qt::ShiftModifier);
        QVERIFY(m_editor->columns()->isDiffShown());
        press(Qt::Key_D, Qt::ShiftModifier);
        QVERIFY(!m_editor->columns()->isDiffShown());
        // ] and [ move between responses.
        press(Qt::Key_BracketRight);
        QCOMPARE(m_editor->columns()->current(), 1);
        QCOMPARE(QApplication::focusWidget(), response(1)->textEdit());
        press(Qt::Key_BracketLeft);
        QCOMPARE(m_editor->columns()->current(), 0);
        if (sync)
            press(Qt::Key_S);  // leave the setting as it was
    }

    void activeTimeCountsInputNotIdleTime() {
        open(m_straightUid);
        press(Qt::Key_R);  // the row exists, so active time is written at once
        ActivityTracker* tracker = m_editor->activityTracker();
        tracker->setIdleThresholdMs(300);
        tracker->setFlushIntervalMs(100000);  // flushed by hand below
        tracker->flush();
        const qint64 before = m_document->activeTimeMs();
        QWidget* target = response(0)->textEdit();
        // About a second of steady input.
        QElapsedTimer busy;
        busy.start();
        while (busy.elapsed() < 1000) {
            QTest::keyClick(target, Qt::Key_Shift);
            QTest::qWait(50);
        }
        tracker->flush();
        const qint64 afterBusy = m_document->activeTimeMs();
        QVERIFY2(afterBusy - before >= 800 && afterBusy - before <= 1300,
                 qPrintable(QString::number(afterBusy - before)));
        // A second with no input, then one event: the gap is idle, not work.
        QTest::qWait(1000);
        QTest::mouseClick(target, Qt::LeftButton);
        tracker->flush();
        QVERIFY2(m_document->activeTimeMs() - afterBusy < 100,
                 qPrintable(QString::number(m_document->activeTimeMs() - afterBusy)));
        QCOMPARE(stored(m_straightUid).value(QStringLiteral("active_ms")).toInteger(),
                 m_document->activeTimeMs());
        // Undo never takes active time back.
        const qint64 total = m_document->activeTimeMs();
        m_document->undoStack()->undo();
        QCOMPARE(m_document->activeTimeMs(), total);
        QCOMPARE(result().value(QStringLiteral("active_ms")).toInteger(), total);
    }

    void goldIsRevealedAfterSubmitting() {
        open(m_swappedUid);  // gold: canonical +2, response 1 better = shown A better
        QVERIFY(!m_editor->goldBanner()->isVisible());
        press(Qt::Key_W);  // A better
        m_document->submit();
        QVERIFY(m_editor->goldBanner()->isVisible());
        QVERIFY(m_editor->goldBanner()->text().contains(QStringLiteral("A better")));
        QVERIFY(m_editor->goldBanner()->text().contains(QStringLiteral("matches")));
        m_document->undoStack()->undo();  // back to draft
        QVERIFY(!m_editor->goldBanner()->isVisible());
    }

    void flagButtonAsksForAComment() {
        open(m_straightUid);
        const int from = int(kSecond.indexOf(QStringLiteral("capital")));
        dragSelect(response(1), from, from + 7);
        QMenu* menu = side()->flagButton()->menu();
        QVERIFY(menu);
        Q_EMIT menu->aboutToShow();
        QAction* unsupported = nullptr;
        for (QAction* a : menu->actions()) {
            if (a->text().startsWith(QStringLiteral("unsupported")))
                unsupported = a;
        }
        QVERIFY(unsupported && unsupported->isEnabled());
        unsupported->trigger();
        const QJsonObject flag = firstFlag(result());
        QCOMPARE(flag.value(QStringLiteral("label")).toString(), QStringLiteral("unsupported"));
        QCOMPARE(flag.value(QStringLiteral("response")).toInt(-1), 1);
        QCOMPARE(flag.value(QStringLiteral("start")).toInt(-1), from);
        // The comment editor is open for it.
        QVERIFY(qobject_cast<QLineEdit*>(QApplication::focusWidget()));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("which source?"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(firstFlag(stored(m_straightUid)).value(QStringLiteral("comment")).toString(),
                     QStringLiteral("which source?"));
        // Without a selection the labels are offered but disabled.
        Q_EMIT menu->aboutToShow();
        for (QAction* a : menu->actions()) {
            if (a->text().startsWith(QStringLiteral("wrong")))
                QVERIFY(!a->isEnabled());
        }
    }

    void rewriteStartsFromThePreferredResponse() {
        open(m_straightUid);  // A is kFirst, B is kSecond
        press(Qt::Key_Y);     // B better
        QVERIFY(!side()->rewrite()->isVisible());
        press(Qt::Key_C, Qt::ShiftModifier);
        RewritePanel* rewrite = side()->rewrite();
        QVERIFY(rewrite->isVisible());
        QCOMPARE(QApplication::focusWidget(), rewrite->editor());
        QCOMPARE(rewrite->base(), 1);
        QCOMPARE(rewrite->editor()->toPlainText(), kSecond);
        QVERIFY(!result().contains(QStringLiteral("rewrite")));  // showing is not editing
        rewrite->editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(rewrite->editor(), QStringLiteral(" It has 2.1M people."));
        QTRY_COMPARE_WITH_TIMEOUT(stored(m_straightUid).value(QStringLiteral("rewrite")).toString(),
                                  kSecond + QStringLiteral(" It has 2.1M people."), 1500);
        rewrite->setDiffShown(true);
        QCOMPARE(rewrite->diffView()->deletedWords(), 0);
        QVERIFY(rewrite->diffView()->insertedWords() >= 4);
        // Its own undo step: the verdict stays, the prefill comes back.
        m_document->undoStack()->undo();
        QVERIFY(!result().contains(QStringLiteral("rewrite")));
        QCOMPARE(rewrite->editor()->toPlainText(), kSecond);
        QCOMPARE(result().value(QStringLiteral("preference")).toInt(99), 2);
    }

    void scrollsTogetherInProportion() {
        open(QStringLiteral("long"));
        ResponseColumns* columns = m_editor->columns();
        if (!columns->syncScroll())
            press(Qt::Key_S);
        QVERIFY(columns->syncScroll());
        QScrollBar* left = response(0)->verticalScrollBar();
        QScrollBar* right = response(1)->verticalScrollBar();
        // The shuffled order decides which side shows the longer response.
        if (right->maximum() < left->maximum())
            std::swap(left, right);
        QVERIFY2(left->maximum() > 0 && right->maximum() > left->maximum(),
                 qPrintable(QStringLiteral("%1, %2").arg(left->maximum()).arg(right->maximum())));
        left->setValue(left->maximum() / 2);
        QVERIFY2(qAbs(right->value() - right->maximum() / 2) <= 2,
                 qPrintable(QStringLiteral("%1 of %2").arg(right->value()).arg(right->maximum())));
        right->setValue(right->maximum());
        QCOMPARE(left->value(), left->maximum());
        press(Qt::Key_S);  // off: each scrolls alone
        QVERIFY(!columns->syncScroll());
        left->setValue(0);
        QCOMPARE(right->value(), right->maximum());
    }

    void diffOfMoreThanTwoIsTheCurrentAndTheNext() {
        open(QStringLiteral("triple"));
        press(Qt::Key_BracketRight);  // B
        press(Qt::Key_D, Qt::ShiftModifier);
        QVERIFY(m_editor->columns()->isDiffShown());
        QCOMPARE(m_editor->columns()->diffPair(), std::make_pair(1, 2));
        QVERIFY(m_editor->columns()->diffView()->isVisible());
        QVERIFY(m_editor->columns()->isAncestorOf(QApplication::focusWidget()));
        press(Qt::Key_D, Qt::ShiftModifier);
        QVERIFY(!m_editor->columns()->isDiffShown());
        QCOMPARE(QApplication::focusWidget(), response(1)->textEdit());
        QVERIFY(side()->critique()->editor()->toPlainText().isEmpty());
    }

    // A 1440x900 laptop screen less the task list and the question panel
    // leaves the editor about 950 px: three responses must all be in sight.
    void threeResponsesFitALaptopScreen() {
        open(QStringLiteral("triple"));
        widget()->resize(950, 820);
        QApplication::processEvents();
        QCOMPARE(m_editor->columns()->count(), 3);
        for (int shown = 0; shown < 3; ++shown) {
            ResponseView* view = response(shown);
            QVERIFY(view->isVisible());
            // Nothing of it clipped by the scroll area or the editor.
            QVERIFY2(view->visibleRegion().boundingRect() == view->rect(),
                     qPrintable(QStringLiteral("response %1: %2 px of %3 px in sight")
                                    .arg(shown)
                                    .arg(view->visibleRegion().boundingRect().width())
                                    .arg(view->width())));
        }
        QVERIFY(!m_editor->columns()->moreCue()->isVisible());
    }

    // More responses than fit: the ones out of sight are announced beside the
    // columns, and the cue follows the scrolling.
    void responsesOutOfSightAreAnnounced() {
        Task task;
        task.uid = QStringLiteral("five");
        task.kind = TaskKind::Compare;
        task.data = tripleData();
        QJsonArray responses = task.data.value(QStringLiteral("responses")).toArray();
        responses << QStringLiteral("Yellow.") << QStringLiteral("Black.");
        task.data.insert(QStringLiteral("responses"), responses);
        QVERIFY(m_project->tasks().add(task).ok());
        open(QStringLiteral("five"));
        widget()->resize(950, 820);
        QApplication::processEvents();
        QLabel* cue = m_editor->columns()->moreCue();
        QVERIFY(cue->isVisible());
        QVERIFY2(cue->text().contains(QStringLiteral("more →")), qPrintable(cue->text()));
        // Stepping to the last response scrolls it into sight; the cue now
        // points back at the ones passed.
        press(Qt::Key_BracketLeft);
        QCOMPARE(m_editor->columns()->current(), 4);
        QCOMPARE(response(4)->visibleRegion().boundingRect(), response(4)->rect());
        QVERIFY2(cue->text().startsWith(QStringLiteral("←")), qPrintable(cue->text()));
        QVERIFY(!cue->text().contains(QStringLiteral("→")));
    }

    // The rewrite panel sits in the side panel, a quarter of the editor: its
    // buttons wrap onto a second row rather than being squeezed.
    void rewriteToolbarButtonsAreNeverCut() {
        open(m_straightUid);
        press(Qt::Key_C, Qt::ShiftModifier);
        RewritePanel* rewrite = side()->rewrite();
        QVERIFY(rewrite->isVisible());
        for (const int width : {950, 1300}) {
            widget()->resize(width, 820);
            QApplication::processEvents();
            const auto controls = rewrite->findChildren<QWidget*>();
            int checked = 0;
            for (QWidget* control : controls) {
                if (!qobject_cast<QToolButton*>(control) && !qobject_cast<QComboBox*>(control))
                    continue;
                if (!control->isVisible())
                    continue;
                ++checked;
                const QRect inPanel(control->mapTo(rewrite, QPoint(0, 0)), control->size());
                QVERIFY2(control->width() >= control->sizeHint().width() &&
                             rewrite->rect().contains(inPanel),
                         qPrintable(QStringLiteral("%1 at %2: %3 px of %4, at x %5 in %6")
                                        .arg(control->objectName())
                                        .arg(width)
                                        .arg(control->width())
                                        .arg(control->sizeHint().width())
                                        .arg(inPanel.x())
                                        .arg(rewrite->width())));
            }
            QCOMPARE(checked, 3);  // the base, "Start over" and "Diff"
        }
    }

    // A conversation as the prompt: what is asked is its last user turn,
    // which must be in sight however long the turns before it are.
    void multiTurnPromptShowsTheLastUserTurn() {
        QStringList earlier;
        for (int i = 0; i < 60; ++i)
            earlier << QStringLiteral("Earlier line %1 of the conversation.").arg(i);
        auto message = [](const QString& role, const QString& content) {
            return QJsonObject{{QStringLiteral("role"), role},
                               {QStringLiteral("content"), content}};
        };
        Task task;
        task.uid = QStringLiteral("turns");
        task.kind = TaskKind::Compare;
        task.data = tripleData();
        task.data.insert(
            QStringLiteral("prompt"),
            QJsonArray{message(QStringLiteral("user"), earlier.join(QStringLiteral("\n\n"))),
                       message(QStringLiteral("assistant"), earlier.join(QStringLiteral("\n\n"))),
                       message(QStringLiteral("user"), QStringLiteral("the last question"))});
        QVERIFY(m_project->tasks().add(task).ok());
        open(QStringLiteral("turns"));
        widget()->resize(950, 820);
        QApplication::processEvents();
        QTextEdit* prompt = m_editor->promptView()->textEdit();
        const QTextCursor found = prompt->document()->find(QStringLiteral("the last question"));
        QVERIFY(!found.isNull());
        QTextCursor end(prompt->document());
        end.setPosition(found.selectionEnd());
        const QRect first = prompt->cursorRect(QTextCursor(found.block()));
        const QRect last = prompt->cursorRect(end);
        QVERIFY2(
            prompt->viewport()->rect().contains(first) && prompt->viewport()->rect().contains(last),
            qPrintable(QStringLiteral("at y %1 in a viewport %2 px high")
                           .arg(first.y())
                           .arg(prompt->viewport()->height())));
        // Another task, then back: shown again from its last turn.
        open(m_straightUid);
        open(QStringLiteral("turns"));
        QApplication::processEvents();
        const QTextCursor again = prompt->document()->find(QStringLiteral("the last question"));
        QVERIFY(!again.isNull());
        QVERIFY(prompt->viewport()->rect().contains(prompt->cursorRect(again)));
        // Scrolled by the reader, the prompt stays where they put it.
        prompt->verticalScrollBar()->triggerAction(QAbstractSlider::SliderToMinimum);
        widget()->resize(960, 820);
        QApplication::processEvents();
        QCOMPARE(prompt->verticalScrollBar()->value(), 0);
    }

    void modelNamesOnlyWhenTheSchemaSaysSo() {
        open(m_straightUid);
        QCOMPARE(response(0)->title(), QStringLiteral("Response A"));
        Schema schema = m_project->schema();
        schema.showModelNames = true;
        QVERIFY(m_project->setSchema(schema).ok());
        open(m_straightUid);
        QCOMPARE(response(0)->title(), QStringLiteral("Response A · model-one"));
    }
};

QTEST_MAIN(TestCompareEditor)
#include "tst_compareeditor.moc"
