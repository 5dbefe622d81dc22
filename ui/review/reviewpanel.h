#pragma once

#include <QWidget>

#include "model/task.h"
#include "review/review.h"

class QBoxLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QSplitter;
class QTextBrowser;

namespace postil {

class BoxesOverlay;
class Project;

// The lead's review of the open task (docs/architecture.md "Review"): every
// annotator's answer side by side (BoxesOverlay for boxes, answerHtml for the
// rest), the review already made, and what the lead can do with the answer
// chosen in the list:
//   Accept                the answer is the task's answer
//   Start from it         copies it into the lead's own answer to edit in the
//                         editor; then
//   Save my edit as fix   the lead's edited answer becomes the review (fixed)
//   Reject… / Return…     with a note; returned tasks go out in the next pack
// Every action writes one review row (review/review.h).
class ReviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit ReviewPanel(QWidget* parent = nullptr);
    void setProject(Project* project);
    void showTask(const Task& task);
    void refresh();
    // Side by side (a dock under the editor) or stacked (a dock beside it).
    void setWide(bool wide);
    QString summaryText() const;  // for tests: what the header says

    // The buttons, for tests driving them.
    QListWidget* answerList() const { return m_list; }
    QPushButton* acceptButton() const { return m_accept; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* fixButton() const { return m_fix; }
    QPushButton* rejectButton() const { return m_reject; }
    QPushButton* returnButton() const { return m_return; }

Q_SIGNALS:
    // A review was written (the task list's marks change).
    void reviewed();
    // The lead's own answer changed under the open editor: reopen the task.
    void reloadTaskRequested();
    void failed(const QString& message);

private:
    const Annotation* chosen() const;
    void review(ReviewOutcome outcome);
    void startFromChosen();
    QString askNote(const QString& title);

    Project* m_project = nullptr;
    Task m_task;
    TaskAnswers m_answers;
    QBoxLayout* m_layout = nullptr;
    QSplitter* m_views = nullptr;
    QLabel* m_summary;
    BoxesOverlay* m_boxes;
    QTextBrowser* m_html;
    QListWidget* m_list;
    QPushButton* m_accept;
    QPushButton* m_start;
    QPushButton* m_fix;
    QPushButton* m_reject;
    QPushButton* m_return;
};

}  // namespace postil
