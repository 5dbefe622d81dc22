#pragma once

#include "formats/format.h"

namespace postil {

// brat standoff: a folder with NAME.txt (the text, UTF-8, exactly as stored:
// a \r\n stays two characters) and NAME.ann per document. Offsets are code
// points, end exclusive. The .ann holds
//   T1<TAB>LABEL START END<TAB>TEXT        an entity; fragments "0 5;6 10"
//   R1<TAB>LABEL Arg1:T1 Arg2:T2           a relation
//   A1<TAB>NAME T1 [VALUE]                 an attribute (a flag without value)
//   #1<TAB>AnnotatorNotes T1<TAB>NOTE      a note
// and the folder an annotation.conf naming the labels used.
//
// Export: one pair per annotation, named after the task's id (or "task-N"
// when the id is a hash), with "__ANNOTATOR" when a task has several; names
// are built from letters, digits, '-', '_' and '.', never start with a dot
// and are unique ignoring case, so no name escapes the folder or overwrites
// another. A span across a line break is written as fragments around it (the
// .ann is line-based); labels with spaces get '_'.
//
// Import: a folder (every .txt under it with the .ann beside it; a .txt
// without one is a plain task) or one .ann. A discontinuous entity becomes one
// span from its first fragment's start to its last's end, with a warning. A
// fragment text that is not what the offsets cover is a bad record naming
// the .ann and line. Events and normalisations are not read (a warning).
class BratFormat : public Format {
public:
    QString name() const override { return QStringLiteral("brat"); }
    QString description() const override {
        return QStringLiteral("brat standoff (.txt + .ann per document, folder)");
    }
    QStringList extensions() const override { return {QStringLiteral("ann")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool writesFolder() const override { return true; }
    // An .ann file, or a folder holding .ann files.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;

    // The file name (without suffix) a task's export gets: see above.
    static QString safeName(const QString& uid, qint64 taskId);
};

}  // namespace postil
