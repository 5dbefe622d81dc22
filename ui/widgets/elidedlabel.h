#pragma once

#include <QLabel>

namespace postil {

// A one-line status label that never asks for width and, when its text does
// not fit, shows it cut with "…" (the whole text in the tooltip) instead of
// clipped mid-letter. text() stays the whole text, so tests and statusText()
// read what was said.
class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);
    // Sets the text and the tooltip that holds it whole.
    void setNote(const QString& text);

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

}  // namespace postil
