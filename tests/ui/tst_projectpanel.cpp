#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include "model/project.h"
#include "shell/projectpanel.h"
#include "shell/tasklistmodel.h"

using namespace postil;

namespace {

constexpr int kTasks = 500;
const QString kMe = QStringLiteral("me");

// me: draft for id % 10 == 1, submitted for 2, skipped for 3; new otherwise.
QString myStatus(int id) {
    switch (id % 10) {
        case 1:
            return QStringLiteral("draft");
        case 2:
            return QStringLiteral("submitted");
        case 3:
            return QStringLiteral("skipped");
    }
    return QStringLiteral("new");
}

QString textOf(int id) {
    return QStringLiteral("Message %1 about %2")
        .arg(id)
        .arg(id % 5 == 0 ? QStringLiteral("a Zebra crossing") : QStringLiteral("the weather"));
}

Status save(Project& project, int id, AnnotationStatus status) {
    Annotation a;
    a.taskUid = QStringLiteral("t%1").arg(id);
    a.annotator = kMe;
    a.status = status;
    return project.saveAnnotation(a);
}

std::unique_ptr<Project> makeProject(const QString& path) {
    auto created = Project::create(path, {});
    if (!created.ok())
        return nullptr;
    std::unique_ptr<Project> project = std::move(*created);
    project->setIdentity({kMe, QStringLiteral("device-1")});
    Transaction tx(project->database());
    for (int id = 1; id <= kTasks; ++id) {
        Task task;
        task.uid = QStringLiteral("t%1").arg(id);
        task.kind = TaskKind::Text;
        task.data = {{QStringLiteral("text"), textOf(id)}};
        task.preview = Task::previewFor(task.kind, task.data);
        if (!project->tasks().add(task).ok() || task.id != id)
            return nullptr;
        const QString status = myStatus(id);
        Status saved = Status::success();
        if (status == QLatin1String("draft"))
            saved = save(*project, id, AnnotationStatus::Draft);
        else if (status == QLatin1String("submitted"))
            saved = save(*project, id, AnnotationStatus::Submitted);
        else if (status == QLatin1String("skipped"))
            saved = save(*project, id, AnnotationStatus::Skipped);
        if (!saved.ok())
            return nullptr;
    }
    if (!tx.commit().ok())
        return nullptr;
    return project;
}

QList<qint64> expectedIds(const std::function<bool(int)>& pred) {
    QList<qint64> ids;
    for (int id = 1; id <= kTasks; ++id)
        if (pred(id))
            ids << id;
    return ids;
}

QString countText(qint64 shown, qint64 total) {
    return QStringLiteral("%1 of %2 tasks")
        .arg(QLocale().toString(shown), QLocale().toString(total));
}

}  // namespace

class TestProjectPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;

    static void clickRow(ProjectPanel& panel, int row) {
        QTableView* view = panel.view();
        const QModelIndex index = panel.model()->index(row, TaskListModel::PreviewColumn);
        view->scrollTo(index);
        const QRect rect = view->visualRect(index);
        QVERIFY(rect.isValid());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    }

    static void clickHeader(ProjectPanel& panel, int column) {
        QHeaderView* header = panel.view()->horizontalHeader();
        const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
        QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    }

    static QList<qint64> listed(const ProjectPanel& panel) {
        QList<qint64> ids;
        for (int row = 0; row < panel.model()->rowCount(); ++row)
            ids << panel.model()->taskId(row);
        return ids;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = makeProject(m_dir.filePath(QStringLiteral("panel.postil")));
        QVERIFY(m_project);
    }

    void cleanupTestCase() { m_project.reset(); }

    void viewIsSetUpForLongLists() {
        ProjectPanel panel;
        QTableView* view = panel.view();
        QCOMPARE(view->selectionBehavior(), QAbstractItemView::SelectRows);
        // Extended: the Assist menu runs on the selected tasks (Ctrl, Shift).
        QCOMPARE(view->selectionMode(), QAbstractItemView::ExtendedSelection);
        QVERIFY(view->isSortingEnabled());
        QVERIFY(!view->showGrid());
        QVERIFY(view->alternatingRowColors());
        QVERIFY(!view->wordWrap());
        QCOMPARE(view->horizontalHeader()->sectionResizeMode(TaskListModel::PreviewColumn),
                 QHeaderView::Stretch);
        QCOMPARE(view->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        QCOMPARE(panel.filterEdit()->placeholderText(), QStringLiteral("Filter tasks (Ctrl+F)"));
        QVERIFY(panel.filterEdit()->isClearButtonEnabled());
        QCOMPARE(panel.statusFilterBox()->count(), 6);
        QCOMPARE(panel.currentTaskId(), qint64(0));
        QCOMPARE(panel.neighbourTask(1, +1), std::nullopt);
    }

    void filterSearchClickAndKeys() {
        ProjectPanel panel;
        panel.resize(700, 500);
        panel.setProject(m_project.get());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.model()->rowCount(), kTasks);
        QCOMPARE(panel.countLabel()->text(), countText(kTasks, kTasks));

        // Choose "Draft" with the keyboard: All, Unfinished, New, Draft.
        QComboBox* status = panel.statusFilterBox();
        status->setFocus();
        QTest::keyClick(status, Qt::Key_Down);
        QTest::keyClick(status, Qt::Key_Down);
        QTest::keyClick(status, Qt::Key_Down);
        QCOMPARE(status->currentText(), QStringLiteral("Draft"));
        const QList<qint64> drafts =
            expectedIds([](int id) { return myStatus(id) == QLatin1String("draft"); });
        QCOMPARE(listed(panel), drafts);
        QCOMPARE(panel.countLabel()->text(), countText(drafts.size(), kTasks));

        // Type a search: it applies after the debounce, case-insensitively.
        QTest::keyClicks(panel.filterEdit(), QStringLiteral("mESSAGE 2"));
        QCOMPARE(panel.model()->rowCount(), drafts.size());  // not yet
        auto matches = [](int id) {
            return textOf(id).contains(QStringLiteral("message 2"), Qt::CaseInsensitive);
        };
        const QList<qint64> draftMatches = expectedIds(
            [&](int id) { return myStatus(id) == QLatin1String("draft") && matches(id); });
        QVERIFY(draftMatches.size() > 1);
        QTRY_COMPARE(listed(panel), draftMatches);
        QCOMPARE(panel.countLabel()->text(), countText(draftMatches.size(), kTasks));
        status->setCurrentIndex(0);  // All
        const QList<qint64> found = expectedIds(matches);
        QCOMPARE(listed(panel), found);
        QCOMPARE(panel.countLabel()->text(), countText(found.size(), kTasks));

        // Click the third row: the signal carries its task.
        QSignalSpy picked(&panel, &ProjectPanel::currentTaskChanged);
        clickRow(panel, 2);
        QCOMPARE(picked.count(), 1);
        QCOMPARE(picked.at(0).at(0).toLongLong(), found.at(2));
        QCOMPARE(panel.currentTaskId(), found.at(2));

        // Down moves to the next row and says so.
        QTest::keyClick(panel.view(), Qt::Key_Down);
        QCOMPARE(picked.count(), 2);
        QCOMPARE(picked.at(1).at(0).toLongLong(), found.at(3));
        QCOMPARE(panel.currentTaskId(), found.at(3));

        // Escape clears the search at once; the selected task stays selected.
        panel.filterEdit()->setFocus();
        QTest::keyClick(panel.filterEdit(), Qt::Key_Escape);
        QCOMPARE(panel.filterEdit()->text(), QString());
        QCOMPARE(panel.model()->rowCount(), kTasks);
        QCOMPARE(panel.currentTaskId(), found.at(3));
        QCOMPARE(panel.view()->currentIndex().row(), panel.model()->rowOf(found.at(3)));
        QCOMPARE(picked.count(), 2);  // filtering is not the user picking a task
    }

    void selectionSurvivesFilterAndSort() {
        ProjectPanel panel;
        panel.resize(700, 400);
        panel.setProject(m_project.get());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy picked(&panel, &ProjectPanel::currentTaskChanged);

        panel.selectTask(451);  // a draft, far down the list
        QCOMPARE(picked.count(), 0);
        QCOMPARE(panel.currentTaskId(), qint64(451));
        const QModelIndex current = panel.view()->currentIndex();
        QCOMPARE(current.row(), 450);
        QVERIFY(panel.view()->viewport()->rect().intersects(panel.view()->visualRect(current)));

        panel.statusFilterBox()->setCurrentIndex(3);  // Draft
        QCOMPARE(panel.currentTaskId(), qint64(451));
        panel.statusFilterBox()->setCurrentIndex(4);  // Submitted: not listed
        QCOMPARE(panel.currentTaskId(), qint64(0));
        panel.statusFilterBox()->setCurrentIndex(0);  // All: selected again
        QCOMPARE(panel.currentTaskId(), qint64(451));

        clickHeader(panel, TaskListModel::IdColumn);  // now descending
        QCOMPARE(panel.model()->sortOrder(), Qt::DescendingOrder);
        QCOMPARE(panel.model()->taskId(0), qint64(kTasks));
        QCOMPARE(panel.currentTaskId(), qint64(451));
        QCOMPARE(panel.view()->currentIndex().row(), kTasks - 451);
        QCOMPARE(picked.count(), 0);
    }

    // Sorting by the preview reads the order on another thread: the list
    // keeps its rows and the selected task meanwhile, and the task stays
    // selected, in view, when the order arrives.
    void sortingByThePreviewKeepsTheSelection() {
        ProjectPanel panel;
        panel.resize(700, 400);
        panel.setProject(m_project.get());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy picked(&panel, &ProjectPanel::currentTaskChanged);
        auto* count = panel.findChild<QLabel*>(QStringLiteral("taskCount"));
        QVERIFY(count);
        panel.selectTask(120);
        clickHeader(panel, TaskListModel::PreviewColumn);
        QCOMPARE(panel.model()->sortColumn(), int(TaskListModel::PreviewColumn));
        QVERIFY(panel.model()->isLoading());
        QCOMPARE(count->text(), countText(kTasks, kTasks) + QStringLiteral(" (reading…)"));
        QCOMPARE(panel.currentTaskId(), qint64(120));
        QTRY_VERIFY(!panel.model()->isLoading());
        QCOMPARE(count->text(), countText(kTasks, kTasks));
        // "Message 1 about …", "Message 10 about …", "Message 100 about …", …
        QCOMPARE(panel.model()->taskId(0), qint64(1));
        QCOMPARE(panel.model()->taskId(1), qint64(10));
        QCOMPARE(panel.model()->taskId(2), qint64(100));
        QCOMPARE(panel.currentTaskId(), qint64(120));
        const QModelIndex current = panel.view()->currentIndex();
        QCOMPARE(panel.model()->taskId(current.row()), qint64(120));
        QVERIFY(panel.view()->viewport()->rect().intersects(panel.view()->visualRect(current)));
        QCOMPARE(picked.count(), 0);
    }

    void neighboursFollowTheOrder() {
        ProjectPanel panel;
        panel.resize(700, 400);
        panel.setProject(m_project.get());
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.neighbourTask(10, +1), std::optional<qint64>(11));
        QCOMPARE(panel.neighbourTask(10, -1), std::optional<qint64>(9));
        QCOMPARE(panel.neighbourTask(1, -1), std::nullopt);
        QCOMPARE(panel.neighbourTask(kTasks, +1), std::nullopt);

        clickHeader(panel, TaskListModel::IdColumn);  // descending
        QCOMPARE(panel.neighbourTask(10, +1), std::optional<qint64>(9));
        QCOMPARE(panel.neighbourTask(kTasks, -1), std::nullopt);
        QCOMPARE(panel.neighbourTask(1, +1), std::nullopt);

        clickHeader(panel, TaskListModel::StatusColumn);  // ascending: new first
        QCOMPARE(panel.model()->sortColumn(), int(TaskListModel::StatusColumn));
        QCOMPARE(panel.model()->taskId(0), qint64(4));
        // The last new task is followed by the first draft.
        QCOMPARE(panel.neighbourTask(500, +1), std::optional<qint64>(1));
        QCOMPARE(panel.neighbourTask(1, -1), std::optional<qint64>(500));
        QCOMPARE(panel.neighbourTask(1, +1), std::optional<qint64>(11));

        // Annotators cannot be sorted: the order and the indicator stay.
        clickHeader(panel, TaskListModel::AnnotatorsColumn);
        QCOMPARE(panel.model()->sortColumn(), int(TaskListModel::StatusColumn));
        QCOMPARE(panel.view()->horizontalHeader()->sortIndicatorSection(),
                 int(TaskListModel::StatusColumn));
        QCOMPARE(panel.neighbourTask(1, +1), std::optional<qint64>(11));

        // Among tasks of one kind: every task here is a text task.
        QCOMPARE(panel.neighbourTask(1, +1, TaskKind::Text), std::optional<qint64>(11));
        QCOMPARE(panel.neighbourTask(1, +1, TaskKind::Image), std::nullopt);
        QCOMPARE(panel.neighbourTask(1, -1, TaskKind::Image), std::nullopt);

        // Tasks outside the list: the first row going forward, the last back.
        panel.statusFilterBox()->setCurrentIndex(3);  // Draft
        QCOMPARE(panel.neighbourTask(2, +1), std::optional<qint64>(1));
        QCOMPARE(panel.neighbourTask(2, -1), std::optional<qint64>(491));
        QCOMPARE(panel.neighbourTask(491, +1), std::nullopt);
    }

    void refreshKeepsTheRowAndShowsTheStoredStatus() {
        QTemporaryDir dir;
        std::unique_ptr<Project> project = makeProject(dir.filePath(QStringLiteral("edit.postil")));
        QVERIFY(project);

        ProjectPanel panel;
        panel.setProject(project.get());
        panel.statusFilterBox()->setCurrentIndex(2);  // New
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const int rows = panel.model()->rowCount();
        clickRow(panel, 0);
        QCOMPARE(panel.currentTaskId(), qint64(4));

        QVERIFY(save(*project, 4, AnnotationStatus::Submitted).ok());
        panel.refreshTask(4);
        QCOMPARE(panel.model()->rowCount(), rows);
        QCOMPARE(panel.currentTaskId(), qint64(4));
        QCOMPARE(
            panel.model()->data(panel.model()->index(0, TaskListModel::StatusColumn)).toString(),
            QStringLiteral("Submitted"));
        QVERIFY(project->annotations().get(QStringLiteral("t4"), kMe)->status ==
                AnnotationStatus::Submitted);
        QCOMPARE(panel.neighbourTask(4, +1), std::optional<qint64>(5));

        panel.reload();
        QCOMPARE(panel.model()->rowCount(), rows - 1);
        QCOMPARE(panel.model()->rowOf(4), -1);
        QCOMPARE(panel.currentTaskId(), qint64(0));
        QCOMPARE(panel.neighbourTask(4, +1), std::optional<qint64>(5));
        QCOMPARE(panel.countLabel()->text(), countText(rows - 1, kTasks));
    }

    void focusFilterTakesTheKeyboard() {
        ProjectPanel panel;
        panel.setProject(m_project.get());
        panel.show();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        panel.filterEdit()->setText(QStringLiteral("weather"));
        panel.view()->setFocus();
        panel.focusFilter();
        QTRY_VERIFY(panel.filterEdit()->hasFocus());
        QCOMPARE(panel.filterEdit()->selectedText(), QStringLiteral("weather"));
        // Return applies at once and hands the keyboard to the list.
        QTest::keyClick(panel.filterEdit(), Qt::Key_Return);
        QCOMPARE(panel.model()->textFilter(), QStringLiteral("weather"));
        QCOMPARE(panel.model()->rowCount(), kTasks - kTasks / 5);
        QTRY_VERIFY(panel.view()->hasFocus());
    }
};

QTEST_MAIN(TestProjectPanel)
#include "tst_projectpanel.moc"
