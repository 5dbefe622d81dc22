#pragma once

#include <QList>
#include <QPointer>
#include <QWidget>
#include <optional>

#include "model/schema.h"

class QAction;
class QLabel;
class QScrollArea;
class QVBoxLayout;

namespace postil {

class QuestionCard;
class TaskDocument;

// The questions of the schema, shown beside every editor and answered from
// the keyboard: the digits (or Alt+digit where the editor places labels) pick
// an option of the active question, Ctrl+Down/Up move between questions, F2
// types into a text question. Answers go through TaskDocument::setAnswer, so
// each is an undo step written to the project file; the form only shows what
// the document holds and follows it through undo and redo. Typing in a text
// question is written after a pause (QuestionCard), and before the form
// leaves its document, so another task, a closed window or Escape never
// lose it.
class QuestionForm : public QWidget {
    Q_OBJECT
public:
    explicit QuestionForm(QWidget* parent = nullptr);
    ~QuestionForm() override;

    // Shows the questions for the document's task kind; nullptr clears.
    // Calling it again with the same document picks up a changed schema.
    void setDocument(TaskDocument* document);
    TaskDocument* document() const;
    // true: answers take the "answers-alt" keys (Alt+digit), because the
    // editor uses the bare digits for its labels; false: the bare digits.
    void setLabelsTakeDigits(bool labelsTakeDigits);
    bool labelsTakeDigits() const { return m_labelsTakeDigits; }

    int questionCount() const { return int(m_cards.size()); }
    // Index in the shown list, -1 when there are no questions.
    int activeQuestion() const { return m_active; }
    void setActiveQuestion(int index);
    // Writes what was typed into text questions and not written yet; for
    // actions that read the document right away (submit, skip).
    void commitTyping();

    QSize sizeHint() const override;

Q_SIGNALS:
    void allRequiredAnswered(bool answered);
    void activeQuestionChanged(int index);

private:
    void createActions();
    void rebuild();
    void refresh();
    void updateActions();
    void updateKeyHints();
    void answerWithChoice(int choice);
    void pick(int index, int choice, bool fromKeyboard);
    void typeAnswer(int index, const QString& text);
    void moveActive(int delta);
    void editActive();
    void clearActive();
    void giveFocusBack();
    QJsonValue storedAnswer(const QString& name) const;

    QPointer<TaskDocument> m_document;
    QMetaObject::Connection m_changedConnection;
    QMetaObject::Connection m_destroyedConnection;
    QList<Question> m_questions;
    QList<QuestionCard*> m_cards;
    int m_active = -1;
    bool m_labelsTakeDigits = false;
    std::optional<bool> m_lastAllAnswered;
    QPointer<QWidget> m_returnFocus;

    QLabel* m_keysLine = nullptr;
    QLabel* m_empty = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    QVBoxLayout* m_list = nullptr;
    QList<QAction*> m_digitActions;     // answer.1 .. answer.10
    QList<QAction*> m_altDigitActions;  // answer.alt.1 .. answer.alt.10
    QList<QAction*> m_questionActions;  // next, previous, edit, clear
};

}  // namespace postil
