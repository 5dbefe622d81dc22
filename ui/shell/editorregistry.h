#pragma once

#include <functional>
#include <map>
#include <memory>

#include "editors/taskeditor.h"

namespace postil {

// Maps a task kind to the editor that shows it. Editors register a factory;
// the registry creates each editor once, on first use.
class EditorRegistry {
public:
    using Factory = std::function<TaskEditor*(QObject* parent)>;

    // The registry with the editors that ship with Postil (builtineditors.cpp).
    static EditorRegistry& instance();

    void setFactory(TaskKind kind, Factory factory);
    bool has(TaskKind kind) const { return m_factories.count(kind) > 0; }
    // Creates the editor for 'kind', owned by 'parent'.
    TaskEditor* create(TaskKind kind, QObject* parent) const;

private:
    std::map<TaskKind, Factory> m_factories;
};

// One line per editor.
void registerBuiltinEditors(EditorRegistry& registry);

}  // namespace postil
