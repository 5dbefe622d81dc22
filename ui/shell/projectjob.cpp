#include "shell/projectjob.h"

#include <QEventLoop>
#include <QThread>
#include <atomic>
#include <memory>

#include "model/project.h"

namespace postil {

ProjectJob::Result ProjectJob::run(QWidget* parent, const Project& studio, const QString& title,
                                   JobProgressDialog::Describe describe, const Work& work) {
    JobProgressDialog dialog(title, std::move(describe), parent);
    CancelFlag cancel{false};
    QObject::connect(&dialog, &JobProgressDialog::cancelled, &dialog,
                     [&cancel] { cancel.store(true); });

    // Written by the worker, read after it is joined.
    QString error;
    const QString path = studio.path();
    const Identity identity = studio.identity();
    // Progress crosses to the GUI thread as queued calls on the dialog; the
    // dialog outlives the thread, and calls still queued when it goes are dropped.
    auto post = [&dialog](auto apply) {
        QMetaObject::invokeMethod(&dialog, std::move(apply), Qt::QueuedConnection);
    };
    // The worker may report thousands of times a second: it keeps the latest
    // figures here and posts one call while none is waiting, so the GUI
    // thread shows the newest state once a turn instead of working through
    // a backlog of stale ones (a burst of them held it for 5-10 ms).
    struct Latest {
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{0};
        std::atomic<qint64> count{0};
        std::atomic<bool> progressPosted{false};
        std::atomic<bool> countPosted{false};
    } latest;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        auto own = Project::open(path);
        if (!own.ok()) {
            error = own.error();
            return;
        }
        (*own)->setIdentity(identity);
        Context context{**own,
                        [&post, &dialog, &latest](qint64 done, qint64 total) {
                            latest.done = done;
                            latest.total = total;
                            if (!latest.progressPosted.exchange(true))
                                post([&dialog, &latest] {
                                    latest.progressPosted = false;
                                    dialog.setProgress(latest.done, latest.total);
                                });
                        },
                        [&post, &dialog, &latest](qint64 count) {
                            latest.count = count;
                            if (!latest.countPosted.exchange(true))
                                post([&dialog, &latest] {
                                    latest.countPosted = false;
                                    dialog.setCount(latest.count);
                                });
                        },
                        &cancel};
        Status done = work(context);
        if (!done.ok())
            error = done.error();
    }));
    thread->setObjectName(QStringLiteral("postil-project-job"));

    QEventLoop loop;
    QObject::connect(thread.get(), &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    // Shown at once, not after a delay: until it shows, nothing would keep
    // the user from editing the project the job is writing.
    if (parent)
        dialog.open();
    else {
        dialog.setWindowModality(Qt::ApplicationModal);
        dialog.show();
    }
    loop.exec();
    thread->wait();
    dialog.hide();

    Result result;
    if (error.isEmpty())
        return result;
    result.outcome = cancel.load() ? Outcome::Cancelled : Outcome::Failed;
    result.error = error;
    return result;
}

}  // namespace postil
