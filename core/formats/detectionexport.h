#pragma once

#include <QDir>
#include <QHash>
#include <QList>
#include <QSize>
#include <QString>
#include <functional>

#include "formats/detectionsupport.h"
#include "formats/format.h"

namespace postil {

class Project;

// One image task on its way out: the boxes of the annotation chosen for it.
struct ExportImage {
    qint64 taskId = 0;
    QString taskUid;
    QString absolutePath;  // of the image file
    QSize size;            // displayed (EXIF-oriented) width and height, always known
    QList<Box> boxes;
};

// What the five detection writers share: one streaming query over the image
// tasks with their media sizes and annotations, the choice of one annotation
// per image, output file names, and warnings that stay short on 100,000 tasks.
//
// The rules: an image is exported when it has a live annotation that is not
// skipped and matches --annotator/--status; an image with such an annotation
// and no boxes is exported as having none (YOLO: an empty file). Images
// without one are left out and counted in a warning, since an unannotated
// image written as "no objects" would teach a model to miss them. When several
// annotators match, a reviewer's row wins, then a submitted one, then the
// newest; a warning counts such images (pass --annotator to choose).
class DetectionExport {
public:
    DetectionExport(Project& project, const ExportOptions& options, ExportReport& report);

    // Calls 'visit' per exported image in import order; stops at its first
    // failure. Memory stays flat: one task's rows at a time.
    Status forEach(const std::function<Status(const ExportImage&)>& visit);
    // Adds the gathered warnings to the report; call once at the end.
    void finish();

    // A warning that may repeat per image: the first few are listed.
    void warn(const QString& kind, const QString& text) { m_tally.add(kind, text); }
    // For formats without attributes: counts boxes whose attributes are lost.
    void attributesLost(const ExportImage& image, const QString& format);

    // A file in 'folder' named after the image with 'suffix' ("a.jpg" ->
    // "a.xml"). Two images of the same name get "a.xml" and "a_2.xml", with a
    // warning, rather than one overwriting the other.
    QString outputFile(const QDir& folder, const ExportImage& image, const QString& suffix);
    // A name outputFile() must not give an image ("classes.txt").
    void reserveFileName(const QString& name) { m_usedNames.insert(name.toLower(), 1); }

    Project& project() { return m_project; }

private:
    Project& m_project;
    const ExportOptions& m_options;
    ExportReport& m_report;
    detection::WarningTally m_tally;
    QHash<QString, int> m_usedNames;  // lower-case file name -> times used
    qint64 m_unannotated = 0;
    qint64 m_otherStatus = 0;
    qint64 m_ambiguous = 0;
    qint64 m_otherKinds = 0;
    qint64 m_attributesLost = 0;
    QString m_attributesLostFormat;
};

// Writes a file whole or not at all (QSaveFile).
Status writeWholeFile(const QString& path, const QByteArray& bytes);
// The formats with one file per image (VOC, labelme): writes into the folder
// 'path', per exported image, the file named after it with 'suffix' holding
// what 'contents' makes of it ('outDir' is 'path', for relative paths). The
// new files appear all together or not at all (StagedFolder).
Status writeFilePerImage(
    Project& project, const QString& path, const ExportOptions& options, ExportReport& report,
    const QString& suffix,
    const std::function<QByteArray(const ExportImage& image, const QDir& outDir)>& contents);

}  // namespace postil
