#pragma once

#include <QString>

namespace postil {

// Whether this process may write the file and make files in its folder (the
// -wal and -shm files a project needs beside it). Asks the system rather than
// the permission bits, so a read-only mount says no even to root.
bool canWriteFileAndFolder(const QString& path);

}  // namespace postil
