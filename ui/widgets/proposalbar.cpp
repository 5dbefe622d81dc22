#include "widgets/proposalbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>

#include "widgets/elidedlabel.h"

namespace postil {

ProposalBar::ProposalBar(QWidget* parent)
    : QWidget(parent),
      m_summary(new ElidedLabel(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_value(new QLabel(this)),
      m_acceptAll(new QPushButton(tr("Accept all"), this)) {
    setObjectName(QStringLiteral("proposalBar"));
    m_summary->setObjectName(QStringLiteral("proposalSummary"));
    m_slider->setObjectName(QStringLiteral("proposalThreshold"));
    m_slider->setRange(0, 100);
    m_slider->setSingleStep(5);
    m_slider->setPageStep(10);
    // The slider keeps its width on a narrow screen; the summary gives way
    // (elided, whole in its tooltip).
    m_slider->setMinimumWidth(80);
    m_slider->setMaximumWidth(160);
    m_slider->setToolTip(tr("Hide proposals whose score is below this"));
    // Not in the tab chain: the editor's keys stay on the editor.
    m_slider->setFocusPolicy(Qt::ClickFocus);
    m_acceptAll->setObjectName(QStringLiteral("proposalAcceptAll"));
    m_acceptAll->setFocusPolicy(Qt::NoFocus);
    m_value->setMinimumWidth(m_value->fontMetrics().horizontalAdvance(QStringLiteral("≥ 0.00")));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_summary, 1);
    layout->addWidget(new QLabel(tr("Min score"), this));
    layout->addWidget(m_slider);
    layout->addWidget(m_value);
    layout->addWidget(m_acceptAll);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        m_value->setText(QStringLiteral("≥ %1").arg(value / 100.0, 0, 'f', 2));
        Q_EMIT thresholdChanged(value / 100.0);
    });
    connect(m_acceptAll, &QPushButton::clicked, this, &ProposalBar::acceptAllRequested);
    m_value->setText(QStringLiteral("≥ 0.00"));
    setVisible(false);
}

void ProposalBar::setSummary(const QString& text) {
    m_summary->setNote(text);
    setVisible(!text.isEmpty());
}

QString ProposalBar::summary() const {
    return m_summary->text();
}

double ProposalBar::threshold() const {
    return m_slider->value() / 100.0;
}

void ProposalBar::setThreshold(double threshold) {
    m_slider->setValue(qRound(std::clamp(threshold, 0.0, 1.0) * 100));
}

}  // namespace postil
