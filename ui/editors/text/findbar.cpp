#include "editors/text/findbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>

#include "widgets/labelcolors.h"

namespace postil {

FindBar::FindBar(QWidget* parent)
    : QWidget(parent),
      m_pattern(new QLineEdit(this)),
      m_regex(new QCheckBox(tr("Regex"), this)),
      m_case(new QCheckBox(tr("Match case"), this)),
      m_count(new QLabel(this)),
      m_label(new QComboBox(this)),
      m_labelAll(new QPushButton(tr("Label all"), this)) {
    setObjectName(QStringLiteral("findBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setSpacing(8);
    m_pattern->setObjectName(QStringLiteral("findPattern"));
    m_pattern->setPlaceholderText(tr("Find in the text…"));
    m_pattern->setClearButtonEnabled(true);
    m_pattern->installEventFilter(this);
    layout->addWidget(m_pattern, 2);
    layout->addWidget(m_regex);
    layout->addWidget(m_case);
    auto* previous = new QToolButton(this);
    previous->setText(QStringLiteral("↑"));
    previous->setToolTip(tr("Previous match (Shift+Enter)"));
    auto* next = new QToolButton(this);
    next->setText(QStringLiteral("↓"));
    next->setToolTip(tr("Next match (Enter)"));
    layout->addWidget(previous);
    layout->addWidget(next);
    m_count->setObjectName(QStringLiteral("findCount"));
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(tr("88888 of 88888")));
    layout->addWidget(m_count, 1);
    m_label->setObjectName(QStringLiteral("findLabel"));
    m_label->setToolTip(tr("The label “Label all” gives every match"));
    layout->addWidget(m_label);
    m_labelAll->setObjectName(QStringLiteral("labelAllMatches"));
    m_labelAll->setToolTip(
        tr("Label every match, in one step; a match overlapping a span with that label is "
           "left as it is"));
    layout->addWidget(m_labelAll);
    auto* close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Esc)"));
    layout->addWidget(close);

    connect(m_pattern, &QLineEdit::textChanged, this, &FindBar::queryChanged);
    connect(m_regex, &QCheckBox::toggled, this, &FindBar::queryChanged);
    connect(m_case, &QCheckBox::toggled, this, &FindBar::queryChanged);
    connect(next, &QToolButton::clicked, this, &FindBar::nextRequested);
    connect(previous, &QToolButton::clicked, this, &FindBar::previousRequested);
    connect(m_labelAll, &QPushButton::clicked, this, [this] {
        if (!chosenLabel().isEmpty())
            Q_EMIT labelAllRequested(chosenLabel());
    });
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
}

void FindBar::setLabels(const QList<Label>& labels, const ColorFor& colorFor) {
    const QString chosen = chosenLabel();
    m_label->clear();
    for (const Label& label : labels)
        m_label->addItem(labelSwatch(colorFor(label.name)), label.name);
    const int index = m_label->findText(chosen);
    if (index >= 0)
        m_label->setCurrentIndex(index);
    m_labelAll->setEnabled(!labels.isEmpty());
}

FindQuery FindBar::query() const {
    return {m_pattern->text(), m_regex->isChecked(), m_case->isChecked()};
}

QString FindBar::chosenLabel() const {
    return m_label->currentText();
}

void FindBar::showResult(int current, int count, const QString& error, bool truncated) {
    if (!error.isEmpty())
        m_count->setText(tr("Not a pattern: %1").arg(error));
    else if (m_pattern->text().isEmpty())
        m_count->clear();
    else if (count == 0)
        m_count->setText(tr("No matches"));
    else
        m_count->setText(tr("%1 of %2%3")
                             .arg(current + 1)
                             .arg(count)
                             .arg(truncated ? QStringLiteral("+") : QString()));
    m_count->setToolTip(m_count->text());
}

void FindBar::activate(const QString& seed) {
    show();
    if (!seed.isEmpty())
        m_pattern->setText(seed);
    m_pattern->setFocus(Qt::ShortcutFocusReason);
    m_pattern->selectAll();
}

bool FindBar::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_pattern && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                Q_EMIT previousRequested();
            else
                Q_EMIT nextRequested();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            hide();
            Q_EMIT closed();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace postil
