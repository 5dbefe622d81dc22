#include "quality/hungarian.h"

#include <limits>

namespace postil::quality {

namespace {

// Minimum cost for rows <= columns: cost[i][j] at cost[i * columns + j].
// Rows and columns count from 1 inside, 0 is the free start ("virtual") row.
QList<int> minimumCostAssignment(const QList<double>& cost, int rows, int columns) {
    const double infinity = std::numeric_limits<double>::infinity();
    QList<double> rowPotential(rows + 1, 0.0);
    QList<double> columnPotential(columns + 1, 0.0);
    QList<int> rowOfColumn(columns + 1, 0);  // which row holds column j; 0 for none
    QList<int> previous(columns + 1, 0);     // the alternating path, for augmenting
    QList<double> slack(columns + 1, infinity);
    QList<char> used(columns + 1, 0);
    for (int i = 1; i <= rows; ++i) {
        // Grow an alternating tree from row i until it reaches a free column.
        rowOfColumn[0] = i;
        int column = 0;
        slack.fill(infinity);
        used.fill(0);
        do {
            used[column] = 1;
            const int row = rowOfColumn.at(column);
            double delta = infinity;
            int next = 0;
            for (int j = 1; j <= columns; ++j) {
                if (used.at(j))
                    continue;
                const double reduced = cost.at(qsizetype(row - 1) * columns + (j - 1)) -
                                       rowPotential.at(row) - columnPotential.at(j);
                if (reduced < slack.at(j)) {
                    slack[j] = reduced;
                    previous[j] = column;
                }
                if (slack.at(j) < delta) {
                    delta = slack.at(j);
                    next = j;
                }
            }
            for (int j = 0; j <= columns; ++j) {
                if (used.at(j)) {
                    rowPotential[rowOfColumn.at(j)] += delta;
                    columnPotential[j] -= delta;
                } else {
                    slack[j] -= delta;
                }
            }
            column = next;
        } while (rowOfColumn.at(column) != 0);
        // Flip the path's edges: every row on it moves to its next column.
        do {
            const int before = previous.at(column);
            rowOfColumn[column] = rowOfColumn.at(before);
            column = before;
        } while (column != 0);
    }
    QList<int> columnOfRow(rows, -1);
    for (int j = 1; j <= columns; ++j)
        if (rowOfColumn.at(j) != 0)
            columnOfRow[rowOfColumn.at(j) - 1] = j - 1;
    return columnOfRow;
}

}  // namespace

QList<int> maximumWeightAssignment(const QList<double>& weights, int rows, int columns) {
    if (rows == 0 || columns == 0)
        return QList<int>(rows, -1);
    // The method wants rows <= columns; a taller matrix is solved transposed.
    const bool transposed = rows > columns;
    const int r = transposed ? columns : rows;
    const int c = transposed ? rows : columns;
    QList<double> cost(qsizetype(r) * c);
    for (int i = 0; i < r; ++i)
        for (int j = 0; j < c; ++j)
            cost[qsizetype(i) * c + j] = transposed ? -weights.at(qsizetype(j) * columns + i)
                                                    : -weights.at(qsizetype(i) * columns + j);
    const QList<int> assigned = minimumCostAssignment(cost, r, c);
    if (!transposed)
        return assigned;
    QList<int> columnOfRow(rows, -1);
    for (int i = 0; i < r; ++i)
        if (assigned.at(i) >= 0)
            columnOfRow[assigned.at(i)] = i;
    return columnOfRow;
}

}  // namespace postil::quality
