#include "shell/keymap.h"

#include <QAction>
#include <QSettings>

namespace postil {

namespace {

QList<Keymap::Binding> declaredBindings() {
    auto tr = [](const char* text) { return Keymap::tr(text); };
    QList<Keymap::Binding> list = {
        {QStringLiteral("file.new"), QStringLiteral("global"), tr("New project…"),
         QKeySequence::New},
        {QStringLiteral("file.open"), QStringLiteral("global"), tr("Open project…"),
         QKeySequence::Open},
        {QStringLiteral("file.import"), QStringLiteral("global"), tr("Import…"),
         QKeySequence(QStringLiteral("Ctrl+I"))},
        {QStringLiteral("file.export"), QStringLiteral("global"), tr("Export…"),
         QKeySequence(QStringLiteral("Ctrl+E"))},
        {QStringLiteral("file.settings"), QStringLiteral("global"), tr("Project settings…"),
         QKeySequence(QStringLiteral("Ctrl+,"))},
        {QStringLiteral("file.shortcuts"), QStringLiteral("global"), tr("Keyboard shortcuts…"),
         QKeySequence(QStringLiteral("Ctrl+Alt+K"))},
        {QStringLiteral("file.quit"), QStringLiteral("global"), tr("Quit"),
         QKeySequence(QStringLiteral("Ctrl+Q"))},
        {QStringLiteral("edit.undo"), QStringLiteral("global"), tr("Undo"),
         QKeySequence(QStringLiteral("Ctrl+Z"))},
        {QStringLiteral("edit.redo"), QStringLiteral("global"), tr("Redo"),
         QKeySequence(QStringLiteral("Ctrl+Shift+Z"))},
        {QStringLiteral("view.filter"), QStringLiteral("global"), tr("Find tasks"),
         QKeySequence(QStringLiteral("Ctrl+F"))},
        {QStringLiteral("view.guidelines"), QStringLiteral("global"), tr("Show guidelines"),
         QKeySequence(QStringLiteral("Ctrl+G"))},
        {QStringLiteral("view.stats"), QStringLiteral("global"), tr("Project statistics…"),
         QKeySequence(QStringLiteral("Ctrl+Shift+I"))},
        {QStringLiteral("view.editor"), QStringLiteral("global"), tr("Focus the editor"),
         QKeySequence(QStringLiteral("Ctrl+1"))},
        {QStringLiteral("view.focusMode"), QStringLiteral("global"),
         tr("Focus mode: only the editor and the questions"), QKeySequence(QStringLiteral("F11"))},
        {QStringLiteral("help.sheet"), QStringLiteral("global"), tr("Keyboard shortcuts sheet"),
         QKeySequence(QStringLiteral("F1"))},
        {QStringLiteral("help.sheet.alt"), QStringLiteral("global"), tr("Keyboard shortcuts sheet"),
         QKeySequence(QStringLiteral("?"))},
        {QStringLiteral("task.next"), QStringLiteral("task"), tr("Next task"),
         QKeySequence(QStringLiteral("Alt+Right"))},
        {QStringLiteral("task.previous"), QStringLiteral("task"), tr("Previous task"),
         QKeySequence(QStringLiteral("Alt+Left"))},
        {QStringLiteral("task.nextUnfinished"), QStringLiteral("task"), tr("Next unfinished task"),
         QKeySequence(QStringLiteral("Alt+Down"))},
        {QStringLiteral("task.submit"), QStringLiteral("task"),
         tr("Submit and go to the next unfinished task"),
         QKeySequence(QStringLiteral("Ctrl+Return"))},
        {QStringLiteral("task.skip"), QStringLiteral("task"), tr("Skip with a reason…"),
         QKeySequence(QStringLiteral("Ctrl+Shift+Return"))},
        {QStringLiteral("question.next"), QStringLiteral("task"), tr("Next question"),
         QKeySequence(QStringLiteral("Ctrl+Down"))},
        {QStringLiteral("question.previous"), QStringLiteral("task"), tr("Previous question"),
         QKeySequence(QStringLiteral("Ctrl+Up"))},
        {QStringLiteral("question.edit"), QStringLiteral("task"),
         tr("Type the answer of a text question"), QKeySequence(QStringLiteral("F2"))},
        {QStringLiteral("question.clear"), QStringLiteral("task"),
         tr("Clear the active question's answer"), QKeySequence(QStringLiteral("Ctrl+Backspace"))},
    };
    // The image editor (context "image"): one key per gesture, as in labelImg.
    auto image = [&](const char* id, const char* text, const char* key) {
        list.append({QLatin1String(id), QStringLiteral("image"), tr(text),
                     QKeySequence(QLatin1String(key))});
    };
    image("image.draw", "Draw a box", "W");
    image("image.previousTask", "Previous image task", "A");
    image("image.nextTask", "Next image task", "D");
    image("image.delete", "Delete the selected boxes", "Delete");
    image("image.duplicate", "Duplicate the selected boxes", "Ctrl+D");
    image("image.selectAll", "Select all boxes", "Ctrl+A");
    image("image.copyPrevious", "Copy the boxes of the previous task", "Ctrl+P");
    image("image.acceptProposals", "Accept all proposed boxes", "Shift+A");
    image("image.acceptProposal", "Accept the proposed box under the cursor (else the next)", "E");
    image("image.toggleProposals", "Show or hide proposed boxes", "P");
    image("image.nextBox", "Select the next box", "Tab");
    image("image.previousBox", "Select the previous box", "Shift+Tab");
    image("image.nudgeLeft", "Move left 1 px", "Left");
    image("image.nudgeRight", "Move right 1 px", "Right");
    image("image.nudgeUp", "Move up 1 px", "Up");
    image("image.nudgeDown", "Move down 1 px", "Down");
    image("image.nudgeLeft10", "Move left 10 px", "Shift+Left");
    image("image.nudgeRight10", "Move right 10 px", "Shift+Right");
    image("image.nudgeUp10", "Move up 10 px", "Shift+Up");
    image("image.nudgeDown10", "Move down 10 px", "Shift+Down");
    image("image.zoomIn", "Zoom in", "+");
    image("image.zoomOut", "Zoom out", "-");
    image("image.fit", "Fit the image to the window", "F");
    image("image.actualSize", "Zoom to 1:1", "Ctrl+0");
    image("image.palette", "Pick a label by name", "Ctrl+K");
    image("image.toggleNames", "Show or hide label names on boxes", "T");
    image("image.cancel", "Cancel drawing / clear the selection", "Escape");
    // The comparison editor (context "compare"). Verdict keys run along the
    // top letter row, left (A much better) to right (B much better).
    auto compare = [&](const char* id, const char* text, const char* key) {
        list.append({QLatin1String(id), QStringLiteral("compare"), tr(text),
                     QKeySequence(QLatin1String(key))});
    };
    compare("compare.verdict.1", "A is much better", "Q");
    compare("compare.verdict.2", "A is better", "W");
    compare("compare.verdict.3", "A is slightly better", "E");
    compare("compare.verdict.4", "About the same", "R");
    compare("compare.verdict.5", "B is slightly better", "T");
    compare("compare.verdict.6", "B is better", "Y");
    compare("compare.verdict.7", "B is much better", "U");
    compare("compare.bothBad", "Both are bad (toggle)", "X");
    compare("compare.raw", "Show raw text / rendered Markdown", "M");
    compare("compare.syncScroll", "Scroll responses together (toggle)", "S");
    compare("compare.diff", "Word diff of two responses (toggle)", "Shift+D");
    compare("compare.critique", "Write the critique", "C");
    compare("compare.rewrite", "Write a rewrite of the ideal response", "Shift+C");
    compare("compare.rubric", "Score the rubric", "G");
    compare("compare.ranking", "Rank the responses", "K");
    compare("compare.nextResponse", "Focus the next response", "]");
    compare("compare.previousResponse", "Focus the previous response", "[");
    // Digits place the editors' labels: box labels, flag kinds.
    for (int n = 1; n <= 9; ++n) {
        const QString digit = QString::number(n);
        list.append({QStringLiteral("image.label.%1").arg(n), QStringLiteral("image"),
                     Keymap::tr("Label %1 for the selection or the next box").arg(n),
                     QKeySequence(digit)});
        list.append({QStringLiteral("compare.flag.%1").arg(n), QStringLiteral("compare"),
                     Keymap::tr("Flag the selected text with label %1").arg(n),
                     QKeySequence(digit)});
    }
    // Answers: option N of the active question. Bare digits where the editor
    // places no labels, Alt+digit where it does.
    for (int n = 1; n <= 10; ++n) {
        const QString digit = QString::number(n % 10);
        list.append({QStringLiteral("answer.%1").arg(n), QStringLiteral("answers"),
                     Keymap::tr("Answer with option %1").arg(n), QKeySequence(digit)});
        list.append({QStringLiteral("answer.alt.%1").arg(n), QStringLiteral("answers-alt"),
                     Keymap::tr("Answer with option %1").arg(n),
                     QKeySequence(QStringLiteral("Alt+") + digit)});
    }
    return list;
}

}  // namespace

Keymap& Keymap::instance() {
    static Keymap* keymap = new Keymap;
    return *keymap;
}

Keymap::Keymap() : m_bindings(declaredBindings()) {
    load();
}

void Keymap::load() {
    QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
    settings.beginGroup(QStringLiteral("shortcuts"));
    for (const QString& id : settings.childKeys())
        m_overrides.insert(id, QKeySequence(settings.value(id).toString()));
}

const Keymap::Binding* Keymap::binding(const QString& id) const {
    for (const Binding& b : m_bindings)
        if (b.id == id)
            return &b;
    return nullptr;
}

QKeySequence Keymap::key(const QString& id) const {
    auto it = m_overrides.find(id);
    if (it != m_overrides.end())
        return *it;
    const Binding* b = binding(id);
    return b ? b->defaultKey : QKeySequence();
}

void Keymap::setKey(const QString& id, const QKeySequence& key) {
    QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
    const Binding* b = binding(id);
    if (b && key == b->defaultKey) {
        m_overrides.remove(id);
        settings.remove(QStringLiteral("shortcuts/") + id);
    } else {
        m_overrides.insert(id, key);
        settings.setValue(QStringLiteral("shortcuts/") + id, key.toString());
    }
    for (auto& [action, boundId] : m_bound)
        if (action && boundId == id)
            action->setShortcut(key);
    Q_EMIT changed();
}

void Keymap::resetToDefaults() {
    QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
    settings.remove(QStringLiteral("shortcuts"));
    m_overrides.clear();
    for (auto& [action, id] : m_bound)
        if (action)
            action->setShortcut(key(id));
    Q_EMIT changed();
}

QStringList Keymap::labelContexts() {
    return {QStringLiteral("image"), QStringLiteral("text"), QStringLiteral("audio"),
            QStringLiteral("compare")};
}

QStringList Keymap::activeContexts(const QString& editorContext) {
    QStringList contexts{QStringLiteral("global"), QStringLiteral("task")};
    if (!editorContext.isEmpty())
        contexts << editorContext;
    contexts << (labelContexts().contains(editorContext) ? QStringLiteral("answers-alt")
                                                         : QStringLiteral("answers"));
    return contexts;
}

QStringList Keymap::collisions() const {
    QStringList editorContexts = labelContexts();
    editorContexts << QString();  // the read-only views, which place no labels
    QStringList found;
    for (const QString& editor : editorContexts) {
        const QStringList active = activeContexts(editor);
        QHash<QKeySequence, QString> seen;
        for (const Binding& b : m_bindings) {
            if (!active.contains(b.context))
                continue;
            const QKeySequence k = key(b.id);
            if (k.isEmpty())
                continue;
            auto it = seen.find(k);
            if (it != seen.end()) {
                const QString line = QStringLiteral("%1: %2 / %3")
                                         .arg(k.toString(QKeySequence::PortableText), *it, b.id);
                if (!found.contains(line))
                    found << line;
            } else {
                seen.insert(k, b.id);
            }
        }
    }
    return found;
}

void Keymap::bind(QAction* action, const QString& id) {
    if (const Binding* b = binding(id)) {
        if (action->text().isEmpty())
            action->setText(b->text);
    }
    action->setShortcut(key(id));
    action->setShortcutContext(Qt::WindowShortcut);
    action->setObjectName(id);
    m_bound.append({QPointer<QAction>(action), id});
}

QAction* Keymap::createAction(const QString& id, QObject* parent) {
    auto* action = new QAction(parent);
    bind(action, id);
    return action;
}

}  // namespace postil
