#pragma once

#include <QObject>
#include <QTimer>

class QPlainTextEdit;

namespace postil {

// Writes what is typed into a text editor to the document without stalling
// the typing: the text lives in the editor, and commit() goes out 300 ms after
// the last keystroke, and at most 900 ms after the first unsaved one, so
// typing is on disk within a second. Focus leaving the editor, and any shortcut with
// a modifier (undo, submit, next task…), commit first, so those act on what
// was typed. The editor's own undo is off: the document's undo (the shell's
// Ctrl+Z) covers the text like every other edit, and its key goes through.
// Shared by the comparison editor's critique and rewrite and the question
// form's text answers.
class TextDebouncer : public QObject {
    Q_OBJECT
public:
    TextDebouncer(QPlainTextEdit* edit, QObject* parent = nullptr);

    void setDelays(int quietMs, int maxDelayMs);
    // Shows the stored text (a new task, undo, redo) without committing it
    // back. Ignored while a typed edit is pending: that edit is newer.
    void showStored(const QString& text);
    // Puts text in the editor as if typed (a "start over" button).
    void replaceText(const QString& text);
    bool isPending() const { return m_pending; }
    // Commits now when an edit is pending.
    void flush();
    // Forgets a pending edit (its document is gone).
    void discard();

Q_SIGNALS:
    void commit(const QString& text);
    // Every change of the editor's text, typed or shown.
    void textChanged();
    // Escape was pressed in the editor (after a flush).
    void leaveRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void typed();

    QPlainTextEdit* m_edit;
    QTimer m_quiet;
    QTimer m_deadline;
    bool m_pending = false;
    bool m_showing = false;
};

}  // namespace postil
