// Model assist in the studio (shell/assist): the Assist menu runs a stand-in
// model script on the current task (its key), the selected tasks and every
// unfinished task on a worker, with progress and Cancel while the window
// keeps painting; a failing and a hanging command are reported per task in
// the summary while the others are stored; the task list marks tasks with a
// model's proposals; Project settings ▸ Assist writes the "models" list.
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QtTest>

#include "../assist/assisttestsupport.h"
#include "shell/assist/assistactions.h"
#include "shell/assist/assistsummarydialog.h"
#include "shell/jobprogressdialog.h"
#include "shell/mainwindow.h"
#include "shell/projectpanel.h"
#include "shell/projectsettingsdialog.h"
#include "shell/tasklistmodel.h"
#include "widgettestsupport.h"

using namespace postil;
using namespace postil::assisttest;

namespace {

const QByteArray kSchema = R"({"labels": [{"name": "DATE", "kinds": ["text"]}]})";

// Per task: "fail…" exits 3 with a traceback, "hang…" never answers, "slow…"
// takes a while; the rest get a DATE span over their first four characters.
const QByteArray kModel = R"(
task = json.loads(sys.stdin.readline())
text = task["data"]["text"]
if text.startswith("fail"):
    sys.stderr.write("Traceback (most recent call last):\nValueError: model exploded\n")
    sys.exit(3)
if text.startswith("hang"):
    time.sleep(60)
if text.startswith("slow"):
    time.sleep(0.3)
print(json.dumps({"spans": [{"label": "DATE", "start": 0, "end": 4, "score": 0.9}]}))
)";

// While a run goes: whether the progress dialog showed, the most of its
// bar, and the longest the GUI thread went without turning its event loop.
class RunWatch : public QObject {
public:
    explicit RunWatch(std::function<void(JobProgressDialog*)> onProgress = {})
        : m_onProgress(std::move(onProgress)) {
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longestGapMs = std::max(m_longestGapMs, m_sinceTick.restart());
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* dialog = qobject_cast<JobProgressDialog*>(w); dialog && w->isVisible()) {
                    m_shown = true;
                    m_permille = std::max(m_permille, dialog->permille());
                    if (m_onProgress && dialog->permille() > 0) {
                        m_onProgress(dialog);
                        m_onProgress = {};
                    }
                }
        });
        m_sinceTick.start();
        m_timer.start(10);
    }
    bool shown() const { return m_shown; }
    int permille() const { return m_permille; }
    qint64 longestGapMs() const { return m_longestGapMs; }

private:
    std::function<void(JobProgressDialog*)> m_onProgress;
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    bool m_shown = false;
    int m_permille = 0;
    qint64 m_longestGapMs = 0;
};

}  // namespace

class TestAssistStudio : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Text tasks named by their text's first word, run by "dates" (per task,
    // timeout 'timeout' s), opened as alice.
    QString makeTextProject(const QString& name, const QStringList& texts, double timeout = 2) {
        const QString path = m_dir.filePath(name + QStringLiteral("/p.postil"));
        auto project = makeProject(path, kSchema);
        for (const QString& text : texts)
            addTask(*project, text.section(QLatin1Char(' '), 0, 0), TaskKind::Text,
                    {{QStringLiteral("text"), text}});
        const QString command = script(*project, QStringLiteral("dates.py"), kModel);
        QJsonObject schema = project->schema().toJson();
        schema.insert(
            QStringLiteral("models"),
            QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("dates")},
                                   {QStringLiteral("kinds"), QJsonArray{QStringLiteral("text")}},
                                   {QStringLiteral("command"), command},
                                   {QStringLiteral("timeout_s"), timeout}}});
        auto parsed = Schema::fromJson(schema);
        if (!parsed.ok() || !project->setSchema(*parsed).ok())
            qFatal("schema");
        return path;
    }

    static QStringList modelRows(Project& project) {
        QStringList uids;
        Statement rows = project.database().statement(QStringLiteral(
            "SELECT task_uid FROM annotations WHERE annotator = 'model:dates' AND deleted = 0 "
            "ORDER BY task_uid"));
        while (rows.next())
            uids << rows.text(0);
        return uids;
    }

    static QAction* action(MainWindow& window, const char* id) {
        auto* found = window.findChild<QAction*>(QLatin1String(id));
        if (!found)
            qFatal("no action %s", id);
        return found;
    }

    static AssistSummaryDialog* summary(MainWindow& window) {
        auto* actions = window.findChild<AssistActions*>();
        return actions ? actions->summary() : nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")));
        Identity::setAnnotatorName(QStringLiteral("alice"));
    }

    // Every unfinished task: the failing and the hanging command are reported
    // per task, with the command's standard error; the others are stored; a
    // task alice submitted is skipped; the window kept painting.
    void unfinishedTasksReportFailuresPerTask() {
        const QString path = makeTextProject(
            QStringLiteral("unfinished"),
            {QStringLiteral("2024 one"), QStringLiteral("fail two"), QStringLiteral("hang three"),
             QStringLiteral("1999 four"), QStringLiteral("done five")});
        {
            auto project = Project::open(path);
            QVERIFY(project.ok());
            (*project)->setIdentity({QStringLiteral("alice"), QStringLiteral("laptop")});
            addAnnotation(**project, QStringLiteral("done"), QStringLiteral("alice"),
                          AnnotationStatus::Submitted, {});
        }
        MainWindow window;
        QVERIFY(window.openProject(path));
        QVERIFY(showActive(&window, QSize(1200, 700)));
        RunWatch watch;
        QElapsedTimer took;
        took.start();
        action(window, "assist.runUnfinished")->trigger();
        QVERIFY(took.elapsed() >= 2000);  // the hanging task waited for its timeout
        QVERIFY(watch.shown());
        QVERIFY2(watch.permille() > 0, "no progress shown");
        QVERIFY2(watch.longestGapMs() < 1000,
                 qPrintable(QStringLiteral("GUI blocked %1 ms").arg(watch.longestGapMs())));

        AssistSummaryDialog* dialog = summary(window);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        const QString headline = dialog->headline();
        QVERIFY2(headline.contains(QStringLiteral("dates: 2 tasks done, 2 failed")),
                 qPrintable(headline));
        QVERIFY2(headline.contains(QStringLiteral("1 skipped (you finished it)")),
                 qPrintable(headline));
        const QString details = dialog->details();
        QVERIFY2(details.contains(QStringLiteral("(fail)")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("ValueError: model exploded")),
                 qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("(hang)")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("no answer within 2 s")), qPrintable(details));
        QCOMPARE(modelRows(*window.project()),
                 (QStringList{QStringLiteral("1999"), QStringLiteral("2024")}));

        // The list marks the tasks with the model's proposals.
        TaskListModel* model = window.projectPanel()->model();
        QTRY_VERIFY(model->rowCount() == 5);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString uid =
                model->data(model->index(row, 0), TaskListModel::TaskUidRole).toString();
            const QString status =
                model->data(model->index(row, TaskListModel::StatusColumn)).toString();
            QCOMPARE(status.startsWith(QStringLiteral("✦")),
                     uid == QLatin1String("2024") || uid == QLatin1String("1999"));
        }
    }

    // Cancel while it runs: the run stops early, what was answered is kept,
    // and the summary says it was cancelled.
    void cancelStopsTheRun() {
        QStringList texts;
        for (int i = 0; i < 40; ++i)
            texts << QStringLiteral("slow%1 text").arg(i);
        const QString path = makeTextProject(QStringLiteral("cancel"), texts);
        MainWindow window;
        QVERIFY(window.openProject(path));
        QVERIFY(showActive(&window, QSize(1200, 700)));
        RunWatch watch([](JobProgressDialog* dialog) {
            auto* cancel = dialog->findChild<QPushButton*>(QStringLiteral("cancel"));
            QTest::mouseClick(cancel, Qt::LeftButton);
        });
        action(window, "assist.runUnfinished")->trigger();
        QVERIFY(watch.shown());
        AssistSummaryDialog* dialog = summary(window);
        QVERIFY(dialog);
        QVERIFY2(dialog->headline().contains(QStringLiteral("Cancelled")),
                 qPrintable(dialog->headline()));
        const qsizetype stored = modelRows(*window.project()).size();
        QVERIFY2(stored >= 1 && stored < 40, qPrintable(QString::number(stored)));
    }

    // Ctrl+Alt+M runs on the open task only; the selected tasks (Ctrl+click)
    // are a run of their own.
    void currentTaskKeyAndSelectedTasks() {
        const QString path = makeTextProject(QStringLiteral("selected"),
                                             {QStringLiteral("a111 x"), QStringLiteral("b222 x"),
                                              QStringLiteral("c333 x"), QStringLiteral("d444 x")});
        MainWindow window;
        QVERIFY(window.openProject(path));
        QVERIFY(showActive(&window, QSize(1200, 700)));
        window.goToTask(2);
        QTest::keyClick(&window, Qt::Key_M, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(modelRows(*window.project()), QStringList{QStringLiteral("b222")});
        QVERIFY(summary(window));
        summary(window)->close();
        // The task is open again after the run.
        QCOMPARE(window.projectPanel()->currentTaskId(), qint64(2));

        QTableView* view = window.projectPanel()->view();
        TaskListModel* model = window.projectPanel()->model();
        auto rowRect = [&](qint64 id) {
            return view->visualRect(model->index(model->rowOf(id), TaskListModel::PreviewColumn));
        };
        QTRY_VERIFY(model->rowOf(1) >= 0 && model->rowOf(3) >= 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowRect(1).center());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          rowRect(3).center());
        QVERIFY(window.projectPanel()->selectedTaskIds() == (QList<qint64>{1, 3}));
        action(window, "assist.runSelected")->trigger();
        QCOMPARE(
            modelRows(*window.project()),
            (QStringList{QStringLiteral("a111"), QStringLiteral("b222"), QStringLiteral("c333")}));
        QVERIFY(summary(window)->headline().contains(QStringLiteral("2 tasks done")));
    }

    // No model yet: the menu says where to set one, and nothing runs.
    void withoutModelSaysWhere() {
        const QString path = m_dir.filePath(QStringLiteral("nomodel/p.postil"));
        {
            auto project = makeProject(path, kSchema);
            addTask(*project, QStringLiteral("t"), TaskKind::Text,
                    {{QStringLiteral("text"), QStringLiteral("x")}});
        }
        MainWindow window;
        QVERIFY(window.openProject(path));
        AssistActions actions(
            &window, {[&] { return window.project(); }, [] { return qint64(1); }, {}, {}, {}});
        QTimer::singleShot(0, [] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QDialog*>(w);
                    box && box->isVisible() && w->inherits("QMessageBox"))
                    box->accept();
        });
        const auto outcome = actions.run(AssistActions::Scope::CurrentTask);
        QVERIFY(outcome.runs.isEmpty());
        QVERIFY2(outcome.problem.contains(QStringLiteral("Project settings ▸ Assist")),
                 qPrintable(outcome.problem));
    }

    // Project settings ▸ Assist: a model added and typed into the table is
    // stored in the schema's "models"; an unknown kind is a problem named
    // on the Assist tab that keeps OK off.
    void settingsPageWritesModels() {
        const QString path = m_dir.filePath(QStringLiteral("settings-page/p.postil"));
        auto project = makeProject(path, kSchema);
        ProjectSettingsDialog dialog(*project);
        QVERIFY(showActive(&dialog, QSize(760, 560)));
        dialog.tabs()->setCurrentIndex(ProjectSettingsDialog::AssistTab);
        QCOMPARE(dialog.tabs()->tabText(ProjectSettingsDialog::AssistTab),
                 QStringLiteral("Assist"));
        QWidget* page = dialog.tabs()->widget(ProjectSettingsDialog::AssistTab);
        auto* add = page->findChild<QToolButton*>(QStringLiteral("add"));
        QVERIFY(add);
        QTest::mouseClick(add, Qt::LeftButton);
        auto* table = page->findChild<QTableWidget*>(QStringLiteral("modelsTable"));
        QCOMPARE(table->rowCount(), 1);
        // The new row's command cell is open for typing.
        QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget() != table);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("python3 ocr.py"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        // F2 opens a cell; its text is selected, so typing replaces it.
        auto type = [&](int column, const QString& text) {
            table->setCurrentCell(0, column);
            table->setFocus();
            QTest::keyClick(table, Qt::Key_F2);
            QTRY_VERIFY(QApplication::focusWidget() != table);
            QTest::keyClicks(QApplication::focusWidget(), text);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
            // The delegate commits on its next turn of the event loop.
            QTRY_COMPARE(table->item(0, column)->text(), text);
        };
        type(0, QStringLiteral("ocr"));
        type(1, QStringLiteral("image, pictures"));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY2(!ok->isEnabled(), qPrintable(table->item(0, 1)->text()));
        auto* problems = dialog.findChild<QListWidget*>(QStringLiteral("problems"));
        QVERIFY(problems->count() >= 1);
        QVERIFY2(problems->item(0)->text().startsWith(QStringLiteral("Assist › “ocr”")),
                 qPrintable(problems->item(0)->text()));
        type(1, QStringLiteral("image, text"));
        table->item(0, 3)->setCheckState(Qt::Checked);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        auto models = assistmodels::read(project->schema());
        QVERIFY2(models.ok(), qPrintable(models.error()));
        QCOMPARE(models->size(), 1);
        QCOMPARE(models->at(0).name, QStringLiteral("ocr"));
        QCOMPARE(models->at(0).command, QStringLiteral("python3 ocr.py"));
        QVERIFY(models->at(0).kinds == (QList<TaskKind>{TaskKind::Image, TaskKind::Text}));
        QVERIFY(models->at(0).batch);
        QCOMPARE(models->at(0).timeoutS, AssistModel::kDefaultTimeoutS);
    }
};

QTEST_MAIN(TestAssistStudio)
#include "tst_assiststudio.moc"
