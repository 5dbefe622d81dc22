#include "editors/compare/responseview.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBoundaryFinder>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextTable>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include "model/comparison.h"
#include "widgets/readingstyle.h"

namespace postil {

namespace {

int wordCount(const QString& text) {
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
    // Every word ends at a boundary after its start, so counting ends counts
    // the first word too (toNextBoundary() never reports position 0, where
    // the first word starts).
    int words = 0;
    while (finder.toNextBoundary() != -1)
        if (finder.boundaryReasons().testFlag(QTextBoundaryFinder::EndOfItem))
            ++words;
    return words;
}

// A flag's colour as a highlight: an opaque label colour would drown the
// text, so it is made translucent unless the caller already chose an alpha.
QColor highlight(QColor color) {
    if (!color.isValid())
        color = QColor(255, 200, 0);
    if (color.alpha() == 255)
        color.setAlpha(96);
    return color;
}

QString styleKey(const MarkdownDocument::Style& style) {
    QStringList parts{style.font.toString(), style.monoFont.toString()};
    for (const QColor& color : {style.text, style.muted, style.link, style.codeBackground,
                                style.border, style.base, style.alternateBase})
        parts << color.name(QColor::HexArgb);
    return parts.join(QLatin1Char('|'));
}

}  // namespace

ResponseView::ResponseView(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_detail(new QLabel(this)) {
    m_layoutTimer = new QTimer(this);
    // A pause between slices, so that two long responses laying out never fill a loop turn.
    m_layoutTimer->setInterval(2);
    connect(m_layoutTimer, &QTimer::timeout, this, &ResponseView::layOutAhead);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* header = new QHBoxLayout;
    m_title->setObjectName(QStringLiteral("responseTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    header->addWidget(m_title);
    header->addStretch(1);
    m_detail->setObjectName(QStringLiteral("responseDetail"));
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(m_detail);
    layout->addLayout(header);

    auto* view = new preview::ReadingView(this);
    view->setObjectName(QStringLiteral("responseText"));
    view->setMaxColumnChars(0);  // responses sit side by side: use the width
    view->setFocusPolicy(Qt::StrongFocus);
    // Read, not edited: the selection shows, a blinking caret would only
    // suggest the text can be typed into.
    view->setCursorWidth(0);
    m_view = view;
    layout->addWidget(m_view, 1);
    m_view->viewport()->installEventFilter(this);
    connect(m_view, &QTextEdit::selectionChanged, this, &ResponseView::selectionChanged);
    // Any scrolling by the reader (wheel, scroll bar) lets go of the message
    // the view opened at; the view's own scrolling sets the value directly.
    connect(m_view->verticalScrollBar(), &QScrollBar::actionTriggered, this,
            [this] { m_holdAtLast = false; });
    setFocusProxy(m_view);
}

ResponseView::~ResponseView() = default;

void ResponseView::setTitle(const QString& title) {
    m_title->setText(title);
}

QString ResponseView::title() const {
    return m_title->text();
}

void ResponseView::setContent(const QJsonValue& content) {
    m_content = content;
    m_text = comparison::contentText(content);
    const int words = wordCount(m_text);
    m_detail->setText(words == 1 ? tr("1 word") : tr("%1 words").arg(words));
    rebuild();
    m_view->verticalScrollBar()->setValue(0);
    m_holdAtLast = !m_openAtRole.isEmpty();
    scrollToLastMessage();
}

void ResponseView::setOpenAtLastMessageOf(const QString& role) {
    m_openAtRole = role;
    m_holdAtLast = !role.isEmpty();
    scrollToLastMessage();
}

void ResponseView::scrollToLastMessage() {
    if (!m_holdAtLast || !m_content.isArray())
        return;
    const QJsonArray messages = m_content.toArray();
    int index = int(messages.size()) - 1;
    while (index >= 0 &&
           messages[index].toObject().value(QLatin1String("role")).toString() != m_openAtRole)
        --index;
    QTextDocument* document = m_view->document();
    // One frame per message, unless the messages could not be shown apart.
    const QList<QTextFrame*> frames = document->rootFrame()->childFrames();
    if (index < 0 || frames.size() != messages.size())
        return;
    // Laid out in full first, so that the scroll range reaches the message.
    QAbstractTextDocumentLayout* layout = document->documentLayout();
    layout->documentSize();
    m_view->verticalScrollBar()->setValue(int(layout->frameBoundingRect(frames[index]).top()));
}

void ResponseView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // The text view was resized with this (its layout runs first) and its
    // text reflowed: the message moved.
    scrollToLastMessage();
}

void ResponseView::resetCursor(int position) {
    // The view's own cursor was pushed to the end by the text inserted before
    // it, and the view scrolls to keep it visible: put it back.
    QTextCursor cursor(m_view->document());
    cursor.setPosition(qBound(0, position, m_view->document()->characterCount() - 1));
    m_view->setTextCursor(cursor);
}

int ResponseView::topPosition() const {
    // A point between blocks (in a paragraph's margin) hit-tests as the end
    // of the document: step down to the first line of text.
    const int last = m_view->document()->characterCount() - 1;
    const int x = m_view->viewport()->width() / 2;
    for (int y = 1; y < m_view->viewport()->height(); y += 3) {
        const int position = m_view->cursorForPosition(QPoint(x, y)).position();
        if (position < last)
            return position;
    }
    return 0;
}

void ResponseView::setRendered(bool rendered) {
    if (rendered == m_rendered)
        return;
    m_rendered = rendered;
    rebuildKeepingPlace();
}

void ResponseView::rebuildKeepingPlace() {
    // What is at the top of the view, and what is selected, in source
    // offsets: both survive the rebuild.
    const auto topSource = m_map.toSource(topPosition(), m_view->document()->characterCount());
    const QTextCursor selection = m_view->textCursor();
    const auto selected = m_map.toSource(selection.selectionStart(), selection.selectionEnd());

    rebuild();

    const int topPos = topSource ? m_map.documentPositionAtOrAfter(topSource->first) : -1;
    resetCursor(std::max(0, topPos));
    if (selected) {
        const auto ranges = m_map.toDocument(selected->first, selected->second);
        if (!ranges.isEmpty()) {
            QTextCursor cursor(m_view->document());
            cursor.setPosition(ranges.first().first);
            cursor.setPosition(ranges.last().second, QTextCursor::KeepAnchor);
            m_view->setTextCursor(cursor);
        }
    }
    QScrollBar* bar = m_view->verticalScrollBar();
    bar->setValue(0);
    if (topPos >= 0) {
        QTextCursor cursor(m_view->document());
        cursor.setPosition(topPos);
        bar->setValue(m_view->cursorRect(cursor).top());
    }
}

void ResponseView::setMarks(const QList<Mark>& marks) {
    m_marks = marks;
    applyMarks();
}

QList<std::pair<int, int>> ResponseView::markDocumentRanges(int index) const {
    if (index < 0 || index >= m_marks.size())
        return {};
    const Mark& mark = m_marks[index];
    return m_map.toDocument(comparison::toUtf16(m_text, mark.start),
                            comparison::toUtf16(m_text, mark.end));
}

void ResponseView::applyMarks() {
    QList<QTextEdit::ExtraSelection> selections;
    for (int i = 0; i < m_marks.size(); ++i) {
        const Mark& mark = m_marks[i];
        QTextCharFormat format;
        format.setBackground(highlight(mark.color));
        format.setProperty(QTextFormat::UserProperty, i);
        for (const auto& [from, to] : markDocumentRanges(i)) {
            QTextEdit::ExtraSelection selection;
            selection.cursor = QTextCursor(m_view->document());
            selection.cursor.setPosition(from);
            selection.cursor.setPosition(to, QTextCursor::KeepAnchor);
            selection.format = format;
            selections.append(selection);
        }
    }
    m_view->setExtraSelections(selections);
}

std::optional<std::pair<int, int>> ResponseView::selectedRange() const {
    const QTextCursor cursor = m_view->textCursor();
    if (!cursor.hasSelection())
        return std::nullopt;
    int docStart = cursor.selectionStart();
    int docEnd = cursor.selectionEnd();
    if (cursor.hasComplexSelection()) {
        // Across table cells the cursor's own ends are the start of the cell
        // the selection reached, not its end: the cells shown selected are
        // the ones that count, up to the end of the last of them.
        int firstRow = 0, rows = 0, firstColumn = 0, columns = 0;
        cursor.selectedTableCells(&firstRow, &rows, &firstColumn, &columns);
        const QTextTable* table = cursor.currentTable();
        if (table && rows > 0 && columns > 0) {
            docStart = table->cellAt(firstRow, firstColumn).firstPosition();
            docEnd = table->cellAt(firstRow + rows - 1, firstColumn + columns - 1).lastPosition();
        }
    }
    const auto range = m_map.toSource(docStart, docEnd);
    if (!range)
        return std::nullopt;
    return std::make_pair(comparison::toCodePoints(m_text, range->first),
                          comparison::toCodePoints(m_text, range->second));
}

void ResponseView::clearSelection() {
    QTextCursor cursor = m_view->textCursor();
    cursor.clearSelection();
    m_view->setTextCursor(cursor);
}

void ResponseView::revealRange(int start, int end) {
    const auto ranges =
        m_map.toDocument(comparison::toUtf16(m_text, start), comparison::toUtf16(m_text, end));
    QTextCursor cursor(m_view->document());
    if (ranges.isEmpty()) {
        const int pos = m_map.documentPositionAtOrAfter(comparison::toUtf16(m_text, start));
        if (pos < 0)
            return;
        cursor.setPosition(pos);
    } else {
        // Anchored at the end so the cursor, which the view keeps visible,
        // sits at the start.
        cursor.setPosition(ranges.last().second);
        cursor.setPosition(ranges.first().first, QTextCursor::KeepAnchor);
    }
    m_view->setTextCursor(cursor);
    // Put the start a third of the way down rather than at the very edge.
    QScrollBar* bar = m_view->verticalScrollBar();
    const int top = m_view->cursorRect(cursor).top();
    bar->setValue(bar->value() + top - m_view->viewport()->height() / 3);
}

QScrollBar* ResponseView::verticalScrollBar() const {
    return m_view->verticalScrollBar();
}

QAbstractScrollArea* ResponseView::textArea() const {
    return m_view;
}

QTextEdit* ResponseView::textEdit() const {
    return m_view;
}

void ResponseView::rebuild() {
    const auto style = MarkdownDocument::Style::fromPalette(palette(), m_view->font());
    m_styleKey = styleKey(style);
    QTextDocument* old = m_view->document();
    // The view's first document is its own (setDocument deletes it); the
    // later ones are ours to delete.
    const bool ours = old->parent() == this;
    QTextDocument* document = MarkdownDocument::replacementFor(old, this);
    m_map = MarkdownDocument::build(document, m_content, m_rendered, style);
    m_view->setExtraSelections({});
    m_view->setDocument(document);
    if (ours)
        delete old;
    resetCursor(0);
    static_cast<preview::ReadingView*>(m_view)->updateColumn();
    applyMarks();
    if (m_heldLayout)
        m_heldLayout->removeEventFilter(this);
    m_heldLayout = document->documentLayout();
    m_heldLayout->installEventFilter(this);
    m_layoutBlock = 0;
    m_layoutTimer->start();
}

void ResponseView::layOutAhead() {
    QTextDocument* document = m_view->document();
    QAbstractTextDocumentLayout* layout = document->documentLayout();
    QElapsedTimer slice;
    slice.start();
    QTextBlock block = document->findBlockByNumber(m_layoutBlock);
    // Asking for a block's rectangle lays the document out up to that block.
    while (block.isValid() && slice.nsecsElapsed() < kLayoutSliceNs) {
        layout->blockBoundingRect(block);
        block = block.next();
    }
    if (block.isValid()) {
        m_layoutBlock = block.blockNumber();
        return;
    }
    m_layoutTimer->stop();
    if (m_heldLayout) {
        m_heldLayout->removeEventFilter(this);
        m_heldLayout = nullptr;
    }
    layout->documentSize();  // done: the scroll bars learn the whole height
}

int ResponseView::markAtViewportPoint(const QPoint& point) const {
    if (m_marks.isEmpty())
        return -1;
    QAbstractTextDocumentLayout* layout = m_view->document()->documentLayout();
    const QPointF documentPoint = point + QPointF(m_view->horizontalScrollBar()->value(),
                                                  m_view->verticalScrollBar()->value());
    if (layout->hitTest(documentPoint, Qt::ExactHit) < 0)
        return -1;  // beside the text, not on it
    // The hit gives the nearest gap between characters: the character
    // clicked is the one on the side of the click.
    const QTextCursor gap = m_view->cursorForPosition(point);
    const int position =
        point.x() < m_view->cursorRect(gap).x() ? gap.position() - 1 : gap.position();
    const int source = m_map.sourceAt(position);
    if (source < 0)
        return -1;
    const int codePoint = comparison::toCodePoints(m_text, source);
    // The innermost (shortest) mark wins where marks overlap.
    int best = -1;
    for (int i = 0; i < m_marks.size(); ++i) {
        const Mark& mark = m_marks[i];
        if (codePoint >= mark.start && codePoint < mark.end &&
            (best < 0 || mark.end - mark.start < m_marks[best].end - m_marks[best].start))
            best = i;
    }
    return best;
}

bool ResponseView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_heldLayout && event->type() == QEvent::Timer)
        return true;  // Qt's lazy layout step: layOutAhead() does the work in smaller slices
    if (watched == m_view->viewport()) {
        switch (event->type()) {
            case QEvent::MouseButtonPress: {
                auto* mouse = static_cast<QMouseEvent*>(event);
                m_pressed = mouse->button() == Qt::LeftButton;
                m_pressPos = mouse->position().toPoint();
                break;
            }
            case QEvent::MouseButtonRelease: {
                auto* mouse = static_cast<QMouseEvent*>(event);
                const QPoint pos = mouse->position().toPoint();
                // A click, not a drag that selected text.
                if (m_pressed && mouse->button() == Qt::LeftButton &&
                    (pos - m_pressPos).manhattanLength() < QApplication::startDragDistance() &&
                    !m_view->textCursor().hasSelection()) {
                    const int index = markAtViewportPoint(pos);
                    if (index >= 0)
                        Q_EMIT markClicked(index);
                }
                m_pressed = false;
                break;
            }
            case QEvent::ToolTip: {
                auto* help = static_cast<QHelpEvent*>(event);
                const int index = markAtViewportPoint(help->pos());
                if (index >= 0 && !m_marks[index].tooltip.isEmpty()) {
                    QToolTip::showText(help->globalPos(), m_marks[index].tooltip,
                                       m_view->viewport());
                    return true;
                }
                QToolTip::hideText();
                break;
            }
            default:
                break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ResponseView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    // Colours of code blocks, quotes and role headers come from the palette
    // (a theme switch). Polishing sends these events too, with nothing
    // changed: a rebuild of a long response is not free, so only a real
    // change of colours or font rebuilds.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange ||
        event->type() == QEvent::FontChange) {
        const auto style = MarkdownDocument::Style::fromPalette(palette(), m_view->font());
        if (styleKey(style) != m_styleKey)
            rebuildKeepingPlace();
    }
}

}  // namespace postil
