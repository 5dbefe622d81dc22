#include "formats/vocformat.h"

#include <QFile>
#include <QFileInfo>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include "formats/detectionexport.h"
#include "formats/detectionimport.h"
#include "formats/importsession.h"
#include "model/boxprecision.h"
#include "model/project.h"

namespace postil {

namespace {

const QString kUnspecified = QStringLiteral("Unspecified");

// An annotation file is small: read it into a tree and look things up.
struct Node {
    QString name;
    QString text;
    qint64 line = 0;
    QList<Node> children;

    const Node* child(QLatin1String childName) const {
        for (const Node& c : children)
            if (c.name == childName)
                return &c;
        return nullptr;
    }
    QString childText(QLatin1String childName) const {
        const Node* c = child(childName);
        return c ? c->text : QString();
    }
};

// VOC nests four deep (annotation/object/bndbox/xmin); a file nesting far
// deeper is not VOC, and reading it by recursion would overflow the stack.
constexpr int kMaxDepth = 64;

Node readElement(QXmlStreamReader& xml, int depth = 1) {
    Node node;
    node.name = xml.name().toString();
    node.line = xml.lineNumber();
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement && depth >= kMaxDepth)
            xml.raiseError(QStringLiteral("elements nested more than %1 deep").arg(kMaxDepth));
        else if (token == QXmlStreamReader::StartElement)
            node.children << readElement(xml, depth + 1);
        else if (token == QXmlStreamReader::Characters)
            node.text += xml.text();
        else if (token == QXmlStreamReader::EndElement)
            break;
    }
    node.text = node.text.trimmed();
    return node;
}

Expected<Node> parseFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(file.errorString());
    QXmlStreamReader xml(&file);
    if (!xml.readNextStartElement())
        return Status::failure(QStringLiteral("line %1: no XML element (%2)")
                                   .arg(xml.lineNumber())
                                   .arg(xml.errorString()));
    Node root = readElement(xml);
    if (xml.hasError())
        return Status::failure(QStringLiteral("line %1, column %2: %3")
                                   .arg(xml.lineNumber())
                                   .arg(xml.columnNumber())
                                   .arg(xml.errorString()));
    return root;
}

bool truthy(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool();
    if (value.isDouble())
        return value.toDouble() != 0;
    const QString text = value.toString().trimmed().toLower();
    return text == QLatin1String("1") || text == QLatin1String("true") ||
           text == QLatin1String("yes");
}

QString attributeText(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return QString::fromLatin1(detection::exactNumber(value.toDouble()));
    return value.toString();
}

// A value from <attributes> as the schema types it; "true"/"false" of an
// attribute the schema does not know yet become a flag.
QJsonValue attributeValue(const Schema& schema, const QString& name, const QString& text) {
    for (const Attribute& a : schema.attributes)
        if (a.name == name)
            return a.type == QLatin1String("flag") ? QJsonValue(truthy(text)) : QJsonValue(text);
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return text == QLatin1String("true");
    return text;
}

Status readObject(const Node& object, int handle, const QString& where, DetectionImport& import) {
    ImportSession& session = import.session();
    const Node* bndbox = object.child(QLatin1String("bndbox"));
    if (!bndbox)
        return session.reportBad(where, QStringLiteral("an object without <bndbox>"));
    double v[4];
    const char* const names[] = {"xmin", "ymin", "xmax", "ymax"};
    for (int i = 0; i < 4; ++i) {
        bool ok = false;
        v[i] = bndbox->childText(QLatin1String(names[i])).toDouble(&ok);
        if (!ok)
            return session.reportBad(where, QStringLiteral("<%1> must be a number, not '%2'")
                                                .arg(QLatin1String(names[i]),
                                                     bndbox->childText(QLatin1String(names[i]))));
    }
    if (v[2] < v[0] || v[3] < v[1]) {
        session.warn(where, QStringLiteral("xmax/ymax lie before xmin/ymin; swapped"));
        if (v[2] < v[0])
            std::swap(v[0], v[2]);
        if (v[3] < v[1])
            std::swap(v[1], v[3]);
    }
    Box box;
    box.label = object.childText(QLatin1String("name"));
    box.x = v[0];
    box.y = v[1];
    box.w = detection::cleanDerived(v[2] - v[0]);
    box.h = detection::cleanDerived(v[3] - v[1]);
    // Only a set flag is kept: every labelImg object says 0, and a stored
    // "false" would add nothing but an attribute to the schema.
    for (const char* flag : {"difficult", "truncated", "occluded"})
        if (truthy(object.childText(QLatin1String(flag))))
            box.attrs.insert(QLatin1String(flag), true);
    const QString pose = object.childText(QLatin1String("pose"));
    if (!pose.isEmpty() && pose != kUnspecified)
        box.attrs.insert(QStringLiteral("pose"), pose);
    if (const Node* attributes = object.child(QLatin1String("attributes")))
        for (const Node& attribute : attributes->children) {
            const QString name = attribute.childText(QLatin1String("name"));
            if (!name.isEmpty())
                box.attrs.insert(name, attributeValue(session.project().schema(), name,
                                                      attribute.childText(QLatin1String("value"))));
        }
    return import.addBox(handle, std::move(box), where);
}

Status readFile(const QString& path, DetectionImport& import) {
    ImportSession& session = import.session();
    auto root = parseFile(path);
    if (!root.ok())
        return session.reportBad(path, root.error());
    if (root->name != QLatin1String("annotation"))
        return session.reportBad(path, QStringLiteral("not a Pascal VOC annotation (the root "
                                                      "element is <%1>, not <annotation>)")
                                           .arg(root->name));
    const QString fileName = detection::portablePath(root->childText(QLatin1String("filename")));
    const QString storedPath = detection::portablePath(root->childText(QLatin1String("path")));
    const QString folder = root->childText(QLatin1String("folder"));
    if (fileName.isEmpty() && storedPath.isEmpty())
        return session.reportBad(path, QStringLiteral("no <filename> or <path> names the image"));
    const QString name = fileName.isEmpty() ? storedPath.section(QLatin1Char('/'), -1) : fileName;

    // Where the image may be: <path> (labelImg writes the absolute path of the
    // machine it ran on), beside the XML, and the VOC layout's JPEGImages.
    const QDir xmlDir = QFileInfo(path).absoluteDir();
    QStringList candidates;
    if (!storedPath.isEmpty())
        candidates << import.candidatesFor(storedPath, xmlDir);
    candidates << import.candidatesFor(name, xmlDir);
    for (const QString& sibling : {QStringLiteral("JPEGImages"), QStringLiteral("images"), folder})
        if (!sibling.isEmpty())
            candidates << QDir::cleanPath(
                xmlDir.absoluteFilePath(QStringLiteral("../%1/%2").arg(sibling, name)));
    candidates.removeDuplicates();

    const QString reference =
        storedPath.isEmpty() || QDir::isAbsolutePath(storedPath) ? name : storedPath;
    auto handle = import.image(candidates, reference, QStringLiteral("image '%1'").arg(name), path);
    if (!handle.ok())
        return Status::failure(handle.error());
    if (*handle < 0)
        return Status::success();
    if (const Node* size = root->child(QLatin1String("size")))
        import.declareSize(*handle,
                           QSize(size->childText(QLatin1String("width")).toInt(),
                                 size->childText(QLatin1String("height")).toInt()),
                           path);
    import.markAnnotated(*handle);
    int index = 0;
    for (const Node& object : root->children) {
        if (object.name != QLatin1String("object"))
            continue;
        const QString where =
            QStringLiteral("%1:%2: object %3").arg(path).arg(object.line).arg(++index);
        Status s = readObject(object, *handle, where, import);
        if (!s.ok())
            return s;
    }
    return Status::success();
}

void writeText(QXmlStreamWriter& xml, const QString& name, const QString& text) {
    xml.writeTextElement(name, text);
}

QByteArray annotationXml(const ExportImage& image, const QDir& outDir, int decimals) {
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    const QFileInfo info(image.absolutePath);
    xml.writeStartElement(QStringLiteral("annotation"));
    writeText(xml, QStringLiteral("folder"), info.absoluteDir().dirName());
    writeText(xml, QStringLiteral("filename"), info.fileName());
    // Relative to this file, not an absolute path of the exporting machine.
    writeText(xml, QStringLiteral("path"),
              QDir::fromNativeSeparators(outDir.relativeFilePath(image.absolutePath)));
    xml.writeStartElement(QStringLiteral("source"));
    writeText(xml, QStringLiteral("database"), QStringLiteral("Unknown"));
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("size"));
    writeText(xml, QStringLiteral("width"), QString::number(image.size.width()));
    writeText(xml, QStringLiteral("height"), QString::number(image.size.height()));
    writeText(xml, QStringLiteral("depth"), QStringLiteral("3"));
    xml.writeEndElement();
    writeText(xml, QStringLiteral("segmented"), QStringLiteral("0"));
    const auto number = [decimals](double v) {
        return QString::fromLatin1(detection::fixedNumber(v, decimals));
    };
    for (const Box& box : image.boxes) {
        xml.writeStartElement(QStringLiteral("object"));
        writeText(xml, QStringLiteral("name"), box.label);
        const QJsonValue pose = box.attrs.value(QLatin1String("pose"));
        writeText(xml, QStringLiteral("pose"),
                  pose.isString() && !pose.toString().isEmpty() ? pose.toString() : kUnspecified);
        writeText(xml, QStringLiteral("truncated"),
                  truthy(box.attrs.value(QLatin1String("truncated"))) ? QStringLiteral("1")
                                                                      : QStringLiteral("0"));
        writeText(xml, QStringLiteral("difficult"),
                  truthy(box.attrs.value(QLatin1String("difficult"))) ? QStringLiteral("1")
                                                                      : QStringLiteral("0"));
        xml.writeStartElement(QStringLiteral("bndbox"));
        writeText(xml, QStringLiteral("xmin"), number(box.x));
        writeText(xml, QStringLiteral("ymin"), number(box.y));
        writeText(xml, QStringLiteral("xmax"), number(box.x + box.w));
        writeText(xml, QStringLiteral("ymax"), number(box.y + box.h));
        xml.writeEndElement();
        bool opened = false;
        for (auto it = box.attrs.begin(); it != box.attrs.end(); ++it) {
            if (it.key() == QLatin1String("pose") || it.key() == QLatin1String("truncated") ||
                it.key() == QLatin1String("difficult"))
                continue;
            if (!opened) {
                xml.writeStartElement(QStringLiteral("attributes"));
                opened = true;
            }
            xml.writeStartElement(QStringLiteral("attribute"));
            writeText(xml, QStringLiteral("name"), it.key());
            writeText(xml, QStringLiteral("value"), attributeText(it.value()));
            xml.writeEndElement();
        }
        if (opened)
            xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndDocument();
    return bytes;
}

}  // namespace

Expected<int> VocFormat::decimals(const ExportOptions& options) {
    const QString given = options.formatOptions.value(QLatin1String(kDecimalsOption));
    if (given.isEmpty())
        return 0;
    bool ok = false;
    const int n = given.toInt(&ok);
    if (!ok || n < 0 || n > boxprecision::kDecimals)
        return Status::failure(QStringLiteral("--%1 must be 0 to %2, not '%3'")
                                   .arg(QLatin1String(kDecimalsOption))
                                   .arg(boxprecision::kDecimals)
                                   .arg(given));
    return n;
}

bool VocFormat::probe(const QString& path) const {
    const QFileInfo info(path);
    if (info.isDir()) {
        if (QFileInfo(QDir(path).filePath(QStringLiteral("Annotations"))).isDir())
            return true;
        const QStringList xml = detection::sampleFiles(path, {QStringLiteral("xml")}, 1);
        return !xml.isEmpty() && probe(xml.first());
    }
    if (!Format::probe(path))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QXmlStreamReader xml(file.read(4096));
    return xml.readNextStartElement() && xml.name() == QLatin1String("annotation");
}

Status VocFormat::read(const QString& path, ImportSession& session) {
    DetectionImport import(session, name());
    Status begun = import.begin();
    if (!begun.ok())
        return begun;
    QStringList files;
    if (QFileInfo(path).isDir()) {
        const QDir dir(path);
        const QString annotations = dir.filePath(QStringLiteral("Annotations"));
        files = detection::filesUnder(QFileInfo(annotations).isDir() ? annotations : path,
                                      {QStringLiteral("xml")});
    } else {
        files << path;
    }
    return import.readAll(files, [&](const QString& file) { return readFile(file, import); });
}

Status VocFormat::write(Project& project, const QString& path, const ExportOptions& options,
                        ExportReport& report) {
    auto decimals = VocFormat::decimals(options);
    if (!decimals.ok())
        return Status::failure(decimals.error());
    return writeFilePerImage(project, path, options, report, QStringLiteral(".xml"),
                             [&](const ExportImage& image, const QDir& outDir) {
                                 return annotationXml(image, outDir, *decimals);
                             });
}

}  // namespace postil
