// The comparison editor's Markdown (md4c through MarkdownRenderer): GitHub's
// extensions as GitHub shows them, raw HTML kept inert, and for every kind of
// block the source map taking a rendered character back to the source
// character it shows, in UTF-16 and, through the view, in code points.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QPalette>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <QtTest>

#include "editors/compare/markdowndocument.h"
#include "editors/compare/markdownrenderer.h"
#include "editors/compare/responseview.h"
#include "editors/compare/utf8source.h"
#include "model/comparison.h"

using namespace postil;

namespace {

struct Rendered {
    std::unique_ptr<QTextDocument> document = std::make_unique<QTextDocument>();
    SourceMap map;
    QString source;

    QString text() const { return document->toPlainText(); }

    // Document position of the first rendered `needle` (after `from`).
    int find(const QString& needle, int from = 0) const {
        const QTextCursor found = document->find(needle, from, QTextDocument::FindCaseSensitively);
        return found.isNull() ? -1 : found.selectionStart();
    }

    QTextCharFormat formatAt(int position) const {
        QTextCursor cursor(document.get());
        cursor.setPosition(position + 1);  // the format of the character before
        return cursor.charFormat();
    }

    QTextBlock blockOf(const QString& needle) const { return document->findBlock(find(needle)); }
};

Rendered render(const QString& source) {
    Rendered rendered;
    rendered.source = source;
    rendered.map =
        MarkdownDocument::build(rendered.document.get(), source, true,
                                MarkdownDocument::Style::fromPalette(QPalette(), QFont()));
    return rendered;
}

// Every mapped character shows the source character it comes from; a line
// end may show as a line break or a space, an entity's '&' as what it stands
// for. Runs increase in both texts.
bool mapIsFaithful(const Rendered& r) {
    int lastDoc = -1;
    int lastSrc = -1;
    for (const SourceMap::Run& run : r.map.runs()) {
        if (run.length <= 0 || run.docPos <= lastDoc || run.srcPos <= lastSrc) {
            qWarning("run out of order at doc %d src %d", run.docPos, run.srcPos);
            return false;
        }
        for (int k = 0; k < run.length; ++k) {
            const QChar shown = r.document->characterAt(run.docPos + k);
            const QChar original = r.source.at(run.srcPos + k);
            const bool lineEnd = original == u'\n' || original == u'\r';
            const bool ok = shown == original || original == u'&' ||
                            (lineEnd && (shown == QChar(QChar::LineSeparator) || shown == u' '));
            if (!ok) {
                qWarning("source %d '%s' shown as '%s'", run.srcPos + k,
                         qPrintable(QString(original)), qPrintable(QString(shown)));
                return false;
            }
        }
        lastDoc = run.docPos + run.length - 1;
        lastSrc = run.srcPos + run.length - 1;
    }
    return true;
}

// The rendered `shown` (its `occurrence`th match) maps character by character
// to the source text `source` at its first occurrence after `after`.
bool mapsBack(const Rendered& r, const QString& shown, const QString& source,
              const QString& after = QString()) {
    const int docStart = r.find(shown);
    const int srcStart = int(r.source.indexOf(source, r.source.indexOf(after)));
    if (docStart < 0 || srcStart < 0) {
        qWarning("'%s' not found (doc %d, source %d)", qPrintable(shown), docStart, srcStart);
        return false;
    }
    for (int k = 0; k < shown.size(); ++k) {
        if (r.map.sourceAt(docStart + k) != srcStart + k) {
            qWarning("'%s'[%d] maps to %d, not %d", qPrintable(shown), k,
                     r.map.sourceAt(docStart + k), srcStart + k);
            return false;
        }
    }
    const auto range = r.map.toSource(docStart, docStart + int(shown.size()));
    return range && *range == std::make_pair(srcStart, srcStart + int(source.size()));
}

QTextTable* firstTable(QTextDocument* document) {
    for (QTextFrame* frame : document->rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame))
            return table;
    return nullptr;
}

QString cellText(QTextTable* table, int row, int column) {
    QTextCursor cursor = table->cellAt(row, column).firstCursorPosition();
    cursor.setPosition(table->cellAt(row, column).lastCursorPosition().position(),
                       QTextCursor::KeepAnchor);
    return cursor.selectedText();
}

// Every link target in the document, in order, one per anchor run.
QStringList anchors(const QTextDocument* document) {
    QStringList hrefs;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        QString previous;  // the anchor of the fragment before, if it had one
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            const QString href = format.isAnchor() ? format.anchorHref() : QString();
            if (!href.isEmpty() && href != previous)
                hrefs << href;
            previous = href;
        }
    }
    return hrefs;
}

QString line(const QStringList& lines) {
    return lines.join(QChar(QChar::LineSeparator));
}

}  // namespace

class TestMarkdown : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tables() {
        const Rendered r = render(QStringLiteral(
            "Before.\n\n| Name | Value | Note |\n|:-----|------:|:---:|\n| alpha | 1 | *x* |\n"
            "| beta \\| co | 22 |\n\nAfter."));
        QTextTable* table = firstTable(r.document.get());
        QVERIFY(table);
        QCOMPARE(table->rows(), 3);
        QCOMPARE(table->columns(), 3);
        QCOMPARE(cellText(table, 0, 0), QStringLiteral("Name"));
        QCOMPARE(cellText(table, 1, 2), QStringLiteral("x"));
        // An escaped pipe stays in its cell; a short row gets empty cells.
        QCOMPARE(cellText(table, 2, 0), QStringLiteral("beta | co"));
        QCOMPARE(cellText(table, 2, 2), QString());
        auto alignment = [table](int column) {
            return table->cellAt(1, column).firstCursorPosition().blockFormat().alignment() &
                   Qt::AlignHorizontal_Mask;
        };
        QCOMPARE(alignment(0), Qt::AlignLeft);
        QCOMPARE(alignment(1), Qt::AlignRight);
        QCOMPARE(alignment(2), Qt::AlignHCenter);
        QVERIFY(table->cellAt(0, 1).firstCursorPosition().charFormat().fontWeight() >= QFont::Bold);
        QCOMPARE(table->format().headerRowCount(), 1);
        QVERIFY(r.text().contains(QStringLiteral("After.")));
        QVERIFY(mapsBack(r, QStringLiteral("alpha"), QStringLiteral("alpha")));
        QVERIFY(mapsBack(r, QStringLiteral("22"), QStringLiteral("22")));
        QVERIFY(mapsBack(r, QStringLiteral("Value"), QStringLiteral("Value")));
        QVERIFY(mapIsFaithful(r));
    }

    void taskLists() {
        const Rendered r =
            render(QStringLiteral("- [x] done item\n- [ ] open item\n- plain item\n"));
        const QTextBlock done = r.blockOf(QStringLiteral("done item"));
        const QTextBlock open = r.blockOf(QStringLiteral("open item"));
        const QTextBlock plain = r.blockOf(QStringLiteral("plain item"));
        QCOMPARE(done.text(), QStringLiteral("done item"));  // no "[x]" left in the text
        QVERIFY(done.textList() && done.textList() == open.textList());
        QCOMPARE(done.blockFormat().marker(), QTextBlockFormat::MarkerType::Checked);
        QCOMPARE(open.blockFormat().marker(), QTextBlockFormat::MarkerType::Unchecked);
        QCOMPARE(plain.blockFormat().marker(), QTextBlockFormat::MarkerType::NoMarker);
        QVERIFY(mapsBack(r, QStringLiteral("open item"), QStringLiteral("open item")));
        QVERIFY(mapIsFaithful(r));
    }

    void strikethrough() {
        const Rendered r = render(QStringLiteral("keep ~~gone words~~ and ~~**both**~~ end"));
        QCOMPARE(r.text(), QStringLiteral("keep gone words and both end"));
        QVERIFY(r.formatAt(r.find(QStringLiteral("gone"))).fontStrikeOut());
        QVERIFY(!r.formatAt(r.find(QStringLiteral("keep"))).fontStrikeOut());
        const QTextCharFormat both = r.formatAt(r.find(QStringLiteral("both")));
        QVERIFY(both.fontStrikeOut() && both.fontWeight() >= QFont::Bold);
        QVERIFY(mapsBack(r, QStringLiteral("gone words"), QStringLiteral("gone words")));
        QVERIFY(mapIsFaithful(r));
    }

    void autolinks() {
        const Rendered r = render(
            QStringLiteral("See https://example.com/a?b=1, www.example.org and mail@example.com "
                           "or <https://angle.example/x>."));
        QCOMPARE(r.text(), QStringLiteral("See https://example.com/a?b=1, www.example.org and "
                                          "mail@example.com or https://angle.example/x."));
        QCOMPARE(anchors(r.document.get()),
                 (QStringList{QStringLiteral("https://example.com/a?b=1"),
                              QStringLiteral("http://www.example.org"),
                              QStringLiteral("mailto:mail@example.com"),
                              QStringLiteral("https://angle.example/x")}));
        QVERIFY(r.formatAt(r.find(QStringLiteral("www"))).fontUnderline());
        QVERIFY(mapsBack(r, QStringLiteral("www.example.org"), QStringLiteral("www.example.org")));
        QVERIFY(mapsBack(r, QStringLiteral("angle.example"), QStringLiteral("angle.example")));
        QVERIFY(mapIsFaithful(r));
    }

    // Every line end is a line break in the same block, hard or not (chat
    // interfaces keep single line breaks), and each maps to its line end.
    void hardBreaks() {
        const QString source = QStringLiteral("one\ntwo  \nthree\\\nfour\r\nfive");
        const Rendered r = render(source);
        QCOMPARE(r.document->blockCount(), 1);
        QCOMPARE(r.document->firstBlock().text(),
                 line({QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three"),
                       QStringLiteral("four"), QStringLiteral("five")}));
        const QString shown = r.document->firstBlock().text();
        int breaks = 0;
        for (int i = 0; i < shown.size(); ++i) {
            if (shown.at(i) != QChar(QChar::LineSeparator))
                continue;
            ++breaks;
            const int src = r.map.sourceAt(i);
            QVERIFY2(src >= 0 && (source.at(src) == u'\n' || source.at(src) == u'\r'),
                     qPrintable(QStringLiteral("break %1 maps to %2").arg(breaks).arg(src)));
        }
        QCOMPARE(breaks, 4);
        QVERIFY(mapsBack(r, QStringLiteral("four"), QStringLiteral("four")));
        // A selection from "two" to "three" covers the source between them.
        const int from = r.find(QStringLiteral("two"));
        const int to = r.find(QStringLiteral("three")) + 5;
        QCOMPARE(r.map.toSource(from, to),
                 std::make_optional(std::make_pair(4, int(source.indexOf(u'\\')))));
        QVERIFY(mapIsFaithful(r));
    }

    void referenceLinks() {
        const Rendered r =
            render(QStringLiteral("Read [the guide][guide], [Guide] and [collapsed][].\n\n"
                                  "[guide]: https://example.com/guide \"The guide\"\n"
                                  "[collapsed]: <https://example.com/c d>\n"));
        QCOMPARE(r.text(), QStringLiteral("Read the guide, Guide and collapsed."));
        QCOMPARE(anchors(r.document.get()),
                 (QStringList{QStringLiteral("https://example.com/guide"),
                              QStringLiteral("https://example.com/guide"),
                              QStringLiteral("https://example.com/c d")}));
        QVERIFY(mapsBack(r, QStringLiteral("the guide"), QStringLiteral("the guide")));
        QVERIFY(mapsBack(r, QStringLiteral("collapsed"), QStringLiteral("collapsed")));
        QVERIFY(mapIsFaithful(r));
    }

    // Raw HTML is shown as the text it is: no tag takes effect, no script,
    // image or link comes alive, and its characters map like any text.
    void rawHtmlIsText() {
        const QString source = QStringLiteral(
            "<script>alert(1)</script>\n\nSay <b>bold?</b> <img src=x onerror=y> "
            "<a href=\"javascript:z()\">link</a>\n\n<div>\n*inside*\n</div>\n\n<!-- note -->");
        const Rendered r = render(source);
        const QString shown = r.text();
        QVERIFY(shown.contains(QStringLiteral("<script>alert(1)</script>")));
        QVERIFY(
            shown.contains(QStringLiteral("Say <b>bold?</b> <img src=x onerror=y> "
                                          "<a href=\"javascript:z()\">link</a>")));
        QVERIFY(shown.contains(QStringLiteral("<!-- note -->")));
        // An HTML block is a paragraph like any other, its line ends kept.
        QCOMPARE(
            r.blockOf(QStringLiteral("<div>")).text(),
            line({QStringLiteral("<div>"), QStringLiteral("inside"), QStringLiteral("</div>")}));
        QVERIFY(r.formatAt(r.find(QStringLiteral("bold?"))).fontWeight() < QFont::Bold);
        QVERIFY(anchors(r.document.get()).isEmpty());
        for (QTextBlock block = r.document->begin(); block.isValid(); block = block.next())
            for (auto it = block.begin(); !it.atEnd(); ++it)
                QVERIFY(!it.fragment().charFormat().isImageFormat());
        QVERIFY(mapsBack(r, QStringLiteral("<b>bold?</b>"), QStringLiteral("<b>bold?</b>")));
        QVERIFY(mapIsFaithful(r));
    }

    void nestedListsAndQuotes() {
        const Rendered r = render(
            QStringLiteral("> - outer\n>   - inner *deep*\n>\n> > quoted twice\n\n"
                           "1. first\n   > quote in item\n2. second\n   - bullet in numbered\n"));
        const QTextBlock outer = r.blockOf(QStringLiteral("outer"));
        const QTextBlock inner = r.blockOf(QStringLiteral("inner"));
        QVERIFY(outer.textList() && inner.textList() && outer.textList() != inner.textList());
        QCOMPARE(outer.textList()->format().indent(), 1);
        QCOMPARE(inner.textList()->format().indent(), 2);
        QCOMPARE(inner.textList()->format().style(), QTextListFormat::ListCircle);
        QVERIFY(outer.blockFormat().leftMargin() > 0);  // inside the quote
        const QTextBlock twice = r.blockOf(QStringLiteral("quoted twice"));
        QCOMPARE(twice.blockFormat().property(QTextFormat::BlockQuoteLevel).toInt(), 2);
        QVERIFY(twice.blockFormat().leftMargin() > outer.blockFormat().leftMargin());
        const QTextBlock first = r.blockOf(QStringLiteral("first"));
        QCOMPARE(first.textList()->format().style(), QTextListFormat::ListDecimal);
        QCOMPARE(r.blockOf(QStringLiteral("quote in item"))
                     .blockFormat()
                     .property(QTextFormat::BlockQuoteLevel),
                 QVariant(1));
        QCOMPARE(r.blockOf(QStringLiteral("bullet in numbered")).textList()->format().indent(), 2);
        QVERIFY(mapsBack(r, QStringLiteral("deep"), QStringLiteral("deep")));
        QVERIFY(mapsBack(r, QStringLiteral("quoted twice"), QStringLiteral("quoted twice")));
        QVERIFY(mapsBack(r, QStringLiteral("quote in item"), QStringLiteral("quote in item")));
        QVERIFY(mapIsFaithful(r));
    }

    void codeBlocks() {
        const QString source = QStringLiteral(
            "```python\ndef f(x):\n\n    return x  # *not emphasis*\n```\n\n"
            "    indented\n    code\n\n- item\n\n  ~~~\n  in item\n  ~~~\n\nUse `a  b` inline.\n");
        const Rendered r = render(source);
        const QTextBlock fenced = r.blockOf(QStringLiteral("def f"));
        QCOMPARE(fenced.text(), line({QStringLiteral("def f(x):"), QString(),
                                      QStringLiteral("    return x  # *not emphasis*")}));
        QTextCursor inFence(fenced);
        QVERIFY(inFence.currentFrame() != r.document->rootFrame());
        QVERIFY(inFence.currentFrame()->frameFormat().background().style() != Qt::NoBrush);
        QVERIFY(r.formatAt(r.find(QStringLiteral("return"))).fontFixedPitch());
        QCOMPARE(r.blockOf(QStringLiteral("indented")).text(),
                 line({QStringLiteral("indented"), QStringLiteral("code")}));
        QCOMPARE(r.blockOf(QStringLiteral("in item")).text(), QStringLiteral("in item"));
        QVERIFY(r.formatAt(r.find(QStringLiteral("a  b"))).fontFixedPitch());
        QVERIFY(mapsBack(r, QStringLiteral("return x  # *not emphasis*"),
                         QStringLiteral("return x  # *not emphasis*")));
        QVERIFY(mapsBack(r, QStringLiteral("code"), QStringLiteral("code"),
                         QStringLiteral("    indented")));
        QVERIFY(mapsBack(r, QStringLiteral("in item"), QStringLiteral("in item")));
        // The line breaks inside a code block map to the source's line ends.
        const int blank = r.find(QStringLiteral("def f")) + 9;
        QCOMPARE(r.map.sourceAt(blank), int(source.indexOf(QStringLiteral(":\n\n"))) + 1);
        QCOMPARE(r.map.sourceAt(blank + 1), int(source.indexOf(QStringLiteral(":\n\n"))) + 2);
        QVERIFY(mapIsFaithful(r));
    }

    // Characters outside the BMP are two UTF-16 units and four UTF-8 bytes
    // (md4c reads UTF-8): the map is in UTF-16 and still lands on the right
    // character in every kind of block.
    void sourceMapAcrossMultiByteText() {
        const QString source = QStringLiteral(
            "# Größe \U0001F600 title\n\n"
            "Text 東京 \U0001F680 **\U0001F642 bold** and `c\u00e9 \U0001F600`.\n\n"
            "| \U0001F600 | naïve |\n|---|---|\n| 東京 | \U0001F680 x |\n\n"
            "- [x] \U0001F642 done\n\n> \U0001F600 quoted\n\n"
            "```\n\U0001F600 code\n```\n\n&copy; \U0001F600 &#x1F680; end");
        const Rendered r = render(source);
        QVERIFY(mapIsFaithful(r));
        QVERIFY(
            mapsBack(r, QStringLiteral("\U0001F600 title"), QStringLiteral("\U0001F600 title")));
        QVERIFY(mapsBack(r, QStringLiteral("\U0001F642 bold"), QStringLiteral("\U0001F642 bold")));
        QVERIFY(mapsBack(r, QStringLiteral("c\u00e9 \U0001F600"),
                         QStringLiteral("c\u00e9 \U0001F600")));
        QVERIFY(mapsBack(r, QStringLiteral("naïve"), QStringLiteral("naïve")));
        QVERIFY(mapsBack(r, QStringLiteral("\U0001F680 x"), QStringLiteral("\U0001F680 x")));
        QVERIFY(mapsBack(r, QStringLiteral("\U0001F642 done"), QStringLiteral("\U0001F642 done")));
        QVERIFY(
            mapsBack(r, QStringLiteral("\U0001F600 quoted"), QStringLiteral("\U0001F600 quoted")));
        QVERIFY(mapsBack(r, QStringLiteral("\U0001F600 code"), QStringLiteral("\U0001F600 code")));
        QVERIFY(mapsBack(r, QStringLiteral(" end"), QStringLiteral(" end")));
        // Entities: the character shown for one maps to its '&'.
        QCOMPARE(r.map.sourceAt(r.find(QStringLiteral("\u00a9"))),
                 int(source.indexOf(QStringLiteral("&copy;"))));
        QCOMPARE(r.map.sourceAt(r.find(QStringLiteral("\U0001F680 end"))),
                 int(source.indexOf(QStringLiteral("&#x1F680;"))));

        // Through the view, flags are in code points: one over "x" after the
        // emoji in the table cell marks exactly that letter.
        ResponseView view;
        view.setContent(source);
        const int utf16 = int(source.indexOf(QStringLiteral("\U0001F680 x"))) + 3;
        const int point = comparison::toCodePoints(source, utf16);
        QCOMPARE(point, utf16 - 6);  // six emoji before it, each two units
        view.setMarks({{point, point + 1, QColor(Qt::red), QString()}});
        const auto ranges = view.markDocumentRanges(0);
        QCOMPARE(ranges.size(), 1);
        QTextCursor cursor(view.textEdit()->document());
        cursor.setPosition(ranges[0].first);
        cursor.setPosition(ranges[0].second, QTextCursor::KeepAnchor);
        QCOMPARE(cursor.selectedText(), QStringLiteral("x"));
    }

    // What md4c reads, byte by byte, and where each byte's character starts
    // in UTF-16: 1, 2, 4 and 3 (a lone surrogate, as U+FFFD) bytes.
    void utf8OffsetsFollowCharacters() {
        const QString text = QStringLiteral("a\u00e9\U0001F600") + QChar(0xd800) + u'b';
        const Utf8Source utf8(text);
        QCOMPARE(QByteArray(utf8.data(), utf8.size()),
                 QByteArray("a\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd"
                            "b"));
        const QList<int> starts{0, 1, 1, 2, 2, 2, 2, 4, 4, 4, 5};
        for (unsigned byte = 0; byte < utf8.size(); ++byte)
            QCOMPARE(utf8.startAt(byte), starts[int(byte)]);
        QCOMPARE(utf8.endAt(utf8.size()), int(text.size()));
        QCOMPARE(utf8.endAt(4), 4);  // inside the emoji: rounded up past it
        QCOMPARE(utf8.endAt(3), 2);  // the emoji's first byte: it has not started
        QVERIFY(utf8.contains(utf8.data() + utf8.size()));
        QVERIFY(!utf8.contains(utf8.data() + utf8.size() + 1));
    }

    void entitiesAndImages() {
        const Rendered r =
            render(QStringLiteral("A &amp; B &copy; &#65;&#x42; &bogus; &#0;\n\n![alt "
                                  "*text*](https://img.example/p.png)"));
        QVERIFY(r.text().startsWith(QStringLiteral("A & B \u00a9 AB &bogus; \ufffd")));
        QVERIFY(r.text().contains(QStringLiteral("alt text")));
        QVERIFY(r.formatAt(r.find(QStringLiteral("alt"))).fontItalic());
        QCOMPARE(anchors(r.document.get()),
                 QStringList{QStringLiteral("https://img.example/p.png")});
        QVERIFY(mapsBack(r, QStringLiteral("&bogus;"), QStringLiteral("&bogus;")));
        QVERIFY(mapIsFaithful(r));
    }

    // An ordered list starting elsewhere than 1 writes its numbers itself
    // (QTextList counts from 1); a task item there shows its box as text.
    void numberedFromElsewhere() {
        const Rendered r = render(QStringLiteral("7. seven\n8. [ ] eight\n"));
        QCOMPARE(r.blockOf(QStringLiteral("seven")).text(), QStringLiteral("7.\u00a0seven"));
        QCOMPARE(r.blockOf(QStringLiteral("eight")).text(),
                 QStringLiteral("8.\u00a0\u2610\u00a0eight"));
        QCOMPARE(r.map.sourceAt(r.find(QStringLiteral("7."))), -1);
        QVERIFY(mapsBack(r, QStringLiteral("eight"), QStringLiteral("eight")));
        QVERIFY(mapIsFaithful(r));
    }

    // Hostile shapes render in bounded time and keep the map's promise.
    void hostileInputStaysQuick_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("deep quotes") << QString(20000, u'>') + QStringLiteral(" x");
        QString lists;
        for (int i = 0; i < 2000; ++i)
            lists += QString(i * 2, u' ') + QStringLiteral("- x\n");
        QTest::newRow("deep lists") << lists;
        QTest::newRow("brackets") << QString(30000, u'[') + QStringLiteral("x") +
                                         QString(30000, u']');
        QTest::newRow("emphasis") << QStringLiteral("*a _b ").repeated(20000);
        QTest::newRow("links") << QStringLiteral("[a](<b ").repeated(20000);
        QTest::newRow("backticks") << QStringLiteral("`a ``b ```c ").repeated(10000);
        QTest::newRow("wide table") << QStringLiteral("|a").repeated(5000) + QStringLiteral("\n") +
                                           QStringLiteral("|---").repeated(5000);
        QTest::newRow("frame markers") << QStringLiteral("a\ufdd0b\ufdd1 `\ufdd0`\n\n    \ufdd1\n");
        QTest::newRow("lone surrogates") << QStringLiteral("a ") + QChar(0xd800) +
                                                QStringLiteral(" b **") + QChar(0xdc00) +
                                                QStringLiteral("**");
    }

    void hostileInputStaysQuick() {
        QFETCH(QString, source);
        QElapsedTimer timer;
        timer.start();
        const Rendered r = render(source);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(mapIsFaithful(r));
    }

    void messagesKeepTheirOffsets() {
        const QJsonArray messages{
            QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                        {QStringLiteral("content"), QStringLiteral("Q \U0001F600 [r]\n\n[r]: /x")}},
            QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"), QStringLiteral("| a |\n|---|\n| \u00e9 b |")}},
        };
        QTextDocument document;
        const SourceMap map = MarkdownDocument::build(
            &document, messages, true, MarkdownDocument::Style::fromPalette(QPalette(), QFont()));
        const QString text = comparison::contentText(messages);
        const int doc = document.find(QStringLiteral("\u00e9 b")).selectionStart();
        QCOMPARE(map.sourceAt(doc), int(text.indexOf(QStringLiteral("\u00e9 b"))));
        QCOMPARE(
            map.sourceAt(document.find(QStringLiteral("r"), 0, QTextDocument::FindCaseSensitively)
                             .selectionStart()),
            int(text.indexOf(QStringLiteral("[r]"))) + 1);
    }
};

QTEST_MAIN(TestMarkdown)
#include "tst_markdown.moc"
