#pragma once

#include <QFont>
#include <QRectF>
#include <QString>
#include <QTextLayout>
#include <memory>
#include <vector>

namespace postil {

// The task text laid out for the span view: one QTextLayout per paragraph,
// made only for the paragraphs on screen (a 1 MB text takes seconds to shape
// whole; its first screen a few ms). Paragraphs not laid out yet have an
// estimated height until measureSome() or a paint measures them; layouts far
// from the screen are dropped again (their height kept), so memory stays
// bounded whatever the text's length.
//
// Every line has room above it (label names, relation arcs) and below it
// (the spans' underline lanes): setBands(). Each paragraph lays out in its
// own direction, from its first strong character (Arabic and Hebrew from the
// right). Positions are UTF-16 indexes into the whole text; coordinates are
// the column's, y from the top of the text.
class TextPageLayout {
public:
    // A paragraph longer than this is laid out in pieces (split after a space
    // where there is one): one huge paragraph must not cost a second to show.
    static constexpr qsizetype kMaxBlockChars = 4096;

    TextPageLayout();
    ~TextPageLayout();

    void setText(const QString& text);
    const QString& text() const { return m_text; }
    void setFont(const QFont& font);
    const QFont& font() const { return m_font; }
    void setWidth(qreal width);
    qreal width() const { return m_width; }
    void setBands(qreal above, qreal below);
    qreal bandAbove() const { return m_above; }
    qreal bandBelow() const { return m_below; }

    int blockCount() const { return int(m_blocks.size()); }
    qsizetype blockStart(int block) const { return m_blocks[block].start; }
    qsizetype blockEnd(int block) const { return m_blocks[block].end; }
    bool isRightToLeft(int block) const { return m_blocks[block].rtl; }
    // The block holding 'pos' (a position on a line break belongs to the block
    // before it).
    int blockOf(qsizetype pos) const;
    // The block at 'y' (the first or last when outside).
    int blockAt(qreal y);
    qreal blockTop(int block);
    qreal blockHeight(int block) const { return m_blocks[block].height; }
    qreal height();
    bool isMeasured(int block) const { return m_blocks[block].measured; }
    bool allMeasured() const { return m_unmeasured == 0; }

    // The block's layout, made now when needed.
    QTextLayout* layout(int block);
    // Measures blocks that have only an estimate, for about 'budgetMs';
    // false when none is left. Their layouts are dropped unless kept.
    bool measureSome(int budgetMs, int keepFrom, int keepTo);
    // Drops the layouts of blocks outside [keepFrom, keepTo].
    void releaseOutside(int keepFrom, int keepTo);
    int laidOutCount() const { return m_laidOut; }

    // The position at or nearest to 'point'.
    qsizetype hitTest(const QPointF& point);
    // The line holding 'pos' in its block's layout, made when needed.
    QTextLine lineFor(qsizetype pos, int* blockOut = nullptr);
    // The bottom of the line's glyphs, in its block's coordinates: the lanes
    // start below it.
    qreal lineBottom(const QTextLine& line) const {
        return line.y() + std::max(line.height(), m_lineSpacing);
    }
    // The caret at 'pos': a thin rectangle the line's height.
    QRectF caretRect(qsizetype pos);
    // Calls f(int block, const QTextLine&, const QRectF& rect) for each
    // visual piece of [from, to) in the laid-out lines of 'block': one per
    // line for left-to-right text, one per direction run in mixed lines, so
    // a span is drawn on its own glyphs only. Rect y spans the line's glyphs.
    template <typename F>
    void forEachPiece(int block, qsizetype from, qsizetype to, F f);

private:
    struct Block {
        qsizetype start = 0;
        qsizetype end = 0;
        bool rtl = false;    // the paragraph's direction
        bool mixed = false;  // holds right-to-left characters
        bool measured = false;
        qreal height = 0;
        std::unique_ptr<QTextLayout> layout;
    };
    void splitBlocks();
    void addParagraph(qsizetype start, qsizetype end);
    void doLayout(Block& block);
    void positionLines(Block& block);
    qreal estimate(const Block& block) const;
    void heightChanged(int block);
    void ensureTops();
    void dropLayouts();

    QString m_text;
    QFont m_font;
    qreal m_width = 600;
    qreal m_above = 0;
    qreal m_below = 0;
    qreal m_lineSpacing = 16;
    qreal m_charWidth = 7;
    std::vector<Block> m_blocks;
    std::vector<qreal> m_tops;  // m_tops[i]: top of block i; [size] the total
    int m_topsValid = 0;        // m_tops[0..m_topsValid] are right
    int m_unmeasured = 0;
    int m_nextToMeasure = 0;  // where measureSome() goes on
    int m_laidOut = 0;
};

template <typename F>
void TextPageLayout::forEachPiece(int blockIndex, qsizetype from, qsizetype to, F f) {
    const Block& block = m_blocks[blockIndex];
    const qsizetype s = std::max(from, block.start) - block.start;
    const qsizetype e = std::min(to, block.end) - block.start;
    if (s >= e)
        return;
    QTextLayout* lay = layout(blockIndex);
    for (int i = 0; i < lay->lineCount(); ++i) {
        const QTextLine line = lay->lineAt(i);
        const qsizetype ls = line.textStart();
        const qsizetype le = ls + line.textLength();
        if (ls >= e)
            break;
        const qsizetype a = std::max(s, ls);
        const qsizetype z = std::min(e, le);
        if (a >= z)
            continue;
        if (!block.mixed) {
            // Left to right: the range's glyphs (a fallback font, for emoji
            // say, makes a run of its own) are one piece of the line.
            const QList<QGlyphRun> runs = line.glyphRuns(int(a), int(z - a));
            if (runs.isEmpty())
                continue;
            QRectF rect = runs.first().boundingRect();
            for (const QGlyphRun& run : runs)
                rect = rect.united(run.boundingRect());
            rect.setTop(line.y());
            rect.setHeight(line.height());
            f(blockIndex, line, rect);
            continue;
        }
        // Mixed directions: each glyph run is drawn where its run lies.
        for (const QGlyphRun& run : line.glyphRuns(int(a), int(z - a))) {
            QRectF rect = run.boundingRect();
            rect.setTop(line.y());
            rect.setHeight(line.height());
            f(blockIndex, line, rect);
        }
    }
}

}  // namespace postil
