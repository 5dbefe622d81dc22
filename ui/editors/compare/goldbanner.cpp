#include "editors/compare/goldbanner.h"

#include <QJsonArray>

#include "document/taskdocument.h"
#include "editors/compare/verdictbar.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"

namespace postil {

GoldBanner::GoldBanner(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("goldBanner"));
    setWordWrap(true);
    setMargin(6);
    setAutoFillBackground(true);
    hide();
}

QString GoldBanner::expectedText(const QJsonObject& taskData, const QList<int>& order) {
    const int count = int(order.size());
    const ComparisonResult gold =
        ComparisonResult::read(taskData.value(QLatin1String("gold")).toObject(), count);
    auto shownOf = [&](int canonical) { return int(order.indexOf(canonical)); };
    QStringList parts;
    if (const auto preference = gold.preference())
        parts << VerdictBar::choiceText(comparison::toShownPreference(*preference, order));
    const ComparisonResult::Ranking& ranking = gold.ranking();
    if (!ranking.isEmpty()) {
        QStringList groups;
        for (const QList<int>& group : ranking) {
            QList<int> shown;
            for (int canonical : group)
                shown << shownOf(canonical);
            std::sort(shown.begin(), shown.end());
            QStringList letters;
            for (int s : shown)
                letters << comparison::letter(s);
            groups << letters.join(QLatin1String(" = "));
        }
        parts << groups.join(QLatin1String(" > "));
    }
    if (const auto bothBad = gold.bothBad())
        parts << (*bothBad ? tr("both are bad") : tr("not both bad"));
    return parts.join(QLatin1String(", "));
}

std::optional<GoldBanner::Feedback> GoldBanner::feedbackFor(TaskDocument* document,
                                                            const QList<int>& order) {
    const bool revealed = document && document->project().schema().revealGold &&
                          document->state().status == AnnotationStatus::Submitted &&
                          comparison::hasGold(document->task().data);
    if (!revealed)
        return std::nullopt;
    const auto matched = comparison::matchesGold(document->task().data, document->result(),
                                                 document->project().schema().goldTolerance);
    const QString expected = expectedText(document->task().data, order);
    if (!matched)
        return Feedback{tr("Gold: %1. You gave no verdict.").arg(expected), false};
    if (*matched)
        return Feedback{tr("Gold: %1. ✔ Your verdict matches.").arg(expected), true};
    return Feedback{tr("Gold: %1. ✘ Your verdict differs.").arg(expected), false};
}

void GoldBanner::showFor(TaskDocument* document, const QList<int>& order) {
    if (const auto own = feedbackFor(document, order))
        display(*own);
    else if (m_previous)
        display(*m_previous);
    else
        setVisible(false);
}

QString GoldBanner::leave(TaskDocument* document, const QList<int>& order, bool submittedHere) {
    m_previous.reset();
    if (!submittedHere)
        return QString();
    if (auto feedback = feedbackFor(document, order)) {
        // Named by its prompt: the letters are those of that task, not this one.
        const QString prompt =
            comparison::contentText(document->task().data.value(QLatin1String("prompt")))
                .simplified();
        const QString preview = fontMetrics().elidedText(prompt, Qt::ElideRight, 320);
        feedback->text = tr("Previous task (“%1”): %2").arg(preview, feedback->text);
        m_previous = feedback;
        return feedback->text;
    }
    return QString();
}

void GoldBanner::display(const Feedback& feedback) {
    setText(feedback.text);
    QPalette p = palette();
    p.setColor(QPalette::Window,
               feedback.matched ? QColor(0xdc, 0xf5, 0xdc) : QColor(0xfd, 0xe2, 0xe2));
    p.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    setPalette(p);
    setVisible(true);
}

}  // namespace postil
