#include "editors/compare/markdowndocument.h"

#include <QCoreApplication>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <algorithm>

#include "editors/compare/markdownrenderer.h"
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

QColor blend(const QColor& a, const QColor& b, qreal t) {
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

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
    MarkdownRenderer::render(cursor, source, sourceOffset, style, map);
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
