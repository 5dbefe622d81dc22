#include "editors/compare/rubricgrid.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

#include "model/comparison.h"

namespace postil {

namespace {
// A second digit within this time extends the first (1 then 0 = 10).
constexpr qint64 kSecondDigitMs = 1000;

bool sameDimensions(const QList<RubricDimension>& a, const QList<RubricDimension>& b) {
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].min != b[i].min || a[i].max != b[i].max ||
            a[i].description != b[i].description)
            return false;
    }
    return true;
}
}  // namespace

RubricGrid::RubricGrid(QWidget* parent) : QTableWidget(parent) {
    setObjectName(QStringLiteral("rubricGrid"));
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setTabKeyNavigation(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    horizontalHeader()->setMinimumSectionSize(36);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setToolTip(tr("Type a score; arrows move; Delete clears"));
}

void RubricGrid::setDimensions(const QList<RubricDimension>& dimensions, int responseCount) {
    if (responseCount == m_responseCount && sameDimensions(dimensions, m_dimensions))
        return;
    m_dimensions = dimensions;
    m_responseCount = responseCount;
    m_scores = QList<QList<std::optional<int>>>(
        dimensions.size(), QList<std::optional<int>>(responseCount, std::nullopt));
    clear();
    setRowCount(int(dimensions.size()));
    setColumnCount(responseCount);
    QStringList columns;
    for (int shown = 0; shown < responseCount; ++shown)
        columns << comparison::letter(shown);
    setHorizontalHeaderLabels(columns);
    for (int row = 0; row < dimensions.size(); ++row) {
        const RubricDimension& d = dimensions[row];
        auto* header =
            new QTableWidgetItem(QStringLiteral("%1  %2–%3").arg(d.name).arg(d.min).arg(d.max));
        header->setToolTip(d.description.isEmpty() ? d.name : d.description);
        setVerticalHeaderItem(row, header);
        for (int shown = 0; shown < responseCount; ++shown) {
            auto* cell = new QTableWidgetItem(QStringLiteral("–"));
            cell->setTextAlignment(Qt::AlignCenter);
            cell->setToolTip(header->toolTip());
            setItem(row, shown, cell);
        }
    }
    if (rowCount() > 0 && columnCount() > 0)
        setCurrentCell(0, 0);
}

void RubricGrid::setScore(int row, int shown, std::optional<int> score) {
    if (row < 0 || row >= m_scores.size() || shown < 0 || shown >= m_responseCount)
        return;
    m_scores[row][shown] = score;
    if (QTableWidgetItem* cell = item(row, shown)) {
        const QString text = score ? QString::number(*score) : QStringLiteral("–");
        if (cell->text() != text)
            cell->setText(text);
    }
}

std::optional<int> RubricGrid::score(int row, int shown) const {
    if (row < 0 || row >= m_scores.size() || shown < 0 || shown >= m_responseCount)
        return std::nullopt;
    return m_scores[row][shown];
}

bool RubricGrid::isScoreKey(const QKeyEvent* event) {
    const auto modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (modifiers != Qt::NoModifier)
        return false;
    const int key = event->key();
    return (key >= Qt::Key_0 && key <= Qt::Key_9) || key == Qt::Key_Delete ||
           key == Qt::Key_Backspace;
}

bool RubricGrid::event(QEvent* event) {
    // The digits flag selected text elsewhere in the editor; here they type
    // scores, so the grid claims them before the shortcuts see them.
    if (event->type() == QEvent::ShortcutOverride && isScoreKey(static_cast<QKeyEvent*>(event))) {
        event->accept();
        return true;
    }
    return QTableWidget::event(event);
}

void RubricGrid::keyPressEvent(QKeyEvent* event) {
    if (!isScoreKey(event) || currentRow() < 0 || currentColumn() < 0) {
        QTableWidget::keyPressEvent(event);
        return;
    }
    event->accept();
    const int key = event->key();
    if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
        m_typed.clear();
        if (score(currentRow(), currentColumn()))
            Q_EMIT scoreEdited(currentRow(), currentColumn(), std::nullopt);
        return;
    }
    typeDigit(key - Qt::Key_0);
}

void RubricGrid::typeDigit(int digit) {
    const int row = currentRow();
    const int column = currentColumn();
    const RubricDimension& d = m_dimensions[row];
    const QPoint cell(column, row);
    const bool continuing =
        cell == m_typedCell && !m_typed.isEmpty() && m_typedTimer.elapsed() < kSecondDigitMs;
    QString typed = (continuing ? m_typed : QString()) + QString::number(digit);
    int value = typed.toInt();
    if (continuing && value > d.max) {  // not a second digit after all: a new score
        typed = QString::number(digit);
        value = digit;
    }
    if (value < d.min || value > d.max) {
        m_typed.clear();
        QApplication::beep();
        return;
    }
    m_typed = typed;
    m_typedCell = cell;
    m_typedTimer.start();
    Q_EMIT scoreEdited(row, column, value);
    // Done when no further digit could extend it: move on to the next cell.
    if (value * 10 > d.max) {
        m_typed.clear();
        advance();
    }
}

void RubricGrid::advance() {
    int row = currentRow();
    int column = currentColumn() + 1;
    if (column >= columnCount()) {
        column = 0;
        ++row;
    }
    if (row < rowCount())
        setCurrentCell(row, column);
}

void RubricGrid::focusOutEvent(QFocusEvent* event) {
    m_typed.clear();
    QTableWidget::focusOutEvent(event);
}

void RubricGrid::contextMenuEvent(QContextMenuEvent* event) {
    // Scroll areas get the viewport's context menu events, in viewport coordinates.
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid())
        return;
    setCurrentCell(index.row(), index.column());
    const RubricDimension& d = m_dimensions[index.row()];
    QMenu menu(this);
    // A long scale would make a tall menu; the keyboard covers those.
    for (int value = d.min; value <= d.max && value - d.min < 20; ++value) {
        QAction* action = menu.addAction(QString::number(value));
        action->setCheckable(true);
        action->setChecked(score(index.row(), index.column()) == value);
        connect(action, &QAction::triggered, this,
                [this, index, value] { Q_EMIT scoreEdited(index.row(), index.column(), value); });
    }
    menu.addSeparator();
    QAction* clearAction = menu.addAction(tr("Clear"));
    connect(clearAction, &QAction::triggered, this,
            [this, index] { Q_EMIT scoreEdited(index.row(), index.column(), std::nullopt); });
    menu.exec(event->globalPos());
}

}  // namespace postil
