#include "formats/speechsupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringDecoder>
#include <cmath>
#include <utility>

namespace postil::speech {

namespace {

constexpr qsizetype kMaxStemChars = 120;

// Characters Windows refuses in a file name, besides controls.
bool refusedInName(QChar c) {
    return c.unicode() < 0x20 || c.unicode() == 0x7F || c == u'/' || c == u'\\' || c == u':' ||
           c == u'*' || c == u'?' || c == u'"' || c == u'<' || c == u'>' || c == u'|';
}

// The offset of the first byte that is not valid UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF included), or -1.
qsizetype firstInvalidUtf8(QByteArrayView bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0;  // overlong
            else if (c == 0xED)
                high = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90;  // overlong
            else if (c == 0xF4)
                high = 0x8F;  // past U+10FFFF
        } else {
            return i;
        }
        if (i + length > n)
            return i;
        if (p[i + 1] < low || p[i + 1] > high)
            return i;
        for (int k = 2; k < length; ++k)
            if (p[i + k] < 0x80 || p[i + k] > 0xBF)
                return i;
        i += length;
    }
    return -1;
}

int digitsValue(QStringView digits, qint64& out) {
    out = 0;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return -1;
        if (out > kMaxMs)
            return -1;
        out = out * 10 + (c.unicode() - u'0');
    }
    return int(digits.size());
}

bool allDigits(QStringView text) {
    if (text.isEmpty())
        return false;
    for (QChar c : text)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

}  // namespace

QString clockTime(qint64 ms, QChar separator) {
    const qint64 hours = ms / 3'600'000;
    const qint64 minutes = ms / 60'000 % 60;
    const qint64 seconds = ms / 1000 % 60;
    return QStringLiteral("%1:%2:%3%4%5")
        .arg(hours, 2, 10, QLatin1Char('0'))
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(seconds, 2, 10, QLatin1Char('0'))
        .arg(separator)
        .arg(ms % 1000, 3, 10, QLatin1Char('0'));
}

QByteArray decimalSeconds(qint64 ms, int minDecimals) {
    QByteArray out = QByteArray::number(ms / 1000);
    QByteArray fraction = QByteArray::number(ms % 1000).rightJustified(3, '0');
    while (fraction.size() > minDecimals && fraction.endsWith('0'))
        fraction.chop(1);
    while (fraction.size() < minDecimals)
        fraction.append('0');
    if (!fraction.isEmpty())
        out += '.' + fraction;
    return out;
}

std::optional<qint64> parseSeconds(QStringView text, QStringView* trailing) {
    qsizetype i = 0;
    const qsizetype n = text.size();
    if (i < n && text[i] == u'+')
        ++i;
    const qsizetype intStart = i;
    while (i < n && text[i].isDigit() && text[i].unicode() < 0x80)
        ++i;
    const QStringView intPart = text.sliced(intStart, i - intStart);
    QStringView fracPart;
    if (i < n && text[i] == u'.') {
        const qsizetype fracStart = ++i;
        while (i < n && text[i] >= u'0' && text[i] <= u'9')
            ++i;
        fracPart = text.sliced(fracStart, i - fracStart);
    }
    if (intPart.isEmpty() && fracPart.isEmpty())
        return std::nullopt;
    bool exponent = false;
    if (i < n && (text[i] == u'e' || text[i] == u'E')) {
        qsizetype j = i + 1;
        if (j < n && (text[j] == u'+' || text[j] == u'-'))
            ++j;
        const qsizetype expStart = j;
        while (j < n && text[j] >= u'0' && text[j] <= u'9')
            ++j;
        if (j > expStart) {
            exponent = true;
            i = j;
        }
    }
    if (trailing)
        *trailing = text.sliced(i);
    else if (i != n)
        return std::nullopt;

    if (exponent) {
        // Praat writes tiny times as "1e-05": through a double, which holds
        // every millisecond count below kMaxMs exactly.
        bool ok = false;
        const double seconds = text.first(i).toDouble(&ok);
        if (!ok || !std::isfinite(seconds) || seconds < 0 || seconds * 1000 > double(kMaxMs))
            return std::nullopt;
        return qint64(std::llround(seconds * 1000));
    }
    // Decimal digits exactly: the first three decimals are the milliseconds,
    // the fourth rounds them (half up).
    qint64 whole = 0;
    if (intPart.size() > 12 || digitsValue(intPart, whole) < 0)
        return std::nullopt;
    qint64 ms = whole * 1000;
    for (qsizetype k = 0; k < 3; ++k)
        ms += (k < fracPart.size() ? fracPart[k].unicode() - u'0' : 0) * (k == 0   ? 100
                                                                          : k == 1 ? 10
                                                                                   : 1);
    if (fracPart.size() > 3 && fracPart[3] >= u'5')
        ++ms;
    if (ms > kMaxMs)
        return std::nullopt;
    return ms;
}

std::optional<qint64> parseClock(QStringView text, ClockStyle style) {
    const QChar last = style == ClockStyle::SubRip ? u',' : u'.';
    qsizetype dot = text.lastIndexOf(last);
    if (dot < 0 && style == ClockStyle::SubRip)
        dot = text.lastIndexOf(u'.');  // "00:00:01.500" in SRT files is common
    if (dot < 0)
        return std::nullopt;
    const QStringView fraction = text.sliced(dot + 1);
    const QList<QStringView> fields = text.first(dot).split(u':');
    if (style == ClockStyle::WebVtt) {
        if (fraction.size() != 3 || (fields.size() != 2 && fields.size() != 3))
            return std::nullopt;
    } else if (fraction.isEmpty() || fraction.size() > 3 || fields.size() != 3) {
        return std::nullopt;
    }
    if (!allDigits(fraction))
        return std::nullopt;
    qint64 hours = 0;
    qint64 minutes = 0;
    qint64 seconds = 0;
    qint64 millis = 0;
    const QStringView hourText = fields.size() == 3 ? fields.at(0) : QStringView();
    const QStringView minuteText = fields.at(fields.size() - 2);
    const QStringView secondText = fields.at(fields.size() - 1);
    if (fields.size() == 3 && (!allDigits(hourText) || hourText.size() > 9))
        return std::nullopt;
    if (minuteText.size() != 2 || secondText.size() != 2 || !allDigits(minuteText) ||
        !allDigits(secondText))
        return std::nullopt;
    digitsValue(hourText, hours);
    digitsValue(minuteText, minutes);
    digitsValue(secondText, seconds);
    digitsValue(fraction, millis);
    if (minutes > 59 || seconds > 59)
        return std::nullopt;
    // One or two decimals are tenths and hundredths ("1,5" is 500 ms).
    for (qsizetype k = fraction.size(); k < 3; ++k)
        millis *= 10;
    const qint64 ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
    if (ms > kMaxMs)
        return std::nullopt;
    return ms;
}

Expected<QString> readTextFile(const QString& path, QString& where) {
    where = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(file.errorString());
    if (file.size() > kMaxFileBytes)
        return Status::failure(
            QStringLiteral("%1 bytes, more than the %2 MB a transcript file may have here")
                .arg(file.size())
                .arg(kMaxFileBytes >> 20));
    const QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Status::failure(QStringLiteral("read failed: %1").arg(file.errorString()));
    const bool le = bytes.startsWith("\xFF\xFE");
    const bool be = bytes.startsWith("\xFE\xFF");
    if (le || be) {
        if (bytes.size() % 2 != 0)
            return Status::failure(
                QStringLiteral("UTF-16 with an odd number of bytes (cut short?)"));
        QStringDecoder decoder(le ? QStringConverter::Utf16LE : QStringConverter::Utf16BE,
                               QStringConverter::Flag::Stateless);
        QString text = decoder(QByteArrayView(bytes).sliced(2));
        if (decoder.hasError())
            return Status::failure(QStringLiteral("not valid UTF-16 (a lone surrogate)"));
        return text;
    }
    QByteArrayView body(bytes);
    if (body.startsWith("\xEF\xBB\xBF"))
        body = body.sliced(3);
    if (const qsizetype bad = firstInvalidUtf8(body); bad >= 0) {
        where = QStringLiteral("%1:%2").arg(path).arg(body.first(bad).count('\n') + 1);
        return Status::failure(QStringLiteral(
            "not valid UTF-8 (nor UTF-16 with a byte order mark); save the file as UTF-8"));
    }
    return QString::fromUtf8(body);
}

QStringList splitLines(const QString& text) {
    QStringList lines;
    qsizetype start = 0;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c != u'\n' && c != u'\r')
            continue;
        lines << text.mid(start, i - start);
        if (c == u'\r' && i + 1 < n && text.at(i + 1) == u'\n')
            ++i;
        start = i + 1;
    }
    if (start < n)
        lines << text.mid(start);
    return lines;
}

QList<Block> blocks(const QStringList& lines) {
    QList<Block> out;
    Block current;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty()) {
            if (!current.lines.isEmpty())
                out << std::exchange(current, Block());
            continue;
        }
        if (current.lines.isEmpty())
            current.line = i + 1;
        current.lines << lines.at(i);
    }
    if (!current.lines.isEmpty())
        out << current;
    return out;
}

QStringList cueLines(const QString& text, bool& dropped) {
    QStringList kept;
    dropped = false;
    for (const QString& line : splitLines(text)) {
        if (line.trimmed().isEmpty())
            dropped = true;
        else
            kept << line;
    }
    // A text ending in a line break has an empty last line splitLines() does
    // not give: it is lost all the same.
    if (text.endsWith(u'\n') || text.endsWith(u'\r'))
        dropped = true;
    return kept;
}

QString fileStem(const QString& audioPath) {
    qsizetype slash = std::max(audioPath.lastIndexOf(u'/'), audioPath.lastIndexOf(u'\\'));
    QString name = audioPath.mid(slash + 1);
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot > 0)
        name.truncate(dot);
    for (QChar& c : name)
        if (refusedInName(c))
            c = u'_';
    // A leading dot hides the file (and "." or ".." are no names); Windows
    // drops trailing dots and spaces, which would merge two names.
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.size() > kMaxStemChars) {
        qsizetype cut = kMaxStemChars;
        if (name.at(cut - 1).isHighSurrogate())
            --cut;
        name.truncate(cut);
    }
    while (name.endsWith(u'.') || name.endsWith(u' '))
        name.chop(1);
    static const QRegularExpression reserved(
        QStringLiteral("^(con|prn|aux|nul|com\\d|lpt\\d)(\\.|$)"),
        QRegularExpression::CaseInsensitiveOption);
    if (reserved.match(name).hasMatch())
        name.prepend(u'_');
    return name;
}

bool splitHashSuffix(const QString& name, QString& stem, QString& hash) {
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0 || name.size() - dot - 1 != 8)
        return false;
    for (QChar c : QStringView(name).sliced(dot + 1))
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    stem = name.left(dot);
    hash = name.mid(dot + 1);
    return true;
}

QString withSpeakerPrefix(const QString& speaker, const QString& text) {
    if (speaker.isEmpty())
        return text;
    return text.isEmpty() ? speaker + u':' : speaker + QStringLiteral(": ") + text;
}

void splitSpeakerPrefix(const QString& text, const QSet<QString>& speakers, QString& speaker,
                        QString& rest) {
    speaker.clear();
    rest = text;
    // The longest name that fits: "Dr. A: hi" with speakers "Dr. A" and "Dr".
    // A name may hold a colon itself, so every known name is tried.
    for (const QString& name : speakers) {
        if (name.isEmpty() || name.size() <= speaker.size() || !text.startsWith(name))
            continue;
        const qsizetype colon = name.size();
        if (colon >= text.size() || text.at(colon) != u':')
            continue;
        if (colon + 1 == text.size()) {
            speaker = name;
            rest.clear();
        } else if (text.at(colon + 1) == u' ') {
            speaker = name;
            rest = text.mid(colon + 2);
        }
    }
}

}  // namespace postil::speech
