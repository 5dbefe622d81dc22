#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>
#include <QtTest>
#include <memory>
#include <vector>

#include "document/taskdocument.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/imageeditor.h"
#include "editors/image/tiledimageitem.h"
#include "model/project.h"
#include "shell/demoproject.h"
#include "shell/editorregistry.h"
#include "testsupport.h"

using namespace postil;

namespace {

// The grabs land in POSTIL_GRAB_DIR when it is set, for a person to look at.
void grab(QWidget* widget, const QString& name) {
    const QString dir = qEnvironmentVariable("POSTIL_GRAB_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

// Distinct colours on a coarse grid: a flat, blank picture has one.
int distinctColours(const QImage& image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

double meanLightness(const QImage& image) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5, ++n)
            sum += QColor(image.pixel(x, y)).lightnessF();
    return n ? sum / n : 0;
}

}  // namespace

class TestPreviewEditors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        Project::CreateOptions options;
        options.name = QStringLiteral("previews");
        auto project = Project::create(m_dir.filePath(QStringLiteral("p.postil")), options);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        m_project = std::move(*project);
        QDir(m_dir.path()).mkpath(QStringLiteral("media"));
    }

    void cleanup() { m_documents.clear(); }

    void registryHasAViewerForEveryKind() {
        QObject owner;
        for (TaskKind kind :
             {TaskKind::Text, TaskKind::Image, TaskKind::Audio, TaskKind::Compare}) {
            TaskEditor* editor = EditorRegistry::instance().create(kind, &owner);
            QVERIFY2(editor, qPrintable(toString(kind)));
            QVERIFY(editor->kind() == kind);
            QVERIFY(editor->widget());
            QCOMPARE(editor->parent(), &owner);
        }
        // The audio editor's digits type into the transcript, so the bare
        // digits stay with the questions; the text editor's digits place labels.
        QVERIFY(EditorRegistry::instance().placesLabels(TaskKind::Text));
        QVERIFY(!EditorRegistry::instance().placesLabels(TaskKind::Audio));
    }

    // Every task of the demo project renders in its editor in the default and
    // a dark palette: something is drawn (not one flat colour) and the dark
    // palette gives a darker picture (no editor paints a fixed white page).
    // With POSTIL_GRAB_DIR set the pictures are also saved there, to look at.
    void everyDemoTaskRendersInLightAndDark() {
        QTemporaryDir demoDir;
        auto path = DemoProject::ensure(demoDir.filePath(QStringLiteral("demo")));
        QVERIFY2(path.ok(), qPrintable(path.error()));
        auto project = Project::open(*path);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        const QPalette light = QApplication::palette();
        QMap<QString, double> lightness;  // task uid -> mean lightness in the default palette
        for (bool dark : {false, true}) {
            if (dark)
                QApplication::setPalette(darkPalette());
            QMap<TaskKind, TaskEditor*> editors;
            QObject owner;
            for (auto id = (*project)->tasks().firstId(); id;
                 id = (*project)->tasks().nextId(*id)) {
                auto task = (*project)->tasks().byId(*id);
                QVERIFY(task);
                if (!editors.contains(task->kind))
                    editors.insert(task->kind,
                                   EditorRegistry::instance().create(task->kind, &owner));
                TaskEditor* editor = editors.value(task->kind);
                auto doc = std::make_unique<TaskDocument>(**project, *task);
                editor->setDocument(doc.get());
                editor->widget()->resize(900, 560);
                editor->widget()->show();
                QVERIFY(QTest::qWaitForWindowExposed(editor->widget()));
                // An image decodes in worker threads: compared before its tiles
                // arrive, one palette's picture could show the image and the
                // other's only the canvas (seen once in CI, on a loaded machine).
                if (auto* image = qobject_cast<ImageEditor*>(editor)) {
                    QCoreApplication::processEvents();
                    QTRY_VERIFY_WITH_TIMEOUT(image->canvas()->imageItem()->isFullyLoaded(), 10000);
                }
                QTest::qWait(20);
                const QImage picture = editor->widget()->grab().toImage();
                grab(editor->widget(), (dark ? QStringLiteral("dark-") : QString()) + task->uid);
                QVERIFY2(distinctColours(picture) >= 4, qPrintable(task->uid));
                const double mean = meanLightness(picture);
                if (!dark)
                    lightness.insert(task->uid, mean);
                else
                    QVERIFY2(mean < lightness.value(task->uid),
                             qPrintable(QStringLiteral("%1: dark %2, light %3")
                                            .arg(task->uid)
                                            .arg(mean)
                                            .arg(lightness.value(task->uid))));
                editor->setDocument(nullptr);
            }
        }
        QApplication::setPalette(light);
        QVERIFY(lightness.size() >= 4);  // the demo has a task of every kind
    }

private:
    TaskDocument* document(TaskKind kind, const QJsonObject& data) {
        Task task;
        task.kind = kind;
        task.data = data;
        task.uid = QStringLiteral("t%1").arg(++m_counter);
        m_documents.push_back(std::make_unique<TaskDocument>(*m_project, task));
        return m_documents.back().get();
    }

    static QPalette darkPalette() {
        QPalette p;
        p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        p.setColor(QPalette::AlternateBase, QColor(0x2f, 0x32, 0x36));
        p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
        p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd8));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(0x6c, 0xb0, 0xff));
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa3));
        p.setColor(QPalette::Mid, QColor(0x4a, 0x4d, 0x52));
        p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
        return p;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Project> m_project;
    std::vector<std::unique_ptr<TaskDocument>> m_documents;
    int m_counter = 0;
};

QTEST_MAIN(TestPreviewEditors)
#include "tst_previeweditors.moc"
