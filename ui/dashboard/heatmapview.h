#pragma once

#include <QWidget>

#include "quality/dashboarddata.h"

namespace postil {

// The pairwise agreement matrix as a heat map: a square per pair of
// annotators coloured by the figure (red at or below 0, through yellow, to
// green at 1), the figure and its item count written in it; a figure that is
// not defined is grey with a dash and says why in its tooltip. Clicking a
// cell (or Enter on the current one, moved with the arrow keys) emits
// cellActivated. The same painting goes to the screen and to PNG/SVG files.
class HeatMapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatMapView(QWidget* parent = nullptr);

    void setMatrix(const quality::AgreementMatrix& matrix);
    const quality::AgreementMatrix& matrix() const { return m_matrix; }
    // The cell's rectangle at the widget's size (for tests and tooltips).
    QRect cellRect(int row, int column) const;
    int currentRow() const { return m_row; }
    int currentColumn() const { return m_column; }

    // Paints the whole map (title, names, cells, legend) into `size`.
    void paint(QPainter& painter, QSize size) const;
    // The colour of a figure (nullopt: not defined).
    static QColor colourOf(std::optional<double> value);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellActivated(int row, int column);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Geometry {
        QRect grid;    // the cells' area
        int cell = 0;  // a cell's side
        int nameWidth = 0;
        int header = 0;  // title and column names above the grid
    };
    Geometry geometryFor(QSize size) const;
    // The cell under a point of the widget: {-1, -1} off the cells.
    std::pair<int, int> cellAt(QPoint point) const;
    QString cellText(int row, int column) const;

    quality::AgreementMatrix m_matrix;
    int m_row = -1;
    int m_column = -1;
};

}  // namespace postil
