#pragma once

#include <QImage>
#include <QList>
#include <QWidget>

#include "model/annotation.h"

namespace postil {

// An image with every annotator's boxes over it, each annotator in a colour
// of their own (a legend on top), for the lead's review of an image task.
// The image is read scaled to the widget at most 1600 px wide, so a 400 MP
// scan does not stall the GUI thread for long.
class BoxesOverlay : public QWidget {
    Q_OBJECT
public:
    explicit BoxesOverlay(QWidget* parent = nullptr);
    // imageSize: the displayed image's size in pixels (the boxes' units).
    void show(const QString& imagePath, QSize imageSize, const QList<Annotation>& answers);
    static QColor annotatorColor(int index);
    QSize sizeHint() const override { return {480, 360}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
    QSize m_imageSize;
    struct Drawn {
        QString annotator;
        QList<QPair<QString, QRectF>> boxes;  // label, rect in image pixels
    };
    QList<Drawn> m_answers;
};

}  // namespace postil
