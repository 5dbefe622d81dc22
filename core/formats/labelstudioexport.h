#pragma once

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QString>

#include "formats/detectionsupport.h"
#include "formats/format.h"
#include "model/schema.h"
#include "store/status.h"

namespace postil {

class Project;
class StreamedFile;

// What an export met that the labeling config must offer beyond the schema:
// the kinds written, the most responses of a comparison, whether prompts or
// responses are message lists, and names used by answers but not in the
// schema (an import from elsewhere, a schema edited since).
struct LabelStudioSeen {
    QSet<TaskKind> kinds;
    int maxResponses = 0;
    bool pairs = false;  // a comparison of two responses: Pairwise applies
    bool conversation = false;
    QMap<TaskKind, QStringList> labels;      // per kind, not in the schema for it
    QMap<TaskKind, QStringList> attributes;  // per kind, not in the schema for it
    QMap<QString, QJsonValue> answers;       // question -> an answer, not in the schema
    QStringList rubric;                      // dimensions not in the schema
};

// Writes a project's tasks as Label Studio's JSON export: an array of
// {"id", "data", "meta": {"uid"}, "annotations", "drafts", "predictions"}
// (docs/architecture.md §7, "Label Studio"). Annotations carry completed_by
// (NAME@postil.invalid for a name without '@'), was_cancelled for a skip,
// ground_truth for an accepted review and lead_time in seconds; drafts go
// under "drafts" and model:NAME rows under "predictions" (model_version
// NAME, whatever --status says: a model's rows are drafts). One streaming
// query; each result read through its kind's codec.
class LabelStudioExport {
public:
    // formatOptions key: media written as this prefix followed by the path
    // the project stores (relative to the project file's folder, '/'
    // separators), percent-encoded: an address Label Studio serves, such as
    // "/data/local-files/?d=receipts/" with LOCAL_FILES_DOCUMENT_ROOT above
    // the project's folder. Without it, paths relative to the file written.
    static constexpr const char* kMediaUrlOption = "media-url";

    LabelStudioExport(Project& project, const ExportOptions& options, ExportReport& report,
                      const QDir& outDir);
    Status write(StreamedFile& file);
    const LabelStudioSeen& seen() const { return m_seen; }

private:
    struct Row;
    struct TaskRows;
    Status writeTask(StreamedFile& file, const TaskRows& task);
    // A row's results; parts its codec leaves out are warned about.
    QJsonArray resultsOf(const TaskRows& task, const QString& annotator, const QJsonObject& result);
    void imageResults(const TaskRows& task, const QJsonObject& result, QJsonArray& out,
                      QStringList& problems);
    void textResults(const TaskRows& task, const QJsonObject& result, QJsonArray& out,
                     QStringList& problems);
    void audioResults(const QJsonObject& result, QJsonArray& out, QStringList& problems);
    void compareResults(const TaskRows& task, const QJsonObject& result, QJsonArray& out,
                        QStringList& problems);
    void answerResults(TaskKind kind, const QJsonObject& result, QJsonArray& out);
    // Per-region results of an item's attributes, each with the region's id.
    void attributeResults(TaskKind kind, const QString& id, const QJsonObject& region,
                          const QJsonObject& attrs, QJsonArray& out);
    void noteLabel(TaskKind kind, const QString& label);

    Project& m_project;
    const ExportOptions& m_options;
    ExportReport& m_report;
    QDir m_outDir;
    Schema m_schema;
    LabelStudioSeen m_seen;
    detection::WarningTally m_warnings;
    qint64 m_annotationId = 0;
    qint64 m_lostImages = 0;
    qint64 m_reviews = 0;
};

}  // namespace postil
