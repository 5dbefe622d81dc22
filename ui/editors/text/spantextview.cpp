#include "editors/text/spantextview.h"

#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <cmath>

#include "text/textoffsets.h"
#include "widgets/readingstyle.h"

namespace postil {

namespace {
// Space left and right of the column in a narrow view.
constexpr int kSideMargin = 24;
// Space above the first line and below the last.
constexpr int kTopMargin = 12;
// Work per slice of measuring the text's height in the background.
constexpr int kMeasureSliceMs = 6;
// Layouts kept at most (a few screens); farther ones are dropped.
constexpr int kKeptLayouts = 160;
}  // namespace

SpanTextView::SpanTextView(QWidget* parent) : QAbstractScrollArea(parent) {
    setObjectName(QStringLiteral("spanTextView"));
    setFont(preview::readingFont());
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::StyledPanel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    viewport()->setCursor(Qt::IBeamCursor);
    setMouseTracking(false);
    m_layout.setFont(font());
    m_measureTimer.setSingleShot(true);
    m_measureTimer.setInterval(0);
    connect(&m_measureTimer, &QTimer::timeout, this, &SpanTextView::measureMore);
    updateBands();
}

void SpanTextView::forgetDrawn() {
    // What the last paint drew is where a click finds names and arcs; after
    // a change it is stale until the next paint.
    m_names.clear();
    m_relations.clear();
    viewport()->update();
}

void SpanTextView::setText(const QString& text) {
    forgetDrawn();
    m_layout.setText(text);
    m_topBlock = 0;
    m_topOffset = 0;
    m_anchor = m_caret = 0;
    m_pressPos = -1;
    m_dragging = false;
    m_scene.selectedSpan = -1;
    m_scene.selectedRelation = -1;
    m_scene.pickSource = -1;
    m_scene.marks.clear();
    m_scene.queryMarks.clear();
    m_scene.currentMark = -1;
    updateSceneSelection();
    syncScrollBar();
    m_measureTimer.start();
    viewport()->update();
}

void SpanTextView::setSpans(QList<ViewSpan> spans) {
    forgetDrawn();
    m_scene.spans.setSpans(std::move(spans));
    if (!m_scene.spans.byId(m_scene.selectedSpan))
        m_scene.selectedSpan = -1;
    updateBands();
    viewport()->update();
}

void SpanTextView::setProposals(QList<ViewSpan> spans) {
    m_scene.proposals.setSpans(std::move(spans));
    viewport()->update();
}

void SpanTextView::setRelations(QList<ViewRelation> relations) {
    forgetDrawn();
    m_scene.relations = std::move(relations);
    updateBands();
    viewport()->update();
}

void SpanTextView::setMarks(QList<TextMark> marks, int current) {
    m_scene.marks = std::move(marks);
    m_scene.currentMark = current;
    viewport()->update();
}

void SpanTextView::setQueryMarks(QList<TextMark> marks) {
    m_scene.queryMarks = std::move(marks);
    viewport()->update();
}

void SpanTextView::setShowNames(bool show) {
    forgetDrawn();
    m_scene.showNames = show;
    updateBands();
    viewport()->update();
}

void SpanTextView::setSelectedSpan(int id, bool revealIt) {
    const ViewSpan* span = m_scene.spans.byId(id);
    m_scene.selectedSpan = span ? id : -1;
    if (span) {
        m_anchor = m_caret = span->start;
        updateSceneSelection();
        if (revealIt)
            reveal(span->start, span->end);
    }
    viewport()->update();
}

void SpanTextView::setSelectedRelation(int id) {
    m_scene.selectedRelation = id;
    viewport()->update();
}

void SpanTextView::setPickSource(int id) {
    m_scene.pickSource = id;
    viewport()->setCursor(id >= 0 ? Qt::PointingHandCursor : Qt::IBeamCursor);
    viewport()->update();
}

void SpanTextView::setSelection(qsizetype anchor, qsizetype caret) {
    const QString& t = text();
    m_anchor = graphemes::boundaryAtOrBefore(t, std::clamp<qsizetype>(anchor, 0, t.size()));
    m_caret = caret >= anchor
                  ? graphemes::boundaryAtOrAfter(t, std::clamp<qsizetype>(caret, 0, t.size()))
                  : graphemes::boundaryAtOrBefore(t, std::clamp<qsizetype>(caret, 0, t.size()));
    if (caret < anchor)
        m_anchor = graphemes::boundaryAtOrAfter(t, std::clamp<qsizetype>(anchor, 0, t.size()));
    if (hasSelection())
        m_scene.selectedSpan = -1;
    updateSceneSelection();
    reveal(m_caret, m_caret);
    Q_EMIT selectionChanged();
}

void SpanTextView::clearSelection() {
    if (!hasSelection())
        return;
    m_anchor = m_caret;
    updateSceneSelection();
    Q_EMIT selectionChanged();
}

void SpanTextView::updateSceneSelection() {
    m_scene.selectionFrom = selectionStart();
    m_scene.selectionTo = selectionEnd();
    viewport()->update();
}

// ---------------------------------------------------------------- geometry

qreal SpanTextView::columnX() const {
    return std::floor((viewport()->width() - m_layout.width()) / 2);
}

void SpanTextView::updateColumn() {
    const int maxWidth = QFontMetrics(font()).averageCharWidth() * preview::kMaxColumnChars;
    const int width = std::max(80, std::min(viewport()->width() - 2 * kSideMargin, maxWidth));
    if (width == int(m_layout.width()))
        return;
    m_layout.setWidth(width);
    m_measureTimer.start();
}

void SpanTextView::updateBands() {
    m_layout.setBands(
        SpanPainter::nameBand(font(), m_scene.showNames, !m_scene.relations.isEmpty()),
        SpanPainter::laneBand(m_scene.spans.laneCount()));
    m_measureTimer.start();
}

qreal SpanTextView::scrollY() {
    if (m_layout.blockCount() == 0)
        return 0;
    return m_layout.blockTop(m_topBlock) + m_topOffset - kTopMargin;
}

void SpanTextView::setScrollY(qreal y) {
    const qreal maxY =
        std::max<qreal>(0, m_layout.height() + 2 * kTopMargin - viewport()->height());
    y = std::clamp<qreal>(y, 0, maxY) + kTopMargin;
    m_names.clear();  // drawn where the text was
    m_relations.clear();
    m_topBlock = m_layout.blockAt(y);
    m_topOffset = y - m_layout.blockTop(m_topBlock);
}

void SpanTextView::prepareVisible() {
    const int count = m_layout.blockCount();
    if (count == 0)
        return;
    m_topBlock = std::clamp(m_topBlock, 0, count - 1);
    // Laying out the top block can make it shorter than the offset into it.
    m_layout.layout(m_topBlock);
    while (m_topOffset >= m_layout.blockHeight(m_topBlock) && m_topBlock < count - 1) {
        m_topOffset -= m_layout.blockHeight(m_topBlock);
        ++m_topBlock;
        m_layout.layout(m_topBlock);
    }
    while (m_topOffset < 0 && m_topBlock > 0) {
        --m_topBlock;
        m_layout.layout(m_topBlock);
        m_topOffset += m_layout.blockHeight(m_topBlock);
    }
    m_topOffset = std::max<qreal>(m_topOffset, m_topBlock == 0 ? -kTopMargin : 0);
    const qreal bottom = scrollY() + viewport()->height();
    int last = m_topBlock;
    m_firstShown = m_topBlock;
    while (last < count - 1 && m_layout.blockTop(last) + m_layout.blockHeight(last) < bottom)
        m_layout.layout(++last);
    m_lastShown = last;
    // Near the end, a block that got shorter leaves space under the text:
    // pull the text down to the bottom of the view.
    const qreal maxY =
        std::max<qreal>(0, m_layout.height() + 2 * kTopMargin - viewport()->height());
    if (scrollY() > maxY + 0.5)
        setScrollY(maxY);
    if (m_layout.laidOutCount() > kKeptLayouts)
        m_layout.releaseOutside(m_firstShown - 20, m_lastShown + 20);
    syncScrollBar();
}

void SpanTextView::syncScrollBar() {
    QScrollBar* bar = verticalScrollBar();
    const int viewHeight = viewport()->height();
    const int maxY = std::max(0, int(std::ceil(m_layout.height() + 2 * kTopMargin)) - viewHeight);
    m_syncing = true;
    bar->setRange(0, maxY);
    bar->setPageStep(viewHeight);
    bar->setSingleStep(
        int(QFontMetricsF(font()).lineSpacing() + m_layout.bandAbove() + m_layout.bandBelow()));
    bar->setValue(int(std::lround(scrollY())));
    m_syncing = false;
}

void SpanTextView::scrollContentsBy(int, int) {
    if (m_syncing)
        return;
    setScrollY(verticalScrollBar()->value());
    forgetDrawn();
}

void SpanTextView::measureMore() {
    if (m_layout.measureSome(kMeasureSliceMs, m_firstShown - 4, m_lastShown + 4))
        m_measureTimer.start();
    syncScrollBar();
}

void SpanTextView::reveal(qsizetype from, qsizetype to) {
    if (m_layout.blockCount() == 0)
        return;
    const QRectF first = m_layout.caretRect(from);
    const QRectF last = to > from ? m_layout.caretRect(to) : first;
    const qreal top = std::min(first.top(), last.top()) - m_layout.bandAbove() - kTopMargin;
    const qreal bottom = std::max(first.bottom(), last.bottom()) + m_layout.bandBelow();
    const qreal y = scrollY();
    const qreal h = viewport()->height();
    if (top < y || bottom - top > h)
        setScrollY(top - (bottom - top > h ? 0 : h / 4));
    else if (bottom > y + h)
        setScrollY(bottom - h + h / 4);
    else
        return;
    prepareVisible();
    viewport()->update();
}

QPointF SpanTextView::toDocument(const QPoint& point) const {
    return QPointF(point.x() - columnX(), point.y() + const_cast<SpanTextView*>(this)->scrollY());
}

qsizetype SpanTextView::positionAt(const QPoint& point) {
    if (m_layout.blockCount() == 0)
        return 0;
    const qsizetype pos = m_layout.hitTest(toDocument(point));
    return graphemes::boundaryAtOrBefore(text(), pos);
}

QPoint SpanTextView::pointOf(qsizetype pos) {
    prepareVisible();
    const int block = m_layout.blockOf(pos);
    const qsizetype next = graphemes::boundaryAtOrAfter(text(), pos + 1);
    QRectF rect = m_layout.caretRect(pos);
    bool found = false;
    m_layout.forEachPiece(block, pos, std::max(next, pos + 1),
                          [&](int, const QTextLine&, const QRectF& r) {
                              if (!found)
                                  rect = r.translated(0, m_layout.blockTop(block));
                              found = true;
                          });
    const QPointF centre = rect.center();
    return QPoint(int(centre.x() + columnX()), int(centre.y() - scrollY()));
}

QPoint SpanTextView::caretPoint(qsizetype pos) {
    prepareVisible();
    const QPointF centre = m_layout.caretRect(pos).center();
    return QPoint(int(std::lround(centre.x() + columnX())), int(centre.y() - scrollY()));
}

QRectF SpanTextView::spanRect(int id) {
    const ViewSpan* span = m_scene.spans.byId(id);
    if (!span)
        return {};
    const int block = m_layout.blockOf(span->start);
    QRectF rect;
    m_layout.forEachPiece(block, span->start, span->end,
                          [&](int, const QTextLine&, const QRectF& r) {
                              if (rect.isNull())
                                  rect = r;
                          });
    if (rect.isNull())
        return {};
    return rect.translated(columnX(), m_layout.blockTop(block) - scrollY());
}

int SpanTextView::relationAt(const QPoint& point) const {
    // The last drawn is on top.
    for (auto it = m_relations.crbegin(); it != m_relations.crend(); ++it)
        if (it->rect.contains(point))
            return it->spanId;
    return -1;
}

QRectF SpanTextView::relationRect(int id) const {
    for (const SpanPainter::NameRect& label : m_relations)
        if (label.spanId == id)
            return label.rect;
    return {};
}

int SpanTextView::spanAt(const QPoint& point) {
    for (const SpanPainter::NameRect& name : std::as_const(m_names))
        if (name.rect.contains(point))
            return name.spanId;
    if (m_layout.blockCount() == 0)
        return -1;
    const QPointF doc = toDocument(point);
    const int block = m_layout.blockAt(doc.y());
    QTextLayout* layout = m_layout.layout(block);
    const qreal y = doc.y() - m_layout.blockTop(block);
    for (int i = 0; i < layout->lineCount(); ++i) {
        const QTextLine line = layout->lineAt(i);
        const qreal bottom = m_layout.lineBottom(line);
        if (y >= bottom + m_layout.bandBelow())
            continue;
        if (y < line.y() - m_layout.bandAbove())
            return -1;
        const QRectF natural = line.naturalTextRect();
        if (doc.x() < natural.left() - 2 || doc.x() > natural.right() + 2)
            return -1;
        const int local = line.xToCursor(doc.x(), QTextLine::CursorOnCharacter);
        const qsizetype pos = m_layout.blockStart(block) + local;
        if (y > bottom + 1) {
            const int lane = std::clamp(int((y - bottom - 1) / SpanPainter::kLaneStep), 0,
                                        SpanPainter::kMaxLanes - 1);
            if (const ViewSpan* span = m_scene.spans.atLane(pos, lane))
                return span->id;
        }
        const ViewSpan* span = m_scene.spans.innermostAt(pos);
        return span ? span->id : -1;
    }
    return -1;
}

// ---------------------------------------------------------------- painting

void SpanTextView::paintEvent(QPaintEvent*) {
    prepareVisible();
    QPainter painter(viewport());
    m_names.clear();
    m_relations.clear();
    if (m_layout.blockCount() == 0)
        return;
    const qreal x0 = columnX();
    const qreal top = scrollY();
    SpanPainter spanPainter(m_scene, palette(), font());
    for (int block = m_firstShown; block <= m_lastShown; ++block)
        spanPainter.paintBlock(painter, m_layout, block,
                               QPointF(x0, m_layout.blockTop(block) - top), &m_names);
    if (hasFocus() && !hasSelection() && m_scene.selectedSpan < 0) {
        const QRectF caret = m_layout.caretRect(m_caret).translated(x0, -top);
        if (caret.bottom() >= 0 && caret.top() <= viewport()->height())
            painter.fillRect(QRectF(caret.left(), caret.top(), 1.5, caret.height()),
                             palette().color(QPalette::Text));
    }
    if (!m_scene.relations.isEmpty()) {
        // Each end that lies on screen, where its span starts; an end off
        // screen is drawn at the edge it lies beyond.
        QHash<int, QRectF> anchors;
        const qsizetype shownFrom = m_layout.blockStart(m_firstShown);
        const qsizetype shownTo = m_layout.blockEnd(m_lastShown);
        const QRectF above(viewport()->width() / 2.0, -40, 1, 1);
        const QRectF below(viewport()->width() / 2.0, viewport()->height() + 40, 1, 1);
        for (const ViewRelation& relation : std::as_const(m_scene.relations)) {
            for (int id : {relation.from, relation.to}) {
                if (anchors.contains(id))
                    continue;
                const ViewSpan* span = m_scene.spans.byId(id);
                if (!span)
                    continue;
                if (span->start >= shownTo)
                    anchors.insert(id, below);
                else if (span->start < shownFrom)
                    anchors.insert(id, above);
                else
                    anchors.insert(id, spanRect(id));
            }
        }
        spanPainter.paintRelations(painter, anchors, &m_relations);
    }
    Q_EMIT painted();
}

void SpanTextView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    forgetDrawn();
    updateColumn();
    syncScrollBar();
}

void SpanTextView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        m_layout.setFont(font());
        updateColumn();
        updateBands();
    }
    QAbstractScrollArea::changeEvent(event);
}

void SpanTextView::focusInEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update();
}

void SpanTextView::focusOutEvent(QFocusEvent* event) {
    QAbstractScrollArea::focusOutEvent(event);
    viewport()->update();
}

// ---------------------------------------------------------------- mouse

void SpanTextView::dragSelect(qsizetype from, qsizetype to, bool exact) {
    const QString& t = text();
    qsizetype lo = std::min(from, to);
    qsizetype hi = std::max(from, to);
    if (exact) {
        lo = graphemes::boundaryAtOrBefore(t, lo);
        hi = graphemes::boundaryAtOrAfter(t, hi);
    } else {
        lo = words::startAtOrBefore(t, lo);
        hi = words::endAtOrAfter(t, hi);
        // Whole words, without the spaces around them.
        while (lo < hi && t.at(lo).isSpace())
            ++lo;
        while (hi > lo && t.at(hi - 1).isSpace())
            --hi;
    }
    if (to >= from) {
        m_anchor = lo;
        m_caret = hi;
    } else {
        m_anchor = hi;
        m_caret = lo;
    }
    if (hasSelection() && m_scene.selectedSpan >= 0) {
        m_scene.selectedSpan = -1;
        Q_EMIT spanSelected(-1);
    }
    updateSceneSelection();
}

void SpanTextView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QPoint point = event->position().toPoint();
    m_pressPoint = point;
    m_dragging = false;
    m_pressPos = positionAt(point);
    m_pressExact = event->modifiers() & Qt::AltModifier;
    if (event->modifiers() & Qt::ShiftModifier && m_scene.pickSource < 0) {
        // Shift+click extends the selection from its anchor.
        m_dragging = true;
        m_pressPos = m_anchor;
        dragSelect(m_anchor, positionAt(point), event->modifiers() & Qt::AltModifier);
        Q_EMIT selectionChanged();
    }
}

void SpanTextView::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton) || m_pressPos < 0 || m_scene.pickSource >= 0)
        return;
    const QPoint point = event->position().toPoint();
    if (!m_dragging && (point - m_pressPoint).manhattanLength() < QApplication::startDragDistance())
        return;
    m_dragging = true;
    // Dragging past the top or bottom scrolls.
    if (point.y() < 0 || point.y() > viewport()->height()) {
        setScrollY(scrollY() + (point.y() < 0 ? -20 : 20));
        syncScrollBar();
    }
    dragSelect(m_pressPos, positionAt(point), m_pressExact || event->modifiers() & Qt::AltModifier);
    Q_EMIT selectionChanged();
}

void SpanTextView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || m_pressPos < 0) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    const QPoint point = event->position().toPoint();
    const qsizetype pressed = m_pressPos;
    m_pressPos = -1;
    if (m_dragging) {
        m_dragging = false;
        dragSelect(pressed, positionAt(point),
                   m_pressExact || event->modifiers() & Qt::AltModifier);
        Q_EMIT selectionChanged();
        return;
    }
    // A click: a relation's label, a span, or a place for the caret.
    if (m_scene.pickSource < 0) {
        const int relation = relationAt(point);
        if (relation >= 0) {
            m_scene.selectedRelation = relation;
            viewport()->update();
            Q_EMIT relationSelected(relation);
            return;
        }
    }
    const int id = spanAt(point);
    if (m_scene.pickSource >= 0) {
        if (id >= 0)
            Q_EMIT spanPicked(id);
        return;
    }
    const bool hadSelection = hasSelection();
    m_anchor = m_caret = pressed;
    updateSceneSelection();
    if (id != m_scene.selectedSpan) {
        m_scene.selectedSpan = id;
        Q_EMIT spanSelected(id);
    }
    if (hadSelection)
        Q_EMIT selectionChanged();
    viewport()->update();
}

void SpanTextView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || m_scene.pickSource >= 0)
        return;
    // The word under the pointer.
    const QPointF doc = toDocument(event->position().toPoint());
    int index = 0;
    const QTextLine line = m_layout.lineFor(m_layout.hitTest(doc), &index);
    if (!line.isValid())
        return;
    const qsizetype pos =
        m_layout.blockStart(index) + line.xToCursor(doc.x(), QTextLine::CursorOnCharacter);
    dragSelect(pos, std::min(pos + 1, text().size()), event->modifiers() & Qt::AltModifier);
    m_pressPos = -1;
    Q_EMIT selectionChanged();
}

// ---------------------------------------------------------------- keys

qsizetype SpanTextView::wordStep(qsizetype pos, bool forward) const {
    return forward ? words::nextWordEnd(text(), pos) : words::previousWordStart(text(), pos);
}

qsizetype SpanTextView::charStep(qsizetype pos, bool forward) const {
    return forward ? graphemes::boundaryAtOrAfter(text(), pos + 1)
                   : graphemes::boundaryAtOrBefore(text(), pos - 1);
}

qsizetype SpanTextView::lineStep(qsizetype pos, int lines) {
    const QRectF caret = m_layout.caretRect(pos);
    const qreal pitch = caret.height() + m_layout.bandAbove() + m_layout.bandBelow();
    const QPointF target(caret.left(), caret.center().y() + lines * pitch);
    if (target.y() < 0)
        return 0;
    if (target.y() > m_layout.height())
        return text().size();
    return graphemes::boundaryAtOrBefore(text(), m_layout.hitTest(target));
}

void SpanTextView::moveCaret(qsizetype caret, bool extend) {
    m_caret = std::clamp<qsizetype>(caret, 0, text().size());
    if (!extend)
        m_anchor = m_caret;
    if (hasSelection() && m_scene.selectedSpan >= 0) {
        m_scene.selectedSpan = -1;
        Q_EMIT spanSelected(-1);
    }
    updateSceneSelection();
    reveal(m_caret, m_caret);
    Q_EMIT selectionChanged();
}

void SpanTextView::keyPressEvent(QKeyEvent* event) {
    if (m_layout.blockCount() == 0) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    if (event->matches(QKeySequence::Copy)) {
        if (hasSelection())
            QApplication::clipboard()->setText(
                text().mid(selectionStart(), selectionEnd() - selectionStart()));
        return;
    }
    const Qt::KeyboardModifiers mods =
        event->modifiers() & (Qt::ShiftModifier | Qt::AltModifier | Qt::ControlModifier);
    const bool shift = mods & Qt::ShiftModifier;
    const bool alt = mods & Qt::AltModifier;
    const bool ctrl = mods & Qt::ControlModifier;
    switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            // Enter takes the span reached with Tab as a relation's target.
            if (m_scene.pickSource >= 0 && m_scene.selectedSpan >= 0 && !mods) {
                Q_EMIT spanPicked(m_scene.selectedSpan);
                return;
            }
            break;
        case Qt::Key_Left:
        case Qt::Key_Right: {
            // The arrows go the way they point: in a right-to-left paragraph
            // Left goes on in the text.
            const bool rtl = m_layout.isRightToLeft(m_layout.blockOf(m_caret));
            const bool forward = (event->key() == Qt::Key_Right) != rtl;
            if (ctrl || (alt && !shift))
                break;
            if (alt && shift) {
                moveCaret(charStep(m_caret, forward), true);
            } else if (shift) {
                moveCaret(wordStep(m_caret, forward), true);
            } else if (hasSelection()) {
                moveCaret(forward ? selectionEnd() : selectionStart(), false);
            } else {
                moveCaret(wordStep(m_caret, forward), false);
            }
            return;
        }
        case Qt::Key_Up:
        case Qt::Key_Down:
            if (ctrl || alt)
                break;
            moveCaret(lineStep(m_caret, event->key() == Qt::Key_Up ? -1 : 1), shift);
            return;
        case Qt::Key_Home:
        case Qt::Key_End: {
            if (alt)
                break;
            const bool home = event->key() == Qt::Key_Home;
            qsizetype pos = home ? 0 : text().size();
            if (!ctrl) {
                int block = 0;
                const QTextLine line = m_layout.lineFor(m_caret, &block);
                const qsizetype start = m_layout.blockStart(block) + line.textStart();
                pos = home ? start : start + line.textLength();
                // A wrapped line's end is before the space it broke at.
                if (!home && pos > start && pos < m_layout.blockEnd(block) &&
                    text().at(pos - 1).isSpace())
                    --pos;
            }
            moveCaret(pos, shift);
            return;
        }
        case Qt::Key_PageUp:
        case Qt::Key_PageDown: {
            if (ctrl || alt)
                break;
            const int lines = std::max(
                1, int(viewport()->height() / (QFontMetricsF(font()).lineSpacing() +
                                               m_layout.bandAbove() + m_layout.bandBelow())) -
                       1);
            moveCaret(lineStep(m_caret, event->key() == Qt::Key_PageUp ? -lines : lines), shift);
            return;
        }
        default:
            break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

}  // namespace postil
