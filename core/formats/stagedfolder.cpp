#include "formats/stagedfolder.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <filesystem>
#include <system_error>

namespace postil {

namespace {

std::filesystem::path fsPath(const QString& path) {
    return QFileInfo(path).filesystemAbsoluteFilePath();
}

}  // namespace

StagedFolder::StagedFolder(const QString& destination)
    : m_destination(QDir::cleanPath(QFileInfo(destination).absoluteFilePath())) {}

StagedFolder::~StagedFolder() {
    if (m_committed)
        return;
    if (!m_staging.isEmpty())
        QDir(m_staging).removeRecursively();
    // Parent folders made for this export, emptied again: each goes while it
    // is empty, up to the first one begin() made.
    if (m_madeParent.isEmpty())
        return;
    for (QString folder = QFileInfo(m_destination).absolutePath(); QDir().rmdir(folder);
         folder = QFileInfo(folder).absolutePath())
        if (folder == m_madeParent)
            break;
}

Status StagedFolder::begin() {
    const QFileInfo info(m_destination);
    if (info.exists() && !info.isDir())
        return Status::failure(
            QStringLiteral("%1: is a file; this format writes one file per image into a folder")
                .arg(m_destination));
    const QString parent = info.absolutePath();
    if (!QFileInfo(parent).isDir()) {
        QString top = parent;
        while (!QFileInfo(QFileInfo(top).absolutePath()).exists())
            top = QFileInfo(top).absolutePath();
        if (!QDir().mkpath(parent))
            return Status::failure(QStringLiteral("%1: cannot make the folder").arg(parent));
        m_madeParent = top;
    }
    for (int attempt = 0; attempt < 16; ++attempt) {
        const QString candidate = QDir(parent).filePath(
            QStringLiteral(".%1.partial-%2")
                .arg(info.fileName())
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')));
        if (QDir().mkdir(candidate)) {
            m_staging = candidate;
            return Status::success();
        }
        if (!QFileInfo::exists(candidate))
            break;  // not a name clash: the folder cannot be written
    }
    return Status::failure(QStringLiteral("%1: cannot make the folder").arg(m_destination));
}

Status StagedFolder::finish(const Status& outcome) {
    if (outcome.ok())
        return commit();
    QString message = outcome.error();
    message.replace(m_staging, m_destination);
    return Status::failure(message);
}

Status StagedFolder::commit() {
    if (m_staging.isEmpty())
        return Status::failure(QStringLiteral("%1: the export was not started").arg(m_destination));
    if (!QFileInfo::exists(m_destination)) {
        std::error_code error;
        std::filesystem::rename(fsPath(m_staging), fsPath(m_destination), error);
        if (!error) {
            m_committed = true;
            return Status::success();
        }
        // Made meanwhile (another export into it): move the files in, as below.
    }
    Status moved = moveInto(m_staging, m_destination);
    if (!moved.ok())
        return moved;  // what was moved stays; the destructor removes the rest
    m_committed = true;
    QDir(m_staging).removeRecursively();
    return Status::success();
}

Status StagedFolder::moveInto(const QString& from, const QString& to) {
    if (!QDir().mkpath(to))
        return Status::failure(QStringLiteral("%1: cannot make the folder").arg(to));
    const QFileInfoList entries = QDir(from).entryInfoList(QDir::AllEntries | QDir::Hidden |
                                                           QDir::System | QDir::NoDotAndDotDot);
    for (const QFileInfo& entry : entries) {
        const QString target = QDir(to).filePath(entry.fileName());
        if (entry.isDir() && !entry.isSymLink()) {
            if (Status s = moveInto(entry.absoluteFilePath(), target); !s.ok())
                return s;
            continue;
        }
        // rename() replaces a file of the same name in one step: a reader of
        // the folder sees the old file or the new one, never neither.
        std::error_code error;
        std::filesystem::rename(fsPath(entry.absoluteFilePath()), fsPath(target), error);
        if (error)
            return Status::failure(QStringLiteral("%1: cannot move the new file into place: %2")
                                       .arg(target, QString::fromStdString(error.message())));
    }
    return Status::success();
}

}  // namespace postil
