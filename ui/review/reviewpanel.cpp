#include "review/reviewpanel.h"

#include <QBoxLayout>
#include <QDateTime>
#include <QGridLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "model/hlc.h"
#include "model/project.h"
#include "review/answerhtml.h"
#include "review/boxesoverlay.h"

namespace postil {

ReviewPanel::ReviewPanel(QWidget* parent)
    : QWidget(parent),
      m_summary(new QLabel(this)),
      m_boxes(new BoxesOverlay(this)),
      m_html(new QTextBrowser(this)),
      m_list(new QListWidget(this)),
      m_accept(new QPushButton(tr("&Accept"), this)),
      m_start(new QPushButton(tr("&Start from it"), this)),
      m_fix(new QPushButton(tr("Save my edit as &fix"), this)),
      m_reject(new QPushButton(tr("Re&ject…"), this)),
      m_return(new QPushButton(tr("Re&turn…"), this)) {
    setObjectName(QStringLiteral("reviewPanel"));
    m_summary->setWordWrap(true);
    m_html->setOpenLinks(false);
    m_accept->setToolTip(tr("The chosen answer is the task's answer"));
    m_start->setToolTip(tr("Copy the chosen answer into your own, to edit it in the editor"));
    m_fix->setToolTip(tr("Your edited answer becomes the task's answer (a fix of the chosen one)"));
    m_reject->setToolTip(tr("No answer is right: say why"));
    m_return->setToolTip(
        tr("Send the task back to its annotator in the next pack (pack-out --tasks returned)"));
    auto* buttons = new QGridLayout;
    buttons->addWidget(m_accept, 0, 0);
    buttons->addWidget(m_start, 0, 1);
    buttons->addWidget(m_fix, 0, 2);
    buttons->addWidget(m_reject, 1, 0);
    buttons->addWidget(m_return, 1, 1);
    m_views = new QSplitter(Qt::Vertical, this);
    m_views->addWidget(m_boxes);
    m_views->addWidget(m_html);
    // Small minimums: under the editor on a 768-pixel screen the panel has
    // about a third of the height, and it must not push the window taller.
    m_boxes->setMinimumHeight(80);
    m_html->setMinimumHeight(60);
    m_list->setMinimumHeight(50);
    // Answers on one side, the choice and its buttons on the other: side by
    // side under the editor (the dock's place by default, so the editor keeps
    // its width on a laptop screen), one above the other in a side dock.
    auto* shown = new QVBoxLayout;
    shown->addWidget(m_summary);
    shown->addWidget(m_views, 1);
    auto* choice = new QVBoxLayout;
    choice->addWidget(new QLabel(tr("Answer:"), this));
    choice->addWidget(m_list, 1);
    choice->addLayout(buttons);
    m_layout = new QBoxLayout(QBoxLayout::LeftToRight, this);
    m_layout->addLayout(shown, 3);
    m_layout->addLayout(choice, 2);
    setWide(true);

    connect(m_accept, &QPushButton::clicked, this, [this] { review(ReviewOutcome::Accepted); });
    connect(m_fix, &QPushButton::clicked, this, [this] { review(ReviewOutcome::Fixed); });
    connect(m_reject, &QPushButton::clicked, this, [this] { review(ReviewOutcome::Rejected); });
    connect(m_return, &QPushButton::clicked, this, [this] { review(ReviewOutcome::Returned); });
    connect(m_start, &QPushButton::clicked, this, &ReviewPanel::startFromChosen);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const bool any = chosen() != nullptr;
        for (QPushButton* b : {m_accept, m_start, m_fix, m_reject, m_return})
            b->setEnabled(any && m_project && !m_project->isReadOnly());
    });
}

void ReviewPanel::setWide(bool wide) {
    m_layout->setDirection(wide ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    // The image beside the answers when wide, above them when stacked.
    m_views->setOrientation(wide ? Qt::Horizontal : Qt::Vertical);
}

void ReviewPanel::setProject(Project* project) {
    m_project = project;
    m_task = Task();
    refresh();
}

void ReviewPanel::showTask(const Task& task) {
    m_task = task;
    refresh();
}

QString ReviewPanel::summaryText() const {
    return m_summary->text();
}

void ReviewPanel::refresh() {
    m_list->clear();
    if (!m_project || m_task.uid.isEmpty()) {
        m_summary->setText(tr("Open a task to review its answers."));
        m_html->clear();
        m_boxes->hide();
        return;
    }
    m_answers = answersOf(*m_project, m_task.uid);
    QString summary = tr("%1: %2").arg(
        Task::describe(m_task.id, m_task.uid, m_task.mediaPath()),
        m_answers.answers.isEmpty()     ? tr("no answers yet")
        : m_answers.answers.size() == 1 ? tr("one answer")
        : m_answers.disagree() ? tr("%1 answers, and they differ").arg(m_answers.answers.size())
                               : tr("%1 answers, all the same").arg(m_answers.answers.size()));
    for (const Annotation& r : m_answers.reviews) {
        QString whose;
        for (const Annotation& a : m_answers.answers)
            if (a.uid == r.reviewOf)
                whose = a.annotator;
        summary += QStringLiteral("\n") +
                   tr("Reviewed by %1: %2%3%4")
                       .arg(r.annotator.mid(QStringLiteral("review:").size()), r.reviewOutcome,
                            whose.isEmpty() ? QString() : tr(" (%1's answer)").arg(whose),
                            r.result.contains(QStringLiteral("review_note"))
                                ? QStringLiteral(": ") +
                                      r.result.value(QStringLiteral("review_note")).toString()
                                : QString());
    }
    m_summary->setText(summary);
    for (const Annotation& a : m_answers.answers) {
        const QString when = QDateTime::fromMSecsSinceEpoch(HybridClock::millis(a.hlc))
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        m_list->addItem(tr("%1 — %2, %3").arg(a.annotator, toString(a.status), when));
    }
    if (m_task.kind == TaskKind::Image) {
        Statement size = m_project->database().statement(
            QStringLiteral("SELECT width, height FROM media WHERE hash = ?"));
        size.bind(1, m_task.mediaHash);
        const QSize imageSize = size.next() && !size.isNull(0)
                                    ? QSize(int(size.int64(0)), int(size.int64(1)))
                                    : QSize();
        m_boxes->show(m_project->absoluteMediaPath(m_task.mediaPath()), imageSize,
                      m_answers.answers);
        m_boxes->setVisible(true);
    } else {
        m_boxes->hide();
    }
    m_html->setHtml(answersHtml(m_task, m_project->schema(), m_answers.answers));
    m_list->setCurrentRow(m_answers.answers.isEmpty() ? -1 : 0);
    Q_EMIT m_list->currentRowChanged(m_list->currentRow());
}

const Annotation* ReviewPanel::chosen() const {
    const int row = m_list->currentRow();
    return row >= 0 && row < m_answers.answers.size() ? &m_answers.answers[row] : nullptr;
}

QString ReviewPanel::askNote(const QString& title) {
    bool ok = false;
    const QString note = QInputDialog::getText(this, title, tr("Note for the annotator:"),
                                               QLineEdit::Normal, QString(), &ok);
    return ok ? note : QString(QChar(0));
}

void ReviewPanel::review(ReviewOutcome outcome) {
    const Annotation* answer = chosen();
    if (!m_project || !answer)
        return;
    QJsonObject result;
    QString note;
    if (outcome == ReviewOutcome::Fixed) {
        auto own = m_project->annotations().get(m_task.uid, m_project->annotator());
        if (!own || own->deleted) {
            Q_EMIT failed(
                tr("You have no answer of your own to this task yet: press “Start "
                   "from it”, edit the answer in the editor, then save it as the fix."));
            return;
        }
        result = own->result;
    } else if (outcome == ReviewOutcome::Rejected || outcome == ReviewOutcome::Returned) {
        note = askNote(outcome == ReviewOutcome::Rejected ? tr("Reject") : tr("Return"));
        if (note == QString(QChar(0)))
            return;  // cancelled
    }
    Status written = writeReview(*m_project, *answer, outcome, result, note);
    if (!written.ok()) {
        Q_EMIT failed(written.error());
        return;
    }
    refresh();
    Q_EMIT reviewed();
}

void ReviewPanel::startFromChosen() {
    const Annotation* answer = chosen();
    if (!m_project || !answer)
        return;
    Annotation own;
    if (auto stored = m_project->annotations().get(m_task.uid, m_project->annotator()))
        own = *stored;
    own.taskUid = m_task.uid;
    own.annotator = m_project->annotator();
    own.status = AnnotationStatus::Draft;
    own.result = answer->result;
    own.result.remove(QStringLiteral("active_ms"));
    own.deleted = false;
    Status written = m_project->saveAnnotation(own);
    if (!written.ok()) {
        Q_EMIT failed(written.error());
        return;
    }
    Q_EMIT reloadTaskRequested();
    refresh();
}

}  // namespace postil
