#pragma once

#include <QString>

#include "editors/compare/markdowndocument.h"

class QTextCursor;

namespace postil {

// Turns md4c's parse events for one Markdown text into QTextDocument content
// at a cursor, and records for every character it shows which source
// character it stands for (docs/architecture.md §10). md4c does the parsing
// (CommonMark plus GitHub's tables, task lists, strikethrough and
// autolinks); this class only builds the document and the source map.
class MarkdownRenderer {
public:
    // Renders `source` at the cursor, which must sit in an empty block. Map
    // entries are UTF-16 offsets into `source` plus sourceOffset.
    static void render(QTextCursor& cursor, const QString& source, int sourceOffset,
                       const MarkdownDocument::Style& style, SourceMap& map);

    // The md4c parser flags the renderer uses, for tests and the docs.
    static unsigned parserFlags();
};

}  // namespace postil
