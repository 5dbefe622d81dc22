#include "editors/compare/comparesidepanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include "editors/compare/critiquepanel.h"
#include "editors/compare/flagpanel.h"
#include "editors/compare/rankinglist.h"
#include "editors/compare/rewritepanel.h"
#include "editors/compare/rubricgrid.h"
#include "widgets/optionchip.h"
#include "widgets/readingstyle.h"

namespace postil {

CompareSidePanel::CompareSidePanel(QWidget* parent) : QSplitter(Qt::Vertical, parent) {
    setObjectName(QStringLiteral("compareSidePanel"));
    setChildrenCollapsible(false);

    QHBoxLayout* unused = nullptr;
    m_rankingSection = section(tr("Ranking"), &m_rankingTitle, &unused);
    m_ranking = new RankingList(m_rankingSection);
    m_rankingSection->layout()->addWidget(m_ranking);
    m_allBad = new OptionChip(tr("All are bad"), OptionChip::Style::Multi, m_rankingSection);
    m_allBad->setObjectName(QStringLiteral("allBad"));
    m_rankingSection->layout()->addWidget(m_allBad);
    addWidget(m_rankingSection);

    m_rubricSection = section(tr("Rubric"), &m_rubricTitle, &unused);
    m_rubric = new RubricGrid(m_rubricSection);
    m_rubricSection->layout()->addWidget(m_rubric);
    m_rubricDescription = new QLabel(m_rubricSection);
    m_rubricDescription->setObjectName(QStringLiteral("rubricDescription"));
    m_rubricDescription->setWordWrap(true);
    m_rubricDescription->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_rubricDescription->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_rubricDescription->setFont(small);
    m_rubricSection->layout()->addWidget(m_rubricDescription);
    addWidget(m_rubricSection);

    m_flagSection = section(tr("Flags"), &m_flagTitle, &m_flagHeader);
    m_flagButton = new QToolButton(m_flagSection);
    m_flagButton->setObjectName(QStringLiteral("flagButton"));
    m_flagButton->setText(tr("Flag…"));
    m_flagButton->setToolTip(tr("Flag the selected text (or press the label's digit)"));
    m_flagButton->setPopupMode(QToolButton::InstantPopup);
    m_flagHeader->addWidget(m_flagButton);
    m_flags = new FlagPanel(m_flagSection);
    m_flagSection->layout()->addWidget(m_flags);
    addWidget(m_flagSection);

    m_critique = new CritiquePanel(this);
    addWidget(m_critique);
    m_rewrite = new RewritePanel(this);
    addWidget(m_rewrite);
    m_rewrite->hide();

    // The critique gets what is left; the lists keep their natural height.
    for (int i = 0; i < count(); ++i)
        setStretchFactor(i, widget(i) == m_critique || widget(i) == m_rewrite ? 3 : 1);
}

QWidget* CompareSidePanel::section(const QString& title, QLabel** titleLabel,
                                   QHBoxLayout** headerLayout) {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* header = new QHBoxLayout;
    auto* label = preview::makePanelTitle(title, box);
    header->addWidget(label);
    header->addStretch(1);
    layout->addLayout(header);
    *titleLabel = label;
    *headerLayout = header;
    label->setProperty("plainTitle", title);
    return box;
}

void CompareSidePanel::setRankingShown(bool shown) {
    m_rankingSection->setVisible(shown);
}

void CompareSidePanel::setRubricShown(bool shown) {
    m_rubricSection->setVisible(shown);
}

void CompareSidePanel::setRewriteShown(bool shown) {
    m_rewrite->setVisible(shown);
}

bool CompareSidePanel::isRewriteShown() const {
    return !m_rewrite->isHidden();
}

void CompareSidePanel::setKeyHints(const QString& rankingKey, const QString& rubricKey) {
    auto titled = [](QLabel* label, const QString& key) {
        const QString plain = label->property("plainTitle").toString();
        label->setText(key.isEmpty() ? plain : QStringLiteral("%1  ·  %2").arg(plain, key));
    };
    titled(m_rankingTitle, rankingKey);
    titled(m_rubricTitle, rubricKey);
}

}  // namespace postil
