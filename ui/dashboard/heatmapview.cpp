#include "dashboard/heatmapview.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace postil {

namespace {

constexpr int kMargin = 8;
constexpr int kLegendHeight = 34;

QString figureText(double value) {
    return QString::number(value, 'f', 2);
}

}  // namespace

HeatMapView::HeatMapView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("heatMap"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void HeatMapView::setMatrix(const quality::AgreementMatrix& matrix) {
    m_matrix = matrix;
    m_row = -1;
    m_column = -1;
    updateGeometry();
    update();
}

QColor HeatMapView::colourOf(std::optional<double> value) {
    if (!value)
        return QColor(0xd8, 0xd8, 0xd8);
    // Hue 0 (red) at or below 0, 60 (yellow) at 0.5, 120 (green) at 1: the
    // reading of kappa (Landis & Koch) and of F1 alike, light enough for
    // black text.
    const double v = std::clamp(*value, 0.0, 1.0);
    const double below = std::clamp(-*value, 0.0, 1.0);  // negative: a deeper red
    return QColor::fromHslF(float(v / 3.0), 0.65f, float(0.78 - 0.18 * below));
}

HeatMapView::Geometry HeatMapView::geometryFor(QSize size) const {
    Geometry g;
    const QFontMetrics fm(font());
    const qsizetype n = m_matrix.annotators.size();
    for (const QString& name : m_matrix.annotators)
        g.nameWidth = std::max(g.nameWidth, fm.horizontalAdvance(name));
    // A few pixels of slack: the elision below must not cut a name that fits.
    g.nameWidth = std::min(g.nameWidth + 2 * kMargin + 6, size.width() / 3);
    g.header = 2 * fm.height() + 3 * kMargin;
    if (n == 0)
        return g;
    const int width = size.width() - g.nameWidth - 2 * kMargin;
    const int height = size.height() - g.header - kLegendHeight - 2 * kMargin;
    g.cell = std::clamp(int(std::min(width, height) / n), 24, 140);
    g.grid = QRect(g.nameWidth + kMargin, g.header, g.cell * int(n), g.cell * int(n));
    return g;
}

QRect HeatMapView::cellRect(int row, int column) const {
    const Geometry g = geometryFor(size());
    return QRect(g.grid.left() + column * g.cell, g.grid.top() + row * g.cell, g.cell, g.cell);
}

std::pair<int, int> HeatMapView::cellAt(QPoint point) const {
    const Geometry g = geometryFor(size());
    if (g.cell == 0 || !g.grid.contains(point))
        return {-1, -1};
    return {(point.y() - g.grid.top()) / g.cell, (point.x() - g.grid.left()) / g.cell};
}

QString HeatMapView::cellText(int row, int column) const {
    const QString a = m_matrix.annotators.value(row);
    const QString b = m_matrix.annotators.value(column);
    if (row == column)
        return a;
    const quality::MatrixCell& cell = m_matrix.cell(row, column);
    if (!cell.hasPair)
        return tr("%1 and %2 answered no %3 in common").arg(a, b, m_matrix.itemNoun);
    const QString over = tr("over %1 %2 both answered").arg(cell.items).arg(m_matrix.itemNoun);
    if (!cell.value)
        return tr("%1 × %2: %3 not defined (%4), %5").arg(a, b, m_matrix.figure, cell.reason, over);
    return tr("%1 × %2: %3 = %4, %5")
        .arg(a, b, m_matrix.figure, QString::number(*cell.value, 'g', 6), over);
}

void HeatMapView::paint(QPainter& painter, QSize size) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    painter.setFont(font());
    const QFontMetrics fm(font());
    const Geometry g = geometryFor(size);
    painter.setPen(Qt::black);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRect(kMargin, kMargin, size.width() - 2 * kMargin, fm.height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     m_matrix.annotators.isEmpty()
                         ? tr("No two annotators answered the same items")
                         : QStringLiteral("%1 — %2").arg(m_matrix.title, m_matrix.figure));
    painter.setFont(font());
    const qsizetype n = m_matrix.annotators.size();
    for (int i = 0; i < n; ++i) {
        const QString name = m_matrix.annotators.at(i);
        const QRect column(g.grid.left() + i * g.cell, g.header - fm.height() - kMargin, g.cell,
                           fm.height());
        painter.drawText(column, Qt::AlignCenter, fm.elidedText(name, Qt::ElideRight, g.cell - 4));
        const QRect row(kMargin, g.grid.top() + i * g.cell, g.nameWidth - kMargin, g.cell);
        painter.drawText(row, Qt::AlignRight | Qt::AlignVCenter,
                         fm.elidedText(name, Qt::ElideRight, g.nameWidth - 2 * kMargin));
    }
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    const QFontMetrics smallFm(small);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const QRect cell(g.grid.left() + c * g.cell, g.grid.top() + r * g.cell, g.cell, g.cell);
            if (r == c) {
                painter.fillRect(cell, QColor(0xf2, 0xf2, 0xf2));
                painter.setPen(QColor(0xc0, 0xc0, 0xc0));
                painter.drawRect(cell.adjusted(0, 0, -1, -1));
                continue;
            }
            const quality::MatrixCell& m = m_matrix.cell(r, c);
            painter.fillRect(cell, m.hasPair ? colourOf(m.value) : QColor(0xf2, 0xf2, 0xf2));
            if (m.hasPair && !m.value)
                painter.fillRect(cell, QBrush(QColor(0xb0, 0xb0, 0xb0), Qt::BDiagPattern));
            painter.setPen(QColor(0xff, 0xff, 0xff));
            painter.drawRect(cell.adjusted(0, 0, -1, -1));
            painter.setPen(Qt::black);
            if (!m.hasPair)
                continue;
            const bool two = g.cell >= fm.height() + smallFm.height() + 6;
            QRect top = cell;
            if (two)
                top.setBottom(cell.center().y() + fm.height() / 3);
            painter.setFont(font());
            painter.drawText(top, two ? (Qt::AlignHCenter | Qt::AlignBottom) : Qt::AlignCenter,
                             m.value ? figureText(*m.value) : QStringLiteral("—"));
            if (two) {
                painter.setFont(small);
                painter.setPen(QColor(0x40, 0x40, 0x40));
                painter.drawText(cell.adjusted(2, cell.height() / 2 + fm.height() / 3, -2, 0),
                                 Qt::AlignHCenter | Qt::AlignTop,
                                 smallFm.elidedText(QStringLiteral("n=%1").arg(m.items),
                                                    Qt::ElideRight, g.cell - 4));
                painter.setPen(Qt::black);
            }
        }
    painter.setFont(font());
    painter.setPen(Qt::black);
    if (m_row >= 0 && m_column >= 0 && m_row < n && m_column < n) {
        QPen pen(QColor(0x1f, 0x4e, 0x9a));
        pen.setWidth(3);
        painter.setPen(pen);
        painter.drawRect(
            QRect(g.grid.left() + m_column * g.cell, g.grid.top() + m_row * g.cell, g.cell, g.cell)
                .adjusted(1, 1, -2, -2));
        painter.setPen(Qt::black);
    }
    // The legend: the scale from 0 (or below) to 1.
    if (n > 0) {
        const int top = g.grid.bottom() + kMargin + 4;
        const int width = std::min(240, size.width() - g.grid.left() - kMargin);
        const QRect strip(g.grid.left(), top, width, 10);
        for (int x = 0; x < strip.width(); ++x)
            painter.fillRect(QRect(strip.left() + x, strip.top(), 1, strip.height()),
                             colourOf(double(x) / double(std::max(1, strip.width() - 1))));
        painter.setFont(small);
        const QRect labels(strip.left(), strip.bottom() + 2, strip.width(), smallFm.height());
        painter.drawText(labels, Qt::AlignLeft, tr("≤ 0"));
        painter.drawText(labels, Qt::AlignHCenter, QStringLiteral("0.5"));
        painter.drawText(labels, Qt::AlignRight, QStringLiteral("1"));
        painter.drawText(QRect(strip.right() + 2 * kMargin, strip.top() - 2,
                               size.width() - strip.right() - 3 * kMargin, smallFm.height() * 2),
                         Qt::AlignLeft | Qt::AlignTop,
                         tr("grey: not defined; n: %1 both answered").arg(m_matrix.itemNoun));
    }
    painter.restore();
}

void HeatMapView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    paint(painter, size());
}

void HeatMapView::mousePressEvent(QMouseEvent* event) {
    const auto [row, column] = cellAt(event->position().toPoint());
    if (row < 0 || row == column || !m_matrix.cell(row, column).hasPair) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_row = row;
    m_column = column;
    update();
    Q_EMIT cellActivated(row, column);
}

void HeatMapView::keyPressEvent(QKeyEvent* event) {
    const int n = int(m_matrix.annotators.size());
    if (n < 2) {
        QWidget::keyPressEvent(event);
        return;
    }
    if (m_row < 0) {
        m_row = 0;
        m_column = 1;
    }
    switch (event->key()) {
        case Qt::Key_Left:
            m_column = std::max(0, m_column - 1);
            break;
        case Qt::Key_Right:
            m_column = std::min(n - 1, m_column + 1);
            break;
        case Qt::Key_Up:
            m_row = std::max(0, m_row - 1);
            break;
        case Qt::Key_Down:
            m_row = std::min(n - 1, m_row + 1);
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            if (m_row != m_column && m_matrix.cell(m_row, m_column).hasPair)
                Q_EMIT cellActivated(m_row, m_column);
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    update();
}

bool HeatMapView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto [row, column] = cellAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), cellText(row, column), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

QSize HeatMapView::sizeHint() const {
    const int n = int(m_matrix.annotators.size());
    return QSize(160 + 90 * std::max(n, 2), 120 + 90 * std::max(n, 2));
}

QSize HeatMapView::minimumSizeHint() const {
    return QSize(240, 200);
}

}  // namespace postil
