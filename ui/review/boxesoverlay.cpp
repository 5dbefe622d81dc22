#include "review/boxesoverlay.h"

#include <QImageReader>
#include <QPainter>

#include "model/boxresult.h"

namespace postil {

BoxesOverlay::BoxesOverlay(QWidget* parent) : QWidget(parent) {}

QColor BoxesOverlay::annotatorColor(int index) {
    static const QColor colors[] = {QColor(0xe6194b), QColor(0x3cb44b), QColor(0x4363d8),
                                    QColor(0xf58231), QColor(0x911eb4), QColor(0x008080),
                                    QColor(0xf032e6), QColor(0x9a6324)};
    return colors[index % 8];
}

void BoxesOverlay::show(const QString& imagePath, QSize imageSize,
                        const QList<Annotation>& answers) {
    QImageReader reader(imagePath);
    reader.setAutoTransform(true);  // boxes are in the displayed (EXIF-oriented) image
    const QSize full = imageSize.isValid() ? imageSize : reader.size();
    if (full.width() > 1600)
        reader.setScaledSize(full.scaled(1600, 1600, Qt::KeepAspectRatio));
    m_image = reader.read();
    m_imageSize = full.isValid() ? full : m_image.size();
    m_answers.clear();
    for (const Annotation& a : answers) {
        Drawn drawn;
        drawn.annotator = a.annotator;
        for (const Box& b : boxresult::read(a.result))
            drawn.boxes.append({b.label, QRectF(b.x, b.y, b.w, b.h)});
        m_answers.append(drawn);
    }
    update();
}

void BoxesOverlay::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const int legend = fontMetrics().height() + 6;
    const QRect area = rect().adjusted(4, legend, -4, -4);
    if (m_imageSize.isEmpty() || area.isEmpty()) {
        p.drawText(area, Qt::AlignCenter, tr("The image cannot be read."));
        return;
    }
    const QSize shown = m_imageSize.scaled(area.size(), Qt::KeepAspectRatio);
    const QRect target(area.topLeft() + QPoint((area.width() - shown.width()) / 2, 0), shown);
    if (!m_image.isNull())
        p.drawImage(target, m_image);
    else
        p.fillRect(target, Qt::darkGray);
    const double scale = double(shown.width()) / m_imageSize.width();
    int x = 4;
    for (int i = 0; i < m_answers.size(); ++i) {
        const QColor color = annotatorColor(i);
        const QString name =
            QStringLiteral("%1 (%2)").arg(m_answers[i].annotator).arg(m_answers[i].boxes.size());
        p.fillRect(QRect(x, 4, 12, 12), color);
        p.setPen(palette().windowText().color());
        p.drawText(QPoint(x + 16, 4 + fontMetrics().ascent()), name);
        x += 28 + fontMetrics().horizontalAdvance(name);
        p.setPen(QPen(color, 2, i % 2 ? Qt::DashLine : Qt::SolidLine));
        for (const auto& [label, box] : m_answers[i].boxes) {
            const QRectF r(target.left() + box.x() * scale, target.top() + box.y() * scale,
                           box.width() * scale, box.height() * scale);
            p.drawRect(r);
            p.drawText(r.topLeft() + QPointF(2, -2), label);
        }
    }
}

}  // namespace postil
