#include "editors/compare/worddiffview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollBar>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

#include "editors/compare/markdowndocument.h"
#include "text/worddiff.h"
#include "widgets/readingstyle.h"

namespace postil {

namespace {

// Red and green that read as "removed" and "added" on light and dark bases.
QColor tint(const QColor& base, const QColor& hue) {
    const qreal t = 0.28;
    return QColor::fromRgbF(float(base.redF() * (1 - t) + hue.redF() * t),
                            float(base.greenF() * (1 - t) + hue.greenF() * t),
                            float(base.blueF() * (1 - t) + hue.blueF() * t));
}

QColor removedColor(const QPalette& palette) {
    return tint(palette.color(QPalette::Base), QColor(220, 40, 40));
}

QColor addedColor(const QPalette& palette) {
    return tint(palette.color(QPalette::Base), QColor(30, 170, 60));
}

int countWords(const QString& text) {
    int words = 0;
    for (const QString& token : wordDiffTokens(text))
        if (token.at(0).isLetterOrNumber() || token.at(0).isHighSurrogate())
            ++words;
    return words;
}

QLabel* legendLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setMargin(2);
    label->setAutoFillBackground(true);
    return label;
}

}  // namespace

WordDiffView::WordDiffView(QWidget* parent)
    : QWidget(parent),
      m_leftLegend(legendLabel(this)),
      m_rightLegend(legendLabel(this)),
      m_summary(new QLabel(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* legend = new QHBoxLayout;
    legend->setSpacing(8);
    m_leftLegend->setObjectName(QStringLiteral("diffLegendRemoved"));
    m_rightLegend->setObjectName(QStringLiteral("diffLegendAdded"));
    QFont struck = m_leftLegend->font();
    struck.setStrikeOut(true);
    m_leftLegend->setFont(struck);
    legend->addWidget(m_leftLegend);
    legend->addWidget(m_rightLegend);
    legend->addStretch(1);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    legend->addWidget(m_summary);
    layout->addLayout(legend);

    auto* view = new preview::ReadingView(this);
    view->setObjectName(QStringLiteral("wordDiffText"));
    view->setMaxColumnChars(0);
    m_view = view;
    layout->addWidget(m_view, 1);
}

void WordDiffView::setTexts(const QString& left, const QString& right, const QString& leftTitle,
                            const QString& rightTitle) {
    m_left = left;
    m_right = right;
    m_leftLegend->setText(tr("Only in %1").arg(leftTitle));
    m_rightLegend->setText(tr("Only in %1").arg(rightTitle));
    render();
    m_view->verticalScrollBar()->setValue(0);
}

void WordDiffView::render() {
    const QPalette palette = this->palette();  // the view gets a new palette after us
    for (QLabel* label : {m_leftLegend, m_rightLegend}) {
        QPalette swatch = label->palette();
        swatch.setColor(QPalette::Window,
                        label == m_leftLegend ? removedColor(palette) : addedColor(palette));
        label->setPalette(swatch);
    }
    QTextCharFormat removed;
    removed.setBackground(removedColor(palette));
    removed.setFontStrikeOut(true);
    QTextCharFormat added;
    added.setBackground(addedColor(palette));
    const QTextCharFormat same;

    // Built off screen and then handed to the view (see
    // MarkdownDocument::replacementFor), with the reading layout set on the
    // first block so every block inherits it.
    QTextDocument* old = m_view->document();
    // The view's first document is its own (setDocument deletes it); the
    // later ones are ours to delete.
    const bool ours = old->parent() == this;
    QTextDocument* document = MarkdownDocument::replacementFor(old, this);
    document->setDefaultFont(m_view->font());
    QTextCursor cursor(document);
    cursor.beginEditBlock();
    QTextBlockFormat reading;
    reading.setLineHeight(135, QTextBlockFormat::ProportionalHeight);
    reading.setBottomMargin(2);
    cursor.setBlockFormat(reading);
    m_deletedWords = 0;
    m_insertedWords = 0;
    for (const DiffChunk& chunk : wordDiff(m_left, m_right)) {
        switch (chunk.op) {
            case DiffOp::Equal:
                cursor.insertText(chunk.text, same);
                break;
            case DiffOp::Delete:
                cursor.insertText(chunk.text, removed);
                m_deletedWords += countWords(chunk.text);
                break;
            case DiffOp::Insert:
                cursor.insertText(chunk.text, added);
                m_insertedWords += countWords(chunk.text);
                break;
        }
    }
    cursor.endEditBlock();
    m_view->setDocument(document);
    if (ours)
        delete old;
    static_cast<preview::ReadingView*>(m_view)->updateColumn();
    if (m_deletedWords == 0 && m_insertedWords == 0)
        m_summary->setText(m_left == m_right ? tr("Identical") : tr("Only spacing differs"));
    else
        m_summary->setText(
            tr("%1 removed, %2 added")
                .arg(m_deletedWords == 1 ? tr("1 word") : tr("%1 words").arg(m_deletedWords))
                .arg(m_insertedWords == 1 ? tr("1 word") : tr("%1 words").arg(m_insertedWords)));
}

void WordDiffView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

}  // namespace postil
