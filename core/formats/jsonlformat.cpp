#include "formats/jsonlformat.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>
#include <optional>

#include "formats/importsession.h"
#include "formats/jsonwriter.h"
#include "formats/linereader.h"
#include "model/ids.h"
#include "model/project.h"
#include "model/task.h"

namespace postil {

namespace {

// Export buffers this much before writing: few syscalls, flat memory.
constexpr qsizetype kFlushBytes = qsizetype(1) << 20;

// QJsonParseError counts bytes; people count characters.
qint64 columnAt(QByteArrayView line, qsizetype byteOffset) {
    qint64 column = 1;
    const qsizetype end = qMin(byteOffset, line.size());
    for (qsizetype i = 0; i < end; ++i)
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
            ++column;
    return column;
}

QString numberText(const QJsonValue& value) {
    const double d = value.toDouble();
    // toInteger's fallback is not qint64(d): that is undefined for a number
    // beyond qint64 (1e300), found by fuzzing.
    const qint64 i = value.toInteger(0);
    if (double(i) == d)
        return QString::number(i);
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

std::optional<TaskKind> kindOf(const QJsonObject& data) {
    if (data.contains(QLatin1String("image")))
        return TaskKind::Image;
    if (data.contains(QLatin1String("audio")))
        return TaskKind::Audio;
    if (data.contains(QLatin1String("prompt")) && data.contains(QLatin1String("responses")))
        return TaskKind::Compare;
    if (data.contains(QLatin1String("text")))
        return TaskKind::Text;
    return std::nullopt;
}

// One element of "annotations"; the problem as text when it does not fit.
std::optional<QString> parseAnnotation(const QJsonValue& value, qsizetype index, Annotation& a) {
    const QString which = QStringLiteral("annotation %1: ").arg(index + 1);
    if (!value.isObject())
        return which + QStringLiteral("must be an object");
    const QJsonObject object = value.toObject();

    const QJsonValue annotator = object.value(QLatin1String("annotator"));
    if (annotator.isString())
        a.annotator = annotator.toString();
    else if (!annotator.isUndefined() && !annotator.isNull())
        return which + QStringLiteral("\"annotator\" must be a string");

    const QJsonValue status = object.value(QLatin1String("status"));
    if (status.isString()) {
        const auto parsed = annotationStatusFromString(status.toString());
        if (!parsed)
            return which + QStringLiteral("unknown status '%1' (draft, submitted or skipped)")
                               .arg(status.toString());
        a.status = *parsed;
    } else if (!status.isUndefined() && !status.isNull()) {
        return which + QStringLiteral("\"status\" must be draft, submitted or skipped");
    }

    const QJsonValue reason = object.value(QLatin1String("skip_reason"));
    if (reason.isString())
        a.skipReason = reason.toString();
    else if (!reason.isUndefined() && !reason.isNull())
        return which + QStringLiteral("\"skip_reason\" must be a string");

    const QJsonValue result = object.value(QLatin1String("result"));
    if (result.isObject())
        a.result = result.toObject();
    else if (!result.isUndefined() && !result.isNull())
        return which + QStringLiteral("\"result\" must be an object");

    const QJsonValue lead = object.value(QLatin1String("lead_ms"));
    // Below 2^63, so the conversion is defined (1e300 came out negative).
    constexpr double kLeadLimit = 9.2e18;
    if (lead.isDouble() && lead.toDouble() >= 0 && lead.toDouble() < kLeadLimit)
        a.leadMs = lead.toInteger(qint64(lead.toDouble()));
    else if (!lead.isUndefined() && !lead.isNull())
        return which + QStringLiteral("\"lead_ms\" must be a number of milliseconds");
    return std::nullopt;
}

Status readLine(QByteArrayView line, const QDir& baseDir, const QString& where,
                ImportSession& session) {
    QJsonParseError error;
    // fromRawData: the parser reads the reader's buffer in place, no copy.
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &error);
    if (error.error != QJsonParseError::NoError)
        return session.reportBad(where, QStringLiteral("not valid JSON at column %1: %2")
                                            .arg(columnAt(line, error.offset))
                                            .arg(error.errorString()));
    if (!doc.isObject())
        return session.reportBad(where, QStringLiteral("expected a JSON object per line"));
    const QJsonObject object = doc.object();

    TaskRecord record;
    const QJsonValue id = object.value(QLatin1String("id"));
    if (id.isString())
        record.id = id.toString();
    else if (id.isDouble())
        record.id = numberText(id);
    else if (!id.isUndefined() && !id.isNull())
        return session.reportBad(where, QStringLiteral("\"id\" must be a string or a number"));

    const QJsonValue data = object.value(QLatin1String("data"));
    if (!data.isObject())
        return session.reportBad(where, QStringLiteral("\"data\" must be an object"));
    record.data = data.toObject();
    const auto kind = kindOf(record.data);
    if (!kind)
        return session.reportBad(where, QStringLiteral("cannot tell the task kind: data needs "
                                                       "\"image\", \"audio\", \"text\", or "
                                                       "\"prompt\" with \"responses\""));
    record.kind = *kind;

    const QJsonValue annotations = object.value(QLatin1String("annotations"));
    if (annotations.isArray()) {
        const QJsonArray list = annotations.toArray();
        record.annotations.reserve(list.size());
        for (qsizetype i = 0; i < list.size(); ++i) {
            Annotation a;
            if (auto problem = parseAnnotation(list.at(i), i, a))
                return session.reportBad(where, *problem);
            record.annotations << std::move(a);
        }
    } else if (!annotations.isUndefined() && !annotations.isNull()) {
        return session.reportBad(where, QStringLiteral("\"annotations\" must be a list"));
    }
    return session.add(std::move(record), baseDir, where);
}

// Stored media paths are relative to the project file; the export's are
// relative to the file written.
QByteArray rewriteMediaPath(const QByteArray& storedData, QLatin1String key, const Project& project,
                            const QDir& outDir) {
    QJsonObject data = QJsonDocument::fromJson(storedData).object();
    const QString absolute = project.absoluteMediaPath(data.value(key).toString());
    data.insert(key, QDir::fromNativeSeparators(outDir.relativeFilePath(absolute)));
    return canonicalJson(data);
}

}  // namespace

bool isBlankLine(QByteArrayView line) {
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    return true;
}

Status readJsonLines(const QString& path, ImportSession& session,
                     const std::function<Status(QByteArrayView line, const QDir& baseDir,
                                                const QString& where)>& readOne) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const qint64 total = file.size();
    const QDir baseDir = QFileInfo(path).absoluteDir();
    const QString prefix = path + QLatin1Char(':');
    LineReader reader(file);
    QByteArrayView line;
    while (reader.next(line)) {
        if ((reader.lineNumber() & 0xff) == 0)
            session.progress(reader.bytesConsumed(), total);
        if (isBlankLine(line))
            continue;
        if (line.endsWith('\r'))
            line.chop(1);
        Status s = readOne(line, baseDir, prefix + QString::number(reader.lineNumber()));
        if (!s.ok())
            return s;
    }
    if (!reader.error().isEmpty())
        return Status::failure(QStringLiteral("%1: read failed at line %2: %3")
                                   .arg(path)
                                   .arg(reader.lineNumber() + 1)
                                   .arg(reader.error()));
    session.progress(total, total);
    return Status::success();
}

Status JsonlFormat::read(const QString& path, ImportSession& session) {
    return readJsonLines(
        path, session, [&session](QByteArrayView line, const QDir& baseDir, const QString& where) {
            return readLine(line, baseDir, where, session);
        });
}

Status JsonlFormat::write(Project& project, const QString& path, const ExportOptions& options,
                          ExportReport& report) {
    Status statusOk = options.checkStatus();
    if (!statusOk.ok())
        return statusOk;
    // Tasks without a matching annotation are still exported, with an empty
    // list: the filter picks annotations, not tasks. Tombstones never leave.
    auto prepared = project.database().prepare(
        QStringLiteral(
            "SELECT t.id, t.uid, t.kind, t.data, a.annotator, a.status, a.skip_reason, a.result, "
            "a.lead_ms, a.review_of FROM tasks t LEFT JOIN annotations a ON a.task_uid = t.uid AND "
            "a.deleted = 0 AND ") +
            options.rowsSql(1, true) + QStringLiteral(" AND ") +
        ExportOptions::statusSql(2) + QStringLiteral(" ORDER BY t.id, a.annotator"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), prepared.error()));
    Statement& rows = *prepared;
    rows.bind(1, options.annotator).bind(2, options.statusBinding());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(
            QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    const QDir outDir = QFileInfo(path).absoluteDir();
    const qint64 total = project.tasks().count();
    QElapsedTimer progressTimer;
    progressTimer.start();

    QByteArray buffer;
    buffer.reserve(kFlushBytes + kFlushBytes / 4);
    auto flush = [&]() -> Status {
        if (file.write(buffer) != buffer.size())
            return Status::failure(
                QStringLiteral("%1: write failed: %2").arg(path, file.errorString()));
        buffer.truncate(0);
        return Status::success();
    };
    auto endTask = [&]() -> Status {
        buffer.append("]}\n", 3);
        ++report.tasks;
        if (Status s = options.taskDone(report.tasks, total, progressTimer); !s.ok())
            return s;
        return buffer.size() >= kFlushBytes ? flush() : Status::success();
    };

    qint64 currentTask = -1;
    bool firstAnnotation = true;
    while (rows.next()) {
        const qint64 id = rows.int64(0);
        if (id != currentTask) {
            if (currentTask >= 0) {
                if (Status s = endTask(); !s.ok())
                    return s;
            }
            currentTask = id;
            firstAnnotation = true;
            buffer.append("{\"id\":", 6);
            jsonwriter::appendString(buffer, rows.utf8(1));
            buffer.append(",\"data\":", 8);
            const QByteArray kind = rows.utf8(2);
            if (kind == "image" || kind == "audio")
                buffer.append(rewriteMediaPath(rows.utf8(3), QLatin1String(kind.constData()),
                                               project, outDir));
            else
                buffer.append(rows.utf8(3));
            buffer.append(",\"annotations\":[", 16);
        }
        if (rows.isNull(4))
            continue;  // a task without annotations (LEFT JOIN)
        if (!firstAnnotation)
            buffer.append(',');
        firstAnnotation = false;
        const QByteArray status = rows.utf8(5);
        buffer.append("{\"annotator\":", 13);
        jsonwriter::appendString(buffer, rows.utf8(4));
        buffer.append(",\"status\":", 10);
        jsonwriter::appendString(buffer, status);
        buffer.append(",\"result\":", 10);
        buffer.append(rows.utf8(7));
        buffer.append(",\"lead_ms\":", 11);
        jsonwriter::appendInteger(buffer, rows.int64(8));
        if (status == "skipped") {
            buffer.append(",\"skip_reason\":", 15);
            jsonwriter::appendString(buffer, rows.utf8(6));
        }
        buffer.append('}');
        ++report.annotations;
        if (!rows.isNull(9))
            report.warnings << QStringLiteral(
                                   "%1: the review by %2 is exported as a plain "
                                   "annotation (JSONL has no review fields)")
                                   .arg(Task::describe(rows.int64(0), rows.text(1)), rows.text(4));
    }
    if (!rows.status().ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), rows.status().error()));
    if (currentTask >= 0) {
        if (Status s = endTask(); !s.ok())
            return s;
    }
    if (Status s = flush(); !s.ok())
        return s;
    if (!file.commit())
        return Status::failure(
            QStringLiteral("%1: write failed: %2").arg(path, file.errorString()));
    return Status::success();
}

}  // namespace postil
