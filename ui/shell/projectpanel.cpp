#include "shell/projectpanel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QResizeEvent>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "keys/keymap.h"
#include "shell/sync/taskpickbox.h"
#include "shell/tasklistmodel.h"
#include "widgets/cachedcelldelegate.h"

namespace postil {

namespace {
// Long enough to let a word be typed, short enough to feel live.
constexpr int kFilterDelayMs = 150;
}  // namespace

ProjectPanel::ProjectPanel(QWidget* parent)
    : QWidget(parent),
      m_model(new TaskListModel(this)),
      m_status(new QComboBox(this)),
      m_pick(new TaskPickBox(this)),
      m_filter(new QLineEdit(this)),
      m_filterTimer(new QTimer(this)),
      m_view(new QTableView(this)),
      m_count(new QLabel(this)) {
    using F = TaskListModel::StatusFilter;
    const std::pair<QString, F> filters[] = {
        {tr("All"), F::All},     {tr("Unfinished"), F::Unfinished}, {tr("New"), F::New},
        {tr("Draft"), F::Draft}, {tr("Submitted"), F::Submitted},   {tr("Skipped"), F::Skipped}};
    for (const auto& [text, filter] : filters)
        m_status->addItem(text, int(filter));
    m_status->setToolTip(tr("Show tasks by your status"));
    m_status->setObjectName(QStringLiteral("statusFilter"));

    updatePlaceholder();
    connect(&Keymap::instance(), &Keymap::changed, this, &ProjectPanel::updatePlaceholder);
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("taskFilter"));
    m_filter->installEventFilter(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(kFilterDelayMs);

    m_view->setObjectName(QStringLiteral("taskList"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new CachedCellDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setTabKeyNavigation(false);
    m_view->setCornerButtonEnabled(false);
    // One fixed line per row: the view never measures rows, which keeps a
    // million of them as cheap as a hundred. Nothing resizes to contents
    // either, since that would read every row.
    QHeaderView* rows = m_view->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(1);
    rows->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView* columns = m_view->horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setSectionsClickable(true);
    columns->setSortIndicatorShown(true);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics fm = fontMetrics();
    m_view->setColumnWidth(TaskListModel::IdColumn,
                           fm.horizontalAdvance(QStringLiteral("0000000")) + 12);
    m_view->setColumnWidth(TaskListModel::StatusColumn,
                           // room for the ✦ of a model's proposals
                           fm.horizontalAdvance(tr("✦ Submitted")) + fm.height() + 24);
    m_view->setColumnWidth(TaskListModel::AnnotatorsColumn,
                           fm.horizontalAdvance(QStringLiteral("annotator")) + 12);
    // What the task says matters more than who touched it: the preview comes
    // third and takes the spare width; the annotators sit at the right edge.
    columns->setStretchLastSection(false);
    columns->moveSection(columns->visualIndex(TaskListModel::PreviewColumn), 2);
    columns->setSectionResizeMode(TaskListModel::PreviewColumn, QHeaderView::Stretch);
    // The indicator first, so that enabling sorting asks for the order the
    // model already has.
    columns->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_view->setSortingEnabled(true);

    m_count->setObjectName(QStringLiteral("taskCount"));
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont small = m_count->font();
    if (small.pointSizeF() > 0) {
        small.setPointSizeF(small.pointSizeF() * 0.9);
        m_count->setFont(small);
    }

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_status);
    top->addWidget(m_filter, 1);
    // The list is narrow on a laptop: the pick gets a line of its own
    // rather than squeezing the search box.
    m_pick->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_pick);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);
    setFocusProxy(m_view);

    connect(m_status, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_model->setStatusFilter(TaskListModel::StatusFilter(m_status->itemData(index).toInt()));
    });
    connect(m_pick, &TaskPickBox::picked, m_model, &TaskListModel::setPick);
    connect(m_filter, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterTimer, &QTimer::timeout, this, &ProjectPanel::applyTextFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onCurrentRowChanged(current.row()); });
    // Connected after the view's own handler, which has already asked the
    // model to sort.
    connect(columns, &QHeaderView::sortIndicatorChanged, this,
            &ProjectPanel::onSortIndicatorChanged);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            &ProjectPanel::rememberSelection);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProjectPanel::restoreSelection);
    // The rest of a search, read on another thread, lands after the rows shown.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ProjectPanel::updateCount);
    connect(m_model, &TaskListModel::loadingChanged, this, &ProjectPanel::updateCount);
    updateCount();
}

ProjectPanel::~ProjectPanel() = default;

void ProjectPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitColumns();
}

// On a laptop the list is narrow and what the task says matters most: the id
// column is as wide as the largest id needs, and the annotators column (also
// in each row's tooltip) gives its room to the preview below 360 px.
void ProjectPanel::fitColumns() {
    const QFontMetrics fm = fontMetrics();
    const int digits = qMax(3, int(QString::number(m_model->totalTasks()).size()));
    m_view->setColumnWidth(TaskListModel::IdColumn,
                           fm.horizontalAdvance(QString(digits, QLatin1Char('0'))) + 16);
    m_view->setColumnHidden(TaskListModel::AnnotatorsColumn, width() < 360);
}

void ProjectPanel::setProject(Project* project) {
    m_filterTimer->stop();
    m_selectedTask = 0;
    // A search typed for another project means nothing here; the status
    // filter is a habit and stays.
    m_model->setProject(nullptr);
    {
        const QSignalBlocker blocker(m_filter);
        m_filter->clear();
    }
    m_model->setTextFilter(QString());
    m_pick->setProject(project);
    m_model->setPick(m_pick->pick());
    m_model->setProject(project);
    fitColumns();
    if (m_model->rowCount() > 0)
        m_view->scrollToTop();
}

void ProjectPanel::applyTextFilter() {
    m_filterTimer->stop();
    m_model->setTextFilter(m_filter->text());
}

void ProjectPanel::onCurrentRowChanged(int row) {
    if (m_restoring)
        return;
    const qint64 id = m_model->taskId(row);
    if (id == 0)
        return;
    m_selectedTask = id;
    Q_EMIT currentTaskChanged(id);
}

void ProjectPanel::onSortIndicatorChanged(int column, Qt::SortOrder order) {
    Q_UNUSED(order);
    // Columns the model cannot sort keep showing the order that holds.
    if (!TaskListModel::isSortable(column))
        m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
}

void ProjectPanel::rememberSelection() {
    // A reset drops the view's selection; m_selectedTask already names the
    // task, so only the signals it would cause need silencing.
    m_restoring = true;
}

void ProjectPanel::restoreSelection() {
    m_restoring = true;
    const int row = m_selectedTask ? m_model->rowOf(m_selectedTask) : -1;
    QItemSelectionModel* selection = m_view->selectionModel();
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, 0);
        selection->setCurrentIndex(index,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_view->scrollTo(index);
    } else {
        selection->clear();
    }
    m_restoring = false;
    updateCount();
}

void ProjectPanel::selectTask(qint64 taskId) {
    m_selectedTask = taskId;
    // The row the user just made current (a click, Ctrl or Shift with it):
    // the view selects it itself, and a wider selection stays (the Assist
    // menu runs on it).
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (current.isValid() && m_model->taskId(current.row()) == taskId) {
        m_view->scrollTo(current);
        return;
    }
    restoreSelection();
}

qint64 ProjectPanel::currentTaskId() const {
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row()))
        return 0;
    return m_model->taskId(current.row());
}

QList<qint64> ProjectPanel::selectedTaskIds() const {
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex& row : std::as_const(rows))
        if (const qint64 id = m_model->taskId(row.row()))
            ids << id;
    return ids;
}

std::optional<qint64> ProjectPanel::neighbourTask(qint64 taskId, int step,
                                                  std::optional<TaskKind> kind) const {
    const int count = m_model->rowCount();
    if (count == 0 || step == 0)
        return std::nullopt;
    // A task not in the list starts from just outside either end.
    const int row = m_model->rowOf(taskId);
    qint64 target = row >= 0 ? row : (step > 0 ? -1 : count);
    const QString kindName = kind ? toString(*kind) : QString();
    // The kinds come from the rows the model reads in blocks anyway, so the
    // walk costs one block read per TaskListModel::kBlockSize rows passed over.
    for (target += step; target >= 0 && target < count; target += step) {
        const QModelIndex index = m_model->index(int(target), 0);
        if (!kind || m_model->data(index, TaskListModel::KindRole).toString() == kindName)
            return m_model->taskId(int(target));
    }
    return std::nullopt;
}

void ProjectPanel::refreshTask(qint64 taskId) {
    m_model->refreshTask(taskId);
}

void ProjectPanel::reload() {
    // A merge may have brought annotators the list does not name yet.
    m_pick->setProject(m_model->project());
    m_model->setPick(m_pick->pick());
    m_model->reload();
}

void ProjectPanel::focusFilter() {
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ProjectPanel::updatePlaceholder() {
    // Names the key the user bound, not the default.
    const QKeySequence key = Keymap::instance().key(QStringLiteral("view.filter"));
    m_filter->setPlaceholderText(
        key.isEmpty() ? tr("Filter tasks")
                      : tr("Filter tasks (%1)").arg(key.toString(QKeySequence::NativeText)));
}

void ProjectPanel::updateCount() {
    const QLocale locale;
    const QString shown = locale.toString(qlonglong(m_model->rowCount()));
    const QString total = locale.toString(qlonglong(m_model->totalTasks()));
    // The list can be used meanwhile; the words say it is not complete yet.
    m_count->setText(m_model->isLoading() ? tr("%1 of %2 tasks (reading…)").arg(shown, total)
                                          : tr("%1 of %2 tasks").arg(shown, total));
}

bool ProjectPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
            case Qt::Key_Escape:
                // First Escape clears the search, the next goes back to the list.
                if (!m_filter->text().isEmpty()) {
                    m_filter->clear();
                    applyTextFilter();
                } else {
                    m_view->setFocus(Qt::OtherFocusReason);
                }
                return true;
            case Qt::Key_Return:
            case Qt::Key_Enter:
                applyTextFilter();
                m_view->setFocus(Qt::OtherFocusReason);
                return true;
            case Qt::Key_Down:
                m_view->setFocus(Qt::OtherFocusReason);
                return true;
            default:
                break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace postil
