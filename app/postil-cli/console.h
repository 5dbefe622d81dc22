#pragma once

#include <QElapsedTimer>
#include <QString>
#include <functional>

namespace postil::cli {

// Output is UTF-8 on stdout (results) and stderr (errors, progress).
void printOut(const QString& text, bool newline = true);
void printErr(const QString& text, bool newline = true);
// Error messages are one line: a multi-line core message is joined with "; ".
QString oneLine(const QString& message);
// "1 task", "3 tasks": summaries read as sentences.
QString counted(qint64 n, const char* one, const char* many);

// A single updating line on stderr ("importing: 45%"), shown only when stderr
// is a terminal so pipes and logs get no carriage returns. Throttled, since
// the callers report once per record.
class ProgressLine {
public:
    explicit ProgressLine(QString label);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    void update(qint64 done, qint64 total);
    // Clears the line so the summary that follows starts on a clean line.
    void finish();
    std::function<void(qint64, qint64)> callback();

private:
    QString m_label;
    bool m_enabled = false;
    bool m_shown = false;
    qsizetype m_width = 0;
    QElapsedTimer m_timer;
};

}  // namespace postil::cli
