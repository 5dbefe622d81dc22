#include "platform/filesystem.h"

#include <QFileInfo>

#if defined(Q_OS_UNIX)
#include <unistd.h>

#include <QFile>
#endif

namespace postil {

bool canWriteFileAndFolder(const QString& path) {
    const QFileInfo info(path);
#if defined(Q_OS_UNIX)
    return ::access(QFile::encodeName(info.absoluteFilePath()).constData(), W_OK) == 0 &&
           ::access(QFile::encodeName(info.absolutePath()).constData(), W_OK) == 0;
#else
    return info.isWritable() && QFileInfo(info.absolutePath()).isWritable();
#endif
}

}  // namespace postil
