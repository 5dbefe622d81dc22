#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "commands.h"
#include "console.h"
#include "formats/formatregistry.h"

namespace postil::cli {

namespace {

QString modeOf(const Format& f) {
    if (f.canRead() && f.canWrite())
        return QStringLiteral("read/write");
    if (f.canRead())
        return QStringLiteral("read");
    return f.canWrite() ? QStringLiteral("write") : QStringLiteral("-");
}

int runFormats(const Args& args) {
    const auto formats = FormatRegistry::instance().all();
    if (args.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const Format* f : formats)
            list.append(QJsonObject{
                {QStringLiteral("name"), f->name()},
                {QStringLiteral("read"), f->canRead()},
                {QStringLiteral("write"), f->canWrite()},
                {QStringLiteral("extensions"), QJsonArray::fromStringList(f->extensions())},
                {QStringLiteral("description"), f->description()}});
        printOut(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact)));
        return kExitOk;
    }
    QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("MODE"),
                             QStringLiteral("EXTENSIONS"), QStringLiteral("DESCRIPTION")}};
    for (const Format* f : formats)
        rows.append(
            {f->name(), modeOf(*f), f->extensions().join(QLatin1Char(',')), f->description()});
    QList<qsizetype> widths(3, 0);
    for (const QStringList& row : rows)
        for (int c = 0; c < 3; ++c)
            widths[c] = qMax(widths[c], row[c].size());
    for (const QStringList& row : rows)
        printOut(QStringLiteral("%1  %2  %3  %4")
                     .arg(row[0].leftJustified(widths[0]), row[1].leftJustified(widths[1]),
                          row[2].leftJustified(widths[2]), row[3]));
    return kExitOk;
}

}  // namespace

CommandSpec formatsCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("formats");
    spec.summary = QStringLiteral("List the formats that import reads and export writes.");
    spec.options = {
        {QStringLiteral("json"), QString(), QStringLiteral("One JSON array on stdout.")}};
    spec.run = runFormats;
    return spec;
}

}  // namespace postil::cli
