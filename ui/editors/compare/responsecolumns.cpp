#include "editors/compare/responsecolumns.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

#include "editors/compare/responseview.h"
#include "editors/compare/worddiffview.h"
#include "model/comparison.h"

namespace postil {

namespace {
// Columns share the width down to this, then scroll sideways: three fit the
// ~700 px a 1440 px wide screen leaves them beside the task list, the question
// panel and the side panel (about 30 characters a line: narrow, but all three
// in sight beats reading one and scrolling for the others).
constexpr int kMinColumnWidth = 200;

// Replaces what a view shows inside one edit block of its document. Qt lays
// out a document lazily (what is on screen first, the rest in idle steps)
// only when one change replaces all of it; a fill that follows a separate
// clear() is laid out in full before it returns (about 3x slower for a
// 20,000-word response). Nested edit blocks end with the outermost one, so
// this holds whatever the view does inside.
template <typename Fill>
void replaceContent(ResponseView* view, Fill fill) {
    QTextCursor block(view->textEdit()->document());
    block.beginEditBlock();
    fill();
    block.endEditBlock();
}
}  // namespace

ResponseColumns::ResponseColumns(QWidget* parent)
    : QWidget(parent),
      m_stack(new QStackedWidget(this)),
      m_scroll(new QScrollArea(m_stack)),
      m_row(new QWidget(m_scroll)),
      m_rowLayout(new QHBoxLayout(m_row)),
      m_diff(new WordDiffView(m_stack)),
      m_moreCue(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    layout->addWidget(m_moreCue);
    m_moreCue->setObjectName(QStringLiteral("moreResponses"));
    m_moreCue->setForegroundRole(QPalette::PlaceholderText);
    m_moreCue->setToolTip(
        tr("More responses beside these: scroll sideways, or step to them with the next and "
           "previous response keys"));
    m_moreCue->hide();
    m_row->installEventFilter(this);  // its columns are placed when it is resized
    m_scroll->setObjectName(QStringLiteral("responseColumns"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_rowLayout->setContentsMargins(0, 0, 0, 0);
    m_rowLayout->setSpacing(10);
    m_scroll->setWidget(m_row);
    m_diff->setObjectName(QStringLiteral("responseDiff"));
    m_stack->addWidget(m_scroll);
    m_stack->addWidget(m_diff);
    // The range changes with the window's width, the value with scrolling.
    QScrollBar* bar = m_scroll->horizontalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &ResponseColumns::updateMoreCue);
    connect(bar, &QScrollBar::rangeChanged, this, &ResponseColumns::updateMoreCue);
}

ResponseView* ResponseColumns::view(int shown) const {
    return shown >= 0 && shown < m_count ? m_views[shown] : nullptr;
}

ResponseView* ResponseColumns::addView() {
    const int index = int(m_views.size());
    auto* view = new ResponseView(m_row);
    view->setObjectName(QStringLiteral("response%1").arg(index));
    view->setRendered(m_rendered);
    m_rowLayout->addWidget(view, 1);
    m_views.append(view);
    connect(view, &ResponseView::selectionChanged, this, [this, index] {
        if (m_views[index]->selectedRange())
            m_lastSelected = index;
    });
    connect(view, &ResponseView::markClicked, this,
            [this, index](int mark) { Q_EMIT markClicked(index, mark); });
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this,
            [this, index] { syncFrom(index); });
    QTextEdit* text = view->textEdit();
    text->installEventFilter(this);
    text->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(text, &QWidget::customContextMenuRequested, this, [this, index, text](QPoint pos) {
        setCurrent(index, false);
        Q_EMIT contextMenuRequested(index, text->viewport()->mapToGlobal(pos));
    });
    return view;
}

void ResponseColumns::setResponses(const QList<QJsonValue>& contents, const QStringList& titles) {
    m_count = int(contents.size());
    while (m_views.size() < m_count)
        addView();
    for (int i = 0; i < m_views.size(); ++i) {
        ResponseView* view = m_views[i];
        if (i < m_count) {
            view->setTitle(titles.value(i));
            replaceContent(view, [&] { view->setContent(contents[i]); });
            view->setMinimumWidth(kMinColumnWidth);
            view->show();
        } else if (!view->isHidden()) {
            replaceContent(view,
                           [&] { view->setContent(QJsonValue(QString())); });  // let a long text go
            view->hide();
        }
    }
    m_lastSelected = -1;
    m_current = 0;
    m_diffShowing = {-1, -1};
    m_scroll->horizontalScrollBar()->setValue(0);
    if (m_diffShown)
        updateDiff();
    updateMoreCue();
}

void ResponseColumns::updateMoreCue() {
    // A column cut at either edge counts as out of sight: its text is.
    const int from = m_scroll->horizontalScrollBar()->value();
    const int to = from + m_scroll->viewport()->width();
    int left = 0;
    int right = 0;
    for (int i = 0; i < m_count; ++i) {
        const QRect column = m_views[i]->geometry();
        if (column.left() < from)
            ++left;
        else if (column.right() >= to)
            ++right;
    }
    QStringList parts;
    if (left > 0)
        parts << tr("← %n more", nullptr, left);
    if (right > 0)
        parts << tr("%n more →", nullptr, right);
    m_moreCue->setText(parts.join(QStringLiteral("   ·   ")));
    m_moreCue->setAlignment(left > 0 && right == 0 ? Qt::AlignLeft : Qt::AlignRight);
    m_moreCue->setVisible(!parts.isEmpty() && !m_diffShown);
}

void ResponseColumns::setCurrent(int shown, bool giveFocus) {
    if (shown < 0 || shown >= m_count)
        return;
    const bool changed = shown != m_current;
    m_current = shown;
    if (giveFocus && !m_diffShown) {
        m_scroll->ensureWidgetVisible(m_views[shown], 0, 0);
        m_views[shown]->textEdit()->setFocus(Qt::OtherFocusReason);
    }
    if (changed) {
        if (m_diffShown)
            updateDiff();
        Q_EMIT currentChanged(shown);
    }
}

void ResponseColumns::step(int delta) {
    if (m_count == 0)
        return;
    setCurrent(((m_current + delta) % m_count + m_count) % m_count, true);
}

void ResponseColumns::setRendered(bool rendered) {
    m_rendered = rendered;
    // Not in one edit block: the view keeps its scroll position and
    // selection across the switch, which needs the new layout at once.
    for (ResponseView* view : std::as_const(m_views))
        view->setRendered(rendered);
}

void ResponseColumns::setSyncScroll(bool sync) {
    m_sync = sync;
    if (m_sync)
        syncFrom(m_current);
}

void ResponseColumns::syncFrom(int shown) {
    // Proportional: the same share of each text, since responses differ in length.
    if (!m_sync || m_syncing || shown < 0 || shown >= m_count)
        return;
    const QScrollBar* source = m_views[shown]->verticalScrollBar();
    const double share =
        source->maximum() > source->minimum()
            ? double(source->value() - source->minimum()) / (source->maximum() - source->minimum())
            : 0.0;
    m_syncing = true;
    for (int i = 0; i < m_count; ++i) {
        if (i == shown)
            continue;
        QScrollBar* bar = m_views[i]->verticalScrollBar();
        bar->setValue(bar->minimum() + qRound(share * (bar->maximum() - bar->minimum())));
    }
    m_syncing = false;
}

void ResponseColumns::setDiffShown(bool shown) {
    // The keyboard stays here: hiding the focused view would otherwise hand
    // the focus to the next widget in the window, the critique perhaps.
    const bool hadFocus = isAncestorOf(QApplication::focusWidget());
    m_diffShown = shown && m_count >= 2;
    if (m_diffShown)
        updateDiff();
    m_stack->setCurrentWidget(m_diffShown ? static_cast<QWidget*>(m_diff) : m_scroll);
    updateMoreCue();
    if (hadFocus && m_diffShown)
        m_diff->textView()->setFocus(Qt::OtherFocusReason);
    else if (hadFocus && m_current < m_count)
        m_views[m_current]->textEdit()->setFocus(Qt::OtherFocusReason);
}

std::pair<int, int> ResponseColumns::diffPair() const {
    if (m_count < 2)
        return {-1, -1};
    if (m_count == 2)
        return {0, 1};
    return {m_current, (m_current + 1) % m_count};
}

void ResponseColumns::updateDiff() {
    const auto pair = diffPair();
    if (pair.first < 0 || pair == m_diffShowing)
        return;
    m_diffShowing = pair;
    m_diff->setTexts(m_views[pair.first]->text(), m_views[pair.second]->text(),
                     tr("Response %1").arg(comparison::letter(pair.first)),
                     tr("Response %1").arg(comparison::letter(pair.second)));
}

std::optional<ResponseColumns::Selection> ResponseColumns::selection() const {
    for (int shown : {m_current, m_lastSelected}) {
        if (shown < 0 || shown >= m_count)
            continue;
        if (const auto range = m_views[shown]->selectedRange())
            return Selection{shown, range->first, range->second};
    }
    return std::nullopt;
}

bool ResponseColumns::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_row && event->type() == QEvent::Resize)
        updateMoreCue();
    if (event->type() == QEvent::FocusIn) {
        for (int i = 0; i < m_count; ++i) {
            if (m_views[i]->textEdit() == watched) {
                setCurrent(i, false);
                break;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace postil
