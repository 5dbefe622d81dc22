#include "platform/processgroup.h"

#include <QProcess>

#if !defined(Q_OS_WIN)
#include <signal.h>
#include <unistd.h>
#endif

namespace postil {

void startsOwnProcessGroup(QProcess& process) {
#if !defined(Q_OS_WIN)
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
#else
    Q_UNUSED(process);
#endif
}

void killProcessGroup(qint64 groupId) {
#if !defined(Q_OS_WIN)
    // While any member of the group lives its id is given to no new process,
    // so this never reaches a stranger; an empty group gives ESRCH.
    if (groupId > 0)
        ::kill(-pid_t(groupId), SIGKILL);
#else
    Q_UNUSED(groupId);
#endif
}

}  // namespace postil
