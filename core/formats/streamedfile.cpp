#include "formats/streamedfile.h"

namespace postil {

namespace {

// Few syscalls, flat memory.
constexpr qsizetype kFlushBytes = qsizetype(1) << 20;

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

Status StreamedFile::flush() {
    if (m_file.write(m_buffer) != m_buffer.size())
        return Status::failure(
            QStringLiteral("%1: write failed: %2").arg(m_path, m_file.errorString()));
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
    if (m_file.write(bytes.data(), bytes.size()) != bytes.size())
        return Status::failure(
            QStringLiteral("%1: write failed: %2").arg(m_path, m_file.errorString()));
    return Status::success();
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
