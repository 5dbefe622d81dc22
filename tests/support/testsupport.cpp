#include "testsupport.h"

#include <QJsonDocument>

#include <sndfile.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>
#include <vector>

#include "store/migrations.h"

namespace postil {

std::unique_ptr<Project> makeProject(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    auto project = Project::create(path, {});
    if (!project.ok())
        qFatal("cannot create %s: %s", qPrintable(path), qPrintable(project.error()));
    return std::move(*project);
}

QJsonObject jsonObject(const QByteArray& text) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test JSON does not parse as an object: %s", qPrintable(error.errorString()));
    return document.object();
}

Task addTask(Project& project, const QString& uid, TaskKind kind, const QJsonObject& data,
             const QString& mediaHash) {
    Task task;
    task.uid = uid;
    task.kind = kind;
    task.data = data;
    task.mediaHash = mediaHash;
    task.preview = Task::previewFor(kind, data);
    const auto added = project.tasks().add(task);
    if (!added.ok())
        qFatal("cannot add task %s: %s", qPrintable(uid), qPrintable(added.error()));
    return task;
}

Task addImageTask(Project& project, const QString& uid, int number, QSize size) {
    const QString hash = QStringLiteral("%1").arg(number, 64, 16, QLatin1Char('0'));
    const QString media = QStringLiteral("media/%1.jpg").arg(number);
    const Status added = project.tasks().addMedia(hash, media, 1000, size);
    if (!added.ok())
        qFatal("cannot add media %s: %s", qPrintable(media), qPrintable(added.error()));
    return addTask(project, uid, TaskKind::Image, {{QStringLiteral("image"), media}}, hash);
}

void addAnnotation(Project& project, const QString& taskUid, const QString& annotator,
                   AnnotationStatus status, const QJsonObject& result) {
    Annotation annotation;
    annotation.taskUid = taskUid;
    annotation.annotator = annotator;
    annotation.status = status;
    annotation.result = result;
    const Status saved = project.saveAnnotation(annotation);
    if (!saved.ok())
        qFatal("cannot save an annotation of %s: %s", qPrintable(taskUid),
               qPrintable(saved.error()));
}

std::unique_ptr<Project> makeProject(const QString& path, const QByteArray& schemaJson) {
    auto schema = Schema::fromJsonText(schemaJson);
    if (!schema.ok())
        qFatal("bad test schema: %s", qPrintable(schema.error()));
    QDir().mkpath(QFileInfo(path).absolutePath());
    Project::CreateOptions options;
    options.schema = *schema;
    auto project = Project::create(path, options);
    if (!project.ok())
        qFatal("cannot create %s: %s", qPrintable(path), qPrintable(project.error()));
    return std::move(*project);
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QVERIFY2(writeBytes(path, bytes), qPrintable(path));
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeWav(const QString& path, int rate, int channels, qint64 frames) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* file = sf_open(QFile::encodeName(path).constData(), SFM_WRITE, &info);
    if (!file)
        return false;
    std::vector<short> samples(size_t(frames * channels));
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = short(((i * 440 * 2 / size_t(rate)) % 2) ? 3000 : -3000);
    const sf_count_t written = sf_writef_short(file, samples.data(), frames);
    return sf_close(file) == 0 && written == frames;
}

QString systemPython() {
    const QString debian = QStringLiteral("/usr/bin/python3");
    return QFileInfo(debian).isExecutable() ? debian : QStringLiteral("python3");
}

QString sqlBackToVersion(int version) {
    // Undo of migration N, newest first.
    static const char* const undo[] = {
        nullptr,
        nullptr,
        "ALTER TABLE media DROP COLUMN width; ALTER TABLE media DROP COLUMN height;",
        "DROP TRIGGER task_search_insert; DROP TRIGGER task_search_delete; "
        "DROP TRIGGER task_search_update; DROP TABLE task_search; DROP INDEX tasks_by_preview;",
        "DROP TABLE media_peaks;",
        "DROP TABLE annotation_conflicts; DROP TABLE pack_manifest; DROP TABLE pack_tasks; "
        "DROP TABLE pack_media; DROP TABLE merged_packs; "
        "ALTER TABLE annotations DROP COLUMN lineage;",
    };
    constexpr int known = int(sizeof(undo) / sizeof(undo[0])) - 1;
    if (Migrations::latestVersion() != known)
        qFatal("sqlBackToVersion knows %d migrations, the build has %d: add the undo", known,
               Migrations::latestVersion());
    QString sql;
    for (int v = known; v > version; --v)
        sql += QString::fromLatin1(undo[v]) + QLatin1Char(' ');
    return sql + QStringLiteral("PRAGMA user_version = %1;").arg(version);
}

}  // namespace postil
