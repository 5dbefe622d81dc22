#include "shell/editorregistry.h"

namespace postil {

EditorRegistry& EditorRegistry::instance() {
    static EditorRegistry* registry = [] {
        auto* r = new EditorRegistry;
        registerBuiltinEditors(*r);
        return r;
    }();
    return *registry;
}

void EditorRegistry::setFactory(TaskKind kind, Factory factory, Keymap::EditorKeys keys) {
    m_factories[kind] = std::move(factory);
    Keymap::instance().setEditor(keyContext(kind), std::move(keys));
}

QString EditorRegistry::keyContext(TaskKind kind) {
    return toString(kind);
}

bool EditorRegistry::placesLabels(TaskKind kind) const {
    return has(kind) && Keymap::instance().placesLabels(keyContext(kind));
}

TaskEditor* EditorRegistry::create(TaskKind kind, QObject* parent) const {
    auto it = m_factories.find(kind);
    return it == m_factories.end() ? nullptr : it->second(parent);
}

}  // namespace postil
