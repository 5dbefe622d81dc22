#include "formats/labelstudioformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <functional>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/labelstudioconfig.h"
#include "formats/labelstudioexport.h"
#include "formats/labelstudioimport.h"
#include "formats/streamedfile.h"
#include "model/project.h"

namespace postil {

namespace {

// The whole file is parsed at once (a JSON array); beyond this it is refused.
constexpr qint64 kMaxFileBytes = qint64(512) << 20;

// Label Studio's JSON-MIN export: flat records with the task's data keys,
// the results by control name, and "annotator"/"annotation_id", but no
// "data" and no "annotations". Regions lose their ids and types there.
bool isJsonMin(const QJsonObject& first) {
    return !first.contains(QLatin1String("data")) &&
           (first.contains(QLatin1String("annotation_id")) ||
            first.contains(QLatin1String("annotator")));
}

// The elements of the top-level JSON array in 'bytes', each handed to
// 'visit' with the line it starts on, so that only one task is ever parsed
// at a time: a Label Studio export parsed whole took ten times its size in
// memory (450 MB for a 46 MB file of 20,000 text tasks). The scan only
// finds where elements end (strings, escapes, nesting); each element is then
// parsed by Qt, and a malformed one is that task's bad record. Brackets or a
// string that never close fail the file, naming the line.
Status forEachElement(const QString& path, const QByteArray& bytes,
                      const std::function<Status(QByteArrayView, qint64 line)>& visit) {
    const char* p = bytes.constData();
    const qsizetype n = bytes.size();
    qsizetype i = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    qint64 line = 1;
    auto skipSpace = [&]() {
        for (; i < n; ++i) {
            const char c = p[i];
            if (c == '\n')
                ++line;
            else if (c != ' ' && c != '\t' && c != '\r')
                break;
        }
    };
    auto failure = [&](const QString& what) {
        return Status::failure(QStringLiteral("%1: line %2: %3").arg(path).arg(line).arg(what));
    };
    skipSpace();
    if (i >= n || p[i] != '[')
        return failure(QStringLiteral("expected a list of tasks (Label Studio's JSON export)"));
    ++i;
    skipSpace();
    if (i < n && p[i] == ']') {
        ++i;
    } else {
        while (true) {
            skipSpace();
            const qsizetype start = i;
            const qint64 startLine = line;
            int depth = 0;
            bool inString = false;
            for (; i < n; ++i) {
                const char c = p[i];
                if (c == '\n')
                    ++line;
                if (inString) {
                    if (c == '\\')
                        ++i;  // the escaped character, whatever it is
                    else if (c == '"')
                        inString = false;
                    continue;
                }
                if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (depth == 0)
                        break;
                    --depth;
                } else if (c == ',' && depth == 0) {
                    break;
                }
            }
            if (i >= n)
                return failure(inString ? QStringLiteral("a string that never ends")
                                        : QStringLiteral("the list of tasks never ends"));
            qsizetype end = i;
            while (end > start && (p[end - 1] == ' ' || p[end - 1] == '\t' || p[end - 1] == '\r' ||
                                   p[end - 1] == '\n'))
                --end;
            if (end == start)
                return failure(QStringLiteral("an empty place in the list of tasks"));
            if (p[i] == '}')
                return failure(QStringLiteral("a '}' that closes nothing"));
            if (Status s = visit(QByteArrayView(p + start, end - start), startLine); !s.ok())
                return s;
            if (p[i++] == ']')
                break;
        }
    }
    skipSpace();
    if (i < n)
        return failure(QStringLiteral("more after the list of tasks"));
    return Status::success();
}

}  // namespace

bool LabelStudioFormat::probe(const QString& path) const {
    if (!Format::probe(path) || QFileInfo(path).isDir())
        return false;
    const QByteArray head = detection::fileHeadAndTail(path, 64 << 10).trimmed();
    if (!head.startsWith('['))
        return false;
    if (detection::hasJsonKey(head, "annotation_id") && detection::hasJsonKey(head, "annotator"))
        return true;  // JSON-MIN, refused by read() with the reason
    return detection::hasJsonKey(head, "data") &&
           (detection::hasJsonKey(head, "annotations") ||
            detection::hasJsonKey(head, "predictions") || detection::hasJsonKey(head, "id"));
}

QString LabelStudioFormat::configPath(const QString& jsonPath) {
    if (jsonPath.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return jsonPath.chopped(5) + QStringLiteral(".xml");
    return jsonPath + QStringLiteral(".xml");
}

Status LabelStudioFormat::read(const QString& path, ImportSession& session) {
    const QFileInfo info(path);
    if (info.size() > kMaxFileBytes)
        return Status::failure(QStringLiteral("%1: %2 bytes, more than the %3 MB a Label Studio "
                                              "export may have here")
                                   .arg(path)
                                   .arg(info.size())
                                   .arg(kMaxFileBytes >> 20));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    if (bytes.size() != info.size())
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    LabelStudioImport import(session, path);
    qint64 index = 0;
    Status read = forEachElement(path, bytes, [&](QByteArrayView element, qint64 line) -> Status {
        session.progress(element.data() - bytes.constData(), bytes.size());
        ++index;
        if (!element.startsWith('{'))  // not a task at all: readTask says what a task needs
            return import.readTask(
                QJsonValue(),
                QStringLiteral("%1: task %2 (line %3)").arg(path).arg(index).arg(line));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray::fromRawData(element.data(), element.size()), &error);
        if (error.error != QJsonParseError::NoError)
            return session.reportBad(
                QStringLiteral("%1: task %2 (line %3)").arg(path).arg(index).arg(line),
                QStringLiteral("not valid JSON: %1").arg(error.errorString()));
        const QJsonObject task = doc.object();
        if (index == 1 && isJsonMin(task))
            return Status::failure(
                QStringLiteral("%1: this is Label Studio's JSON-MIN export, which keeps one flat "
                               "record per annotation without the regions' ids, types and "
                               "sizes; export the project as JSON (not JSON-MIN) and import that")
                    .arg(path));
        const QJsonValue id = task.value(QLatin1String("id"));
        const QString where = id.isString() || id.isDouble()
                                  ? QStringLiteral("%1: task %2 (id %3)")
                                        .arg(path)
                                        .arg(index)
                                        .arg(id.toVariant().toString())
                                  : QStringLiteral("%1: task %2").arg(path).arg(index);
        return import.readTask(doc.isObject() ? QJsonValue(task) : QJsonValue(), where);
    });
    if (!read.ok())
        return read;
    session.progress(bytes.size(), bytes.size());
    return import.finish();
}

Status LabelStudioFormat::write(Project& project, const QString& path, const ExportOptions& options,
                                ExportReport& report) {
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    LabelStudioExport exporter(project, options, report, QFileInfo(path).absoluteDir());
    if (Status s = exporter.write(file); !s.ok())
        return s;
    // The config first: when it cannot be written the JSON is not committed either.
    const QString configFile = configPath(path);
    QSaveFile config(configFile);
    const QByteArray xml = labelstudio::labelingConfig(project.schema(), exporter.seen());
    if (!config.open(QIODevice::WriteOnly) || config.write(xml) != xml.size() || !config.commit())
        return Status::failure(QStringLiteral("%1: cannot write the labeling config: %2")
                                   .arg(configFile, config.errorString()));
    return file.commit();
}

}  // namespace postil
