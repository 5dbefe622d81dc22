#pragma once

#include <QCoreApplication>
#include <QStringList>

class QWidget;

namespace postil {

class Project;

// The studio's import and export: file dialogs, the job with its progress
// and Cancel (ProjectJob: on a worker thread with its own connection), and a
// report of what happened. The work itself is core's (importFiles, Format).
class DataTransfer {
    Q_DECLARE_TR_FUNCTIONS(DataTransfer)

public:
    enum class Outcome {
        Changed,    // the project has new tasks or annotations: reload it
        Unchanged,  // nothing was added, written, or the user said no
        Cancelled,  // stopped by Cancel: the project or the output is as it was
    };

    // The import file dialog's filters: every readable format's, after "All
    // importable files" with each extension once.
    static QString importFilters();
    // Asks for files (or a folder) to import; empty when the user said no.
    static QStringList askImportPaths(QWidget* parent, const Project& project, bool folder);
    static Outcome importPaths(QWidget* parent, Project& project, const QStringList& paths,
                               const QString& format = QStringLiteral("auto"));
    // The Export dialog, then the export. Changed when a file was written.
    static Outcome exportInteractive(QWidget* parent, Project& project);

    // Where a file dialog for importing or exporting starts: the last folder
    // used for that, else the project's folder, unless that is inside the
    // application's hidden data folder (the demo's home): then Documents.
    enum Direction { Import, Export };
    static QString startFolder(const Project& project, Direction direction);
    static void rememberFolder(Direction direction, const QString& path);
};

}  // namespace postil
