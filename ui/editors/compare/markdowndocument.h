#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

class QJsonValue;
class QPalette;
class QTextCursor;
class QTextDocument;

namespace postil {

// Where the characters of a rendered document came from: runs of document
// positions that show a contiguous stretch of the source text one to one.
// Runs increase in both document position and source offset (rendering never
// reorders text). Characters that are not in any run (role headers, table
// cell boundaries, block separators) have no source.
class SourceMap {
public:
    struct Run {
        int docPos = 0;
        int srcPos = 0;
        int length = 0;
    };

    void clear() { m_runs.clear(); }
    // Extends the last run when the new one continues it in both texts.
    void append(int docPos, int srcPos, int length);
    const QList<Run>& runs() const { return m_runs; }
    bool isEmpty() const { return m_runs.isEmpty(); }

    // The source range [start, end) shown by document range [docStart,
    // docEnd): from the first mapped character in it to the last. nullopt when
    // no character in it is mapped.
    std::optional<std::pair<int, int>> toSource(int docStart, int docEnd) const;
    // The document ranges [start, end) that show source range [srcStart,
    // srcEnd), adjacent ones merged. Empty when none of it is shown (markup).
    QList<std::pair<int, int>> toDocument(int srcStart, int srcEnd) const;
    // The source offset of the character at a document position, -1 if none.
    int sourceAt(int docPos) const;
    // The document position showing source offset srcPos, or the next one
    // shown after it; -1 when nothing at or after it is shown.
    int documentPositionAtOrAfter(int srcPos) const;

private:
    QList<Run> m_runs;
};

// Renders a response into a QTextDocument and records the source map, in
// UTF-16 offsets of comparison::contentText(content). Markdown is parsed by
// md4c (MarkdownRenderer) as GitHub shows it: CommonMark plus tables (header
// cells do not wrap), task lists, strikethrough and autolinks; every line end
// is kept as a line break, as chat interfaces show them; raw HTML is shown as
// the text it is (docs/architecture.md §10).
// Raw mode shows the source as plain text with an identity map. A message
// list shows each message under a role header that is not part of the text.
class MarkdownDocument {
public:
    struct Style {
        QFont font;             // body text
        QFont monoFont;         // code; fixed pitch
        QColor text;            // body colour
        QColor muted;           // role headers, block quotes, list markers
        QColor link;            // link text
        QColor codeBackground;  // code blocks and inline code
        QColor border;          // table grid, message frames, rules
        QColor base;            // message frame backgrounds
        QColor alternateBase;
        // Everything from a palette and a body font.
        static Style fromPalette(const QPalette& palette, const QFont& font);
    };

    // Clears `document` and fills it. The document's default font is set to
    // style.font. Built in one edit block with undo off.
    static SourceMap build(QTextDocument* document, const QJsonValue& content, bool rendered,
                           const Style& style);

    // Renders one Markdown text at the cursor (which must sit in an empty
    // block); document positions of its characters are recorded in `map`
    // offset by sourceOffset.
    static void renderMarkdown(QTextCursor& cursor, const QString& source, int sourceOffset,
                               const Style& style, SourceMap& map);

    // A new, empty document set up like `shown` (margins, wrapping, the root
    // frame's column): building into it off screen and then handing it to the
    // view is several times faster than editing the shown document, whose
    // view follows every insertion.
    static QTextDocument* replacementFor(const QTextDocument* shown, QObject* parent);

    // Role title shown above a message ("User", "Assistant", "System").
    static QString roleTitle(const QString& role);
};

}  // namespace postil
