#include "editors/compare/markdownrenderer.h"

#include <md4c.h>

#include <QFontMetricsF>
#include <QHash>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <algorithm>
#include <deque>
#include <vector>

#include "editors/compare/markdownentities.h"
#include "editors/compare/utf8source.h"

namespace postil {

namespace {

constexpr qreal kLineHeight = 135;  // percent, as the other reading views
constexpr qreal kCodeLineHeight = 112;
// Containers nested deeper than this (quotes in lists in quotes...) still
// render, but indent no further: hostile input must not push text off the
// page or make the layout's margins absurd.
constexpr int kMaxVisualDepth = 16;

// GitHub's dialect: tables, task lists, strikethrough, autolinks without <>.
// Raw HTML is not recognised at all, so it reaches the document as the text
// it is: a response is hostile input and nothing in it may become live markup
// (docs/architecture.md §10).
constexpr unsigned kParserFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;

// An md4c attribute (a link's address): its pieces, entities decoded.
QString attributeText(const MD_ATTRIBUTE& attribute) {
    QString text;
    if (!attribute.text || attribute.size == 0)
        return text;
    for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
        const MD_OFFSET from = attribute.substr_offsets[i];
        const QString piece = QString::fromUtf8(attribute.text + from,
                                                qsizetype(attribute.substr_offsets[i + 1] - from));
        switch (attribute.substr_types[i]) {
            case MD_TEXT_ENTITY: {
                const QString decoded = markdown::decodeEntity(piece);
                text += decoded.isEmpty() ? piece : decoded;
                break;
            }
            case MD_TEXT_NULLCHAR:
                text += QChar(QChar::ReplacementCharacter);
                break;
            default:
                text += piece;
        }
    }
    return text;
}

// Text md4c made up (not a pointer into the source): shown without a source.
// Characters that QTextCursor::insertText turns into block or frame
// boundaries are replaced, so the document's structure stays the renderer's.
QString madeUpText(const char* text, unsigned size) {
    QString shown = QString::fromUtf8(text, qsizetype(size));
    for (QChar& c : shown) {
        if (c == u'\n' || c == u'\r' || c == QChar::ParagraphSeparator)
            c = QChar(QChar::LineSeparator);
        else if (c == QChar(0xfdd0) || c == QChar(0xfdd1))
            c = QChar(QChar::ReplacementCharacter);
    }
    return shown;
}

QTextListFormat::Style bulletFor(int depth) {
    static const QTextListFormat::Style bullets[] = {
        QTextListFormat::ListDisc, QTextListFormat::ListCircle, QTextListFormat::ListSquare};
    return bullets[depth % 3];
}

// The character style a run of inline text starts from, before emphasis.
enum class Base { Plain, Quote, Heading, HeaderCell };

enum InlineFlag : int { Emphasis = 1, Strong = 2, Strike = 4, Code = 8, Link = 16 };

class Renderer {
public:
    Renderer(QTextCursor& cursor, const QString& source, int sourceOffset,
             const MarkdownDocument::Style& style, SourceMap& map)
        : m_cursor(&cursor),
          m_s(source),
          m_utf8(source),
          m_offset(sourceOffset),
          m_style(style),
          m_map(map),
          m_em(QFontMetricsF(style.font).height()) {}

    void render() {
        MD_PARSER parser{};
        parser.flags = kParserFlags;
        parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* self) {
            return static_cast<Renderer*>(self)->enterBlock(type, detail);
        };
        parser.leave_block = [](MD_BLOCKTYPE type, void*, void* self) {
            return static_cast<Renderer*>(self)->leaveBlock(type);
        };
        parser.enter_span = [](MD_SPANTYPE type, void* detail, void* self) {
            return static_cast<Renderer*>(self)->enterSpan(type, detail);
        };
        parser.leave_span = [](MD_SPANTYPE type, void*, void* self) {
            return static_cast<Renderer*>(self)->leaveSpan(type);
        };
        parser.text = [](MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* self) {
            return static_cast<Renderer*>(self)->text(type, text, size);
        };
        // A failure (out of memory) leaves what was rendered so far.
        md_parse(m_utf8.data(), m_utf8.size(), &parser, this);
    }

private:
    // What the containers around a block add to its format.
    struct Context {
        int quote = 0;       // block quote depth
        int indent = 0;      // list depth, in the document's indent steps
        bool tight = false;  // inside a tight list: no space between paragraphs
    };

    struct ListState {
        QTextList* list = nullptr;
        QTextListFormat format;
        int nextNumber = 0;  // > 0: numbers are written out, this one next
    };

    // The list item whose first block is still to come: that block carries
    // its marker.
    struct PendingItem {
        ListState* list = nullptr;
        int number = 0;  // > 0: the marker is written out ("3.") instead
        QTextBlockFormat::MarkerType task = QTextBlockFormat::MarkerType::NoMarker;
    };

    // ---- blocks -------------------------------------------------------------

    int enterBlock(MD_BLOCKTYPE type, void* detail) {
        endInline();
        switch (type) {
            case MD_BLOCK_DOC:
            case MD_BLOCK_THEAD:
                break;
            case MD_BLOCK_TBODY:
                m_inHeader = false;
                break;
            case MD_BLOCK_QUOTE:
                startItemLine();
                m_contexts.push_back(context());
                m_contexts.back().quote = std::min(m_contexts.back().quote + 1, kMaxVisualDepth);
                break;
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
                startItemLine();
                enterList(type, detail);
                break;
            case MD_BLOCK_LI:
                enterItem(static_cast<MD_BLOCK_LI_DETAIL*>(detail));
                break;
            case MD_BLOCK_HR: {
                QTextBlockFormat format = blockFormat();
                format.setProperty(QTextFormat::BlockTrailingHorizontalRulerWidth,
                                   QTextLength(QTextLength::PercentageLength, 100));
                format.setTopMargin(m_em * 0.3);
                startBlock(format);
                break;
            }
            case MD_BLOCK_H: {
                const int level = int(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
                QTextBlockFormat format = blockFormat();
                format.setHeadingLevel(level);
                format.setTopMargin(m_em * (level <= 2 ? 0.9 : 0.6));
                format.setBottomMargin(m_em * 0.35);
                format.setLineHeight(115, QTextBlockFormat::ProportionalHeight);
                startBlock(format);
                beginInline(Base::Heading, level);
                break;
            }
            case MD_BLOCK_P:
            case MD_BLOCK_HTML:  // never with MD_FLAG_NOHTML; text if it came
                startParagraph();
                break;
            case MD_BLOCK_CODE:
                startItemLine();
                enterCode();
                break;
            case MD_BLOCK_TABLE:
                startItemLine();
                enterTable(static_cast<MD_BLOCK_TABLE_DETAIL*>(detail));
                break;
            case MD_BLOCK_TR:
                ++m_row;
                m_column = -1;
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                enterCell(static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align);
                break;
        }
        return 0;
    }

    int leaveBlock(MD_BLOCKTYPE type) {
        endInline();
        switch (type) {
            case MD_BLOCK_QUOTE:
            case MD_BLOCK_UL:
            case MD_BLOCK_OL:
                if (!m_contexts.empty())
                    m_contexts.pop_back();
                if (type != MD_BLOCK_QUOTE && !m_lists.empty())
                    m_lists.pop_back();
                break;
            case MD_BLOCK_LI:
                // An empty item still shows its marker.
                if (m_pending.list)
                    startBlock(blockFormat());
                m_pending = {};
                break;
            case MD_BLOCK_CODE:
                m_inCode = false;
                m_codeNewlines = 0;  // the newline ending the last line is not shown
                m_cursor->setPosition(m_codeFrame->lastPosition() + 1);
                m_fresh = true;
                break;
            case MD_BLOCK_TH:
            case MD_BLOCK_TD:
                m_cursor = m_outer;
                m_discard = false;
                break;
            case MD_BLOCK_TABLE:
                m_cursor->setPosition(m_table->lastPosition() + 1);
                m_table = nullptr;
                m_fresh = true;
                break;
            default:
                break;
        }
        return 0;
    }

    Context context() const { return m_contexts.empty() ? Context{} : m_contexts.back(); }

    QTextBlockFormat blockFormat() const {
        const Context ctx = context();
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

    qreal leftIndent() const {
        const Context ctx = context();
        return ctx.indent * m_cursor->document()->indentWidth() + ctx.quote * m_em * 1.1;
    }

    // Starts a block for the next paragraph, heading or rule: reuses the
    // empty block the cursor sits in, or opens a new one. A pending list item
    // makes the block that item.
    void startBlock(QTextBlockFormat format) {
        if (m_pending.list && m_pending.number == 0) {
            format.setIndent(0);  // the list's own indent applies
            format.setMarker(m_pending.task);
        }
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
            // gets its numbers as unmapped text in a hanging indent, and a
            // task item its box as a character.
            QString marker = QString::number(m_pending.number) + QStringLiteral(".\u00a0");
            QTextBlockFormat hanging;
            hanging.setTextIndent(-QFontMetricsF(m_style.font).horizontalAdvance(marker));
            if (m_pending.task != QTextBlockFormat::MarkerType::NoMarker)
                marker += m_pending.task == QTextBlockFormat::MarkerType::Checked
                              ? QStringLiteral("\u2611\u00a0")
                              : QStringLiteral("\u2610\u00a0");
            m_cursor->mergeBlockFormat(hanging);
            QTextCharFormat muted;
            muted.setForeground(m_style.muted);
            m_cursor->insertText(marker, muted);
        } else if (!m_pending.list->list) {
            m_pending.list->list = m_cursor->createList(m_pending.list->format);
        } else {
            m_pending.list->list->add(m_cursor->block());
        }
        m_pending = {};
    }

    // An item whose first block is a list, quote, table or code block gets an
    // empty first line for its marker: only a block of text can carry one.
    void startItemLine() {
        if (m_pending.list)
            startBlock(blockFormat());
    }

    void startParagraph() {
        startBlock(blockFormat());
        beginInline(context().quote > 0 ? Base::Quote : Base::Plain, 0);
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

    void enterList(MD_BLOCKTYPE type, void* detail) {
        Context inner = context();
        inner.indent = std::min(inner.indent + 1, kMaxVisualDepth);
        ListState state;
        state.format.setIndent(inner.indent);
        if (type == MD_BLOCK_OL) {
            const auto* ol = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
            inner.tight = ol->is_tight != 0;
            state.format.setStyle(QTextListFormat::ListDecimal);
            if (ol->start != 1)
                state.nextNumber = int(std::min(ol->start, 999999999u));
        } else {
            inner.tight = static_cast<MD_BLOCK_UL_DETAIL*>(detail)->is_tight != 0;
            state.format.setStyle(bulletFor(inner.indent - 1));
        }
        m_contexts.push_back(inner);
        m_lists.push_back(state);
    }

    void enterItem(const MD_BLOCK_LI_DETAIL* detail) {
        if (m_lists.empty())
            return;
        ListState& list = m_lists.back();
        m_pending = {&list, list.nextNumber, QTextBlockFormat::MarkerType::NoMarker};
        if (list.nextNumber > 0)
            ++list.nextNumber;
        if (detail->is_task)
            m_pending.task = detail->task_mark == ' ' ? QTextBlockFormat::MarkerType::Unchecked
                                                      : QTextBlockFormat::MarkerType::Checked;
    }

    void enterCode() {
        // A frame, for the padding a block background lacks.
        squeezeFreshBlock();
        QTextFrameFormat frame;
        frame.setBackground(m_style.codeBackground);
        frame.setPadding(m_em * 0.45);
        frame.setBorder(0);
        frame.setTopMargin(m_em * 0.15);
        frame.setBottomMargin(m_em * 0.6);
        frame.setLeftMargin(leftIndent());
        m_codeFrame = m_cursor->insertFrame(frame);
        QTextBlockFormat format;
        format.setLineHeight(kCodeLineHeight, QTextBlockFormat::ProportionalHeight);
        m_cursor->setBlockFormat(format);
        m_inCode = true;
        m_codeNewlines = 0;
        m_fresh = false;
    }

    void enterTable(const MD_BLOCK_TABLE_DETAIL* detail) {
        const int columns = int(detail->col_count);
        const int rows = int(detail->head_row_count + detail->body_row_count);
        squeezeFreshBlock();
        QTextTableFormat format;
        format.setBorder(1);
        format.setBorderBrush(m_style.border);
        format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        format.setBorderCollapse(true);
        format.setCellPadding(m_em * 0.3);
        format.setCellSpacing(0);
        format.setHeaderRowCount(int(detail->head_row_count));
        format.setTopMargin(m_em * 0.2);
        format.setBottomMargin(m_em * 0.6);
        format.setLeftMargin(leftIndent());
        m_table = m_cursor->insertTable(std::max(rows, 1), std::max(columns, 1), format);
        m_outer = m_cursor;
        m_row = -1;
        m_inHeader = true;
        m_fresh = false;
    }

    void enterCell(MD_ALIGN align) {
        ++m_column;
        if (!m_table || m_row >= m_table->rows() || m_column >= m_table->columns()) {
            m_discard = true;  // a cell the table has no room for
            return;
        }
        QTextTableCell cell = m_table->cellAt(m_row, m_column);
        if (m_inHeader) {
            QTextCharFormat header = cell.format();
            header.setBackground(m_style.alternateBase);
            cell.setFormat(header);
        }
        m_cellCursor = cell.firstCursorPosition();
        QTextBlockFormat cellBlock;
        cellBlock.setLineHeight(120, QTextBlockFormat::ProportionalHeight);
        if (align == MD_ALIGN_LEFT)
            cellBlock.setAlignment(Qt::AlignLeft);
        else if (align == MD_ALIGN_CENTER)
            cellBlock.setAlignment(Qt::AlignHCenter);
        else if (align == MD_ALIGN_RIGHT)
            cellBlock.setAlignment(Qt::AlignRight);
        // The view wraps anywhere (a long URL must not widen it), which lets
        // a table's layout squeeze a column to one letter and run a header
        // down the cell ("Accu/racy"). A header keeps its line, so its column
        // is at least as wide; the view scrolls sideways when it cannot fit.
        if (m_inHeader)
            cellBlock.setNonBreakableLines(true);
        m_cellCursor.setBlockFormat(cellBlock);
        m_cursor = &m_cellCursor;
        beginInline(m_inHeader ? Base::HeaderCell : Base::Plain, 0);
    }

    // ---- inline content -----------------------------------------------------

    void beginInline(Base base, int level) {
        m_inline = true;
        m_base = base;
        m_level = level;
    }

    // Line breaks still waiting for their source line end have none: they
    // stay unmapped.
    void endInline() {
        m_inline = false;
        m_breaks.clear();
    }

    int enterSpan(MD_SPANTYPE type, void* detail) {
        switch (type) {
            case MD_SPAN_EM:
                ++m_italic;
                break;
            case MD_SPAN_STRONG:
                ++m_bold;
                break;
            case MD_SPAN_DEL:
                ++m_strike;
                break;
            case MD_SPAN_CODE:
                ++m_code;
                break;
            case MD_SPAN_A:
                m_links.append(attributeText(static_cast<MD_SPAN_A_DETAIL*>(detail)->href));
                break;
            case MD_SPAN_IMG:
                // An image is not loaded: its alt text stands in, in italics,
                // linked to the address.
                m_links.append(attributeText(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src));
                ++m_italic;
                break;
            default:
                break;
        }
        return 0;
    }

    int leaveSpan(MD_SPANTYPE type) {
        switch (type) {
            case MD_SPAN_EM:
                --m_italic;
                break;
            case MD_SPAN_STRONG:
                --m_bold;
                break;
            case MD_SPAN_DEL:
                --m_strike;
                break;
            case MD_SPAN_CODE:
                --m_code;
                break;
            case MD_SPAN_A:
            case MD_SPAN_IMG:
                if (!m_links.isEmpty())
                    m_links.removeLast();
                if (type == MD_SPAN_IMG)
                    --m_italic;
                break;
            default:
                break;
        }
        return 0;
    }

    int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
        if (m_discard || size == 0)
            return 0;
        const bool inSource = m_utf8.contains(text) && m_utf8.contains(text + size);
        const int start = inSource ? m_utf8.startAt(unsigned(text - m_utf8.data())) : -1;
        const int end = inSource ? m_utf8.endAt(unsigned(text + size - m_utf8.data())) : -1;
        if (m_inCode) {
            codeText(inSource, start, end, text, size);
            return 0;
        }
        if (!m_inline)
            startParagraph();  // text straight in a tight list's item
        switch (type) {
            case MD_TEXT_BR:
            case MD_TEXT_SOFTBR:
                // Every line end is a break, as in chat interfaces (GitHub's
                // comments do the same): responses are written to be read
                // that way, and a poem or an address joined into one line
                // loses its form.
                insertBreak(QChar(QChar::LineSeparator));
                break;
            case MD_TEXT_NULLCHAR:
                m_cursor->insertText(QString(QChar(QChar::ReplacementCharacter)), charFormat());
                break;
            case MD_TEXT_ENTITY:
                if (inSource) {
                    const QString decoded =
                        markdown::decodeEntity(QStringView(m_s).mid(start, end - start));
                    if (!decoded.isEmpty()) {
                        insertDecoded(start, end, decoded);
                        break;
                    }
                }
                [[fallthrough]];
            default:
                if (inSource)
                    insertSource(start, end);
                else if (m_code > 0 && size == 1 && *text == ' ')
                    insertBreak(QLatin1Char(' '));  // a line end inside a code span
                else
                    m_cursor->insertText(madeUpText(text, size), charFormat());
        }
        return 0;
    }

    // Code lines come as text from the source; the newline after each and
    // the spaces a tab stands for in the indentation come from md4c.
    void codeText(bool inSource, int start, int end, const MD_CHAR* text, MD_SIZE size) {
        if (!inSource && size == 1 && *text == '\n') {
            ++m_codeNewlines;  // shown only if another line follows
            return;
        }
        for (; m_codeNewlines > 0; --m_codeNewlines)
            insertBreak(QChar(QChar::LineSeparator));
        if (inSource)
            insertSource(start, end);
        else
            m_cursor->insertText(madeUpText(text, size), codeFormat());
    }

    // A line break that stands for a line end in the source, which only the
    // next text from the source tells: its mapping waits until then.
    void insertBreak(QChar shown) {
        m_breaks.append(m_cursor->position());
        m_cursor->insertText(QString(shown), m_inCode ? codeFormat() : charFormat());
    }

    // Maps the waiting breaks to the last line ends before source offset
    // `next` (a "\r\n" is one line end, mapped at its '\r'): between the
    // previous text and the next, only markup and container markers lie, so
    // the line ends there are the ones the breaks stand for.
    void resolveBreaks(int next) {
        if (m_breaks.isEmpty())
            return;
        QList<int> lineEnds;  // from the last backwards
        for (int i = next - 1; i >= m_lastSource && lineEnds.size() < m_breaks.size(); --i) {
            const QChar c = m_s.at(i);
            if (c == u'\n' && i - 1 >= m_lastSource && m_s.at(i - 1) == u'\r')
                lineEnds.append(--i);
            else if (c == u'\n' || c == u'\r')
                lineEnds.append(i);
        }
        const int unmatched = int(m_breaks.size() - lineEnds.size());
        for (int k = unmatched; k < m_breaks.size(); ++k)
            m_map.append(m_breaks[k], m_offset + lineEnds[m_breaks.size() - 1 - k], 1);
        m_breaks.clear();
    }

    // Source characters [start, end) shown as they are, one to one.
    void insertSource(int start, int end) {
        if (end <= start)
            return;
        const QTextCharFormat format = m_inCode ? codeFormat() : charFormat();
        if (start < m_lastSource) {
            // Never seen: md4c hands text over in source order. Shown but not
            // mapped, so the map stays in order whatever happens.
            m_cursor->insertText(m_s.mid(start, end - start), format);
            return;
        }
        resolveBreaks(start);
        QString shown = m_s.mid(start, end - start);
        // Characters that QTextCursor::insertText would turn into block or
        // frame boundaries: a line end (md4c never includes one) becomes a
        // line break, a frame marker a replacement character without source.
        QList<int> unmapped;
        for (int i = 0; i < shown.size(); ++i) {
            const QChar c = shown.at(i);
            if (c == u'\n' || c == u'\r') {
                shown[i] = QChar(QChar::LineSeparator);
            } else if (c == QChar(0xfdd0) || c == QChar(0xfdd1)) {
                shown[i] = QChar(QChar::ReplacementCharacter);
                unmapped.append(i);
            }
        }
        const int docPos = m_cursor->position();
        m_cursor->insertText(shown, format);
        int from = 0;
        unmapped.append(int(shown.size()));
        for (int gap : unmapped) {
            m_map.append(docPos + from, m_offset + start + from, gap - from);
            from = gap + 1;
        }
        m_lastSource = end;
    }

    // An entity: the character it stands for is mapped to its '&', the rest
    // (a surrogate's second half) has no source.
    void insertDecoded(int start, int end, const QString& decoded) {
        if (start < m_lastSource) {
            m_cursor->insertText(decoded, charFormat());
            return;
        }
        resolveBreaks(start);
        m_map.append(m_cursor->position(), m_offset + start, 1);
        m_cursor->insertText(decoded, charFormat());
        m_lastSource = end;
    }

    QTextCharFormat codeFormat() const {
        QTextCharFormat mono;
        mono.setFontFamilies(m_style.monoFont.families());
        mono.setFontFixedPitch(true);
        mono.setFontPointSize(m_style.monoFont.pointSizeF());
        return mono;
    }

    QTextCharFormat charFormat() {
        const int flags = (m_italic > 0 ? Emphasis : 0) | (m_bold > 0 ? Strong : 0) |
                          (m_strike > 0 ? Strike : 0) | (m_code > 0 ? Code : 0) |
                          (m_links.isEmpty() ? 0 : Link);
        const int key = (int(m_base) * 8 + m_level) * 64 + flags;
        if (m_links.isEmpty()) {
            auto cached = m_formats.constFind(key);
            if (cached != m_formats.constEnd())
                return cached.value();
        }
        QTextCharFormat format;
        const qreal size = m_style.font.pointSizeF();
        switch (m_base) {
            case Base::Plain:
                break;
            case Base::Quote:
                format.setForeground(m_style.muted);
                break;
            case Base::Heading: {
                static const qreal scale[] = {1.0, 1.55, 1.3, 1.15, 1.05, 1.0, 0.95};
                format.setFontWeight(QFont::Bold);
                if (size > 0)
                    format.setFontPointSize(size * scale[std::clamp(m_level, 0, 6)]);
                break;
            }
            case Base::HeaderCell:
                format.setFontWeight(QFont::Bold);
                break;
        }
        if (flags & Emphasis)
            format.setFontItalic(true);
        if (flags & Strong)
            format.setFontWeight(QFont::Bold);
        if (flags & Strike)
            format.setFontStrikeOut(true);
        if (flags & Code) {
            format.setFontFamilies(m_style.monoFont.families());
            format.setFontFixedPitch(true);
            if (m_base != Base::Heading)
                format.setFontPointSize(m_style.monoFont.pointSizeF());
            format.setBackground(m_style.codeBackground);
        }
        if (flags & Link) {
            format.setForeground(m_style.link);
            format.setFontUnderline(true);
            // The innermost address: md4c nests a link inside an image's alt
            // text, never a link inside a link.
            const QString& href = m_links.last();
            if (!href.isEmpty()) {
                format.setAnchor(true);
                format.setAnchorHref(href);
                format.setToolTip(href);
            }
            return format;
        }
        m_formats.insert(key, format);
        return format;
    }

    QTextCursor* m_cursor;
    const QString& m_s;
    const Utf8Source m_utf8;
    const int m_offset;
    const MarkdownDocument::Style& m_style;
    SourceMap& m_map;
    const qreal m_em;

    std::vector<Context> m_contexts;
    std::deque<ListState> m_lists;  // a deque: PendingItem points into it
    PendingItem m_pending;
    bool m_fresh = true;  // the cursor sits in an empty block to reuse

    bool m_inline = false;  // a paragraph, heading or cell takes text
    Base m_base = Base::Plain;
    int m_level = 0;
    int m_italic = 0, m_bold = 0, m_strike = 0, m_code = 0;
    QStringList m_links;
    QHash<int, QTextCharFormat> m_formats;

    int m_lastSource = 0;  // where the last mapped text ended, in UTF-16
    QList<int> m_breaks;   // document positions of breaks waiting for a source

    bool m_inCode = false;
    int m_codeNewlines = 0;
    QTextFrame* m_codeFrame = nullptr;

    QTextTable* m_table = nullptr;
    QTextCursor* m_outer = nullptr;
    QTextCursor m_cellCursor;
    int m_row = -1;
    int m_column = -1;
    bool m_inHeader = false;
    bool m_discard = false;  // inside a cell the table has no room for
};

}  // namespace

void MarkdownRenderer::render(QTextCursor& cursor, const QString& source, int sourceOffset,
                              const MarkdownDocument::Style& style, SourceMap& map) {
    Renderer(cursor, source, sourceOffset, style, map).render();
}

unsigned MarkdownRenderer::parserFlags() {
    return kParserFlags;
}

}  // namespace postil
