#pragma once

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include "sync/packmerger.h"
#include "sync/packwriter.h"

class QWidget;

namespace postil {

class Project;

// The studio's sync by files (docs/architecture.md "Sync by files"): File ▸
// Hand Out Work, Send Back My Work and Merge Packs. Each asks what it needs,
// runs core/sync's work on a worker thread with its own connection
// (ProjectJob: progress, Cancel) and says what happened.
class WorkSync {
    Q_DECLARE_TR_FUNCTIONS(WorkSync)

public:
    enum class Outcome {
        Changed,    // a merge brought rows in: reload the project
        Unchanged,  // nothing written to the project (a pack may have been written)
        Cancelled,  // stopped by Cancel or the user said no
    };

    // What one pack of a merge gave: its report, or why it was refused (or
    // not reached: Cancel).
    struct PackOutcome {
        QString path;
        bool merged = false;
        MergeReport report;
        QString error;
    };

    // The Hand Out Work dialog, then the packs.
    static Outcome handOut(QWidget* parent, Project& project);
    // Writes 'packs' (HandOutDialog::plan), then the summary.
    static Outcome writeHandOut(QWidget* parent, Project& project,
                                const QList<PackOutOptions>& packs);

    // Send Back My Work: a save dialog proposing sendBackName(), then the pack.
    static Outcome sendBack(QWidget* parent, Project& project);
    // The project's annotator's rows into 'output', then the summary.
    static Outcome writeSendBack(QWidget* parent, Project& project, const QString& output);
    // ANNOTATOR-back.postilpack beside the project; -2, -3… when taken.
    static QString sendBackName(const Project& project);

    // Asks for pack files (several at once) or, with 'folder', an inbox folder.
    static QStringList askMergePaths(QWidget* parent, const Project& project, bool folder);
    // Merges each of 'paths' (files, or folders of .postilpack files) on a
    // worker, one transaction each, then the summary. 'showConflicts' is set
    // when the user asked to see the conflicts the merge kept.
    static Outcome mergePacks(QWidget* parent, Project& project, const QStringList& paths,
                              bool* showConflicts = nullptr);
};

}  // namespace postil
