#pragma once

#include <QStringList>
#include <QWidget>
#include <optional>

class QComboBox;
class QPlainTextEdit;
class QSplitter;
class QToolButton;

namespace postil {

class TextDebouncer;
class WordDiffView;

// "Rewrite the ideal response": an editor prefilled from a chosen response
// (A, B…; the preferred one by default), written through a TextDebouncer like
// the critique, with a word diff of the rewrite against that response on
// demand. Until the annotator edits, the prefill is only shown, not stored.
class RewritePanel : public QWidget {
    Q_OBJECT
public:
    explicit RewritePanel(QWidget* parent = nullptr);

    // The responses' texts in the order shown; a new task.
    void setResponses(const QStringList& texts);
    // Which response the rewrite starts from (shown index).
    void setBase(int shown);
    int base() const;
    // nullopt: no rewrite stored yet (the base response is shown as a start).
    void showStored(const std::optional<QString>& rewrite);
    bool isPrefilled() const { return m_prefilled; }

    void setDiffShown(bool shown);
    bool isDiffShown() const;
    QPlainTextEdit* editor() const { return m_edit; }
    TextDebouncer* debouncer() const { return m_debouncer; }
    WordDiffView* diffView() const { return m_diff; }

Q_SIGNALS:
    void commit(const QString& rewrite);
    void leaveRequested();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void apply();
    void prefill();
    void updateDiff();

    QComboBox* m_baseCombo;
    QToolButton* m_startOver;
    QToolButton* m_diffToggle;
    QSplitter* m_split;
    QPlainTextEdit* m_edit;
    WordDiffView* m_diff;
    TextDebouncer* m_debouncer;
    QStringList m_texts;
    std::optional<QString> m_stored;  // the document's rewrite, applied when shown
    bool m_prefilled = false;
    bool m_baseChosen = false;  // the annotator picked the base for this task
    // What the diff shows, so a document change that touched neither side
    // does not recompute it.
    int m_diffBase = -1;
    QString m_diffLeft;
    QString m_diffRight;
};

}  // namespace postil
