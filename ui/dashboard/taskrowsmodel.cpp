#include "dashboard/taskrowsmodel.h"

#include "model/project.h"

namespace postil {

TaskRowsModel::TaskRowsModel(Project& project, QObject* parent)
    : QAbstractTableModel(parent),
      m_project(project),
      m_read(project.database().statement(
          QStringLiteral("SELECT kind, preview FROM tasks WHERE id = ?1"))) {}

void TaskRowsModel::setTasks(const QList<qint64>& ids) {
    beginResetModel();
    m_ids = ids;
    m_rows.clear();
    endResetModel();
}

int TaskRowsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_ids.size());
}

int TaskRowsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const TaskRowsModel::Row& TaskRowsModel::row(qint64 id) const {
    auto found = m_rows.find(id);
    if (found != m_rows.end())
        return found.value();
    Row row;
    m_read.reset();
    m_read.bind(1, id);
    if (m_read.next()) {
        row.kind = m_read.text(0);
        row.preview = m_read.text(1);
    } else {
        row.preview = tr("(no longer in the project)");
    }
    m_read.reset();
    return m_rows.insert(id, row).value();
}

QVariant TaskRowsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_ids.size())
        return {};
    const qint64 id = m_ids.at(index.row());
    if (role == Qt::UserRole)
        return id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
        case IdColumn:
            return id;
        case KindColumn:
            return row(id).kind;
        case PreviewColumn:
            return row(id).preview;
        default:
            return {};
    }
}

QVariant TaskRowsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case IdColumn:
            return tr("Task");
        case KindColumn:
            return tr("Kind");
        case PreviewColumn:
            return tr("Preview");
        default:
            return {};
    }
}

}  // namespace postil
