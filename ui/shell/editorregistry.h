#pragma once

#include <functional>
#include <map>
#include <memory>

#include "editors/taskeditor.h"
#include "keys/keymap.h"

namespace postil {

// Maps a task kind to the editor that shows it. Editors register a factory
// and their key table (the keymap context is the kind's name); the registry
// creates each editor once, on first use.
class EditorRegistry {
public:
    using Factory = std::function<TaskEditor*(QObject* parent)>;

    // The registry with the editors that ship with Postil (builtineditors.cpp).
    static EditorRegistry& instance();

    void setFactory(TaskKind kind, Factory factory, Keymap::EditorKeys keys = {});
    // The keymap context of the editor of 'kind' (Keymap::activeContexts).
    static QString keyContext(TaskKind kind);
    // True when that editor's bare digits place labels (its key table says).
    bool placesLabels(TaskKind kind) const;
    bool has(TaskKind kind) const { return m_factories.count(kind) > 0; }
    // Creates the editor for 'kind', owned by 'parent'.
    TaskEditor* create(TaskKind kind, QObject* parent) const;

private:
    std::map<TaskKind, Factory> m_factories;
};

// One line per editor.
void registerBuiltinEditors(EditorRegistry& registry);

}  // namespace postil
