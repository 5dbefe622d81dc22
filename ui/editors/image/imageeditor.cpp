#include "editors/image/imageeditor.h"

#include <QAction>
#include <QActionGroup>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPainter>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "document/taskdocument.h"
#include "editors/image/boxlayer.h"
#include "editors/image/boxlistpanel.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/tiledimageitem.h"
#include "formats/detectionsupport.h"
#include "keys/keymap.h"
#include "media/mediadecodecheck.h"
#include "widgets/attributespanel.h"
#include "widgets/counted.h"
#include "widgets/elidedlabel.h"
#include "widgets/labelcolors.h"
#include "widgets/labelpalette.h"
#include "widgets/proposalbar.h"

namespace postil {

namespace {

// The boxes as a commit stores them: rounded once here for every path (a
// clamp to the image edge leaves 640 - 64.07 = 575.9300000000001), so noise
// never reaches the file. A box the edit did not touch stays as it was read.
QList<Box> withStoredRects(QList<Box> boxes) {
    for (Box& box : boxes)
        if (!box.isAsRead())
            box.setRect(boxlogic::stored(box.rect()));
    return boxes;
}

// The key the user bound to a keymap id, as the help and notes name it.
QString keyText(const QString& id) {
    return Keymap::instance().key(id).toString(QKeySequence::NativeText);
}

QString zoomText(double scale) {
    const double percent = scale * 100.0;
    return QStringLiteral("%1 %").arg(percent < 10 ? QString::number(percent, 'f', 1)
                                                   : QString::number(qRound(percent)));
}

}  // namespace

ImageEditor::ImageEditor(QObject* parent) : TaskEditor(parent) {
    buildWidget();
    createActions();
    updateToolButtons();
    updateStatus();
}

ImageEditor::~ImageEditor() {
    delete m_widget;
}

QWidget* ImageEditor::widget() {
    return m_widget;
}

void ImageEditor::buildWidget() {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("imageEditor"));
    auto* layout = new QVBoxLayout(m_widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto* toolbar = m_toolbar = new QToolBar(m_widget);
    toolbar->setObjectName(QStringLiteral("imageToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(12, 12));
    layout->addWidget(toolbar);

    m_proposalBar = new ProposalBar(m_widget);
    layout->addWidget(m_proposalBar);
    connect(m_proposalBar, &ProposalBar::thresholdChanged, this, [this] { updateProposals(); });
    connect(m_proposalBar, &ProposalBar::acceptAllRequested, this,
            [this] { acceptAllProposals(); });

    auto* splitter = new QSplitter(Qt::Horizontal, m_widget);
    m_stack = new QStackedWidget(splitter);
    m_canvas = new ImageCanvas(m_stack);
    m_stack->addWidget(m_canvas);
    m_proposalItem = new ProposalLayerItem(&m_canvas->style());
    m_canvas->scene()->addItem(m_proposalItem);

    m_messagePage = new QWidget(m_stack);
    m_messagePage->setObjectName(QStringLiteral("imageMessage"));
    // Focusable, so that A and D still lead away from a task that cannot be shown.
    m_messagePage->setFocusPolicy(Qt::StrongFocus);
    auto* messageLayout = new QVBoxLayout(m_messagePage);
    messageLayout->setContentsMargins(32, 32, 32, 32);
    messageLayout->addStretch(1);
    m_messageTitle = new QLabel(m_messagePage);
    QFont titleFont = m_messageTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_messageTitle->setFont(titleFont);
    m_messageTitle->setAlignment(Qt::AlignCenter);
    m_messageTitle->setWordWrap(true);
    m_messageDetails = new QLabel(m_messagePage);
    m_messageDetails->setAlignment(Qt::AlignCenter);
    m_messageDetails->setWordWrap(true);
    m_messageDetails->setTextFormat(Qt::PlainText);
    m_messageDetails->setTextInteractionFlags(Qt::TextSelectableByMouse);
    messageLayout->addWidget(m_messageTitle);
    messageLayout->addWidget(m_messageDetails);
    messageLayout->addStretch(2);
    m_stack->addWidget(m_messagePage);

    m_panel = new BoxListPanel(splitter);
    m_panel->setMinimumWidth(200);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setCollapsible(0, false);
    splitter->setSizes({800, 240});
    layout->addWidget(splitter, 1);

    auto* strip = new QWidget(m_widget);
    strip->setObjectName(QStringLiteral("imageStatus"));
    strip->setAutoFillBackground(true);
    strip->setBackgroundRole(QPalette::Window);
    auto* stripLayout = new QHBoxLayout(strip);
    stripLayout->setContentsMargins(10, 3, 10, 3);
    stripLayout->setSpacing(16);
    m_fileStatus = new QLabel(strip);
    m_fileStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_zoomStatus = new QLabel(strip);
    m_cursorStatus = new QLabel(strip);
    m_cursorStatus->setMinimumWidth(m_cursorStatus->fontMetrics().horizontalAdvance(
        QStringLiteral("x 00000.0  y 00000.0  (00000 × 00000)")));
    m_labelStatus = new QLabel(strip);
    m_noteStatus = new ElidedLabel(strip);
    m_noteStatus->setForegroundRole(QPalette::PlaceholderText);
    stripLayout->addWidget(m_fileStatus);
    stripLayout->addWidget(m_zoomStatus);
    stripLayout->addWidget(m_cursorStatus);
    stripLayout->addWidget(m_labelStatus);
    stripLayout->addWidget(m_noteStatus, 1);
    // Status words never ask for width: a longer note or label name must not
    // resize the canvas (and so change its zoom) under the user.
    m_labelStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(strip);

    m_palette = new LabelPalette(m_widget);
    m_palette->hide();

    // Tools: select and draw, plus the label new boxes get.
    auto* tools = new QActionGroup(this);
    m_selectTool = toolbar->addAction(tr("Select"));
    m_selectTool->setToolTip(
        tr("Select, move and resize boxes; drag on the image to select "
           "several"));
    m_drawTool = toolbar->addAction(tr("Draw"));
    m_drawTool->setToolTip(tr("Drag on the image to draw boxes (W draws one box)"));
    for (QAction* tool : {m_selectTool, m_drawTool}) {
        tool->setCheckable(true);
        tools->addAction(tool);
    }
    connect(m_selectTool, &QAction::triggered, this,
            [this] { m_canvas->setTool(ImageCanvas::Tool::Select); });
    connect(m_drawTool, &QAction::triggered, this,
            [this] { m_canvas->setTool(ImageCanvas::Tool::Draw); });
    toolbar->addSeparator();
    m_nextLabelButton = new QToolButton(toolbar);
    m_nextLabelButton->setObjectName(QStringLiteral("nextLabelButton"));
    m_nextLabelButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_nextLabelButton->setToolTip(tr("The label of the next box; click or Ctrl+K to choose"));
    connect(m_nextLabelButton, &QToolButton::clicked, this, [this] { m_palette->popup(m_canvas); });
    toolbar->addWidget(m_nextLabelButton);
    toolbar->addSeparator();

    connect(m_canvas, &ImageCanvas::toolChanged, this, &ImageEditor::updateToolButtons);
    connect(m_canvas, &ImageCanvas::edited, this, &ImageEditor::commit);
    connect(m_canvas, &ImageCanvas::zoomChanged, this, &ImageEditor::updateStatus);
    connect(m_canvas, &ImageCanvas::cursorMoved, this, [this](const QPointF& p, bool inside) {
        m_cursor = inside ? p : QPointF(-1, -1);
        m_cursorStatus->setText(inside ? tr("x %1  y %2").arg(qFloor(p.x())).arg(qFloor(p.y()))
                                       : QString());
    });
    connect(m_canvas, &ImageCanvas::liveRectChanged, this, [this](const QRectF& r) {
        if (r.isEmpty())
            return;
        m_cursorStatus->setText(tr("x %1  y %2  (%3 × %4)")
                                    .arg(qRound(r.x()))
                                    .arg(qRound(r.y()))
                                    .arg(qRound(r.width()))
                                    .arg(qRound(r.height())));
    });
    connect(m_canvas->imageItem(), &TiledImageItem::failed, this, [this](const QString& message) {
        showError(tr("The image cannot be shown."), message);
    });
    connect(m_canvas->layer(), &BoxLayer::selectionChanged, this, &ImageEditor::onSelectionChanged);
    connect(m_panel, &BoxListPanel::selectionEdited, this, [this](const QList<int>& boxes) {
        m_canvas->layer()->setSelection(boxes);
        if (boxes.size() == 1)
            m_canvas->ensureBoxVisible(boxes.first());
    });
    connect(m_panel, &BoxListPanel::boxActivated, this, [this](int box) {
        m_canvas->ensureBoxVisible(box);
        m_canvas->setFocus();
    });
    connect(m_panel, &BoxListPanel::hiddenLabelsChanged, this,
            [this](const QSet<QString>& hidden) { m_canvas->layer()->setHiddenLabels(hidden); });
    connect(m_panel->attributes(), &AttributesPanel::attributeEdited, this,
            &ImageEditor::setAttribute);
    connect(m_palette, &LabelPalette::labelChosen, this, [this](const QString& name) {
        applyLabel(name);
        m_canvas->setFocus();
    });
    connect(m_palette, &LabelPalette::labelCreated, this, [this](const QString& name) {
        createLabel(name);
        m_canvas->setFocus();
    });
    connect(m_palette, &LabelPalette::dismissed, this, [this] {
        // A box drawn without a label is not kept without one (labelme's
        // habit): closing the question takes it away again.
        if (m_unlabelledDraw) {
            m_unlabelledDraw = false;
            loadBoxes();
        }
    });
    connect(m_canvas, &ImageCanvas::drawnWithoutLabel, this, [this] {
        m_unlabelledDraw = true;
        m_palette->popup(m_canvas, tr("Label of the new box: type a name, Enter"));
    });
}

void ImageEditor::createActions() {
    Keymap& keymap = Keymap::instance();
    // Editor-wide keys work wherever the focus is inside the editor; keys that
    // other widgets need for themselves (arrows, Tab, Escape) only on the canvas.
    auto add = [&](const char* id, QWidget* scope, auto slot) {
        QAction* action = keymap.createAction(QString::fromLatin1(id), this);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        scope->addAction(action);
        m_actions.insert(action->objectName(), action);
        return action;
    };
    QWidget* all = m_widget;
    QWidget* canvas = m_canvas;
    add("image.draw", all, [this] { m_canvas->armDraw(); });
    // A and D go from image to image: a text task in between would take keys
    // it knows nothing of (Alt+Left/Right still go through every task).
    add("image.previousTask", all, [this] { Q_EMIT navigateWithinKindRequested(-1); });
    add("image.nextTask", all, [this] { Q_EMIT navigateWithinKindRequested(+1); });
    add("image.acceptProposals", all, [this] { acceptAllProposals(); });
    add("image.acceptProposal", all, [this] { acceptProposal(); });
    add("image.rejectProposal", all, [this] { rejectProposal(); });
    add("image.delete", all, [this] { deleteSelection(); });
    add("image.duplicate", all, [this] { duplicateSelection(); });
    add("image.selectAll", all, [this] { selectAll(); });
    add("image.zoomIn", all, [this] { m_canvas->zoomBy(1.25); });
    add("image.zoomOut", all, [this] { m_canvas->zoomBy(0.8); });
    add("image.palette", all, [this] { m_palette->popup(m_canvas); });
    add("image.nextBox", canvas, [this] { m_canvas->cycleSelection(+1); });
    add("image.previousBox", canvas, [this] { m_canvas->cycleSelection(-1); });
    add("image.cancel", canvas, [this] { m_canvas->cancel(); });
    const std::pair<const char*, QPointF> nudges[] = {
        {"image.nudgeLeft", {-1, 0}},    {"image.nudgeRight", {1, 0}},
        {"image.nudgeUp", {0, -1}},      {"image.nudgeDown", {0, 1}},
        {"image.nudgeLeft10", {-10, 0}}, {"image.nudgeRight10", {10, 0}},
        {"image.nudgeUp10", {0, -10}},   {"image.nudgeDown10", {0, 10}},
    };
    for (const auto& [id, delta] : nudges)
        add(id, canvas, [this, delta = delta] { nudge(delta); });
    for (int n = 1; n <= 9; ++n)
        add(QStringLiteral("image.label.%1").arg(n).toLatin1().constData(), all,
            [this, n] { applyLabelKey(n); });

    // The ones that also sit in the tool bar, with a short text there.
    QAction* names = add("image.toggleNames", all, [this](bool on) { m_canvas->setShowNames(on); });
    names->setCheckable(true);
    names->setChecked(m_canvas->showNames());
    names->setIconText(tr("Names"));
    QAction* fit = add("image.fit", all, [this] { m_canvas->fitToWindow(); });
    fit->setIconText(tr("Fit"));
    QAction* actual = add("image.actualSize", all, [this] { m_canvas->zoomToActualSize(); });
    actual->setIconText(tr("1:1"));
    QAction* copy = add("image.copyPrevious", all, [this] { copyPreviousBoxes(); });
    copy->setIconText(tr("Copy previous"));
    QAction* proposals =
        add("image.toggleProposals", all, [this](bool on) { setProposalsShown(on); });
    proposals->setCheckable(true);
    proposals->setChecked(true);
    proposals->setIconText(tr("Proposals"));
    for (QAction* action : {names, fit, actual, copy, proposals}) {
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            action->text(), action->shortcut().toString(QKeySequence::NativeText)));
        m_toolbar->addAction(action);
    }
}

QList<QPair<QString, QString>> ImageEditor::shortcutHelp() const {
    // The help sheet lists the keymap's "image" keys itself; this adds what
    // the keymap cannot say: the mouse, and which label each digit gives.
    QList<QPair<QString, QString>> help;
    help.append({tr("Drag"), tr("Draw a box (after W, or with the Draw tool on empty image), "
                                "move boxes, or select the boxes inside a band")});
    help.append({tr("Drag a handle"), tr("Resize the selected box")});
    help.append({tr("Ctrl+Click, Shift+Click"), tr("Add a box to the selection or take it out")});
    help.append({tr("Wheel"), tr("Zoom at the cursor")});
    help.append({tr("Space+Drag, middle button drag"), tr("Pan")});
    help.append(
        {tr("Dashed boxes"),
         tr("Proposals: boxes of an import (--as NAME) or another annotator, named "
            "“source: label score”. %1 accepts all, %2 the one under the cursor, %4 rejects it, "
            "%3 hides them; the bar's Min score hides weak ones")
             .arg(keyText(QStringLiteral("image.acceptProposals")),
                  keyText(QStringLiteral("image.acceptProposal")),
                  keyText(QStringLiteral("image.toggleProposals")),
                  keyText(QStringLiteral("image.rejectProposal")))});
    for (int digit = 1; digit <= 9; ++digit) {
        const QString name = labelForKey(digit);
        if (!name.isNull())
            help.append(
                {keyText(QStringLiteral("image.label.%1").arg(digit)), tr("Label “%1”").arg(name)});
    }
    return help;
}

void ImageEditor::focusEditor() {
    m_stack->currentWidget()->setFocus(Qt::ShortcutFocusReason);
}

// ---------------------------------------------------------------- document

QColor ImageEditor::colorFor(const QString& label) const {
    if (auto it = m_colors.find(label); it != m_colors.end())
        return *it;
    // A label the schema does not know: a stable colour from its name.
    return unknownLabelColor(label);
}

void ImageEditor::syncSchema() {
    const Schema& schema = m_document->project().schema();
    m_labels = schema.labelsFor(TaskKind::Image);
    m_colors = labelColors(m_labels);
    auto colorOf = [this](const QString& label) { return colorFor(label); };
    m_canvas->layer()->setColorFor(colorOf);
    m_proposalItem->setColorFor(colorOf);
    m_panel->attributes()->setAttributes(schema.attributesFor(TaskKind::Image));
    m_panel->setLabels(m_labels, colorOf);
    m_palette->setLabels(m_labels, colorOf);
    bool known = false;
    for (const Label& l : std::as_const(m_labels))
        known = known || l.name == m_nextLabel;
    if (!known)
        setNextLabel(m_labels.isEmpty() ? QString() : m_labels.first().name);
    else
        setNextLabel(m_nextLabel);
}

void ImageEditor::setDocument(TaskDocument* document) {
    disconnect(m_changedConnection);
    disconnect(m_schemaConnection);
    m_unlabelledDraw = false;
    m_document = document;
    m_noteStatus->clear();
    m_canvas->cancel();
    m_canvas->layer()->setSelection({});
    m_shownBoxes = QJsonArray();
    m_mediaProblem.clear();
    if (!document) {
        m_canvas->clearImage();
        loadProposals();
        m_panel->setBoxes({});
        m_stack->setCurrentWidget(m_canvas);
        m_fileStatus->clear();
        updateStatus();
        return;
    }
    syncSchema();
    m_changedConnection =
        connect(document, &TaskDocument::changed, this, &ImageEditor::onDocumentChanged);
    m_schemaConnection = connect(document, &TaskDocument::schemaChanged, this, [this] {
        syncSchema();
        loadBoxes();  // colours and the label filter follow the new labels
    });
    const QString stored = document->task().mediaPath();
    const QString path = document->project().absoluteMediaPath(stored);
    const QString name = QFileInfo(path).fileName();
    m_fileStatus->setToolTip(path);
    m_stack->setCurrentWidget(m_canvas);
    if (stored.isEmpty()) {
        m_canvas->clearImage();
        m_fileStatus->setText(tr("No image"));
        showError(tr("This task names no image file."), tr("data.image is empty"));
        m_mediaProblem = tr("task %1 names no image file").arg(document->task().id);
    } else if (Status opened = m_canvas->openImage(path); !opened.ok()) {
        m_fileStatus->setText(tr("%1 — cannot be shown").arg(name));
        showError(QFileInfo::exists(path) ? tr("The image cannot be shown.")
                                          : tr("The image file is missing."),
                  opened.error());
    } else {
        const QSize size = m_canvas->imageSize();
        m_fileStatus->setText(
            tr("%1  ·  %2 × %3 px").arg(name).arg(size.width()).arg(size.height()));
    }
    if (!stored.isEmpty())
        m_mediaProblem = mediaDecodeProblem(path, TaskKind::Image);
    loadProposals();
    loadBoxes();
    updateStatus();
}

void ImageEditor::showError(const QString& title, const QString& details) {
    m_messageTitle->setText(title);
    m_messageDetails->setText(details);
    m_stack->setCurrentWidget(m_messagePage);
}

QString ImageEditor::errorText() const {
    if (m_stack->currentWidget() != m_messagePage)
        return QString();
    return m_messageTitle->text() + QLatin1Char('\n') + m_messageDetails->text();
}

void ImageEditor::loadBoxes() {
    m_shownBoxes =
        m_document ? m_document->result().value(QStringLiteral("boxes")).toArray() : QJsonArray();
    QList<Box> boxes;
    if (m_document && m_canvas->hasImage())
        boxes = boxresult::read(m_document->result());
    if (m_canvas->gestureActive())
        m_canvas->cancel();
    m_canvas->layer()->setBoxes(boxes);
    m_panel->setBoxes(boxes);
    updateProposals();
    onSelectionChanged();
}

void ImageEditor::onDocumentChanged() {
    if (!m_document)
        return;
    // The editor's own edit comes back here unchanged: nothing to redo. An
    // undo, a redo or an answer typed in the question form lands here too;
    // only a change of the boxes touches the canvas, and then only the boxes
    // that differ.
    if (m_document->result().value(QStringLiteral("boxes")).toArray() == m_shownBoxes) {
        updateProposals();  // a rejection undone or redone
        return;
    }
    loadBoxes();
}

void ImageEditor::commit(const QList<Box>& edited, const QString& text) {
    // No edits on a task whose image is not on screen (it may fail late).
    if (!m_document || !m_canvas->hasImage() || m_stack->currentWidget() != m_canvas)
        return;
    const QList<Box> boxes = withStoredRects(edited);
    const QJsonObject result = boxresult::withBoxes(m_document->result(), boxes);
    m_canvas->layer()->setBoxes(boxes);
    m_panel->setBoxes(boxes);
    m_shownBoxes = result.value(QStringLiteral("boxes")).toArray();
    if (m_nudgeKey.isEmpty())
        m_document->changeResult(result, text);
    else
        m_document->changeResult(result, text, kMergeBoxNudge, m_nudgeKey);
    // A failed write leaves the document as it was: show what it holds.
    if (m_document->result().value(QStringLiteral("boxes")).toArray() != m_shownBoxes)
        loadBoxes();
    updateProposals();
    onSelectionChanged();
}

// ---------------------------------------------------------------- edits

void ImageEditor::applyLabelKey(int digit) {
    const QString name = labelForKey(digit);
    if (name.isNull())
        note(tr("No label on key %1").arg(digit));
    else
        applyLabel(name);
}

void ImageEditor::applyLabel(const QString& name) {
    if (m_unlabelledDraw) {
        m_unlabelledDraw = false;
        commitDrawnBox(name, std::nullopt);
        return;
    }
    const QList<int> selected = m_canvas->layer()->selection();
    if (selected.isEmpty() || !m_canvas->hasImage()) {
        setNextLabel(name);
        return;
    }
    QList<Box> boxes = m_canvas->layer()->boxes();
    for (int i : selected)
        boxes[i].label = name;
    // Relabelled boxes may now be hidden; they stay selected only if shown.
    commit(boxes, selected.size() == 1
                      ? tr("Label box %1").arg(name)
                      : tr("Label %n boxes %1", nullptr, int(selected.size())).arg(name));
    m_canvas->layer()->setSelection(selected);
    setNextLabel(name);  // the next box most likely shares the label just used
}

void ImageEditor::nudge(const QPointF& delta) {
    // Holding an arrow key repeats it: the moves of one selection fold into
    // one undo step (the stack merges only with the step on top, so any
    // other edit in between starts a new one).
    QStringList key;
    for (int i : m_canvas->layer()->selection())
        key << QString::number(i);
    m_nudgeKey = key.join(QLatin1Char(','));
    m_canvas->nudge(delta);
    m_nudgeKey.clear();
}

QList<Box> ImageEditor::labelled(const QString& name, const QList<int>& indexes) const {
    QList<Box> boxes = m_canvas->layer()->boxes();
    for (int i : indexes)
        boxes[i].label = name;
    return boxes;
}

void ImageEditor::commitDrawnBox(const QString& name, const std::optional<Schema>& schema) {
    // The box drawn last waits in the layer, selected, for its label.
    const int index = m_canvas->layer()->count() - 1;
    if (index < 0 || !m_document) {
        loadBoxes();
        return;
    }
    const QList<Box> boxes = labelled(name, {index});
    if (schema) {
        // One step for the label and the box: undo takes both away.
        const QJsonObject result =
            boxresult::withBoxes(m_document->result(), withStoredRects(boxes));
        m_shownBoxes = result.value(QStringLiteral("boxes")).toArray();
        m_document->changeSchema(*schema, tr("Draw box with new label %1").arg(name), result);
        loadBoxes();
    } else {
        commit(boxes, tr("Draw box"));
    }
    m_canvas->layer()->setSelection({index});
    setNextLabel(name);
}

void ImageEditor::createLabel(const QString& name) {
    if (!m_document)
        return;
    for (const Label& label : m_document->project().schema().labels)
        if (label.name == name) {
            applyLabel(name);  // the schema has it, for another kind only
            return;
        }
    Schema schema = m_document->project().schema();
    schema.labels << detection::newLabel(schema, name);
    const QList<int> selected = m_canvas->layer()->selection();
    if (m_unlabelledDraw) {
        m_unlabelledDraw = false;
        commitDrawnBox(name, schema);
    } else if (!selected.isEmpty() && m_canvas->hasImage()) {
        m_shownBoxes = QJsonArray();  // the document's change reloads the boxes
        m_document->changeSchema(
            schema, tr("Label box with new label %1").arg(name),
            boxresult::withBoxes(m_document->result(), labelled(name, selected)));
        m_canvas->layer()->setSelection(selected);
        setNextLabel(name);
    } else {
        m_document->changeSchema(schema, tr("New label %1").arg(name));
        setNextLabel(name);
    }
    note(tr("Added label “%1” to the project (Ctrl+Z takes it back)").arg(name));
}

void ImageEditor::deleteSelection() {
    const QList<int> selected = m_canvas->layer()->selection();
    if (selected.isEmpty())
        return;
    QList<Box> boxes = m_canvas->layer()->boxes();
    for (auto it = selected.crbegin(); it != selected.crend(); ++it)
        boxes.removeAt(*it);
    m_canvas->layer()->setSelection({});
    commit(boxes, selected.size() == 1 ? tr("Delete box")
                                       : tr("Delete %n boxes", nullptr, int(selected.size())));
}

void ImageEditor::duplicateSelection() {
    const QList<int> selected = m_canvas->layer()->selection();
    if (selected.isEmpty())
        return;
    QList<Box> boxes = m_canvas->layer()->boxes();
    const QSizeF bounds(m_canvas->imageSize());
    QList<QRectF> rects;
    for (int i : selected)
        rects << boxes[i].rect();
    // Down and right, or up and left where the image edge leaves no room.
    const double step = boxlogic::kDuplicateOffset;
    QPointF d = boxlogic::clampDelta(rects, QPointF(step, step), bounds);
    if (d.isNull())
        d = boxlogic::clampDelta(rects, QPointF(-step, -step), bounds);
    QList<int> copies;
    for (int i : selected) {
        Box copy;
        copy.label = boxes[i].label;
        copy.attrs = boxes[i].attrs;
        copy.setRect(boxlogic::moved(boxes[i].rect(), d, bounds));
        copies << int(boxes.size());
        boxes << copy;
    }
    commit(boxes, selected.size() == 1 ? tr("Duplicate box")
                                       : tr("Duplicate %n boxes", nullptr, int(selected.size())));
    m_canvas->layer()->setSelection(copies);
}

void ImageEditor::selectAll() {
    m_canvas->layer()->setSelection(m_canvas->layer()->shownIndexes());
}

void ImageEditor::setAttribute(const QString& name, const QJsonValue& value) {
    const QList<int> selected = m_canvas->layer()->selection();
    if (selected.isEmpty())
        return;
    QList<Box> boxes = m_canvas->layer()->boxes();
    for (int i : selected) {
        if (value.isUndefined())
            boxes[i].attrs.remove(name);
        else
            boxes[i].attrs.insert(name, value);
    }
    commit(boxes, tr("Set %1").arg(name));
}

bool ImageEditor::copyPreviousBoxes() {
    if (!m_document || !m_canvas->hasImage())
        return false;
    Project& project = m_document->project();
    const auto previous =
        project.annotations().previousBoxes(m_document->task().id, project.annotator());
    if (!previous) {
        note(tr("No earlier image task has boxes of yours to copy."));
        return false;
    }
    const qint64 sourceId = previous->first;
    const QList<Box> found = boxresult::read(previous->second);
    const Adoption adoption = adopt(found);
    if (adoption.added.isEmpty()) {
        note(adoption.alreadyHere > 0
                 ? tr("The boxes of task %1 are already here.").arg(sourceId)
                 : tr("The boxes of task %1 do not fit this image.").arg(sourceId));
        return false;
    }
    const int count = int(adoption.added.size());
    commitAdoption(adoption, counted(count, tr("Copy 1 box of the previous task"),
                                     tr("Copy %1 boxes of the previous task")));
    note(counted(count, tr("Copied 1 box from task %2"), tr("Copied %1 boxes from task %2"))
             .arg(sourceId));
    return true;
}

ImageEditor::Adoption ImageEditor::adopt(const QList<Box>& sources) const {
    const QSizeF bounds(m_canvas->imageSize());
    Adoption adoption;
    adoption.boxes = m_canvas->layer()->boxes();
    for (const Box& source : sources) {
        Box box;
        box.label = source.label;
        box.attrs = source.attrs;
        box.setRect(boxlogic::stored(boxlogic::clampInside(source.rect().normalized(), bounds)));
        if (box.rect().width() < boxlogic::kMinSize || box.rect().height() < boxlogic::kMinSize)
            continue;
        // A second copy must not stack a box on every box copied before.
        if (boxlogic::containsBox(adoption.boxes, box)) {
            ++adoption.alreadyHere;
            continue;
        }
        adoption.added << int(adoption.boxes.size());
        adoption.boxes << box;
    }
    return adoption;
}

void ImageEditor::commitAdoption(const Adoption& adoption, const QString& text) {
    commit(adoption.boxes, text);
    m_canvas->layer()->setSelection(adoption.added);
}

// ---------------------------------------------------------------- views

void ImageEditor::onSelectionChanged() {
    BoxLayer* layer = m_canvas->layer();
    const QList<int>& selected = layer->selection();
    m_panel->showSelection(selected);
    m_panel->attributes()->showValues(
        selected.isEmpty() ? QJsonObject() : layer->box(selected.first()).attrs,
        int(selected.size()));
}

void ImageEditor::setNextLabel(const QString& name) {
    m_nextLabel = name;
    m_canvas->setNextLabel(name);
    const QString shown = name.isEmpty() ? tr("(no label)") : name;
    // Elided to a fixed width: a long label name must not widen the toolbar,
    // which would resize the canvas and change its zoom under the user.
    const QFontMetrics fm = m_nextLabelButton->fontMetrics();
    m_nextLabelButton->setText(
        tr("Next: %1").arg(fm.elidedText(shown, Qt::ElideRight, fm.averageCharWidth() * 14)));
    m_nextLabelButton->setToolTip(tr("Next label: %1").arg(shown));
    m_nextLabelButton->setIcon(labelSwatch(colorFor(name)));
    updateStatus();
}

void ImageEditor::updateToolButtons() {
    const bool draws = m_canvas->tool() == ImageCanvas::Tool::Draw || m_canvas->isDrawArmed();
    m_drawTool->setChecked(draws);
    m_selectTool->setChecked(!draws);
}

void ImageEditor::updateStatus() {
    m_zoomStatus->setText(m_canvas->hasImage() ? zoomText(m_canvas->scale()) : QString());
    m_labelStatus->setText(
        tr("Next label: %1").arg(m_nextLabel.isEmpty() ? tr("(none)") : m_nextLabel));
}

void ImageEditor::note(const QString& text) {
    m_noteStatus->setNote(text);
}

QString ImageEditor::statusText() const {
    QStringList parts;
    for (QLabel* label : std::initializer_list<QLabel*>{m_fileStatus, m_zoomStatus, m_cursorStatus,
                                                        m_labelStatus, m_noteStatus})
        if (!label->text().isEmpty())
            parts << label->text();
    return parts.join(QStringLiteral("  ·  "));
}

}  // namespace postil
