// The studio as a person uses it: answer with the keyboard, move between
// tasks, undo, close, reopen, and find every answer in the project file.
#include <QBuffer>
#include <QMessageBox>
#include <QPushButton>
#include <QtTest>

#include "document/taskdocument.h"
#include "editors/taskeditor.h"
#include "model/project.h"
#include "shell/mainwindow.h"
#include "shell/projectpanel.h"
#include "shell/tasklistmodel.h"
#include "shell/taskworkspace.h"

using namespace postil;

class TestStudio : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString makeProject() {
        const QString path = m_dir.filePath(QStringLiteral("studio.postil"));
        auto schema = Schema::fromJsonText(
            "{\"questions\":["
            "{\"name\":\"intent\",\"type\":\"single\",\"options\":[\"billing\",\"refund\","
            "\"other\"],\"required\":true},"
            "{\"name\":\"urgent\",\"type\":\"flag\"}]}");
        if (!schema.ok())
            qFatal("%s", qPrintable(schema.error()));
        Project::CreateOptions options;
        options.name = QStringLiteral("Support intents");
        options.schema = *schema;
        auto project = Project::create(path, options);
        if (!project.ok())
            qFatal("%s", qPrintable(project.error()));
        Transaction tx((*project)->database());
        for (int i = 1; i <= 3; ++i) {
            Task task;
            task.uid = QStringLiteral("msg-%1").arg(i);
            task.data = {{QStringLiteral("text"), QStringLiteral("Message number %1").arg(i)}};
            task.preview = task.data.value(QStringLiteral("text")).toString();
            (void)(*project)->tasks().add(task);
        }
        (void)tx.commit();
        return path;
    }

    // A project of image and text tasks, in this order: image, text, image, text.
    QString makeMixedProject(const QString& name, const QByteArray& secondImage = QByteArray()) {
        QDir(m_dir.path()).mkpath(name);
        const QString folder = m_dir.filePath(name);
        QImage picture(120, 80, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        if (!picture.save(folder + QStringLiteral("/one.png")))
            qFatal("cannot write the picture");
        if (secondImage.isEmpty()) {
            picture.fill(Qt::darkYellow);
            if (!picture.save(folder + QStringLiteral("/two.jpg"), "JPEG"))
                qFatal("cannot write the picture");
        } else {
            QFile file(folder + QStringLiteral("/two.jpg"));
            if (!file.open(QIODevice::WriteOnly) || file.write(secondImage) != secondImage.size())
                qFatal("cannot write the picture");
        }
        const QString path = folder + QStringLiteral("/mixed.postil");
        auto project = Project::create(path, {});
        if (!project.ok())
            qFatal("%s", qPrintable(project.error()));
        const QStringList items{QStringLiteral("image:one.png"), QStringLiteral("text:first words"),
                                QStringLiteral("image:two.jpg"),
                                QStringLiteral("text:second words")};
        for (const QString& item : items) {
            Task task;
            task.uid = item;
            task.kind = item.startsWith(QLatin1String("image")) ? TaskKind::Image : TaskKind::Text;
            task.data = {
                {task.kind == TaskKind::Image ? QStringLiteral("image") : QStringLiteral("text"),
                 item.section(QLatin1Char(':'), 1)}};
            task.preview = Task::previewFor(task.kind, task.data);
            if (!(*project)->tasks().add(task).ok())
                qFatal("cannot add %s", qPrintable(item));
        }
        return path;
    }

    // Answers the next modal question box with 'button' once it shows.
    static void answerQuestion(QMessageBox::StandardButton button, QString* text) {
        auto* poll = new QTimer;
        poll->setInterval(20);
        QObject::connect(poll, &QTimer::timeout, [poll, button, text] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            *text = box->text();
            box->button(button)->click();
            poll->stop();
            poll->deleteLater();
        });
        poll->start();
    }

    static QString storedStatus(const QString& path, const QString& uid) {
        auto project = Project::open(path);
        if (!project.ok())
            return project.error();
        auto row = (*project)->annotations().get(uid, (*project)->annotator());
        return row && !row->deleted ? toString(row->status) : QStringLiteral("none");
    }

    static void press(QWidget* window, int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : window;
        QTest::keyClick(target, Qt::Key(key), modifiers);
        QCoreApplication::processEvents();
    }

    static QString currentUid(MainWindow& w) {
        TaskDocument* doc = w.workspace()->document();
        return doc ? doc->task().uid : QString();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void answerNavigateUndoReopen() {
        const QString path = makeProject();
        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QVERIFY(w.openProject(path));
            w.activateWindow();
            QCOMPARE(currentUid(w), QStringLiteral("msg-1"));

            // Text tasks answer with Alt+digit: the bare digits label spans.
            press(&w, Qt::Key_2, Qt::AltModifier);  // intent = refund; on to the next question
            press(&w, Qt::Key_1, Qt::AltModifier);  // urgent = yes
            press(&w, Qt::Key_Return, Qt::ControlModifier);  // submit, go to the next unfinished
            QCOMPARE(currentUid(w), QStringLiteral("msg-2"));

            press(&w, Qt::Key_1, Qt::AltModifier);      // intent = billing
            press(&w, Qt::Key_Right, Qt::AltModifier);  // next task
            QCOMPARE(currentUid(w), QStringLiteral("msg-3"));
            press(&w, Qt::Key_3, Qt::AltModifier);  // intent = other
            QCOMPARE(w.workspace()
                         ->document()
                         ->result()[QStringLiteral("answers")][QStringLiteral("intent")]
                         .toString(),
                     QStringLiteral("other"));
            press(&w, Qt::Key_Z, Qt::ControlModifier);  // undo it
            QVERIFY(!w.workspace()->document()->state().exists);
            press(&w, Qt::Key_Left, Qt::AltModifier);  // back to task 2
            QCOMPARE(currentUid(w), QStringLiteral("msg-2"));

            // Submitting without the required answer is refused.
            press(&w, Qt::Key_Right, Qt::AltModifier);
            press(&w, Qt::Key_Return, Qt::ControlModifier);
            QCOMPARE(currentUid(w), QStringLiteral("msg-3"));
            QCOMPARE(toString(w.workspace()->document()->state().status), QStringLiteral("draft"));
            w.close();
        }

        // What the file holds, read through a fresh connection.
        {
            auto project = Project::open(path);
            QVERIFY2(project.ok(), qPrintable(project.error()));
            Project& p = **project;
            auto first = p.annotations().get(QStringLiteral("msg-1"), p.annotator());
            QVERIFY(first && !first->deleted);
            QCOMPARE(toString(first->status), QStringLiteral("submitted"));
            const QJsonObject answers = first->result[QStringLiteral("answers")].toObject();
            QCOMPARE(answers[QStringLiteral("intent")].toString(), QStringLiteral("refund"));
            QCOMPARE(answers[QStringLiteral("urgent")].toBool(), true);
            auto second = p.annotations().get(QStringLiteral("msg-2"), p.annotator());
            QVERIFY(second && !second->deleted);
            QCOMPARE(toString(second->status), QStringLiteral("draft"));
            QCOMPARE(second->result[QStringLiteral("answers")][QStringLiteral("intent")].toString(),
                     QStringLiteral("billing"));
            auto third = p.annotations().get(QStringLiteral("msg-3"), p.annotator());
            QVERIFY(!third || third->deleted);
        }

        // Reopened, the studio resumes where it was left (msg-3); going back
        // shows msg-2 with its answer.
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.openProject(path));
        QCOMPARE(currentUid(again), QStringLiteral("msg-3"));
        again.previousTask();
        QCOMPARE(currentUid(again), QStringLiteral("msg-2"));
        QCOMPARE(again.workspace()
                     ->document()
                     ->result()[QStringLiteral("answers")][QStringLiteral("intent")]
                     .toString(),
                 QStringLiteral("billing"));
    }

    // A and D in the image editor go from image to image, in the list's
    // order; Alt+Left/Right still go through every task.
    void imageKeysSkipTasksOfOtherKinds() {
        const QString path = makeMixedProject(QStringLiteral("mixed"));
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(path));
        w.activateWindow();
        QCOMPARE(currentUid(w), QStringLiteral("image:one.png"));
        w.workspace()->focusEditor();  // the task list has the focus after opening
        press(&w, Qt::Key_D);
        QCOMPARE(currentUid(w), QStringLiteral("image:two.jpg"));
        press(&w, Qt::Key_D);  // no image after it: it stays
        QCOMPARE(currentUid(w), QStringLiteral("image:two.jpg"));
        press(&w, Qt::Key_A);
        QCOMPARE(currentUid(w), QStringLiteral("image:one.png"));
        press(&w, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(currentUid(w), QStringLiteral("text:first words"));
        press(&w, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(currentUid(w), QStringLiteral("image:two.jpg"));
        // Newest first: D goes down the list, to the first image.
        w.projectPanel()->model()->sort(TaskListModel::IdColumn, Qt::DescendingOrder);
        w.workspace()->focusEditor();
        press(&w, Qt::Key_D);
        QCOMPARE(currentUid(w), QStringLiteral("image:one.png"));
    }

    // Submitting a task whose image does not decode asks first; No is the
    // default and leaves the task as it was.
    void submittingABrokenImageAsks() {
        QImage picture(160, 120, QImage::Format_RGB32);
        picture.fill(Qt::darkGreen);
        QBuffer jpeg;
        jpeg.open(QIODevice::WriteOnly);
        QVERIFY(picture.save(&jpeg, "JPEG"));
        const QByteArray truncated = jpeg.data().left(jpeg.data().size() / 2);
        const QString path = makeMixedProject(QStringLiteral("broken"), truncated);
        const QString uid = QStringLiteral("image:two.jpg");
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openProject(path));
        w.activateWindow();
        w.goToTask(3);
        QCOMPARE(currentUid(w), uid);
        QVERIFY2(w.workspace()->editor()->mediaProblem().contains(QStringLiteral("two.jpg")),
                 qPrintable(w.workspace()->editor()->mediaProblem()));

        QString asked;
        answerQuestion(QMessageBox::No, &asked);
        press(&w, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(asked.contains(QStringLiteral("does not decode")), qPrintable(asked));
        QVERIFY2(asked.contains(QStringLiteral("two.jpg")), qPrintable(asked));
        QCOMPARE(storedStatus(path, uid), QStringLiteral("none"));
        QCOMPARE(currentUid(w), uid);

        asked.clear();
        answerQuestion(QMessageBox::Yes, &asked);
        press(&w, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!asked.isEmpty());
        QCOMPARE(storedStatus(path, uid), QStringLiteral("submitted"));

        // A good image submits without a question.
        w.goToTask(1);
        asked.clear();
        press(&w, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(storedStatus(path, QStringLiteral("image:one.png")), QStringLiteral("submitted"));
        QVERIFY(asked.isEmpty());
    }
};

QTEST_MAIN(TestStudio)
#include "tst_studio.moc"
