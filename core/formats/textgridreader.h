#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

#include "store/status.h"

namespace postil {

// Reads a Praat TextGrid text file, long or short format (TextGridFormat):
// both are one sequence of numbers, "strings" ("" inside is a quote) and
// <flags>; everything else, labels like "xmin =", "! comments" and "[n]"
// indexes included, is passed over, as Praat passes over it.
class TextGridReader {
public:
    struct Interval {
        qint64 startMs = 0;
        qint64 endMs = 0;
        QString text;
        int line = 0;  // of its first number
    };
    struct Tier {
        QString name;
        bool intervals = true;  // false: a TextTier of points, not read further
        int line = 0;
        qint64 items = 0;  // intervals or points the tier holds
    };

    // 'text' is the whole file, decoded. Each interval of an IntervalTier is
    // handed to 'interval' with its tier as it is read (so a file of a
    // million intervals is never held twice); returning false stops.
    explicit TextGridReader(const QString& text) : m_text(text) {}
    // Fails saying why; errorLine() then gives the 1-based line of the problem.
    Status read(const std::function<bool(const Tier& tier)>& tierStart,
                const std::function<bool(const Tier& tier, const Interval& interval)>& interval);

private:
    enum class Kind { End, Number, String, Flag };
    struct Token {
        Kind kind = Kind::End;
        QString text;
        int line = 0;
    };
    Token next();
    Status expect(Kind kind, Token& token, const QString& what);
    Status time(const QString& what, qint64& ms, int& line);
    Status count(const QString& what, qint64& value);
    Status fail(int line, const QString& why);

public:
    int errorLine() const { return m_errorLine; }

private:
    const QString& m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_errorLine = 0;
};

}  // namespace postil
