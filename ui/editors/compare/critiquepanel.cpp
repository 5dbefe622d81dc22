#include "editors/compare/critiquepanel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "model/comparison.h"
#include "widgets/counted.h"
#include "widgets/readingstyle.h"
#include "widgets/textdebouncer.h"

namespace postil {

CritiquePanel::CritiquePanel(QWidget* parent)
    : QWidget(parent), m_edit(new QPlainTextEdit(this)), m_countLabel(new QLabel(this)) {
    setObjectName(QStringLiteral("critiquePanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* header = new QHBoxLayout;
    auto* title = preview::makePanelTitle(tr("Critique"), this);
    header->addWidget(title);
    header->addStretch(1);
    m_countLabel->setObjectName(QStringLiteral("critiqueCount"));
    header->addWidget(m_countLabel);
    layout->addLayout(header);

    m_edit->setObjectName(QStringLiteral("critiqueEdit"));
    // Markdown reads best in a fixed-pitch font: lists and code line up.
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(qMax(mono.pointSizeF(), font().pointSizeF()));
    m_edit->setFont(mono);
    m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_edit->setPlaceholderText(
        tr("What is wrong or right in each response, and why the preferred one is better "
           "(Markdown)"));
    m_edit->setTabChangesFocus(true);
    layout->addWidget(m_edit, 1);

    m_debouncer = new TextDebouncer(m_edit, this);
    connect(m_debouncer, &TextDebouncer::leaveRequested, this, &CritiquePanel::leaveRequested);
    connect(m_debouncer, &TextDebouncer::commit, this, &CritiquePanel::commit);
    connect(m_debouncer, &TextDebouncer::textChanged, this, &CritiquePanel::updateCount);
    updateCount();
}

void CritiquePanel::setMinChars(int minChars) {
    if (minChars == m_minChars)
        return;
    m_minChars = minChars;
    updateCount();
}

void CritiquePanel::showStored(const QString& critique) {
    m_debouncer->showStored(critique);
}

QString CritiquePanel::countText() const {
    return m_countLabel->text();
}

void CritiquePanel::updateCount() {
    m_count = comparison::codePointLength(m_edit->toPlainText().trimmed());
    const bool tooShort = m_minChars > 0 && m_count < m_minChars;
    const QString text = m_minChars > 0 ? QStringLiteral("%1 / %2").arg(m_count).arg(m_minChars)
                                        : counted(m_count, tr("1 character"), tr("%1 characters"));
    if (m_countLabel->text() != text)
        m_countLabel->setText(text);
    const QString style = tooShort ? QStringLiteral("color: #c62828;") : QString();
    if (m_countLabel->styleSheet() != style) {
        m_countLabel->setStyleSheet(style);
        m_countLabel->setToolTip(tooShort ? counted(m_minChars,
                                                    tr("The critique needs at least 1 character "
                                                       "before the task can be submitted"),
                                                    tr("The critique needs at least %1 characters "
                                                       "before the task can be submitted"))
                                          : QString());
    }
}

}  // namespace postil
