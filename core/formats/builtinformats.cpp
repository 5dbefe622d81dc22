#include "formats/asrmanifestformat.h"
#include "formats/audacityformat.h"
#include "formats/bratformat.h"
#include "formats/cocoformat.h"
#include "formats/conllformat.h"
#include "formats/createmlformat.h"
#include "formats/critiquesformat.h"
#include "formats/csvformat.h"
#include "formats/doccanoformat.h"
#include "formats/eafformat.h"
#include "formats/folderformat.h"
#include "formats/formatregistry.h"
#include "formats/hhrlhfformat.h"
#include "formats/jsonlformat.h"
#include "formats/labelmeformat.h"
#include "formats/labelstudioformat.h"
#include "formats/ratingsformat.h"
#include "formats/responsesformat.h"
#include "formats/spacyformat.h"
#include "formats/srtformat.h"
#include "formats/textcatformat.h"
#include "formats/textgridformat.h"
#include "formats/trlformat.h"
#include "formats/vocformat.h"
#include "formats/vttformat.h"
#include "formats/yoloformat.h"

namespace postil {

void registerBuiltinFormats(FormatRegistry& registry) {
    // Sniffs .jsonl content, so it goes before jsonl, which claims every .jsonl.
    registry.add(std::make_unique<ResponsesFormat>());
    // A .jsonl or .json whose first line has "audio_filepath".
    registry.add(std::make_unique<AsrManifestFormat>());
    // The NLP formats sniff a .jsonl's first record ("text" with "spans",
    // "label" or "entities", never "data"), so they go before jsonl too.
    registry.add(std::make_unique<SpacyFormat>());
    registry.add(std::make_unique<DoccanoFormat>());
    registry.add(std::make_unique<TextcatJsonlFormat>());
    // The detection formats sniff content (a .json's keys, a folder's
    // classes.txt or .xml files), so they go before jsonl and folder claim
    // by extension or by being a folder.
    // A Label Studio export has "annotations" too, but under tasks with "data".
    registry.add(std::make_unique<LabelStudioFormat>());
    registry.add(std::make_unique<CocoFormat>());
    registry.add(std::make_unique<LabelmeFormat>());
    registry.add(std::make_unique<CreateMlFormat>());
    // A folder holding .ann files is brat's, not plain .txt tasks.
    registry.add(std::make_unique<BratFormat>());
    registry.add(std::make_unique<VocFormat>());
    registry.add(std::make_unique<YoloFormat>());
    // The speech formats claim a folder holding their files, so they go
    // before folder, which claims every folder.
    registry.add(std::make_unique<SrtFormat>());
    registry.add(std::make_unique<VttFormat>());
    registry.add(std::make_unique<TextGridFormat>());
    registry.add(std::make_unique<EafFormat>());
    // A .txt (or a folder of them) only when its first line is a label.
    registry.add(std::make_unique<AudacityFormat>());
    registry.add(std::make_unique<JsonlFormat>());
    registry.add(std::make_unique<FolderFormat>());
    registry.add(std::make_unique<CsvFormat>());
    registry.add(std::make_unique<TextcatCsvFormat>());
    registry.add(std::make_unique<ConllFormat>());
    registry.add(std::make_unique<TrlFormat>());
    registry.add(std::make_unique<HhRlhfFormat>());
    registry.add(std::make_unique<RatingsJsonlFormat>());
    registry.add(std::make_unique<RatingsCsvFormat>());
    registry.add(std::make_unique<CritiquesFormat>());
}

}  // namespace postil
