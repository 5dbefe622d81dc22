#pragma once

#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <QWidget>
#include <optional>

class QHBoxLayout;
class QLabel;
class QScrollArea;
class QStackedWidget;

namespace postil {

class ResponseView;
class WordDiffView;

// The responses side by side, in the order shown: equal columns that fill
// the width down to a minimum that lets three fit a laptop screen, past which
// they scroll sideways with a cue under them naming how many are out of sight
// on each side. Views are kept and reused from task to task, so
// switching tasks only replaces their text. Also: raw/rendered for all,
// proportional synchronised scrolling, and a word diff of two responses (the
// current one and the next) in place of the columns.
class ResponseColumns : public QWidget {
    Q_OBJECT
public:
    explicit ResponseColumns(QWidget* parent = nullptr);

    void setResponses(const QList<QJsonValue>& contents, const QStringList& titles);
    int count() const { return m_count; }
    ResponseView* view(int shown) const;
    // The response the annotator works in: focused last, or stepped to.
    int current() const { return m_current; }
    void setCurrent(int shown, bool giveFocus);
    void step(int delta);

    void setRendered(bool rendered);
    bool isRendered() const { return m_rendered; }
    void setSyncScroll(bool sync);
    bool syncScroll() const { return m_sync; }
    void setDiffShown(bool shown);
    bool isDiffShown() const { return m_diffShown; }
    WordDiffView* diffView() const { return m_diff; }
    // "← 1 more · 2 more →": responses out of sight sideways; hidden when all fit.
    QLabel* moreCue() const { return m_moreCue; }
    // The pair the diff shows (shown indexes).
    std::pair<int, int> diffPair() const;

    struct Selection {
        int shown = -1;
        int start = 0;  // code points
        int end = 0;
    };
    // Selected text: in the current response, else in the one selected in last.
    std::optional<Selection> selection() const;

Q_SIGNALS:
    void currentChanged(int shown);
    void markClicked(int shown, int mark);
    void contextMenuRequested(int shown, const QPoint& globalPos);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    ResponseView* addView();
    void syncFrom(int shown);
    void updateDiff();
    void updateMoreCue();

    QStackedWidget* m_stack;
    QScrollArea* m_scroll;
    QWidget* m_row;
    QHBoxLayout* m_rowLayout;
    WordDiffView* m_diff;
    QLabel* m_moreCue;
    QList<ResponseView*> m_views;  // the first m_count are in use
    int m_count = 0;
    int m_current = 0;
    int m_lastSelected = -1;
    bool m_rendered = true;
    bool m_sync = false;
    bool m_syncing = false;
    bool m_diffShown = false;
    std::pair<int, int> m_diffShowing{-1, -1};
};

}  // namespace postil
