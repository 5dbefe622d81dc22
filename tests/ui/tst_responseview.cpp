#include <QAbstractTextDocumentLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <QtTest>

#include "editors/compare/markdowndocument.h"
#include "editors/compare/responseview.h"
#include "editors/compare/worddiffview.h"
#include "model/comparison.h"

using namespace postil;

namespace {

const QString kSample = QStringLiteral(
    "# Title of *the* answer\n"
    "\n"
    "Some **bold words** and `inline code` in a paragraph\n"
    "that wraps to a second line, with a [link text](https://example.com/x \"t\").\n"
    "\n"
    "- first item\n"
    "- second item with _emphasis_\n"
    "  - nested item\n"
    "\n"
    "3. third\n"
    "4. fourth\n"
    "\n"
    "> quoted line one\n"
    "> quoted line two\n"
    "\n"
    "| Name | Value |\n"
    "|:-----|------:|\n"
    "| alpha | 1 |\n"
    "| beta & co | 22 |\n"
    "\n"
    "```python\n"
    "def f(x):\n"
    "    return x * 2\n"
    "```\n"
    "\n"
    "---\n"
    "\n"
    "Closing A &amp; B line.\n");

QTextTable* firstTable(QTextDocument* document) {
    for (QTextFrame* frame : document->rootFrame()->childFrames())
        if (auto* table = qobject_cast<QTextTable*>(frame))
            return table;
    return nullptr;
}

// The document positions whose text is `needle` (its first occurrence).
std::pair<int, int> findRendered(QTextDocument* document, const QString& needle) {
    const QTextCursor found = document->find(needle);
    return {found.selectionStart(), found.selectionEnd()};
}

QString codePointSlice(const QString& text, int start, int end) {
    const QList<uint> points = text.toUcs4();
    return QString::fromUcs4(reinterpret_cast<const char32_t*>(points.constData()) + start,
                             end - start);
}

QJsonArray conversation() {
    return QJsonArray{
        QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                    {QStringLiteral("content"), QStringLiteral("Hi \U0001F600 **there**")}},
        QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                    {QStringLiteral("content"),
                     QStringLiteral("An answer with *target words* here.\n\n- a point")}},
    };
}

// The background an extra selection (a mark) gives a document position, or
// an invalid colour.
QColor markBackground(QTextEdit* edit, int position) {
    for (const QTextEdit::ExtraSelection& selection : edit->extraSelections()) {
        if (selection.cursor.selectionStart() <= position &&
            position < selection.cursor.selectionEnd())
            return selection.format.background().color();
    }
    return {};
}

}  // namespace

class TestResponseView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A long response is laid out by the view in small slices while Qt's own lazy layout steps
    // (which grow to tens of milliseconds) are held back; once it is done they must be let go
    // and the scroll range must cover every paragraph, without anyone scrolling.
    void longResponseIsLaidOutInTheBackground() {
        QStringList paragraphs;
        for (int i = 0; i < 3000; ++i)
            paragraphs << QStringLiteral("Paragraph %1 says something about the cache.").arg(i);
        ResponseView view;
        view.resize(500, 400);
        view.setContent(paragraphs.join(QStringLiteral("\n\n")));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextEdit* edit = view.textEdit();
        // Each paragraph is a line and a gap: well over 15 px.
        QTRY_VERIFY_WITH_TIMEOUT(edit->verticalScrollBar()->maximum() > 3000 * 15, 5000);
    }

    void rendersStructure() {
        ResponseView view;
        view.setContent(kSample);
        QTextDocument* document = view.textEdit()->document();
        const QString shown = document->toPlainText();

        // Markup is gone, the words stay.
        QVERIFY(shown.contains(QStringLiteral("Title of the answer")));
        QVERIFY(
            shown.contains(QStringLiteral("Some bold words and inline code in a paragraph\n"
                                          "that wraps")));
        QVERIFY(shown.contains(QStringLiteral("with a link text.")));
        QVERIFY(!shown.contains(QStringLiteral("example.com")));
        QVERIFY(!shown.contains(QStringLiteral("**")));
        QVERIFY(shown.contains(QStringLiteral("Closing A & B line.")));

        bool heading = false, bullet = false, nested = false, monospace = false;
        bool ruler = false, quote = false, numbered = false;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            const QString text = block.text();
            if (block.blockFormat().headingLevel() == 1 &&
                text == QStringLiteral("Title of the answer"))
                heading = true;
            if (block.textList() && text == QStringLiteral("first item"))
                bullet = block.textList()->format().style() == QTextListFormat::ListDisc;
            if (block.textList() && text == QStringLiteral("nested item"))
                nested = block.textList()->format().indent() == 2;
            if (text.startsWith(QStringLiteral("def f(x):"))) {
                QTextCursor cursor(block);
                cursor.movePosition(QTextCursor::NextCharacter);
                monospace =
                    cursor.charFormat().fontFixedPitch() &&
                    cursor.currentFrame()->frameFormat().background().style() != Qt::NoBrush;
                // The two code lines are one block, split by a line separator.
                QCOMPARE(text, QStringLiteral("def f(x):\u2028    return x * 2"));
            }
            if (block.blockFormat().hasProperty(QTextFormat::BlockTrailingHorizontalRulerWidth))
                ruler = true;
            if (text == QStringLiteral("quoted line one\u2028quoted line two"))
                quote = block.blockFormat().leftMargin() > 0;
            // A list starting at 3 writes its own numbers.
            if (text == QStringLiteral("3.\u00a0third"))
                numbered = true;
        }
        QVERIFY(heading);
        QVERIFY(bullet);
        QVERIFY(nested);
        QVERIFY(monospace);
        QVERIFY(ruler);
        QVERIFY(quote);
        QVERIFY(numbered);

        QTextTable* table = firstTable(document);
        QVERIFY(table);
        QCOMPARE(table->rows(), 3);
        QCOMPARE(table->columns(), 2);
        auto cellText = [table](int row, int column) {
            QTextCursor cursor = table->cellAt(row, column).firstCursorPosition();
            cursor.setPosition(table->cellAt(row, column).lastCursorPosition().position(),
                               QTextCursor::KeepAnchor);
            return cursor.selectedText();
        };
        QCOMPARE(cellText(0, 0), QStringLiteral("Name"));
        QCOMPARE(cellText(2, 0), QStringLiteral("beta & co"));
        QCOMPARE(cellText(2, 1), QStringLiteral("22"));
        QCOMPARE(table->cellAt(1, 1).firstCursorPosition().blockFormat().alignment() &
                     Qt::AlignHorizontal_Mask,
                 Qt::AlignRight);
        QVERIFY(table->cellAt(0, 0).firstCursorPosition().charFormat().fontWeight() >= QFont::Bold);
    }

    // Every mapped character shows the source character it comes from,
    // except where a newline shows as a space or a line break.
    void sourceMapIsFaithful_data() {
        QTest::addColumn<QString>("source");
        QTest::newRow("sample") << kSample;
        QTest::newRow("nested containers") << QStringLiteral(
            "> - quoted *list*\n>   continued\n> 1. one\n>\n>    ```\n>    code "
            "in\n>    ```\n\n* a\n\n  para in item\n\n      indented code\n");
        QTest::newRow("emphasis edge cases") << QStringLiteral(
            "snake_case_name and **bold *nested* bold** and ***both*** and "
            "~~gone~~ and *unclosed and 2 * 3 * 4\nnext\\\nline  \nend");
        QTest::newRow("setext and crlf")
            << QStringLiteral("Heading\r\n=======\r\n\r\ntext\r\nmore `a\r\nb` text\r\n");
        QTest::newRow("emoji") << QStringLiteral(
            "\U0001F600 **\U0001F680 rocket** | x\n\n| "
            "a | \U0001F600 |\n|---|---|\n| `c|d` | e |\n");
    }

    void sourceMapIsFaithful() {
        QFETCH(QString, source);
        for (const bool rendered : {true, false}) {
            QTextDocument document;
            const SourceMap map =
                MarkdownDocument::build(&document, source, rendered,
                                        MarkdownDocument::Style::fromPalette(QPalette(), QFont()));
            QVERIFY(!map.isEmpty());
            int previousSource = -1;
            for (const SourceMap::Run& run : map.runs()) {
                QVERIFY(run.srcPos > previousSource);  // increasing, never overlapping
                previousSource = run.srcPos + run.length - 1;
                for (int k = 0; k < run.length; ++k) {
                    const QChar shown = document.characterAt(run.docPos + k);
                    const QChar original = source.at(run.srcPos + k);
                    if (original == u'\n' || original == u'\r') {
                        QVERIFY2(shown == u' ' || shown == QChar(QChar::LineSeparator) ||
                                     shown == QChar(QChar::ParagraphSeparator) ||
                                     shown == QChar(0x200b),
                                 qPrintable(QStringLiteral("at %1").arg(run.srcPos + k)));
                    } else if (source.mid(run.srcPos + k, 5) != QStringLiteral("&amp;")) {
                        QVERIFY2(shown == original,
                                 qPrintable(QStringLiteral("source %1 '%2' shown as '%3'")
                                                .arg(run.srcPos + k)
                                                .arg(original)
                                                .arg(shown)));
                    }
                }
            }
            if (!rendered)
                QCOMPARE(document.toPlainText().size(), source.size());
        }
    }

    void mouseSelectionMapsToSource() {
        ResponseView view;
        view.resize(700, 600);
        view.setContent(kSample);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextEdit* edit = view.textEdit();
        const auto [start, end] = findRendered(edit->document(), QStringLiteral("bold words and"));
        QVERIFY(start > 0);
        auto pointAt = [edit](int position) {
            QTextCursor cursor(edit->document());
            cursor.setPosition(position);
            return edit->cursorRect(cursor).center();
        };
        QSignalSpy changed(&view, &ResponseView::selectionChanged);
        QWidget* viewport = view.textArea()->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, {}, pointAt(start));
        QTest::mouseMove(viewport, pointAt((start + end) / 2));
        QTest::mouseMove(viewport, pointAt(end));
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, pointAt(end));
        QVERIFY(changed.count() > 0);
        const auto range = view.selectedRange();
        QVERIFY(range);
        // The markup inside the selection is part of the source range; the
        // range starts and ends on the visible words.
        QCOMPARE(codePointSlice(kSample, range->first, range->second),
                 QStringLiteral("bold words** and"));

        view.clearSelection();
        QVERIFY(!view.selectedRange());
    }

    // Dragging across cells, list items and lines of code flags exactly the
    // source characters shown selected. Across table cells Qt puts the
    // cursor at the start of the cell the drag reached: a whole row lost its
    // last cell.
    void dragAcrossBlocksMapsToTheExactSource_data() {
        QTest::addColumn<QString>("from");  // first rendered characters selected
        QTest::addColumn<QString>("to");    // last rendered characters selected
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("backwards");
        QTest::newRow("table row") << "alpha"
                                   << "1"
                                   << "alpha | 1" << false;
        QTest::newRow("table row, backwards") << "alpha"
                                              << "1"
                                              << "alpha | 1" << true;
        QTest::newRow("table column")
            << "Value"
            << "22"
            << "Value |\n|:-----|------:|\n| alpha | 1 |\n| beta & co | 22" << false;
        QTest::newRow("list items") << "item"
                                    << "second"
                                    << "item\n- second" << false;
        QTest::newRow("nested item") << "emphasis"
                                     << "nested"
                                     << "emphasis_\n  - nested" << false;
        QTest::newRow("code lines") << "f(x)"
                                    << "return"
                                    << "f(x):\n    return" << false;
    }

    void dragAcrossBlocksMapsToTheExactSource() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, source);
        QFETCH(bool, backwards);
        ResponseView view;
        view.resize(700, 900);
        view.setContent(kSample);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextEdit* edit = view.textEdit();
        const int start = findRendered(edit->document(), from).first;
        QTextCursor after(edit->document());
        after.setPosition(findRendered(edit->document(), from).first);
        const int end = edit->document()->find(to, after).selectionEnd();
        QVERIFY(start >= 0 && end > start);
        auto pointAt = [edit](int position) {
            QTextCursor cursor(edit->document());
            cursor.setPosition(position);
            const QRect rect = edit->cursorRect(cursor);
            return QPoint(rect.left() + 1, rect.center().y());
        };
        const QPoint a = pointAt(backwards ? end : start);
        const QPoint b = pointAt(backwards ? start : end);
        QWidget* viewport = view.textArea()->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, {}, a);
        QTest::mouseMove(viewport, (a + b) / 2);
        QTest::mouseMove(viewport, b);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, b);
        const auto range = view.selectedRange();
        QVERIFY(range);
        QCOMPARE(codePointSlice(kSample, range->first, range->second), source);
    }

    // The count in a response's title line: the first word counted too.
    void wordCountCountsEveryWord_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QStringList thirtyTwo;
        for (int i = 0; i < 32; ++i)
            thirtyTwo << QStringLiteral("word%1").arg(i);
        QTest::newRow("a number") << "4"
                                  << "1 word";
        QTest::newRow("one word") << "Yes."
                                  << "1 word";
        QTest::newRow("thirty-two") << thirtyTwo.join(QLatin1Char(' ')) << "32 words";
        QTest::newRow("markdown") << "**Bold** claim, then `code` - and 3.5 more"
                                  << "7 words";
        QTest::newRow("empty") << ""
                               << "0 words";
    }

    void wordCountCountsEveryWord() {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        ResponseView view;
        view.setContent(text);
        auto* detail = view.findChild<QLabel*>(QStringLiteral("responseDetail"));
        QVERIFY(detail);
        QCOMPARE(detail->text(), shown);
    }

    void keyboardSelectionAfterEmoji() {
        const QString source =
            QStringLiteral("\U0001F600\U0001F680 Rockets: *go* **target** text\n\nNext.");
        ResponseView view;
        view.resize(600, 400);
        view.setContent(source);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextEdit* edit = view.textEdit();
        const auto [start, end] = findRendered(edit->document(), QStringLiteral("target"));
        QTextCursor at(edit->document());
        at.setPosition(start);
        // Click just inside the start of the word, then extend with Shift+Right.
        QTest::mouseClick(view.textArea()->viewport(), Qt::LeftButton, {},
                          edit->cursorRect(at).center());
        QCOMPARE(edit->textCursor().position(), start);
        for (int i = start; i < end; ++i)
            QTest::keyClick(edit, Qt::Key_Right, Qt::ShiftModifier);
        const auto range = view.selectedRange();
        QVERIFY(range);
        QCOMPARE(codePointSlice(source, range->first, range->second), QStringLiteral("target"));
        // Two emoji before: code points are two fewer than UTF-16 units.
        QCOMPARE(range->first, int(source.indexOf(QStringLiteral("target"))) - 2);

        // The same range in raw mode, and back.
        view.setRendered(false);
        QVERIFY(!view.isRendered());
        QCOMPARE(view.selectedRange(), range);
        QCOMPARE(edit->document()->toPlainText(), source);
        view.setRendered(true);
        QCOMPARE(view.selectedRange(), range);
    }

    void messageListSelection() {
        const QJsonArray messages = conversation();
        const QString text = comparison::contentText(messages);
        ResponseView view;
        view.resize(600, 500);
        view.setContent(messages);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.text(), text);
        QTextEdit* edit = view.textEdit();
        const QString shown = edit->document()->toPlainText();
        QVERIFY(shown.contains(MarkdownDocument::roleTitle(QStringLiteral("user")).toUpper()));
        QVERIFY(shown.contains(QStringLiteral("ASSISTANT")));

        // Select "target words" with the keyboard: from its start, Shift+End
        // of word twice.
        const auto [start, end] = findRendered(edit->document(), QStringLiteral("target words"));
        QTextCursor cursor(edit->document());
        cursor.setPosition(start);
        edit->setTextCursor(cursor);
        edit->setFocus();
        for (int i = start; i < end; ++i)
            QTest::keyClick(edit, Qt::Key_Right, Qt::ShiftModifier);
        auto range = view.selectedRange();
        QVERIFY(range);
        QCOMPARE(codePointSlice(text, range->first, range->second), QStringLiteral("target words"));

        // A header alone is not text.
        const auto header = findRendered(edit->document(), QStringLiteral("ASSISTANT"));
        cursor.setPosition(header.first);
        cursor.setPosition(header.second, QTextCursor::KeepAnchor);
        edit->setTextCursor(cursor);
        QVERIFY(!view.selectedRange());

        // Everything: from the first character of the first message to the
        // last of the last, headers left out.
        QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
        range = view.selectedRange();
        QVERIFY(range);
        QCOMPARE(range->first, 0);
        QCOMPARE(range->second, comparison::codePointLength(text));
    }

    void marksHighlightInBothModes() {
        ResponseView view;
        view.resize(700, 600);
        view.setContent(kSample);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int from = int(kSample.indexOf(QStringLiteral("bold words")));
        const int to = from + 10;  // no surrogates before: code points == UTF-16 here
        const QColor colour(200, 30, 30, 120);
        view.setMarks({{from, to, colour, QStringLiteral("Hallucination")}});
        QTextEdit* edit = view.textEdit();
        for (const bool rendered : {true, false}) {
            view.setRendered(rendered);
            const QString needle =
                rendered ? QStringLiteral("bold words") : QStringLiteral("**bold words**");
            auto [start, end] = findRendered(edit->document(), needle);
            if (!rendered)
                start += 2, end -= 2;
            QVERIFY(start >= 0);
            QCOMPARE(markBackground(edit, start), colour);
            QCOMPARE(markBackground(edit, end - 1), colour);
            QVERIFY(!markBackground(edit, start - 1).isValid());
            QVERIFY(!markBackground(edit, end).isValid());
            QCOMPARE(view.markDocumentRanges(0), (QList<std::pair<int, int>>{{start, end}}));
        }
        QCOMPARE(view.marks().size(), 1);
        view.setMarks({});
        QVERIFY(edit->extraSelections().isEmpty());
    }

    void marksAcrossSurrogatesAndMessages() {
        const QJsonArray messages = conversation();
        const QString text = comparison::contentText(messages);
        ResponseView view;
        view.setContent(messages);
        // "there" in the first message, after an emoji: code points 5..10 of
        // "Hi 😀 **there**" are "there"? Find it by code points.
        const int utf16 = int(text.indexOf(QStringLiteral("there")));
        const int start = comparison::toCodePoints(text, utf16);
        view.setMarks({{start, start + 5, QColor(Qt::yellow), QString()}});
        const auto ranges = view.markDocumentRanges(0);
        QCOMPARE(ranges.size(), 1);
        QTextCursor cursor(view.textEdit()->document());
        cursor.setPosition(ranges[0].first);
        cursor.setPosition(ranges[0].second, QTextCursor::KeepAnchor);
        QCOMPARE(cursor.selectedText(), QStringLiteral("there"));
        // An opaque colour is made translucent so the text stays readable.
        QVERIFY(markBackground(view.textEdit(), ranges[0].first).alpha() < 255);
    }

    void markClickedFires() {
        ResponseView view;
        view.resize(700, 600);
        view.setContent(kSample);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int first = int(kSample.indexOf(QStringLiteral("first item")));
        const int second = int(kSample.indexOf(QStringLiteral("inline code")));
        view.setMarks({{first, first + 10, QColor(Qt::red), QString()},
                       {second, second + 11, QColor(Qt::blue), QString()}});
        QSignalSpy clicked(&view, &ResponseView::markClicked);
        QTextEdit* edit = view.textEdit();
        auto centreOfChar = [edit](int position) {
            QTextCursor cursor(edit->document());
            cursor.setPosition(position);
            const QRect left = edit->cursorRect(cursor);
            cursor.setPosition(position + 1);
            const QRect right = edit->cursorRect(cursor);
            return QPoint((left.center().x() + right.center().x()) / 2, left.center().y());
        };
        const auto [codeStart, codeEnd] =
            findRendered(edit->document(), QStringLiteral("inline code"));
        QTest::mouseClick(view.textArea()->viewport(), Qt::LeftButton, {},
                          centreOfChar(codeStart + 3));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 1);
        // Just outside the mark: nothing.
        QTest::mouseClick(view.textArea()->viewport(), Qt::LeftButton, {},
                          centreOfChar(codeEnd + 2));
        QCOMPARE(clicked.count(), 1);
        // The other mark, in raw mode.
        view.setRendered(false);
        QTest::mouseClick(view.textArea()->viewport(), Qt::LeftButton, {}, centreOfChar(first + 4));
        QCOMPARE(clicked.count(), 2);
        QCOMPARE(clicked.at(1).at(0).toInt(), 0);
    }

    void revealRangeSelectsAndScrolls() {
        QString longText;
        for (int i = 0; i < 300; ++i)
            longText += QStringLiteral("Paragraph %1 with some words in it.\n\n").arg(i);
        longText += QStringLiteral("The **needle** is here.");
        ResponseView view;
        view.resize(500, 300);
        view.setContent(longText);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.verticalScrollBar()->value(), 0);
        const int start = int(longText.indexOf(QStringLiteral("needle")));
        view.revealRange(start, start + 6);
        QVERIFY(view.verticalScrollBar()->value() > 0);
        QCOMPARE(view.selectedRange(), std::make_optional(std::make_pair(start, start + 6)));
        const QRect cursor = view.textEdit()->cursorRect();
        QVERIFY(view.textArea()->viewport()->rect().contains(cursor.center()));
    }

    void rawModeKeepsScrollRoughly() {
        QString longText;
        for (int i = 0; i < 200; ++i)
            longText += QStringLiteral("## Part %1\n\nSome *text* for part %1.\n\n").arg(i);
        ResponseView view;
        view.resize(500, 300);
        view.setContent(longText);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const int target = int(longText.indexOf(QStringLiteral("Part 120")));
        view.revealRange(target, target + 8);
        view.clearSelection();
        view.setRendered(false);
        // Part 120 is still on screen.
        QTextEdit* edit = view.textEdit();
        const QTextCursor top = edit->cursorForPosition(QPoint(40, 4));
        const QTextCursor bottom =
            edit->cursorForPosition(QPoint(40, edit->viewport()->height() - 4));
        QVERIFY2(top.position() <= target && target <= bottom.position() + 40,
                 qPrintable(QStringLiteral("%1..%2 vs %3")
                                .arg(top.position())
                                .arg(bottom.position())
                                .arg(target)));
    }

    void paletteChangeRestyles() {
        ResponseView view;
        view.setContent(QStringLiteral("Text\n\n```\ncode\n```\n"));
        // Every rebuild hands the view a new document.
        auto codeBackground = [&view] {
            const QTextCursor code = view.textEdit()->document()->find(QStringLiteral("code"));
            return code.currentFrame()->frameFormat().background().color();
        };
        const QColor before = codeBackground();
        const QTextDocument* built = view.textEdit()->document();
        // Polishing and equal palettes do not rebuild.
        view.setPalette(view.palette());
        QCOMPARE(view.textEdit()->document(), built);
        QPalette dark = view.palette();
        dark.setColor(QPalette::Base, QColor(20, 20, 24));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        view.setPalette(dark);
        QVERIFY(view.textEdit()->document() != built);
        QVERIFY(codeBackground() != before);
        QVERIFY(codeBackground().lightness() < 80);
    }

    // A header cell breaks between words if it must, never inside one: a
    // column as narrow as one letter made "Accuracy" run down the cell.
    void tableHeadersDoNotBreakInsideWords() {
        ResponseView view;
        view.setContent(
            QStringLiteral("| Model | Accuracy | Helpfulness | Latency (ms) |\n|---|---|---|---|\n"
                           "| a | 0.91 | 4.2 | 120 |\n| b | 0.87 | 4.5 | 95 |\n"));
        view.resize(240, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextDocument* document = view.textEdit()->document();
        QTextTable* table = firstTable(document);
        QVERIFY(table);
        document->documentLayout()->documentSize();  // laid out in full
        for (int column = 0; column < table->columns(); ++column) {
            const QTextBlock block = table->cellAt(0, column).firstCursorPosition().block();
            const QTextLayout* layout = block.layout();
            QVERIFY(layout && layout->lineCount() > 0);
            const QString text = block.text();
            for (int line = 1; line < layout->lineCount(); ++line) {
                const int start = layout->lineAt(line).textStart();
                QVERIFY2(text.at(start - 1).isSpace(),
                         qPrintable(QStringLiteral("\"%1\" breaks at %2").arg(text).arg(start)));
            }
        }
    }

    // Single line breaks are kept, as chat interfaces show them: a poem's
    // lines and an address stay lines, and a flag over one line still maps to
    // exactly its source characters.
    void singleLineBreaksAreKept() {
        const QString poem =
            QStringLiteral("Roses are red,\nViolets are blue,\nSugar is sweet,\nAnd so are you.\n");
        ResponseView view;
        view.resize(600, 300);
        view.setContent(poem);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTextEdit* edit = view.textEdit();
        const QTextBlock block = edit->document()->firstBlock();
        QCOMPARE(block.text(), QStringLiteral("Roses are red,\u2028Violets are blue,\u2028"
                                              "Sugar is sweet,\u2028And so are you."));
        edit->document()->documentLayout()->documentSize();
        QCOMPARE(block.layout()->lineCount(), 4);

        // Drag over the second line, as an annotator flags it.
        const auto [from, to] = findRendered(edit->document(), QStringLiteral("Violets are blue,"));
        QTextCursor start(edit->document());
        start.setPosition(from);
        QTextCursor end(edit->document());
        end.setPosition(to);
        const QPoint a = edit->cursorRect(start).center();
        const QPoint b = edit->cursorRect(end).center();
        QTest::mousePress(edit->viewport(), Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(edit->viewport(), b);
        QTest::mouseRelease(edit->viewport(), Qt::LeftButton, Qt::NoModifier, b);
        const auto range = view.selectedRange();
        QVERIFY(range);
        QCOMPARE(poem.mid(range->first, range->second - range->first),
                 QStringLiteral("Violets are blue,"));
        // And the flag stored from it marks that line again.
        view.setMarks({{range->first, range->second, QColor(Qt::red), QString()}});
        const auto marked = view.markDocumentRanges(0);
        QCOMPARE(marked.size(), 1);
        QCOMPARE(marked.first(), std::make_pair(from, to));
        // Raw mode shows the same four lines.
        view.setRendered(false);
        QCOMPARE(edit->document()->blockCount(), 5);
    }

    // The parser's CommonMark details, seen in what is rendered.
    void parserDetails() {
        const auto style = MarkdownDocument::Style::fromPalette(QPalette(), QFont());
        QTextDocument inlines;
        MarkdownDocument::build(
            &inlines, QStringLiteral("a_b_c *em* __strong__ [x](http://y) <https://z> \\*lit\\*"),
            true, style);
        QCOMPARE(inlines.toPlainText(), QStringLiteral("a_b_c em strong x https://z *lit*"));
        QStringList links;
        for (auto it = inlines.firstBlock().begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().isAnchor())
                links << it.fragment().charFormat().anchorHref();
        QCOMPARE(links, (QStringList{QStringLiteral("http://y"), QStringLiteral("https://z")}));
        // An ordered list that does not start at 1 cannot interrupt a
        // paragraph; one that does can.
        QTextDocument numbers;
        MarkdownDocument::build(&numbers, QStringLiteral("In\n1998. We\n\ntext\n1. item"), true,
                                style);
        QCOMPARE(numbers.blockCount(), 3);
        QCOMPARE(numbers.firstBlock().text(), QStringLiteral("In\u20281998. We"));
        QVERIFY(!numbers.firstBlock().textList());
        QCOMPARE(numbers.lastBlock().text(), QStringLiteral("item"));
        QVERIFY(numbers.lastBlock().textList());
        // Lazy continuation and a loose list (paragraphs spaced as outside a
        // list, where a tight list keeps its items close).
        QTextDocument loose;
        MarkdownDocument::build(&loose, QStringLiteral("- a\nlazy\n\n- b\n"), true, style);
        QCOMPARE(loose.blockCount(), 2);
        QCOMPARE(loose.firstBlock().text(), QStringLiteral("a\u2028lazy"));
        QVERIFY(loose.firstBlock().textList() &&
                loose.firstBlock().textList() == loose.lastBlock().textList());
        QTextDocument tight;
        MarkdownDocument::build(&tight, QStringLiteral("- a\n- b\n"), true, style);
        QVERIFY(loose.firstBlock().blockFormat().bottomMargin() >
                tight.firstBlock().blockFormat().bottomMargin());
        // Deep nesting is bounded, not a crash.
        const QString deep =
            QString(5000, u'>') + QStringLiteral(" x ") + QString(5000, u'[') + QString(5000, u'*');
        QTextDocument document;
        MarkdownDocument::build(&document, deep, true, style);
        QVERIFY(document.toPlainText().contains(u'x'));
    }

    void wordDiffView() {
        WordDiffView view;
        view.setTexts(QStringLiteral("The cat sat on the mat."),
                      QStringLiteral("The black cat sat on a mat."), QStringLiteral("Response A"),
                      QStringLiteral("Response B"));
        QTextDocument* document = view.textView()->document();
        QCOMPARE(document->toPlainText(), QStringLiteral("The black cat sat on thea mat."));
        QCOMPARE(view.deletedWords(), 1);
        QCOMPARE(view.insertedWords(), 2);
        auto formatAt = [document](int position) {
            QTextCursor cursor(document);
            cursor.setPosition(position + 1);  // the format of the character before
            return cursor.charFormat();
        };
        const int black = int(document->toPlainText().indexOf(QStringLiteral("black")));
        const int the = int(document->toPlainText().indexOf(QStringLiteral("thea")));
        QVERIFY(!formatAt(black).fontStrikeOut());
        QVERIFY(formatAt(black).background().style() != Qt::NoBrush);
        QVERIFY(formatAt(the).fontStrikeOut());
        QVERIFY(!formatAt(the + 3).fontStrikeOut());  // "a" was inserted
        QVERIFY(formatAt(the + 3).background().style() != Qt::NoBrush);
        QVERIFY(formatAt(0).background().style() == Qt::NoBrush);
        QVERIFY(view.findChild<QLabel*>(QStringLiteral("diffLegendRemoved"))
                    ->text()
                    .contains(QStringLiteral("Response A")));

        view.setTexts(QStringLiteral("same"), QStringLiteral("same"), QStringLiteral("A"),
                      QStringLiteral("B"));
        QCOMPARE(view.deletedWords() + view.insertedWords(), 0);
    }
};

QTEST_MAIN(TestResponseView)
#include "tst_responseview.moc"
