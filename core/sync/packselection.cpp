#include "sync/packselection.h"

#include <QFile>
#include <QSet>
#include <QStringList>
#include <algorithm>

namespace postil {

namespace {

// How long a task list file may be: a million ids is far more than a pack.
constexpr qint64 kMaxListBytes = 64LL * 1024 * 1024;

const QStringList& statusWords() {
    static const QStringList words{
        QStringLiteral("all"),       QStringLiteral("unannotated"), QStringLiteral("unfinished"),
        QStringLiteral("submitted"), QStringLiteral("draft"),       QStringLiteral("skipped"),
        QStringLiteral("returned")};
    return words;
}

QString statusCondition(const QString& word) {
    const QString person = QStringLiteral(
        "a.task_uid = t.uid AND a.deleted = 0 AND a.review_of IS NULL AND substr(a.annotator, 1, "
        "6) <> 'model:'");
    if (word == QLatin1String("all"))
        return QStringLiteral("1");
    if (word == QLatin1String("unannotated"))
        return QStringLiteral("NOT EXISTS (SELECT 1 FROM annotations a WHERE %1)").arg(person);
    if (word == QLatin1String("unfinished"))
        return QStringLiteral("NOT EXISTS (SELECT 1 FROM annotations a WHERE %1 AND a.status IN "
                              "('submitted', 'skipped'))")
            .arg(person);
    if (word == QLatin1String("returned"))
        return QStringLiteral("EXISTS (SELECT 1 FROM annotations a WHERE a.task_uid = t.uid AND "
                              "a.deleted = 0 AND a.review_outcome = 'returned')");
    return QStringLiteral("EXISTS (SELECT 1 FROM annotations a WHERE %1 AND a.status = '%2')")
        .arg(person, word);
}

Expected<QSet<QString>> readList(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString()));
    if (file.size() > kMaxListBytes)
        return Status::failure(QStringLiteral("%1: larger than %2 MB; not a task list")
                                   .arg(path)
                                   .arg(kMaxListBytes >> 20));
    QSet<QString> entries;
    for (const QByteArray& line : file.readAll().split('\n')) {
        const QString entry = QString::fromUtf8(line).trimmed();
        if (!entry.isEmpty() && !entry.startsWith(QLatin1Char('#')))
            entries.insert(entry);
    }
    return entries;
}

}  // namespace

Expected<QList<qint64>> selectTasks(Project& project, const QString& filter) {
    QStringList statuses;
    QStringList kinds;
    QList<std::pair<qint64, qint64>> ranges;
    QSet<QString> listed;
    bool hasList = false;
    for (const QString& raw : filter.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString word = raw.trimmed();
        if (statusWords().contains(word)) {
            statuses.append(word);
        } else if (taskKindFromString(word)) {
            kinds.append(word);
        } else if (word.startsWith(QLatin1Char('@'))) {
            auto entries = readList(word.mid(1));
            if (!entries.ok())
                return Status::failure(entries.error());
            listed.unite(*entries);
            hasList = true;
        } else {
            const QStringList bounds = word.split(QLatin1Char('-'));
            bool okFrom = false;
            bool okTo = false;
            const qint64 from = bounds.value(0).toLongLong(&okFrom);
            const qint64 to = bounds.size() == 2 ? bounds[1].toLongLong(&okTo) : from;
            if (bounds.size() > 2 || !okFrom || (bounds.size() == 2 && !okTo) || to < from)
                return Status::failure(
                    QStringLiteral("--tasks: '%1' is not a status (%2), a kind (image, text, "
                                   "audio, compare), an id, a range like 1-500 or @FILE")
                        .arg(word, statusWords().join(QStringLiteral(", "))));
            ranges.append({from, to});
        }
    }
    QStringList where{QStringLiteral("1")};
    if (!statuses.isEmpty()) {
        QStringList any;
        for (const QString& s : statuses)
            any.append(statusCondition(s));
        where.append(QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    if (!kinds.isEmpty())
        where.append(QStringLiteral("t.kind IN ('%1')").arg(kinds.join(QStringLiteral("', '"))));
    if (!ranges.isEmpty()) {
        QStringList any;
        for (const auto& [from, to] : ranges)
            any.append(QStringLiteral("t.id BETWEEN %1 AND %2").arg(from).arg(to));
        where.append(QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    auto stmt = project.database().prepare(
        QStringLiteral("SELECT t.id, t.uid FROM tasks t WHERE %1 ORDER BY t.id")
            .arg(where.join(QStringLiteral(" AND "))));
    if (!stmt.ok())
        return Status::failure(stmt.error());
    QList<qint64> ids;
    while (stmt->next()) {
        if (hasList && !listed.contains(stmt->text(1)) &&
            !listed.contains(QString::number(stmt->int64(0))))
            continue;
        ids.append(stmt->int64(0));
    }
    if (!stmt->status().ok())
        return Status::failure(stmt->status().error());
    return ids;
}

QList<QList<qint64>> splitShares(const QList<qint64>& ids, int shares, int overlapPercent) {
    QList<QList<qint64>> out(qMax(shares, 1));
    const qsizetype n = ids.size();
    for (int s = 0; s < out.size(); ++s) {
        const qsizetype from = n * s / out.size();
        const qsizetype to = n * (s + 1) / out.size();
        out[s] = ids.mid(from, to - from);
    }
    if (overlapPercent > 0 && out.size() > 1) {
        const int every = qMax(1, int(100.0 / qMin(overlapPercent, 100) + 0.5));
        for (int s = 0; s < out.size(); ++s) {
            const qsizetype from = n * s / out.size();
            const qsizetype to = n * (s + 1) / out.size();
            QList<qint64>& next = out[(s + 1) % out.size()];
            for (qsizetype i = from; i < to; ++i)
                if ((i - from) % every == 0)
                    next.append(ids[i]);
        }
        for (QList<qint64>& share : out)
            std::sort(share.begin(), share.end());
    }
    return out;
}

}  // namespace postil
