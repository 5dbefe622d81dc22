#pragma once

#include <QtGlobal>

class QProcess;

namespace postil {

// A child process that can be ended with everything it started. A model's
// command runs through the shell ("python3 detect.py"): killing the shell
// alone would leave the interpreter running, still holding the model in
// memory and the pipes open, so the child is put in a process group of its
// own and the whole group is ended.

// Call before process.start(): the child leads a new process group.
void startsOwnProcessGroup(QProcess& process);
// Ends process group `groupId` (SIGKILL): the pid the child had when it
// started (QProcess forgets it once the child has ended, while what the
// child started may still run). Nothing for 0.
void killProcessGroup(qint64 groupId);

}  // namespace postil
