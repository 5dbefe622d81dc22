#pragma once

#include <QJsonObject>
#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;

namespace postil {

class TaskDocument;

// An LLM judge's verdict and critique on a comparison (a model:NAME row,
// docs/architecture.md §15), blind first: until the evaluator has given a
// verdict of their own only a line says a model has judged; then its
// verdict shows beside theirs, in the letters they saw, with its critique,
// which "Start from this critique" copies into theirs while theirs is empty.
// Hidden when no model row holds a verdict or a critique.
class JudgePanel : public QWidget {
    Q_OBJECT
public:
    explicit JudgePanel(QWidget* parent = nullptr);

    // order: canonical indexes in the order shown; ownVerdict: the evaluator
    // has given one; ownCritique: theirs, empty for none.
    void showFor(TaskDocument* document, const QList<int>& order, bool ownVerdict,
                 const QString& ownCritique);
    bool revealed() const { return m_revealed; }
    QString text() const;
    QPushButton* takeButton() const { return m_take; }

Q_SIGNALS:
    void takeCritique(const QString& critique);

private:
    QLabel* m_text;
    QPushButton* m_take;
    QString m_taskUid;     // the task the row below was read for
    QString m_judge;       // its annotator, empty for none
    QJsonObject m_judged;  // its result
    bool m_revealed = false;
};

}  // namespace postil
