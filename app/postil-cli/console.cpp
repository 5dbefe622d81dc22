#include "console.h"

#include <QStringList>

#include <cstdio>

#include "platform/terminal.h"

namespace postil::cli {

namespace {
constexpr qint64 kProgressIntervalMs = 100;

void write(FILE* stream, const QString& text, bool newline) {
    QByteArray bytes = text.toUtf8();
    if (newline)
        bytes += '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}
}  // namespace

void printOut(const QString& text, bool newline) {
    write(stdout, text, newline);
}

void printErr(const QString& text, bool newline) {
    write(stderr, text, newline);
}

QString oneLine(const QString& message) {
    QStringList lines = message.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QString& line : lines)
        line = line.trimmed();
    return lines.join(QStringLiteral("; "));
}

QString counted(qint64 n, const char* one, const char* many) {
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

ProgressLine::ProgressLine(QString label)
    : m_label(std::move(label)), m_enabled(stderrIsTerminal()) {
    m_timer.start();
}

ProgressLine::~ProgressLine() {
    finish();
}

void ProgressLine::update(qint64 done, qint64 total) {
    if (!m_enabled)
        return;
    if (m_shown && m_timer.elapsed() < kProgressIntervalMs)
        return;
    m_timer.restart();
    QString text = total > 0 ? QStringLiteral("%1: %2%").arg(m_label).arg(
                                   qBound(qint64(0), done * 100 / total, qint64(100)))
                             : QStringLiteral("%1: %2").arg(m_label).arg(done);
    const qsizetype width = text.size();
    // Spaces wipe what a longer previous line left behind.
    if (width < m_width)
        text += QString(m_width - width, QLatin1Char(' '));
    m_width = width;
    printErr(QLatin1Char('\r') + text, false);
    m_shown = true;
}

void ProgressLine::finish() {
    if (!m_shown)
        return;
    printErr(QLatin1Char('\r') + QString(m_width, QLatin1Char(' ')) + QLatin1Char('\r'), false);
    m_shown = false;
    m_width = 0;
}

std::function<void(qint64, qint64)> ProgressLine::callback() {
    return [this](qint64 done, qint64 total) { update(done, total); };
}

}  // namespace postil::cli
