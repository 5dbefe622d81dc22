#pragma once

// Shared by the sync tests: projects, people on devices, dumps to compare.

#include <QCryptographicHash>
#include <QFile>
#include <QStringList>

#include "model/project.h"
#include "store/database.h"
#include "testsupport.h"

namespace postil::synctest {

// A person at one device.
inline void workAs(Project& project, const QString& annotator, const QString& device) {
    Identity identity;
    identity.annotator = annotator;
    identity.device = device;
    project.setIdentity(identity);
}

inline std::unique_ptr<Project> openAs(const QString& path, const QString& annotator,
                                       const QString& device) {
    auto project = Project::open(path);
    if (!project.ok())
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(project.error()));
    workAs(**project, annotator, device);
    return std::move(*project);
}

// Saves a text answer as 'annotator' made from the version the project holds
// (as the studio's document does): an edit, not a blind overwrite.
inline void edit(Project& project, const QString& taskUid, const QJsonObject& result,
                 AnnotationStatus status = AnnotationStatus::Submitted, bool deleted = false) {
    Annotation row;
    if (auto stored = project.annotations().get(taskUid, project.annotator()))
        row = *stored;
    row.taskUid = taskUid;
    row.annotator = project.annotator();
    row.status = status;
    row.result = result;
    row.deleted = deleted;
    Status saved = project.saveAnnotation(row);
    if (!saved.ok())
        qFatal("cannot save: %s", qPrintable(saved.error()));
}

// Every row of the annotation tables, in key order: two projects that merged
// the same packs must give the same text.
inline QString dumpRows(Project& project) {
    QString out;
    for (const char* sql :
         {"SELECT task_uid, annotator, uid, status, skip_reason, coalesce(review_of, ''), "
          "coalesce(review_outcome, ''), result, lead_ms, hlc, device, deleted, lineage FROM "
          "annotations ORDER BY task_uid, annotator",
          "SELECT task_uid, annotator, uid, status, skip_reason, coalesce(review_of, ''), "
          "coalesce(review_outcome, ''), result, lead_ms, hlc, device, deleted, lineage FROM "
          "annotation_conflicts ORDER BY task_uid, annotator, hlc, device"}) {
        Statement stmt = project.database().statement(QString::fromLatin1(sql));
        out += QStringLiteral("--\n");
        while (stmt.next()) {
            QStringList cells;
            for (int c = 0; c < 13; ++c)
                cells.append(stmt.text(c));
            out += cells.join(QLatin1Char('|')) + QLatin1Char('\n');
        }
    }
    return out;
}

// A copy of an open project (its WAL included), as another machine's file.
inline void copyProject(Project& project, const QString& to) {
    Statement copy = project.database().statement(QStringLiteral("VACUUM INTO ?"));
    copy.bind(1, to);
    if (Status s = copy.run(); !s.ok())
        qFatal("cannot copy the project: %s", qPrintable(s.error()));
}

inline qint64 countOf(Project& project, const QString& sql) {
    auto n = project.database().queryInt(sql);
    return n.ok() ? *n : -1;
}

inline QByteArray fileSha(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

}  // namespace postil::synctest
