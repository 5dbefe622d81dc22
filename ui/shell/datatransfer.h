#pragma once

#include <QCoreApplication>
#include <QStringList>

class QWidget;

namespace postil {

class Project;

// The studio's import and export: file dialogs, a progress dialog, and a
// report of what happened. The work itself is core's (importFiles, Format).
class DataTransfer {
    Q_DECLARE_TR_FUNCTIONS(DataTransfer)

public:
    // Asks for files (or a folder) and imports them. True when anything was added.
    static bool importInteractive(QWidget* parent, Project& project, bool folder);
    static bool importPaths(QWidget* parent, Project& project, const QStringList& paths,
                            const QString& format = QStringLiteral("auto"));
    static void exportInteractive(QWidget* parent, Project& project);

    // Where a file dialog for importing or exporting starts: the last folder
    // used for that, else the project's folder, unless that is inside the
    // application's hidden data folder (the demo's home): then Documents.
    enum Direction { Import, Export };
    static QString startFolder(const Project& project, Direction direction);
    static void rememberFolder(Direction direction, const QString& path);
};

}  // namespace postil
