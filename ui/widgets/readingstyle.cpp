#include "widgets/readingstyle.h"

#include <QApplication>
#include <QLabel>
#include <QStyle>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextFrame>
#include <QVBoxLayout>

namespace postil::preview {

QFont readingFont() {
    QFont font = QApplication::font();
    // Task text is read closely for minutes at a time: a size up from the UI
    // font, never below 11 pt.
    const qreal size = font.pointSizeF() > 0 ? font.pointSizeF() : 10.0;
    font.setPointSizeF(qMax<qreal>(11.0, size * 1.2));
    return font;
}

QLabel* makeSectionLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text.toUpper(), parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(qMax<qreal>(7.5, font.pointSizeF() * 0.85));
    font.setLetterSpacing(QFont::PercentageSpacing, 108);
    label->setFont(font);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QLabel* makePanelTitle(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

ReadingView::ReadingView(QWidget* parent) : QTextBrowser(parent) {
    setReadOnly(true);
    setOpenLinks(false);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    setFont(readingFont());
    document()->setDocumentMargin(18);
    setFrameShape(QFrame::StyledPanel);
}

void ReadingView::setMaxColumnChars(int chars) {
    m_maxColumnChars = chars;
    updateColumn();
}

void ReadingView::updateColumn() {
    // The root frame's left and right margins override the document margin
    // on those sides, so the margin is added back in.
    const int margin = int(document()->documentMargin());
    const int maxWidth = QFontMetrics(font()).averageCharWidth() * m_maxColumnChars;
    const int side =
        margin +
        (m_maxColumnChars > 0 ? qMax(0, (viewport()->width() - maxWidth) / 2 - margin) : 0);
    QTextFrame* root = document()->rootFrame();
    QTextFrameFormat format = root->frameFormat();
    if (int(format.leftMargin()) == side && int(format.rightMargin()) == side)
        return;
    format.setLeftMargin(side);
    format.setRightMargin(side);
    root->setFrameFormat(format);
}

void ReadingView::resizeEvent(QResizeEvent* event) {
    QTextBrowser::resizeEvent(event);
    updateColumn();
}

void applyReadingLayout(QTextBrowser* view) {
    QTextCursor cursor(view->document());
    cursor.select(QTextCursor::Document);
    QTextBlockFormat format;
    format.setLineHeight(135, QTextBlockFormat::ProportionalHeight);
    format.setBottomMargin(2);
    cursor.mergeBlockFormat(format);
    if (auto* reading = qobject_cast<ReadingView*>(view))
        reading->updateColumn();
}

MessagePanel::MessagePanel(QWidget* parent)
    : QWidget(parent),
      m_icon(new QLabel(this)),
      m_title(new QLabel(this)),
      m_details(new QLabel(this)) {
    setObjectName(QStringLiteral("previewMessage"));
    const int iconSize = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
    m_icon->setAlignment(Qt::AlignHCenter);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignHCenter);
    m_title->setWordWrap(true);
    m_details->setAlignment(Qt::AlignHCenter);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(10);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addWidget(m_title);
    layout->addWidget(m_details);
    layout->addStretch(3);
}

void MessagePanel::setMessage(const QString& title, const QString& details) {
    m_title->setText(title);
    m_details->setText(details);
}

QString MessagePanel::text() const {
    return m_title->text() + QLatin1Char('\n') + m_details->text();
}

}  // namespace postil::preview
