#include "editors/text/textpagelayout.h"

#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QTextBoundaryFinder>
#include <algorithm>
#include <cmath>

namespace postil {

namespace {

bool isParagraphBreak(QChar c) {
    return c == u'\n' || c == u'\r' || c == QChar::ParagraphSeparator;
}

// Whether the character is written right to left (Hebrew, Arabic, Syriac,
// Thaana, N'Ko and their presentation forms).
bool isRightToLeftChar(QChar c) {
    switch (c.direction()) {
        case QChar::DirR:
        case QChar::DirAL:
        case QChar::DirRLE:
        case QChar::DirRLO:
        case QChar::DirRLI:
            return true;
        default:
            return false;
    }
}

}  // namespace

TextPageLayout::TextPageLayout() {
    setFont(QFont());
    splitBlocks();  // an empty text is one empty block
}

TextPageLayout::~TextPageLayout() = default;

void TextPageLayout::setText(const QString& text) {
    m_text = text;
    splitBlocks();
}

void TextPageLayout::setFont(const QFont& font) {
    m_font = font;
    const QFontMetricsF metrics(font);
    m_lineSpacing = metrics.lineSpacing();
    m_charWidth = std::max<qreal>(1, metrics.averageCharWidth());
    dropLayouts();
}

void TextPageLayout::setWidth(qreal width) {
    width = std::max<qreal>(40, std::floor(width));
    if (width == m_width)
        return;
    m_width = width;
    dropLayouts();
}

void TextPageLayout::setBands(qreal above, qreal below) {
    if (above == m_above && below == m_below)
        return;
    m_above = above;
    m_below = below;
    // Laid-out blocks only move their lines: no shaping again. A measured
    // block without its layout has a stale height and is measured again.
    for (Block& block : m_blocks) {
        if (block.layout) {
            positionLines(block);
        } else {
            if (block.measured)
                ++m_unmeasured;
            block.measured = false;
            block.height = estimate(block);
        }
    }
    m_topsValid = 0;
}

void TextPageLayout::splitBlocks() {
    m_blocks.clear();
    m_laidOut = 0;
    const qsizetype n = m_text.size();
    const QChar* data = m_text.constData();
    qsizetype start = 0;
    for (qsizetype i = 0; i < n; ++i) {
        if (!isParagraphBreak(data[i]))
            continue;
        addParagraph(start, i);
        if (data[i] == u'\r' && i + 1 < n && data[i + 1] == u'\n')
            ++i;
        start = i + 1;
    }
    addParagraph(start, n);
    m_unmeasured = int(m_blocks.size());
    m_nextToMeasure = 0;
    m_tops.assign(m_blocks.size() + 1, 0);
    m_topsValid = 0;
}

void TextPageLayout::addParagraph(qsizetype start, qsizetype end) {
    // The paragraph's direction is its first strong character's, as Qt's own
    // text views decide it; every piece of a long paragraph keeps it.
    const QChar* data = m_text.constData();
    bool mixed = false;
    for (qsizetype i = start; i < end && !mixed; ++i)
        mixed = data[i].unicode() >= 0x0590 && isRightToLeftChar(data[i]);
    const bool rtl = mixed && QStringView(m_text).mid(start, end - start).isRightToLeft();
    qsizetype pos = start;
    do {
        qsizetype pieceEnd = end;
        if (end - pos > kMaxBlockChars) {
            // After the last space before the limit, else on a character
            // boundary (never inside a surrogate pair or a cluster).
            pieceEnd = pos + kMaxBlockChars;
            qsizetype space = pieceEnd;
            while (space > pos + kMaxBlockChars / 2 && !data[space - 1].isSpace())
                --space;
            if (space > pos + kMaxBlockChars / 2) {
                pieceEnd = space;
            } else {
                QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, data + pos,
                                           pieceEnd + 32 < end ? kMaxBlockChars + 32 : end - pos);
                finder.setPosition(kMaxBlockChars);
                if (!finder.isAtBoundary())
                    finder.toPreviousBoundary();
                if (finder.position() > 0)
                    pieceEnd = pos + finder.position();
            }
        }
        Block block;
        block.start = pos;
        block.end = pieceEnd;
        block.rtl = rtl;
        block.mixed = mixed;
        block.height = estimate(block);
        m_blocks.push_back(std::move(block));
        pos = pieceEnd;
    } while (pos < end);
}

qreal TextPageLayout::estimate(const Block& block) const {
    const qreal chars = qreal(block.end - block.start);
    const qreal lines = std::max<qreal>(1, std::ceil(chars * m_charWidth / m_width));
    return lines * (m_lineSpacing + m_above + m_below);
}

void TextPageLayout::dropLayouts() {
    for (Block& block : m_blocks) {
        block.layout.reset();
        block.measured = false;
        block.height = estimate(block);
    }
    m_unmeasured = int(m_blocks.size());
    m_laidOut = 0;
    m_topsValid = 0;
    m_nextToMeasure = 0;
}

void TextPageLayout::doLayout(Block& block) {
    auto layout =
        std::make_unique<QTextLayout>(m_text.mid(block.start, block.end - block.start), m_font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setTextDirection(block.rtl ? Qt::RightToLeft : Qt::LeftToRight);
    // Absolute: a right-to-left paragraph hugs the right edge of the column.
    option.setAlignment(block.rtl ? Qt::AlignRight | Qt::AlignAbsolute
                                  : Qt::AlignLeft | Qt::AlignAbsolute);
    layout->setTextOption(option);
    layout->setCacheEnabled(true);
    layout->beginLayout();
    while (true) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(m_width);
    }
    layout->endLayout();
    block.layout = std::move(layout);
    ++m_laidOut;
    positionLines(block);
}

void TextPageLayout::positionLines(Block& block) {
    qreal y = 0;
    QTextLayout* layout = block.layout.get();
    for (int i = 0; i < layout->lineCount(); ++i) {
        QTextLine line = layout->lineAt(i);
        y += m_above;
        line.setPosition(QPointF(0, y));
        y += std::max(line.height(), m_lineSpacing) + m_below;
    }
    if (layout->lineCount() == 0)
        y = m_lineSpacing + m_above + m_below;
    if (!block.measured) {
        block.measured = true;
        --m_unmeasured;
    }
    block.height = y;
}

void TextPageLayout::heightChanged(int block) {
    m_topsValid = std::min(m_topsValid, block);
}

void TextPageLayout::ensureTops() {
    const int n = int(m_blocks.size());
    if (m_topsValid >= n)
        return;
    for (int i = m_topsValid; i < n; ++i)
        m_tops[i + 1] = m_tops[i] + m_blocks[i].height;
    m_topsValid = n;
}

int TextPageLayout::blockOf(qsizetype pos) const {
    // The last block starting at or before pos.
    auto it = std::upper_bound(m_blocks.begin(), m_blocks.end(), pos,
                               [](qsizetype p, const Block& b) { return p < b.start; });
    if (it == m_blocks.begin())
        return 0;
    return int(it - m_blocks.begin()) - 1;
}

int TextPageLayout::blockAt(qreal y) {
    ensureTops();
    auto it = std::upper_bound(m_tops.begin(), m_tops.end() - 1, y);
    const int index = int(it - m_tops.begin()) - 1;
    return std::clamp(index, 0, blockCount() - 1);
}

qreal TextPageLayout::blockTop(int block) {
    ensureTops();
    return m_tops[block];
}

qreal TextPageLayout::height() {
    ensureTops();
    return m_tops.back();
}

QTextLayout* TextPageLayout::layout(int index) {
    Block& block = m_blocks[index];
    if (!block.layout) {
        const qreal before = block.height;
        doLayout(block);
        if (block.height != before)
            heightChanged(index);
    }
    return block.layout.get();
}

bool TextPageLayout::measureSome(int budgetMs, int keepFrom, int keepTo) {
    QElapsedTimer clock;
    clock.start();
    // Round the blocks from where the last call stopped.
    for (int n = 0; n < blockCount() && m_unmeasured > 0; ++n) {
        const int i = m_nextToMeasure % blockCount();
        m_nextToMeasure = (i + 1) % blockCount();
        if (m_blocks[i].measured)
            continue;
        layout(i);
        if (i < keepFrom || i > keepTo) {
            m_blocks[i].layout.reset();
            --m_laidOut;
        }
        if (clock.elapsed() >= budgetMs)
            break;
    }
    return m_unmeasured > 0;
}

void TextPageLayout::releaseOutside(int keepFrom, int keepTo) {
    for (int i = 0; i < blockCount(); ++i) {
        if ((i < keepFrom || i > keepTo) && m_blocks[i].layout) {
            m_blocks[i].layout.reset();
            --m_laidOut;
        }
    }
}

QTextLine TextPageLayout::lineFor(qsizetype pos, int* blockOut) {
    const int index = blockOf(pos);
    if (blockOut)
        *blockOut = index;
    QTextLayout* lay = layout(index);
    const qsizetype local = std::clamp<qsizetype>(pos - m_blocks[index].start, 0,
                                                  m_blocks[index].end - m_blocks[index].start);
    QTextLine line = lay->lineForTextPosition(int(local));
    if (!line.isValid() && lay->lineCount() > 0)
        line = lay->lineAt(lay->lineCount() - 1);
    return line;
}

qsizetype TextPageLayout::hitTest(const QPointF& point) {
    if (m_blocks.empty())
        return 0;
    const int index = blockAt(point.y());
    QTextLayout* lay = layout(index);
    const Block& block = m_blocks[index];
    if (lay->lineCount() == 0)
        return block.start;
    const qreal y = point.y() - blockTop(index);
    int chosen = lay->lineCount() - 1;
    for (int i = 0; i < lay->lineCount(); ++i) {
        const QTextLine line = lay->lineAt(i);
        if (y < line.y() + std::max(line.height(), m_lineSpacing) + m_below) {
            chosen = i;
            break;
        }
    }
    const QTextLine line = lay->lineAt(chosen);
    const int local = line.xToCursor(point.x(), QTextLine::CursorBetweenCharacters);
    return block.start + std::clamp<qsizetype>(local, 0, block.end - block.start);
}

QRectF TextPageLayout::caretRect(qsizetype pos) {
    int index = 0;
    const QTextLine line = lineFor(pos, &index);
    if (!line.isValid())
        return QRectF(0, blockTop(index) + m_above, 1, m_lineSpacing);
    int local = int(pos - m_blocks[index].start);
    const qreal x = line.cursorToX(&local);
    return QRectF(x, blockTop(index) + line.y(), 1, std::max(line.height(), m_lineSpacing));
}

}  // namespace postil
