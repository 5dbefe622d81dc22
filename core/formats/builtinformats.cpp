#include "formats/csvformat.h"
#include "formats/folderformat.h"
#include "formats/formatregistry.h"
#include "formats/jsonlformat.h"

namespace postil {

void registerBuiltinFormats(FormatRegistry& registry) {
    registry.add(std::make_unique<JsonlFormat>());
    registry.add(std::make_unique<FolderFormat>());
    registry.add(std::make_unique<CsvFormat>());
}

}  // namespace postil
