#pragma once

#include <QDir>
#include <QHash>
#include <QList>
#include <QSet>
#include <QSize>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "formats/detectionsupport.h"
#include "model/schema.h"
#include "model/taskstore.h"
#include "store/status.h"

namespace postil {

class ImportSession;

// What the five detection readers share: finding the task of an image an
// annotation file names, clamping boxes to their image, growing the schema by
// the labels and attributes the file uses, and writing one annotation per
// image at the end. The rules (stated in `postil-cli import --help`):
//
// - An image is the project's task when one has the same bytes (media hash),
//   else the same stored path, else the same file name (when only one task has
//   it). Otherwise, when the file exists, it becomes a new image task;
//   otherwise it is skipped with a warning naming the file and record.
// - A box reaching outside its image is clamped to it; one left with no area
//   is dropped. Both are reported per record.
// - A label or attribute the schema lacks is added to it and reported.
// - The boxes of an image become one draft annotation by "FORMAT-import"
//   (or the --as annotator).
class DetectionImport {
public:
    // 'format' names the source: "coco" gives the annotator "coco-import".
    DetectionImport(ImportSession& session, const QString& format);

    // Loads what the project knows about its images (one query).
    Status begin();

    // The image an annotation file names. 'candidates' are absolute paths it
    // may be at, most likely first; 'reference' is the name as the file wrote
    // it; 'what' describes it in messages ("image 57 'a.jpg'"). Returns an
    // image handle, or -1 when the image was skipped (and a warning given).
    Expected<int> image(const QStringList& candidates, const QString& reference,
                        const QString& what, const QString& where);
    // The project's image task whose file is named 'baseName' plus an image
    // suffix (YOLO label files name their image that way), when exactly one
    // is; -1 with a warning otherwise.
    int imageByBaseName(const QString& baseName, const QString& where);
    // The image's display size; invalid when unknown (no file, no stored size).
    QSize size(int image) const { return m_images[size_t(image)].size; }
    // A size the annotation file states: warns when it differs from the
    // image's, and stands in for it when the image's is unknown.
    void declareSize(int image, QSize declared, const QString& where);
    // The image was annotated, even if no box follows (an empty YOLO file, a
    // COCO image without annotations: "nothing to find here").
    void markAnnotated(int image) { m_images[size_t(image)].annotated = true; }
    // Adds a box: clamps it to the image, notes its label and attributes.
    // Fails (through the session's --skip-bad rule) for a box that is not one.
    Status addBox(int image, Box box, const QString& where);

    // Writes the schema additions, the new tasks and the annotations.
    Status finish();
    // Reads 'files' in turn with 'readOne', reporting progress, then finish():
    // the formats that keep one annotation file per image.
    Status readAll(const QStringList& files,
                   const std::function<Status(const QString& file)>& readOne);
    // The formats that are one .json file (COCO, Create ML): refuses a folder
    // (naming the format as 'title'), then begin(), 'readFile', finish().
    static Status importJsonFile(
        ImportSession& session, const QString& format, const QString& title, const QString& path,
        const std::function<Status(const QString& file, DetectionImport& import)>& readFile);

    ImportSession& session() { return m_session; }
    // Folder the image references are relative to when the user gave one
    // (--images DIR); empty otherwise.
    QString imagesRoot() const { return m_imagesRoot; }
    // 'relative' resolved against --images when given, else against 'base'.
    QStringList candidatesFor(const QString& relative, const QDir& base) const;

private:
    struct Image {
        QString taskUid;       // an existing task; empty for a new one
        QString absolutePath;  // the file, for a new task
        QString where;         // the first record that named it
        QSize size;
        bool annotated = false;
        QList<Box> boxes;
    };
    int findExisting(const QStringList& candidates, const QString& reference, const QString& what,
                     const QString& where);
    int handleFor(const QString& key, Image image);
    int handleForTask(qsizetype index, const QString& where);
    void noteLabel(const QString& label, const QString& where);
    void noteAttributes(const QJsonObject& attrs, const QString& where);

    ImportSession& m_session;
    QString m_annotator;
    QString m_imagesRoot;
    std::vector<TaskStore::ImageTask> m_tasks;
    QHash<QString, qsizetype> m_byHash;
    QHash<QString, qsizetype> m_byPath;
    QHash<QString, qsizetype> m_byName;      // -1 when several tasks share the name
    QHash<QString, qsizetype> m_byBaseName;  // the same without the suffix, filled on first use
    std::vector<Image> m_images;
    QHash<QString, int> m_handles;  // "task:UID" or "file:HASH" -> index in m_images
    Schema m_schema;                // the project's, plus what this file adds
    QSet<QString> m_labelNames;     // of m_schema, filled on first use
    QSet<QString> m_attributeNames;
    bool m_schemaChanged = false;
};

}  // namespace postil
