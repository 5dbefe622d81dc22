#pragma once

#include <QWidget>

class QLabel;
class QTextEdit;

namespace postil {

// Two texts as one inline word diff: deleted words struck through on red,
// inserted words on green, with a legend naming which side is which. Used for
// "diff of two responses" and "rewrite vs the chosen response".
class WordDiffView : public QWidget {
    Q_OBJECT
public:
    explicit WordDiffView(QWidget* parent = nullptr);

    // left is the "before" side (its words show as deleted), right the
    // "after" side (its words show as inserted).
    void setTexts(const QString& left, const QString& right, const QString& leftTitle,
                  const QString& rightTitle);

    // For tests: the view, and how many words were deleted / inserted.
    QTextEdit* textView() const { return m_view; }
    int deletedWords() const { return m_deletedWords; }
    int insertedWords() const { return m_insertedWords; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    QLabel* m_leftLegend;
    QLabel* m_rightLegend;
    QLabel* m_summary;
    QTextEdit* m_view;
    QString m_left;
    QString m_right;
    int m_deletedWords = 0;
    int m_insertedWords = 0;
};

}  // namespace postil
