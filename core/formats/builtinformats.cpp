#include "formats/critiquesformat.h"
#include "formats/csvformat.h"
#include "formats/folderformat.h"
#include "formats/formatregistry.h"
#include "formats/hhrlhfformat.h"
#include "formats/jsonlformat.h"
#include "formats/labelstudiopairwiseformat.h"
#include "formats/ratingsformat.h"
#include "formats/responsesformat.h"
#include "formats/trlformat.h"

namespace postil {

void registerBuiltinFormats(FormatRegistry& registry) {
    // Sniffs .jsonl content, so it goes before jsonl, which claims every .jsonl.
    registry.add(std::make_unique<ResponsesFormat>());
    registry.add(std::make_unique<JsonlFormat>());
    registry.add(std::make_unique<FolderFormat>());
    registry.add(std::make_unique<CsvFormat>());
    registry.add(std::make_unique<TrlFormat>());
    registry.add(std::make_unique<HhRlhfFormat>());
    registry.add(std::make_unique<RatingsJsonlFormat>());
    registry.add(std::make_unique<RatingsCsvFormat>());
    registry.add(std::make_unique<CritiquesFormat>());
    registry.add(std::make_unique<LabelStudioPairwiseFormat>());
}

}  // namespace postil
