#include "formats/detectionsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <algorithm>
#include <charconv>
#include <cmath>

#include "formats/format.h"
#include "model/schema.h"
#include "store/database.h"

namespace postil {

namespace detection {

void appendExactNumber(QByteArray& out, double value) {
    if (!std::isfinite(value)) {
        out.append('0');
        return;
    }
    // The shortest text that reads back as the same double, without an
    // exponent (integers have no decimal point). std::to_chars (Ryu) into a
    // stack buffer: an export formats five numbers per box, a million boxes.
    char text[64];
    std::to_chars_result written;
    if (std::abs(value) < 9.0e15 && value == std::trunc(value))
        written = std::to_chars(text, text + sizeof text, qint64(value));
    else if (std::abs(value) < 1.0e15)
        written = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed);
    else
        written = std::to_chars(text, text + sizeof text, value);
    if (written.ec != std::errc()) {
        out.append(QByteArray::number(value, 'g', QLocale::FloatingPointShortest));
        return;
    }
    out.append(text, written.ptr - text);
}

QByteArray exactNumber(double value) {
    QByteArray out;
    appendExactNumber(out, value);
    return out;
}

QByteArray fixedNumber(double value, int decimals) {
    if (!std::isfinite(value) || std::abs(value) >= 1.0e15)
        return exactNumber(value);
    // Halves away from zero (48.5 gives 49), as people round; to_chars alone
    // would round the binary value half to even.
    const double scale = std::pow(10.0, decimals);
    value = std::round(value * scale) / scale;
    char text[64];
    const auto [end, error] =
        std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, decimals);
    if (error != std::errc())
        return exactNumber(value);
    QByteArray out(text, end - text);
    if (out.contains('.')) {
        while (out.endsWith('0'))
            out.chop(1);
        if (out.endsWith('.'))
            out.chop(1);
    }
    if (out == "-0")
        out = "0";
    return out;
}

QByteArray derivedNumber(double value) {
    return fixedNumber(value, 6);
}

double cleanDerived(double value) {
    if (!std::isfinite(value) || std::abs(value) > 1.0e6)
        return value;
    // Both operands are exact in binary, so the division gives the double
    // nearest the decimal: 40.199999999999996 becomes 40.2.
    return std::round(value * 1.0e9) / 1.0e9;
}

Expected<QJsonDocument> readJsonFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(file.errorString());
    QByteArray bytes = file.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        // QJsonParseError gives a byte offset; people look for a line.
        qint64 line = 1;
        qint64 lineStart = 0;
        const qsizetype end = qMin<qsizetype>(error.offset, bytes.size());
        for (qsizetype i = 0; i < end; ++i)
            if (bytes[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        return Status::failure(QStringLiteral("line %1, column %2: not valid JSON: %3")
                                   .arg(line)
                                   .arg(end - lineStart + 1)
                                   .arg(error.errorString()));
    }
    return doc;
}

QByteArray fileHeadAndTail(const QString& path, qint64 bytes) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    QByteArray text = file.read(bytes);
    if (file.size() > 2 * bytes) {
        file.seek(file.size() - bytes);
        text += '\n';
        text += file.read(bytes);
    } else if (file.size() > bytes) {
        text += file.readAll();
    }
    return text;
}

bool hasJsonKey(const QByteArray& text, const char* key) {
    const QByteArray quoted = '"' + QByteArray(key) + '"';
    for (qsizetype at = text.indexOf(quoted); at >= 0; at = text.indexOf(quoted, at + 1)) {
        qsizetype i = at + quoted.size();
        while (i < text.size() &&
               (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
            ++i;
        if (i < text.size() && text[i] == ':')
            return true;
    }
    return false;
}

QStringList sampleFiles(const QString& folder, const QStringList& suffixes, int limit) {
    QStringList found;
    QDirIterator it(folder, QDir::Files);
    // Look at a bounded number of entries: a probe must stay cheap.
    for (int seen = 0; it.hasNext() && seen < 4096 && found.size() < limit; ++seen) {
        const QString path = it.next();
        if (suffixes.contains(QFileInfo(path).suffix().toLower()))
            found << path;
    }
    std::sort(found.begin(), found.end());
    return found;
}

QStringList filesUnder(const QString& folder, const QStringList& suffixes) {
    QStringList found;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (suffixes.contains(QFileInfo(path).suffix().toLower()))
            found << path;
    }
    std::sort(found.begin(), found.end());
    return found;
}

QString portablePath(const QString& reference) {
    QString path = reference.trimmed();
    path.replace(QLatin1Char('\\'), QLatin1Char('/'));
    return path;
}

Label newLabel(const Schema& schema, const QString& name) {
    Label label;
    label.name = name;
    label.color = unusedLabelColor(schema);
    // Number keys pick labels in the image editor: give the new one a free key.
    for (QChar key : QStringLiteral("1234567890")) {
        bool used = false;
        for (const Label& other : schema.labels)
            used = used || other.hotkey == QString(key);
        if (!used) {
            label.hotkey = QString(key);
            break;
        }
    }
    return label;
}

QString unusedLabelColor(const Schema& schema) {
    // Sasha Trubetskoy's 20 distinct colours, the palette of the demo schema.
    static const char* const kPalette[] = {"#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231",
                                           "#911eb4", "#46f0f0", "#f032e6", "#bcf60c", "#fabebe",
                                           "#008080", "#e6beff", "#9a6324", "#fffac8", "#800000",
                                           "#aaffc3", "#808000", "#ffd8b1", "#000075", "#808080"};
    constexpr int kCount = int(sizeof(kPalette) / sizeof(kPalette[0]));
    QSet<QString> used;
    for (const Label& label : schema.labels)
        used.insert(label.color.toLower());
    for (const char* color : kPalette)
        if (!used.contains(QLatin1String(color)))
            return QLatin1String(color);
    return QLatin1String(kPalette[schema.labels.size() % kCount]);
}

LabelIndex::LabelIndex(const QStringList& names) {
    for (const QString& name : names)
        idOf(name);
    m_initial = m_names.size();
}

int LabelIndex::idOf(const QString& name) {
    auto it = m_ids.constFind(name);
    if (it != m_ids.constEnd())
        return *it;
    const int id = int(m_names.size());
    m_names << name;
    m_ids.insert(name, id);
    return id;
}

void CandidatePicker::offer(const Statement& rows, int first, const ExportOptions& options) {
    if (rows.isNull(first))
        return;  // no annotation (LEFT JOIN)
    const QString status = rows.text(first + 1);
    if (!options.takesStatus(status)) {
        m_otherStatus = true;
        return;
    }
    Candidate c;
    c.rank = Candidate::rankOf(rows.int64(first + 3) != 0, status);
    c.hlc = rows.int64(first + 4);
    c.annotator = rows.text(first);
    if (m_count == 0 || c.beats(m_best)) {
        c.result = rows.utf8(first + 2);
        m_best = std::move(c);
    }
    ++m_count;
}

void warnLeftOut(QStringList& warnings, const ExportOptions& options, const LeftOut& leftOut,
                 const QString& noun, const QString& whyNotEmpty) {
    if (leftOut.unannotated > 0)
        warnings << QStringLiteral("%1 %2 task(s) have no annotation%3 and were left out (%4)")
                        .arg(leftOut.unannotated)
                        .arg(noun,
                             options.annotator.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" by %1").arg(options.annotator),
                             whyNotEmpty);
    if (leftOut.otherStatus > 0)
        warnings << QStringLiteral(
                        "%1 %2 task(s) have annotations of another status than %3 "
                        "and were left out (--status all takes every status)")
                        .arg(leftOut.otherStatus)
                        .arg(noun, options.statuses().join(QStringLiteral(", ")));
    if (leftOut.ambiguous > 0)
        warnings << QStringLiteral(
                        "%1 %2 task(s) have annotations by more than one annotator; "
                        "each was exported with one (a review first, then submitted, "
                        "then the newest); pass --annotator to choose")
                        .arg(leftOut.ambiguous)
                        .arg(noun);
}

void WarningTally::add(const QString& kind, const QString& text) {
    auto it = m_kinds.find(kind);
    if (it == m_kinds.end()) {
        m_order << kind;
        it = m_kinds.insert(kind, Kind());
    }
    if (it->listed.size() < m_listed)
        it->listed << text;
    else
        ++it->more;
}

void WarningTally::flushInto(QStringList& out) {
    for (const QString& kind : std::as_const(m_order)) {
        const Kind& k = m_kinds[kind];
        out << k.listed;
        if (k.more > 0)
            out << QStringLiteral("%1 more like this (%2)").arg(k.more).arg(kind);
    }
    m_order.clear();
    m_kinds.clear();
}

void WarningTally::append(const WarningTally& later) {
    for (const QString& kind : later.m_order) {
        const Kind theirs = later.m_kinds.value(kind);
        if (!m_kinds.contains(kind)) {
            m_order << kind;
            m_kinds.insert(kind, Kind());
        }
        for (const QString& text : theirs.listed)
            add(kind, text);
        m_kinds[kind].more += theirs.more;
    }
}

}  // namespace detection
}  // namespace postil
