#include "editors/preview/textpreview.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

#include "document/taskdocument.h"
#include "widgets/readingstyle.h"

namespace postil {

namespace {
// Query words shorter than this ("a", "to") would mark half the result.
constexpr int kMinMarkedWordLength = 3;
}  // namespace

TextPreview::TextPreview(QObject* parent) : TaskEditor(parent) {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("textPreview"));
    auto* outer = new QHBoxLayout(m_widget);
    outer->setContentsMargins(16, 16, 16, 16);
    // Query and result share one centred column of readable width.
    auto* column = new QWidget(m_widget);
    column->setMaximumWidth(QFontMetrics(preview::readingFont()).averageCharWidth() *
                                preview::kMaxColumnChars +
                            40);  // the view's document margins and frame
    outer->addStretch(0);
    outer->addWidget(column, 1);
    outer->addStretch(0);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    m_queryPanel = new QFrame(column);
    m_queryPanel->setObjectName(QStringLiteral("queryPanel"));
    // Style sheet only for the panel's box; palette() keeps it theme-aware.
    m_queryPanel->setStyleSheet(
        QStringLiteral("QFrame#queryPanel { background: palette(alternate-base); border: 1px "
                       "solid palette(mid); border-left: 4px solid palette(highlight); "
                       "border-radius: 4px; }"));
    auto* queryLayout = new QVBoxLayout(m_queryPanel);
    queryLayout->setContentsMargins(16, 10, 16, 12);
    queryLayout->setSpacing(4);
    queryLayout->addWidget(preview::makeSectionLabel(tr("Search query"), m_queryPanel));
    m_query = new QLabel(m_queryPanel);
    m_query->setObjectName(QStringLiteral("queryText"));
    m_query->setTextFormat(Qt::PlainText);
    m_query->setWordWrap(true);
    m_query->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont queryFont = preview::readingFont();
    queryFont.setPointSizeF(queryFont.pointSizeF() * 1.25);
    queryFont.setBold(true);
    m_query->setFont(queryFont);
    queryLayout->addWidget(m_query);
    layout->addWidget(m_queryPanel);

    m_resultHeading = preview::makeSectionLabel(tr("Result"), column);
    m_resultHeading->setContentsMargins(2, 8, 0, 0);
    layout->addWidget(m_resultHeading);

    m_text = new preview::ReadingView(column);
    m_text->setObjectName(QStringLiteral("previewText"));
    layout->addWidget(m_text, 1);

    m_queryPanel->hide();
    m_resultHeading->hide();
}

TextPreview::~TextPreview() {
    delete m_widget;
}

QWidget* TextPreview::widget() {
    return m_widget;
}

bool TextPreview::showsQuery() const {
    return !m_queryPanel->isHidden();
}

void TextPreview::setDocument(TaskDocument* document) {
    m_text->setExtraSelections({});
    if (!document) {
        m_text->clear();
        m_query->clear();
        m_queryPanel->hide();
        m_resultHeading->hide();
        return;
    }
    const QJsonObject data = document->task().data;
    const QString text = data.value(QStringLiteral("text")).toString();
    const QString query = data.value(QStringLiteral("query")).toString();
    m_text->setPlainText(text);
    preview::applyReadingLayout(m_text);
    const bool hasQuery = !query.trimmed().isEmpty();
    m_queryPanel->setVisible(hasQuery);
    m_resultHeading->setVisible(hasQuery);
    m_query->setText(query);
    // A label lays out as one paragraph in the widget's direction: follow the
    // query's own script so an Arabic or Hebrew query starts at the right.
    m_query->setLayoutDirection(query.isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight);
    if (hasQuery)
        markQueryWords(query);
}

void TextPreview::markQueryWords(const QString& query) {
    static const QRegularExpression separators(QStringLiteral("[^\\w]+"),
                                               QRegularExpression::UseUnicodePropertiesOption);
    QColor mark = m_text->palette().color(QPalette::Highlight);
    mark.setAlpha(70);
    QList<QTextEdit::ExtraSelection> selections;
    for (const QString& word : query.split(separators, Qt::SkipEmptyParts)) {
        if (word.size() < kMinMarkedWordLength)
            continue;
        QTextCursor cursor(m_text->document());
        while (true) {
            cursor = m_text->document()->find(word, cursor);
            if (cursor.isNull())
                break;
            QTextEdit::ExtraSelection selection;
            selection.cursor = cursor;
            selection.format.setBackground(mark);
            selections.append(selection);
        }
    }
    m_text->setExtraSelections(selections);
}

void TextPreview::focusEditor() {
    m_text->setFocus();
}

}  // namespace postil
