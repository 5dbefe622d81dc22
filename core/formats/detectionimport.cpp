#include "formats/detectionimport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <cmath>

#include "formats/importsession.h"
#include "media/imageprobe.h"
#include "model/boxprecision.h"
#include "model/project.h"

namespace postil {

namespace {

QString sizeText(QSize size) {
    return QStringLiteral("%1×%2").arg(size.width()).arg(size.height());
}

QString boxText(const Box& box) {
    return QStringLiteral("(x %1, y %2, %3×%4)")
        .arg(QString::fromLatin1(detection::exactNumber(box.x)),
             QString::fromLatin1(detection::exactNumber(box.y)),
             QString::fromLatin1(detection::exactNumber(box.w)),
             QString::fromLatin1(detection::exactNumber(box.h)));
}

}  // namespace

DetectionImport::DetectionImport(ImportSession& session, const QString& format)
    : m_session(session),
      m_annotator(format + QStringLiteral("-import")),
      m_imagesRoot(session.options().formatOptions.value(QStringLiteral("images"))),
      m_schema(session.project().schema()) {}

Status DetectionImport::begin() {
    return m_session.project().tasks().forEachImageTask([this](const TaskStore::ImageTask& task) {
        const auto index = qsizetype(m_tasks.size());
        m_tasks.push_back(task);
        if (!task.mediaHash.isEmpty() && !m_byHash.contains(task.mediaHash))
            m_byHash.insert(task.mediaHash, index);
        if (!m_byPath.contains(task.path))
            m_byPath.insert(task.path, index);
        const QString name = task.path.section(QLatin1Char('/'), -1);
        auto named = m_byName.find(name);
        if (named == m_byName.end())
            m_byName.insert(name, index);
        else if (*named >= 0 &&
                 (m_tasks[size_t(*named)].mediaHash != task.mediaHash || task.mediaHash.isEmpty()))
            *named = -1;  // two different images of that name: the name tells nothing
        return Status::success();
    });
}

QStringList DetectionImport::candidatesFor(const QString& relative, const QDir& base) const {
    const QString path = detection::portablePath(relative);
    if (QDir::isAbsolutePath(path))
        return {QDir::cleanPath(path)};
    QStringList list;
    if (!m_imagesRoot.isEmpty()) {
        const QDir root(m_imagesRoot);
        list << QDir::cleanPath(root.absoluteFilePath(path));
        const QString name = path.section(QLatin1Char('/'), -1);
        if (name != path)
            list << QDir::cleanPath(root.absoluteFilePath(name));
    }
    list << QDir::cleanPath(base.absoluteFilePath(path));
    return list;
}

int DetectionImport::handleFor(const QString& key, Image image) {
    if (auto it = m_handles.constFind(key); it != m_handles.constEnd())
        return *it;
    const int handle = int(m_images.size());
    m_images.push_back(std::move(image));
    m_handles.insert(key, handle);
    return handle;
}

Expected<int> DetectionImport::image(const QStringList& candidates, const QString& reference,
                                     const QString& what, const QString& where) {
    Project& project = m_session.project();
    for (const QString& candidate : candidates) {
        if (!QFileInfo(candidate).isFile())
            continue;
        auto media = m_session.mediaFile(candidate, TaskKind::Image);
        if (!media.ok()) {
            Status bad = m_session.reportBad(where, media.error());
            return bad.ok() ? Expected<int>(-1) : Expected<int>(bad);
        }
        Image image;
        image.where = where;
        image.size = media->size;
        if (auto known = m_byHash.constFind(media->hash); known != m_byHash.constEnd()) {
            const TaskStore::ImageTask& task = m_tasks[size_t(*known)];
            image.taskUid = task.uid;
            if (task.size.isValid()) {
                image.size = task.size;
            } else if (media->size.isValid()) {
                // A project from before sizes were stored: fill the row in.
                Status filled = project.tasks().addMedia(
                    media->hash, project.storedMediaPath(candidate), media->bytes, media->size);
                if (!filled.ok())
                    return Status::failure(QStringLiteral("%1: %2").arg(where, filled.error()));
            }
            return handleFor(QStringLiteral("task:") + task.uid, std::move(image));
        }
        if (!media->size.isValid()) {
            auto probe = ImageProbe::probe(candidate);
            Status bad = m_session.reportBad(
                where, QStringLiteral("%1: %2").arg(
                           what, probe.ok() ? QStringLiteral("unreadable") : probe.error()));
            return bad.ok() ? Expected<int>(-1) : Expected<int>(bad);
        }
        image.absolutePath = candidate;
        return handleFor(QStringLiteral("file:") + media->hash, std::move(image));
    }
    return findExisting(candidates, reference, what, where);
}

int DetectionImport::findExisting(const QStringList& candidates, const QString& reference,
                                  const QString& what, const QString& where) {
    Project& project = m_session.project();
    qsizetype found = -1;
    for (const QString& candidate : candidates) {
        found = m_byPath.value(project.storedMediaPath(candidate), -1);
        if (found >= 0)
            break;
    }
    const QString ref = QDir::cleanPath(detection::portablePath(reference));
    if (found < 0)
        found = m_byPath.value(ref, -1);
    if (found < 0) {
        const QString name = ref.section(QLatin1Char('/'), -1);
        auto named = m_byName.constFind(name);
        if (named != m_byName.constEnd() && *named < 0) {
            m_session.warn(where, QStringLiteral("%1 is not found next to the file, and several "
                                                 "tasks of the project have an image named '%2'; "
                                                 "skipped (pass --images DIR to say where the "
                                                 "images are)")
                                      .arg(what, name));
            return -1;
        }
        if (named != m_byName.constEnd())
            found = *named;
    }
    if (found < 0) {
        m_session.warn(where, QStringLiteral("%1 is not in the project and not found next to the "
                                             "file (looked for %2); skipped")
                                  .arg(what, candidates.value(0, reference)));
        return -1;
    }
    return handleForTask(found, where);
}

int DetectionImport::handleForTask(qsizetype index, const QString& where) {
    const TaskStore::ImageTask& task = m_tasks[size_t(index)];
    if (auto it = m_handles.constFind(QStringLiteral("task:") + task.uid);
        it != m_handles.constEnd())
        return *it;
    Image image;
    image.taskUid = task.uid;
    image.where = where;
    image.size = task.size;
    if (!image.size.isValid()) {
        // Stored before sizes were: read the header of the project's copy.
        const QString path = m_session.project().absoluteMediaPath(task.path);
        if (auto probe = ImageProbe::probe(path); probe.ok())
            image.size = probe->size;
    }
    return handleFor(QStringLiteral("task:") + task.uid, std::move(image));
}

int DetectionImport::imageByBaseName(const QString& baseName, const QString& where) {
    if (m_byBaseName.isEmpty())
        for (qsizetype i = 0; i < qsizetype(m_tasks.size()); ++i) {
            const QString base = QFileInfo(m_tasks[size_t(i)].path).completeBaseName();
            auto it = m_byBaseName.find(base);
            if (it == m_byBaseName.end())
                m_byBaseName.insert(base, i);
            else if (*it >= 0 && m_tasks[size_t(*it)].mediaHash != m_tasks[size_t(i)].mediaHash)
                *it = -1;
        }
    const qsizetype found = m_byBaseName.value(baseName, -2);
    if (found == -1) {
        m_session.warn(where, QStringLiteral("several images of the project are named '%1.*'; "
                                             "skipped (pass --images DIR to say where the "
                                             "images are)")
                                  .arg(baseName));
        return -1;
    }
    if (found < 0) {
        m_session.warn(where, QStringLiteral("no image named '%1.*' is in the project or beside "
                                             "the file (or in images/); skipped")
                                  .arg(baseName));
        return -1;
    }
    return handleForTask(found, where);
}

void DetectionImport::declareSize(int handle, QSize declared, const QString& where) {
    if (!declared.isValid() || declared.isEmpty())
        return;
    Image& image = m_images[size_t(handle)];
    if (!image.size.isValid()) {
        image.size = declared;
        return;
    }
    if (declared == image.size)
        return;
    if (declared == image.size.transposed())
        m_session.warn(where, QStringLiteral("the file says the image is %1 but it displays as %2 "
                                             "(its EXIF orientation turns it); the boxes are "
                                             "taken as given, in the displayed image")
                                  .arg(sizeText(declared), sizeText(image.size)));
    else
        m_session.warn(where, QStringLiteral("the file says the image is %1 but it is %2; the "
                                             "boxes are taken as given")
                                  .arg(sizeText(declared), sizeText(image.size)));
}

Status DetectionImport::addBox(int handle, Box box, const QString& where) {
    if (!std::isfinite(box.x) || !std::isfinite(box.y) || !std::isfinite(box.w) ||
        !std::isfinite(box.h))
        return m_session.reportBad(where, QStringLiteral("a box coordinate is not a number"));
    box.label = box.label.trimmed();
    if (box.label.isEmpty())
        return m_session.reportBad(where, QStringLiteral("a box without a label"));
    // Stored to the project's precision (0.01 px): the noise of a YOLO centre
    // times the image width must not reach the file. A box thinner than that
    // is left with no area below.
    const boxprecision::Edges edges = boxprecision::roundedEdges(box.x, box.y, box.w, box.h);
    box.x = edges.x;
    box.y = edges.y;
    box.w = edges.w;
    box.h = edges.h;
    Image& image = m_images[size_t(handle)];
    if (box.w <= 0 || box.h <= 0) {
        m_session.warn(
            where, QStringLiteral("box '%1' %2 has no area; skipped").arg(box.label, boxText(box)));
        return Status::success();
    }
    if (image.size.isValid()) {
        const double width = image.size.width();
        const double height = image.size.height();
        const double x0 = qBound(0.0, box.x, width);
        const double y0 = qBound(0.0, box.y, height);
        const double x1 = qBound(0.0, box.x + box.w, width);
        const double y1 = qBound(0.0, box.y + box.h, height);
        if (x1 <= x0 || y1 <= y0) {
            m_session.warn(where, QStringLiteral("box '%1' %2 lies outside the %3 image; skipped")
                                      .arg(box.label, boxText(box), sizeText(image.size)));
            return Status::success();
        }
        if (x0 != box.x || y0 != box.y || x1 != box.x + box.w || y1 != box.y + box.h) {
            const QString before = boxText(box);
            box.x = x0;
            box.y = y0;
            box.w = detection::cleanDerived(x1 - x0);
            box.h = detection::cleanDerived(y1 - y0);
            m_session.warn(where, QStringLiteral("box '%1' %2 reaches outside the %3 image; "
                                                 "clamped to %4")
                                      .arg(box.label, before, sizeText(image.size), boxText(box)));
        }
    }
    noteLabel(box.label, where);
    noteAttributes(box.attrs, where);
    image.annotated = true;
    image.boxes << std::move(box);
    return Status::success();
}

void DetectionImport::noteLabel(const QString& name, const QString& where) {
    if (m_labelNames.isEmpty())
        for (const Label& label : std::as_const(m_schema.labels))
            m_labelNames.insert(label.name);
    if (m_labelNames.contains(name))
        return;
    const Label label = detection::newLabel(m_schema, name);
    m_schema.labels << label;
    m_labelNames.insert(name);
    m_schemaChanged = true;
    m_session.warn(where, QStringLiteral("label '%1' is not in the project's schema; added it "
                                         "(colour %2)")
                              .arg(name, label.color));
}

void DetectionImport::noteAttributes(const QJsonObject& attrs, const QString& where) {
    if (attrs.isEmpty())
        return;
    if (m_attributeNames.isEmpty())
        for (const Attribute& attribute : std::as_const(m_schema.attributes))
            m_attributeNames.insert(attribute.name);
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        if (m_attributeNames.contains(it.key()))
            continue;
        Attribute attribute;
        attribute.name = it.key();
        attribute.type = it.value().isBool() ? QStringLiteral("flag") : QStringLiteral("text");
        m_schema.attributes << attribute;
        m_attributeNames.insert(attribute.name);
        m_schemaChanged = true;
        m_session.warn(where, QStringLiteral("attribute '%1' is not in the project's schema; "
                                             "added it as a %2 attribute")
                                  .arg(attribute.name, attribute.type));
    }
}

Status DetectionImport::finish() {
    if (Status s = m_session.saveGrownSchema(m_schema, m_schemaChanged); !s.ok())
        return s;
    for (Image& image : m_images) {
        QList<Annotation> annotations;
        if (image.annotated) {
            Annotation a;
            a.annotator = m_annotator;
            a.status = AnnotationStatus::Draft;  // pre-annotations, to be checked
            a.result = boxresult::withBoxes(QJsonObject(), image.boxes);
            annotations << std::move(a);
        }
        Status s = Status::success();
        if (image.taskUid.isEmpty()) {
            TaskRecord record;
            record.kind = TaskKind::Image;
            record.data.insert(QStringLiteral("image"), image.absolutePath);
            record.annotations = std::move(annotations);
            s = m_session.add(std::move(record), QDir(), image.where);
        } else if (!annotations.isEmpty()) {
            s = m_session.addAnnotations(image.taskUid, std::move(annotations), image.where);
        }
        if (!s.ok())
            return s;
    }
    m_images.clear();
    m_handles.clear();
    return Status::success();
}

Status DetectionImport::readAll(const QStringList& files,
                                const std::function<Status(const QString& file)>& readOne) {
    for (qsizetype i = 0; i < files.size(); ++i) {
        m_session.progress(i, files.size());
        if (Status s = readOne(files.at(i)); !s.ok())
            return s;
    }
    m_session.progress(files.size(), files.size());
    return finish();
}

Status DetectionImport::importJsonFile(
    ImportSession& session, const QString& format, const QString& title, const QString& path,
    const std::function<Status(const QString& file, DetectionImport& import)>& readFile) {
    if (QFileInfo(path).isDir())
        return Status::failure(
            QStringLiteral("%1: is a folder; %2 is one .json file").arg(path, title));
    DetectionImport import(session, format);
    if (Status begun = import.begin(); !begun.ok())
        return begun;
    if (Status s = readFile(path, import); !s.ok())
        return s;
    return import.finish();
}

}  // namespace postil
