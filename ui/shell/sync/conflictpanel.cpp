#include "shell/sync/conflictpanel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include "model/boxresult.h"
#include "model/comparisonresult.h"
#include "model/hlc.h"
#include "model/project.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"
#include "widgets/counted.h"

namespace postil {

namespace {

QString answerText(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? ConflictPanel::tr("yes") : ConflictPanel::tr("no");
    if (value.isDouble())
        return QLocale().toString(value.toDouble());
    if (value.isArray()) {
        QStringList items;
        for (const QJsonValue& v : value.toArray())
            items << answerText(v);
        return items.join(QStringLiteral(" + "));
    }
    QString text = value.toString();
    return text.size() > 24 ? text.left(23) + QStringLiteral("…") : text;
}

}  // namespace

ConflictPanel::ConflictPanel(QWidget* parent)
    : QFrame(parent),
      m_title(new QLabel(this)),
      m_rows(new QVBoxLayout),
      m_rowsHolder(new QWidget(this)) {
    setObjectName(QStringLiteral("conflictPanel"));
    // The same warm banner as the read-only one: it asks for a decision.
    setStyleSheet(
        QStringLiteral("#conflictPanel { background: #fff3cd; border-bottom: 1px solid "
                       "#e0c46c; } #conflictPanel QLabel { color: #5c4400; }"));
    m_title->setObjectName(QStringLiteral("conflictTitle"));
    m_title->setWordWrap(true);
    m_rowsHolder->setLayout(m_rows);
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setSpacing(2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_rowsHolder);
    hide();
}

void ConflictPanel::clear() {
    m_conflicts.clear();
    m_task = Task();
    rebuild(false);
}

void ConflictPanel::showTask(Project* project, const Task& task) {
    m_task = task;
    m_conflicts = project ? conflictsOfTask(*project, task.uid) : QList<Conflict>();
    rebuild(project && !project->isReadOnly());
}

QString ConflictPanel::summary(const Task& task, const Annotation& version) {
    if (version.deleted)
        return tr("deleted");
    const QJsonObject& r = version.result;
    QStringList parts;
    switch (task.kind) {
        case TaskKind::Image:
            parts << counted(boxresult::read(r).size(), tr("1 box"), tr("%1 boxes"));
            break;
        case TaskKind::Text: {
            const TextAnnotation text = spanresult::read(r);
            parts << counted(text.spans.size(), tr("1 span"), tr("%1 spans"));
            if (!text.relations.isEmpty())
                parts << counted(text.relations.size(), tr("1 relation"), tr("%1 relations"));
            break;
        }
        case TaskKind::Audio:
            parts << counted(segmentresult::read(r).size(), tr("1 segment"), tr("%1 segments"));
            break;
        case TaskKind::Compare: {
            const int responses =
                int(task.data.value(QStringLiteral("responses")).toArray().size());
            const ComparisonResult c = ComparisonResult::read(r, responses);
            if (c.preference())
                parts << tr("preference %1").arg(*c.preference());
            if (c.isBothBad())
                parts << tr("both bad");
            if (!c.ranking().isEmpty())
                parts << tr("ranked");
            if (!c.rubric().isEmpty())
                parts << counted(c.rubric().size(), tr("1 rubric dimension"),
                                 tr("%1 rubric dimensions"));
            if (!c.flags().isEmpty())
                parts << counted(c.flags().size(), tr("1 flag"), tr("%1 flags"));
            if (!c.critique().isEmpty())
                parts << counted(c.critique().size(), tr("critique of 1 character"),
                                 tr("critique of %1 characters"));
            if (c.rewrite())
                parts << tr("rewrite");
            if (parts.isEmpty())
                parts << tr("no verdict");
            break;
        }
    }
    const QJsonObject answers = r.value(QStringLiteral("answers")).toObject();
    if (!answers.isEmpty()) {
        QStringList shown;
        for (auto it = answers.begin(); it != answers.end() && shown.size() < 4; ++it)
            shown << QStringLiteral("%1 = %2").arg(it.key(), answerText(it.value()));
        if (answers.size() > shown.size())
            shown << QStringLiteral("…");
        parts << tr("answers: %1").arg(shown.join(QStringLiteral(", ")));
    }
    if (version.status == AnnotationStatus::Skipped && !version.skipReason.isEmpty())
        parts << tr("skipped: %1").arg(version.skipReason);
    return parts.join(QStringLiteral("; "));
}

QString ConflictPanel::versionLine(const Annotation& version, bool live) {
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(HybridClock::millis(version.hlc));
    return tr("%1 · %2 · %3 · device %4 · %5")
        .arg(version.annotator, live ? tr("live") : tr("kept"), toString(version.status),
             version.device.left(8), QLocale().toString(when, QLocale::ShortFormat));
}

void ConflictPanel::rebuild(bool writable) {
    while (QLayoutItem* item = m_rows->takeAt(0)) {
        if (QWidget* w = item->widget())
            w->deleteLater();
        delete item;
    }
    if (m_conflicts.isEmpty()) {
        hide();
        return;
    }
    QStringList who;
    for (const Conflict& c : std::as_const(m_conflicts))
        who << c.live.annotator;
    m_title->setText(
        tr("<b>⚠ Conflict:</b> %1 changed this task on two devices apart. Every version is "
           "kept; take the one that should count (the others are then dropped everywhere this "
           "is merged).")
            .arg(who.join(QStringLiteral(", ")).toHtmlEscaped()));
    auto addRow = [&](const Annotation& version, bool live) {
        auto* row = new QWidget(m_rowsHolder);
        row->setObjectName(live ? QStringLiteral("liveVersion") : QStringLiteral("keptVersion"));
        auto* line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        auto* text = new QLabel(QStringLiteral("<b>%1</b><br>%2")
                                    .arg(versionLine(version, live).toHtmlEscaped(),
                                         summary(m_task, version).toHtmlEscaped()),
                                row);
        text->setObjectName(QStringLiteral("versionText"));
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* take = new QPushButton(tr("Take This Version"), row);
        take->setObjectName(QStringLiteral("take"));
        take->setEnabled(writable);
        take->setToolTip(
            tr("Make this version the answer of %1 and drop the others").arg(version.annotator));
        connect(take, &QPushButton::clicked, this,
                [this, annotator = version.annotator, hlc = version.hlc, device = version.device] {
                    Q_EMIT takeRequested(annotator, hlc, device);
                });
        line->addWidget(text, 1);
        line->addWidget(take, 0, Qt::AlignVCenter);
        m_rows->addWidget(row);
    };
    for (const Conflict& c : std::as_const(m_conflicts)) {
        addRow(c.live, true);
        for (const Annotation& kept : c.kept)
            addRow(kept, false);
    }
    show();
}

}  // namespace postil
