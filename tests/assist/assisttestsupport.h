#pragma once

// Shared by the assist tests: stand-in model scripts written into the
// project's folder, and a project whose schema names them.

#include <QDir>
#include <QFile>
#include <QString>

#include "assist/assistmodel.h"
#include "assist/assistrun.h"
#include "model/project.h"
#include "testsupport.h"

namespace postil::assisttest {

// Writes a Python script `name` beside the project and returns the command
// that runs it, relative: the command runs in the project's folder.
inline QString script(const Project& project, const QString& name, const QByteArray& body) {
    writeFile(project.folder().absoluteFilePath(name),
              "import sys, json, os, time\n"
              "if '--version' in sys.argv:\n"
              "    print('" +
                  name.toUtf8() +
                  " 2.1')\n"
                  "    sys.exit(0)\n" +
                  body);
    return systemPython() + QLatin1Char(' ') + name;
}

// The project's schema with `models` (a JSON array's text) added.
inline void setModels(Project& project, const QByteArray& schemaJson) {
    auto schema = Schema::fromJsonText(schemaJson);
    QVERIFY2(schema.ok(), qPrintable(schema.error()));
    QVERIFY2(project.setSchema(*schema).ok(), "setSchema");
}

inline AssistModel model(Project& project, const QString& name) {
    auto found = assistmodels::find(project.schema(), name);
    if (!found.ok())
        qFatal("%s", qPrintable(found.error()));
    return *found;
}

inline QList<qint64> allTasks(Project& project, const AssistModel& m) {
    auto selection = AssistSelection::select(project, m, {}, AssistSelection::Status::All);
    if (!selection.ok())
        qFatal("%s", qPrintable(selection.error()));
    return selection->taskIds;
}

inline AssistReport run(Project& project, const QString& name, AssistOptions options = {}) {
    const AssistModel m = model(project, name);
    auto report = runAssist(project, m, allTasks(project, m), options);
    if (!report.ok())
        qFatal("%s", qPrintable(report.error()));
    return *report;
}

// The failure reported for the task of this uid ("task 3 (UID)"); empty for none.
inline QString failureOf(const AssistReport& report, const QString& uid) {
    for (const AssistReport::Failure& f : report.failures)
        if (f.task.contains(QStringLiteral("(%1)").arg(uid)))
            return f.reason;
    return {};
}

}  // namespace postil::assisttest
