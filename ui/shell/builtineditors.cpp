#include "shell/editorregistry.h"

namespace postil {

void registerBuiltinEditors(EditorRegistry& registry) {
    (void)registry;
}

}  // namespace postil
