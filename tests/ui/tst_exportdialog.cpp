// The studio's Export dialog: only the formats that fit the project's tasks, a
// folder for the formats that write one file per image, submitted work by
// default, and a start folder that is never the hidden data folder.
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QtTest>

#include "model/project.h"
#include "shell/datatransfer.h"
#include "shell/exportdialog.h"
#include "testsupport.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

void addTask(Project& project, TaskKind kind, const QString& uid, const QJsonObject& data) {
    Task task;
    task.uid = uid;
    task.kind = kind;
    task.data = data;
    task.preview = uid;
    QVERIFY(project.tasks().add(task).ok());
}

QStringList formatNames(ExportDialog& dialog) {
    auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("format"));
    QStringList names;
    for (int i = 0; i < combo->count(); ++i)
        names << combo->itemData(i).toString();
    return names;
}

}  // namespace

class TestExportDialog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    }

    void offersTheFormatsOfTheProjectsKinds() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("boxes/p.postil")));
        addTask(*project, TaskKind::Image, QStringLiteral("i1"),
                {{QStringLiteral("image"), QStringLiteral("a.png")}});
        addTask(*project, TaskKind::Text, QStringLiteral("t1"),
                {{QStringLiteral("text"), QStringLiteral("hello")}});
        ExportDialog dialog(*project);
        const QStringList names = formatNames(dialog);
        for (const char* fits : {"jsonl", "coco", "voc", "yolo", "labelme", "createml"})
            QVERIFY2(names.contains(QLatin1String(fits)), fits);
        for (const char* other : {"trl", "hh-rlhf", "critiques"})
            QVERIFY2(!names.contains(QLatin1String(other)), other);

        auto comparisons = makeProject(m_dir.filePath(QStringLiteral("eval/p.postil")));
        addTask(
            *comparisons, TaskKind::Compare, QStringLiteral("c1"),
            {{QStringLiteral("prompt"), QStringLiteral("p")},
             {QStringLiteral("responses"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}});
        ExportDialog compareDialog(*comparisons);
        const QStringList compareNames = formatNames(compareDialog);
        QVERIFY(compareNames.contains(QStringLiteral("trl")));
        QVERIFY(!compareNames.contains(QStringLiteral("coco")));
    }

    void foldersForPerImageFormatsAndSubmittedByDefault() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("work/street.postil")));
        addTask(*project, TaskKind::Image, QStringLiteral("i1"),
                {{QStringLiteral("image"), QStringLiteral("a.png")}});
        ExportDialog dialog(*project);
        auto* format = dialog.findChild<QComboBox*>(QStringLiteral("format"));
        auto* output = dialog.findChild<QLineEdit*>(QStringLiteral("output"));
        format->setCurrentIndex(format->findData(QStringLiteral("yolo")));
        QCOMPARE(output->text(), m_dir.filePath(QStringLiteral("work/street-yolo")));
        bool saysFolder = false;
        for (QLabel* l : dialog.findChildren<QLabel*>())
            saysFolder |= l->text().contains(QStringLiteral("folder"));
        QVERIFY(saysFolder);
        format->setCurrentIndex(format->findData(QStringLiteral("coco")));
        QCOMPARE(output->text(), m_dir.filePath(QStringLiteral("work/street.json")));
        QCOMPARE(dialog.options().status, QStringLiteral("submitted"));
        QVERIFY(dialog.options().annotator.isEmpty());
        QCOMPARE(dialog.outputPath(), m_dir.filePath(QStringLiteral("work/street.json")));
    }

    void startsOutsideTheHiddenDataFolder() {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        const QString demoFolder = data + QStringLiteral("/demo-export-test");
        QDir(demoFolder).removeRecursively();  // the test-mode data folder outlives a run
        auto demo = makeProject(demoFolder + QStringLiteral("/demo.postil"));
        const QString start = DataTransfer::startFolder(*demo, DataTransfer::Export);
        QVERIFY2(!start.startsWith(data), qPrintable(start));

        auto project = makeProject(m_dir.filePath(QStringLiteral("elsewhere/p.postil")));
        QCOMPARE(DataTransfer::startFolder(*project, DataTransfer::Export),
                 m_dir.filePath(QStringLiteral("elsewhere")));
        // Once the user has exported somewhere, that is where the next starts.
        QDir().mkpath(m_dir.filePath(QStringLiteral("exports")));
        DataTransfer::rememberFolder(DataTransfer::Export,
                                     m_dir.filePath(QStringLiteral("exports/a.json")));
        QCOMPARE(DataTransfer::startFolder(*demo, DataTransfer::Export),
                 m_dir.filePath(QStringLiteral("exports")));
        QCOMPARE(DataTransfer::startFolder(*project, DataTransfer::Import),
                 m_dir.filePath(QStringLiteral("elsewhere")));
        demo.reset();
        QDir(demoFolder).removeRecursively();
    }
    // The import dialog's first filter names every extension once, though
    // several formats read .json (COCO, labelme) and .jsonl.
    void importFiltersListEachExtensionOnce() {
        const QStringList filters = DataTransfer::importFilters().split(QStringLiteral(";;"));
        QVERIFY(filters.size() > 2);
        const QString all = filters.first();
        QVERIFY2(all.startsWith(QStringLiteral("All importable files (")), qPrintable(all));
        const QStringList patterns =
            all.section(QLatin1Char('('), 1).chopped(1).split(QLatin1Char(' '));
        QVERIFY(patterns.contains(QStringLiteral("*.json")));
        QVERIFY(patterns.contains(QStringLiteral("*.jsonl")));
        QCOMPARE(QSet<QString>(patterns.begin(), patterns.end()).size(), patterns.size());
    }
};

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
