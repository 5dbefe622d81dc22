#include "shell/sync/taskpickbox.h"

#include <QSignalBlocker>

#include "model/project.h"

namespace postil {

namespace {
// Item data: the kind, and for ByAnnotator the name in the second role.
constexpr int kNameRole = Qt::UserRole + 1;
}  // namespace

TaskPickBox::TaskPickBox(QWidget* parent) : QComboBox(parent) {
    setObjectName(QStringLiteral("taskPick"));
    setToolTip(
        tr("Show tasks by everyone's answers: conflicts to settle, disagreements, "
           "reviews, or one annotator's tasks"));
    fill({});
    connect(this, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT picked(pick()); });
}

void TaskPickBox::fill(const QStringList& annotators) {
    const QSignalBlocker blocker(this);
    clear();
    using K = TaskPick::Kind;
    const std::pair<QString, K> fixed[] = {{tr("Every task"), K::Every},
                                           {tr("Conflicts"), K::Conflicts},
                                           {tr("Disagreements"), K::Disagreements},
                                           {tr("Reviewed"), K::Reviewed},
                                           {tr("Not reviewed"), K::NotReviewed}};
    for (const auto& [text, kind] : fixed)
        addItem(text, int(kind));
    if (!annotators.isEmpty())
        insertSeparator(count());
    for (const QString& name : annotators) {
        addItem(tr("By %1").arg(name), int(K::ByAnnotator));
        setItemData(count() - 1, name, kNameRole);
    }
}

void TaskPickBox::setProject(Project* project) {
    const TaskPick kept = pick();
    QStringList names;
    if (project)
        if (auto listed = annotatorNames(project->database()); listed.ok())
            names = *listed;
    fill(names);
    const QSignalBlocker blocker(this);
    setCurrentIndex(0);
    for (int i = 0; i < count(); ++i)
        if (itemData(i).isValid() && TaskPick::Kind(itemData(i).toInt()) == kept.kind &&
            itemData(i, kNameRole).toString() == kept.annotator)
            setCurrentIndex(i);
}

TaskPick TaskPickBox::pick() const {
    TaskPick p;
    const int i = currentIndex();
    if (i < 0 || !itemData(i).isValid())
        return p;
    p.kind = TaskPick::Kind(itemData(i).toInt());
    p.annotator = itemData(i, kNameRole).toString();
    return p;
}

void TaskPickBox::setPick(const TaskPick& wanted) {
    for (int i = 0; i < count(); ++i)
        if (itemData(i).isValid() && TaskPick::Kind(itemData(i).toInt()) == wanted.kind &&
            itemData(i, kNameRole).toString() == wanted.annotator) {
            setCurrentIndex(i);
            return;
        }
    setCurrentIndex(0);
}

}  // namespace postil
