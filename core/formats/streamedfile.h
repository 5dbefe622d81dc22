#pragma once

#include <QByteArray>
#include <QSaveFile>
#include <QString>

#include "store/status.h"

namespace postil {

// One output file, written through QSaveFile so it appears whole or not at all,
// with a buffer flushed every megabyte: few syscalls, flat memory. The disk
// write-back is started every few megabytes as the file grows (Linux), so
// the commit's sync waits for the last few only: a 270 MB spaCy export
// spent a fifth of its time in that sync (tests/bench/RESULTS.md).
class StreamedFile {
public:
    explicit StreamedFile(const QString& path);
    Status open();
    QByteArray& out() { return m_buffer; }
    // Writes the buffer once it is big enough; call after each record.
    Status flushIfFull();
    // Writes what is left and commits; nothing appears on failure.
    Status commit();
    // Writes the buffer now.
    Status flush();
    // Appends 'bytes' to the file after the buffer; a big block goes to the
    // file as it is, without a copy into the buffer.
    Status write(QByteArrayView bytes);
    const QString& path() const { return m_path; }

private:
    Status writeToFile(const char* data, qsizetype size);

    QString m_path;
    QSaveFile m_file;
    QByteArray m_buffer;
    qint64 m_written = 0;  // bytes handed to the file
    qint64 m_started = 0;  // bytes whose write-back to the disk was started
};

}  // namespace postil
