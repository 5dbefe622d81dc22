#pragma once

#include <QHash>
#include <QList>
#include <QListWidget>

namespace postil {

// The ranking of more than two responses as shown (A, B, C…), best first,
// with ties: each row is a response, tied rows share a rank. Keyboard: Up and
// Down select, Ctrl+Up / Ctrl+Down move the selected response up or down a
// place (out of a tie first), "=" ties it with the group above, "-" splits it
// out of its tie, Return accepts the order as shown; drag and drop onto a row
// ties, between rows places. The list only shows what it is given; edits go
// out as rankingEdited() and come back through setRanking().
class RankingList : public QListWidget {
    Q_OBJECT
public:
    using Groups = QList<QList<int>>;  // shown indexes, best group first

    explicit RankingList(QWidget* parent = nullptr);

    // `ranking` empty: not ranked yet; the rows then show A, B, C… in order,
    // unranked, and the first edit starts from that order. The order inside a
    // tie is not the ranking's (it is stored sorted): the rows of a tie keep
    // the order they last had on screen, else go by letter.
    void setRanking(int count, const Groups& ranking);
    // Another task: the rows of its ties have no order on screen yet.
    void forgetTieRows() { m_tieRows.clear(); }
    Groups displayedGroups() const { return m_groups; }
    bool isRanked() const { return m_ranked; }
    // Shown index of the selected row, -1 when none.
    int selectedResponse() const;
    void selectResponse(int shown);

    // The edits, on plain groups (shown indexes); unchanged when not possible.
    static Groups moved(Groups groups, int response, int step);
    static Groups tiedWithAbove(Groups groups, int response);
    static Groups splitOut(Groups groups, int response);
    static int groupOf(const Groups& groups, int response);

Q_SIGNALS:
    void rankingEdited(const QList<QList<int>>& shownRanking);

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void startDrag(Qt::DropActions supportedActions) override;

private:
    void rebuild();
    void edit(const Groups& groups, int response);
    void rememberTieRows();
    static bool isRankingKey(const QKeyEvent* event);

    int m_count = 0;
    Groups m_groups;
    bool m_ranked = false;
    int m_dragged = -1;
    // A tie's members (sorted) -> its rows in the order last shown, so that
    // tying and splitting again gives back the order the rows had.
    QHash<QList<int>, QList<int>> m_tieRows;
};

}  // namespace postil
