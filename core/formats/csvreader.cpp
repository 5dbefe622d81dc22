#include "formats/csvreader.h"

namespace postil {

CsvReader::CsvReader(QIODevice& device, char delimiter) : m_lines(device), m_delimiter(delimiter) {}

CsvReader::Result CsvReader::next(QList<QByteArray>& fields) {
    fields.clear();
    m_problem.clear();
    QByteArrayView line;
    do {
        if (!m_lines.next(line))
            return Result::End;
    } while (line.isEmpty() || line == "\r");
    m_recordLine = m_lines.lineNumber();

    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    QByteArray field;
    for (;;) {
        // A '\r' before the '\n' ends the line, unless it sits inside quotes,
        // where the whole CRLF is content.
        const bool crlf = line.endsWith('\r');
        const qsizetype end = line.size() - (crlf ? 1 : 0);
        for (qsizetype i = 0; i < end; ++i) {
            const char c = line[i];
            switch (state) {
                case State::FieldStart:
                    if (c == '"') {
                        state = State::Quoted;
                    } else if (c == m_delimiter) {
                        fields << QByteArray();
                    } else {
                        field.append(c);
                        state = State::Unquoted;
                    }
                    break;
                case State::Unquoted:
                    // A stray quote inside an unquoted field is kept as a character:
                    // spreadsheets write them and readers accept them.
                    if (c == m_delimiter) {
                        fields << field;
                        field.clear();
                        state = State::FieldStart;
                    } else {
                        field.append(c);
                    }
                    break;
                case State::Quoted:
                    if (c == '"')
                        state = State::QuoteInQuoted;
                    else
                        field.append(c);
                    break;
                case State::QuoteInQuoted:
                    if (c == '"') {
                        field.append('"');
                        state = State::Quoted;
                    } else if (c == m_delimiter) {
                        fields << field;
                        field.clear();
                        state = State::FieldStart;
                    } else {
                        m_problem = QStringLiteral(
                                        "field %1: unexpected character after its closing quote "
                                        "(a quote inside a quoted field is written twice)")
                                        .arg(fields.size() + 1);
                        return Result::Bad;
                    }
                    break;
            }
        }
        if (state != State::Quoted)
            break;
        field.append(crlf ? QByteArrayView("\r\n") : QByteArrayView("\n"));
        if (!m_lines.next(line)) {
            m_problem = QStringLiteral("field %1: the quote opened here is never closed")
                            .arg(fields.size() + 1);
            return Result::Bad;
        }
    }
    fields << field;
    return Result::Record;
}

}  // namespace postil
