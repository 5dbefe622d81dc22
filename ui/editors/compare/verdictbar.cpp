#include "editors/compare/verdictbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

#include "widgets/optionchip.h"

namespace postil {

QString VerdictBar::choiceText(int shownPreference) {
    switch (shownPreference) {
        case -3:
            return tr("A much better");
        case -2:
            return tr("A better");
        case -1:
            return tr("A slightly better");
        case 0:
            return tr("About the same");
        case 1:
            return tr("B slightly better");
        case 2:
            return tr("B better");
        case 3:
            return tr("B much better");
        default:
            return QString();
    }
}

VerdictBar::VerdictBar(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    auto* title = new QLabel(tr("Verdict"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    layout->addSpacing(6);
    for (int shown = -3; shown <= 3; ++shown) {
        auto* chip = new OptionChip(choiceText(shown), OptionChip::Style::Exclusive, this);
        chip->setObjectName(QStringLiteral("verdict%1").arg(shown + 4));
        // Chips may shrink (eliding their text) so the scale fits narrow windows.
        chip->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        connect(chip, &OptionChip::clicked, this, [this, shown] {
            showState();  // the document decides; a click never leaves a stale check
            Q_EMIT preferencePicked(shown);
        });
        layout->addWidget(chip, 1);
        m_choices.append(chip);
    }
    layout->addSpacing(12);
    m_bothBadChip = new OptionChip(tr("Both are bad"), OptionChip::Style::Multi, this);
    m_bothBadChip->setObjectName(QStringLiteral("bothBad"));
    m_bothBadChip->setToolTip(
        tr("Neither response is acceptable; kept apart from the preference above"));
    connect(m_bothBadChip, &OptionChip::clicked, this, [this] {
        showState();
        Q_EMIT bothBadToggled(!m_bothBad);
    });
    layout->addWidget(m_bothBadChip);
    auto* clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("clearVerdict"));
    clear->setText(QStringLiteral("✕"));
    clear->setToolTip(tr("Clear the preference"));
    clear->setAutoRaise(true);
    clear->setFocusPolicy(Qt::NoFocus);
    connect(clear, &QToolButton::clicked, this, &VerdictBar::clearRequested);
    layout->addWidget(clear);
    m_clear = clear;
    showState();
}

void VerdictBar::setVerdict(std::optional<int> shownPreference, bool bothBad) {
    m_preference = shownPreference;
    m_bothBad = bothBad;
    showState();
}

void VerdictBar::setKeyHints(const QStringList& choiceKeys, const QString& bothBadKey) {
    for (int i = 0; i < m_choices.size(); ++i) {
        m_choices[i]->setKeyHint(choiceKeys.value(i));
        m_choices[i]->setToolTip(
            choiceKeys.value(i).isEmpty()
                ? choiceText(i - 3)
                : QStringLiteral("%1 (%2)").arg(choiceText(i - 3), choiceKeys.value(i)));
    }
    m_bothBadChip->setKeyHint(bothBadKey);
}

void VerdictBar::showState() {
    for (int i = 0; i < m_choices.size(); ++i)
        m_choices[i]->setChecked(m_preference && *m_preference == i - 3);
    m_bothBadChip->setChecked(m_bothBad);
    m_clear->setEnabled(m_preference.has_value());
}

}  // namespace postil
