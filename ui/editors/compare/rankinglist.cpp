#include "editors/compare/rankinglist.h"

#include <QDropEvent>
#include <QKeyEvent>

#include "model/comparison.h"

namespace postil {

RankingList::RankingList(QWidget* parent) : QListWidget(parent) {
    setObjectName(QStringLiteral("rankingList"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setAlternatingRowColors(false);
    setUniformItemSizes(true);
    setToolTip(
        tr("Ctrl+Up / Ctrl+Down move, = ties with the one above, - splits a tie, Return "
           "keeps the order as shown; or drag"));
}

int RankingList::groupOf(const Groups& groups, int response) {
    for (int g = 0; g < groups.size(); ++g) {
        if (groups[g].contains(response))
            return g;
    }
    return -1;
}

RankingList::Groups RankingList::moved(Groups groups, int response, int step) {
    const int g = groupOf(groups, response);
    if (g < 0 || step == 0)
        return groups;
    if (groups[g].size() > 1) {
        // Out of the tie first: just above (or below) the group it was in.
        groups[g].removeAll(response);
        groups.insert(step < 0 ? g : g + 1, QList<int>{response});
        return groups;
    }
    const int target = g + (step < 0 ? -1 : 1);
    if (target < 0 || target >= groups.size())
        return groups;
    groups.swapItemsAt(g, target);
    return groups;
}

RankingList::Groups RankingList::tiedWithAbove(Groups groups, int response) {
    const int g = groupOf(groups, response);
    if (g <= 0)
        return groups;
    groups[g].removeAll(response);
    // Last in the tie, where it was: rows keep their order, so "-" can undo it.
    groups[g - 1].append(response);
    if (groups[g].isEmpty())
        groups.removeAt(g);
    return groups;
}

RankingList::Groups RankingList::splitOut(Groups groups, int response) {
    const int g = groupOf(groups, response);
    if (g < 0 || groups[g].size() < 2)
        return groups;
    // Out on the side it is shown on: the first row of a tie goes above the
    // rest, any other below, so the rows stay in the order they were.
    const bool first = groups[g].first() == response;
    groups[g].removeAll(response);
    groups.insert(first ? g : g + 1, QList<int>{response});
    return groups;
}

void RankingList::setRanking(int count, const Groups& ranking) {
    m_count = count;
    m_ranked = !ranking.isEmpty();
    m_groups.clear();
    QList<bool> placed(count, false);
    for (const QList<int>& group : ranking) {
        QList<int> kept;
        for (int shown : group) {
            if (shown >= 0 && shown < count && !placed[shown]) {
                placed[shown] = true;
                kept.append(shown);
            }
        }
        if (kept.size() > 1) {
            std::sort(kept.begin(), kept.end());
            kept = m_tieRows.value(kept, kept);
        }
        if (!kept.isEmpty())
            m_groups.append(kept);
    }
    // Responses a stored ranking leaves out (or all of them, unranked) come
    // last, one per place, in the order shown.
    for (int shown = 0; shown < count; ++shown) {
        if (!placed[shown])
            m_groups.append(QList<int>{shown});
    }
    rememberTieRows();
    rebuild();
}

void RankingList::rememberTieRows() {
    for (const QList<int>& group : std::as_const(m_groups)) {
        if (group.size() < 2)
            continue;
        QList<int> members = group;
        std::sort(members.begin(), members.end());
        m_tieRows.insert(members, group);
    }
}

int RankingList::selectedResponse() const {
    const QListWidgetItem* item = currentItem();
    return item ? item->data(Qt::UserRole).toInt() : -1;
}

void RankingList::selectResponse(int shown) {
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(Qt::UserRole).toInt() == shown) {
            setCurrentRow(row);
            return;
        }
    }
}

void RankingList::rebuild() {
    const int selected = selectedResponse();
    // Same number of rows every time for one task: reuse the items.
    while (count() > m_count)
        delete takeItem(count() - 1);
    while (count() < m_count)
        addItem(new QListWidgetItem);
    int row = 0;
    int rank = 1;
    for (const QList<int>& group : std::as_const(m_groups)) {
        const bool tie = group.size() > 1;
        for (int shown : group) {
            QListWidgetItem* it = item(row++);
            const QString name = tr("Response %1").arg(comparison::letter(shown));
            QString place = m_ranked ? QString::number(rank) : QStringLiteral("–");
            if (m_ranked)
                place += tie ? QLatin1Char('=') : QLatin1Char('.');
            it->setText(QStringLiteral("%1   %2").arg(place, name));
            it->setData(Qt::UserRole, shown);
            it->setToolTip(!m_ranked ? tr("Not ranked yet")
                           : tie     ? tr("Rank %1, tied").arg(rank)
                                     : tr("Rank %1").arg(rank));
            // Tied rows share a tint so a group reads as one.
            it->setBackground(m_ranked && tie ? palette().brush(QPalette::AlternateBase)
                                              : QBrush());
        }
        rank += int(group.size());
    }
    if (selected >= 0)
        selectResponse(selected);
}

void RankingList::edit(const Groups& groups, int response) {
    if (m_ranked && groups == m_groups)
        return;
    m_groups = groups;
    m_ranked = true;
    rememberTieRows();
    rebuild();
    selectResponse(response);
    Q_EMIT rankingEdited(groups);
}

bool RankingList::isRankingKey(const QKeyEvent* event) {
    const auto modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (modifiers == Qt::ControlModifier)
        return event->key() == Qt::Key_Up || event->key() == Qt::Key_Down;
    if (modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier)
        return event->key() == Qt::Key_Equal || event->key() == Qt::Key_Minus ||
               event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    return false;
}

bool RankingList::event(QEvent* event) {
    // Ctrl+Up/Down are the question form's keys elsewhere in the window; while
    // the ranking has the focus they move responses.
    if (event->type() == QEvent::ShortcutOverride && isRankingKey(static_cast<QKeyEvent*>(event))) {
        event->accept();
        return true;
    }
    return QListWidget::event(event);
}

void RankingList::keyPressEvent(QKeyEvent* event) {
    const int response = selectedResponse();
    if (!isRankingKey(event) || response < 0) {
        QListWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
        case Qt::Key_Up:
            edit(moved(m_groups, response, -1), response);
            break;
        case Qt::Key_Down:
            edit(moved(m_groups, response, +1), response);
            break;
        case Qt::Key_Equal:
            edit(tiedWithAbove(m_groups, response), response);
            break;
        case Qt::Key_Minus:
            edit(splitOut(m_groups, response), response);
            break;
        default:  // Return: the order as shown is the ranking
            edit(m_groups, response);
            break;
    }
    event->accept();
}

void RankingList::startDrag(Qt::DropActions supportedActions) {
    m_dragged = selectedResponse();
    QListWidget::startDrag(supportedActions);
    m_dragged = -1;
}

void RankingList::dropEvent(QDropEvent* event) {
    const int response = m_dragged;
    if (event->source() != this || response < 0) {
        event->ignore();
        return;
    }
    // Copy, not move: the list is rebuilt from the ranking, and a move would
    // make the view delete the dragged row after the drop.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    const QListWidgetItem* target = itemAt(event->position().toPoint());
    const int targetResponse = target ? target->data(Qt::UserRole).toInt() : -1;
    if (targetResponse == response)
        return;
    Groups groups = m_groups;
    const int from = groupOf(groups, response);
    groups[from].removeAll(response);
    const bool emptied = groups[from].isEmpty();
    if (emptied)
        groups.removeAt(from);
    const int targetGroup = targetResponse >= 0 ? groupOf(groups, targetResponse) : -1;
    if (targetGroup < 0) {
        groups.append(QList<int>{response});
    } else {
        switch (dropIndicatorPosition()) {
            case QAbstractItemView::OnItem:
                groups[targetGroup].append(response);
                break;
            case QAbstractItemView::AboveItem:
                groups.insert(targetGroup, QList<int>{response});
                break;
            default:
                groups.insert(targetGroup + 1, QList<int>{response});
                break;
        }
    }
    edit(groups, response);
}

}  // namespace postil
