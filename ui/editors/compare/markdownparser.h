#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

// A small Markdown parser for what model responses contain, keeping for every
// piece of text where it sits in the source, so the rendered document can map
// back to it. It follows CommonMark where responses rely on it (containers,
// fences, emphasis rules around underscores, lists that interrupt paragraphs)
// and GFM for tables and strikethrough; it skips raw HTML, reference links
// and footnotes, which it shows as text.
namespace postil::markdown {

// A stretch of source text [start, end): the part of one source line left
// after the container markers (">", list indentation) were stripped.
struct Line {
    int start = 0;
    int end = 0;
};

struct Block {
    enum class Type { Paragraph, Heading, Code, Quote, List, Item, Table, Rule };
    Type type = Type::Paragraph;
    // Paragraph and Heading: the inline content, one Line per source line.
    // Code: one Line per code line (an empty Line for a blank line).
    QList<Line> lines;
    int level = 0;            // Heading: 1..6
    QList<Block> children;    // Quote and Item: blocks; List: Items
    bool ordered = false;     // List
    int startNumber = 1;      // List, when ordered
    bool tight = true;        // List: no blank lines between or inside items
    QList<QList<Line>> rows;  // Table: rows[0] is the header; cells trimmed
    QList<int> alignments;    // Table: per column, Qt::AlignmentFlag (0 = none)
};

QList<Block> parseBlocks(const QString& source);

// Inline flags.
enum : int {
    Emphasis = 1,
    Strong = 2,
    Strike = 4,
    Code = 8,
    Link = 16,
};

// One run of rendered inline text. `text` shows source characters
// [pos, pos + text.size()) of the parsed string one to one when `mapped`;
// otherwise (a decoded entity) its first character stands for the source
// character at `pos` and the rest have no source.
struct Inline {
    int pos = 0;
    QString text;
    int flags = 0;
    int link = -1;  // index into the link targets
    bool mapped = true;
    bool lineBreak = false;  // a line break: text is U+2028
};

// Parses inline content. Offsets are into `text`; every line break ('\n',
// or a backslash before it) comes back as U+2028 mapped to the '\n': single
// line breaks are kept, as chat interfaces show them.
QList<Inline> parseInlines(QStringView text, QStringList* linkTargets);

}  // namespace postil::markdown
