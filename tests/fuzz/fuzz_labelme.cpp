// libFuzzer harness for the labelme reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("labelme", "json", File)
