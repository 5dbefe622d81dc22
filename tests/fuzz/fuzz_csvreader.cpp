// libFuzzer harness for the byte-level readers under the CSV, JSON Lines and
// YOLO formats: LineReader (checked against a plain split of the same bytes)
// and CsvReader. The first input byte picks LineReader's chunk size, so the
// buffer's refill and grow paths run on small inputs too; the second picks
// the CSV delimiter.
#include <QBuffer>
#include <QByteArray>
#include <QList>
#include <cstdio>
#include <cstdlib>

#include "formats/csvreader.h"
#include "formats/linereader.h"

namespace {

[[noreturn]] void mismatch(const char* what, qint64 line, qsizetype chunk) {
    std::fprintf(stderr, "LineReader disagrees with a plain split: %s at line %lld (chunk %lld)\n",
                 what, static_cast<long long>(line), static_cast<long long>(chunk));
    std::abort();
}

// What LineReader promises: the lines between '\n's, a UTF-8 BOM at the start
// dropped, no empty last line after a final '\n'.
QList<QByteArray> expectedLines(QByteArray bytes) {
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QList<QByteArray> lines = bytes.split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

void checkLines(const QByteArray& body, qsizetype chunk) {
    QByteArray copy = body;
    QBuffer device(&copy);
    device.open(QIODevice::ReadOnly);
    postil::LineReader reader(device, chunk);
    const QList<QByteArray> expected = expectedLines(body);
    QByteArrayView line;
    qsizetype count = 0;
    while (reader.next(line)) {
        if (count >= expected.size())
            mismatch("an extra line", reader.lineNumber(), chunk);
        if (line != expected.at(count))
            mismatch("a different line", reader.lineNumber(), chunk);
        ++count;
        if (reader.lineNumber() != count)
            mismatch("a wrong line number", reader.lineNumber(), chunk);
    }
    if (count != expected.size())
        mismatch("a missing line", count, chunk);
    if (!reader.error().isEmpty())
        mismatch("a read error", count, chunk);
    if (reader.bytesConsumed() != body.size())
        mismatch("a wrong byte count", count, chunk);
}

void readCsv(const QByteArray& body, char delimiter) {
    QByteArray copy = body;
    QBuffer device(&copy);
    device.open(QIODevice::ReadOnly);
    postil::CsvReader reader(device, delimiter);
    QList<QByteArray> fields;
    qint64 lastLine = 0;
    for (;;) {
        const postil::CsvReader::Result result = reader.next(fields);
        if (result == postil::CsvReader::Result::End)
            break;
        // Records start on ever later lines: a reader that goes back would loop.
        if (reader.recordLine() <= lastLine) {
            std::fprintf(stderr, "CsvReader went back to line %lld\n",
                         static_cast<long long>(reader.recordLine()));
            std::abort();
        }
        lastLine = reader.recordLine();
        for (const QByteArray& field : fields)
            (void)postil::decodeUtf8Strict(field);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2)
        return 0;
    static const qsizetype chunks[] = {1, 2, 3, 4, 7, 16, 64, qsizetype(1) << 20};
    static const char delimiters[] = {',', ';', '\t', '|'};
    const qsizetype chunk = chunks[data[0] % (sizeof chunks / sizeof chunks[0])];
    const char delimiter = delimiters[data[1] % sizeof delimiters];
    const QByteArray body(reinterpret_cast<const char*>(data) + 2, qsizetype(size) - 2);
    checkLines(body, chunk);
    readCsv(body, delimiter);
    return 0;
}
