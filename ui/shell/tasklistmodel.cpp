#include "shell/tasklistmodel.h"

#include <QColor>
#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <optional>

#include "assist/assistmodel.h"
#include "model/project.h"
#include "model/task.h"
#include "widgets/counted.h"

namespace postil {

namespace {

constexpr int kTooltipChars = 1200;

QString contentText(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    QStringList lines;
    for (const QJsonValue& message : value.toArray()) {
        const QJsonObject m = message.toObject();
        lines << m.value(QStringLiteral("role")).toString() + QStringLiteral(": ") +
                     m.value(QStringLiteral("content")).toString();
    }
    return lines.join(QLatin1Char('\n'));
}

QString clip(const QString& text) {
    if (text.size() <= kTooltipChars)
        return text;
    return text.left(kTooltipChars) + QStringLiteral("…");
}

QColor statusColor(TaskIndex::RowStatus status) {
    // new, draft, submitted, skipped: readable on light and dark palettes.
    static const QColor colors[] = {QColor(0x9e, 0x9e, 0x9e), QColor(0xe0, 0x9a, 0x1a),
                                    QColor(0x2e, 0x9d, 0x4f), QColor(0x8e, 0x6f, 0xc7)};
    return colors[std::clamp(int(status), 0, 3)];
}

TaskIndex::Order orderOf(int column) {
    switch (column) {
        case TaskListModel::StatusColumn:
            return TaskIndex::Order::Status;
        case TaskListModel::PreviewColumn:
            return TaskIndex::Order::Preview;
        default:
            return TaskIndex::Order::Id;
    }
}

}  // namespace

TaskListModel::TaskListModel(QObject* parent) : QAbstractTableModel(parent) {
    // What the index reads on other threads (docs/architecture.md "Task list
    // search") arrives as a reset, or as rows after the last.
    connect(&m_index, &TaskIndex::aboutToChange, this, [this] { beginResetModel(); });
    connect(&m_index, &TaskIndex::changed, this, [this] { endResetModel(); });
    connect(&m_index, &TaskIndex::rowsAboutToBeAppended, this,
            [this](int first, int last) { beginInsertRows(QModelIndex(), first, last); });
    connect(&m_index, &TaskIndex::rowsAppended, this, [this] { endInsertRows(); });
    connect(&m_index, &TaskIndex::loadingChanged, this, &TaskListModel::loadingChanged);
}

TaskListModel::~TaskListModel() = default;

void TaskListModel::setProject(Project* project) {
    beginResetModel();
    m_index.setProject(project);
    endResetModel();
}

void TaskListModel::reload() {
    if (!m_index.project())
        return;
    beginResetModel();
    m_index.reload();
    endResetModel();
}

void TaskListModel::setStatusFilter(StatusFilter filter) {
    if (filter == m_index.statusFilter())
        return;
    beginResetModel();
    m_index.setStatusFilter(filter);
    endResetModel();
}

void TaskListModel::setPick(const TaskPick& pick) {
    if (pick == m_index.pick())
        return;
    beginResetModel();
    m_index.setPick(pick);
    endResetModel();
}

void TaskListModel::setTextFilter(const QString& text) {
    if (text == m_index.textFilter())
        return;
    beginResetModel();
    m_index.setTextFilter(text);
    endResetModel();
}

bool TaskListModel::isSortable(int column) {
    return column == IdColumn || column == StatusColumn || column == PreviewColumn;
}

int TaskListModel::sortColumn() const {
    switch (m_index.order()) {
        case TaskIndex::Order::Id:
            return IdColumn;
        case TaskIndex::Order::Status:
            return StatusColumn;
        case TaskIndex::Order::Preview:
            return PreviewColumn;
    }
    return IdColumn;
}

Qt::SortOrder TaskListModel::sortOrder() const {
    return m_index.descending() ? Qt::DescendingOrder : Qt::AscendingOrder;
}

void TaskListModel::sort(int column, Qt::SortOrder order) {
    const bool descending = order == Qt::DescendingOrder;
    if (!isSortable(column) ||
        (orderOf(column) == m_index.order() && descending == m_index.descending()))
        return;
    beginResetModel();
    m_index.setOrder(orderOf(column), descending);
    endResetModel();
}

void TaskListModel::refreshTask(qint64 taskId) {
    const int row = m_index.refreshTask(taskId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int TaskListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_index.size();
}

int TaskListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString TaskListModel::statusLabel(bool exists, AnnotationStatus status) {
    if (!exists)
        return statusLabel(RowStatus::New);
    switch (status) {
        case AnnotationStatus::Draft:
            return statusLabel(RowStatus::Draft);
        case AnnotationStatus::Submitted:
            return statusLabel(RowStatus::Submitted);
        case AnnotationStatus::Skipped:
            return statusLabel(RowStatus::Skipped);
    }
    return QString();
}

QString TaskListModel::statusLabel(RowStatus status) {
    switch (status) {
        case RowStatus::New:
            return tr("New");
        case RowStatus::Draft:
            return tr("Draft");
        case RowStatus::Submitted:
            return tr("Submitted");
        case RowStatus::Skipped:
            return tr("Skipped");
    }
    return QString();
}

QString TaskListModel::proposedWhat(TaskKind kind) {
    switch (kind) {
        case TaskKind::Image:
            return tr("Proposed boxes");
        case TaskKind::Audio:
            return tr("Proposed segments");
        default:
            return tr("Proposed spans");
    }
}

bool TaskListModel::hasModelProposals(const TaskIndex::Row& row) {
    for (const QString& source : row.proposals)
        if (AssistModel::isModelAnnotator(source))
            return true;
    return false;
}

QString TaskListModel::annotatorsText(const TaskIndex::Row& row) {
    QStringList names;
    for (const TaskIndex::Row::Annotator& a : row.annotators)
        names << (a.proposes ? tr("%1 (proposal)").arg(a.name) : a.name);
    return names.join(QStringLiteral(", "));
}

QString TaskListModel::longPreview(qint64 taskId) const {
    std::optional<Task> task = m_index.project()->tasks().byId(taskId);
    if (!task)
        return QString();
    QString text;
    switch (task->kind) {
        case TaskKind::Image:
        case TaskKind::Audio:
            text = task->mediaPath();
            break;
        case TaskKind::Text: {
            const QString query = task->data.value(QStringLiteral("query")).toString();
            text = task->data.value(QStringLiteral("text")).toString();
            if (!query.isEmpty())
                text = query + QStringLiteral("\n\n") + text;
            break;
        }
        case TaskKind::Compare: {
            const int responses =
                int(task->data.value(QStringLiteral("responses")).toArray().size());
            text = contentText(task->data.value(QStringLiteral("prompt"))) +
                   QStringLiteral("\n\n") +
                   counted(responses, tr("1 response"), tr("%1 responses"));
            break;
        }
    }
    // Rich text, so that markup in a task shows as typed and long lines wrap.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p><p><small>%2</small></p>")
        .arg(clip(text).toHtmlEscaped(), task->uid.toHtmlEscaped());
}

QVariant TaskListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.column() >= ColumnCount)
        return QVariant();
    const qint64 id = taskId(index.row());
    if (id == 0)
        return QVariant();
    // The id needs no read: sorting, selection and navigation stay off the file.
    if (role == TaskIdRole || (role == Qt::DisplayRole && index.column() == IdColumn))
        return QVariant::fromValue(id);
    if (role == Qt::TextAlignmentRole)
        return index.column() == IdColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                          : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::DecorationRole &&
        role != TaskUidRole && role != StatusRole && role != KindRole &&
        role != ProposalSourcesRole && role != ConflictRole)
        return QVariant();
    const TaskIndex::Row* r = m_index.row(index.row());
    if (!r || r->uid.isEmpty())
        return QVariant();
    switch (role) {
        case TaskUidRole:
            return r->uid;
        case StatusRole:
            return TaskIndex::statusName(r->status);
        case KindRole:
            return toString(r->kind);
        case ProposalSourcesRole:
            return r->proposals;
        case ConflictRole:
            return r->conflicts;
        case Qt::DecorationRole:
            if (index.column() == StatusColumn)
                return statusColor(r->status);
            return QVariant();
        case Qt::DisplayRole:
            switch (index.column()) {
                case StatusColumn:
                    // A mark a lead scanning the list sees: work waits to be chosen.
                    return (r->conflicts ? QStringLiteral("⚠ ") : QString()) +
                           (hasModelProposals(*r) ? QStringLiteral("✦ ") : QString()) +
                           statusLabel(r->status);
                case AnnotatorsColumn:
                    return annotatorsText(*r);
                case PreviewColumn:
                    return toString(r->kind) + QStringLiteral(" · ") + r->preview;
            }
            return QVariant();
        case Qt::ToolTipRole:
            switch (index.column()) {
                case IdColumn:
                    return r->uid;
                case StatusColumn: {
                    QString tip = r->skipReason.isEmpty()
                                      ? statusLabel(r->status)
                                      : tr("%1: %2").arg(statusLabel(r->status), r->skipReason);
                    if (hasModelProposals(*r))
                        tip += QLatin1Char('\n') +
                               tr("✦ A model proposes %1: open the task to accept or reject them")
                                   .arg(proposedWhat(r->kind).toLower());
                    if (r->conflicts)
                        tip += QLatin1Char('\n') +
                               tr("Conflict: an answer was changed on two devices apart and "
                                  "both versions are kept. Open the task to choose one.");
                    return tip;
                }
                case AnnotatorsColumn:
                    if (r->proposals.isEmpty())
                        return annotatorsText(*r);
                    return tr("%1\n%2 by %3: open the task to see and copy them")
                        .arg(annotatorsText(*r), proposedWhat(r->kind),
                             r->proposals.join(QStringLiteral(", ")));
                case PreviewColumn:
                    return longPreview(r->id);
            }
            return QVariant();
    }
    return QVariant();
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    // A first click on a header sorts ascending, whatever the style prefers.
    if (orientation == Qt::Horizontal && role == Qt::InitialSortOrderRole)
        return int(Qt::AscendingOrder);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case IdColumn:
            return tr("#");
        case StatusColumn:
            return tr("Status");
        case AnnotatorsColumn:
            return tr("Annotators");
        case PreviewColumn:
            return tr("Task");
    }
    return QVariant();
}

QHash<int, QByteArray> TaskListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(TaskIdRole, "taskId");
    names.insert(TaskUidRole, "taskUid");
    names.insert(StatusRole, "status");
    names.insert(KindRole, "kind");
    names.insert(ProposalSourcesRole, "proposalSources");
    names.insert(ConflictRole, "conflicts");
    return names;
}

}  // namespace postil
