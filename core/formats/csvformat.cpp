#include "formats/csvformat.h"

#include <QFile>
#include <QFileInfo>

#include "formats/csvreader.h"
#include "formats/importsession.h"

namespace postil {

namespace {

QString listColumns(const QStringList& header) {
    QStringList quoted;
    for (const QString& name : header)
        quoted << QLatin1Char('\'') + name + QLatin1Char('\'');
    return quoted.join(QStringLiteral(", "));
}

}  // namespace

Status CsvFormat::read(const QString& path, ImportSession& session) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const qint64 total = file.size();
    const QFileInfo info(path);
    const char delimiter =
        info.suffix().compare(QLatin1String("tsv"), Qt::CaseInsensitive) == 0 ? '\t' : ',';
    CsvReader reader(file, delimiter);
    auto readFailed = [&] {
        return Status::failure(QStringLiteral("%1: read failed: %2").arg(path, reader.error()));
    };

    QList<QByteArray> fields;
    const CsvReader::Result headerResult = reader.next(fields);
    if (headerResult == CsvReader::Result::End)
        return reader.error().isEmpty()
                   ? Status::failure(QStringLiteral("%1: empty; the first row must name the "
                                                    "columns")
                                         .arg(path))
                   : readFailed();
    if (headerResult == CsvReader::Result::Bad)
        return Status::failure(QStringLiteral("%1:%2: header: %3")
                                   .arg(path)
                                   .arg(reader.recordLine())
                                   .arg(reader.problem()));
    QStringList header;
    for (const QByteArray& name : fields) {
        auto decoded = decodeUtf8Strict(name);
        if (!decoded)
            return Status::failure(QStringLiteral("%1:%2: header: not valid UTF-8")
                                       .arg(path)
                                       .arg(reader.recordLine()));
        header << *decoded;
    }

    const QMap<QString, QString>& options = session.options().formatOptions;
    const QString textColumn = options.value(QStringLiteral("text-column"), QStringLiteral("text"));
    const QString idColumn = options.value(QStringLiteral("id-column"));
    const qsizetype textIndex = header.indexOf(textColumn);
    if (textIndex < 0)
        return Status::failure(QStringLiteral("%1: no column '%2' for the text (columns: %3); name "
                                              "the text column with the text-column option")
                                   .arg(path, textColumn, listColumns(header)));
    qsizetype idIndex = -1;
    if (!idColumn.isEmpty()) {
        idIndex = header.indexOf(idColumn);
        if (idIndex < 0)
            return Status::failure(QStringLiteral("%1: no column '%2' for the ids (columns: %3)")
                                       .arg(path, idColumn, listColumns(header)));
    }
    qsizetype queryIndex = header.indexOf(QStringLiteral("query"));
    if (queryIndex == textIndex || queryIndex == idIndex)
        queryIndex = -1;

    const QDir baseDir = info.absoluteDir();
    const QString prefix = path + QLatin1Char(':');
    qint64 records = 0;
    for (;;) {
        const CsvReader::Result result = reader.next(fields);
        if (result == CsvReader::Result::End)
            break;
        if ((++records & 0xff) == 0)
            session.progress(reader.bytesConsumed(), total);
        const QString where = prefix + QString::number(reader.recordLine());
        if (result == CsvReader::Result::Bad) {
            if (Status s = session.reportBad(where, reader.problem()); !s.ok())
                return s;
            continue;
        }
        if (fields.size() != header.size()) {
            Status s = session.reportBad(where, QStringLiteral("%1 fields where the header has %2")
                                                    .arg(fields.size())
                                                    .arg(header.size()));
            if (!s.ok())
                return s;
            continue;
        }
        TaskRecord record;
        record.kind = TaskKind::Text;
        QJsonObject meta;
        bool valid = true;
        for (qsizetype i = 0; i < fields.size() && valid; ++i) {
            auto value = decodeUtf8Strict(fields.at(i));
            if (!value) {
                valid = false;
                Status s = session.reportBad(
                    where, QStringLiteral("column '%1' is not valid UTF-8").arg(header.at(i)));
                if (!s.ok())
                    return s;
            } else if (i == textIndex) {
                record.data.insert(QStringLiteral("text"), *value);
            } else if (i == idIndex) {
                record.id = *value;
            } else if (i == queryIndex) {
                record.data.insert(QStringLiteral("query"), *value);
            } else {
                meta.insert(header.at(i), *value);
            }
        }
        if (!valid)
            continue;
        if (!meta.isEmpty())
            record.data.insert(QStringLiteral("meta"), meta);
        if (Status s = session.add(std::move(record), baseDir, where); !s.ok())
            return s;
    }
    if (!reader.error().isEmpty())
        return readFailed();
    session.progress(total, total);
    return Status::success();
}

}  // namespace postil
