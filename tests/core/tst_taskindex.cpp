#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include "model/project.h"
#include "model/taskindex.h"
#include "tasklistfixture.h"

using namespace postil;
using namespace postil::tasklistfixture;

namespace {

using Order = TaskIndex::Order;
using StatusFilter = TaskIndex::StatusFilter;

QList<qint64> idsOf(const TaskIndex& index) {
    QList<qint64> ids;
    for (int row = 0; row < index.size(); ++row)
        ids << index.taskId(row);
    return ids;
}

QString statusAt(const TaskIndex& index, int row) {
    const TaskIndex::Row* r = index.row(row);
    return r ? TaskIndex::statusName(r->status) : QStringLiteral("(unread)");
}

QString uidAt(const TaskIndex& index, int row) {
    const TaskIndex::Row* r = index.row(row);
    return r ? r->uid : QStringLiteral("(unread)");
}

QStringList namesOf(const TaskIndex::Row& row) {
    QStringList names;
    for (const TaskIndex::Row::Annotator& a : row.annotators)
        names << (a.proposes ? a.name + QStringLiteral("*") : a.name);
    return names;
}

QList<qint64> expect(const std::function<bool(int)>& pred) {
    QList<qint64> ids;
    for (int id = 1; id <= kTasks; ++id)
        if (pred(id))
            ids << id;
    return ids;
}

}  // namespace

// The task list's queries: which tasks, in which order, with what in each row.
// What the table makes of them (words, colours, tooltips) is tst_tasklistmodel's.
class TestTaskIndex : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_project = makeProject(m_dir.filePath(QStringLiteral("shared.postil")));
    }

    void cleanupTestCase() { m_project.reset(); }

    void readsRowsLazilyInBlocks() {
        TaskIndex index;
        index.setProject(m_project.get());
        QCOMPARE(index.size(), kTasks);
        QCOMPARE(index.totalTasks(), qint64(kTasks));
        QCOMPARE(index.blocksFetched(), 0);  // ids need no read

        // A first screen: 50 rows in one block.
        for (int row = 0; row < 50; ++row) {
            const int id = row + 1;
            QCOMPARE(index.taskId(row), qint64(id));
            const TaskIndex::Row* r = index.row(row);
            QVERIFY(r);
            QCOMPARE(r->id, qint64(id));
            QCOMPARE(r->uid, uidOf(id));
            QCOMPARE(TaskIndex::statusName(r->status), myStatus(id));
            QCOMPARE(toString(r->kind), toString(isImage(id) ? TaskKind::Image : TaskKind::Text));
            QCOMPARE(r->preview, makeTask(id).preview);
            QStringList annotators;
            if (aliceAnnotated(id))
                annotators << kAlice;
            if (myStatus(id) != QLatin1String("new"))
                annotators << kMe;
            QCOMPARE(namesOf(*r), annotators);
            QVERIFY(r->proposals.isEmpty());
        }
        QCOMPARE(index.blocksFetched(), 1);
        QCOMPARE(index.row(2)->skipReason, QStringLiteral("blurry"));
        QCOMPARE(index.row(0)->skipReason, QString());

        // Jumping far reads one more block.
        const int far = index.rowOf(2900);
        QCOMPARE(far, 2899);
        QCOMPARE(uidAt(index, far), uidOf(2900));
        QCOMPARE(index.blocksFetched(), 2);

        // Reading everything keeps at most kMaxBlocks blocks but stays correct.
        for (int row = 0; row < kTasks; row += 7)
            QCOMPARE(uidAt(index, row), uidOf(row + 1));
        QCOMPARE(uidAt(index, 0), uidOf(1));
        QVERIFY(index.lastError().isEmpty());
    }

    void rowOfAndTaskIdBounds() {
        TaskIndex index;
        index.setProject(m_project.get());
        QCOMPARE(index.taskId(-1), qint64(0));
        QCOMPARE(index.taskId(kTasks), qint64(0));
        QVERIFY(!index.row(-1));
        QVERIFY(!index.row(kTasks));
        QCOMPARE(index.rowOf(0), -1);
        QCOMPARE(index.rowOf(kTasks + 1), -1);
        QCOMPARE(index.rowOf(1234), 1233);
        index.setStatusFilter(StatusFilter::Draft);
        QCOMPARE(index.rowOf(1234), -1);
        QCOMPARE(index.rowOf(1231), 123);
        QCOMPARE(index.taskId(123), qint64(1231));
        index.setProject(nullptr);
        QCOMPARE(index.size(), 0);
        QCOMPARE(index.totalTasks(), qint64(0));
        QCOMPARE(index.rowOf(1), -1);
    }

    void statusFilters_data() {
        QTest::addColumn<int>("filter");
        QTest::addColumn<QStringList>("statuses");
        using F = StatusFilter;
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
        TaskIndex index;
        index.setProject(m_project.get());
        index.setStatusFilter(StatusFilter(filter));
        QCOMPARE(idsOf(index), expect([&](int id) { return statuses.contains(myStatus(id)); }));
        QCOMPARE(index.totalTasks(), qint64(kTasks));
        for (int row = 0; row < index.size(); row += 37)
            QVERIFY(statuses.contains(statusAt(index, row)));
        // The tombstone of task 12 is not a live row.
        QCOMPARE(index.rowOf(12) >= 0, statuses.contains(QStringLiteral("new")));
    }

    void statusesOfAFewAnnotations() {
        // Another annotator with a handful of rows: the index then looks tasks
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
        TaskIndex index;
        index.setProject(project.get());
        index.setStatusFilter(StatusFilter::Draft);
        QCOMPARE(idsOf(index), QList<qint64>{7});
        index.setStatusFilter(StatusFilter::Submitted);
        QCOMPARE(idsOf(index), QList<qint64>{70});
        index.setStatusFilter(StatusFilter::Skipped);
        QCOMPARE(idsOf(index), QList<qint64>{700});
        index.setStatusFilter(StatusFilter::Unfinished);
        QCOMPARE(index.size(), kTasks - 2);
        QVERIFY(index.rowOf(2000) >= 0);
        index.setOrder(Order::Status, true);
        QCOMPARE(index.taskId(0), qint64(7));
        QCOMPARE(namesOf(*index.row(0)), QStringList{QStringLiteral("carol")});
    }

    // Rows of other annotators that hold boxes, spans or segments (an import's pre-annotations)
    // are proposals for this annotator.
    void marksTasksWithProposals() {
        QTemporaryDir dir;
        auto project = makeProposalProject(dir.filePath(QStringLiteral("proposals.postil")));
        TaskIndex index;
        index.setProject(project.get());
        auto row = [&](int id) { return index.row(index.rowOf(id)); };
        QCOMPARE(namesOf(*row(1)), (QStringList{QStringLiteral("coco-import*"), kMe,
                                                QStringLiteral("yolo-import*")}));
        QCOMPARE(row(1)->proposals,
                 (QStringList{QStringLiteral("coco-import"), QStringLiteral("yolo-import")}));
        QCOMPARE(namesOf(*row(2)), QStringList{kAlice});  // no boxes
        QCOMPARE(row(2)->proposals, QStringList());
        QCOMPARE(namesOf(*row(3)), QStringList{QStringLiteral("bob")});  // a review
        QCOMPARE(namesOf(*row(4)), QStringList{kAlice + QStringLiteral("*")});
        QCOMPARE(row(5)->proposals, QStringList{QStringLiteral("spacy-import")});
        QCOMPARE(row(6)->proposals, QStringList{QStringLiteral("srt-import")});
        QCOMPARE(namesOf(*row(7)), QStringList{kAlice});  // an empty list of spans
        // Deleted, the row proposes nothing any more.
        Annotation gone;
        gone.taskUid = uidOf(4);
        gone.annotator = kAlice;
        gone.deleted = true;
        QVERIFY(project->saveAnnotation(gone).ok());
        QCOMPARE(index.refreshTask(4), index.rowOf(4));
        QCOMPARE(namesOf(*row(4)), QStringList());
        QCOMPARE(row(4)->proposals, QStringList());
    }

    void textFilter() {
        TaskIndex index;
        index.setProject(m_project.get());
        index.setTextFilter(QStringLiteral("zEBRA"));
        QCOMPARE(idsOf(index),
                 expect([](int id) { return !isImage(id) && kWords[id % 4] == u"Zebras"; }));
        // Beyond ASCII: case folding is QString's.
        index.setTextFilter(QStringLiteral("ärger IM büro"));
        const QList<qint64> aerger = expect([](int id) { return !isImage(id) && id % 4 == 2; });
        QCOMPARE(idsOf(index), aerger);
        QVERIFY(!aerger.isEmpty());
        // The uid matches too, and LIKE's wildcards are plain characters.
        index.setTextFilter(QStringLiteral("TASK-0042"));
        QCOMPARE(idsOf(index), QList<qint64>{42});
        index.setTextFilter(QStringLiteral("%"));
        QCOMPARE(index.size(), 0);
        index.setTextFilter(QStringLiteral("task_0042"));
        QCOMPARE(index.size(), 0);
        index.setTextFilter(QStringLiteral("2950.png"));
        QCOMPARE(idsOf(index), QList<qint64>{2950});
        // With a status filter on top.
        index.setTextFilter(QStringLiteral("zebras"));
        index.setStatusFilter(StatusFilter::Skipped);
        QCOMPARE(idsOf(index), expect([](int id) {
                     return !isImage(id) && id % 4 == 1 && myStatus(id) == QLatin1String("skipped");
                 }));
        index.setTextFilter(QString());
        QCOMPARE(index.size(), kTasks / 10);
        QVERIFY(index.lastError().isEmpty());
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
        TaskIndex index;
        index.setProject(project.get());
        auto only = [&](const QString& needle) {
            index.setTextFilter(needle);
            QStringList uids;
            for (int row = 0; row < index.size(); ++row)
                uids << uidAt(index, row);
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
        index.reload();
        QCOMPARE(only(QStringLiteral("wombat")), QStringLiteral("late"));
        index.setOrder(Order::Preview, false);
        index.finishLoading();
        QCOMPARE(only(QStringLiteral("axolotl")), QStringLiteral("cmp"));  // in preview order too
        QCOMPARE(project->tasks().count(), before + 4);
    }

    void orders() {
        TaskIndex index;
        index.setProject(m_project.get());
        QCOMPARE(index.order(), Order::Id);
        QVERIFY(!index.descending());
        index.setOrder(Order::Id, true);
        QCOMPARE(index.taskId(0), qint64(kTasks));
        QCOMPARE(index.taskId(kTasks - 1), qint64(1));
        QCOMPARE(index.rowOf(1), kTasks - 1);
        QCOMPARE(index.rowOf(2000), kTasks - 2000);

        index.setOrder(Order::Status, false);
        QCOMPARE(index.size(), kTasks);
        int lastRank = -1;
        qint64 lastId = 0;
        for (int row = 0; row < index.size(); ++row) {
            const qint64 id = index.taskId(row);
            const int rank = statusRank(myStatus(int(id)));
            QVERIFY(rank >= lastRank);
            if (rank == lastRank)
                QVERIFY(id > lastId);
            lastRank = rank;
            lastId = id;
        }
        QCOMPARE(myStatus(int(index.taskId(0))), QStringLiteral("new"));
        QCOMPARE(index.rowOf(index.taskId(2500)), 2500);
        index.setOrder(Order::Status, true);
        QCOMPARE(myStatus(int(index.taskId(0))), QStringLiteral("skipped"));
        QCOMPARE(index.taskId(0), qint64(3));
        QCOMPARE(myStatus(int(index.taskId(kTasks - 1))), QStringLiteral("new"));

        // Preview order, case-insensitive, with a status filter on top.
        index.setStatusFilter(StatusFilter::Draft);
        index.setOrder(Order::Preview, false);
        index.finishLoading();
        QCOMPARE(index.size(), kTasks / 10);
        QString last;
        for (int row = 0; row < index.size(); ++row) {
            QCOMPARE(statusAt(index, row), QStringLiteral("draft"));
            const QString preview = makeTask(int(index.taskId(row))).preview.toLower();
            QVERIFY2(last <= preview, qPrintable(last + QStringLiteral(" > ") + preview));
            last = preview;
        }
        const qint64 first = index.taskId(0);
        index.setOrder(Order::Preview, true);
        QCOMPARE(index.taskId(index.size() - 1), first);
        QCOMPARE(index.rowOf(first), index.size() - 1);
    }

    // A common word: the first matches are there at once, the rest comes
    // from another thread and goes after them, in the order shown.
    void searchReadsTheRestOnAnotherThread() {
        TaskIndex index;
        index.setProject(m_project.get());
        index.setHeadRows(100);
        QSignalSpy appended(&index, &TaskIndex::rowsAboutToBeAppended);
        QSignalSpy resets(&index, &TaskIndex::aboutToChange);
        QSignalSpy loading(&index, &TaskIndex::loadingChanged);
        const QList<qint64> text = expect([](int id) { return !isImage(id); });
        index.setTextFilter(QStringLiteral("Long tail"));
        QCOMPARE(idsOf(index), text.mid(0, 100));
        QVERIFY(index.isLoading());
        QCOMPARE(loading.count(), 1);
        QCOMPARE(uidAt(index, 99), uidOf(int(text.at(99))));  // a short block, read now
        QTRY_VERIFY(!index.isLoading());
        QCOMPARE(loading.count(), 2);
        QCOMPARE(idsOf(index), text);
        QCOMPARE(appended.count(), 1);
        QCOMPARE(appended.at(0).at(0).toInt(), 100);
        QCOMPARE(appended.at(0).at(1).toInt(), int(text.size()) - 1);
        QCOMPARE(resets.count(), 0);
        for (int row : {0, 99, 100, 255, 256, int(text.size()) - 1})
            QCOMPARE(uidAt(index, row), uidOf(int(text.at(row))));
        QCOMPARE(index.rowOf(text.at(500)), 500);

        // Descending, the head is the highest ids and the rest goes below.
        index.setTextFilter(QString());
        index.setOrder(Order::Id, true);
        index.setTextFilter(QStringLiteral("long TAIL"));
        QCOMPARE(index.size(), 100);
        QCOMPARE(index.taskId(0), text.last());
        index.finishLoading();
        QCOMPARE(index.size(), text.size());
        QCOMPARE(index.taskId(0), text.last());
        QCOMPARE(index.taskId(index.size() - 1), text.first());
        QCOMPARE(index.rowOf(text.first()), index.size() - 1);
        QCOMPARE(appended.count(), 2);

        // A status filter keeps to its statuses in the rest as well.
        index.setTextFilter(QString());
        index.setOrder(Order::Id, false);
        index.setStatusFilter(StatusFilter::Draft);
        index.setTextFilter(QStringLiteral("Long tail"));
        index.finishLoading();
        QCOMPARE(idsOf(index), expect([](int id) {
                     return !isImage(id) && myStatus(id) == QLatin1String("draft");
                 }));
        QCOMPARE(appended.count(), 3);
        QCOMPARE(resets.count(), 0);

        // A short needle (a scan) beyond ASCII, confirmed on the other thread.
        index.setStatusFilter(StatusFilter::All);
        index.setHeadRows(5);
        index.setTextFilter(QStringLiteral("ÄR"));
        QVERIFY(index.isLoading());
        index.finishLoading();
        QCOMPARE(idsOf(index), expect([](int id) { return !isImage(id) && id % 4 == 2; }));
        QVERIFY(index.lastError().isEmpty());
    }

    // Typing on: the rest of the word before is never shown.
    void aNewSearchDropsTheRest() {
        TaskIndex index;
        index.setProject(m_project.get());
        index.setHeadRows(10);
        index.setTextFilter(QStringLiteral("Long tail"));
        QVERIFY(index.isLoading());
        index.setTextFilter(QStringLiteral("Long tail 7"));
        index.setTextFilter(QStringLiteral("zebras"));
        QSignalSpy appended(&index, &TaskIndex::rowsAboutToBeAppended);
        QTRY_VERIFY(!index.isLoading());
        QTest::qWait(50);  // anything late from the dropped queries would land now
        QCOMPARE(idsOf(index), expect([](int id) { return !isImage(id) && id % 4 == 1; }));
        QCOMPARE(appended.count(), 1);
        // Dropped while reading: the index goes, its threads end with it.
        auto gone = std::make_unique<TaskIndex>();
        gone->setProject(m_project.get());
        gone->setHeadRows(1);
        gone->setOrder(Order::Preview, false);
        gone->setTextFilter(QStringLiteral("Long"));
        QVERIFY(gone->isLoading());
        gone.reset();
    }

    // The preview order is read on another thread; the list shows import
    // order, and can be used, until it arrives.
    void previewOrderArrivesFromAnotherThread() {
        TaskIndex index;
        index.setProject(m_project.get());
        QSignalSpy resets(&index, &TaskIndex::aboutToChange);
        QSignalSpy changed(&index, &TaskIndex::changed);
        index.setOrder(Order::Preview, false);
        QCOMPARE(index.order(), Order::Preview);
        QVERIFY(index.isLoading());
        QCOMPARE(index.taskId(0), qint64(1));
        QCOMPARE(uidAt(index, 0), uidOf(1));
        QTRY_VERIFY(!index.isLoading());
        QCOMPARE(resets.count(), 1);
        QCOMPARE(changed.count(), 1);
        QList<qint64> byPreview;
        for (int id = 1; id <= kTasks; ++id)
            byPreview << id;
        std::stable_sort(byPreview.begin(), byPreview.end(), [](qint64 a, qint64 b) {
            return makeTask(int(a)).preview.toLower() < makeTask(int(b)).preview.toLower();
        });
        QCOMPARE(idsOf(index), byPreview);
        // Read once: sorting again, or searching in it, needs no thread.
        index.setOrder(Order::Id, false);
        index.setOrder(Order::Preview, true);
        QVERIFY(!index.isLoading());
        QCOMPARE(index.taskId(0), byPreview.last());
        index.setTextFilter(QStringLiteral("apples"));
        QVERIFY(!index.isLoading());
        QList<qint64> apples;
        for (qint64 id : byPreview)
            if (!isImage(int(id)) && id % 4 == 0)
                apples.prepend(id);
        QCOMPARE(idsOf(index), apples);

        // The rest of a search in preview order mixes in: a reset.
        index.setTextFilter(QString());
        index.setHeadRows(50);
        index.setOrder(Order::Preview, false);
        index.setTextFilter(QStringLiteral("Long tail"));
        QCOMPARE(index.size(), 50);
        index.finishLoading();
        QCOMPARE(resets.count(), 2);
        QList<qint64> text;
        for (qint64 id : byPreview)
            if (!isImage(int(id)))
                text << id;
        QCOMPARE(idsOf(index), text);
    }

    // After a reload (an import, a merge) the preview order read before
    // serves until it is read again: tasks gone are left out, new ones
    // come with the fresh order.
    void reloadKeepsTheOldPreviewOrderMeanwhile() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("resort.postil")));
        TaskIndex index;
        index.setProject(project.get());
        index.setOrder(Order::Preview, false);
        index.finishLoading();
        const qint64 first = index.taskId(0);
        QVERIFY(project->database()
                    .exec(QStringLiteral("DELETE FROM tasks WHERE id = %1; "
                                         "INSERT INTO tasks(id, uid, kind, data, preview) "
                                         "VALUES(5000, 'aaa', 'text', '{\"text\":\"aaa\"}', "
                                         "'0000 first')")
                              .arg(first))
                    .ok());
        index.reload();
        QVERIFY(index.isLoading());
        QCOMPARE(index.size(), kTasks - 1);  // the stale order, without the task gone
        QCOMPARE(index.rowOf(first), -1);
        for (int row = 0; row < index.size(); row += 97)
            QVERIFY(!uidAt(index, row).isEmpty());
        index.finishLoading();
        QCOMPARE(index.size(), kTasks);
        QCOMPARE(index.taskId(0), qint64(5000));
    }

    void refreshAfterSaving() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("edit.postil")));
        TaskIndex index;
        index.setProject(project.get());
        index.setStatusFilter(StatusFilter::Unfinished);
        const int row = index.rowOf(5);
        QVERIFY(row >= 0);
        QCOMPARE(statusAt(index, row), QStringLiteral("new"));
        const int rows = index.size();

        QVERIFY(annotate(*project, uidOf(5), kMe, AnnotationStatus::Submitted).ok());
        // One task is read, not its block of 256 (once per edit: it must be cheap).
        const qint64 blocks = index.blocksFetched();
        QCOMPARE(index.refreshTask(5), row);
        QCOMPARE(index.blocksFetched(), blocks);
        // It stays where the user is, with its new status.
        QCOMPARE(index.size(), rows);
        QCOMPARE(index.rowOf(5), row);
        QCOMPARE(statusAt(index, row), QStringLiteral("submitted"));
        QCOMPARE(namesOf(*index.row(row)), QStringList{kMe});
        // Filters see the new status without a reload.
        index.setStatusFilter(StatusFilter::Submitted);
        QVERIFY(index.rowOf(5) >= 0);
        index.setStatusFilter(StatusFilter::Unfinished);
        QCOMPARE(index.rowOf(5), -1);
        QCOMPARE(index.size(), rows - 1);

        // A task outside the list: no row, but filters know its status.
        QVERIFY(annotate(*project, uidOf(2), kMe, AnnotationStatus::Draft).ok());
        QCOMPARE(index.refreshTask(2), -1);
        QCOMPARE(index.rowOf(2), -1);
        index.setStatusFilter(StatusFilter::Submitted);
        QCOMPARE(index.rowOf(2), -1);
        QVERIFY(index.rowOf(22) >= 0);
        index.setStatusFilter(StatusFilter::Unfinished);
        QVERIFY(index.rowOf(2) >= 0);

        // Deleting (a tombstone) makes it new again.
        index.setStatusFilter(StatusFilter::Draft);
        QVERIFY(index.rowOf(2) >= 0);
        QVERIFY(annotate(*project, uidOf(2), kMe, AnnotationStatus::Draft, true).ok());
        index.refreshTask(2);
        QVERIFY(index.rowOf(2) >= 0);
        QCOMPARE(statusAt(index, index.rowOf(2)), QStringLiteral("new"));
        QCOMPARE(namesOf(*index.row(index.rowOf(2))), QStringList());
        index.setStatusFilter(StatusFilter::New);
        QVERIFY(index.rowOf(2) >= 0);
        index.setStatusFilter(StatusFilter::Draft);
        QCOMPARE(index.rowOf(2), -1);
        index.reload();
        QCOMPARE(index.rowOf(2), -1);
        QCOMPARE(index.size(), kTasks / 10);
    }

    void reloadAfterAddingTasks() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("grow.postil")));
        TaskIndex index;
        index.setProject(project.get());
        index.setStatusFilter(StatusFilter::New);
        const int newRows = index.size();
        {
            Transaction tx(project->database());
            for (int id = kTasks + 1; id <= kTasks + 25; ++id) {
                Task task = makeTask(id);
                QVERIFY(project->tasks().add(task).ok());
            }
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(index.size(), newRows);
        index.reload();
        QCOMPARE(index.totalTasks(), qint64(kTasks + 25));
        QCOMPARE(index.size(), newRows + 25);
        QCOMPARE(index.taskId(index.size() - 1), qint64(kTasks + 25));
        QCOMPARE(uidAt(index, index.size() - 1), uidOf(kTasks + 25));
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
        TaskIndex index;
        index.setProject(project.get());
        QCOMPARE(index.size(), kTasks - 100 + 1);
        QCOMPARE(index.totalTasks(), qint64(kTasks - 100 + 1));
        QCOMPARE(index.taskId(98), qint64(99));
        QCOMPARE(index.taskId(99), qint64(200));
        QCOMPARE(index.rowOf(150), -1);
        QCOMPARE(index.taskId(index.size() - 1), qint64(90000));
        QCOMPARE(index.row(index.size() - 1)->preview, QStringLiteral("far away"));
        index.setOrder(Order::Id, true);
        QCOMPARE(index.taskId(0), qint64(90000));
        QCOMPARE(index.rowOf(200), index.size() - 100);
    }
};

QTEST_GUILESS_MAIN(TestTaskIndex)
#include "tst_taskindex.moc"
