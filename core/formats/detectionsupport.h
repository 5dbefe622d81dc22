#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "model/boxresult.h"
#include "store/status.h"

namespace postil {
class Statement;
struct ExportOptions;
}  // namespace postil

class QJsonDocument;

namespace postil {

class Schema;
struct Label;

// Pieces the five detection formats (COCO, VOC, YOLO, labelme, CreateML)
// share. Their boxes are model/boxresult's Box, read and written by it.
namespace detection {

// A stored value, exactly: the shortest text that reads back as the same
// double, integers without a decimal point ("12", "12.25").
QByteArray exactNumber(double value);
void appendExactNumber(QByteArray& out, double value);
// A value the format derives from stored ones (a corner x + w, a centre):
// rounded to 6 decimals with trailing zeros dropped, so that floating-point
// noise (50.300000000000004) never reaches the file and a file read and
// written again keeps its numbers.
QByteArray derivedNumber(double value);
// 'value' rounded to 'decimals' (0 gives an integer), trailing zeros dropped.
QByteArray fixedNumber(double value, int decimals);
// The reverse on import: a value computed from the file's numbers (w = xmax -
// xmin) rounded to 1e-9 px, which removes the noise of the subtraction.
double cleanDerived(double value);

// Reads a whole JSON file; errors name the line and column (the caller adds
// the file).
Expected<QJsonDocument> readJsonFile(const QString& path);
// The first and last bytes of a file, for cheap content sniffing in probe().
QByteArray fileHeadAndTail(const QString& path, qint64 bytes = qint64(1) << 20);
// Whether 'text' has "key" followed by a colon: a JSON object key.
bool hasJsonKey(const QByteArray& text, const char* key);

// Up to 'limit' files directly in 'folder' whose suffix is one of
// 'suffixes' (lower case, no dot), sorted: a sample for probe() that never
// walks a folder of 100,000 files.
QStringList sampleFiles(const QString& folder, const QStringList& suffixes, int limit = 8);
// Every file under 'folder' (recursively) with one of 'suffixes', sorted so
// the import order does not depend on the file system.
QStringList filesUnder(const QString& folder, const QStringList& suffixes);

// A file name as a format wrote it, with '/' separators (labelme files made
// on Windows hold backslashes).
QString portablePath(const QString& reference);

// The colour for a label added to the schema by an import: the first of a
// palette of distinct colours the schema does not use yet.
QString unusedLabelColor(const Schema& schema);
// A label named 'name' to add to 'schema': an unused colour and the first
// free number key (none when 1-0 are taken). For every kind.
Label newLabel(const Schema& schema, const QString& name);

// Class ids of the label names: a starting list (the schema's labels, or an
// existing classes.txt), then every other name in the order it is met.
class LabelIndex {
public:
    explicit LabelIndex(const QStringList& names);
    // 0-based id; a name not seen yet is appended.
    int idOf(const QString& name);
    const QStringList& names() const { return m_names; }
    // The names that were not in the starting list.
    QStringList added() const { return m_names.mid(m_initial); }

private:
    QStringList m_names;
    QHash<QString, int> m_ids;
    qsizetype m_initial = 0;
};

// Warnings that could repeat for every one of 100,000 tasks: the first few
// of a kind are listed, then one line counts the rest.
// The annotation a task is exported with when a format holds one per task
// (the detection and speech exports), among those that match the filters:
// a review first, then submitted work, then drafts, then skipped rows; then
// the latest (HLC); then the annotator's name.
struct Candidate {
    int rank = -1;  // 3 review, 2 submitted, 1 draft, 0 skipped
    qint64 hlc = 0;
    QString annotator;
    QByteArray result;

    static int rankOf(bool isReview, const QString& status) {
        return isReview                               ? 3
               : status == QLatin1String("submitted") ? 2
               : status == QLatin1String("draft")     ? 1
                                                      : 0;
    }
    bool beats(const Candidate& other) const {
        if (rank != other.rank)
            return rank > other.rank;
        if (hlc != other.hlc)
            return hlc > other.hlc;
        return annotator < other.annotator;
    }
};

// Picks a task's Candidate from its rows of the exports' LEFT JOIN: offer()
// each row, then best() is the one to export (when count() > 0); with none,
// otherStatus() says whether rows were there but of no status asked for.
class CandidatePicker {
public:
    void reset() { *this = CandidatePicker(); }
    // The row's annotation in columns first.. first+4: annotator, status,
    // result, review_of, hlc. A NULL annotator (no annotation) is passed over.
    void offer(const Statement& rows, int first, const ExportOptions& options);
    const Candidate& best() const { return m_best; }
    int count() const { return m_count; }
    bool otherStatus() const { return m_otherStatus; }

private:
    Candidate m_best;
    int m_count = 0;
    bool m_otherStatus = false;
};

// What a CandidatePicker export left out, as warnings: tasks with no
// annotation (`unannotated`, with why that is not an empty answer), tasks with
// only other statuses, tasks exported with one of several annotators'. `noun`
// names the tasks ("image", "audio").
struct LeftOut {
    qint64 unannotated = 0;
    qint64 otherStatus = 0;
    qint64 ambiguous = 0;
};
void warnLeftOut(QStringList& warnings, const ExportOptions& options, const LeftOut& leftOut,
                 const QString& noun, const QString& whyNotEmpty);

class WarningTally {
public:
    explicit WarningTally(int listed = 10) : m_listed(listed) {}
    void add(const QString& kind, const QString& text);
    // Appends what was gathered to 'out'.
    void flushInto(QStringList& out);
    // Takes in what 'later' gathered, as if added here after what this holds.
    void append(const WarningTally& later);

private:
    struct Kind {
        QStringList listed;
        qint64 more = 0;
    };
    int m_listed;
    QStringList m_order;
    QHash<QString, Kind> m_kinds;
};

}  // namespace detection
}  // namespace postil
