#include "editors/text/texteditor.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "document/taskdocument.h"
#include "editors/text/editorwords.h"
#include "editors/text/findbar.h"
#include "editors/text/spanedits.h"
#include "editors/text/spansidepanel.h"
#include "editors/text/spantextview.h"
#include "formats/detectionsupport.h"
#include "widgets/elidedlabel.h"
#include "widgets/labelcolors.h"
#include "widgets/labelpalette.h"
#include "widgets/proposalbar.h"
#include "widgets/readingstyle.h"

namespace postil {

using editorwords::excerpt;
using editorwords::keyText;

namespace {
// Query words shorter than this ("a", "to") would mark half the text.
constexpr int kMinMarkedWordLength = 3;
}  // namespace

TextEditor::TextEditor(QObject* parent) : TaskEditor(parent) {
    buildWidget();
    createActions();
    updateStatus();
}

TextEditor::~TextEditor() {
    delete m_widget;
}

QWidget* TextEditor::widget() {
    return m_widget;
}

void TextEditor::buildWidget() {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("textEditor"));
    auto* layout = new QVBoxLayout(m_widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // One row: the text labels with their keys (a click labels the
    // selection too), then the editor's toggles.
    auto* bars = new QHBoxLayout;
    bars->setContentsMargins(0, 0, 0, 0);
    bars->setSpacing(0);
    m_labelBar = new QToolBar(m_widget);
    m_labelBar->setObjectName(QStringLiteral("textLabelBar"));
    m_labelBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_labelBar->setIconSize(QSize(12, 12));
    m_toolbar = new QToolBar(m_widget);
    m_toolbar->setObjectName(QStringLiteral("textToolBar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bars->addWidget(m_labelBar, 1);
    bars->addWidget(m_toolbar, 0);
    layout->addLayout(bars);

    // The query of a search-relevance task, above the text as the preview
    // showed it.
    auto* page = new QWidget(m_widget);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(12, 10, 12, 6);
    pageLayout->setSpacing(8);
    m_queryPanel = new QFrame(page);
    m_queryPanel->setObjectName(QStringLiteral("queryPanel"));
    // Style sheet only for the panel's box; palette() keeps it theme-aware.
    m_queryPanel->setStyleSheet(
        QStringLiteral("QFrame#queryPanel { background: palette(alternate-base); border: 1px "
                       "solid palette(mid); border-left: 4px solid palette(highlight); "
                       "border-radius: 4px; }"));
    auto* queryLayout = new QVBoxLayout(m_queryPanel);
    queryLayout->setContentsMargins(16, 10, 16, 12);
    queryLayout->setSpacing(4);
    queryLayout->addWidget(preview::makeSectionLabel(tr("Search query"), m_queryPanel));
    m_query = new QLabel(m_queryPanel);
    m_query->setObjectName(QStringLiteral("queryText"));
    m_query->setTextFormat(Qt::PlainText);
    m_query->setWordWrap(true);
    m_query->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont queryFont = preview::readingFont();
    queryFont.setPointSizeF(queryFont.pointSizeF() * 1.25);
    queryFont.setBold(true);
    m_query->setFont(queryFont);
    queryLayout->addWidget(m_query);
    pageLayout->addWidget(m_queryPanel);
    m_queryPanel->hide();

    m_findBar = new FindBar(page);
    m_findBar->hide();
    pageLayout->addWidget(m_findBar);
    connect(m_findBar, &FindBar::queryChanged, this, &TextEditor::refreshFind);
    connect(m_findBar, &FindBar::nextRequested, this, [this] { findStep(+1); });
    connect(m_findBar, &FindBar::previousRequested, this, [this] { findStep(-1); });
    connect(m_findBar, &FindBar::labelAllRequested, this, &TextEditor::labelAllMatches);
    connect(m_findBar, &FindBar::closed, this, [this] {
        m_find = FindResult();
        m_findCurrent = -1;
        m_view->setMarks({}, -1);
        m_view->setFocus();
    });

    m_splitter = new QSplitter(Qt::Horizontal, page);
    m_view = new SpanTextView(m_splitter);
    m_splitter->addWidget(m_view);
    m_panel = new SpanSidePanel(m_splitter);
    m_panel->setMinimumWidth(220);
    m_splitter->addWidget(m_panel);
    m_splitter->setCollapsible(0, false);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 0);
    m_splitter->setSizes({760, 280});
    pageLayout->addWidget(m_splitter, 1);
    m_proposalBar = new ProposalBar(m_widget);
    connect(m_proposalBar, &ProposalBar::thresholdChanged, this, [this] { updateProposals(); });
    connect(m_proposalBar, &ProposalBar::acceptAllRequested, this,
            [this] { acceptAllProposals(); });
    layout->addWidget(m_proposalBar);
    layout->addWidget(page, 1);

    auto* strip = new QWidget(m_widget);
    strip->setObjectName(QStringLiteral("textStatus"));
    strip->setAutoFillBackground(true);
    strip->setBackgroundRole(QPalette::Window);
    auto* stripLayout = new QHBoxLayout(strip);
    stripLayout->setContentsMargins(10, 3, 10, 3);
    stripLayout->setSpacing(16);
    m_selectionStatus = new QLabel(strip);
    m_selectionStatus->setTextFormat(Qt::PlainText);
    m_countStatus = new QLabel(strip);
    m_noteStatus = new ElidedLabel(strip);
    m_noteStatus->setForegroundRole(QPalette::PlaceholderText);
    stripLayout->addWidget(m_selectionStatus, 2);
    stripLayout->addWidget(m_countStatus);
    stripLayout->addWidget(m_noteStatus, 3);
    // Status words never ask for width: a long excerpt must not resize the text.
    m_selectionStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(strip);

    m_palette = new LabelPalette(m_widget);
    m_palette->hide();
    connect(m_palette, &LabelPalette::labelChosen, this, [this](const QString& name) {
        applyLabel(name);
        m_view->setFocus();
    });
    connect(m_palette, &LabelPalette::labelCreated, this, [this](const QString& name) {
        createLabel(name);
        m_view->setFocus();
    });
    m_relationPalette = new LabelPalette(m_widget);
    m_relationPalette->setObjectName(QStringLiteral("relationPalette"));
    m_relationPalette->hide();
    connect(m_relationPalette, &LabelPalette::labelChosen, this, [this](const QString& name) {
        const int from = m_relationFrom;
        const int to = m_relationTo;
        endRelation();
        addRelation(from, to, name);
        m_view->setFocus();
    });
    connect(m_relationPalette, &LabelPalette::labelCreated, this, [this](const QString& name) {
        createRelationLabel(name);
        m_view->setFocus();
    });
    connect(m_relationPalette, &LabelPalette::dismissed, this, [this] {
        if (pickingRelation() && m_relationTo >= 0) {
            endRelation();
            note(tr("No relation made."));
        }
    });
    connect(m_view, &SpanTextView::spanPicked, this, &TextEditor::pickRelationTarget);
    connect(m_view, &SpanTextView::relationSelected, this, &TextEditor::selectRelation);
    connect(m_view, &SpanTextView::selectionChanged, this, &TextEditor::updateStatus);
    connect(m_view, &SpanTextView::spanSelected, this, &TextEditor::onSpanSelected);
    connect(m_panel, &SpanSidePanel::spanChosen, this, [this](int id) {
        m_view->setSelectedSpan(id, true);
        onSpanSelected();
    });
    connect(m_panel, &SpanSidePanel::spanActivated, this, [this](int id) {
        m_view->setSelectedSpan(id, true);
        onSpanSelected();
        m_view->setFocus();
    });
    connect(m_panel, &SpanSidePanel::hiddenLabelsChanged, this, &TextEditor::setHiddenLabels);
    connect(m_panel, &SpanSidePanel::attributeEdited, this, &TextEditor::setAttribute);
    connect(m_panel, &SpanSidePanel::noteEdited, this, &TextEditor::setNote);
    connect(m_panel, &SpanSidePanel::relationChosen, this, &TextEditor::selectRelation);
    connect(m_panel, &SpanSidePanel::relationDeleteRequested, this, &TextEditor::deleteRelation);
}

void TextEditor::createActions() {
    Keymap& keymap = Keymap::instance();
    // Editor-wide keys work wherever the focus is inside the editor; keys that
    // other widgets need for themselves (Tab, Escape) only on the text.
    auto add = [&](const QString& id, QWidget* scope, auto slot) {
        QAction* action = keymap.createAction(id, this);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        scope->addAction(action);
        m_actions.insert(id, action);
        return action;
    };
    QWidget* all = m_widget;
    add(QStringLiteral("text.nextSpan"), m_view, [this] { cycleSpan(+1); });
    add(QStringLiteral("text.previousSpan"), m_view, [this] { cycleSpan(-1); });
    add(QStringLiteral("text.cancel"), m_view, [this] { cancel(); });
    add(QStringLiteral("text.delete"), all, [this] {
        if (selectedSpan() >= 0)
            deleteSelectedSpan();
        else if (selectedRelation() >= 0)
            deleteRelation(selectedRelation());
    });
    add(QStringLiteral("text.relation"), all, [this] { startRelation(); });
    add(QStringLiteral("text.acceptProposals"), all, [this] { acceptAllProposals(); });
    add(QStringLiteral("text.acceptProposal"), all, [this] { acceptProposal(); });
    add(QStringLiteral("text.rejectProposal"), all, [this] { rejectProposal(); });
    // Ctrl+F inside the editor, where it takes the key from the task list's
    // filter: not a widget's shortcut (the two would be ambiguous and neither
    // would fire) but a key the editor claims while the focus is inside it
    // (eventFilter). The action keeps the key in step with the keymap.
    QAction* find = keymap.createAction(QStringLiteral("text.find"), this);
    connect(find, &QAction::triggered, this, &TextEditor::openFind);
    m_actions.insert(find->objectName(), find);
    m_widget->installEventFilter(this);
    add(QStringLiteral("text.palette"), all, [this] { m_palette->popup(m_view); });
    for (int n = 1; n <= 9; ++n)
        add(QStringLiteral("text.label.%1").arg(n), all, [this, n] { applyLabelKey(n); });
    QAction* names =
        add(QStringLiteral("text.toggleNames"), all, [this](bool on) { m_view->setShowNames(on); });
    names->setCheckable(true);
    names->setChecked(m_view->showNames());
    names->setIconText(tr("Names"));
    QAction* proposals = add(QStringLiteral("text.toggleProposals"), all,
                             [this](bool on) { setProposalsShown(on); });
    proposals->setCheckable(true);
    proposals->setChecked(true);
    proposals->setIconText(tr("Proposals"));
    // The bar's own button has no key: the key is claimed in eventFilter.
    QAction* findButton = m_toolbar->addAction(tr("Find"));
    findButton->setObjectName(QStringLiteral("findButton"));
    findButton->setToolTip(QStringLiteral("%1 (%2)").arg(
        find->text(), find->shortcut().toString(QKeySequence::NativeText)));
    connect(findButton, &QAction::triggered, this, &TextEditor::openFind);
    for (QAction* action : {names, proposals}) {
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            action->text(), action->shortcut().toString(QKeySequence::NativeText)));
        m_toolbar->addAction(action);
    }
}

QList<QPair<QString, QString>> TextEditor::shortcutHelp() const {
    // The help sheet lists the keymap's "text" keys itself; this adds the
    // mouse, the view's own keys and which label each digit gives.
    QList<QPair<QString, QString>> help;
    help.append({tr("Drag"), tr("Select whole words")});
    help.append({tr("Alt+Drag"), tr("Select exact characters")});
    help.append({tr("Click a span, its underline or its name"), tr("Select the span")});
    help.append({tr("Shift+Click"), tr("Extend the selection")});
    help.append({tr("Left, Right"), tr("Move the caret by word")});
    help.append({tr("Shift+Left, Shift+Right"), tr("Extend the selection by word")});
    help.append({tr("Alt+Shift+Left, Alt+Shift+Right"), tr("Extend the selection by character")});
    help.append({tr("Up, Down, Home, End"), tr("Move the caret by line (Shift extends)")});
    for (int digit = 1; digit <= 9; ++digit) {
        const QString name = labelForKey(digit);
        if (!name.isNull())
            help.append(
                {keyText(QStringLiteral("text.label.%1").arg(digit)), tr("Label “%1”").arg(name)});
    }
    return help;
}

void TextEditor::focusEditor() {
    m_view->setFocus(Qt::ShortcutFocusReason);
}

// ---------------------------------------------------------------- document

QColor TextEditor::colorFor(const QString& label) const {
    if (auto it = m_colors.find(label); it != m_colors.end())
        return *it;
    return unknownLabelColor(label);
}

void TextEditor::syncSchema() {
    const Schema& schema = m_document->project().schema();
    m_labels = schema.labelsFor(TaskKind::Text);
    m_colors = labelColors(m_labels);
    const auto colorOf = [this](const QString& label) { return colorFor(label); };
    m_palette->setLabels(m_labels, colorOf);
    m_panel->setLabels(m_labels, colorOf);
    m_panel->setAttributes(schema.attributesFor(TaskKind::Text));
    m_findBar->setLabels(m_labels, colorOf);
    m_relationLabels = schema.relationLabels;
    QList<Label> relationLabels;
    for (const RelationLabel& relation : std::as_const(m_relationLabels))
        relationLabels.append({relation.name, relation.color, QString(), {TaskKind::Text}});
    m_relationPalette->setLabels(relationLabels,
                                 [this](const QString& name) { return relationColor(name); });
    rebuildLabelBar();
}

void TextEditor::rebuildLabelBar() {
    // The bar owns its actions: clear() alone would keep them alive.
    const QList<QAction*> old = m_labelBar->actions();
    m_labelBar->clear();
    qDeleteAll(old);
    for (int digit = 1; digit <= 9; ++digit) {
        const QString name = labelForKey(digit);
        if (name.isNull())
            continue;
        QAction* chip = m_labelBar->addAction(labelSwatch(colorFor(name)),
                                              QStringLiteral("%1  %2").arg(digit).arg(name));
        chip->setObjectName(QStringLiteral("labelChip:") + name);
        chip->setToolTip(tr("Label the selection “%1” (%2)")
                             .arg(name, keyText(QStringLiteral("text.label.%1").arg(digit))));
        connect(chip, &QAction::triggered, this, [this, name] {
            applyLabel(name);
            m_view->setFocus();
        });
    }
    if (m_labels.size() > 9 || m_labels.isEmpty()) {
        QAction* more = m_labelBar->addAction(
            m_labels.isEmpty() ? tr("No text labels yet: %1 creates one")
                                     .arg(keyText(QStringLiteral("text.palette")))
                               : tr("All %1 labels… (%2)")
                                     .arg(m_labels.size())
                                     .arg(keyText(QStringLiteral("text.palette"))));
        more->setObjectName(QStringLiteral("allLabels"));
        connect(more, &QAction::triggered, this, [this] { m_palette->popup(m_view); });
    }
}

void TextEditor::setDocument(TaskDocument* document) {
    endRelation();
    m_relationPalette->hide();
    // A note still being typed belongs to the task it was typed on.
    m_panel->flushNote();
    m_panel->discardNote();
    disconnect(m_changedConnection);
    disconnect(m_schemaConnection);
    m_document = document;
    m_noteStatus->clear();
    m_palette->hide();
    m_annotation = TextAnnotation();
    m_shownSpans = m_shownRelations = QJsonValue();
    if (!document) {
        m_text.clear();
        m_offsets = TextOffsets();
        m_view->setText(QString());
        m_panel->setText(&m_text, &m_offsets);
        m_view->setSpans({});
        m_view->setRelations({});
        m_panel->setSpans({}, m_annotation);
        m_panel->setRelations({});
        m_proposalSources.clear();
        m_proposalRefs.clear();
        m_view->setProposals({});
        m_find = FindResult();
        m_findCurrent = -1;
        showQuery(QString());
        onSpanSelected();
        return;
    }
    const QJsonObject data = document->task().data;
    m_text = data.value(QStringLiteral("text")).toString();
    m_offsets = TextOffsets(m_text);
    m_view->setText(m_text);
    m_panel->setText(&m_text, &m_offsets);
    syncSchema();
    m_changedConnection =
        connect(document, &TaskDocument::changed, this, &TextEditor::onDocumentChanged);
    m_schemaConnection = connect(document, &TaskDocument::schemaChanged, this, [this] {
        syncSchema();
        showSpans();  // colours and keys follow the new labels
        onSpanSelected();
    });
    showQuery(data.value(QStringLiteral("query")).toString());
    loadProposals();
    loadSpans();
    if (m_findBar->isVisible())
        refreshFind();
}

void TextEditor::showQuery(const QString& query) {
    const bool hasQuery = !query.trimmed().isEmpty();
    m_queryPanel->setVisible(hasQuery);
    m_query->setText(query);
    // A label lays out as one paragraph in the widget's direction: follow the
    // query's own script so an Arabic or Hebrew query starts at the right.
    m_query->setLayoutDirection(query.isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight);
    // The query's words, marked where the text has them.
    QList<TextMark> marks;
    if (hasQuery) {
        static const QRegularExpression separators(QStringLiteral("[^\\w]+"),
                                                   QRegularExpression::UseUnicodePropertiesOption);
        for (const QString& word : query.split(separators, Qt::SkipEmptyParts)) {
            if (word.size() < kMinMarkedWordLength)
                continue;
            for (qsizetype at = m_text.indexOf(word, 0, Qt::CaseInsensitive); at >= 0;
                 at = m_text.indexOf(word, at + word.size(), Qt::CaseInsensitive))
                marks.append({at, at + word.size()});
        }
        std::sort(marks.begin(), marks.end(),
                  [](const TextMark& a, const TextMark& b) { return a.start < b.start; });
        // Overlapping words become one mark.
        QList<TextMark> merged;
        for (const TextMark& mark : std::as_const(marks)) {
            if (!merged.isEmpty() && mark.start <= merged.last().end)
                merged.last().end = std::max(merged.last().end, mark.end);
            else
                merged.append(mark);
        }
        marks = merged;
    }
    m_view->setQueryMarks(marks);
}

bool TextEditor::showsQuery() const {
    return !m_queryPanel->isHidden();
}

void TextEditor::loadSpans() {
    QStringList problems;
    QJsonObject result = m_document ? m_document->result() : QJsonObject();
    m_annotation = spanresult::read(result, &problems, m_offsets.codePointCount());
    m_shownSpans = result.value(QStringLiteral("spans"));
    m_shownRelations = result.value(QStringLiteral("relations"));
    showSpans();
    onSpanSelected();
    if (!problems.isEmpty())
        note(tr("Stored spans not shown (the next edit leaves them out): %1")
                 .arg(problems.join(QStringLiteral("; "))));
}

void TextEditor::showSpans() {
    showSpansInView();
    showSpansInPanel();
}

void TextEditor::showSpansInView() {
    QList<ViewSpan> spans;
    spans.reserve(m_annotation.spans.size());
    for (int i = 0; i < m_annotation.spans.size(); ++i) {
        const Span& span = m_annotation.spans[i];
        if (m_hiddenLabels.contains(span.label))
            continue;
        ViewSpan shown;
        shown.start = m_offsets.toUtf16(span.start);
        shown.end = m_offsets.toUtf16(span.end);
        if (shown.start < 0 || shown.end <= shown.start)
            continue;
        shown.id = i;
        shown.label = span.label;
        shown.color = colorFor(span.label);
        spans.append(shown);
    }
    m_view->setSpans(std::move(spans));  // not shared: the index sorts it in place
    QList<ViewRelation> relations;
    for (int i = 0; i < m_annotation.relations.size(); ++i) {
        const Relation& relation = m_annotation.relations[i];
        if (!m_view->scene().spans.byId(relation.from) || !m_view->scene().spans.byId(relation.to))
            continue;
        relations.append(
            {i, relation.from, relation.to, relation.label, relationColor(relation.label)});
    }
    m_view->setRelations(relations);
    updateProposals();
}

void TextEditor::showSpansInPanel() {
    m_panel->setSpans(m_view->scene().spans.spans(), m_annotation);
    QList<RelationRow> rows;
    for (const ViewRelation& relation : std::as_const(m_view->scene().relations)) {
        const Span& from = m_annotation.spans[relation.from];
        const Span& to = m_annotation.spans[relation.to];
        auto text = [this](const Span& span) {
            const qsizetype a = m_offsets.toUtf16(span.start);
            return excerpt(m_text.mid(a, m_offsets.toUtf16(span.end) - a));
        };
        rows.append({relation.id,
                     QStringLiteral("%1 “%2” → %3 → %4 “%5”")
                         .arg(from.label, text(from), relation.label, to.label, text(to)),
                     relation.color});
    }
    m_panel->setRelations(rows);
}

void TextEditor::onDocumentChanged() {
    if (!m_document)
        return;
    // The editor's own edit comes back here unchanged: nothing to redo. An
    // undo, a redo or an answer in the question form lands here too; only a
    // change of the spans or relations touches the view.
    const QJsonObject result = m_document->result();
    if (result.value(QStringLiteral("spans")) == m_shownSpans &&
        result.value(QStringLiteral("relations")) == m_shownRelations) {
        updateProposals();  // a rejection undone or redone
        return;
    }
    loadSpans();
}

void TextEditor::commit(const TextAnnotation& edited, const QString& text, int select, int mergeId,
                        const QString& mergeKey) {
    if (!m_document)
        return;
    if (select == kKeepSelection) {
        // The same span, wherever the edit moved it (copies sort the list).
        const int before = selectedSpan();
        select = -1;
        if (before >= 0) {
            const Span& kept = m_annotation.spans[before];
            select = edited.find(kept.label, kept.start, kept.end);
        }
    }
    m_annotation = edited;
    // The edit shows first, then it is written: a row of 20,000 spans takes
    // longer than a frame to write, and the span is on screen meanwhile. The
    // write still ends before this returns (docs/architecture.md §5).
    showSpansInView();
    m_view->setSelectedSpan(select, true);
    m_view->viewport()->repaint();
    const QJsonObject result = spanresult::withSpans(m_document->result(), m_annotation);
    m_shownSpans = result.value(QStringLiteral("spans"));
    m_shownRelations = result.value(QStringLiteral("relations"));
    m_document->changeResult(result, text, mergeId, mergeKey);
    // A failed write leaves the document as it was: show what it holds.
    if (m_document->result().value(QStringLiteral("spans")) != m_shownSpans) {
        loadSpans();
        return;
    }
    showSpansInPanel();
    onSpanSelected();
}

// ---------------------------------------------------------------- edits

void TextEditor::applyLabelKey(int digit) {
    const QString name = labelForKey(digit);
    if (name.isNull())
        note(tr("No label on key %1").arg(digit));
    else
        applyLabel(name);
}

bool TextEditor::selectionInCodePoints(qint64* start, qint64* end) const {
    if (!m_view->hasSelection())
        return false;
    *start = m_offsets.toCodePoint(m_view->selectionStart());
    *end = m_offsets.toCodePoint(m_view->selectionEnd());
    return *start >= 0 && *end > *start;
}

void TextEditor::applyLabel(const QString& name) {
    if (!m_document)
        return;
    qint64 start = 0;
    qint64 end = 0;
    if (selectionInCodePoints(&start, &end)) {
        TextAnnotation edited = m_annotation;
        Span span;
        span.label = name;
        span.start = start;
        span.end = end;
        const int index = spanedit::add(edited, span);
        m_view->clearSelection();
        commit(edited, tr("Label %1").arg(name), index);
        return;
    }
    const int selected = selectedSpan();
    if (selected >= 0) {
        if (m_annotation.spans[selected].label == name)
            return;
        TextAnnotation edited = m_annotation;
        const int index = spanedit::relabel(edited, selected, name);
        commit(edited, tr("Relabel span %1").arg(name), index);
        return;
    }
    note(tr("Select some text first: drag over it, or Shift+arrows from the caret."));
}

void TextEditor::createLabel(const QString& name) {
    if (!m_document)
        return;
    for (const Label& label : m_document->project().schema().labels)
        if (label.name == name) {
            applyLabel(name);  // the schema has it, for another kind only
            return;
        }
    Schema schema = m_document->project().schema();
    Label label = detection::newLabel(schema, name);
    label.kinds = {TaskKind::Text};
    schema.labels << label;
    qint64 start = 0;
    qint64 end = 0;
    const int selected = selectedSpan();
    if (selectionInCodePoints(&start, &end) || selected >= 0) {
        TextAnnotation edited = m_annotation;
        int index = selected;
        if (m_view->hasSelection()) {
            Span span;
            span.label = name;
            span.start = start;
            span.end = end;
            index = spanedit::add(edited, span);
            m_view->clearSelection();
        } else {
            index = spanedit::relabel(edited, selected, name);
        }
        // One step for the label and the span: undo takes both away.
        m_shownSpans = QJsonValue();  // the document's change shows the spans
        m_document->changeSchema(schema, tr("Label with new label %1").arg(name),
                                 spanresult::withSpans(m_document->result(), edited));
        m_view->setSelectedSpan(index, true);
    } else {
        m_document->changeSchema(schema, tr("New label %1").arg(name));
    }
    note(tr("Added label “%1” to the project (Ctrl+Z takes it back)").arg(name));
}

void TextEditor::deleteSelectedSpan() {
    const int selected = selectedSpan();
    if (selected < 0 || !m_document)
        return;
    TextAnnotation edited = m_annotation;
    const QString label = edited.spans[selected].label;
    edited.removeSpan(selected);
    commit(edited, tr("Delete span %1").arg(label), -1);
}

int TextEditor::selectedSpan() const {
    const int id = m_view->selectedSpan();
    return id >= 0 && id < m_annotation.spans.size() ? id : -1;
}

void TextEditor::selectSpan(int index) {
    m_view->setSelectedSpan(index, true);
    onSpanSelected();
}

void TextEditor::onSpanSelected() {
    const int index = selectedSpan();
    if (index >= 0 && m_view->scene().selectedRelation >= 0) {
        m_view->setSelectedRelation(-1);
        m_panel->showRelation(-1);
    }
    m_panel->showSelection(
        index, index >= 0 ? std::optional<Span>(m_annotation.spans[index]) : std::nullopt);
    updateStatus();
}

void TextEditor::setAttribute(const QString& name, const QJsonValue& value) {
    const int selected = selectedSpan();
    if (selected < 0 || !m_document)
        return;
    TextAnnotation edited = m_annotation;
    QJsonObject& attrs = edited.spans[selected].attrs;
    if (value.isUndefined())
        attrs.remove(name);
    else
        attrs.insert(name, value);
    if (attrs == m_annotation.spans[selected].attrs)
        return;
    commit(edited, tr("Set %1").arg(name), kKeepSelection);
}

void TextEditor::setNote(int index, const QString& note) {
    if (index < 0 || index >= m_annotation.spans.size() || !m_document)
        return;
    if (m_annotation.spans[index].note == note)
        return;
    TextAnnotation edited = m_annotation;
    edited.spans[index].note = note;
    // A note typed in bursts is one undo step per span.
    commit(edited, tr("Note on span %1").arg(edited.spans[index].label), kKeepSelection,
           kMergeSpanNote, QString::number(index));
}

void TextEditor::setHiddenLabels(const QSet<QString>& labels) {
    m_hiddenLabels = labels;
    m_panel->setHiddenLabels(labels);
    showSpans();
    onSpanSelected();
}

void TextEditor::cycleSpan(int step) {
    const QList<ViewSpan>& shown = m_view->scene().spans.spans();
    if (shown.isEmpty()) {
        note(tr("No spans yet: select text and press a label's key."));
        return;
    }
    const ViewSpan* current = m_view->scene().spans.byId(m_view->selectedSpan());
    qsizetype at = -1;
    if (current) {
        at = (current - shown.constData() + step + shown.size()) % shown.size();
    } else {
        // From the caret: the first span after it, or the last before it.
        const qsizetype caret = m_view->caret();
        at = step > 0 ? 0 : shown.size() - 1;
        for (qsizetype i = 0; i < shown.size(); ++i) {
            const qsizetype k = step > 0 ? i : shown.size() - 1 - i;
            if (step > 0 ? shown[k].start >= caret : shown[k].start < caret) {
                at = k;
                break;
            }
        }
    }
    selectSpan(shown[at].id);
}

void TextEditor::cancel() {
    if (pickingRelation()) {
        endRelation();
        note(tr("No relation made."));
        return;
    }
    if (m_view->hasSelection())
        m_view->clearSelection();
    else if (m_view->selectedSpan() >= 0)
        m_view->setSelectedSpan(-1);
    onSpanSelected();
}

// ---------------------------------------------------------------- status

void TextEditor::updateStatus() {
    QString selection;
    if (m_view->hasSelection()) {
        const qsizetype from = m_view->selectionStart();
        const qsizetype to = m_view->selectionEnd();
        selection = tr("Selected “%1”  %2–%3")
                        .arg(excerpt(m_text.mid(from, to - from)))
                        .arg(m_offsets.toCodePoint(from))
                        .arg(m_offsets.toCodePoint(to));
    } else if (const int index = selectedSpan(); index >= 0) {
        const Span& span = m_annotation.spans[index];
        const qsizetype from = m_offsets.toUtf16(span.start);
        const qsizetype to = m_offsets.toUtf16(span.end);
        selection = tr("%1 “%2”  %3–%4")
                        .arg(span.label, excerpt(m_text.mid(from, to - from)))
                        .arg(span.start)
                        .arg(span.end);
    }
    m_selectionStatus->setText(selection);
    m_countStatus->setText(
        m_document ? counted(m_annotation.spans.size(), tr("1 span"), tr("%1 spans")) : QString());
}

void TextEditor::note(const QString& text) {
    m_noteStatus->setNote(text);
}

QString TextEditor::statusText() const {
    QStringList parts;
    for (QLabel* label :
         std::initializer_list<QLabel*>{m_selectionStatus, m_countStatus, m_noteStatus})
        if (!label->text().isEmpty())
            parts << label->text();
    return parts.join(QStringLiteral("  ·  "));
}

}  // namespace postil
