#pragma once

#include <QList>

#include "model/annotation.h"

namespace postil {

// One row key's versions after a merge (docs/architecture.md §3): of every
// version seen, those no other version has seen (the latest of each line of
// work), the greatest by (hlc, device, payload hash) live and the others kept
// as conflicts. The answer depends only on the set of versions given, so
// merging packs in any order, grouping or number of times gives the same rows.
struct ResolvedVersions {
    Annotation live;
    QList<Annotation> conflicts;  // ordered by (hlc, device)
};

ResolvedVersions resolveVersions(const QList<Annotation>& versions);

// Whether 'a' wins over 'b' by the merge rule (hlc, then device, then the
// SHA-256 of the payload).
bool winsOver(const Annotation& a, const Annotation& b);

}  // namespace postil
