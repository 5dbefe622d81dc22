// The studio's sync by files: the Hand Out Work dialog driven with keys and
// clicks writes packs split with an overlap; a hand-out pack opened in the
// studio works as its annotator; Send Back and Merge run on the worker and
// say what they did; the conflict banner takes a version; the task list's
// picks (conflicts, disagreements, reviewed, by annotator) against stored rows.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTreeWidget>
#include <QtTest>
#include <functional>

#include "../sync/syncfixture.h"
#include "document/taskdocument.h"
#include "shell/mainwindow.h"
#include "shell/projectpanel.h"
#include "shell/sync/conflictpanel.h"
#include "shell/sync/handoutdialog.h"
#include "shell/sync/taskpickbox.h"
#include "shell/sync/worksync.h"
#include "shell/tasklistmodel.h"
#include "shell/taskworkspace.h"
#include "sync/conflicts.h"
#include "sync/packfiles.h"
#include "sync/packmanifest.h"
#include "sync/packmerger.h"
#include "sync/packselection.h"
#include "sync/packwriter.h"
#include "widgettestsupport.h"

using namespace postil;
using namespace postil::synctest;

namespace {

const QByteArray kSchema = R"({"labels": [{"name": "PER"}, {"name": "ORG"}],
  "questions": [{"name": "topic", "type": "single", "options": ["a", "b"]}]})";

QJsonObject spans(const QString& label, int start, int end) {
    return QJsonObject{
        {QStringLiteral("spans"), QJsonArray{QJsonObject{{QStringLiteral("label"), label},
                                                         {QStringLiteral("start"), start},
                                                         {QStringLiteral("end"), end}}}}};
}

// Runs 'handle' once on the first visible window named 'name': the dialogs
// under test are modal and run their own event loop, which this timer's
// turns come from.
class OnDialog : public QObject {
public:
    OnDialog(const QString& name, std::function<void(QWidget*)> handle)
        : m_name(name), m_handle(std::move(handle)) {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (w->isVisible() && w->objectName() == m_name) {
                    m_timer.stop();
                    m_done = true;
                    m_handle(w);
                    return;
                }
        });
        m_timer.start(20);
    }
    bool done() const { return m_done; }

private:
    QString m_name;
    std::function<void(QWidget*)> m_handle;
    QTimer m_timer;
    bool m_done = false;
};

void typeInto(QWidget* dialog, const char* name, const QString& text) {
    auto* edit = dialog->findChild<QLineEdit*>(QLatin1String(name));
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QSet<qint64> packTaskIds(const QString& path) {
    auto pack = Project::open(path);
    if (!pack.ok())
        return {};
    QSet<qint64> ids;
    Statement stmt = (*pack)->database().statement(QStringLiteral("SELECT id FROM tasks"));
    while (stmt.next())
        ids.insert(stmt.int64(0));
    return ids;
}

QStringList idsShown(const TaskListModel& model) {
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << QString::number(model.taskId(row));
    return ids;
}

}  // namespace

class TestSyncDialogs : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // Ten text tasks t1..t10, opened as "lead" on "dev-lead".
    std::unique_ptr<Project> makeLead(const QString& name) {
        auto lead = makeProject(path(name), kSchema);
        for (int i = 1; i <= 10; ++i)
            addTask(*lead, QStringLiteral("t%1").arg(i), TaskKind::Text,
                    QJsonObject{{QStringLiteral("text"), QStringLiteral("Ana met Bob %1").arg(i)}});
        workAs(*lead, QStringLiteral("lead"), QStringLiteral("dev-lead"));
        return lead;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")));
        Identity::setAnnotatorName(QStringLiteral("lead"));
    }

    // Two annotators, tasks 1-8 split with 25 % overlap, typed into the
    // dialog: two packs whose tasks are the shares core computes.
    void handOutDialogSplitsWithOverlap() {
        auto lead = makeLead(QStringLiteral("handout/lead.postil"));
        QWidget parent;
        QVERIFY(showActive(&parent, QSize(400, 300)));
        QString preview;
        QString summary;
        OnDialog form(QStringLiteral("handOutDialog"), [&](QWidget* dialog) {
            typeInto(dialog, "annotators", QStringLiteral("alice, bob"));
            typeInto(dialog, "tasks", QStringLiteral("1-8"));
            auto* overlap = dialog->findChild<QSpinBox*>(QStringLiteral("overlap"));
            QVERIFY(overlap && overlap->isEnabled());
            overlap->setFocus();
            overlap->selectAll();
            QTest::keyClicks(overlap, QStringLiteral("25"));
            // The output follows the names: a folder for two.
            auto* output = dialog->findChild<QLineEdit*>(QStringLiteral("output"));
            QCOMPARE(QDir::fromNativeSeparators(output->text()), path(QStringLiteral("handout")));
            auto* label = dialog->findChild<QLabel*>(QStringLiteral("preview"));
            QTRY_VERIFY(label->text().contains(QStringLiteral("alice gets")));
            preview = label->text();
            auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            QVERIFY(ok->isEnabled());
            QTest::mouseClick(ok, Qt::LeftButton);
        });
        OnDialog done(QStringLiteral("handOutSummary"), [&](QWidget* box) {
            summary = static_cast<QMessageBox*>(box)->text();
            static_cast<QMessageBox*>(box)->accept();
        });
        WorkSync::handOut(&parent, *lead);
        QVERIFY(form.done());
        QVERIFY(done.done());
        QVERIFY2(preview.startsWith(QStringLiteral("8 tasks chosen")), qPrintable(preview));
        QVERIFY2(summary.contains(QStringLiteral("2 packs written")), qPrintable(summary));

        auto ids = selectTasks(*lead, QStringLiteral("1-8"));
        QVERIFY(ids.ok());
        const auto shares = splitShares(*ids, 2, 25);
        const QList<qint64>& a = shares[0];
        const QList<qint64>& b = shares[1];
        QCOMPARE(packTaskIds(path(QStringLiteral("handout/alice.postilpack"))),
                 QSet<qint64>(a.begin(), a.end()));
        QCOMPARE(packTaskIds(path(QStringLiteral("handout/bob.postilpack"))),
                 QSet<qint64>(b.begin(), b.end()));
        QVERIFY(a.size() + b.size() > 8);  // the overlap went to both

        // Existing packs are never overwritten: the dialog says so and will not go.
        HandOutDialog again(*lead);
        typeInto(&again, "annotators", QStringLiteral("alice, bob"));
        QTest::qWait(400);
        QVERIFY(!again.plan().ok());
        QVERIFY(!again.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(again.findChild<QLabel*>(QStringLiteral("preview"))
                    ->text()
                    .contains(QStringLiteral("exists already")));
    }

    // The annotator opens the pack in the studio (as alice, whatever this
    // machine calls its user), works, sends it back; the lead merges it,
    // again (nothing new), and a damaged file is refused in the summary.
    void sendBackAndMergeThroughTheStudio() {
        auto lead = makeLead(QStringLiteral("back/lead.postil"));
        PackOutOptions out;
        out.output = path(QStringLiteral("back/alice.postilpack"));
        out.annotator = QStringLiteral("alice");
        out.taskIds = {1, 2, 3};
        QVERIFY(writePackOut(*lead, out).ok());

        QString backPath;
        {
            MainWindow window;
            QVERIFY(window.openProject(out.output));
            QCOMPARE(window.project()->annotator(), QStringLiteral("alice"));
            QVERIFY2(window.windowTitle().contains(QStringLiteral("hand-out pack for alice")),
                     qPrintable(window.windowTitle()));
            edit(*window.project(), QStringLiteral("t2"), spans(QStringLiteral("PER"), 0, 3));
            QCOMPARE(WorkSync::sendBackName(*window.project()),
                     path(QStringLiteral("back/alice-back.postilpack")));
            backPath = WorkSync::sendBackName(*window.project());
            QString summary;
            OnDialog done(QStringLiteral("sendBackSummary"), [&](QWidget* box) {
                summary = static_cast<QMessageBox*>(box)->text();
                static_cast<QMessageBox*>(box)->accept();
            });
            WorkSync::writeSendBack(&window, *window.project(), backPath);
            QVERIFY(done.done());
            QVERIFY2(summary.contains(QStringLiteral("1 annotation")), qPrintable(summary));
            // The next send-back does not meet this one's name.
            QCOMPARE(WorkSync::sendBackName(*window.project()),
                     path(QStringLiteral("back/alice-back-2.postilpack")));
        }
        auto manifest = [&] {
            auto pack = Project::open(backPath);
            return PackManifest::read((*pack)->database());
        }();
        QVERIFY(manifest.ok() && *manifest);
        QCOMPARE((*manifest)->forAnnotator, QStringLiteral("alice"));

        writeFile(path(QStringLiteral("back/junk.postilpack")), "not a pack at all");
        QStringList lines;
        QString headline;
        auto readSummary = [&](QWidget* dialog) {
            auto* tree = dialog->findChild<QTreeWidget*>(QStringLiteral("packs"));
            for (int i = 0; i < tree->topLevelItemCount(); ++i)
                lines << tree->topLevelItem(i)->text(0) + QStringLiteral(": ") +
                             tree->topLevelItem(i)->text(1);
            headline = dialog->findChild<QLabel*>(QStringLiteral("headline"))->text();
            static_cast<QDialog*>(dialog)->accept();
        };
        {
            OnDialog done(QStringLiteral("mergeSummary"), readSummary);
            const auto outcome = WorkSync::mergePacks(
                nullptr, *lead, {backPath, path(QStringLiteral("back/junk.postilpack"))});
            QVERIFY(done.done());
            QCOMPARE(outcome, WorkSync::Outcome::Changed);
        }
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[0].startsWith(QStringLiteral("alice-back.postilpack: 1 added")),
                 qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith(QStringLiteral("junk.postilpack: Refused")),
                 qPrintable(lines[1]));
        QVERIFY2(headline.contains(QStringLiteral("1 pack merged, 1 refused")),
                 qPrintable(headline));
        auto row = lead->annotations().get(QStringLiteral("t2"), QStringLiteral("alice"));
        QVERIFY(row);
        QCOMPARE(row->result, spans(QStringLiteral("PER"), 0, 3));

        // The folder as an inbox: the same pack again changes nothing.
        const QString before = dumpRows(*lead);
        lines.clear();
        QFile::remove(path(QStringLiteral("back/junk.postilpack")));
        {
            OnDialog done(QStringLiteral("mergeSummary"), readSummary);
            const auto outcome =
                WorkSync::mergePacks(nullptr, *lead, {path(QStringLiteral("back"))});
            QVERIFY(done.done());
            QCOMPARE(outcome, WorkSync::Outcome::Unchanged);
        }
        QVERIFY2(lines.join(QLatin1Char('\n')).contains(QStringLiteral("Merged before")),
                 qPrintable(lines.join(QLatin1Char('\n'))));
        QCOMPARE(dumpRows(*lead), before);
    }

    // Carol edits t1 on two machines apart; the lead merges both in the
    // studio, asks to see the conflicts, and takes the kept version from
    // the banner: it is stored, and nothing is kept any more.
    void conflictBannerTakesAVersion() {
        auto lead = makeLead(QStringLiteral("conflict/lead.postil"));
        PackOutOptions out;
        out.output = path(QStringLiteral("conflict/carol.postilpack"));
        out.annotator = QStringLiteral("carol");
        out.taskIds = {1, 2};
        QVERIFY(writePackOut(*lead, out).ok());
        QVERIFY(QFile::copy(out.output, path(QStringLiteral("conflict/carol2.postilpack"))));
        QStringList backs;
        for (const auto& [file, device, label] :
             {std::tuple{"carol", "dev-c1", "PER"}, std::tuple{"carol2", "dev-c2", "ORG"}}) {
            auto laptop =
                openAs(path(QStringLiteral("conflict/%1.postilpack").arg(QLatin1String(file))),
                       QStringLiteral("carol"), QLatin1String(device));
            edit(*laptop, QStringLiteral("t1"), spans(QLatin1String(label), 0, 3));
            PackBackOptions back;
            back.output =
                path(QStringLiteral("conflict/%1-back.postilpack").arg(QLatin1String(file)));
            back.annotator = QStringLiteral("carol");
            QVERIFY(writePackBack(*laptop, back).ok());
            backs << back.output;
        }
        lead.reset();

        MainWindow window;
        QVERIFY(window.openProject(path(QStringLiteral("conflict/lead.postil"))));
        QVERIFY(showActive(&window, QSize(1366, 768)));
        OnDialog done(QStringLiteral("mergeSummary"), [](QWidget* dialog) {
            auto* show = dialog->findChild<QPushButton*>(QStringLiteral("showConflicts"));
            QVERIFY(show);
            QTest::mouseClick(show, Qt::LeftButton);
        });
        window.mergePacks(backs);
        QVERIFY(done.done());

        // The list shows the conflicts only, t1 open, the banner over it.
        ProjectPanel* panel = window.projectPanel();
        QCOMPARE(panel->pickBox()->pick().kind, TaskPick::Kind::Conflicts);
        QCOMPARE(idsShown(*panel->model()), QStringList{QStringLiteral("1")});
        QVERIFY(panel->model()
                    ->data(panel->model()->index(0, 0), TaskListModel::ConflictRole)
                    .toBool());
        QVERIFY(panel->model()
                    ->data(panel->model()->index(0, TaskListModel::StatusColumn))
                    .toString()
                    .startsWith(QStringLiteral("⚠")));
        QVERIFY(window.workspace()->document());
        QCOMPARE(window.workspace()->document()->task().id, 1);
        ConflictPanel* banner = window.workspace()->conflictPanel();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->conflicts().size(), 1);
        const Conflict conflict = banner->conflicts().first();
        QWidget* keptRow = banner->findChild<QWidget*>(QStringLiteral("keptVersion"));
        QVERIFY(keptRow);
        const QString keptText = keptRow->findChild<QLabel*>(QStringLiteral("versionText"))->text();
        QVERIFY2(keptText.contains(QStringLiteral("carol · kept · submitted")),
                 qPrintable(keptText));
        QVERIFY2(keptText.contains(QStringLiteral("1 span")), qPrintable(keptText));
        QVERIFY2(keptText.contains(conflict.kept[0].device.left(8)), qPrintable(keptText));

        QTest::mouseClick(keptRow->findChild<QPushButton*>(QStringLiteral("take")), Qt::LeftButton);

        Project& project = *window.project();
        QCOMPARE(countOf(project, QStringLiteral("SELECT count(*) FROM annotation_conflicts")), 0);
        auto stored = project.annotations().get(QStringLiteral("t1"), QStringLiteral("carol"));
        QVERIFY(stored);
        QCOMPARE(stored->result, conflict.kept[0].result);
        QVERIFY(!banner->isVisible());
        QCOMPARE(window.workspace()->document()->task().id, 1);  // read again, still open
        QVERIFY(!panel->model()
                     ->data(panel->model()->index(0, 0), TaskListModel::ConflictRole)
                     .toBool());
    }

    // The picks against stored rows, alone and with the status filter.
    void picksFilterByEveryonesRows() {
        auto project = makeLead(QStringLiteral("picks/p.postil"));
        auto as = [&](const QString& who, const QString& task, const QJsonObject& result,
                      AnnotationStatus status = AnnotationStatus::Submitted, bool deleted = false) {
            workAs(*project, who, QStringLiteral("dev-") + who);
            edit(*project, task, result, status, deleted);
        };
        const QString alice = QStringLiteral("alice");
        const QString bob = QStringLiteral("bob");
        as(alice, QStringLiteral("t1"), spans(QStringLiteral("PER"), 0, 3));  // same answers
        as(bob, QStringLiteral("t1"), spans(QStringLiteral("PER"), 0, 3));
        as(alice, QStringLiteral("t2"), spans(QStringLiteral("PER"), 0, 3));  // differ
        as(bob, QStringLiteral("t2"), spans(QStringLiteral("ORG"), 0, 3), AnnotationStatus::Draft);
        as(alice, QStringLiteral("t3"), spans(QStringLiteral("PER"), 0, 3));  // a model differs
        as(QStringLiteral("model:ner"), QStringLiteral("t3"), spans(QStringLiteral("ORG"), 0, 3));
        QJsonObject timed = spans(QStringLiteral("PER"), 4, 7);  // only the time differs
        as(alice, QStringLiteral("t4"), timed);
        timed.insert(QStringLiteral("active_ms"), 5000);
        as(bob, QStringLiteral("t4"), timed);
        as(alice, QStringLiteral("t6"), spans(QStringLiteral("PER"), 0, 3), AnnotationStatus::Draft,
           true);  // a tombstone is no row
        as(bob, QStringLiteral("t6"), spans(QStringLiteral("ORG"), 0, 3));
        // The lead's review of bob's t5.
        as(bob, QStringLiteral("t5"), spans(QStringLiteral("ORG"), 0, 3));
        Annotation review;
        review.taskUid = QStringLiteral("t5");
        review.annotator = QStringLiteral("lead");
        review.reviewOf = project->annotations().get(QStringLiteral("t5"), bob)->uid;
        review.reviewOutcome = QStringLiteral("accepted");
        review.status = AnnotationStatus::Submitted;
        workAs(*project, QStringLiteral("lead"), QStringLiteral("dev-lead"));
        QVERIFY(project->saveAnnotation(review).ok());

        ProjectPanel panel;
        panel.setProject(project.get());
        TaskPickBox* box = panel.pickBox();
        auto choose = [&](const QString& text) {
            const int index = box->findText(text);
            QVERIFY2(index >= 0, qPrintable(text));
            box->setFocus();
            box->setCurrentIndex(index);
            // Disagreements and reviews are read on a thread of their own.
            panel.model()->finishLoading();
        };
        const TaskListModel& model = *panel.model();
        QCOMPARE(model.rowCount(), 10);
        // Nothing of a whole pass over the rows on the GUI thread: the list
        // says it is reading until the pick's tasks arrive.
        box->setCurrentIndex(box->findText(QStringLiteral("Disagreements")));
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        choose(QStringLiteral("Disagreements"));
        QCOMPARE(idsShown(model), QStringList{QStringLiteral("2")});
        choose(QStringLiteral("Reviewed"));
        QCOMPARE(idsShown(model), QStringList{QStringLiteral("5")});
        choose(QStringLiteral("Not reviewed"));
        QCOMPARE(model.rowCount(), 9);
        QVERIFY(!idsShown(model).contains(QStringLiteral("5")));
        choose(QStringLiteral("Conflicts"));
        QCOMPARE(model.rowCount(), 0);
        choose(QStringLiteral("By alice"));
        QCOMPARE(idsShown(model), (QStringList{QStringLiteral("1"), QStringLiteral("2"),
                                               QStringLiteral("3"), QStringLiteral("4")}));
        choose(QStringLiteral("By model:ner"));
        QCOMPARE(idsShown(model), QStringList{QStringLiteral("3")});
        // With the status filter (the project's annotator, lead: t5 submitted).
        choose(QStringLiteral("By bob"));
        QCOMPARE(idsShown(model),
                 (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("4"),
                              QStringLiteral("5"), QStringLiteral("6")}));
        auto* status = panel.statusFilterBox();
        status->setCurrentIndex(status->findText(QStringLiteral("Submitted")));
        QCOMPARE(idsShown(model), QStringList{QStringLiteral("5")});
        status->setCurrentIndex(status->findText(QStringLiteral("All")));
        // In the preview order too (the picked set is looked up by id).
        panel.view()->sortByColumn(TaskListModel::PreviewColumn, Qt::DescendingOrder);
        panel.model()->finishLoading();
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.taskId(0), 6);  // "Ana met Bob 6" sorts last
        panel.setProject(nullptr);
    }
};

QTEST_MAIN(TestSyncDialogs)
#include "tst_syncdialogs.moc"
