#pragma once

#include <QWidget>
#include <memory>

#include "quality/dashboarddata.h"
#include "store/status.h"

class QChartView;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace postil {

class DashboardLoader;
class HeatMapView;
class Project;
class TaskRowsModel;

// View ▸ Quality Dashboard (docs/architecture.md §14, "The quality
// dashboard"): a window of its own beside the studio's, with the pairwise
// agreement matrix as a heat map (one measure at a time: each question,
// boxes, spans, segments, comparisons), progress over time and label
// counts per annotator, gold accuracy, and the slowest and fastest answers by
// active time. Its numbers are core/quality's (quality::buildDashboardData,
// read by a DashboardLoader off the GUI thread). A heat-map cell or a table
// row lists the tasks behind it on the right; opening one (double click,
// Enter, or Open) asks the studio to show it (openTaskRequested).
class QualityDashboard : public QWidget {
    Q_OBJECT
public:
    QualityDashboard(Project& project, QWidget* parent = nullptr);
    ~QualityDashboard() override;

    // Reads everything again (also done once when the window is made).
    void reload();
    bool isLoading() const;
    // The data shown; null until the first load has finished.
    const quality::DashboardData* data() const { return m_data.get(); }

    // Writes the tables as CSV and the charts as PNG and SVG into `folder`:
    // agreement.csv, gold.csv, active-time.csv, labels.csv, progress.csv,
    // and heatmap, progress and labels .png/.svg (the measure and the label
    // group shown). Fails naming the file that could not be written.
    Status exportTo(const QString& folder) const;
    // The file names exportTo writes, in that order.
    static QStringList exportFileNames();

    // The measure shown in the heat map, by key ("question:topic", "boxes"...).
    bool showMeasure(const QString& key);

    HeatMapView* heatMap() const { return m_heatMap; }
    QTableView* behindView() const { return m_behind; }
    QLabel* behindTitle() const { return m_behindTitle; }
    QTableWidget* goldTable() const { return m_gold; }
    QTableWidget* slowestTable() const { return m_slowest; }
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    void openTaskRequested(qint64 taskId);
    void loaded();
    void loadFailed(const QString& error);

private:
    QWidget* makeAgreementTab();
    QWidget* makeGoldTab();
    QWidget* makeTimeTab();
    void showData(std::shared_ptr<const quality::DashboardData> data);
    void showMatrix();
    void showLabels();
    void fillGold();
    void fillTimes(QTableWidget* table, const QList<quality::TaskTime>& rows);
    void listTasks(const QString& title, const QList<qint64>& ids);
    void openSelectedTask();
    void askExport();

    Project& m_project;
    DashboardLoader* m_loader;
    std::shared_ptr<const quality::DashboardData> m_data;
    QLabel* m_summary;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QPushButton* m_reload;
    QPushButton* m_export;
    QTabWidget* m_tabs;
    QComboBox* m_measure;
    QLabel* m_measureNote;
    HeatMapView* m_heatMap;
    QChartView* m_progressChart;
    QComboBox* m_labelGroup;
    QChartView* m_labelChart;
    QTableWidget* m_gold;
    QTableWidget* m_slowest;
    QTableWidget* m_fastest;
    QLabel* m_behindTitle;
    QTableView* m_behind;
    TaskRowsModel* m_behindModel;
    QPushButton* m_open;
};

}  // namespace postil
