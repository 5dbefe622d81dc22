#pragma once

#include <QSplitter>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace postil {

class CritiquePanel;
class FlagPanel;
class OptionChip;
class RankingList;
class RewritePanel;
class RubricGrid;

// The column to the right of the responses: the ranking (more than two
// responses), the rubric grid with the current dimension's description, the
// flags, the critique and (on demand) the rewrite, each a section of a
// vertical splitter. Only layout: the editor wires the parts to the document.
class CompareSidePanel : public QSplitter {
    Q_OBJECT
public:
    explicit CompareSidePanel(QWidget* parent = nullptr);

    RankingList* ranking() const { return m_ranking; }
    OptionChip* allBadChip() const { return m_allBad; }
    RubricGrid* rubric() const { return m_rubric; }
    QLabel* rubricDescription() const { return m_rubricDescription; }
    FlagPanel* flags() const { return m_flags; }
    QToolButton* flagButton() const { return m_flagButton; }
    CritiquePanel* critique() const { return m_critique; }
    RewritePanel* rewrite() const { return m_rewrite; }

    void setRankingShown(bool shown);
    void setRubricShown(bool shown);
    void setRewriteShown(bool shown);
    bool isRewriteShown() const;
    // Section titles carry their keys ("Rubric  G").
    void setKeyHints(const QString& rankingKey, const QString& rubricKey);

private:
    QWidget* section(const QString& title, QLabel** titleLabel, QHBoxLayout** headerLayout);

    QWidget* m_rankingSection;
    QWidget* m_rubricSection;
    QWidget* m_flagSection;
    QLabel* m_rankingTitle = nullptr;
    QLabel* m_rubricTitle = nullptr;
    QLabel* m_flagTitle = nullptr;
    QHBoxLayout* m_flagHeader = nullptr;
    RankingList* m_ranking;
    OptionChip* m_allBad;
    RubricGrid* m_rubric;
    QLabel* m_rubricDescription;
    FlagPanel* m_flags;
    QToolButton* m_flagButton;
    CritiquePanel* m_critique;
    RewritePanel* m_rewrite;
};

}  // namespace postil
