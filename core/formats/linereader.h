#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QIODevice>
#include <QString>
#include <optional>

namespace postil {

// Reads a device line by line through one growing buffer, so a line of tens of
// megabytes needs no fixed limit and a million short lines need no allocation
// each. Lines are returned without their '\n' (a '\r' before it is kept: CSV
// needs to tell a CRLF inside quotes from one that ends the record). A UTF-8
// byte order mark at the start of the device is dropped.
class LineReader {
public:
    explicit LineReader(QIODevice& device, qsizetype chunkSize = qsizetype(1) << 20);

    // The next line, valid until the following call; false at the end of the
    // device or on a read error (see error()).
    bool next(QByteArrayView& line);
    // 1-based number of the line last returned.
    qint64 lineNumber() const { return m_lineNumber; }
    // Bytes of the device consumed so far, for progress.
    qint64 bytesConsumed() const { return m_consumed; }
    // Empty unless reading failed.
    QString error() const { return m_error; }

private:
    bool fill();

    QIODevice& m_device;
    qsizetype m_chunkSize;
    QByteArray m_buffer;
    qsizetype m_begin = 0;    // start of the unread part of m_buffer
    qsizetype m_end = 0;      // end of the valid bytes in m_buffer
    qsizetype m_scanned = 0;  // bytes after m_begin known to hold no '\n'
    qint64 m_lineNumber = 0;
    qint64 m_consumed = 0;
    bool m_atEnd = false;
    bool m_bomChecked = false;
    QString m_error;
};

// Decodes UTF-8, or nothing when the bytes are not valid UTF-8. A leading
// U+FEFF is kept: inside a field or a file body it is content.
std::optional<QString> decodeUtf8Strict(QByteArrayView utf8);

}  // namespace postil
