#include "editors/compare/markdowndocument.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <algorithm>

#include "editors/compare/markdownparser.h"
#include "model/comparison.h"

namespace postil {

// ---- SourceMap --------------------------------------------------------------

void SourceMap::append(int docPos, int srcPos, int length) {
    if (length <= 0)
        return;
    if (!m_runs.isEmpty()) {
        Run& last = m_runs.last();
        if (last.docPos + last.length == docPos && last.srcPos + last.length == srcPos) {
            last.length += length;
            return;
        }
    }
    m_runs.append({docPos, srcPos, length});
}

std::optional<std::pair<int, int>> SourceMap::toSource(int docStart, int docEnd) const {
    if (docEnd <= docStart)
        return std::nullopt;
    // The first run ending after docStart, and the last one starting before docEnd.
    auto first =
        std::upper_bound(m_runs.begin(), m_runs.end(), docStart,
                         [](int pos, const Run& run) { return pos < run.docPos + run.length; });
    if (first == m_runs.end() || first->docPos >= docEnd)
        return std::nullopt;
    auto last = std::lower_bound(m_runs.begin(), m_runs.end(), docEnd,
                                 [](const Run& run, int pos) { return run.docPos < pos; });
    --last;  // exists: `first` starts before docEnd
    const int start = first->srcPos + std::max(0, docStart - first->docPos);
    const int end = last->srcPos + std::min(docEnd, last->docPos + last->length) - last->docPos;
    if (end <= start)
        return std::nullopt;
    return std::make_pair(start, end);
}

QList<std::pair<int, int>> SourceMap::toDocument(int srcStart, int srcEnd) const {
    QList<std::pair<int, int>> ranges;
    if (srcEnd <= srcStart)
        return ranges;
    auto run = std::upper_bound(m_runs.begin(), m_runs.end(), srcStart,
                                [](int pos, const Run& r) { return pos < r.srcPos + r.length; });
    for (; run != m_runs.end() && run->srcPos < srcEnd; ++run) {
        const int from = run->docPos + std::max(srcStart, run->srcPos) - run->srcPos;
        const int to = run->docPos + std::min(srcEnd, run->srcPos + run->length) - run->srcPos;
        if (!ranges.isEmpty() && ranges.last().second == from)
            ranges.last().second = to;
        else
            ranges.append({from, to});
    }
    return ranges;
}

int SourceMap::sourceAt(int docPos) const {
    auto run = std::upper_bound(m_runs.begin(), m_runs.end(), docPos,
                                [](int pos, const Run& r) { return pos < r.docPos + r.length; });
    if (run == m_runs.end() || run->docPos > docPos)
        return -1;
    return run->srcPos + docPos - run->docPos;
}

int SourceMap::documentPositionAtOrAfter(int srcPos) const {
    auto run = std::upper_bound(m_runs.begin(), m_runs.end(), srcPos,
                                [](int pos, const Run& r) { return pos < r.srcPos + r.length; });
    if (run == m_runs.end())
        return -1;
    return run->docPos + std::max(0, srcPos - run->srcPos);
}

// ---- Rendering --------------------------------------------------------------

namespace {

using markdown::Block;
using markdown::Inline;
using markdown::Line;

constexpr qreal kLineHeight = 135;  // percent, as the other reading views
constexpr qreal kCodeLineHeight = 112;

QColor blend(const QColor& a, const QColor& b, qreal t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

// The character style a run of inline text starts from, before emphasis.
enum class Base { Plain, Quote, Heading, HeaderCell };

class Renderer {
public:
    Renderer(QTextCursor& cursor, const QString& source, int sourceOffset,
             const MarkdownDocument::Style& style, SourceMap& map)
        : m_cursor(&cursor),
          m_s(source),
          m_offset(sourceOffset),
          m_style(style),
          m_map(map),
          m_em(QFontMetricsF(style.font).height()) {}

    void render(const QList<Block>& blocks) { renderBlocks(blocks, Context{}); }

private:
    struct Context {
        int quote = 0;       // block quote depth
        int indent = 0;      // list depth, in the document's indent steps
        bool tight = false;  // inside a tight list: no space between paragraphs
    };

    // The list item the next block starts, if any.
    struct PendingItem {
        QTextList** list = nullptr;
        QTextListFormat format;
        int number = 0;  // > 0: the marker is written out ("3.") instead
    };

    QTextBlockFormat blockFormat(const Context& ctx) const {
        QTextBlockFormat format;
        format.setLineHeight(kLineHeight, QTextBlockFormat::ProportionalHeight);
        format.setBottomMargin(ctx.tight ? m_em * 0.15 : m_em * 0.55);
        format.setIndent(ctx.indent);
        if (ctx.quote > 0) {
            format.setLeftMargin(ctx.quote * m_em * 1.1);
            format.setProperty(QTextFormat::BlockQuoteLevel, ctx.quote);
        }
        return format;
    }

    // Starts a block for the next paragraph, heading or code block: reuses
    // the empty block the cursor sits in, or opens a new one. A pending list
    // item makes the block that item.
    void startBlock(QTextBlockFormat format) {
        if (m_pending.list && m_pending.number == 0)
            format.setIndent(0);  // the list's own indent applies
        if (m_fresh) {
            m_cursor->setBlockFormat(format);
            m_cursor->setBlockCharFormat(QTextCharFormat());
            m_fresh = false;
        } else {
            m_cursor->insertBlock(format, QTextCharFormat());
        }
        if (!m_pending.list)
            return;
        if (m_pending.number > 0) {
            // QTextList in Qt 6.4 always counts from 1; a list that starts
            // elsewhere (often the rest of a list a code block interrupted)
            // gets its numbers as unmapped text in a hanging indent.
            const QString marker = QString::number(m_pending.number) + QStringLiteral(".\u00a0");
            QTextBlockFormat hanging;
            hanging.setTextIndent(-QFontMetricsF(m_style.font).horizontalAdvance(marker));
            m_cursor->mergeBlockFormat(hanging);
            QTextCharFormat muted;
            muted.setForeground(m_style.muted);
            m_cursor->insertText(marker, muted);
        } else if (!*m_pending.list) {
            *m_pending.list = m_cursor->createList(m_pending.format);
        } else {
            (*m_pending.list)->add(m_cursor->block());
        }
        m_pending = {};
    }

    void renderBlocks(const QList<Block>& blocks, const Context& ctx) {
        for (const Block& block : blocks) {
            switch (block.type) {
                case Block::Type::Paragraph:
                    startBlock(blockFormat(ctx));
                    renderInlines(block.lines, ctx.quote > 0 ? Base::Quote : Base::Plain, 0);
                    break;
                case Block::Type::Heading:
                    renderHeading(block, ctx);
                    break;
                case Block::Type::Code:
                    renderCode(block, ctx);
                    break;
                case Block::Type::Quote: {
                    Context inner = ctx;
                    ++inner.quote;
                    renderBlocks(block.children, inner);
                    break;
                }
                case Block::Type::List:
                    renderList(block, ctx);
                    break;
                case Block::Type::Item:
                    renderBlocks(block.children, ctx);
                    break;
                case Block::Type::Table:
                    renderTable(block, ctx);
                    break;
                case Block::Type::Rule: {
                    QTextBlockFormat format = blockFormat(ctx);
                    format.setProperty(QTextFormat::BlockTrailingHorizontalRulerWidth,
                                       QTextLength(QTextLength::PercentageLength, 100));
                    format.setTopMargin(m_em * 0.3);
                    startBlock(format);
                    break;
                }
            }
        }
    }

    void renderHeading(const Block& block, const Context& ctx) {
        QTextBlockFormat format = blockFormat(ctx);
        format.setHeadingLevel(block.level);
        format.setTopMargin(m_em * (block.level <= 2 ? 0.9 : 0.6));
        format.setBottomMargin(m_em * 0.35);
        format.setLineHeight(115, QTextBlockFormat::ProportionalHeight);
        startBlock(format);
        renderInlines(block.lines, Base::Heading, block.level);
    }

    // A table or frame cannot take over the empty block the cursor sits in:
    // it would stay above as a blank line, so it shrinks to nothing instead.
    void squeezeFreshBlock() {
        if (!m_fresh)
            return;
        QTextBlockFormat squeezed;
        squeezed.setLineHeight(1, QTextBlockFormat::FixedHeight);
        m_cursor->setBlockFormat(squeezed);
        QTextCharFormat tiny;
        tiny.setFontPointSize(1);
        m_cursor->setBlockCharFormat(tiny);
    }

    qreal leftIndent(const Context& ctx) const {
        return ctx.indent * m_cursor->document()->indentWidth() + ctx.quote * m_em * 1.1;
    }

    void renderCode(const Block& block, const Context& ctx) {
        // A frame, for the padding a block background lacks.
        squeezeFreshBlock();
        QTextFrameFormat frame;
        frame.setBackground(m_style.codeBackground);
        frame.setPadding(m_em * 0.45);
        frame.setBorder(0);
        frame.setTopMargin(m_em * 0.15);
        frame.setBottomMargin(m_em * 0.6);
        frame.setLeftMargin(leftIndent(ctx));
        QTextFrame* codeFrame = m_cursor->insertFrame(frame);
        QTextBlockFormat format;
        format.setLineHeight(kCodeLineHeight, QTextBlockFormat::ProportionalHeight);
        m_cursor->setBlockFormat(format);
        QTextCharFormat mono;
        mono.setFontFamilies(m_style.monoFont.families());
        mono.setFontFixedPitch(true);
        mono.setFontPointSize(m_style.monoFont.pointSizeF());
        // One block for the whole code block, lines joined by line
        // separators: each stands for the source's newline one to one.
        for (int i = 0; i < block.lines.size(); ++i) {
            const Line line = block.lines[i];
            if (i > 0) {
                const int previousEnd = block.lines[i - 1].end;
                m_map.append(m_cursor->position(), m_offset + previousEnd, 1);
                m_cursor->insertText(QString(QChar(QChar::LineSeparator)), mono);
            }
            if (line.end > line.start) {
                m_map.append(m_cursor->position(), m_offset + line.start, line.end - line.start);
                m_cursor->insertText(m_s.mid(line.start, line.end - line.start), mono);
            }
        }
        m_cursor->setPosition(codeFrame->lastPosition() + 1);
        m_fresh = true;
    }

    void renderList(const Block& block, const Context& ctx) {
        QTextList* list = nullptr;
        QTextListFormat format;
        const int level = ctx.indent + 1;
        format.setIndent(level);
        if (block.ordered) {
            format.setStyle(QTextListFormat::ListDecimal);
        } else {
            static const QTextListFormat::Style bullets[] = {QTextListFormat::ListDisc,
                                                             QTextListFormat::ListCircle,
                                                             QTextListFormat::ListSquare};
            format.setStyle(bullets[ctx.indent % 3]);
        }
        const bool writtenNumbers = block.ordered && block.startNumber != 1;
        Context inner = ctx;
        inner.indent = level;
        inner.tight = block.tight;
        for (int k = 0; k < block.children.size(); ++k) {
            const Block& item = block.children[k];
            m_pending = {&list, format, writtenNumbers ? block.startNumber + k : 0};
            // The item's first block carries its marker; a list, table or
            // code block cannot, so an item opening with one gets an empty
            // first line.
            const Block::Type first =
                item.children.isEmpty() ? Block::Type::List : item.children.first().type;
            if (first == Block::Type::List || first == Block::Type::Table ||
                first == Block::Type::Code)
                startBlock(blockFormat(inner));
            renderBlocks(item.children, inner);
            m_pending = {};
        }
    }

    void renderTable(const Block& block, const Context& ctx) {
        const int rows = int(block.rows.size());
        const int columns = int(block.alignments.size());
        if (rows == 0 || columns == 0)
            return;
        squeezeFreshBlock();
        QTextTableFormat format;
        format.setBorder(1);
        format.setBorderBrush(m_style.border);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setBorderCollapse(true);
        format.setCellPadding(m_em * 0.3);
        format.setCellSpacing(0);
        format.setHeaderRowCount(1);
        format.setTopMargin(m_em * 0.2);
        format.setBottomMargin(m_em * 0.6);
        format.setLeftMargin(leftIndent(ctx));
        QTextTable* table = m_cursor->insertTable(rows, columns, format);
        QTextCursor* outer = m_cursor;
        for (int r = 0; r < rows; ++r) {
            for (int c = 0; c < columns; ++c) {
                QTextTableCell cell = table->cellAt(r, c);
                if (r == 0) {
                    QTextCharFormat header = cell.format();
                    header.setBackground(m_style.alternateBase);
                    cell.setFormat(header);
                }
                QTextCursor cellCursor = cell.firstCursorPosition();
                QTextBlockFormat cellBlock;
                cellBlock.setLineHeight(120, QTextBlockFormat::ProportionalHeight);
                if (block.alignments[c] != 0)
                    cellBlock.setAlignment(Qt::Alignment(block.alignments[c]));
                // The view wraps anywhere (a long URL must not widen it), which
                // lets a table's layout squeeze a column to one letter and run a
                // header down the cell ("Accu/racy"). A header keeps its line, so
                // its column is at least as wide; the view scrolls sideways when
                // the table cannot fit.
                if (r == 0)
                    cellBlock.setNonBreakableLines(true);
                cellCursor.setBlockFormat(cellBlock);
                m_cursor = &cellCursor;
                const Line cellLine = block.rows[r][c];
                if (cellLine.end > cellLine.start)
                    renderInlines({cellLine}, r == 0 ? Base::HeaderCell : Base::Plain, 0);
                m_cursor = outer;
            }
        }
        m_cursor->setPosition(table->lastPosition() + 1);
        m_fresh = true;
    }

    QTextCharFormat format(Base base, int level, int flags, int link) {
        const int key = (int(base) * 8 + level) * 64 + flags;
        if (link < 0) {
            auto cached = m_formats.constFind(key);
            if (cached != m_formats.constEnd())
                return cached.value();
        }
        QTextCharFormat format;
        const qreal size = m_style.font.pointSizeF();
        switch (base) {
            case Base::Plain:
                break;
            case Base::Quote:
                format.setForeground(m_style.muted);
                break;
            case Base::Heading: {
                static const qreal scale[] = {1.0, 1.55, 1.3, 1.15, 1.05, 1.0, 0.95};
                format.setFontWeight(QFont::Bold);
                if (size > 0)
                    format.setFontPointSize(size * scale[std::clamp(level, 0, 6)]);
                break;
            }
            case Base::HeaderCell:
                format.setFontWeight(QFont::Bold);
                break;
        }
        if (flags & markdown::Emphasis)
            format.setFontItalic(true);
        if (flags & markdown::Strong)
            format.setFontWeight(QFont::Bold);
        if (flags & markdown::Strike)
            format.setFontStrikeOut(true);
        if (flags & markdown::Code) {
            format.setFontFamilies(m_style.monoFont.families());
            format.setFontFixedPitch(true);
            if (base != Base::Heading)
                format.setFontPointSize(m_style.monoFont.pointSizeF());
            format.setBackground(m_style.codeBackground);
        }
        if (flags & markdown::Link) {
            format.setForeground(m_style.link);
            format.setFontUnderline(true);
            if (link >= 0 && link < m_links.size()) {
                format.setAnchor(true);
                format.setAnchorHref(m_links[link]);
                format.setToolTip(m_links[link]);
            }
        }
        if (link < 0)
            m_formats.insert(key, format);
        return format;
    }

    // Inline content spread over source lines: parsed as one string joined
    // with '\n', then every run mapped back line by line.
    void renderInlines(const QList<Line>& lines, Base base, int level) {
        QString joined;
        QList<int> starts;
        for (int i = 0; i < lines.size(); ++i) {
            if (i > 0)
                joined += QLatin1Char('\n');
            starts.append(int(joined.size()));
            joined += QStringView(m_s).mid(lines[i].start, lines[i].end - lines[i].start);
        }
        m_links.clear();
        const QList<Inline> inlines = markdown::parseInlines(joined, &m_links);
        for (const Inline& piece : inlines) {
            const int docPos = m_cursor->position();
            m_cursor->insertText(piece.text, format(base, level, piece.flags, piece.link));
            mapJoined(lines, starts, docPos, piece.pos, piece.mapped ? int(piece.text.size()) : 1);
        }
    }

    void mapJoined(const QList<Line>& lines, const QList<int>& starts, int docPos, int pos,
                   int length) {
        int k = int(std::upper_bound(starts.begin(), starts.end(), pos) - starts.begin()) - 1;
        while (length > 0 && k >= 0 && k < lines.size()) {
            const Line line = lines[k];
            const int into = pos - starts[k];
            const int left = (line.end - line.start) - into;
            if (left > 0) {
                const int take = std::min(length, left);
                m_map.append(docPos, m_offset + line.start + into, take);
                docPos += take, pos += take, length -= take;
            } else {
                // The joining '\n': the source's line end.
                m_map.append(docPos, m_offset + line.end, 1);
                docPos += 1, pos += 1, length -= 1;
                ++k;
            }
        }
    }

    QTextCursor* m_cursor;
    const QString& m_s;
    int m_offset;
    const MarkdownDocument::Style& m_style;
    SourceMap& m_map;
    qreal m_em;
    bool m_fresh = true;
    PendingItem m_pending;
    QStringList m_links;
    QHash<int, QTextCharFormat> m_formats;
};

void insertPlain(QTextCursor& cursor, const QString& text, int sourceOffset,
                 const MarkdownDocument::Style& style, SourceMap& map) {
    QTextBlockFormat block;
    block.setLineHeight(120, QTextBlockFormat::ProportionalHeight);
    cursor.setBlockFormat(block);
    QTextCharFormat mono;
    mono.setFontFamilies(style.monoFont.families());
    mono.setFontFixedPitch(true);
    mono.setFontPointSize(style.monoFont.pointSizeF());
    cursor.setBlockCharFormat(mono);
    // insertText turns each '\n' into one block break, so positions stay one
    // to one, except that it folds "\r\n" into one break: the '\r' of such a
    // pair is kept as an invisible character instead.
    map.append(cursor.position(), sourceOffset, int(text.size()));
    if (text.contains(QLatin1String("\r\n"))) {
        QString kept = text;
        kept.replace(QLatin1String("\r\n"), QStringLiteral("\u200b\n"));
        cursor.insertText(kept, mono);
    } else {
        cursor.insertText(text, mono);
    }
}

QColor roleColor(const QString& role, const MarkdownDocument::Style& style) {
    if (role == QLatin1String("user"))
        return style.link;
    if (role == QLatin1String("assistant"))
        return style.text;
    return style.muted;
}

}  // namespace

MarkdownDocument::Style MarkdownDocument::Style::fromPalette(const QPalette& palette,
                                                             const QFont& font) {
    Style style;
    style.font = font;
    style.monoFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() > 0)
        style.monoFont.setPointSizeF(font.pointSizeF() * 0.9);
    style.text = palette.color(QPalette::Text);
    style.muted = palette.color(QPalette::PlaceholderText);
    style.link = palette.color(QPalette::Link);
    style.base = palette.color(QPalette::Base);
    style.alternateBase = palette.color(QPalette::AlternateBase);
    style.codeBackground = blend(style.base, style.text, 0.06);
    style.border = palette.color(QPalette::Mid);
    style.border.setAlpha(140);
    return style;
}

QTextDocument* MarkdownDocument::replacementFor(const QTextDocument* shown, QObject* parent) {
    auto* document = new QTextDocument(parent);
    document->setUndoRedoEnabled(false);
    document->setDocumentMargin(shown->documentMargin());
    document->setDefaultTextOption(shown->defaultTextOption());
    document->setDefaultFont(shown->defaultFont());
    document->setIndentWidth(shown->indentWidth());
    QTextFrameFormat root = document->rootFrame()->frameFormat();
    const QTextFrameFormat shownRoot = shown->rootFrame()->frameFormat();
    root.setLeftMargin(shownRoot.leftMargin());
    root.setRightMargin(shownRoot.rightMargin());
    document->rootFrame()->setFrameFormat(root);
    return document;
}

QString MarkdownDocument::roleTitle(const QString& role) {
    if (role == QLatin1String("system"))
        return QCoreApplication::translate("postil::ResponseView", "System");
    if (role == QLatin1String("user"))
        return QCoreApplication::translate("postil::ResponseView", "User");
    if (role == QLatin1String("assistant"))
        return QCoreApplication::translate("postil::ResponseView", "Assistant");
    return role.isEmpty() ? QCoreApplication::translate("postil::ResponseView", "Message") : role;
}

void MarkdownDocument::renderMarkdown(QTextCursor& cursor, const QString& source, int sourceOffset,
                                      const Style& style, SourceMap& map) {
    Renderer(cursor, source, sourceOffset, style, map).render(markdown::parseBlocks(source));
}

SourceMap MarkdownDocument::build(QTextDocument* document, const QJsonValue& content, bool rendered,
                                  const Style& style) {
    SourceMap map;
    document->setUndoRedoEnabled(false);
    if (!document->isEmpty())
        document->clear();  // which also resets the root frame: spared when empty
    document->setDefaultFont(style.font);
    QTextCursor cursor(document);
    cursor.beginEditBlock();

    // A message list is rendered message by message; the offsets only line
    // up if the contents joined the way contentText joins them give its text
    // (they always should; if not, the text is shown as one piece).
    const QString text = comparison::contentText(content);
    QStringList parts;
    QStringList roles;
    if (content.isArray()) {
        for (const QJsonValue& value : content.toArray()) {
            const QJsonObject message = value.toObject();
            parts.append(message.value(QLatin1String("content")).toString());
            roles.append(message.value(QLatin1String("role")).toString());
        }
    }
    const bool conversation =
        content.isArray() && !parts.isEmpty() && parts.join(QLatin1String("\n\n")) == text;
    if (!conversation) {
        if (rendered)
            renderMarkdown(cursor, text, 0, style, map);
        else
            insertPlain(cursor, text, 0, style, map);
        cursor.endEditBlock();
        return map;
    }

    int offset = 0;
    for (int i = 0; i < parts.size(); ++i) {
        const QString& role = roles[i];
        QTextFrameFormat frame;
        frame.setBorder(1);
        frame.setBorderBrush(style.border);
        frame.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        frame.setPadding(10);
        frame.setTopMargin(i == 0 ? 0 : 10);
        frame.setBackground(role == QLatin1String("assistant") ? style.base : style.alternateBase);
        cursor.insertFrame(frame);

        // The role header is not part of the text: nothing maps to it.
        QTextCharFormat roleFormat;
        roleFormat.setFontWeight(QFont::Bold);
        roleFormat.setFontPointSize(std::max<qreal>(7.5, style.font.pointSizeF() * 0.75));
        roleFormat.setFontLetterSpacingType(QFont::PercentageSpacing);
        roleFormat.setFontLetterSpacing(108);
        roleFormat.setForeground(roleColor(role, style));
        QTextBlockFormat roleBlock;
        roleBlock.setBottomMargin(4);
        cursor.setBlockFormat(roleBlock);
        cursor.insertText(roleTitle(role).toUpper(), roleFormat);
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());

        if (rendered)
            renderMarkdown(cursor, parts[i], offset, style, map);
        else
            insertPlain(cursor, parts[i], offset, style, map);
        offset += int(parts[i].size()) + 2;  // the "\n\n" contentText puts between
        cursor = document->rootFrame()->lastCursorPosition();
    }
    // A document always has a block before its first frame and one after its
    // last: squeeze them to a pixel so they do not show as blank lines.
    QTextBlockFormat squeezed;
    squeezed.setLineHeight(1, QTextBlockFormat::FixedHeight);
    QTextCharFormat tiny;
    tiny.setFontPointSize(1);
    for (QTextCursor edge :
         {QTextCursor(document->firstBlock()), QTextCursor(document->lastBlock())}) {
        if (edge.block().length() == 1) {
            edge.setBlockFormat(squeezed);
            edge.setBlockCharFormat(tiny);
        }
    }
    cursor.endEditBlock();
    return map;
}

}  // namespace postil
