#pragma once

#include <QString>
#include <memory>
#include <optional>

#include "media/peakpyramid.h"
#include "store/database.h"

namespace postil {

// Waveform peaks kept in the project file (table media_peaks, migration 4),
// so a reopened audio task draws at once instead of decoding again.
struct CachedPeaks {
    std::shared_ptr<PeakPyramid> pyramid;
    // What the decode met (the file cut short...), naming the file at `path`.
    QString damage;
};

namespace peakcache {

// The peaks cached for the media `hash` when the file at `path` is still the
// one they were made from (same size and modification time); nullopt when
// there are none, or they are stale or damaged (then they are decoded
// again). Fails only when the project cannot be read.
Expected<std::optional<CachedPeaks>> find(Database& db, const QString& hash, const QString& path);
// Keeps `pyramid` (complete) for the media `hash`, read from the file at
// `path` as it is now; `damage` as AudioSource::damage() said it.
Status store(Database& db, const QString& hash, const QString& path, const PeakPyramid& pyramid,
             const QString& damage);

}  // namespace peakcache
}  // namespace postil
