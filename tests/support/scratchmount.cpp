#include "scratchmount.h"

#include <QDir>
#include <QFile>

#if defined(Q_OS_LINUX)
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#endif

namespace postil {

ScratchMount::ScratchMount(const QString& path, qint64 bytes)
    : m_path(path), m_options("size=" + QByteArray::number(bytes) + ",mode=0777") {
#if defined(Q_OS_LINUX)
    QDir().mkpath(path);
    if (::mount("tmpfs", QFile::encodeName(path).constData(), "tmpfs", 0, m_options.constData()) ==
        0)
        m_mounted = true;
    else
        m_error = QStringLiteral("cannot mount a tmpfs on %1: %2 (the test needs root)")
                      .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
#else
    m_error = QStringLiteral("mounting a scratch file system is done on Linux only");
#endif
}

ScratchMount::~ScratchMount() {
#if defined(Q_OS_LINUX)
    if (m_mounted)
        ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
#endif
}

bool ScratchMount::setReadOnly(bool readOnly) {
#if defined(Q_OS_LINUX)
    if (!m_mounted)
        return false;
    const unsigned long flags = MS_REMOUNT | (readOnly ? MS_RDONLY : 0);
    if (::mount("tmpfs", QFile::encodeName(m_path).constData(), "tmpfs", flags,
                m_options.constData()) == 0)
        return true;
    m_error = QStringLiteral("cannot remount %1: %2")
                  .arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
#else
    Q_UNUSED(readOnly);
#endif
    return false;
}

}  // namespace postil
