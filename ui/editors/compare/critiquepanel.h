#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace postil {

class TextDebouncer;

// The critique: a plain Markdown editor with a live character count. With a
// minimum set by the schema the count reads "n / min", in red until reached
// (submitting is refused below it, see TaskDocument::missingRequiredAnswers).
// Typing is written through a TextDebouncer as commit().
class CritiquePanel : public QWidget {
    Q_OBJECT
public:
    explicit CritiquePanel(QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_edit; }
    TextDebouncer* debouncer() const { return m_debouncer; }
    void setMinChars(int minChars);
    void showStored(const QString& critique);
    // Characters as the submit check counts them: code points, trimmed.
    int characterCount() const { return m_count; }
    QString countText() const;

Q_SIGNALS:
    void commit(const QString& critique);
    // Escape in the editor: give the keyboard back to the responses.
    void leaveRequested();

private:
    void updateCount();

    QPlainTextEdit* m_edit;
    TextDebouncer* m_debouncer;
    QLabel* m_countLabel;
    int m_minChars = 0;
    int m_count = 0;
};

}  // namespace postil
