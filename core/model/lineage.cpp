#include "model/lineage.h"

#include <QStringList>
#include <algorithm>

namespace postil {

Lineage Lineage::parse(const QString& text) {
    Lineage lineage;
    for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.lastIndexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        bool ok = false;
        const qint64 stamp = part.mid(eq + 1).toLongLong(&ok);
        if (ok)
            lineage = lineage.with(part.left(eq), stamp);
    }
    return lineage;
}

Lineage Lineage::ofRow(const QString& text, const QString& device, qint64 hlc) {
    Lineage lineage = parse(text);
    return lineage.isEmpty() ? Lineage().with(device, hlc) : lineage;
}

QString Lineage::toString() const {
    QStringList parts;
    parts.reserve(qsizetype(m_entries.size()));
    for (const auto& [device, stamp] : m_entries)
        parts.append(device + QLatin1Char('=') + QString::number(stamp));
    return parts.join(QLatin1Char(';'));
}

Lineage Lineage::with(const QString& device, qint64 stamp) const {
    Lineage out = *this;
    auto it = std::lower_bound(out.m_entries.begin(), out.m_entries.end(), device,
                               [](const auto& entry, const QString& d) { return entry.first < d; });
    if (it != out.m_entries.end() && it->first == device)
        it->second = std::max(it->second, stamp);
    else
        out.m_entries.insert(it, {device, stamp});
    return out;
}

Lineage Lineage::joined(const Lineage& other) const {
    Lineage out = *this;
    for (const auto& [device, stamp] : other.m_entries)
        out = out.with(device, stamp);
    return out;
}

bool Lineage::dominates(const Lineage& other) const {
    auto mine = m_entries.begin();
    for (const auto& [device, stamp] : other.m_entries) {
        while (mine != m_entries.end() && mine->first < device)
            ++mine;
        if (mine == m_entries.end() || mine->first != device || mine->second < stamp)
            return false;
    }
    return true;
}

}  // namespace postil
