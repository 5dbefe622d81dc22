#include "formats/streamedfile.h"

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace postil {

namespace {

// Few syscalls, flat memory.
constexpr qsizetype kFlushBytes = qsizetype(1) << 20;
// How much written data may wait before its write-back is started.
constexpr qint64 kWriteBackBytes = qint64(8) << 20;

}  // namespace

StreamedFile::StreamedFile(const QString& path) : m_path(path), m_file(path) {
    m_buffer.reserve(kFlushBytes + kFlushBytes / 4);
}

Status StreamedFile::open() {
    if (!m_file.open(QIODevice::WriteOnly))
        return Status::failure(
            QStringLiteral("%1: cannot write: %2").arg(m_path, m_file.errorString()));
    return Status::success();
}

Status StreamedFile::writeToFile(const char* data, qsizetype size) {
    if (m_file.write(data, size) != size)
        return Status::failure(
            QStringLiteral("%1: write failed: %2").arg(m_path, m_file.errorString()));
    m_written += size;
#ifdef Q_OS_LINUX
    // Starts the write-back without waiting for it; the commit's sync then
    // finds little left. A hint only: its failure changes nothing.
    if (m_written - m_started >= kWriteBackBytes && m_file.flush() && m_file.handle() >= 0) {
        ::sync_file_range(m_file.handle(), m_started, m_written - m_started, SYNC_FILE_RANGE_WRITE);
        m_started = m_written;
    }
#endif
    return Status::success();
}

Status StreamedFile::flush() {
    if (Status s = writeToFile(m_buffer.constData(), m_buffer.size()); !s.ok())
        return s;
    m_buffer.truncate(0);
    return Status::success();
}

Status StreamedFile::write(QByteArrayView bytes) {
    if (m_buffer.size() + bytes.size() < kFlushBytes) {
        m_buffer.append(bytes);
        return Status::success();
    }
    if (Status s = flush(); !s.ok())
        return s;
    return writeToFile(bytes.data(), bytes.size());
}

Status StreamedFile::flushIfFull() {
    return m_buffer.size() >= kFlushBytes ? flush() : Status::success();
}

Status StreamedFile::commit() {
    if (Status s = flush(); !s.ok())
        return s;
    if (!m_file.commit())
        return Status::failure(
            QStringLiteral("%1: write failed: %2").arg(m_path, m_file.errorString()));
    return Status::success();
}

}  // namespace postil
