#pragma once

#include <QCoreApplication>
#include <functional>

#include "formats/format.h"
#include "shell/jobprogressdialog.h"

class QWidget;

namespace postil {

class Project;

// Long work on the open project (an import, an export) on a worker thread,
// with a connection of its own: SQLite connections are never shared between
// threads here, so the worker opens the project file again and the studio's
// connection sees the work once it commits. Meanwhile a window-modal
// JobProgressDialog takes the input (the project cannot be edited) and the
// GUI thread keeps painting. Cancel sets the CancelFlag the core polls at
// every record; the work then fails and leaves nothing behind
// (docs/architecture.md, "Long work").
class ProjectJob {
    Q_DECLARE_TR_FUNCTIONS(ProjectJob)

public:
    // What the work gets, on the worker thread.
    struct Context {
        Project& project;                     // its own connection, with the studio's identity
        ProgressFn progress;                  // done of total, in the work's unit
        std::function<void(qint64)> counted;  // things done so far, for the dialog's line
        const CancelFlag* cancel;
    };
    using Work = std::function<Status(Context& context)>;

    enum class Outcome { Done, Failed, Cancelled };
    struct Result {
        Outcome outcome = Outcome::Done;
        QString error;  // Failed: what the core said, naming the file and record
    };

    // Runs 'work' and returns when it has finished, the worker thread joined.
    // A job cancelled too late to stop (it had committed) is Done.
    static Result run(QWidget* parent, const Project& studio, const QString& title,
                      JobProgressDialog::Describe describe, const Work& work);
};

}  // namespace postil
