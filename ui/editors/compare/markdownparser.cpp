#include "editors/compare/markdownparser.h"

#include <optional>

namespace postil::markdown {

namespace {

// Nesting deeper than this (quotes in lists in quotes...) is shown as text:
// keeps the recursion, and so the stack, bounded on hostile input.
constexpr int kMaxDepth = 24;

bool isSpaceOrTab(QChar c) {
    return c == u' ' || c == u'\t';
}

// Where the text after the indentation starts, and how many columns the
// indentation takes (a tab stops at the next multiple of four).
struct Indent {
    int index = 0;
    int columns = 0;
};

Indent indentOf(const QString& s, Line line) {
    Indent indent{line.start, 0};
    while (indent.index < line.end && isSpaceOrTab(s.at(indent.index))) {
        indent.columns =
            s.at(indent.index) == u'\t' ? (indent.columns / 4 + 1) * 4 : indent.columns + 1;
        ++indent.index;
    }
    return indent;
}

bool isBlank(const QString& s, Line line) {
    return indentOf(s, line).index == line.end;
}

// Drops up to `columns` columns of indentation (a tab that straddles the
// limit goes whole).
Line stripColumns(const QString& s, Line line, int columns) {
    int column = 0;
    while (line.start < line.end && column < columns && isSpaceOrTab(s.at(line.start))) {
        column = s.at(line.start) == u'\t' ? (column / 4 + 1) * 4 : column + 1;
        ++line.start;
    }
    return line;
}

Line trimmed(const QString& s, Line line) {
    while (line.start < line.end && s.at(line.start).isSpace())
        ++line.start;
    while (line.end > line.start && s.at(line.end - 1).isSpace())
        --line.end;
    return line;
}

struct Fence {
    QChar ch;
    int length = 0;
    int indent = 0;
};

// An opening code fence: three or more ` or ~ after at most three spaces.
bool fenceAt(const QString& s, Line line, Fence* fence) {
    const Indent indent = indentOf(s, line);
    if (indent.columns > 3 || indent.index >= line.end)
        return false;
    const QChar ch = s.at(indent.index);
    if (ch != u'`' && ch != u'~')
        return false;
    int i = indent.index;
    while (i < line.end && s.at(i) == ch)
        ++i;
    const int length = i - indent.index;
    if (length < 3)
        return false;
    if (ch == u'`') {
        for (int j = i; j < line.end; ++j)
            if (s.at(j) == u'`')
                return false;  // an info string never holds a backtick
    }
    if (fence)
        *fence = {ch, length, indent.columns};
    return true;
}

bool closesFence(const QString& s, Line line, const Fence& fence) {
    const Indent indent = indentOf(s, line);
    if (indent.columns > 3)
        return false;
    int i = indent.index;
    while (i < line.end && s.at(i) == fence.ch)
        ++i;
    if (i - indent.index < fence.length)
        return false;
    return indentOf(s, {i, line.end}).index == line.end;
}

// An ATX heading: its level, and the content without the #s.
bool headingAt(const QString& s, Line line, int* level, Line* content) {
    const Indent indent = indentOf(s, line);
    if (indent.columns > 3)
        return false;
    int i = indent.index;
    while (i < line.end && s.at(i) == u'#')
        ++i;
    const int hashes = i - indent.index;
    if (hashes < 1 || hashes > 6 || (i < line.end && !isSpaceOrTab(s.at(i))))
        return false;
    Line text = trimmed(s, {i, line.end});
    // An optional closing run of #s, if a space sets it apart.
    int end = text.end;
    while (end > text.start && s.at(end - 1) == u'#')
        --end;
    if (end == text.start || isSpaceOrTab(s.at(end - 1)))
        text = trimmed(s, {text.start, end});
    *level = hashes;
    *content = text;
    return true;
}

bool ruleAt(const QString& s, Line line) {
    const Indent indent = indentOf(s, line);
    if (indent.columns > 3 || indent.index >= line.end)
        return false;
    const QChar ch = s.at(indent.index);
    if (ch != u'*' && ch != u'-' && ch != u'_')
        return false;
    int count = 0;
    for (int i = indent.index; i < line.end; ++i) {
        if (s.at(i) == ch)
            ++count;
        else if (!isSpaceOrTab(s.at(i)))
            return false;
    }
    return count >= 3;
}

// A setext underline: 1 for "===", 2 for "---", 0 otherwise.
int setextLevel(const QString& s, Line line) {
    const Indent indent = indentOf(s, line);
    if (indent.columns > 3 || indent.index >= line.end)
        return 0;
    const QChar ch = s.at(indent.index);
    if (ch != u'=' && ch != u'-')
        return 0;
    int i = indent.index;
    while (i < line.end && s.at(i) == ch)
        ++i;
    if (indentOf(s, {i, line.end}).index != line.end)
        return 0;
    return ch == u'=' ? 1 : 2;
}

bool quoteAt(const QString& s, Line line) {
    const Indent indent = indentOf(s, line);
    return indent.columns <= 3 && indent.index < line.end && s.at(indent.index) == u'>';
}

// The line inside a quote: without "> " (one optional space after the >).
Line stripQuote(const QString& s, Line line) {
    const Indent indent = indentOf(s, line);
    Line inner{indent.index + 1, line.end};
    if (inner.start < inner.end && isSpaceOrTab(s.at(inner.start)))
        ++inner.start;
    return inner;
}

struct Marker {
    bool ordered = false;
    QChar ch;  // bullet character, or the delimiter after a number
    int number = 1;
    int contentIndex = 0;    // where the item's first line starts
    int contentColumns = 0;  // indentation of the lines that continue the item
    bool empty = false;      // nothing after the marker on its line
};

bool markerAt(const QString& s, Line line, Marker* marker) {
    const Indent indent = indentOf(s, line);
    if (indent.columns > 3 || indent.index >= line.end)
        return false;
    int i = indent.index;
    Marker found;
    const QChar first = s.at(i);
    if (first == u'-' || first == u'+' || first == u'*') {
        found.ch = first;
        ++i;
    } else if (first.isDigit() && first.unicode() < 128) {
        int number = 0;
        int digits = 0;
        while (i < line.end && s.at(i).unicode() >= u'0' && s.at(i).unicode() <= u'9' &&
               digits < 9) {
            number = number * 10 + (s.at(i).unicode() - u'0');
            ++i, ++digits;
        }
        if (i >= line.end || (s.at(i) != u'.' && s.at(i) != u')'))
            return false;
        found.ordered = true;
        found.ch = s.at(i);
        found.number = number;
        ++i;
    } else {
        return false;
    }
    if (i < line.end && !isSpaceOrTab(s.at(i)))
        return false;
    const int markerColumns = indent.columns + (i - indent.index);
    const Indent after = indentOf(s, {i, line.end});
    const int spaces = after.columns;
    if (after.index == line.end) {
        found.empty = true;
        found.contentIndex = line.end;
        found.contentColumns = markerColumns + 1;
    } else if (spaces > 4) {
        // The content is an indented code block: only one space belongs to
        // the marker.
        found.contentIndex = i + 1;
        found.contentColumns = markerColumns + 1;
    } else {
        found.contentIndex = after.index;
        found.contentColumns = markerColumns + spaces;
    }
    *marker = found;
    return true;
}

QList<Line> splitCells(const QString& s, Line line) {
    line = trimmed(s, line);
    if (line.start < line.end && s.at(line.start) == u'|')
        ++line.start;
    if (line.end > line.start && s.at(line.end - 1) == u'|' &&
        (line.end - 2 < line.start || s.at(line.end - 2) != u'\\'))
        --line.end;
    QList<Line> cells;
    int cellStart = line.start;
    for (int i = line.start; i < line.end; ++i) {
        if (s.at(i) == u'\\') {
            ++i;
        } else if (s.at(i) == u'|') {
            cells.append(trimmed(s, {cellStart, i}));
            cellStart = i + 1;
        }
    }
    cells.append(trimmed(s, {cellStart, line.end}));
    return cells;
}

// A GFM delimiter row ("| :-- | --: |"): the column alignments.
bool delimiterRow(const QString& s, Line line, QList<int>* alignments) {
    const Indent indent = indentOf(s, line);
    if (indent.columns > 3)
        return false;
    bool pipe = false;
    for (int i = line.start; i < line.end; ++i)
        pipe = pipe || s.at(i) == u'|';
    const QList<Line> cells = splitCells(s, line);
    if (!pipe && cells.size() < 2)
        return false;
    alignments->clear();
    for (const Line& cell : cells) {
        if (cell.start == cell.end)
            return false;
        const bool left = s.at(cell.start) == u':';
        const bool right = s.at(cell.end - 1) == u':';
        int dashes = 0;
        for (int i = cell.start + (left ? 1 : 0); i < cell.end - (right ? 1 : 0); ++i) {
            if (s.at(i) != u'-')
                return false;
            ++dashes;
        }
        if (dashes == 0)
            return false;
        alignments->append(left && right ? int(Qt::AlignHCenter)
                           : right       ? int(Qt::AlignRight)
                           : left        ? int(Qt::AlignLeft)
                                         : 0);
    }
    return true;
}

bool hasPipe(const QString& s, Line line) {
    for (int i = line.start; i < line.end; ++i)
        if (s.at(i) == u'|')
            return true;
    return false;
}

class BlockParser {
public:
    explicit BlockParser(const QString& source) : m_s(source) {}

    QList<Block> parse(const QList<Line>& lines, int depth) {
        QList<Block> blocks;
        int i = 0;
        const int n = int(lines.size());
        while (i < n) {
            const Line line = lines[i];
            if (isBlank(m_s, line)) {
                ++i;
                continue;
            }
            const Indent indent = indentOf(m_s, line);
            Fence fence;
            int level = 0;
            Line content;
            Marker marker;
            QList<int> alignments;
            if (indent.columns >= 4) {
                i = indentedCode(lines, i, blocks);
            } else if (fenceAt(m_s, line, &fence)) {
                i = fencedCode(lines, i, fence, blocks);
            } else if (headingAt(m_s, line, &level, &content)) {
                Block heading;
                heading.type = Block::Type::Heading;
                heading.level = level;
                heading.lines = {content};
                blocks.append(heading);
                ++i;
            } else if (ruleAt(m_s, line)) {
                Block rule;
                rule.type = Block::Type::Rule;
                blocks.append(rule);
                ++i;
            } else if (depth < kMaxDepth && quoteAt(m_s, line)) {
                i = quote(lines, i, depth, blocks);
            } else if (depth < kMaxDepth && markerAt(m_s, line, &marker)) {
                i = list(lines, i, depth, blocks);
            } else if (tableStarts(lines, i, &alignments)) {
                i = table(lines, i, alignments, blocks);
            } else {
                i = paragraph(lines, i, blocks);
            }
        }
        return blocks;
    }

private:
    // Whether a line would start a block other than a paragraph, so it ends
    // (interrupts) a paragraph instead of continuing it.
    bool interrupts(const QList<Line>& lines, int i) const {
        const Line line = lines[i];
        if (isBlank(m_s, line))
            return true;
        int level = 0;
        Line content;
        Marker marker;
        QList<int> alignments;
        if (fenceAt(m_s, line, nullptr) || headingAt(m_s, line, &level, &content) ||
            ruleAt(m_s, line) || quoteAt(m_s, line))
            return true;
        // An empty item, or a numbered one not starting at 1, cannot
        // interrupt a paragraph ("in 1998. We..." stays text).
        if (markerAt(m_s, line, &marker) && !marker.empty &&
            (!marker.ordered || marker.number == 1))
            return true;
        return tableStarts(lines, i, &alignments);
    }

    bool tableStarts(const QList<Line>& lines, int i, QList<int>* alignments) const {
        if (i + 1 >= lines.size() || !hasPipe(m_s, lines[i]) || indentOf(m_s, lines[i]).columns > 3)
            return false;
        if (!delimiterRow(m_s, lines[i + 1], alignments))
            return false;
        return splitCells(m_s, lines[i]).size() == alignments->size();
    }

    int paragraph(const QList<Line>& lines, int i, QList<Block>& blocks) {
        Block paragraph;
        paragraph.type = Block::Type::Paragraph;
        const int n = int(lines.size());
        while (i < n) {
            if (!paragraph.lines.isEmpty()) {
                const int setext = setextLevel(m_s, lines[i]);
                if (setext > 0) {
                    paragraph.type = Block::Type::Heading;
                    paragraph.level = setext;
                    ++i;
                    break;
                }
                if (interrupts(lines, i))
                    break;
            }
            Line line = lines[i];
            line.start = indentOf(m_s, line).index;
            paragraph.lines.append(line);
            ++i;
        }
        Line& last = paragraph.lines.last();
        last = trimmed(m_s, last);
        blocks.append(paragraph);
        return i;
    }

    int indentedCode(const QList<Line>& lines, int i, QList<Block>& blocks) {
        Block code;
        code.type = Block::Type::Code;
        const int n = int(lines.size());
        while (i < n && (isBlank(m_s, lines[i]) || indentOf(m_s, lines[i]).columns >= 4)) {
            code.lines.append(stripColumns(m_s, lines[i], 4));
            ++i;
        }
        while (!code.lines.isEmpty() && isBlank(m_s, code.lines.last()))
            code.lines.removeLast();
        blocks.append(code);
        return i;
    }

    int fencedCode(const QList<Line>& lines, int i, const Fence& fence, QList<Block>& blocks) {
        Block code;
        code.type = Block::Type::Code;
        const int n = int(lines.size());
        ++i;
        while (i < n) {
            if (closesFence(m_s, lines[i], fence)) {
                ++i;
                break;
            }
            code.lines.append(stripColumns(m_s, lines[i], fence.indent));
            ++i;
        }
        blocks.append(code);
        return i;
    }

    int quote(const QList<Line>& lines, int i, int depth, QList<Block>& blocks) {
        QList<Line> inner;
        const int n = int(lines.size());
        bool paragraphOpen = false;
        std::optional<Fence> openFence;
        while (i < n) {
            const Line line = lines[i];
            Line content;
            if (quoteAt(m_s, line)) {
                content = stripQuote(m_s, line);
            } else if (paragraphOpen && !openFence && !isBlank(m_s, line) &&
                       !interrupts(lines, i)) {
                content = line;  // a lazy continuation of the quoted paragraph
            } else {
                break;
            }
            inner.append(content);
            trackParagraph(content, paragraphOpen, openFence);
            ++i;
        }
        Block block;
        block.type = Block::Type::Quote;
        block.children = parse(inner, depth + 1);
        blocks.append(block);
        return i;
    }

    // Follows whether the last line left a paragraph open (so the next line
    // may continue it lazily) or a code fence open.
    void trackParagraph(Line line, bool& paragraphOpen, std::optional<Fence>& openFence) const {
        Fence fence;
        if (openFence) {
            if (closesFence(m_s, line, *openFence))
                openFence.reset();
            paragraphOpen = false;
        } else if (fenceAt(m_s, line, &fence)) {
            openFence = fence;
            paragraphOpen = false;
        } else {
            int level = 0;
            Line content;
            paragraphOpen = !isBlank(m_s, line) && indentOf(m_s, line).columns < 4 &&
                            !headingAt(m_s, line, &level, &content) && !ruleAt(m_s, line);
        }
    }

    int list(const QList<Line>& lines, int i, int depth, QList<Block>& blocks) {
        Block list;
        list.type = Block::Type::List;
        Marker first;
        markerAt(m_s, lines[i], &first);
        list.ordered = first.ordered;
        list.startNumber = first.number;
        const int n = int(lines.size());
        bool blankBetweenItems = false;
        while (i < n) {
            Marker marker;
            if (!markerAt(m_s, lines[i], &marker) || marker.ordered != first.ordered ||
                marker.ch != first.ch || ruleAt(m_s, lines[i]))
                break;
            QList<Line> itemLines{{marker.contentIndex, lines[i].end}};
            Marker sibling;  // a marker left of the content starts the next item
            bool paragraphOpen = false;
            std::optional<Fence> openFence;
            trackParagraph(itemLines.first(), paragraphOpen, openFence);
            ++i;
            while (i < n) {
                const Line line = lines[i];
                if (isBlank(m_s, line)) {
                    // An empty item holds no blank lines.
                    if (itemLines.size() == 1 && marker.empty)
                        break;
                    itemLines.append(stripColumns(m_s, line, marker.contentColumns));
                    paragraphOpen = false;
                } else if (indentOf(m_s, line).columns >= marker.contentColumns) {
                    itemLines.append(stripColumns(m_s, line, marker.contentColumns));
                    trackParagraph(itemLines.last(), paragraphOpen, openFence);
                } else if (paragraphOpen && !openFence && !interrupts(lines, i) &&
                           !markerAt(m_s, line, &sibling)) {
                    itemLines.append(line);  // lazy continuation
                } else {
                    break;
                }
                ++i;
            }
            int trailingBlanks = 0;
            while (itemLines.size() > 1 && isBlank(m_s, itemLines.last())) {
                itemLines.removeLast();
                ++trailingBlanks;
            }
            Block item;
            item.type = Block::Type::Item;
            item.children = parse(itemLines, depth + 1);
            if (item.children.size() > 1) {
                for (const Line& line : itemLines)
                    if (isBlank(m_s, line))
                        list.tight = false;
            }
            list.children.append(item);
            if (trailingBlanks > 0)
                blankBetweenItems = true;
            // A blank line followed by another item makes the list loose.
            if (blankBetweenItems && i < n) {
                Marker next;
                if (markerAt(m_s, lines[i], &next) && next.ch == first.ch)
                    list.tight = false;
            }
            blankBetweenItems = false;
        }
        blocks.append(list);
        return i;
    }

    int table(const QList<Line>& lines, int i, const QList<int>& alignments, QList<Block>& blocks) {
        Block table;
        table.type = Block::Type::Table;
        table.alignments = alignments;
        const int columns = int(alignments.size());
        auto addRow = [&](Line line) {
            QList<Line> cells = splitCells(m_s, line);
            cells.resize(columns, Line{line.end, line.end});
            table.rows.append(cells);
        };
        addRow(lines[i]);
        i += 2;
        const int n = int(lines.size());
        while (i < n && !isBlank(m_s, lines[i]) && hasPipe(m_s, lines[i])) {
            int level = 0;
            Line content;
            if (fenceAt(m_s, lines[i], nullptr) || headingAt(m_s, lines[i], &level, &content) ||
                quoteAt(m_s, lines[i]))
                break;
            addRow(lines[i]);
            ++i;
        }
        blocks.append(table);
        return i;
    }

    const QString& m_s;
};

}  // namespace

QList<Block> parseBlocks(const QString& source) {
    QList<Line> lines;
    const int n = int(source.size());
    int start = 0;
    while (start <= n) {
        int end = int(source.indexOf(QLatin1Char('\n'), start));
        if (end < 0)
            end = n;
        int lineEnd = end;
        if (lineEnd > start && source.at(lineEnd - 1) == u'\r')
            --lineEnd;
        lines.append({start, lineEnd});
        start = end + 1;
    }
    return BlockParser(source).parse(lines, 0);
}

}  // namespace postil::markdown
