#include "editors/compare/compareeditor.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include "document/taskdocument.h"
#include "editors/compare/activitytracker.h"
#include "editors/compare/comparesidepanel.h"
#include "editors/compare/critiquepanel.h"
#include "editors/compare/flagpanel.h"
#include "editors/compare/goldbanner.h"
#include "editors/compare/judgepanel.h"
#include "editors/compare/rankinglist.h"
#include "editors/compare/responsecolumns.h"
#include "editors/compare/responseview.h"
#include "editors/compare/rewritepanel.h"
#include "editors/compare/rubricgrid.h"
#include "editors/compare/verdictbar.h"
#include "keys/keymap.h"
#include "model/comparison.h"
#include "widgets/optionchip.h"
#include "widgets/textdebouncer.h"

namespace postil {

namespace {

constexpr double kMaxPromptShare = 0.35;  // of the height, before the user drags

QSettings settings() {
    return QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"));
}

QString keyText(const QString& id) {
    return Keymap::instance().key(id).toString(QKeySequence::NativeText);
}

QIcon swatch(const QColor& color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(color.isValid() ? color : QColor(Qt::yellow));
    return QIcon(pixmap);
}

// A flag's colour: the label's, else a readable default.
QColor labelColor(const Schema& schema, const QString& name) {
    for (const Label& label : schema.labelsFor(TaskKind::Compare)) {
        if (label.name == name && QColor::isValidColorName(label.color))
            return QColor::fromString(label.color);
    }
    return QColor(0xff, 0xd5, 0x4f);
}

// The text between two code-point offsets.
QString codePointSlice(const QString& text, int start, int end) {
    const int from = comparison::toUtf16(text, start);
    return text.mid(from, comparison::toUtf16(text, end) - from);
}

}  // namespace

CompareEditor::CompareEditor(QObject* parent) : TaskEditor(parent) {
    buildUi();
    createActions();
    updateKeyHints();
    connect(&Keymap::instance(), &Keymap::changed, this, &CompareEditor::updateKeyHints);
    m_tracker = new ActivityTracker(m_widget, this);
}

CompareEditor::~CompareEditor() {
    setDocument(nullptr);
    delete m_widget;
}

QWidget* CompareEditor::widget() {
    return m_widget;
}

void CompareEditor::buildUi() {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("compareEditor"));
    auto* outer = new QVBoxLayout(m_widget);
    outer->setContentsMargins(8, 8, 8, 8);
    outer->setSpacing(6);
    m_gold = new GoldBanner(m_widget);
    outer->addWidget(m_gold);
    m_judge = new JudgePanel(m_widget);
    outer->addWidget(m_judge);
    connect(m_judge, &JudgePanel::takeCritique, this, [this](const QString& critique) {
        commitCritique(critique);
        m_side->critique()->showStored(critique);
    });

    m_mainSplit = new QSplitter(Qt::Horizontal, m_widget);
    m_mainSplit->setChildrenCollapsible(false);
    outer->addWidget(m_mainSplit, 1);

    auto* main = new QWidget(m_mainSplit);
    auto* mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(0, 0, 0, 0);
    mainLayout->setSpacing(4);
    auto* tools = new QHBoxLayout;
    tools->setSpacing(4);
    for (int i = 0; i < 4; ++i) {
        auto* button = new QToolButton(main);
        button->setAutoRaise(true);
        button->setFocusPolicy(Qt::NoFocus);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        tools->addWidget(button);
        if (i == 2)
            tools->addStretch(1);
        m_toolButtons.append(button);
    }
    mainLayout->addLayout(tools);

    m_promptSplit = new QSplitter(Qt::Vertical, main);
    m_promptSplit->setChildrenCollapsible(false);
    m_prompt = new ResponseView(m_promptSplit);
    m_prompt->setObjectName(QStringLiteral("promptView"));
    m_prompt->setTitle(tr("Prompt"));
    m_prompt->setMinimumHeight(60);
    m_prompt->setOpenAtLastMessageOf(QStringLiteral("user"));
    m_columns = new ResponseColumns(m_promptSplit);
    m_promptSplit->addWidget(m_prompt);
    m_promptSplit->addWidget(m_columns);
    m_promptSplit->setStretchFactor(0, 0);
    m_promptSplit->setStretchFactor(1, 1);
    connect(m_promptSplit, &QSplitter::splitterMoved, this, [this] { m_userSizedPrompt = true; });
    mainLayout->addWidget(m_promptSplit, 1);

    m_verdict = new VerdictBar(main);
    m_verdict->setObjectName(QStringLiteral("verdictBar"));
    mainLayout->addWidget(m_verdict);
    m_mainSplit->addWidget(main);

    m_side = new CompareSidePanel(m_mainSplit);
    m_side->setMinimumWidth(220);
    m_mainSplit->addWidget(m_side);
    m_mainSplit->setStretchFactor(0, 3);
    m_mainSplit->setStretchFactor(1, 1);

    m_flagMenu = new QMenu(m_side->flagButton());
    connect(m_flagMenu, &QMenu::aboutToShow, this, [this] { fillLabelMenu(m_flagMenu, true); });
    m_side->flagButton()->setMenu(m_flagMenu);

    connect(m_verdict, &VerdictBar::preferencePicked, this, &CompareEditor::pickVerdict);
    connect(m_verdict, &VerdictBar::bothBadToggled, this, &CompareEditor::toggleBothBad);
    connect(m_verdict, &VerdictBar::clearRequested, this, &CompareEditor::clearPreference);
    connect(m_side->allBadChip(), &OptionChip::clicked, this, [this] {
        m_side->allBadChip()->setChecked(
            !m_side->allBadChip()->isChecked());  // the document decides
        toggleBothBad();
    });
    connect(m_side->ranking(), &RankingList::rankingEdited, this, &CompareEditor::editRanking);
    connect(m_side->rubric(), &RubricGrid::scoreEdited, this, &CompareEditor::editScore);
    connect(m_side->rubric(), &QTableWidget::currentCellChanged, this, [this](int row) {
        const auto& dimensions = m_side->rubric()->dimensions();
        m_side->rubricDescription()->setText(
            row >= 0 && row < dimensions.size() ? dimensions[row].description : QString());
    });
    FlagPanel* flags = m_side->flags();
    connect(flags, &FlagPanel::entryActivated, this, &CompareEditor::revealFlag);
    connect(flags, &FlagPanel::removeRequested, this, &CompareEditor::removeFlag);
    connect(flags, &FlagPanel::commentEdited, this, &CompareEditor::editFlagComment);
    connect(m_side->critique(), &CritiquePanel::commit, this, &CompareEditor::commitCritique);
    connect(m_side->critique(), &CritiquePanel::leaveRequested, this, &CompareEditor::focusEditor);
    connect(m_side->rewrite(), &RewritePanel::commit, this, &CompareEditor::commitRewrite);
    connect(m_side->rewrite(), &RewritePanel::leaveRequested, this, &CompareEditor::focusEditor);
    connect(m_columns, &ResponseColumns::contextMenuRequested, this,
            &CompareEditor::showContextMenu);
    connect(m_columns, &ResponseColumns::markClicked, this, [this](int shown, int mark) {
        const int index = m_markFlags.value(shown).value(mark, -1);
        if (index >= 0)
            m_side->flags()->selectEntry(index);
    });
    m_widget->installEventFilter(this);
}

QAction* CompareEditor::makeAction(const QString& id) {
    QAction* action = Keymap::instance().createAction(id, m_widget);
    // Only while the keyboard is in the editor: the question form beside it
    // and the task list keep their own keys.
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_widget->addAction(action);
    m_actions.insert(id, action);
    return action;
}

void CompareEditor::createActions() {
    for (int n = 1; n <= 7; ++n) {
        connect(makeAction(QStringLiteral("compare.verdict.%1").arg(n)), &QAction::triggered, this,
                [this, n] { pickVerdict(n - 4); });
    }
    connect(makeAction(QStringLiteral("compare.bothBad")), &QAction::triggered, this,
            &CompareEditor::toggleBothBad);

    const bool rendered = settings().value(QStringLiteral("compare/rendered"), true).toBool();
    QAction* raw = makeAction(QStringLiteral("compare.raw"));
    raw->setText(tr("Markdown"));
    raw->setCheckable(true);
    raw->setChecked(rendered);
    m_columns->setRendered(rendered);
    m_prompt->setRendered(rendered);
    connect(raw, &QAction::toggled, this, [this](bool on) {
        m_columns->setRendered(on);
        m_prompt->setRendered(on);
        settings().setValue(QStringLiteral("compare/rendered"), on);
    });

    // Off by default: responses of different length rarely line up.
    const bool sync = settings().value(QStringLiteral("compare/syncScroll"), false).toBool();
    QAction* syncAction = makeAction(QStringLiteral("compare.syncScroll"));
    syncAction->setText(tr("Scroll together"));
    syncAction->setCheckable(true);
    syncAction->setChecked(sync);
    m_columns->setSyncScroll(sync);
    connect(syncAction, &QAction::toggled, this, [this](bool on) {
        m_columns->setSyncScroll(on);
        settings().setValue(QStringLiteral("compare/syncScroll"), on);
    });

    QAction* diff = makeAction(QStringLiteral("compare.diff"));
    diff->setText(tr("Word diff"));
    diff->setCheckable(true);
    connect(diff, &QAction::toggled, this, [this](bool on) {
        m_columns->setDiffShown(on);
        if (on != m_columns->isDiffShown()) {  // fewer than two responses
            QSignalBlocker block(m_actions.value(QStringLiteral("compare.diff")));
            m_actions.value(QStringLiteral("compare.diff"))->setChecked(m_columns->isDiffShown());
        }
    });

    QAction* rewrite = makeAction(QStringLiteral("compare.rewrite"));
    rewrite->setText(tr("Rewrite"));
    connect(rewrite, &QAction::triggered, this, &CompareEditor::toggleRewrite);

    connect(makeAction(QStringLiteral("compare.critique")), &QAction::triggered, this,
            [this] { m_side->critique()->editor()->setFocus(Qt::ShortcutFocusReason); });
    connect(makeAction(QStringLiteral("compare.rubric")), &QAction::triggered, this, [this] {
        if (m_side->rubric()->isVisible())
            m_side->rubric()->setFocus(Qt::ShortcutFocusReason);
    });
    connect(makeAction(QStringLiteral("compare.ranking")), &QAction::triggered, this, [this] {
        RankingList* ranking = m_side->ranking();
        if (!ranking->isVisible())
            return;
        ranking->setFocus(Qt::ShortcutFocusReason);
        if (ranking->selectedResponse() < 0)
            ranking->setCurrentRow(0);
    });
    connect(makeAction(QStringLiteral("compare.nextResponse")), &QAction::triggered, this,
            [this] { m_columns->step(+1); });
    connect(makeAction(QStringLiteral("compare.previousResponse")), &QAction::triggered, this,
            [this] { m_columns->step(-1); });
    for (int n = 1; n <= 9; ++n) {
        connect(makeAction(QStringLiteral("compare.flag.%1").arg(n)), &QAction::triggered, this,
                [this, n] { flagSelection(n - 1, false); });
    }

    m_toolButtons[0]->setDefaultAction(raw);
    m_toolButtons[1]->setDefaultAction(syncAction);
    m_toolButtons[2]->setDefaultAction(diff);
    m_toolButtons[3]->setDefaultAction(rewrite);
}

void CompareEditor::updateKeyHints() {
    QStringList verdictKeys;
    for (int n = 1; n <= 7; ++n)
        verdictKeys << keyText(QStringLiteral("compare.verdict.%1").arg(n));
    m_verdict->setKeyHints(verdictKeys, keyText(QStringLiteral("compare.bothBad")));
    m_side->allBadChip()->setKeyHint(keyText(QStringLiteral("compare.bothBad")));
    m_side->setKeyHints(keyText(QStringLiteral("compare.ranking")),
                        keyText(QStringLiteral("compare.rubric")));
    for (const QString& id : {QStringLiteral("compare.raw"), QStringLiteral("compare.syncScroll"),
                              QStringLiteral("compare.diff"), QStringLiteral("compare.rewrite")}) {
        QAction* a = m_actions.value(id);
        const Keymap::Binding* binding = Keymap::instance().binding(id);
        a->setToolTip(
            QStringLiteral("%1 (%2)").arg(binding ? binding->text : a->text(), keyText(id)));
    }
    m_side->critique()->editor()->setToolTip(tr("%1 to write here, Esc to go back to the responses")
                                                 .arg(keyText(QStringLiteral("compare.critique"))));
}

QList<QPair<QString, QString>> CompareEditor::shortcutHelp() const {
    // The keymap's "compare" rows are listed by the help sheet itself; these
    // are the keys of the parts, which are not rebindable.
    return {
        {tr("Ctrl+Up / Ctrl+Down"), tr("Ranking: move the selected response up or down")},
        {QStringLiteral("="), tr("Ranking: tie the selected response with the one above")},
        {QStringLiteral("-"), tr("Ranking: take the selected response out of its tie")},
        {tr("Return"), tr("Ranking: keep the order as shown")},
        {tr("0–9"), tr("Rubric: type the score of the current cell")},
        {tr("Delete"), tr("Rubric: clear the score; flag list: remove the flag")},
        {QStringLiteral("F2"), tr("Flag list: edit the comment")},
        {tr("Esc"), tr("Critique or rewrite: back to the responses")},
    };
}

void CompareEditor::focusEditor() {
    if (m_columns->count() > 0)
        m_columns->setCurrent(m_columns->current(), true);
    else
        m_widget->setFocus();
}

// ---------------------------------------------------------------- document

void CompareEditor::setDocument(TaskDocument* document) {
    if (document == m_document && document)
        return;
    flushTyping();  // what was typed belongs to the task it was typed on
    m_tracker->setDocument(nullptr);
    disconnect(m_changedConnection);
    if (m_document) {
        const QString goldFeedback = m_gold->leave(m_document, m_order, m_submittedHere);
        if (!goldFeedback.isEmpty())
            Q_EMIT notice(goldFeedback);
    }
    m_document = document;
    m_submittedHere = false;
    m_judge->showFor(nullptr, {}, false, {});  // the next task's rows are read afresh
    if (!m_document)
        return;
    m_shownStatus = m_document->state().status;
    m_changedConnection =
        connect(m_document, &TaskDocument::changed, this, &CompareEditor::refresh);
    loadTask();
    refresh();
    m_tracker->setDocument(m_document);
}

void CompareEditor::loadTask() {
    const Task& task = m_document->task();
    const Schema& schema = m_document->project().schema();
    m_count = comparison::responseCount(task.data);
    const ComparisonResult stored = storedResult();
    m_order = orderOf(stored);
    QList<QJsonValue> contents;
    QStringList titles;
    QStringList texts;
    for (int shown = 0; shown < m_count; ++shown) {
        contents << comparison::response(task.data, canonical(shown));
        titles << responseTitle(shown);
        texts << comparison::contentText(contents.last());
    }
    m_prompt->setContent(task.data.value(QLatin1String("prompt")));
    m_columns->setResponses(contents, titles);
    // The diff toggle stays as it was; with fewer than two responses it is off.
    m_columns->setDiffShown(m_actions.value(QStringLiteral("compare.diff"))->isChecked());

    m_verdict->setVisible(m_count == 2);
    m_side->setRankingShown(m_count > 2);
    m_side->ranking()->forgetTieRows();
    m_side->rubric()->setDimensions(schema.rubric, m_count);
    m_side->setRubricShown(!schema.rubric.isEmpty());
    m_side->critique()->setMinChars(schema.critiqueMinChars);
    m_side->rewrite()->setResponses(texts);
    const bool hasRewrite = stored.rewrite().has_value();
    m_side->setRewriteShown(hasRewrite || m_side->isRewriteShown());
    m_shownFlags.clear();
    m_flagsShown = false;
    m_markFlags = QList<QList<int>>(m_count);
    m_userSizedPrompt = false;
    fitPromptHeight();
}

ComparisonResult CompareEditor::storedResult() const {
    return ComparisonResult::read(m_document->result(), m_count);
}

QList<int> CompareEditor::orderOf(const ComparisonResult& result) const {
    if (result.order())
        return *result.order();
    return comparison::shuffledOrder(m_document->task().uid, m_document->project().annotator(),
                                     m_count);
}

QString CompareEditor::responseTitle(int shown) const {
    QString title = tr("Response %1").arg(comparison::letter(shown));
    if (m_document && m_document->project().schema().showModelNames) {
        const QString model = comparison::modelName(m_document->task().data, canonical(shown));
        if (!model.isEmpty())
            title += QStringLiteral(" · ") + model;
    }
    return title;
}

int CompareEditor::shownOf(int canonicalIndex) const {
    return int(m_order.indexOf(canonicalIndex));
}

int CompareEditor::preferredShown() const {
    if (!m_document)
        return 0;
    const ComparisonResult result = storedResult();
    if (m_count == 2) {
        const auto preference = result.preference();
        return preference && comparison::toShownPreference(*preference, m_order) > 0 ? 1 : 0;
    }
    const ComparisonResult::Ranking& ranking = result.ranking();
    if (ranking.isEmpty())
        return 0;
    int best = m_count;
    for (int canonicalIndex : ranking.first())
        best = qMin(best, shownOf(canonicalIndex));
    return qBound(0, best, m_count - 1);
}

void CompareEditor::refresh() {
    if (!m_document)
        return;
    const ComparisonResult result = storedResult();
    const AnnotationStatus status = m_document->state().status;
    if (status == AnnotationStatus::Submitted && m_shownStatus != AnnotationStatus::Submitted)
        m_submittedHere = true;
    m_shownStatus = status;
    // A stored order that differs from the one shown (set elsewhere, or an
    // undo back to none of it) reshapes the view.
    if (orderOf(result) != m_order)
        loadTask();

    const auto preference = result.preference();
    const bool bothBad = result.isBothBad();
    m_verdict->setVerdict(
        preference ? std::optional<int>(comparison::toShownPreference(*preference, m_order))
                   : std::nullopt,
        bothBad);
    m_side->allBadChip()->setChecked(bothBad);

    if (m_count > 2) {
        QList<QList<int>> shownRanking;
        for (const QList<int>& group : result.ranking()) {
            QList<int> shownGroup;
            for (int canonicalIndex : group)
                shownGroup << shownOf(canonicalIndex);
            shownRanking << shownGroup;
        }
        m_side->ranking()->setRanking(m_count, shownRanking);
    }

    RubricGrid* grid = m_side->rubric();
    for (int row = 0; row < grid->dimensions().size(); ++row) {
        for (int shown = 0; shown < m_count; ++shown) {
            // The grid offers whole scores; one imported as 4.5 shows rounded.
            const auto score = result.score(grid->dimensions()[row].name, canonical(shown));
            grid->setScore(row, shown,
                           score ? std::optional<int>(qRound(*score)) : std::optional<int>());
        }
    }

    refreshFlags(result.flags());
    m_side->critique()->showStored(result.critique());
    m_side->rewrite()->setBase(preferredShown());
    m_side->rewrite()->showStored(result.rewrite());
    m_gold->showFor(m_document, m_order);
    m_judge->showFor(m_document, m_order, result.hasVerdict(), result.critique());
}

void CompareEditor::refreshFlags(const QList<CompareFlag>& flags) {
    // Marks are set only when the flags changed: most edits (typing above
    // all) leave them alone, and re-marking a long response is not free.
    if (m_flagsShown && flags == m_shownFlags)
        return;
    const Schema& schema = m_document->project().schema();
    QList<QList<ResponseView::Mark>> marks(m_count);
    m_markFlags = QList<QList<int>>(m_count);
    QList<FlagPanel::Entry> entries;
    for (int i = 0; i < flags.size(); ++i) {
        const CompareFlag& flag = flags[i];
        const int shown = shownOf(flag.response);
        const QColor color = labelColor(schema, flag.label);
        ResponseView* view = m_columns->view(shown);
        const QString excerpt =
            view ? codePointSlice(view->text(), flag.start, flag.end) : QString();
        entries << FlagPanel::Entry{flag.label, color,
                                    shown >= 0 ? comparison::letter(shown) : QStringLiteral("?"),
                                    excerpt, flag.comment};
        if (shown < 0)
            continue;
        // The view makes an opaque colour translucent so the text stays readable.
        marks[shown] << ResponseView::Mark{
            flag.start, flag.end, color,
            flag.comment.isEmpty() ? flag.label
                                   : QStringLiteral("%1 — %2").arg(flag.label, flag.comment)};
        m_markFlags[shown] << i;
    }
    for (int shown = 0; shown < m_count; ++shown)
        m_columns->view(shown)->setMarks(marks[shown]);
    m_shownFlags = flags;
    m_flagsShown = true;
    m_side->flags()->setEntries(entries);
}

// ---------------------------------------------------------------- edits

ComparisonResult CompareEditor::editableResult() {
    flushTyping();  // an edit builds on what was typed, never drops it
    ComparisonResult result = storedResult();
    // The order goes in with the first edit and then never changes.
    result.setOrder(m_order);
    return result;
}

void CompareEditor::commit(const ComparisonResult& result, const QString& text) {
    // Only the parts this edit changed are written; other keys stay as stored.
    m_document->changeResult(result.toJson(), text);
}

void CompareEditor::pickVerdict(int shown) {
    if (!m_document || m_count != 2)
        return;
    ComparisonResult result = editableResult();
    result.setPreference(comparison::toCanonicalPreference(shown, m_order));
    commit(result, tr("Verdict: %1").arg(VerdictBar::choiceText(shown)));
}

void CompareEditor::toggleBothBad() {
    if (!m_document || m_count < 2)
        return;
    ComparisonResult result = editableResult();
    const bool bothBad = !result.isBothBad();
    result.setBothBad(bothBad);
    commit(result, bothBad ? tr("Both are bad") : tr("Not both bad"));
}

void CompareEditor::clearPreference() {
    if (!m_document)
        return;
    ComparisonResult result = editableResult();
    result.setPreference(std::nullopt);
    commit(result, tr("Clear the verdict"));
}

void CompareEditor::editRanking(const QList<QList<int>>& shownRanking) {
    if (!m_document)
        return;
    ComparisonResult::Ranking ranking;
    for (const QList<int>& group : shownRanking) {
        QList<int> canonicalGroup;
        for (int shown : group)
            canonicalGroup << canonical(shown);
        ranking << canonicalGroup;
    }
    // Stored with each tie sorted, as every reader sees it; the rows of a tie
    // keep their order on screen in the list (RankingList::setRanking).
    ComparisonResult result = editableResult();
    result.setRanking(ranking);
    commit(result, tr("Ranking"));
}

void CompareEditor::editScore(int row, int shown, std::optional<int> score) {
    const auto& dimensions = m_side->rubric()->dimensions();
    if (!m_document || row < 0 || row >= dimensions.size())
        return;
    const QString& name = dimensions[row].name;
    ComparisonResult result = editableResult();
    result.setScore(name, canonical(shown),
                    score ? std::optional<double>(*score) : std::optional<double>());
    commit(result, tr("Rubric %1 of %2").arg(name, comparison::letter(shown)));
}

void CompareEditor::flagSelection(int labelIndex, bool thenComment) {
    if (!m_document)
        return;
    const QList<Label> labels = m_document->project().schema().labelsFor(TaskKind::Compare);
    const auto selection = m_columns->selection();
    if (labelIndex < 0 || labelIndex >= labels.size() || !selection ||
        selection->end <= selection->start) {
        QApplication::beep();
        return;
    }
    ComparisonResult result = editableResult();
    QList<CompareFlag> flags = result.flags();
    const CompareFlag flag{canonical(selection->shown), selection->start, selection->end,
                           labels[labelIndex].name,     QString(),        QJsonObject()};
    int index = int(flags.indexOf(flag));
    if (index < 0) {
        flags << flag;
        index = int(flags.size()) - 1;
        result.setFlags(flags);
        commit(result, tr("Flag %1").arg(flag.label));
    }
    m_columns->view(selection->shown)->clearSelection();
    if (thenComment)
        m_side->flags()->editComment(index);
}

void CompareEditor::removeFlag(int index) {
    if (!m_document)
        return;
    ComparisonResult result = editableResult();
    QList<CompareFlag> flags = result.flags();
    if (index < 0 || index >= flags.size())
        return;
    const QString label = flags.takeAt(index).label;
    result.setFlags(flags);
    commit(result, tr("Remove flag %1").arg(label));
}

void CompareEditor::editFlagComment(int index, const QString& comment) {
    if (!m_document)
        return;
    ComparisonResult result = editableResult();
    QList<CompareFlag> flags = result.flags();
    if (index < 0 || index >= flags.size())
        return;
    flags[index].comment = comment;
    result.setFlags(flags);
    commit(result, tr("Comment on flag %1").arg(flags[index].label));
}

void CompareEditor::revealFlag(int index) {
    if (index < 0 || index >= m_shownFlags.size())
        return;
    const CompareFlag& flag = m_shownFlags[index];
    const int shown = shownOf(flag.response);
    if (shown < 0)
        return;
    if (m_columns->isDiffShown())
        m_actions.value(QStringLiteral("compare.diff"))->setChecked(false);
    m_columns->setCurrent(shown, false);
    m_columns->view(shown)->revealRange(flag.start, flag.end);
}

void CompareEditor::commitCritique(const QString& text) {
    if (!m_document)
        return;
    ComparisonResult result = storedResult();
    result.setOrder(m_order);
    result.setCritique(text);  // an empty critique is removed
    // One typing burst (and everything typed until another edit) is one undo step.
    m_document->changeResult(result.toJson(), tr("Critique"), kMergeCritique,
                             QStringLiteral("critique"));
}

void CompareEditor::commitRewrite(const QString& text) {
    if (!m_document)
        return;
    ComparisonResult result = storedResult();
    result.setOrder(m_order);
    // Kept even when emptied: an empty rewrite is a choice, no rewrite is none.
    result.setRewrite(text);
    m_document->changeResult(result.toJson(), tr("Rewrite"), kMergeCritique,
                             QStringLiteral("rewrite"));
}

void CompareEditor::flushTyping() {
    m_side->critique()->debouncer()->flush();
    m_side->rewrite()->debouncer()->flush();
}

void CompareEditor::toggleRewrite() {
    RewritePanel* panel = m_side->rewrite();
    if (m_side->isRewriteShown() && panel->editor()->hasFocus()) {
        panel->debouncer()->flush();
        m_side->setRewriteShown(false);
        focusEditor();
        return;
    }
    m_side->setRewriteShown(true);
    panel->editor()->setFocus(Qt::ShortcutFocusReason);
}

// ---------------------------------------------------------------- menus, layout

void CompareEditor::fillLabelMenu(QMenu* menu, bool thenComment) {
    menu->clear();
    if (!m_document)
        return;
    const bool selected = m_columns->selection().has_value();
    const QList<Label> labels = m_document->project().schema().labelsFor(TaskKind::Compare);
    if (labels.isEmpty()) {
        menu->addAction(tr("No flag labels in this project"))->setEnabled(false);
        return;
    }
    if (!selected)
        menu->addAction(tr("Select text in a response to flag it"))->setEnabled(false);
    for (int i = 0; i < labels.size(); ++i) {
        const QString key =
            i < 9 ? keyText(QStringLiteral("compare.flag.%1").arg(i + 1)) : QString();
        // "\t" puts the key where a menu shows shortcuts, without binding it twice.
        QAction* action = menu->addAction(
            swatch(labelColor(m_document->project().schema(), labels[i].name)),
            key.isEmpty() ? labels[i].name : labels[i].name + QLatin1Char('\t') + key);
        action->setEnabled(selected);
        connect(action, &QAction::triggered, this,
                [this, i, thenComment] { flagSelection(i, thenComment); });
    }
}

void CompareEditor::showContextMenu(int shown, const QPoint& globalPos) {
    ResponseView* view = m_columns->view(shown);
    if (!view)
        return;
    QMenu menu;
    QMenu* flagMenu = menu.addMenu(tr("Flag as"));
    fillLabelMenu(flagMenu, true);
    menu.addSeparator();
    QAction* copy = menu.addAction(tr("Copy"), view->textEdit(), &QTextEdit::copy);
    copy->setEnabled(view->selectedRange().has_value());
    menu.addAction(tr("Select all"), view->textEdit(), &QTextEdit::selectAll);
    menu.addSeparator();
    menu.addAction(m_actions.value(QStringLiteral("compare.raw")));
    menu.addAction(m_actions.value(QStringLiteral("compare.diff")));
    menu.exec(globalPos);
}

bool CompareEditor::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_widget) {
        if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
            fitPromptHeight();
        else if (event->type() == QEvent::Hide)
            flushTyping();
    }
    return TaskEditor::eventFilter(watched, event);
}

void CompareEditor::fitPromptHeight() {
    // A one-line prompt should not take a third of the screen, and a long
    // conversation should not push the responses out of sight: the prompt
    // gets what it needs, up to a share of the height, until the user drags.
    if (m_userSizedPrompt || m_promptSplit->height() <= 0 || !m_document)
        return;
    const int total = m_promptSplit->height() - m_promptSplit->handleWidth();
    const int cap = int(total * kMaxPromptShare);
    QTextEdit* edit = m_prompt->textEdit();
    int wanted = cap;
    // Laying out a long prompt only to learn it is too tall would cost time.
    if (m_prompt->text().size() < 4000) {
        const int chrome = qMax(m_prompt->height() - edit->viewport()->height(), 40);
        QTextDocument* doc = edit->document();
        const int width = edit->viewport()->width() > 50 ? edit->viewport()->width()
                                                         : m_promptSplit->width() - 20;
        if (qAbs(doc->textWidth() - width) > 1)
            doc->setTextWidth(width);
        wanted = int(doc->size().height()) + chrome + 6;
    }
    const int prompt = qBound(m_prompt->minimumHeight(), wanted, qMax(cap, 60));
    m_promptSplit->setSizes({prompt, total - prompt});
}

}  // namespace postil
