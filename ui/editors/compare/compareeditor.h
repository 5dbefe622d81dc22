#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <optional>

#include "editors/taskeditor.h"
#include "keys/keymap.h"
#include "model/annotation.h"
#include "model/comparisonresult.h"

class QAction;
class QMenu;
class QSplitter;
class QToolButton;

namespace postil {

class ActivityTracker;
class CompareSidePanel;
class GoldBanner;
class JudgePanel;
class ResponseColumns;
class ResponseView;
class VerdictBar;

// The comparison editor, the evaluator's workbench: the prompt on top, the
// responses side by side under blind letters in a per-annotator shuffled
// order, the verdict (a 7-point scale and "both are bad" for two responses, a
// ranking with ties for more), a rubric grid, span flags inside responses,
// the critique and an optional rewrite. Every edit is one command on the
// TaskDocument (written before it returns; typing is debounced), stored in
// canonical response indexes with the order shown; the view follows the
// document through undo and redo.
class CompareEditor : public TaskEditor {
    Q_OBJECT
public:
    explicit CompareEditor(QObject* parent = nullptr);
    ~CompareEditor() override;

    TaskKind kind() const override { return TaskKind::Compare; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;
    // Its keys, registered with it (comparekeys.cpp).
    static Keymap::EditorKeys keyTable();
    QList<QPair<QString, QString>> shortcutHelp() const override;
    void focusEditor() override;

    // The parts, for tests.
    QList<int> order() const { return m_order; }
    ResponseView* promptView() const { return m_prompt; }
    ResponseColumns* columns() const { return m_columns; }
    VerdictBar* verdictBar() const { return m_verdict; }
    CompareSidePanel* sidePanel() const { return m_side; }
    GoldBanner* goldBanner() const { return m_gold; }
    JudgePanel* judgePanel() const { return m_judge; }
    ActivityTracker* activityTracker() const { return m_tracker; }
    QAction* action(const QString& id) const { return m_actions.value(id); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    void createActions();
    QAction* makeAction(const QString& id);
    void updateKeyHints();
    void loadTask();
    void refresh();
    void refreshFlags(const QList<CompareFlag>& flags);
    void fitPromptHeight();

    // The document's result read through the one codec (model/comparisonresult).
    ComparisonResult storedResult() const;
    // The stored order, else this annotator's blind shuffle.
    QList<int> orderOf(const ComparisonResult& result) const;

    // Edits: each is one command on the document.
    ComparisonResult editableResult();
    void commit(const ComparisonResult& result, const QString& text);
    void pickVerdict(int shown);
    void toggleBothBad();
    void clearPreference();
    void editRanking(const QList<QList<int>>& shownRanking);
    void editScore(int row, int shown, std::optional<int> score);
    void flagSelection(int labelIndex, bool thenComment);
    void removeFlag(int index);
    void editFlagComment(int index, const QString& comment);
    void revealFlag(int index);
    void commitCritique(const QString& text);
    void commitRewrite(const QString& text);
    void flushTyping();
    void toggleRewrite();

    void fillLabelMenu(QMenu* menu, bool thenComment);
    void showContextMenu(int shown, const QPoint& globalPos);
    int canonical(int shown) const { return m_order.value(shown, shown); }
    int shownOf(int canonicalIndex) const;
    int preferredShown() const;
    QString responseTitle(int shown) const;

    QPointer<QWidget> m_widget;
    GoldBanner* m_gold = nullptr;
    JudgePanel* m_judge = nullptr;
    QSplitter* m_mainSplit = nullptr;
    QSplitter* m_promptSplit = nullptr;
    ResponseView* m_prompt = nullptr;
    ResponseColumns* m_columns = nullptr;
    VerdictBar* m_verdict = nullptr;
    CompareSidePanel* m_side = nullptr;
    QMenu* m_flagMenu = nullptr;
    ActivityTracker* m_tracker = nullptr;
    QHash<QString, QAction*> m_actions;
    QList<QToolButton*> m_toolButtons;

    QPointer<TaskDocument> m_document;
    QMetaObject::Connection m_changedConnection;
    QList<int> m_order;  // canonical index per position shown
    int m_count = 0;
    QList<CompareFlag> m_shownFlags;
    bool m_flagsShown = false;      // m_shownFlags are on screen for this task
    QList<QList<int>> m_markFlags;  // per response shown: flag index of each mark
    bool m_userSizedPrompt = false;
    // Whether the task was submitted while on screen: its gold feedback then
    // goes on to the next task (see GoldBanner::leave).
    AnnotationStatus m_shownStatus = AnnotationStatus::Draft;
    bool m_submittedHere = false;
};

}  // namespace postil
