#pragma once

#include <QByteArray>
#include <QString>
#include <utility>
#include <vector>

namespace postil {

// What a version of an annotation row has seen: per device, the stamp of the
// last write that device made in the row's history (a version vector,
// docs/architecture.md §3). A write on device D sets D's entry to its own
// stamp on top of the lineage of the version it was made from, so
//   - a version made from another (an edit after a merge) dominates it;
//   - two versions neither of which dominates the other were made apart
//     (one annotator's two laptops both changed the task): a conflict.
// Stored in annotations.lineage as "DEVICE=STAMP;..." sorted by device; an
// empty column (a row written before lineages) stands for {device: hlc}.
class Lineage {
public:
    Lineage() = default;
    static Lineage parse(const QString& text);
    // The lineage a stored row stands for (its own write when the column is empty).
    static Lineage ofRow(const QString& text, const QString& device, qint64 hlc);
    QString toString() const;

    // This lineage with a write by 'device' at 'stamp' on top.
    Lineage with(const QString& device, qint64 stamp) const;
    // Everything either has seen (the entry-wise maximum).
    Lineage joined(const Lineage& other) const;
    // Whether this has seen everything 'other' has (entry-wise >=).
    bool dominates(const Lineage& other) const;
    bool isEmpty() const { return m_entries.empty(); }
    bool operator==(const Lineage& other) const { return m_entries == other.m_entries; }

private:
    std::vector<std::pair<QString, qint64>> m_entries;  // sorted by device, unique
};

}  // namespace postil
