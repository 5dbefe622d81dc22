#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QtTest>

#include "model/project.h"
#include "shell/tasklistmodel.h"
#include "tasklistfixture.h"

using namespace postil;
using namespace postil::tasklistfixture;

// What the task list's table shows over its TaskIndex: columns, words,
// colours, tooltips, roles, sorting by column and the signals a view needs.
// Which tasks and in which order is tst_taskindex's.
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

    static QList<qint64> idsOf(const TaskListModel& model) {
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

    void showsEachColumn() {
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
        QCOMPARE(
            c.model
                .headerData(TaskListModel::PreviewColumn, Qt::Horizontal, Qt::InitialSortOrderRole)
                .toInt(),
            int(Qt::AscendingOrder));

        for (int row = 0; row < 50; ++row) {
            const int id = row + 1;
            auto at = [&](int column, int role = Qt::DisplayRole) {
                return c.model.data(c.model.index(row, column), role);
            };
            QCOMPARE(at(TaskListModel::IdColumn).toLongLong(), qint64(id));
            QCOMPARE(at(0, TaskListModel::TaskIdRole).toLongLong(), qint64(id));
            QCOMPARE(at(0, TaskListModel::TaskUidRole).toString(), uidOf(id));
            QCOMPARE(at(0, TaskListModel::StatusRole).toString(), myStatus(id));
            QCOMPARE(at(0, TaskListModel::KindRole).toString(),
                     isImage(id) ? QStringLiteral("image") : QStringLiteral("text"));
            const QString kind = isImage(id) ? QStringLiteral("image") : QStringLiteral("text");
            QCOMPARE(at(TaskListModel::PreviewColumn).toString(),
                     kind + QStringLiteral(" · ") + makeTask(id).preview);
            QString annotators;
            if (aliceAnnotated(id) && myStatus(id) != QLatin1String("new"))
                annotators = QStringLiteral("alice, me");
            else if (aliceAnnotated(id))
                annotators = kAlice;
            else if (myStatus(id) != QLatin1String("new"))
                annotators = kMe;
            QCOMPARE(at(TaskListModel::AnnotatorsColumn).toString(), annotators);
            QCOMPARE(at(TaskListModel::IdColumn, Qt::ToolTipRole).toString(), uidOf(id));
            QCOMPARE(at(TaskListModel::IdColumn, Qt::TextAlignmentRole).toInt(),
                     int(Qt::AlignRight | Qt::AlignVCenter));
            QVERIFY(at(TaskListModel::StatusColumn, Qt::DecorationRole).canConvert<QColor>());
            QVERIFY(!at(TaskListModel::PreviewColumn, Qt::DecorationRole).isValid());
        }
        // The tester has looked at the first rows already: one block in all.
        QCOMPARE(c.model.blocksFetched(), 1);
        auto statusText = [&](int row, int role = Qt::DisplayRole) {
            return c.model.data(c.model.index(row, TaskListModel::StatusColumn), role).toString();
        };
        QCOMPARE(statusText(0), QStringLiteral("Draft"));
        QCOMPARE(statusText(1), QStringLiteral("Submitted"));
        QCOMPARE(statusText(3), QStringLiteral("New"));
        QCOMPARE(statusText(2, Qt::ToolTipRole), QStringLiteral("Skipped: blurry"));
        QCOMPARE(statusText(0, Qt::ToolTipRole), QStringLiteral("Draft"));
        // Each status its own colour.
        QSet<QRgb> colours;
        for (int row : {0, 1, 2, 3})
            colours << c.model
                           .data(c.model.index(row, TaskListModel::StatusColumn),
                                 Qt::DecorationRole)
                           .value<QColor>()
                           .rgb();
        QCOMPARE(colours.size(), 4);
        // The tooltip holds more than the one-line preview, as rich text.
        const QString tip =
            c.model.data(c.model.index(0, TaskListModel::PreviewColumn), Qt::ToolTipRole)
                .toString();
        QVERIFY2(tip.contains(QStringLiteral("Long tail 1 Long tail 1 Long tail 1 Long tail 1")),
                 qPrintable(tip));
        QVERIFY(tip.startsWith(QStringLiteral("<p")));
        QVERIFY(tip.contains(uidOf(1)));
        QVERIFY(tip.size() > makeTask(1).preview.size());
        const QString imageTip =
            c.model.data(c.model.index(49, TaskListModel::PreviewColumn), Qt::ToolTipRole)
                .toString();
        QVERIFY2(imageTip.contains(QStringLiteral("img/50.png")), qPrintable(imageTip));
    }

    void statusLabelsMatchTheColumn() {
        QCOMPARE(TaskListModel::statusLabel(false, AnnotationStatus::Submitted),
                 QStringLiteral("New"));
        QCOMPARE(TaskListModel::statusLabel(true, AnnotationStatus::Draft),
                 QStringLiteral("Draft"));
        QCOMPARE(TaskListModel::statusLabel(true, AnnotationStatus::Submitted),
                 QStringLiteral("Submitted"));
        QCOMPARE(TaskListModel::statusLabel(true, AnnotationStatus::Skipped),
                 QStringLiteral("Skipped"));
    }

    void namesProposals() {
        QTemporaryDir dir;
        auto project = makeProposalProject(dir.filePath(QStringLiteral("proposals.postil")));
        Checked c;
        c.model.setProject(project.get());
        auto annotators = [&](int id, int role = Qt::DisplayRole) {
            return c.model
                .data(c.model.index(c.model.rowOf(id), TaskListModel::AnnotatorsColumn), role)
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
        QVERIFY(annotators(1, Qt::ToolTipRole)
                    .contains(QStringLiteral("Proposed boxes by coco-import, yolo-import")));
        QCOMPARE(annotators(2), kAlice);
        QCOMPARE(annotators(2, Qt::ToolTipRole), kAlice);
        QCOMPARE(sources(2), QStringList());
        QCOMPARE(annotators(3), QStringLiteral("bob"));
        QCOMPARE(annotators(4), QStringLiteral("alice (proposal)"));
    }

    void sortsByColumn() {
        Checked c;
        c.model.setProject(m_project.get());
        QCOMPARE(c.model.sortColumn(), int(TaskListModel::IdColumn));
        QCOMPARE(c.model.sortOrder(), Qt::AscendingOrder);
        QSignalSpy resets(&c.model, &QAbstractItemModel::modelReset);
        c.model.sort(TaskListModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(c.model.sortOrder(), Qt::DescendingOrder);
        QCOMPARE(c.model.taskId(0), qint64(kTasks));
        c.model.sort(TaskListModel::IdColumn, Qt::DescendingOrder);  // the same: no reset
        QCOMPARE(resets.count(), 1);

        c.model.sort(TaskListModel::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(c.model.sortColumn(), int(TaskListModel::StatusColumn));
        QCOMPARE(c.model.data(c.model.index(0, TaskListModel::StatusColumn)).toString(),
                 QStringLiteral("Skipped"));

        c.model.setStatusFilter(TaskListModel::StatusFilter::Draft);
        c.model.sort(TaskListModel::PreviewColumn, Qt::AscendingOrder);
        QCOMPARE(c.model.sortColumn(), int(TaskListModel::PreviewColumn));
        QCOMPARE(c.model.rowCount(), kTasks / 10);
        // Annotators is not sortable: the order stays, and nothing resets.
        QVERIFY(!TaskListModel::isSortable(TaskListModel::AnnotatorsColumn));
        const QList<qint64> before = idsOf(c.model);
        const int resetsBefore = int(resets.count());
        c.model.sort(TaskListModel::AnnotatorsColumn, Qt::AscendingOrder);
        QCOMPARE(idsOf(c.model), before);
        QCOMPARE(resets.count(), resetsBefore);
        QCOMPARE(c.model.sortColumn(), int(TaskListModel::PreviewColumn));
    }

    void filtersResetTheModel() {
        Checked c;
        c.model.setProject(m_project.get());
        QSignalSpy resets(&c.model, &QAbstractItemModel::modelReset);
        c.model.setStatusFilter(TaskListModel::StatusFilter::Submitted);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(c.model.statusFilter(), TaskListModel::StatusFilter::Submitted);
        c.model.setStatusFilter(TaskListModel::StatusFilter::Submitted);
        QCOMPARE(resets.count(), 1);
        c.model.setTextFilter(QStringLiteral("zebras"));
        QCOMPARE(resets.count(), 2);
        QCOMPARE(c.model.textFilter(), QStringLiteral("zebras"));
        for (int row = 0; row < c.model.rowCount(); ++row)
            QCOMPARE(c.model.data(c.model.index(row, 0), TaskListModel::StatusRole).toString(),
                     QStringLiteral("submitted"));
        c.model.setTextFilter(QStringLiteral("zebras"));
        QCOMPARE(resets.count(), 2);
        c.model.reload();
        QCOMPARE(resets.count(), 3);
    }

    // What the index reads on other threads reaches a view as a view needs
    // it (the tester checks every signal): the rest of a search in import
    // order as rows after the last, the preview order as a reset.
    void backgroundReadsAsAViewNeedsThem() {
        Checked c;
        c.model.setProject(m_project.get());
        QSignalSpy inserted(&c.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&c.model, &QAbstractItemModel::modelReset);
        QSignalSpy loading(&c.model, &TaskListModel::loadingChanged);
        const int text = kTasks - kTasks / 50;  // every task but the images
        c.model.setTextFilter(QStringLiteral("Long tail"));
        QCOMPARE(c.model.rowCount(), TaskIndex::kHeadRows);
        QVERIFY(c.model.isLoading());
        QCOMPARE(resets.count(), 1);
        QTRY_VERIFY(!c.model.isLoading());
        QCOMPARE(c.model.rowCount(), text);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), TaskIndex::kHeadRows);
        QCOMPARE(inserted.at(0).at(2).toInt(), text - 1);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(loading.count(), 2);
        QCOMPARE(c.model.data(c.model.index(text - 1, TaskListModel::IdColumn)).toLongLong(),
                 qint64(kTasks - 1));

        c.model.sort(TaskListModel::PreviewColumn, Qt::AscendingOrder);
        QCOMPARE(resets.count(), 2);
        QVERIFY(c.model.isLoading());
        QCOMPARE(c.model.sortColumn(), int(TaskListModel::PreviewColumn));
        QCOMPARE(c.model.taskId(0), qint64(1));  // import order meanwhile
        QTRY_VERIFY(!c.model.isLoading());
        QCOMPARE(resets.count(), 3);
        QCOMPARE(c.model.rowCount(), text);
        QString last;
        for (int row = 0; row < c.model.rowCount(); row += 11) {
            const QString preview = makeTask(int(c.model.taskId(row))).preview.toLower();
            QVERIFY2(last <= preview, qPrintable(last + QStringLiteral(" > ") + preview));
            last = preview;
        }
    }

    void refreshChangesOneRow() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("edit.postil")));
        Checked c;
        c.model.setProject(project.get());
        const int row = c.model.rowOf(5);
        QCOMPARE(c.model.data(c.model.index(row, TaskListModel::StatusColumn)).toString(),
                 QStringLiteral("New"));
        QVERIFY(annotate(*project, uidOf(5), kMe, AnnotationStatus::Skipped).ok());
        QSignalSpy changed(&c.model, &QAbstractItemModel::dataChanged);
        QSignalSpy resets(&c.model, &QAbstractItemModel::modelReset);
        c.model.refreshTask(5);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
        QCOMPARE(changed.at(0).at(0).toModelIndex().column(), 0);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), row);
        QCOMPARE(changed.at(0).at(1).toModelIndex().column(), TaskListModel::ColumnCount - 1);
        QCOMPARE(c.model.data(c.model.index(row, TaskListModel::StatusColumn)).toString(),
                 QStringLiteral("Skipped"));
        QCOMPARE(c.model.data(c.model.index(row, TaskListModel::StatusColumn), Qt::ToolTipRole)
                     .toString(),
                 QStringLiteral("Skipped: blurry"));
        QCOMPARE(c.model.data(c.model.index(row, TaskListModel::AnnotatorsColumn)).toString(), kMe);
        // A task not in the list changes no row.
        c.model.setStatusFilter(TaskListModel::StatusFilter::Draft);
        changed.clear();
        c.model.refreshTask(5);
        QCOMPARE(changed.count(), 0);
    }
};

QTEST_MAIN(TestTaskListModel)
#include "tst_tasklistmodel.moc"
