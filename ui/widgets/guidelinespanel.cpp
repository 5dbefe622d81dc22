#include "widgets/guidelinespanel.h"

#include <QLabel>
#include <QStackedLayout>
#include <QTextBrowser>

namespace postil {

GuidelinesPanel::GuidelinesPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("guidelinesPanel"));
    m_stack = new QStackedLayout(this);
    m_stack->setContentsMargins(0, 0, 0, 0);

    m_placeholder =
        new QLabel(tr("No guidelines yet.\nWrite them under Project settings → Guidelines."), this);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setContentsMargins(12, 12, 12, 12);

    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("guidelines"));
    m_browser->setFrameShape(QFrame::NoFrame);
    // Web links leave the app; in-page anchors still scroll the browser.
    m_browser->setOpenExternalLinks(true);
    m_browser->document()->setDocumentMargin(10);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_browser);
    setMarkdown(QString());
}

void GuidelinesPanel::setMarkdown(const QString& markdown) {
    m_markdown = markdown;
    const bool empty = markdown.trimmed().isEmpty();
    m_browser->setMarkdown(empty ? QString() : markdown);
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_placeholder) : m_browser);
}

void GuidelinesPanel::setBaseFolder(const QString& folder) {
    m_browser->setSearchPaths({folder});
    if (!m_markdown.trimmed().isEmpty())
        m_browser->setMarkdown(m_markdown);
}

}  // namespace postil
