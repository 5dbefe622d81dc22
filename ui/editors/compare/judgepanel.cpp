#include "editors/compare/judgepanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "assist/assistmodel.h"
#include "document/taskdocument.h"
#include "editors/compare/goldbanner.h"
#include "model/comparisonresult.h"

namespace postil {

JudgePanel::JudgePanel(QWidget* parent)
    : QWidget(parent), m_text(new QLabel(this)), m_take(new QPushButton(this)) {
    setObjectName(QStringLiteral("judgePanel"));
    m_text->setObjectName(QStringLiteral("judgeText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_take->setObjectName(QStringLiteral("judgeTakeCritique"));
    m_take->setText(tr("Start from this critique"));
    m_take->setFocusPolicy(Qt::NoFocus);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_take, 0, Qt::AlignTop);
    connect(m_take, &QPushButton::clicked, this, [this] {
        const QString critique = ComparisonResult::read(m_judged, 0).critique();
        if (!critique.isEmpty())
            Q_EMIT takeCritique(critique);
    });
    setVisible(false);
}

QString JudgePanel::text() const {
    return isVisible() ? m_text->text() : QString();
}

void JudgePanel::showFor(TaskDocument* document, const QList<int>& order, bool ownVerdict,
                         const QString& ownCritique) {
    if (!document) {
        m_taskUid.clear();
        setVisible(false);
        return;
    }
    if (document->task().uid != m_taskUid) {
        // Read once per task: the rows of others do not change under an open task.
        m_taskUid = document->task().uid;
        m_judge.clear();
        m_judged = QJsonObject();
        Project& project = document->project();
        for (const Annotation& row :
             project.annotations().proposals(m_taskUid, project.annotator())) {
            const ComparisonResult judged = ComparisonResult::read(row.result, int(order.size()));
            if (AssistModel::isModelAnnotator(row.annotator) &&
                (judged.hasVerdict() || !judged.critique().isEmpty())) {
                m_judge = row.annotator;
                m_judged = row.result;
                break;
            }
        }
    }
    if (m_judge.isEmpty()) {
        setVisible(false);
        return;
    }
    // Blind first: the model's verdict would anchor the evaluator's own.
    m_revealed = ownVerdict;
    const ComparisonResult judged = ComparisonResult::read(m_judged, int(order.size()));
    if (!m_revealed) {
        m_text->setText(tr("%1 has judged this comparison too. Its verdict and critique show "
                           "once you have given your verdict.")
                            .arg(m_judge));
        m_take->setVisible(false);
    } else {
        const QString verdict =
            GoldBanner::expectedText(QJsonObject{{QStringLiteral("gold"), m_judged}}, order);
        QString text = tr("%1: %2.").arg(m_judge, verdict.isEmpty() ? tr("no verdict") : verdict);
        if (!judged.critique().isEmpty())
            text += QLatin1Char('\n') + tr("Its critique: %1").arg(judged.critique());
        m_text->setText(text);
        m_take->setVisible(!judged.critique().isEmpty());
        m_take->setEnabled(ownCritique.isEmpty());
        m_take->setToolTip(ownCritique.isEmpty()
                               ? tr("Copy the model's critique into yours, to edit")
                               : tr("Your critique is not empty"));
    }
    setVisible(true);
}

}  // namespace postil
