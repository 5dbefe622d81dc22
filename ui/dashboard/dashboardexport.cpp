#include "dashboard/dashboardexport.h"

#include <QBuffer>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace postil::dashboardexport {

Status writeFile(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return Status::success();
}

Status writePicture(const QString& folder, const QString& name, QSize size, const QString& title,
                    const std::function<void(QPainter&, QSize)>& paint) {
    const QDir dir(folder);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        paint(painter, size);
    }
    QByteArray png;
    QBuffer pngBuffer(&png);
    pngBuffer.open(QIODevice::WriteOnly);
    if (!image.save(&pngBuffer, "PNG"))
        return Status::failure(QStringLiteral("%1: the picture could not be encoded")
                                   .arg(dir.filePath(name + QStringLiteral(".png"))));
    if (Status s = writeFile(dir.filePath(name + QStringLiteral(".png")), png); !s.ok())
        return s;

    // SVG: the same drawing as vectors, into memory first so a failure
    // leaves no half-written file.
    QByteArray svg;
    QBuffer svgBuffer(&svg);
    QSvgGenerator generator;
    generator.setOutputDevice(&svgBuffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Postil quality dashboard"));
    {
        QPainter painter;
        if (!painter.begin(&generator))
            return Status::failure(QStringLiteral("%1: the SVG could not be drawn")
                                       .arg(dir.filePath(name + QStringLiteral(".svg"))));
        paint(painter, size);
        painter.end();
    }
    return writeFile(dir.filePath(name + QStringLiteral(".svg")), svg);
}

Status writeChart(const QString& folder, const QString& name, QChart* chart) {
    // A view of its own at a fixed size, never shown: QWidget::render sends
    // the pending resize, which lays the chart out (QGraphicsView's render
    // would draw the scene as it stands).
    QChartView view(chart);
    view.setRenderHint(QPainter::Antialiasing);
    view.resize(kChartSize);
    return writePicture(
        folder, name, kChartSize, chart->title(), [&view](QPainter& painter, QSize size) {
            static_cast<QWidget&>(view).render(
                &painter, QPoint(), QRegion(QRect(QPoint(0, 0), size)), QWidget::DrawChildren);
        });
}

}  // namespace postil::dashboardexport
