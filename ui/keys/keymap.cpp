#include "keys/keymap.h"

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
        {QStringLiteral("view.review"), QStringLiteral("global"),
         tr("Review: every annotator's answer to this task side by side"),
         QKeySequence(QStringLiteral("Ctrl+Shift+R"))},
        {QStringLiteral("view.stats"), QStringLiteral("global"), tr("Project statistics…"),
         QKeySequence(QStringLiteral("Ctrl+Shift+I"))},
        {QStringLiteral("view.dashboard"), QStringLiteral("global"), tr("Quality dashboard…"),
         QKeySequence(QStringLiteral("Ctrl+Shift+Q"))},
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
        // Model assist (shell/assist): the current task has a key; the
        // wider runs are menu entries, since a stray press would start one.
        {QStringLiteral("assist.runTask"), QStringLiteral("task"),
         tr("Run the project's model on this task"), QKeySequence(QStringLiteral("Ctrl+Alt+M"))},
        {QStringLiteral("assist.runSelected"), QStringLiteral("task"),
         tr("Run the project's model on the selected tasks"), QKeySequence()},
        {QStringLiteral("assist.runUnfinished"), QStringLiteral("task"),
         tr("Run the project's model on every unfinished task"), QKeySequence()},
        {QStringLiteral("question.next"), QStringLiteral("task"), tr("Next question"),
         QKeySequence(QStringLiteral("Ctrl+Down"))},
        {QStringLiteral("question.previous"), QStringLiteral("task"), tr("Previous question"),
         QKeySequence(QStringLiteral("Ctrl+Up"))},
        {QStringLiteral("question.edit"), QStringLiteral("task"),
         tr("Type the answer of a text question"), QKeySequence(QStringLiteral("F2"))},
        {QStringLiteral("question.clear"), QStringLiteral("task"),
         tr("Clear the active question's answer"), QKeySequence(QStringLiteral("Ctrl+Backspace"))},
    };
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

void Keymap::setEditor(const QString& context, EditorKeys keys) {
    m_bindings.removeIf([&](const Binding& b) { return b.context == context; });
    for (Binding& b : keys.bindings) {
        b.context = context;
        m_bindings.append(b);
    }
    m_editorPlacesLabels.insert(context, keys.placesLabels);
    for (auto& [action, id] : m_bound) {
        if (action && binding(id) && binding(id)->context == context)
            action->setShortcut(key(id));
    }
    Q_EMIT changed();
}

QStringList Keymap::editorContexts() const {
    QStringList contexts = m_editorPlacesLabels.keys();
    contexts.sort();
    return contexts;
}

bool Keymap::placesLabels(const QString& editorContext) const {
    return m_editorPlacesLabels.value(editorContext, false);
}

QStringList Keymap::activeContexts(const QString& editorContext) const {
    QStringList contexts{QStringLiteral("global"), QStringLiteral("task")};
    if (!editorContext.isEmpty())
        contexts << editorContext;
    contexts << (placesLabels(editorContext) ? QStringLiteral("answers-alt")
                                             : QStringLiteral("answers"));
    return contexts;
}

QStringList Keymap::collisions() const {
    QStringList editors = editorContexts();
    editors << QString();  // no editor for the task's kind
    const QStringList shell{QStringLiteral("global"), QStringLiteral("task"),
                            QStringLiteral("answers"), QStringLiteral("answers-alt")};
    // A key inside an editor takes it from the shell's bindings: no collision.
    const auto meet = [&](const Binding& a, const Binding& b) {
        return !((a.insideEditor && shell.contains(b.context)) ||
                 (b.insideEditor && shell.contains(a.context)));
    };
    QStringList found;
    for (const QString& editor : editors) {
        const QStringList active = activeContexts(editor);
        QHash<QKeySequence, QList<const Binding*>> byKey;
        for (const Binding& b : m_bindings) {
            if (!active.contains(b.context))
                continue;
            const QKeySequence k = key(b.id);
            if (k.isEmpty())
                continue;
            QList<const Binding*>& earlier = byKey[k];
            // Named against every earlier binding it meets.
            for (const Binding* other : std::as_const(earlier)) {
                if (!meet(*other, b))
                    continue;
                const QString line =
                    QStringLiteral("%1: %2 / %3")
                        .arg(k.toString(QKeySequence::PortableText), other->id, b.id);
                if (!found.contains(line))
                    found << line;
            }
            earlier.append(&b);
        }
    }
    return found;
}

void Keymap::bind(QAction* action, const QString& id) {
    if (const Binding* b = binding(id)) {
        if (action->text().isEmpty())
            action->setText(b->text);
    } else {
        // An editor used before its table was registered (EditorRegistry
        // registers both): the action would have no key.
        qWarning("Keymap: no binding %s", qPrintable(id));
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
