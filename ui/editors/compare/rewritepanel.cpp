#include "editors/compare/rewritepanel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include "editors/compare/worddiffview.h"
#include "model/comparison.h"
#include "widgets/chipflowlayout.h"
#include "widgets/readingstyle.h"
#include "widgets/textdebouncer.h"

namespace postil {

RewritePanel::RewritePanel(QWidget* parent)
    : QWidget(parent),
      m_baseCombo(new QComboBox(this)),
      m_startOver(new QToolButton(this)),
      m_diffToggle(new QToolButton(this)),
      m_split(new QSplitter(Qt::Vertical, this)),
      m_edit(new QPlainTextEdit(m_split)),
      m_diff(new WordDiffView(m_split)) {
    setObjectName(QStringLiteral("rewritePanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    // The side panel is a quarter of the editor, 220 px on a laptop: the
    // controls wrap onto a second row there instead of being squeezed under
    // their labels. "from" and its choice wrap together.
    auto* header = new ChipFlowLayout;
    header->addWidget(preview::makePanelTitle(tr("Rewrite"), this));
    auto* baseRow = new QWidget(this);
    auto* baseLayout = new QHBoxLayout(baseRow);
    baseLayout->setContentsMargins(0, 0, 0, 0);
    baseLayout->setSpacing(4);
    baseLayout->addWidget(new QLabel(tr("from"), baseRow));
    m_baseCombo->setParent(baseRow);
    m_baseCombo->setObjectName(QStringLiteral("rewriteBase"));
    m_baseCombo->setFocusPolicy(Qt::StrongFocus);
    baseLayout->addWidget(m_baseCombo);
    header->addWidget(baseRow);
    m_startOver->setObjectName(QStringLiteral("rewriteStartOver"));
    m_startOver->setText(tr("Start over"));
    m_startOver->setToolTip(tr("Replace the rewrite with the chosen response"));
    header->addWidget(m_startOver);
    m_diffToggle->setObjectName(QStringLiteral("rewriteDiff"));
    m_diffToggle->setText(tr("Diff"));
    m_diffToggle->setCheckable(true);
    m_diffToggle->setToolTip(tr("Word diff of the rewrite against the chosen response"));
    header->addWidget(m_diffToggle);
    layout->addLayout(header);

    m_edit->setObjectName(QStringLiteral("rewriteEdit"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setTabChangesFocus(true);
    m_split->addWidget(m_edit);
    m_split->addWidget(m_diff);
    m_split->setChildrenCollapsible(false);
    m_diff->hide();
    layout->addWidget(m_split, 1);

    m_debouncer = new TextDebouncer(m_edit, this);
    connect(m_debouncer, &TextDebouncer::leaveRequested, this, &RewritePanel::leaveRequested);
    connect(m_debouncer, &TextDebouncer::commit, this, [this](const QString& text) {
        m_prefilled = false;
        m_stored = text;
        Q_EMIT commit(text);
        updateDiff();
    });
    connect(m_baseCombo, &QComboBox::activated, this, [this] {
        m_baseChosen = true;
        apply();
    });
    connect(m_startOver, &QToolButton::clicked, this,
            [this] { m_debouncer->replaceText(m_texts.value(base())); });
    connect(m_diffToggle, &QToolButton::toggled, this, &RewritePanel::setDiffShown);
}

void RewritePanel::setResponses(const QStringList& texts) {
    m_texts = texts;
    m_baseChosen = false;
    m_diffBase = -1;
    m_stored.reset();
    m_debouncer->discard();
    m_baseCombo->clear();
    for (int shown = 0; shown < texts.size(); ++shown)
        m_baseCombo->addItem(tr("Response %1").arg(comparison::letter(shown)));
}

void RewritePanel::setBase(int shown) {
    // The default follows the verdict until the annotator picks one.
    if (m_baseChosen || shown == base() || shown < 0 || shown >= m_baseCombo->count())
        return;
    m_baseCombo->setCurrentIndex(shown);
    if (!isHidden())
        apply();
}

int RewritePanel::base() const {
    return qMax(0, m_baseCombo->currentIndex());
}

void RewritePanel::showStored(const std::optional<QString>& rewrite) {
    m_stored = rewrite;
    // A hidden panel waits: filling its editor with a long response on every
    // task switch would cost time nobody sees.
    if (!isHidden())
        apply();
}

void RewritePanel::apply() {
    if (m_debouncer->isPending())
        return;
    if (m_stored) {
        m_prefilled = false;
        m_debouncer->showStored(*m_stored);
    } else {
        prefill();
    }
    updateDiff();
}

void RewritePanel::prefill() {
    m_prefilled = true;
    m_debouncer->showStored(m_texts.value(base()));
}

void RewritePanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    apply();
}

void RewritePanel::setDiffShown(bool shown) {
    if (m_diffToggle->isChecked() != shown)
        m_diffToggle->setChecked(shown);
    m_diff->setVisible(shown);
    updateDiff();
}

bool RewritePanel::isDiffShown() const {
    return m_diffToggle->isChecked();
}

void RewritePanel::updateDiff() {
    // Only when shown, and only on commits: a diff per keystroke of a long
    // rewrite would stall the typing.
    if (!isDiffShown())
        return;
    const QString left = m_texts.value(base());
    const QString right = m_edit->toPlainText();
    if (m_diffBase == base() && left == m_diffLeft && right == m_diffRight)
        return;
    m_diffBase = base();
    m_diffLeft = left;
    m_diffRight = right;
    m_diff->setTexts(left, right, tr("Response %1").arg(comparison::letter(base())), tr("Rewrite"));
}

}  // namespace postil
