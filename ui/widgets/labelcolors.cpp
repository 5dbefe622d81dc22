#include "widgets/labelcolors.h"

#include <QPainter>
#include <QPixmap>

namespace postil {

namespace {
// Colours for labels that name none: distinct hues.
const char* const kFallbackColors[] = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4",
                                       "#42d4f4", "#f032e6", "#bfef45", "#fabed4", "#469990"};
}  // namespace

QHash<QString, QColor> labelColors(const QList<Label>& labels) {
    QHash<QString, QColor> colors;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        QColor color(labels[i].color);
        if (!color.isValid())
            color = QColor(QLatin1String(kFallbackColors[i % std::size(kFallbackColors)]));
        colors.insert(labels[i].name, color);
    }
    return colors;
}

QColor unknownLabelColor(const QString& name) {
    return QColor::fromHsv(int(qHash(name) % 360), 140, 220);
}

QIcon labelSwatch(const QColor& color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(140));
    painter.setBrush(color);
    painter.drawEllipse(QRectF(0.5, 0.5, 11, 11));
    return QIcon(pixmap);
}

}  // namespace postil
