#include "dashboard/qualitydashboard.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "dashboard/dashboardcharts.h"
#include "dashboard/dashboardexport.h"
#include "dashboard/dashboardloader.h"
#include "dashboard/heatmapview.h"
#include "dashboard/taskrowsmodel.h"
#include "model/project.h"
#include "quality/dashboardcsv.h"

namespace postil {

namespace {

QString percent(const std::optional<double>& value) {
    return value ? QLocale().toString(*value * 100.0, 'f', 1) + QStringLiteral(" %")
                 : QStringLiteral("—");
}

QString plain(const std::optional<double>& value) {
    return value ? QLocale().toString(*value, 'f', 3) : QStringLiteral("—");
}

QString duration(qint64 ms) {
    if (ms < 60000)
        return QCoreApplication::translate("QualityDashboard", "%1 s")
            .arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return QCoreApplication::translate("QualityDashboard", "%1 min %2 s")
        .arg(ms / 60000)
        .arg((ms % 60000) / 1000);
}

QTableWidget* newTable(const QStringList& headers, const QString& name) {
    auto* table = new QTableWidget(0, int(headers.size()));
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    return table;
}

QTableWidgetItem* cellItem(const QString& text, bool number = false) {
    auto* item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

}  // namespace

QualityDashboard::QualityDashboard(Project& project, QWidget* parent)
    : QWidget(parent, Qt::Window),
      m_project(project),
      m_loader(new DashboardLoader(this)),
      m_summary(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_reload(new QPushButton(tr("&Reload"), this)),
      m_export(new QPushButton(tr("&Export…"), this)),
      m_tabs(new QTabWidget(this)),
      m_behindTitle(new QLabel(this)),
      m_behind(new QTableView(this)),
      m_behindModel(new TaskRowsModel(project, this)),
      m_open(new QPushButton(tr("&Open in the Studio"), this)) {
    setObjectName(QStringLiteral("qualityDashboard"));
    setWindowTitle(tr("Quality Dashboard — %1").arg(project.name()));
    m_summary->setObjectName(QStringLiteral("dashboardSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setObjectName(QStringLiteral("dashboardProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(220);
    m_export->setObjectName(QStringLiteral("dashboardExport"));
    m_export->setToolTip(tr("Write the tables as CSV and the charts as PNG and SVG into a folder"));

    auto* head = new QHBoxLayout;
    head->addWidget(m_summary, 1);
    head->addWidget(m_progress);
    head->addWidget(m_cancel);
    head->addWidget(m_reload);
    head->addWidget(m_export);

    m_progressChart = new QChartView(this);
    m_progressChart->setObjectName(QStringLiteral("progressChart"));
    m_progressChart->setRenderHint(QPainter::Antialiasing);
    auto* labelsTab = new QWidget(this);
    auto* labelsLayout = new QVBoxLayout(labelsTab);
    m_labelGroup = new QComboBox(labelsTab);
    m_labelGroup->setObjectName(QStringLiteral("labelGroup"));
    m_labelChart = new QChartView(labelsTab);
    m_labelChart->setObjectName(QStringLiteral("labelChart"));
    m_labelChart->setRenderHint(QPainter::Antialiasing);
    auto* groupRow = new QHBoxLayout;
    auto* groupLabel = new QLabel(tr("&Count:"), labelsTab);
    groupLabel->setBuddy(m_labelGroup);
    groupRow->addWidget(groupLabel);
    groupRow->addWidget(m_labelGroup, 1);
    labelsLayout->addLayout(groupRow);
    labelsLayout->addWidget(m_labelChart, 1);

    m_tabs->addTab(makeAgreementTab(), tr("&Agreement"));
    m_tabs->addTab(m_progressChart, tr("&Progress"));
    m_tabs->addTab(labelsTab, tr("&Labels"));
    m_tabs->addTab(makeGoldTab(), tr("&Gold Accuracy"));
    m_tabs->addTab(makeTimeTab(), tr("Active &Time"));

    // The tasks behind what was clicked, beside every tab.
    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_behindTitle->setObjectName(QStringLiteral("behindTitle"));
    m_behindTitle->setWordWrap(true);
    m_behindTitle->setText(
        tr("Click a cell of the matrix or a row of a table to list the "
           "tasks behind it."));
    m_behind->setObjectName(QStringLiteral("behindTasks"));
    m_behind->setModel(m_behindModel);
    m_behind->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_behind->setSelectionMode(QAbstractItemView::SingleSelection);
    m_behind->verticalHeader()->hide();
    m_behind->horizontalHeader()->setStretchLastSection(true);
    m_behind->setAlternatingRowColors(true);
    m_behind->setWordWrap(false);
    m_open->setObjectName(QStringLiteral("openTask"));
    m_open->setEnabled(false);
    sideLayout->addWidget(m_behindTitle);
    sideLayout->addWidget(m_behind, 1);
    sideLayout->addWidget(m_open);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(head);
    layout->addWidget(splitter, 1);

    connect(m_loader, &DashboardLoader::progressed, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        m_summary->setText(tr("Reading the answers: task %L1 of %L2…").arg(done).arg(total));
    });
    connect(m_loader, &DashboardLoader::loaded, this, &QualityDashboard::showData);
    connect(m_loader, &DashboardLoader::failed, this, [this](const QString& error) {
        m_progress->hide();
        m_cancel->hide();
        m_reload->setEnabled(true);
        m_summary->setText(tr("Could not read the project: %1").arg(error));
        Q_EMIT loadFailed(error);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_loader->cancel();
        m_progress->hide();
        m_cancel->hide();
        m_reload->setEnabled(true);
        m_summary->setText(m_data ? tr("Reading again was cancelled; the figures shown are "
                                       "from before.")
                                  : tr("Cancelled: nothing was read."));
    });
    connect(m_reload, &QPushButton::clicked, this, &QualityDashboard::reload);
    connect(m_export, &QPushButton::clicked, this, &QualityDashboard::askExport);
    connect(m_labelGroup, &QComboBox::currentIndexChanged, this, &QualityDashboard::showLabels);
    connect(m_behind, &QTableView::activated, this, &QualityDashboard::openSelectedTask);
    connect(m_open, &QPushButton::clicked, this, &QualityDashboard::openSelectedTask);
    connect(m_behind->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { m_open->setEnabled(current.isValid()); });
    m_export->setEnabled(false);
    resize(1180, 700);
    reload();
}

QualityDashboard::~QualityDashboard() {
    // The loader's thread reads the file; it stops before the window goes.
    m_loader->cancel();
}

QWidget* QualityDashboard::makeAgreementTab() {
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    m_measure = new QComboBox(tab);
    m_measure->setObjectName(QStringLiteral("measure"));
    auto* row = new QHBoxLayout;
    auto* label = new QLabel(tr("&Measure:"), tab);
    label->setBuddy(m_measure);
    row->addWidget(label);
    row->addWidget(m_measure, 1);
    layout->addLayout(row);
    m_heatMap = new HeatMapView(tab);
    layout->addWidget(m_heatMap, 1);
    m_measureNote = new QLabel(tab);
    m_measureNote->setWordWrap(true);
    m_measureNote->setText(tr("The figures of postil-cli agreement, per pair of annotators."));
    layout->addWidget(m_measureNote);
    connect(m_measure, &QComboBox::currentIndexChanged, this, &QualityDashboard::showMatrix);
    connect(m_heatMap, &HeatMapView::cellActivated, this, [this](int row, int column) {
        const quality::AgreementMatrix& m = m_heatMap->matrix();
        const QString a = m.annotators.at(row);
        const QString b = m.annotators.at(column);
        const QList<qint64> ids = m_data ? m_data->tasksBehind(m.key, a, b) : QList<qint64>();
        listTasks(tr("%1: the %L2 %3 %4 and %5 both answered")
                      .arg(m.title)
                      .arg(ids.size())
                      .arg(m.itemNoun, a, b),
                  ids);
    });
    return tab;
}

QWidget* QualityDashboard::makeGoldTab() {
    m_gold = newTable({tr("Annotator"), tr("Gold tasks"), tr("Answers"), tr("Box F1"),
                       tr("Span F1"), tr("Boundary F1"), tr("WER"), tr("Verdicts")},
                      QStringLiteral("goldTable"));
    m_gold->setToolTip(
        tr("Accuracy against gold tasks (a task's gold, or its reviewed answer). "
           "Click a row to list the annotator's gold tasks."));
    connect(m_gold, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (!m_data || row < 0 || row >= m_data->gold.size())
            return;
        const QString who = m_data->gold.at(row).annotator;
        const QList<qint64> ids = m_data->goldTasks.value(who);
        listTasks(tr("The %L1 gold tasks %2 answered").arg(ids.size()).arg(who), ids);
    });
    return m_gold;
}

QWidget* QualityDashboard::makeTimeTab() {
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    const QStringList headers{tr("Task"), tr("Annotator"), tr("Active time"), tr("Preview")};
    m_slowest = newTable(headers, QStringLiteral("slowestTable"));
    m_fastest = newTable(headers, QStringLiteral("fastestTable"));
    layout->addWidget(new QLabel(tr("Slowest answers (active time on the task):"), tab));
    layout->addWidget(m_slowest, 1);
    layout->addWidget(new QLabel(tr("Fastest answers:"), tab));
    layout->addWidget(m_fastest, 1);
    for (QTableWidget* table : {m_slowest, m_fastest}) {
        connect(table, &QTableWidget::currentCellChanged, this, [this, table](int row) {
            QTableWidgetItem* item = table->item(row, 0);
            if (!item)
                return;
            const qint64 id = item->data(Qt::UserRole).toLongLong();
            listTasks(tr("Task %1, answered by %2 in %3")
                          .arg(id)
                          .arg(table->item(row, 1)->text(), table->item(row, 2)->text()),
                      {id});
        });
        connect(table, &QTableWidget::cellActivated, this, [this, table](int row) {
            if (QTableWidgetItem* item = table->item(row, 0))
                Q_EMIT openTaskRequested(item->data(Qt::UserRole).toLongLong());
        });
    }
    return tab;
}

void QualityDashboard::reload() {
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_reload->setEnabled(false);
    m_summary->setText(tr("Reading the answers…"));
    m_loader->start(m_project.path(), quality::DashboardOptions());
}

bool QualityDashboard::isLoading() const {
    return m_loader->isRunning();
}

void QualityDashboard::showData(std::shared_ptr<const quality::DashboardData> data) {
    m_data = std::move(data);
    m_progress->hide();
    m_cancel->hide();
    m_reload->setEnabled(true);
    m_export->setEnabled(true);
    const quality::DashboardData& d = *m_data;
    m_summary->setText(tr("%L1 tasks, %L2 annotators with answers (%3), read at %4")
                           .arg(d.tasks)
                           .arg(d.annotators.size())
                           .arg(d.annotators.join(QStringLiteral(", ")),
                                QTime::currentTime().toString(QStringLiteral("HH:mm"))));

    const QString measure = m_measure->currentData().toString();
    {
        const QSignalBlocker block(m_measure);
        m_measure->clear();
        for (const quality::AgreementMatrix& m : d.matrices)
            m_measure->addItem(QStringLiteral("%1 — %2").arg(m.title, m.figure), m.key);
        const int keep = m_measure->findData(measure);
        m_measure->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    showMatrix();

    QChart* old = m_progressChart->chart();
    m_progressChart->setChart(dashboardcharts::progressChart(d));
    delete old;
    const QString group = m_labelGroup->currentText();
    {
        const QSignalBlocker block(m_labelGroup);
        m_labelGroup->clear();
        for (const quality::LabelDistribution& l : d.labels)
            m_labelGroup->addItem(l.group);
        const int keep = m_labelGroup->findText(group);
        m_labelGroup->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    showLabels();
    fillGold();
    fillTimes(m_slowest, d.slowest);
    fillTimes(m_fastest, d.fastest);
    Q_EMIT loaded();
}

bool QualityDashboard::showMeasure(const QString& key) {
    const int index = m_measure->findData(key);
    if (index < 0)
        return false;
    m_measure->setCurrentIndex(index);
    return true;
}

void QualityDashboard::showMatrix() {
    if (!m_data)
        return;
    const quality::AgreementMatrix* m = m_data->matrix(m_measure->currentData().toString());
    m_heatMap->setMatrix(m ? *m : quality::AgreementMatrix());
    if (!m)
        m_measureNote->setText(
            tr("No two annotators answered the same task yet: there is no "
               "agreement to show."));
    else
        m_measureNote->setText(tr("%1 per pair of annotators over the %2 both answered, as "
                                  "postil-cli agreement reports it. Click a cell to list them.")
                                   .arg(m->figure, m->itemNoun));
}

void QualityDashboard::showLabels() {
    if (!m_data)
        return;
    QChart* old = m_labelChart->chart();
    m_labelChart->setChart(dashboardcharts::labelChart(*m_data, m_labelGroup->currentIndex()));
    delete old;
}

void QualityDashboard::fillGold() {
    m_gold->setRowCount(0);
    for (const quality::GoldRow& g : m_data->gold) {
        const int row = m_gold->rowCount();
        m_gold->insertRow(row);
        m_gold->setItem(row, 0, cellItem(g.annotator));
        m_gold->setItem(row, 1, cellItem(QLocale().toString(g.tasks), true));
        m_gold->setItem(row, 2, cellItem(percent(g.answers), true));
        m_gold->setItem(row, 3, cellItem(plain(g.boxesF1), true));
        m_gold->setItem(row, 4, cellItem(plain(g.spansF1), true));
        m_gold->setItem(row, 5, cellItem(plain(g.boundariesF1), true));
        m_gold->setItem(row, 6, cellItem(plain(g.wordErrorRate), true));
        m_gold->setItem(row, 7, cellItem(percent(g.verdicts), true));
    }
    m_gold->resizeColumnsToContents();
}

void QualityDashboard::fillTimes(QTableWidget* table, const QList<quality::TaskTime>& rows) {
    table->setRowCount(0);
    for (const quality::TaskTime& t : rows) {
        const int row = table->rowCount();
        table->insertRow(row);
        QTableWidgetItem* id = cellItem(QString::number(t.taskId), true);
        id->setData(Qt::UserRole, t.taskId);
        table->setItem(row, 0, id);
        table->setItem(row, 1, cellItem(t.annotator));
        table->setItem(row, 2, cellItem(duration(t.activeMs), true));
        table->setItem(row, 3, cellItem(t.preview));
    }
    table->resizeColumnsToContents();
}

void QualityDashboard::listTasks(const QString& title, const QList<qint64>& ids) {
    m_behindTitle->setText(title);
    m_behindModel->setTasks(ids);
    m_behind->resizeColumnToContents(TaskRowsModel::IdColumn);
    m_behind->resizeColumnToContents(TaskRowsModel::KindColumn);
    m_open->setEnabled(false);
    if (!ids.isEmpty())
        m_behind->selectRow(0);
}

void QualityDashboard::openSelectedTask() {
    const QModelIndex current = m_behind->currentIndex();
    if (current.isValid())
        Q_EMIT openTaskRequested(m_behindModel->taskId(current.row()));
}

QStringList QualityDashboard::exportFileNames() {
    return {QStringLiteral("agreement.csv"),   QStringLiteral("gold.csv"),
            QStringLiteral("active-time.csv"), QStringLiteral("labels.csv"),
            QStringLiteral("progress.csv"),    QStringLiteral("heatmap.png"),
            QStringLiteral("heatmap.svg"),     QStringLiteral("progress.png"),
            QStringLiteral("progress.svg"),    QStringLiteral("labels.png"),
            QStringLiteral("labels.svg")};
}

Status QualityDashboard::exportTo(const QString& folder) const {
    if (!m_data)
        return Status::failure(tr("The dashboard has not finished reading the project."));
    const quality::DashboardData& d = *m_data;
    const QDir dir(folder);
    if (!dir.exists())
        return Status::failure(tr("%1: no such folder").arg(folder));
    // Fixed names only: nothing from the data becomes a path.
    const std::pair<QString, QByteArray> tables[] = {
        {QStringLiteral("agreement.csv"), quality::dashboardcsv::agreement(d.matrices)},
        {QStringLiteral("gold.csv"), quality::dashboardcsv::gold(d.gold)},
        {QStringLiteral("active-time.csv"), quality::dashboardcsv::taskTimes(d.slowest, d.fastest)},
        {QStringLiteral("labels.csv"), quality::dashboardcsv::labels(d.labels, d.annotators)},
        {QStringLiteral("progress.csv"),
         quality::dashboardcsv::progress(d.answeredAt, quality::progressBucketMs(d.answeredAt))}};
    for (const auto& [name, bytes] : tables)
        if (Status s = dashboardexport::writeFile(dir.filePath(name), bytes); !s.ok())
            return s;
    // The heat map at the size it needs, not the window's.
    HeatMapView map;
    map.setMatrix(m_heatMap->matrix());
    const int n = int(m_heatMap->matrix().annotators.size());
    const QSize mapSize(std::max(640, 220 + 110 * n), std::max(420, 150 + 110 * n));
    if (Status s = dashboardexport::writePicture(
            folder, QStringLiteral("heatmap"), mapSize,
            m_heatMap->matrix().title + QStringLiteral(" — ") + m_heatMap->matrix().figure,
            [&map](QPainter& painter, QSize size) { map.paint(painter, size); });
        !s.ok())
        return s;
    if (Status s = dashboardexport::writeChart(folder, QStringLiteral("progress"),
                                               dashboardcharts::progressChart(d));
        !s.ok())
        return s;
    return dashboardexport::writeChart(
        folder, QStringLiteral("labels"),
        dashboardcharts::labelChart(d, m_labelGroup->currentIndex()));
}

void QualityDashboard::askExport() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Export the dashboard into a folder"), m_project.folder().absolutePath());
    if (folder.isEmpty())
        return;
    const Status written = exportTo(folder);
    if (!written.ok()) {
        QMessageBox::warning(this, tr("Cannot export the dashboard"), written.error());
        return;
    }
    m_summary->setText(tr("Exported %1 files into %2 (the heat map of %3, the label counts of "
                          "%4).")
                           .arg(exportFileNames().size())
                           .arg(QDir::toNativeSeparators(folder), m_heatMap->matrix().title,
                                m_labelGroup->currentText()));
}

}  // namespace postil
