#include "formats/labelstudioformat.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

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
    auto doc = detection::readJsonFile(path);
    if (!doc.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(path, doc.error()));
    if (!doc->isArray())
        return Status::failure(QStringLiteral("%1: expected a list of tasks (Label Studio's JSON "
                                              "export)")
                                   .arg(path));
    const QJsonArray tasks = doc->array();
    if (!tasks.isEmpty() && isJsonMin(tasks.first().toObject()))
        return Status::failure(
            QStringLiteral("%1: this is Label Studio's JSON-MIN export, which keeps one flat "
                           "record per annotation without the regions' ids, types and sizes; "
                           "export the project as JSON (not JSON-MIN) and import that")
                .arg(path));
    LabelStudioImport import(session, path);
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        session.progress(i, tasks.size());
        const QJsonValue id = tasks.at(i).toObject().value(QLatin1String("id"));
        const QString where = id.isString() || id.isDouble()
                                  ? QStringLiteral("%1: task %2 (id %3)")
                                        .arg(path)
                                        .arg(i + 1)
                                        .arg(id.toVariant().toString())
                                  : QStringLiteral("%1: task %2").arg(path).arg(i + 1);
        if (Status s = import.readTask(tasks.at(i), where); !s.ok())
            return s;
    }
    session.progress(tasks.size(), tasks.size());
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
