#include "editors/audio/audioeditor.h"
#include "editors/compare/compareeditor.h"
#include "editors/image/imageeditor.h"
#include "editors/text/texteditor.h"
#include "shell/editorregistry.h"

namespace postil {

void registerBuiltinEditors(EditorRegistry& registry) {
    // Read-only viewers (no keys of their own) until each kind's editor lands;
    // an editor replaces its kind's line, with its key table.
    registry.setFactory(
        TaskKind::Text, [](QObject* p) { return new TextEditor(p); }, TextEditor::keyTable());
    registry.setFactory(
        TaskKind::Image, [](QObject* p) { return new ImageEditor(p); }, ImageEditor::keyTable());
    registry.setFactory(
        TaskKind::Audio, [](QObject* p) { return new AudioEditor(p); }, AudioEditor::keyTable());
    registry.setFactory(
        TaskKind::Compare, [](QObject* p) { return new CompareEditor(p); },
        CompareEditor::keyTable());
}

}  // namespace postil
