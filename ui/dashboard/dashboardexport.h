#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>
#include <functional>

#include "store/status.h"

class QChart;
class QPainter;

namespace postil::dashboardexport {

// The size charts are written at, whatever the window's size.
inline constexpr QSize kChartSize{1200, 720};

// Writes `bytes` to `path` whole or not at all (QSaveFile); fails naming it.
Status writeFile(const QString& path, const QByteArray& bytes);
// Draws `paint` at `size` into NAME.png and NAME.svg in `folder`.
Status writePicture(const QString& folder, const QString& name, QSize size, const QString& title,
                    const std::function<void(QPainter&, QSize)>& paint);
// A chart (taken over and deleted) as NAME.png and NAME.svg.
Status writeChart(const QString& folder, const QString& name, QChart* chart);

}  // namespace postil::dashboardexport
