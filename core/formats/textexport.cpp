#include "formats/textexport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>
#include <algorithm>

#include "model/project.h"
#include "model/task.h"

namespace postil::textexport {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Task data that is {"text": STR} and nothing else: its text without
// building a QJsonObject (most tasks, and the exports read every one). The
// string's escapes are the ones QJsonDocument writes (\" \\ \/ \b \f \n \r
// \t and \u of a unit that is no surrogate): a text with quotes in it is
// common, and the Qt parse of its task was a twentieth of an export's time.
// False for anything else (a \u surrogate, an unescaped quote), which goes
// through the Qt parse.
bool onlyText(QByteArrayView data, QString& text) {
    static constexpr QByteArrayView kHead("{\"text\":\"");
    if (!data.startsWith(kHead) || !data.endsWith("\"}"))
        return false;
    const QByteArrayView body = data.sliced(kHead.size(), data.size() - kHead.size() - 2);
    qsizetype escape = -1;
    for (qsizetype i = 0; i < body.size(); ++i) {
        if (body[i] == '"')
            return false;  // the string ends before the object does
        if (body[i] == '\\') {
            if (escape < 0)
                escape = i;
            ++i;  // an escaped quote is no end
        }
    }
    if (escape < 0) {
        text = QString::fromUtf8(body);
        return true;
    }
    QByteArray plain;
    plain.reserve(body.size());
    plain.append(body.first(escape));
    for (qsizetype i = escape; i < body.size(); ++i) {
        if (body[i] != '\\') {
            // The run up to the next escape, in one piece.
            qsizetype end = i + 1;
            while (end < body.size() && body[end] != '\\')
                ++end;
            plain.append(body.sliced(i, end - i));
            i = end - 1;
            continue;
        }
        if (++i == body.size())
            return false;  // the closing quote is escaped: not a string's end
        switch (body[i]) {
            case '"':
            case '\\':
            case '/':
                plain.append(body[i]);
                break;
            case 'b':
                plain.append('\b');
                break;
            case 'f':
                plain.append('\f');
                break;
            case 'n':
                plain.append('\n');
                break;
            case 'r':
                plain.append('\r');
                break;
            case 't':
                plain.append('\t');
                break;
            case 'u': {
                if (i + 4 >= body.size())
                    return false;
                char16_t unit = 0;
                for (qsizetype k = i + 1; k <= i + 4; ++k) {
                    const int digit = hexDigit(body[k]);
                    if (digit < 0)
                        return false;
                    unit = char16_t(unit * 16 + digit);
                }
                if (QChar::isSurrogate(unit))
                    return false;
                plain.append(QString(QChar(unit)).toUtf8());
                i += 4;
                break;
            }
            default:
                return false;
        }
    }
    text = QString::fromUtf8(plain);
    return true;
}

}  // namespace

const QJsonObject& TextAnnotationRow::result() const {
    if (!m_result)
        m_result = QJsonDocument::fromJson(resultJson).object();
    return *m_result;
}

QString TextTask::describe() const {
    return Task::describe(id, uid);
}

QString TextTask::slice(qint64 start, qint64 end) const {
    const qsizetype from = offsets.toUtf16(start);
    const qsizetype to = offsets.toUtf16(end);
    if (from < 0 || to < from)
        return QString();
    return text.mid(from, to - from);
}

namespace {

// The code point at data[i] (a pair advances i), U+FFFD for a lone
// surrogate (which QString::toUtf8 would write as '?': the replacement
// character says what happened, and is one code point as the offsets count).
inline char32_t codePointAt(const char16_t* data, qsizetype size, qsizetype& i) {
    const char32_t c = data[i];
    if (QChar::isHighSurrogate(c) && i + 1 < size && QChar::isLowSurrogate(data[i + 1]))
        return QChar::surrogateToUcs4(char16_t(c), data[++i]);
    return QChar::isSurrogate(c) ? char32_t(0xFFFD) : c;
}

inline void putUtf8(char*& p, char32_t c) {
    if (c < 0x80) {
        *p++ = char(c);
        return;
    }
    if (c < 0x800) {
        *p++ = char(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
        *p++ = char(0xE0 | (c >> 12));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
    } else {
        *p++ = char(0xF0 | (c >> 18));
        *p++ = char(0x80 | ((c >> 12) & 0x3F));
        *p++ = char(0x80 | ((c >> 6) & 0x3F));
    }
    *p++ = char(0x80 | (c & 0x3F));
}

}  // namespace

void appendUtf8(QByteArray& out, QStringView text) {
    const qsizetype start = out.size();
    out.resize(start + utf8Room(text));
    out.resize(putUtf8(out.data() + start, text) - out.constData());
}

char* putUtf8(char* p, QStringView text) {
    const char16_t* data = text.utf16();
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (data[i] < 0x80) {
            *p++ = char(data[i]);
            continue;
        }
        putUtf8(p, codePointAt(data, text.size(), i));
    }
    return p;
}

void appendJsonString(QByteArray& out, QStringView text) {
    const qsizetype start = out.size();
    out.resize(start + jsonStringRoom(text));
    out.resize(putJsonString(out.data() + start, text) - out.constData());
}

char* putJsonString(char* p, QStringView text) {
    static const char kHex[] = "0123456789abcdef";
    *p++ = '"';
    const char16_t* data = text.utf16();
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        // Printable ASCII, most of most texts, straight through.
        if (const char16_t u = data[i]; u >= 0x20 && u < 0x80 && u != '"' && u != '\\') {
            *p++ = char(u);
            continue;
        }
        const char32_t c = codePointAt(data, size, i);
        if (c >= 0x20 && c != '"' && c != '\\') {
            putUtf8(p, c);
            continue;
        }
        *p++ = '\\';
        switch (c) {
            case '"':
                *p++ = '"';
                break;
            case '\\':
                *p++ = '\\';
                break;
            case '\b':
                *p++ = 'b';
                break;
            case '\f':
                *p++ = 'f';
                break;
            case '\n':
                *p++ = 'n';
                break;
            case '\r':
                *p++ = 'r';
                break;
            case '\t':
                *p++ = 't';
                break;
            default:
                *p++ = 'u';
                *p++ = '0';
                *p++ = '0';
                *p++ = kHex[c >> 4];
                *p++ = kHex[c & 0xf];
        }
    }
    *p++ = '"';
    return p;
}

QJsonValue answerOf(const QJsonObject& result, const QString& name) {
    return result.value(QLatin1String("answers")).toObject().value(name);
}

TextTask cook(RawTextTask&& raw, detection::WarningTally& warnings) {
    TextTask task;
    task.id = raw.id;
    task.uid = std::move(raw.uid);
    if (!onlyText(raw.data, task.text)) {
        task.data = QJsonDocument::fromJson(raw.data).object();
        task.text = task.data.value(QLatin1String("text")).toString();
    }
    task.offsets = TextOffsets(task.text);
    task.annotations = std::move(raw.annotations);
    QStringList problems;
    for (TextAnnotationRow& a : task.annotations) {
        problems.clear();
        // The scanner reads what the codec writes; anything else (and every
        // span it would leave out, with its reason) goes through read().
        if (!spanresult::scan(a.resultJson, a.spans, task.offsets.codePointCount()))
            a.spans = spanresult::read(a.result(), &problems, task.offsets.codePointCount());
        for (const QString& problem : std::as_const(problems))
            warnings.add(QStringLiteral("spans left out"),
                         QStringLiteral("%1, %2's annotation: %3; left out")
                             .arg(task.describe(), a.annotator, problem));
    }
    return task;
}

Status forEachRawTextTask(Project& project, const ExportOptions& options, ExportReport& report,
                          const std::function<Status(RawTextTask&&)>& visit) {
    Status statusOk = options.checkStatus();
    if (!statusOk.ok())
        return statusOk;
    // Cancelled before the first task (there may be none to check at).
    if (isSet(options.cancel))
        return cancelledStatus(QStringLiteral("the export"));
    Database& db = project.database();
    auto total = db.queryInt(QStringLiteral("SELECT count(*) FROM tasks WHERE kind = 'text'"));
    if (!total.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), total.error()));
    if (*total == 0)
        report.warnings << QStringLiteral("the project has no text tasks");
    // Tombstones never leave; a task without a matching annotation still
    // comes through (with none): the format decides whether to list it.
    auto prepared = db.prepare(
        QStringLiteral("SELECT t.id, t.uid, t.data, a.annotator, a.status, a.result, a.lead_ms, "
                       "a.review_of FROM tasks t LEFT JOIN annotations a ON a.task_uid = t.uid AND "
                       "a.deleted = 0 AND ") +
        options.rowsSql(1) + QStringLiteral(" AND ") + ExportOptions::statusSql(2) +
        QStringLiteral(" WHERE t.kind = 'text' ORDER BY t.id, a.annotator"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), prepared.error()));
    Statement& rows = *prepared;
    rows.bind(1, options.annotator).bind(2, options.statusBinding());

    QElapsedTimer progressTimer;
    progressTimer.start();
    qint64 done = 0;
    RawTextTask task;
    task.id = -1;
    auto finishTask = [&]() -> Status {
        if (task.id < 0)
            return Status::success();
        if (Status s = visit(std::move(task)); !s.ok())
            return s;
        task = RawTextTask();
        task.id = -1;
        return options.taskDone(++done, *total, progressTimer);
    };
    while (rows.next()) {
        const qint64 id = rows.int64(0);
        if (id != task.id) {
            if (Status s = finishTask(); !s.ok())
                return s;
            task.id = id;
            task.uid = rows.text(1);
            task.data = rows.utf8(2);
        }
        if (rows.isNull(3))
            continue;  // no annotation passes the filters (LEFT JOIN)
        TextAnnotationRow a;
        a.annotator = rows.text(3);
        a.status = rows.text(4);
        a.resultJson = rows.utf8(5);
        a.leadMs = rows.int64(6);
        a.isReview = !rows.isNull(7);
        task.annotations.append(std::move(a));
    }
    if (!rows.status().ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), rows.status().error()));
    return finishTask();
}

Status forEachTextTask(Project& project, const ExportOptions& options, ExportReport& report,
                       detection::WarningTally& warnings,
                       const std::function<Status(const TextTask&)>& visit) {
    return forEachRawTextTask(project, options, report, [&](RawTextTask&& raw) {
        return visit(cook(std::move(raw), warnings));
    });
}

void warnUnannotated(ExportReport& report, qsizetype count) {
    if (count > 0)
        report.warnings << QStringLiteral(
                               "%1 text tasks have no annotation that passes the filters "
                               "(--status, --annotator): left out")
                               .arg(count);
}

int parallelLinesWorkers() {
    // POSTIL_EXPORT_WORKERS=N sets it (0: one thread), to keep cores free
    // for other work or to compare.
    bool given = false;
    const int asked = qEnvironmentVariableIntValue("POSTIL_EXPORT_WORKERS", &given);
    if (given)
        return std::clamp(asked, 0, 64);
    const int cores = QThread::idealThreadCount();
    return cores > 1 ? std::min(cores, 8) : 0;
}

}  // namespace postil::textexport
