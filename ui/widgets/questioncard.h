#pragma once

#include <QFrame>
#include <QJsonValue>
#include <QList>

#include "model/schema.h"

class QLabel;
class QPlainTextEdit;

namespace postil {

class OptionChip;
class TextDebouncer;

// One question of the form: its name (marked when required), the description
// under it, and either a row of option chips or a small text field. The card
// only shows the answer it is given; picks and typing go out as signals and
// come back through setAnswer() once the document has stored them. Typing goes
// out through a TextDebouncer: a pause, Escape, focus leaving the field, a
// shortcut with a modifier or flushTyping() sends it, not each keystroke.
class QuestionCard : public QFrame {
    Q_OBJECT
public:
    explicit QuestionCard(const Question& question, QWidget* parent = nullptr);

    const Question& question() const { return m_question; }
    void setAnswer(const QJsonValue& value);
    QJsonValue answer() const { return m_answer; }
    void setActive(bool active);
    bool isActive() const { return m_active; }
    // The key shown on each chip, in choice order.
    void setKeyHints(const QStringList& hints);
    // The text field of a text question, else nullptr.
    QPlainTextEdit* textEdit() const { return m_text; }
    QList<OptionChip*> chips() const { return m_chips; }
    // Sends what was typed and not sent yet (as textEdited), now.
    void flushTyping();
    bool isTypingPending() const;

Q_SIGNALS:
    void picked(int choice);
    // What the text field holds, after typing (debounced).
    void textEdited(const QString& text);
    // Escape in the text field, after what was typed went out.
    void leaveRequested();
    // The annotator clicked into the card or its text field.
    void activated();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateHeader();
    QString typeHint() const;

    Question m_question;
    QJsonValue m_answer;
    bool m_active = false;
    QLabel* m_title = nullptr;
    QLabel* m_hint = nullptr;
    QList<OptionChip*> m_chips;
    QPlainTextEdit* m_text = nullptr;
    TextDebouncer* m_debouncer = nullptr;
};

}  // namespace postil
