#include "formats/cocoformat.h"
#include "formats/conllformat.h"
#include "formats/createmlformat.h"
#include "formats/critiquesformat.h"
#include "formats/csvformat.h"
#include "formats/doccanoformat.h"
#include "formats/folderformat.h"
#include "formats/formatregistry.h"
#include "formats/hhrlhfformat.h"
#include "formats/jsonlformat.h"
#include "formats/labelmeformat.h"
#include "formats/labelstudiopairwiseformat.h"
#include "formats/ratingsformat.h"
#include "formats/responsesformat.h"
#include "formats/spacyformat.h"
#include "formats/trlformat.h"
#include "formats/vocformat.h"
#include "formats/yoloformat.h"

namespace postil {

void registerBuiltinFormats(FormatRegistry& registry) {
    // Sniffs .jsonl content, so it goes before jsonl, which claims every .jsonl.
    registry.add(std::make_unique<ResponsesFormat>());
    // The NLP formats sniff a .jsonl's first record ("text" with "spans",
    // "label" or "entities", never "data"), so they go before jsonl too.
    registry.add(std::make_unique<SpacyFormat>());
    registry.add(std::make_unique<DoccanoFormat>());
    // The detection formats sniff content (a .json's keys, a folder's
    // classes.txt or .xml files), so they go before jsonl and folder claim
    // by extension or by being a folder.
    registry.add(std::make_unique<CocoFormat>());
    registry.add(std::make_unique<LabelmeFormat>());
    registry.add(std::make_unique<CreateMlFormat>());
    registry.add(std::make_unique<VocFormat>());
    registry.add(std::make_unique<YoloFormat>());
    registry.add(std::make_unique<JsonlFormat>());
    registry.add(std::make_unique<FolderFormat>());
    registry.add(std::make_unique<CsvFormat>());
    registry.add(std::make_unique<ConllFormat>());
    registry.add(std::make_unique<TrlFormat>());
    registry.add(std::make_unique<HhRlhfFormat>());
    registry.add(std::make_unique<RatingsJsonlFormat>());
    registry.add(std::make_unique<RatingsCsvFormat>());
    registry.add(std::make_unique<CritiquesFormat>());
    registry.add(std::make_unique<LabelStudioPairwiseFormat>());
}

}  // namespace postil
