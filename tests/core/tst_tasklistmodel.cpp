#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QtTest>

#include "model/project.h"
#include "model/tasklistmodel.h"

using namespace postil;

namespace {

constexpr int kTasks = 3000;
const QString kMe = QStringLiteral("me");
const QString kAlice = QStringLiteral("alice");
const QString kWords[] = {QStringLiteral("apples"), QStringLiteral("Zebras"),
                          QStringLiteral("ÄRGER im Büro"), QStringLiteral("pears")};

// What the generated project holds, so expectations are computed, not typed.
bool isImage(int id) {
    return id % 50 == 0;
}
QString uidOf(int id) {
    return QStringLiteral("task-%1").arg(id, 4, 10, QLatin1Char('0'));
}
// Row 12 was submitted and then deleted: a tombstone, so new again.
QString myStatus(int id) {
    switch (id % 10) {
        case 1:
            return QStringLiteral("draft");
        case 2:
            return id == 12 ? QStringLiteral("new") : QStringLiteral("submitted");
        case 3:
            return QStringLiteral("skipped");
    }
    return QStringLiteral("new");
}
bool aliceAnnotated(int id) {
    return id % 3 == 0;
}

Task makeTask(int id) {
    Task task;
    task.uid = uidOf(id);
    if (isImage(id)) {
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), QStringLiteral("img/%1.png").arg(id)}};
    } else {
        task.kind = TaskKind::Text;
        task.data = {{QStringLiteral("text"),
                      QStringLiteral("Sentence %1 about %2. ").arg(id).arg(kWords[id % 4]) +
                          QStringLiteral("Long tail %1 ").arg(id).repeated(20)}};
    }
    task.preview = Task::previewFor(task.kind, task.data);
    return task;
}

Status annotate(Project& project, const QString& uid, const QString& annotator,
                AnnotationStatus status, bool deleted = false) {
    Annotation a;
    a.taskUid = uid;
    a.annotator = annotator;
    a.status = status;
    a.deleted = deleted;
    if (status == AnnotationStatus::Skipped)
        a.skipReason = QStringLiteral("blurry");
    return project.saveAnnotation(a);
}

std::unique_ptr<Project> makeProject(const QString& path) {
    auto created = Project::create(path, {});
    if (!created.ok())
        qFatal("create: %s", qPrintable(created.error()));
    std::unique_ptr<Project> project = std::move(*created);
    project->setIdentity({kMe, QStringLiteral("device-1")});
    Transaction tx(project->database());
    for (int id = 1; id <= kTasks; ++id) {
        Task task = makeTask(id);
        auto added = project->tasks().add(task);
        if (!added.ok() || task.id != id)
            qFatal("add task %d failed", id);
        const QString status = myStatus(id);
        Status s = Status::success();
        if (status == QLatin1String("draft"))
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Draft);
        else if (status == QLatin1String("submitted"))
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Submitted);
        else if (status == QLatin1String("skipped"))
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Skipped);
        if (s.ok() && id == 12)
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Submitted, true);
        if (s.ok() && aliceAnnotated(id))
            s = annotate(*project, task.uid, kAlice, AnnotationStatus::Submitted);
        if (!s.ok())
            qFatal("annotate %d: %s", id, qPrintable(s.error()));
    }
    if (!tx.commit().ok())
        qFatal("commit failed");
    return project;
}

int statusRank(const QString& status) {
    static const QStringList order{QStringLiteral("new"), QStringLiteral("draft"),
                                   QStringLiteral("submitted"), QStringLiteral("skipped")};
    return int(order.indexOf(status));
}

}  // namespace

class TestTaskListModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;

    // A model under QAbstractItemModelTester from before its first change.
    struct Checked {
        TaskListModel model;
        QAbstractItemModelTester tester{&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest};
    };

    QList<qint64> idsOf(const TaskListModel& model) {
        QList<qint64> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.taskId(row);
        return ids;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = makeProject(m_dir.filePath(QStringLiteral("shared.postil")));
    }

    void cleanupTestCase() { m_project.reset(); }

    void showsEveryTaskLazily() {
        Checked c;
        c.model.setProject(m_project.get());
        QCOMPARE(c.model.rowCount(), kTasks);
        QCOMPARE(c.model.totalTasks(), qint64(kTasks));
        QCOMPARE(c.model.columnCount(), int(TaskListModel::ColumnCount));
        QCOMPARE(c.model.headerData(TaskListModel::IdColumn, Qt::Horizontal).toString(),
                 QStringLiteral("#"));
        QCOMPARE(c.model.headerData(TaskListModel::StatusColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Status"));
        QCOMPARE(c.model.headerData(TaskListModel::AnnotatorsColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Annotators"));
        QCOMPARE(c.model.headerData(TaskListModel::PreviewColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Task"));

        // A first screen: 50 rows, every column, in one block.
        for (int row = 0; row < 50; ++row) {
            const int id = row + 1;
            QCOMPARE(c.model.taskId(row), qint64(id));
            QCOMPARE(c.model.data(c.model.index(row, TaskListModel::IdColumn)).toLongLong(),
                     qint64(id));
            QCOMPARE(c.model.data(c.model.index(row, 0), TaskListModel::TaskUidRole).toString(),
                     uidOf(id));
            QCOMPARE(c.model.data(c.model.index(row, 0), TaskListModel::StatusRole).toString(),
                     myStatus(id));
            QCOMPARE(c.model.data(c.model.index(row, 0), TaskListModel::KindRole).toString(),
                     isImage(id) ? QStringLiteral("image") : QStringLiteral("text"));
            const QString preview =
                c.model.data(c.model.index(row, TaskListModel::PreviewColumn)).toString();
            QVERIFY2(preview.contains(makeTask(id).preview), qPrintable(preview));
            QString annotators;
            if (aliceAnnotated(id) && myStatus(id) != QLatin1String("new"))
                annotators = QStringLiteral("alice, me");
            else if (aliceAnnotated(id))
                annotators = kAlice;
            else if (myStatus(id) != QLatin1String("new"))
                annotators = kMe;
            QCOMPARE(c.model.data(c.model.index(row, TaskListModel::AnnotatorsColumn)).toString(),
                     annotators);
            QVERIFY(
                c.model.data(c.model.index(row, TaskListModel::StatusColumn), Qt::DecorationRole)
                    .canConvert<QColor>());
        }
        // The tester has looked at the first rows already: one block in all.
        QCOMPARE(c.model.blocksFetched(), 1);
        QCOMPARE(c.model.data(c.model.index(0, TaskListModel::StatusColumn)).toString(),
                 QStringLiteral("Draft"));
        QCOMPARE(
            c.model.data(c.model.index(2, TaskListModel::StatusColumn), Qt::ToolTipRole).toString(),
            QStringLiteral("Skipped: blurry"));
        // The tooltip holds more than the one-line preview.
        const QString tip =
            c.model.data(c.model.index(0, TaskListModel::PreviewColumn), Qt::ToolTipRole)
                .toString();
        QVERIFY2(tip.contains(QStringLiteral("Long tail 1 Long tail 1 Long tail 1 Long tail 1")),
                 qPrintable(tip));
        QVERIFY(tip.size() > makeTask(1).preview.size());

        // Jumping far reads one more block.
        const int far = c.model.rowOf(2900);
        QCOMPARE(far, 2899);
        QCOMPARE(c.model.data(c.model.index(far, 0), TaskListModel::TaskUidRole).toString(),
                 uidOf(2900));
        QCOMPARE(c.model.blocksFetched(), 2);

        // Reading everything keeps at most kMaxBlocks blocks but stays correct.
        for (int row = 0; row < kTasks; row += 7)
            QCOMPARE(c.model.data(c.model.index(row, 0), TaskListModel::TaskUidRole).toString(),
                     uidOf(row + 1));
        QCOMPARE(c.model.data(c.model.index(0, 0), TaskListModel::TaskUidRole).toString(),
                 uidOf(1));
    }

    void rowOfAndTaskIdBounds() {
        Checked c;
        c.model.setProject(m_project.get());
        QCOMPARE(c.model.taskId(-1), qint64(0));
        QCOMPARE(c.model.taskId(kTasks), qint64(0));
        QCOMPARE(c.model.rowOf(0), -1);
        QCOMPARE(c.model.rowOf(kTasks + 1), -1);
        QCOMPARE(c.model.rowOf(1234), 1233);
        c.model.setStatusFilter(TaskListModel::StatusFilter::Draft);
        QCOMPARE(c.model.rowOf(1234), -1);
        QCOMPARE(c.model.rowOf(1231), 123);
        QCOMPARE(c.model.taskId(123), qint64(1231));
        c.model.setProject(nullptr);
        QCOMPARE(c.model.rowCount(), 0);
        QCOMPARE(c.model.totalTasks(), qint64(0));
        QCOMPARE(c.model.rowOf(1), -1);
    }

    void statusFilters_data() {
        QTest::addColumn<int>("filter");
        QTest::addColumn<QStringList>("statuses");
        using F = TaskListModel::StatusFilter;
        QTest::newRow("all") << int(F::All)
                             << QStringList{QStringLiteral("new"), QStringLiteral("draft"),
                                            QStringLiteral("submitted"), QStringLiteral("skipped")};
        QTest::newRow("unfinished")
            << int(F::Unfinished) << QStringList{QStringLiteral("new"), QStringLiteral("draft")};
        QTest::newRow("new") << int(F::New) << QStringList{QStringLiteral("new")};
        QTest::newRow("draft") << int(F::Draft) << QStringList{QStringLiteral("draft")};
        QTest::newRow("submitted") << int(F::Submitted) << QStringList{QStringLiteral("submitted")};
        QTest::newRow("skipped") << int(F::Skipped) << QStringList{QStringLiteral("skipped")};
    }

    void statusFilters() {
        QFETCH(int, filter);
        QFETCH(QStringList, statuses);
        QList<qint64> expected;
        for (int id = 1; id <= kTasks; ++id)
            if (statuses.contains(myStatus(id)))
                expected << id;
        Checked c;
        c.model.setProject(m_project.get());
        c.model.setStatusFilter(TaskListModel::StatusFilter(filter));
        QCOMPARE(idsOf(c.model), expected);
        QCOMPARE(c.model.totalTasks(), qint64(kTasks));
        for (int row = 0; row < c.model.rowCount(); row += 37)
            QVERIFY(statuses.contains(
                c.model.data(c.model.index(row, 0), TaskListModel::StatusRole).toString()));
        // The tombstone of task 12 is not a live row.
        QCOMPARE(c.model.rowOf(12) >= 0, statuses.contains(QStringLiteral("new")));
    }

    void statusesOfAFewAnnotations() {
        // Another annotator with a handful of rows: the model then looks tasks
        // up one by one instead of merging with the whole uid index (the path
        // the other tests take), and must agree with it.
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("carol.postil")));
        const QString carol = QStringLiteral("carol");
        QVERIFY(annotate(*project, uidOf(7), carol, AnnotationStatus::Draft).ok());
        QVERIFY(annotate(*project, uidOf(70), carol, AnnotationStatus::Submitted).ok());
        QVERIFY(annotate(*project, uidOf(700), carol, AnnotationStatus::Skipped).ok());
        QVERIFY(annotate(*project, uidOf(2000), carol, AnnotationStatus::Draft).ok());
        QVERIFY(annotate(*project, uidOf(2000), carol, AnnotationStatus::Draft, true).ok());
        project->setIdentity({carol, QStringLiteral("device-2")});
        Checked c;
        c.model.setProject(project.get());
        c.model.setStatusFilter(TaskListModel::StatusFilter::Draft);
        QCOMPARE(idsOf(c.model), QList<qint64>{7});
        c.model.setStatusFilter(TaskListModel::StatusFilter::Submitted);
        QCOMPARE(idsOf(c.model), QList<qint64>{70});
        c.model.setStatusFilter(TaskListModel::StatusFilter::Skipped);
        QCOMPARE(idsOf(c.model), QList<qint64>{700});
        c.model.setStatusFilter(TaskListModel::StatusFilter::Unfinished);
        QCOMPARE(c.model.rowCount(), kTasks - 2);
        QVERIFY(c.model.rowOf(2000) >= 0);
        c.model.sort(TaskListModel::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(c.model.taskId(0), qint64(7));
        QCOMPARE(c.model.data(c.model.index(0, TaskListModel::AnnotatorsColumn)).toString(),
                 QStringLiteral("carol"));
    }

    // Rows of other annotators that hold boxes (an import's pre-annotations)
    // are proposals for this annotator: the list names their source as such.
    void marksTasksWithProposals() {
        QTemporaryDir dir;
        auto created = Project::create(dir.filePath(QStringLiteral("proposals.postil")), {});
        QVERIFY2(created.ok(), qPrintable(created.error()));
        Project& project = **created;
        project.setIdentity({kMe, QStringLiteral("device-1")});
        for (int id = 1; id <= 4; ++id) {
            Task task = makeTask(id * 50);  // image tasks
            task.uid = uidOf(id);
            QVERIFY(project.tasks().add(task).ok());
        }
        const QJsonObject boxes{
            {QStringLiteral("boxes"),
             QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("car")},
                                    {QStringLiteral("x"), 1},
                                    {QStringLiteral("y"), 2},
                                    {QStringLiteral("w"), 3},
                                    {QStringLiteral("h"), 4}}}}};
        auto save = [&](int id, const QString& annotator, const QJsonObject& result,
                        const QString& reviewOf = QString()) {
            Annotation a;
            a.taskUid = uidOf(id);
            a.annotator = annotator;
            a.result = result;
            a.reviewOf = reviewOf;
            return project.saveAnnotation(a);
        };
        QVERIFY(save(1, QStringLiteral("coco-import"), boxes).ok());
        QVERIFY(save(1, QStringLiteral("yolo-import"), boxes).ok());
        QVERIFY(save(1, kMe, boxes).ok());  // my own boxes are no proposal
        QVERIFY(save(2, kAlice, {{QStringLiteral("answers"), QJsonObject()}}).ok());  // no boxes
        QVERIFY(save(3, QStringLiteral("bob"), boxes, QStringLiteral("some-row")).ok());  // review
        QVERIFY(save(4, kAlice, boxes).ok());
        Checked c;
        c.model.setProject(&project);
        auto annotators = [&](int id) {
            return c.model.data(c.model.index(c.model.rowOf(id), TaskListModel::AnnotatorsColumn))
                .toString();
        };
        auto sources = [&](int id) {
            return c.model
                .data(c.model.index(c.model.rowOf(id), 0), TaskListModel::ProposalSourcesRole)
                .toStringList();
        };
        QCOMPARE(annotators(1),
                 QStringLiteral("coco-import (proposal), me, yolo-import (proposal)"));
        QCOMPARE(sources(1),
                 (QStringList{QStringLiteral("coco-import"), QStringLiteral("yolo-import")}));
        QVERIFY(c.model
                    .data(c.model.index(c.model.rowOf(1), TaskListModel::AnnotatorsColumn),
                          Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Proposed boxes by coco-import, yolo-import")));
        QCOMPARE(annotators(2), kAlice);
        QCOMPARE(sources(2), QStringList());
        QCOMPARE(annotators(3), QStringLiteral("bob"));
        QCOMPARE(annotators(4), QStringLiteral("alice (proposal)"));
        // Deleted, the import's row proposes nothing any more.
        Annotation gone;
        gone.taskUid = uidOf(4);
        gone.annotator = kAlice;
        gone.deleted = true;
        QVERIFY(project.saveAnnotation(gone).ok());
        c.model.refreshTask(4);
        QCOMPARE(annotators(4), QString());
    }

    void textFilter() {
        Checked c;
        c.model.setProject(m_project.get());
        auto expect = [](auto pred) {
            QList<qint64> ids;
            for (int id = 1; id <= kTasks; ++id)
                if (pred(id))
                    ids << id;
            return ids;
        };
        c.model.setTextFilter(QStringLiteral("zEBRA"));
        QCOMPARE(idsOf(c.model),
                 expect([](int id) { return !isImage(id) && kWords[id % 4] == u"Zebras"; }));
        // Beyond ASCII: case folding is QString's.
        c.model.setTextFilter(QStringLiteral("ärger IM büro"));
        const QList<qint64> aerger = expect([](int id) { return !isImage(id) && id % 4 == 2; });
        QCOMPARE(idsOf(c.model), aerger);
        QVERIFY(!aerger.isEmpty());
        // The uid matches too, and LIKE's wildcards are plain characters.
        c.model.setTextFilter(QStringLiteral("TASK-0042"));
        QCOMPARE(idsOf(c.model), QList<qint64>{42});
        c.model.setTextFilter(QStringLiteral("%"));
        QCOMPARE(c.model.rowCount(), 0);
        c.model.setTextFilter(QStringLiteral("task_0042"));
        QCOMPARE(c.model.rowCount(), 0);
        c.model.setTextFilter(QStringLiteral("2950.png"));
        QCOMPARE(idsOf(c.model), QList<qint64>{2950});
        // With a status filter on top.
        c.model.setTextFilter(QStringLiteral("zebras"));
        c.model.setStatusFilter(TaskListModel::StatusFilter::Skipped);
        QCOMPARE(idsOf(c.model), expect([](int id) {
                     return !isImage(id) && id % 4 == 1 && myStatus(id) == QLatin1String("skipped");
                 }));
        c.model.setTextFilter(QString());
        QCOMPARE(c.model.rowCount(), kTasks / 10);
    }

    // Search reaches the whole task text through the trigram index: past
    // the preview's 160 characters, inside responses and multi-turn prompts,
    // CJK without spaces, and tasks added after the index was built.
    void searchFindsTheWholeTaskText() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("search.postil")));
        const qint64 before = project->tasks().count();
        auto add = [&](const QString& uid, TaskKind kind, const QJsonObject& data) {
            Task task;
            task.uid = uid;
            task.kind = kind;
            task.data = data;
            task.preview = Task::previewFor(kind, data);
            QVERIFY(project->tasks().add(task).ok());
        };
        add(QStringLiteral("long"), TaskKind::Text,
            {{QStringLiteral("text"),
              QString(400, QLatin1Char('x')) + QStringLiteral(" a quokka at the end")}});
        add(QStringLiteral("cmp"), TaskKind::Compare,
            {{QStringLiteral("prompt"),
              QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                     {QStringLiteral("content"), QStringLiteral("first turn")}},
                         QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                     {QStringLiteral("content"), QStringLiteral("a narwhal")}}}},
             {QStringLiteral("responses"),
              QJsonArray{QStringLiteral("plain"), QStringLiteral("the axolotl answer")}}});
        add(QStringLiteral("cjk"), TaskKind::Text,
            {{QStringLiteral("text"), QStringLiteral("東京都の天気予報は晴れ")}});
        Checked c;
        c.model.setProject(project.get());
        auto only = [&](const QString& needle) {
            c.model.setTextFilter(needle);
            QStringList uids;
            for (int row = 0; row < c.model.rowCount(); ++row)
                uids << c.model.data(c.model.index(row, 0), TaskListModel::TaskUidRole).toString();
            return uids.join(QLatin1Char(','));
        };
        QCOMPARE(only(QStringLiteral("QUOKKA")), QStringLiteral("long"));
        QCOMPARE(only(QStringLiteral("axolotl")), QStringLiteral("cmp"));
        QCOMPARE(only(QStringLiteral("narwhal")), QStringLiteral("cmp"));
        QCOMPARE(only(QStringLiteral("天気予")), QStringLiteral("cjk"));
        QCOMPARE(only(QStringLiteral("東京")), QStringLiteral("cjk"));  // short: the scan
        QCOMPARE(only(QStringLiteral("\"quokka")), QString());          // quotes are text
        add(QStringLiteral("late"), TaskKind::Text,
            {{QStringLiteral("text"), QStringLiteral("a late wombat")}});
        c.model.reload();
        QCOMPARE(only(QStringLiteral("wombat")), QStringLiteral("late"));
        c.model.sort(TaskListModel::PreviewColumn);
        QCOMPARE(only(QStringLiteral("axolotl")), QStringLiteral("cmp"));  // in preview order too
        QCOMPARE(project->tasks().count(), before + 4);
    }

    void sorting() {
        Checked c;
        c.model.setProject(m_project.get());
        QCOMPARE(c.model.sortColumn(), int(TaskListModel::IdColumn));
        c.model.sort(TaskListModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(c.model.taskId(0), qint64(kTasks));
        QCOMPARE(c.model.taskId(kTasks - 1), qint64(1));
        QCOMPARE(c.model.rowOf(1), kTasks - 1);
        QCOMPARE(c.model.rowOf(2000), kTasks - 2000);

        c.model.sort(TaskListModel::StatusColumn, Qt::AscendingOrder);
        QCOMPARE(c.model.rowCount(), kTasks);
        int lastRank = -1;
        qint64 lastId = 0;
        for (int row = 0; row < c.model.rowCount(); ++row) {
            const qint64 id = c.model.taskId(row);
            const int rank = statusRank(myStatus(int(id)));
            QVERIFY(rank >= lastRank);
            if (rank == lastRank)
                QVERIFY(id > lastId);
            lastRank = rank;
            lastId = id;
        }
        QCOMPARE(myStatus(int(c.model.taskId(0))), QStringLiteral("new"));
        QCOMPARE(c.model.rowOf(c.model.taskId(2500)), 2500);
        c.model.sort(TaskListModel::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(myStatus(int(c.model.taskId(0))), QStringLiteral("skipped"));
        QCOMPARE(c.model.taskId(0), qint64(3));
        QCOMPARE(myStatus(int(c.model.taskId(kTasks - 1))), QStringLiteral("new"));

        // Preview order, case-insensitive, with a status filter on top.
        c.model.setStatusFilter(TaskListModel::StatusFilter::Draft);
        c.model.sort(TaskListModel::PreviewColumn, Qt::AscendingOrder);
        QCOMPARE(c.model.rowCount(), kTasks / 10);
        QString last;
        for (int row = 0; row < c.model.rowCount(); ++row) {
            const QModelIndex index = c.model.index(row, TaskListModel::PreviewColumn);
            QCOMPARE(c.model.data(index, TaskListModel::StatusRole).toString(),
                     QStringLiteral("draft"));
            const QString preview = makeTask(int(c.model.taskId(row))).preview.toLower();
            QVERIFY2(last <= preview, qPrintable(last + QStringLiteral(" > ") + preview));
            last = preview;
        }
        const qint64 first = c.model.taskId(0);
        c.model.sort(TaskListModel::PreviewColumn, Qt::DescendingOrder);
        QCOMPARE(c.model.taskId(c.model.rowCount() - 1), first);
        // Annotators is not sortable: the order stays.
        const QList<qint64> before = idsOf(c.model);
        c.model.sort(TaskListModel::AnnotatorsColumn, Qt::AscendingOrder);
        QCOMPARE(idsOf(c.model), before);
        QCOMPARE(c.model.sortColumn(), int(TaskListModel::PreviewColumn));
    }

    void refreshAfterSaving() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("edit.postil")));
        Checked c;
        c.model.setProject(project.get());
        c.model.setStatusFilter(TaskListModel::StatusFilter::Unfinished);
        const int row = c.model.rowOf(5);
        QVERIFY(row >= 0);
        QCOMPARE(c.model.data(c.model.index(row, 0), TaskListModel::StatusRole).toString(),
                 QStringLiteral("new"));
        const int rows = c.model.rowCount();

        QVERIFY(annotate(*project, uidOf(5), kMe, AnnotationStatus::Submitted).ok());
        QSignalSpy changed(&c.model, &QAbstractItemModel::dataChanged);
        c.model.refreshTask(5);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), TaskListModel::ColumnCount - 1);
        // It stays where the user is, with its new status.
        QCOMPARE(c.model.rowCount(), rows);
        QCOMPARE(c.model.rowOf(5), row);
        QCOMPARE(c.model.data(c.model.index(row, 0), TaskListModel::StatusRole).toString(),
                 QStringLiteral("submitted"));
        QCOMPARE(c.model.data(c.model.index(row, TaskListModel::AnnotatorsColumn)).toString(), kMe);
        // Filters see the new status without a reload.
        c.model.setStatusFilter(TaskListModel::StatusFilter::Submitted);
        QVERIFY(c.model.rowOf(5) >= 0);
        c.model.setStatusFilter(TaskListModel::StatusFilter::Unfinished);
        QCOMPARE(c.model.rowOf(5), -1);
        QCOMPARE(c.model.rowCount(), rows - 1);

        // A task outside the list: no signal, but filters know its status.
        QVERIFY(annotate(*project, uidOf(2), kMe, AnnotationStatus::Draft).ok());
        changed.clear();
        c.model.refreshTask(2);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(c.model.rowOf(2), -1);
        c.model.setStatusFilter(TaskListModel::StatusFilter::Submitted);
        QCOMPARE(c.model.rowOf(2), -1);
        QVERIFY(c.model.rowOf(22) >= 0);
        c.model.setStatusFilter(TaskListModel::StatusFilter::Unfinished);
        QVERIFY(c.model.rowOf(2) >= 0);

        // Deleting (a tombstone) makes it new again.
        c.model.setStatusFilter(TaskListModel::StatusFilter::Draft);
        QVERIFY(c.model.rowOf(2) >= 0);
        QVERIFY(annotate(*project, uidOf(2), kMe, AnnotationStatus::Draft, true).ok());
        c.model.refreshTask(2);
        QVERIFY(c.model.rowOf(2) >= 0);
        QCOMPARE(
            c.model.data(c.model.index(c.model.rowOf(2), 0), TaskListModel::StatusRole).toString(),
            QStringLiteral("new"));
        QCOMPARE(c.model.data(c.model.index(c.model.rowOf(2), TaskListModel::AnnotatorsColumn))
                     .toString(),
                 QString());
        c.model.setStatusFilter(TaskListModel::StatusFilter::New);
        QVERIFY(c.model.rowOf(2) >= 0);
        c.model.setStatusFilter(TaskListModel::StatusFilter::Draft);
        QCOMPARE(c.model.rowOf(2), -1);
        c.model.reload();
        QCOMPARE(c.model.rowOf(2), -1);
        QCOMPARE(c.model.rowCount(), kTasks / 10);
    }

    void reloadAfterAddingTasks() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("grow.postil")));
        Checked c;
        c.model.setProject(project.get());
        c.model.setStatusFilter(TaskListModel::StatusFilter::New);
        const int newRows = c.model.rowCount();
        {
            Transaction tx(project->database());
            for (int id = kTasks + 1; id <= kTasks + 25; ++id) {
                Task task = makeTask(id);
                QVERIFY(project->tasks().add(task).ok());
            }
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(c.model.rowCount(), newRows);
        c.model.reload();
        QCOMPARE(c.model.totalTasks(), qint64(kTasks + 25));
        QCOMPARE(c.model.rowCount(), newRows + 25);
        QCOMPARE(c.model.taskId(c.model.rowCount() - 1), qint64(kTasks + 25));
        QCOMPARE(c.model.data(c.model.index(c.model.rowCount() - 1, 0), TaskListModel::TaskUidRole)
                     .toString(),
                 uidOf(kTasks + 25));
    }

    void idsWithGaps() {
        // Ids are not always one range (tasks removed by hand, a merge): the
        // list still holds exactly the tasks, in order.
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("gaps.postil")));
        QVERIFY(project->database()
                    .exec(QStringLiteral("DELETE FROM tasks WHERE id BETWEEN 100 AND 199; "
                                         "INSERT INTO tasks(id, uid, kind, data, preview) "
                                         "VALUES(90000, 'far', 'text', '{\"text\":\"far\"}', "
                                         "'far away')"))
                    .ok());
        Checked c;
        c.model.setProject(project.get());
        QCOMPARE(c.model.rowCount(), kTasks - 100 + 1);
        QCOMPARE(c.model.totalTasks(), qint64(kTasks - 100 + 1));
        QCOMPARE(c.model.taskId(98), qint64(99));
        QCOMPARE(c.model.taskId(99), qint64(200));
        QCOMPARE(c.model.rowOf(150), -1);
        QCOMPARE(c.model.taskId(c.model.rowCount() - 1), qint64(90000));
        QCOMPARE(c.model.data(c.model.index(c.model.rowCount() - 1, TaskListModel::PreviewColumn))
                     .toString(),
                 QStringLiteral("text · far away"));
        c.model.sort(TaskListModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(c.model.taskId(0), qint64(90000));
        QCOMPARE(c.model.rowOf(200), c.model.rowCount() - 100);
    }
};

QTEST_GUILESS_MAIN(TestTaskListModel)
#include "tst_tasklistmodel.moc"
