#include "formats/formatregistry.h"

namespace postil {

void registerBuiltinFormats(FormatRegistry& registry) {
    (void)registry;
}

}  // namespace postil
