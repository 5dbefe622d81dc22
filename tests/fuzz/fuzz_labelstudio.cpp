// libFuzzer harness for the labelstudio reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("labelstudio", "json", File)
