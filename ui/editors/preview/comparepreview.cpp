#include "editors/preview/comparepreview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBoundaryFinder>
#include <QTextBrowser>
#include <QTextFrame>
#include <QVBoxLayout>

#include "document/taskdocument.h"
#include "editors/preview/previewstyle.h"

namespace postil {

namespace {

constexpr int kMinColumnWidth = 180;     // two columns still fit beside the question form
constexpr double kMaxPromptShare = 0.4;  // of the view's height, before the user drags

QString roleTitle(const QString& role) {
    if (role == QLatin1String("system"))
        return ComparePreview::tr("System");
    if (role == QLatin1String("user"))
        return ComparePreview::tr("User");
    if (role == QLatin1String("assistant"))
        return ComparePreview::tr("Assistant");
    return role.isEmpty() ? ComparePreview::tr("Message") : role;
}

QColor roleColor(const QString& role, const QPalette& palette) {
    if (role == QLatin1String("user"))
        return palette.color(QPalette::Link);
    if (role == QLatin1String("assistant"))
        return palette.color(QPalette::Text);
    return palette.color(QPalette::PlaceholderText);
}

QString plainContent(const QJsonValue& content) {
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const QJsonValue& message : content.toArray())
        parts << message.toObject().value(QStringLiteral("content")).toString();
    return parts.join(QLatin1Char('\n'));
}

int wordCount(const QString& text) {
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
    int words = 0;
    while (finder.toNextBoundary() != -1)
        if (finder.boundaryReasons().testFlag(QTextBoundaryFinder::StartOfItem))
            ++words;
    return words;
}

// Puts STR or MESSAGES into the view. A conversation becomes one framed block
// per message, headed by its role; the text itself is inserted as plain text
// (never Markdown or HTML), so what is shown is exactly what was imported.
void renderContent(preview::ReadingView* view, const QJsonValue& content) {
    view->clear();
    QTextDocument* document = view->document();
    QTextCursor cursor(document);
    if (!content.isArray()) {
        cursor.insertText(content.toString());
        preview::applyReadingLayout(view);
        return;
    }
    const QPalette palette = view->palette();
    QColor border = palette.color(QPalette::Mid);
    border.setAlpha(140);
    const QJsonArray messages = content.toArray();
    bool first = true;
    for (const QJsonValue& value : messages) {
        const QJsonObject message = value.toObject();
        const QString role = message.value(QStringLiteral("role")).toString();
        QTextFrameFormat frame;
        frame.setBorder(1);
        frame.setBorderBrush(border);
        frame.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
        frame.setPadding(10);
        frame.setTopMargin(first ? 0 : 10);
        frame.setBackground(role == QLatin1String("assistant")
                                ? palette.color(QPalette::Base)
                                : palette.color(QPalette::AlternateBase));
        first = false;
        cursor.insertFrame(frame);

        QTextCharFormat roleFormat;
        roleFormat.setFontWeight(QFont::Bold);
        roleFormat.setFontPointSize(qMax<qreal>(7.5, view->font().pointSizeF() * 0.75));
        roleFormat.setFontLetterSpacingType(QFont::PercentageSpacing);
        roleFormat.setFontLetterSpacing(108);
        roleFormat.setForeground(roleColor(role, palette));
        QTextBlockFormat roleBlock;
        roleBlock.setBottomMargin(4);
        cursor.setBlockFormat(roleBlock);
        cursor.insertText(roleTitle(role).toUpper(), roleFormat);

        QTextBlockFormat body;
        body.setLineHeight(135, QTextBlockFormat::ProportionalHeight);
        cursor.insertBlock(body, QTextCharFormat());
        cursor.insertText(message.value(QStringLiteral("content")).toString());
        cursor = document->rootFrame()->lastCursorPosition();
    }
    // A document always has a block before its first frame and one after its
    // last, and Qt will not delete them: squeeze them to a pixel so they do
    // not show as blank lines around the conversation.
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
    view->updateColumn();
}

}  // namespace

ComparePreview::ComparePreview(QObject* parent) : TaskEditor(parent) {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("comparePreview"));
    auto* layout = new QVBoxLayout(m_widget);
    layout->setContentsMargins(12, 12, 12, 12);
    m_splitter = new QSplitter(Qt::Vertical, m_widget);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter);

    auto* promptPane = new QWidget(m_splitter);
    auto* promptLayout = new QVBoxLayout(promptPane);
    promptLayout->setContentsMargins(0, 0, 0, 6);
    promptLayout->setSpacing(4);
    promptLayout->addWidget(preview::makeSectionLabel(tr("Prompt"), promptPane));
    m_prompt = new preview::ReadingView(promptPane);
    m_prompt->setObjectName(QStringLiteral("promptView"));
    m_prompt->setMaxColumnChars(0);  // aligned with the response columns below
    m_prompt->setMinimumHeight(48);
    promptLayout->addWidget(m_prompt, 1);
    m_splitter->addWidget(promptPane);

    m_scroll = new QScrollArea(m_splitter);
    m_scroll->setObjectName(QStringLiteral("responseColumns"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_columns = new QWidget(m_scroll);
    auto* columnsLayout = new QHBoxLayout(m_columns);
    columnsLayout->setContentsMargins(0, 6, 0, 0);
    columnsLayout->setSpacing(12);
    m_scroll->setWidget(m_columns);
    m_splitter->addWidget(m_scroll);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    QObject::connect(m_splitter, &QSplitter::splitterMoved, this,
                     [this] { m_userSizedPrompt = true; });
    m_widget->installEventFilter(this);
}

ComparePreview::~ComparePreview() {
    delete m_widget;
}

QWidget* ComparePreview::widget() {
    return m_widget;
}

QTextBrowser* ComparePreview::promptView() const {
    return m_prompt;
}

QString ComparePreview::responseHeader(int index) const {
    return index >= 0 && index < m_headers.size() ? m_headers[index]->text() : QString();
}

void ComparePreview::focusEditor() {
    if (!m_responses.isEmpty())
        m_responses.first()->setFocus();
    else
        m_prompt->setFocus();
}

bool ComparePreview::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_widget && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        fitPromptHeight();
    return TaskEditor::eventFilter(watched, event);
}

void ComparePreview::clearColumns() {
    QLayout* layout = m_columns->layout();
    while (QLayoutItem* item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_responses.clear();
    m_headers.clear();
}

void ComparePreview::addColumn(int index, const QJsonValue& content) {
    auto* column = new QWidget(m_columns);
    column->setMinimumWidth(kMinColumnWidth);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto* headerRow = new QHBoxLayout;
    // Letters past Z would be odd; a comparison with 27 responses gets numbers.
    const QString name = index < 26 ? QString(QChar(u'A' + index)) : QString::number(index + 1);
    auto* header = new QLabel(tr("Response %1").arg(name), column);
    header->setObjectName(QStringLiteral("responseHeader%1").arg(index));
    QFont headerFont = header->font();
    headerFont.setBold(true);
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.1);
    header->setFont(headerFont);
    headerRow->addWidget(header);
    headerRow->addStretch(1);
    const int count = wordCount(plainContent(content));
    auto* words = new QLabel(count == 1 ? tr("1 word") : tr("%1 words").arg(count), column);
    words->setForegroundRole(QPalette::PlaceholderText);
    headerRow->addWidget(words);
    layout->addLayout(headerRow);
    auto* view = new preview::ReadingView(column);
    view->setObjectName(QStringLiteral("response%1").arg(index));
    renderContent(view, content);
    layout->addWidget(view, 1);
    m_columns->layout()->addWidget(column);
    // Equal stretch makes the columns equally wide.
    static_cast<QHBoxLayout*>(m_columns->layout())->setStretchFactor(column, 1);
    m_responses.append(view);
    m_headers.append(header);
}

void ComparePreview::setDocument(TaskDocument* document) {
    clearColumns();
    m_prompt->clear();
    m_userSizedPrompt = false;
    if (!document)
        return;
    const QJsonObject data = document->task().data;
    renderContent(m_prompt, data.value(QStringLiteral("prompt")));
    const QJsonArray responses = data.value(QStringLiteral("responses")).toArray();
    for (int i = 0; i < responses.size(); ++i)
        addColumn(i, responses.at(i));
    fitPromptHeight();
}

void ComparePreview::fitPromptHeight() {
    // A one-line prompt should not take a third of the screen, and a long
    // conversation should not push the responses out of sight: give the
    // prompt what it needs, up to a share of the height. Once the user drags
    // the splitter, their choice stands until the next task.
    if (m_userSizedPrompt || m_splitter->height() <= 0)
        return;
    QTextDocument* doc = m_prompt->document();
    doc->setTextWidth(m_prompt->viewport()->width() > 0 ? m_prompt->viewport()->width()
                                                        : m_splitter->width());
    const int chrome = m_prompt->parentWidget()->height() - m_prompt->viewport()->height();
    const int wanted = int(doc->size().height()) + qMax(chrome, 40) + 4;
    const int total = m_splitter->height() - m_splitter->handleWidth();
    const int prompt = qMin(wanted, int(total * kMaxPromptShare));
    m_splitter->setSizes({prompt, total - prompt});
}

}  // namespace postil
