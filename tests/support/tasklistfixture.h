#pragma once

// The project the task list's tests share (tests/core/tst_taskindex for the
// queries, tests/ui/tst_tasklistmodel for what the table shows): 3,000 tasks
// whose statuses, kinds and texts follow from their ids, so expectations are
// computed, not typed. Header-only: included by those two tests alone.

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>
#include <memory>

#include "model/project.h"

namespace postil::tasklistfixture {

constexpr int kTasks = 3000;
inline const QString kMe = QStringLiteral("me");
inline const QString kAlice = QStringLiteral("alice");
inline const QString kWords[] = {QStringLiteral("apples"), QStringLiteral("Zebras"),
                                 QStringLiteral("ÄRGER im Büro"), QStringLiteral("pears")};

inline bool isImage(int id) {
    return id % 50 == 0;
}
inline QString uidOf(int id) {
    return QStringLiteral("task-%1").arg(id, 4, 10, QLatin1Char('0'));
}
// Row 12 was submitted and then deleted: a tombstone, so new again.
inline QString myStatus(int id) {
    switch (id % 10) {
        case 1:
            return QStringLiteral("draft");
        case 2:
            return id == 12 ? QStringLiteral("new") : QStringLiteral("submitted");
        case 3:
            return QStringLiteral("skipped");
    }
    return QStringLiteral("new");
}
inline bool aliceAnnotated(int id) {
    return id % 3 == 0;
}

inline Task makeTask(int id) {
    Task task;
    task.uid = uidOf(id);
    if (isImage(id)) {
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), QStringLiteral("img/%1.png").arg(id)}};
    } else {
        task.kind = TaskKind::Text;
        task.data = {{QStringLiteral("text"),
                      QStringLiteral("Sentence %1 about %2. ").arg(id).arg(kWords[id % 4]) +
                          QStringLiteral("Long tail %1 ").arg(id).repeated(20)}};
    }
    task.preview = Task::previewFor(task.kind, task.data);
    return task;
}

inline Status annotate(Project& project, const QString& uid, const QString& annotator,
                       AnnotationStatus status, bool deleted = false) {
    Annotation a;
    a.taskUid = uid;
    a.annotator = annotator;
    a.status = status;
    a.deleted = deleted;
    if (status == AnnotationStatus::Skipped)
        a.skipReason = QStringLiteral("blurry");
    return project.saveAnnotation(a);
}

inline std::unique_ptr<Project> makeProject(const QString& path) {
    auto created = Project::create(path, {});
    if (!created.ok())
        qFatal("create: %s", qPrintable(created.error()));
    std::unique_ptr<Project> project = std::move(*created);
    project->setIdentity({kMe, QStringLiteral("device-1")});
    Transaction tx(project->database());
    for (int id = 1; id <= kTasks; ++id) {
        Task task = makeTask(id);
        auto added = project->tasks().add(task);
        if (!added.ok() || task.id != id)
            qFatal("add task %d failed", id);
        const QString status = myStatus(id);
        Status s = Status::success();
        if (status == QLatin1String("draft"))
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Draft);
        else if (status == QLatin1String("submitted"))
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Submitted);
        else if (status == QLatin1String("skipped"))
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Skipped);
        if (s.ok() && id == 12)
            s = annotate(*project, task.uid, kMe, AnnotationStatus::Submitted, true);
        if (s.ok() && aliceAnnotated(id))
            s = annotate(*project, task.uid, kAlice, AnnotationStatus::Submitted);
        if (!s.ok())
            qFatal("annotate %d: %s", id, qPrintable(s.error()));
    }
    if (!tx.commit().ok())
        qFatal("commit failed");
    return project;
}

// Four image tasks 1..4 with rows that hold boxes or not: task 1 proposed by
// coco-import and yolo-import (and my own boxes, which propose nothing), 2
// answered by alice without boxes, 3 a review by bob, 4 alice's boxes.
inline const QJsonObject& someBoxes() {
    static const QJsonObject boxes{
        {QStringLiteral("boxes"),
         QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("car")},
                                {QStringLiteral("x"), 1},
                                {QStringLiteral("y"), 2},
                                {QStringLiteral("w"), 3},
                                {QStringLiteral("h"), 4}}}}};
    return boxes;
}

inline Status saveRow(Project& project, int id, const QString& annotator, const QJsonObject& result,
                      const QString& reviewOf = QString()) {
    Annotation a;
    a.taskUid = uidOf(id);
    a.annotator = annotator;
    a.result = result;
    a.reviewOf = reviewOf;
    return project.saveAnnotation(a);
}

inline std::unique_ptr<Project> makeProposalProject(const QString& path) {
    auto created = Project::create(path, {});
    if (!created.ok())
        qFatal("create: %s", qPrintable(created.error()));
    std::unique_ptr<Project> project = std::move(*created);
    project->setIdentity({kMe, QStringLiteral("device-1")});
    for (int id = 1; id <= 7; ++id) {
        Task task = makeTask(id * 50);  // image tasks (the index reads any kind's rows alike)
        task.uid = uidOf(id);
        if (!project->tasks().add(task).ok())
            qFatal("add task %d failed", id);
    }
    const Status saved[] = {
        saveRow(*project, 1, QStringLiteral("coco-import"), someBoxes()),
        saveRow(*project, 1, QStringLiteral("yolo-import"), someBoxes()),
        saveRow(*project, 1, kMe, someBoxes()),
        saveRow(*project, 2, kAlice, {{QStringLiteral("answers"), QJsonObject()}}),
        saveRow(*project, 3, QStringLiteral("bob"), someBoxes(), QStringLiteral("some-row")),
        saveRow(*project, 4, kAlice, someBoxes()),
        // Spans and segments propose as boxes do; an empty list proposes nothing.
        saveRow(*project, 5, QStringLiteral("spacy-import"),
                {{QStringLiteral("spans"),
                  QJsonArray{QJsonObject{{QStringLiteral("start"), 0},
                                         {QStringLiteral("end"), 3},
                                         {QStringLiteral("label"), QStringLiteral("ORG")}}}}}),
        saveRow(*project, 6, QStringLiteral("srt-import"),
                {{QStringLiteral("segments"),
                  QJsonArray{QJsonObject{{QStringLiteral("start"), 0},
                                         {QStringLiteral("end"), 1500},
                                         {QStringLiteral("text"), QStringLiteral("hello")}}}}}),
        saveRow(*project, 7, kAlice, {{QStringLiteral("spans"), QJsonArray()}})};
    for (const Status& s : saved)
        if (!s.ok())
            qFatal("annotate: %s", qPrintable(s.error()));
    return project;
}

inline int statusRank(const QString& status) {
    static const QStringList order{QStringLiteral("new"), QStringLiteral("draft"),
                                   QStringLiteral("submitted"), QStringLiteral("skipped")};
    return int(order.indexOf(status));
}

}  // namespace postil::tasklistfixture
