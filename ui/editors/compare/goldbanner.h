#pragma once

#include <QJsonObject>
#include <QLabel>
#include <QList>
#include <optional>

namespace postil {

class TaskDocument;

// Gold feedback, when the schema reveals gold: the expected verdict of a gold
// task (one whose data has "gold") in the letters the annotator saw, and
// whether the annotator's verdict matched it. Shown on a submitted gold task,
// and over the next task after submitting one: submitting moves straight on,
// so the task's own banner would otherwise never be seen. Hidden otherwise.
class GoldBanner : public QLabel {
    Q_OBJECT
public:
    explicit GoldBanner(QWidget* parent = nullptr);

    // order: canonical indexes in the order shown.
    void showFor(TaskDocument* document, const QList<int>& order);
    // The annotator leaves `document`; `submittedHere`: it was submitted while
    // on screen. The feedback on it (when it is a revealed gold task) is kept
    // for the next task and returned (the window's status line says it too, in
    // case the next task is of another kind); anything kept before is dropped.
    QString leave(TaskDocument* document, const QList<int>& order, bool submittedHere);
    // The expected verdict as shown ("A is better", "B > A = C"), empty
    // without gold.
    static QString expectedText(const QJsonObject& taskData, const QList<int>& order);

private:
    struct Feedback {
        QString text;
        bool matched = false;
    };
    // nullopt unless `document` is a submitted gold task the schema reveals.
    static std::optional<Feedback> feedbackFor(TaskDocument* document, const QList<int>& order);
    void display(const Feedback& feedback);

    std::optional<Feedback> m_previous;  // on the task submitted before this one
};

}  // namespace postil
