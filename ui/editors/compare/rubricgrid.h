#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QTableWidget>
#include <optional>

#include "model/schema.h"

namespace postil {

// The rubric as a grid: one row per dimension, one column per response as
// shown (A, B…). Keyboard: arrows move, digits type the score of the current
// cell (two digits in quick succession for scales past 9), Delete or
// Backspace clears; a complete score moves on to the next cell. Right click
// offers the values too. The grid only shows what it is given; edits go out
// as scoreEdited() and come back through setScore().
class RubricGrid : public QTableWidget {
    Q_OBJECT
public:
    explicit RubricGrid(QWidget* parent = nullptr);

    // Rebuilds only when the dimensions or the number of responses changed.
    void setDimensions(const QList<RubricDimension>& dimensions, int responseCount);
    const QList<RubricDimension>& dimensions() const { return m_dimensions; }
    void setScore(int row, int shown, std::optional<int> score);
    std::optional<int> score(int row, int shown) const;

Q_SIGNALS:
    void scoreEdited(int row, int shown, std::optional<int> score);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    static bool isScoreKey(const QKeyEvent* event);
    void typeDigit(int digit);
    void advance();

    QList<RubricDimension> m_dimensions;
    int m_responseCount = 0;
    QList<QList<std::optional<int>>> m_scores;  // [row][shown]
    // Digits typed into the current cell so far (for two-digit scores).
    QString m_typed;
    QPoint m_typedCell{-1, -1};
    QElapsedTimer m_typedTimer;
};

}  // namespace postil
