#include "sync/versionset.h"

#include <QCryptographicHash>
#include <algorithm>

#include "model/lineage.h"

namespace postil {

namespace {
QByteArray payloadHash(const Annotation& a) {
    return QCryptographicHash::hash(a.payloadForHash(), QCryptographicHash::Sha256);
}

bool sameVersion(const Annotation& a, const Annotation& b) {
    return a.hlc == b.hlc && a.device == b.device;
}
}  // namespace

bool winsOver(const Annotation& a, const Annotation& b) {
    if (a.hlc != b.hlc)
        return a.hlc > b.hlc;
    if (a.device != b.device)
        return a.device > b.device;
    return payloadHash(a) > payloadHash(b);
}

ResolvedVersions resolveVersions(const QList<Annotation>& versions) {
    // One entry per version (hlc, device); should two differ in payload (only
    // a hand-made file has that), the rule picks one, the same everywhere.
    QList<Annotation> distinct;
    for (const Annotation& v : versions) {
        auto same = std::find_if(distinct.begin(), distinct.end(),
                                 [&](const Annotation& d) { return sameVersion(d, v); });
        if (same == distinct.end())
            distinct.append(v);
        else if (winsOver(v, *same))
            *same = v;
    }
    QList<Lineage> lineages;
    for (const Annotation& v : distinct)
        lineages.append(Lineage::ofRow(v.lineage, v.device, v.hlc));
    // Latest of each line of work: a version another one has seen is history.
    QList<Annotation> latest;
    for (qsizetype i = 0; i < distinct.size(); ++i) {
        bool seen = false;
        for (qsizetype j = 0; j < distinct.size() && !seen; ++j)
            seen = j != i && lineages[j].dominates(lineages[i]) &&
                   !(lineages[i].dominates(lineages[j]) && winsOver(distinct[i], distinct[j]));
        if (!seen)
            latest.append(distinct[i]);
    }
    std::sort(latest.begin(), latest.end(), [](const Annotation& a, const Annotation& b) {
        return a.hlc != b.hlc ? a.hlc < b.hlc : a.device < b.device;
    });
    ResolvedVersions out;
    qsizetype best = 0;
    for (qsizetype i = 1; i < latest.size(); ++i)
        if (winsOver(latest[i], latest[best]))
            best = i;
    if (latest.isEmpty())
        return out;
    out.live = latest.takeAt(best);
    out.conflicts = latest;
    return out;
}

}  // namespace postil
