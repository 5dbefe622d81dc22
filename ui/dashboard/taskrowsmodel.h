#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "store/database.h"

namespace postil {

class Project;

// The tasks behind a dashboard cell or row: task ids, with each task's kind
// and preview read from the studio's project only when a row is shown (a
// cell of a large project lists tens of thousands of tasks).
class TaskRowsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, KindColumn, PreviewColumn, ColumnCount };

    TaskRowsModel(Project& project, QObject* parent = nullptr);

    void setTasks(const QList<qint64>& ids);
    const QList<qint64>& tasks() const { return m_ids; }
    qint64 taskId(int row) const { return m_ids.value(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QString kind;
        QString preview;
    };
    const Row& row(qint64 id) const;

    Project& m_project;
    QList<qint64> m_ids;
    mutable Statement m_read;
    mutable QHash<qint64, Row> m_rows;  // read so far
};

}  // namespace postil
