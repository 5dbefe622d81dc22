#include "editors/compare/verdictbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>
#include <cstdlib>

#include "widgets/optionchip.h"
#include "widgets/readingstyle.h"

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
    // Two rows: the verdict in words with "both are bad" above, the scale below on its own, so
    // the seven choices fit under two narrow columns.
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(3);
    auto* top = new QHBoxLayout;
    top->setSpacing(6);
    top->addWidget(preview::makePanelTitle(tr("Verdict"), this));
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("verdictCaption"));
    top->addWidget(m_caption, 1);
    m_bothBadChip = new OptionChip(tr("Both are bad"), OptionChip::Style::Multi, this);
    m_bothBadChip->setObjectName(QStringLiteral("bothBad"));
    m_bothBadChip->setToolTip(
        tr("Neither response is acceptable; kept apart from the preference below"));
    connect(m_bothBadChip, &OptionChip::clicked, this, [this] {
        showState();
        Q_EMIT bothBadToggled(!m_bothBad);
    });
    top->addWidget(m_bothBadChip);
    auto* clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("clearVerdict"));
    clear->setText(QStringLiteral("✕"));
    clear->setToolTip(tr("Clear the preference"));
    clear->setAutoRaise(true);
    clear->setFocusPolicy(Qt::NoFocus);
    connect(clear, &QToolButton::clicked, this, &VerdictBar::clearRequested);
    top->addWidget(clear);
    m_clear = clear;
    layout->addLayout(top);

    auto* scale = new QHBoxLayout;
    scale->setSpacing(4);
    for (int shown = -3; shown <= 3; ++shown) {
        auto* chip = new OptionChip(chipText(shown), OptionChip::Style::Exclusive, this);
        chip->setObjectName(QStringLiteral("verdict%1").arg(shown + 4));
        // Short enough never to need eliding: a half-hidden "A+…" would be ambiguous.
        chip->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
        connect(chip, &OptionChip::clicked, this, [this, shown] {
            showState();  // the document decides; a click never leaves a stale check
            Q_EMIT preferencePicked(shown);
        });
        scale->addWidget(chip, 1);
        m_choices.append(chip);
    }
    layout->addLayout(scale);
    showState();
}

void VerdictBar::setVerdict(std::optional<int> shownPreference, bool bothBad) {
    m_preference = shownPreference;
    m_bothBad = bothBad;
    showState();
}

QString VerdictBar::chipText(int shownPreference) {
    if (shownPreference == 0)
        return QStringLiteral("=");
    const QString plus(std::abs(shownPreference), QLatin1Char('+'));
    return (shownPreference < 0 ? QStringLiteral("A") : QStringLiteral("B")) + plus;
}

QString VerdictBar::caption() const {
    return m_caption->text();
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
    m_caption->setText(m_preference ? choiceText(*m_preference) : tr("No verdict yet"));
    m_caption->setForegroundRole(m_preference ? QPalette::WindowText : QPalette::PlaceholderText);
}

}  // namespace postil
