#include "shell/demoproject.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

#include "formats/importsession.h"
#include "model/project.h"

// Q_INIT_RESOURCE cannot be used inside a namespace. postil_ui is a static
// library: without this reference the linker drops the compiled-in resources
// from programs that do not name them themselves.
static void initPostilResources() {
    Q_INIT_RESOURCE(postil);
}

namespace postil {

namespace {

const QString kResourceRoot = QStringLiteral(":/demo");
const QString kSchema = QStringLiteral(":/demo/schema.json");
const QString kTasks = QStringLiteral(":/demo/tasks.jsonl");

// Copies the demo's media (everything under :/demo but the schema and the task
// list) into 'folder', keeping the sub-folders the task list refers to. A
// file that is already there is left as it is: it may be the user's.
Status copyMedia(const QDir& folder) {
    QDirIterator it(kResourceRoot, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        if (source == kSchema || source == kTasks)
            continue;
        const QString relative = source.mid(kResourceRoot.size() + 1);
        const QString target = folder.filePath(relative);
        if (QFileInfo::exists(target))
            continue;
        if (!QDir().mkpath(QFileInfo(target).absolutePath()))
            return Status::failure(QStringLiteral("%1: cannot create the folder")
                                       .arg(QFileInfo(target).absolutePath()));
        QFile in(source);
        QFile out(target);
        if (!in.open(QIODevice::ReadOnly))
            return Status::failure(QStringLiteral("%1: %2").arg(source, in.errorString()));
        // NewOnly: a file that appeared since the check above is not replaced.
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return Status::failure(QStringLiteral("%1: %2").arg(target, out.errorString()));
        const QByteArray bytes = in.readAll();
        if (out.write(bytes) != bytes.size() || !out.flush())
            return Status::failure(QStringLiteral("%1: %2").arg(target, out.errorString()));
    }
    return Status::success();
}

Expected<QByteArray> readResource(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return file.readAll();
}

// Removes a half-made project so the next ensure() starts over instead of
// returning it as if it were whole.
void removeProjectFiles(const QString& path) {
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

Status createProject(const QString& path, const QDir& folder) {
    auto schemaText = readResource(kSchema);
    if (!schemaText.ok())
        return Status::failure(schemaText.error());
    auto schema = Schema::fromJsonText(*schemaText);
    if (!schema.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(kSchema, schema.error()));
    auto tasks = readResource(kTasks);
    if (!tasks.ok())
        return Status::failure(tasks.error());

    Project::CreateOptions options;
    options.name = QStringLiteral("Postil demo");
    options.kind = TaskKind::Text;
    options.schema = *schema;
    auto project = Project::create(path, options);
    if (!project.ok())
        return Status::failure(project.error());

    // The task list names its media relative to its own folder, so it is
    // read from a scratch copy beside the media, removed afterwards.
    QTemporaryFile list(folder.filePath(QStringLiteral(".demo-tasks-XXXXXX.jsonl")));
    if (!list.open() || list.write(*tasks) != tasks->size() || !list.flush())
        return Status::failure(QStringLiteral("%1: cannot write the task list: %2")
                                   .arg(list.fileName(), list.errorString()));
    auto report = importFiles(**project, {list.fileName()}, QStringLiteral("jsonl"), {});
    if (!report.ok())
        return Status::failure(
            QStringLiteral("%1: importing the demo tasks: %2").arg(path, report.error()));
    return Status::success();
}

}  // namespace

QString DemoProject::defaultFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/demo");
}

Expected<QString> DemoProject::ensure(const QString& folderPath) {
    static const bool resources = (initPostilResources(), true);
    Q_UNUSED(resources);
    const QString folderName = folderPath.isEmpty() ? defaultFolder() : folderPath;
    if (!QDir().mkpath(folderName))
        return Status::failure(QStringLiteral("%1: cannot create the folder").arg(folderName));
    const QDir folder(QFileInfo(folderName).absoluteFilePath());
    const QString path = folder.filePath(fileName());
    if (QFileInfo::exists(path))
        return path;
    Status copied = copyMedia(folder);
    if (!copied.ok())
        return copied;
    Status created = createProject(path, folder);
    if (!created.ok()) {
        removeProjectFiles(path);
        return created;
    }
    return path;
}

}  // namespace postil
