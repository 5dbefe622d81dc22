#pragma once

#include <QByteArray>
#include <QList>

#include "formats/linereader.h"

namespace postil {

// Splits RFC 4180 records: fields separated by one delimiter byte, quoted
// fields with doubled quotes and line breaks inside, CRLF or LF line ends, a
// UTF-8 byte order mark ignored. Blank lines between records are skipped.
// Works on bytes: the delimiter and quote are ASCII, so UTF-8 passes through.
class CsvReader {
public:
    enum class Result { Record, Bad, End };

    CsvReader(QIODevice& device, char delimiter);

    // Reads the next record into 'fields'. Bad: the record is malformed (see
    // problem()); reading can go on with the next line. End: no more records,
    // or the device failed (see error()).
    Result next(QList<QByteArray>& fields);
    // The line where the record last read starts (1-based).
    qint64 recordLine() const { return m_recordLine; }
    QString problem() const { return m_problem; }
    QString error() const { return m_lines.error(); }
    qint64 bytesConsumed() const { return m_lines.bytesConsumed(); }

private:
    LineReader m_lines;
    char m_delimiter;
    qint64 m_recordLine = 0;
    QString m_problem;
};

}  // namespace postil
