#include "formats/linereader.h"

#include <QStringDecoder>
#include <cstring>

namespace postil {

LineReader::LineReader(QIODevice& device, qsizetype chunkSize)
    : m_device(device), m_chunkSize(chunkSize) {}

bool LineReader::fill() {
    // Move the unread tail to the front first, so the buffer only grows when a
    // single line is longer than what it already holds.
    if (m_begin > 0) {
        const qsizetype tail = m_end - m_begin;
        if (tail > 0)
            std::memmove(m_buffer.data(), m_buffer.constData() + m_begin, size_t(tail));
        m_end = tail;
        m_begin = 0;
    }
    if (m_buffer.size() - m_end < m_chunkSize)
        m_buffer.resize(qMax(m_end + m_chunkSize, m_buffer.size() * 2));
    const qint64 n = m_device.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
    if (n < 0) {
        m_error = m_device.errorString();
        m_atEnd = true;
        return false;
    }
    if (n == 0) {
        m_atEnd = true;
        return false;
    }
    m_end += qsizetype(n);
    // A file read to its end needs no further read, which would first grow
    // the buffer (a 1 MiB copy, 2 MiB of fresh pages) only to get 0 bytes:
    // for every small file, and a YOLO dataset has one per image. Found by
    // profiling the fuzzers, whose line-based targets ran 30x slower.
    if (!m_device.isSequential() && m_device.atEnd())
        m_atEnd = true;
    if (!m_bomChecked && (m_consumed > 0 || m_end >= 3)) {
        m_bomChecked = true;
        if (m_consumed == 0 && std::memcmp(m_buffer.constData(), "\xEF\xBB\xBF", 3) == 0) {
            m_begin = 3;
            m_consumed = 3;
            // m_scanned counted from the old start: the bytes after the BOM
            // may not have been looked at yet (a first read shorter than 3).
            m_scanned = 0;
        }
    }
    return true;
}

bool LineReader::next(QByteArrayView& line) {
    for (;;) {
        const char* start = m_buffer.constData() + m_begin;
        const qsizetype available = m_end - m_begin;
        const void* newline = available > m_scanned ? std::memchr(start + m_scanned, '\n',
                                                                  size_t(available - m_scanned))
                                                    : nullptr;
        if (newline) {
            const qsizetype length = static_cast<const char*>(newline) - start;
            line = QByteArrayView(start, length);
            m_begin += length + 1;
            m_consumed += length + 1;
            m_scanned = 0;
            ++m_lineNumber;
            return true;
        }
        m_scanned = available;
        if (m_atEnd || !fill()) {
            if (!m_error.isEmpty() || m_end == m_begin)
                return false;
            // The last line has no '\n'.
            line = QByteArrayView(m_buffer.constData() + m_begin, m_end - m_begin);
            m_consumed += m_end - m_begin;
            m_begin = m_end;
            m_scanned = 0;
            ++m_lineNumber;
            return true;
        }
    }
}

std::optional<QString> decodeUtf8Strict(QByteArrayView utf8) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(utf8);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

}  // namespace postil
