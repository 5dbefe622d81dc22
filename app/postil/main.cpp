// The studio's entry point: argument parsing and wiring only.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

#include "shell/demoproject.h"
#include "shell/mainwindow.h"
#include "shell/recentprojects.h"

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Postil"));
    QApplication::setOrganizationName(QStringLiteral("Postil"));
    QApplication::setApplicationVersion(QStringLiteral(POSTIL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.postil.Postil"));
    // The installed desktop file names the icon; this one serves where no
    // desktop file is read (X11 task bars, a build run in place, Windows).
    // postil_ui is a static library, so its resources are named to be linked.
    Q_INIT_RESOURCE(postil);
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        icon.addFile(QStringLiteral(":/icons/org.postil.Postil-%1.png").arg(size),
                     QSize(size, size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Postil: offline annotation and AI evaluation studio"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the demo project."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("The .postil project file to open."),
                                 QStringLiteral("[project]"));
    parser.process(app);

    postil::MainWindow window;
    window.show();
    // A named project; else the last one; else (a first run) the demo, made
    // once in the user's data folder and never overwritten. A hand-out pack
    // named on a first run proposes its annotator as the user's name.
    QString path = parser.positionalArguments().value(0);
    window.askNameOnFirstRun(path);
    if (path.isEmpty() && !parser.isSet(demo))
        path = postil::RecentProjects::list().value(0);
    if (path.isEmpty()) {
        auto demoPath = postil::DemoProject::ensure();
        if (demoPath.ok())
            path = *demoPath;
        else
            QMessageBox::warning(
                &window, QStringLiteral("Postil"),
                QStringLiteral("The demo project could not be made: %1").arg(demoPath.error()));
    }
    if (!path.isEmpty())
        window.openProject(path);
    return app.exec();
}
