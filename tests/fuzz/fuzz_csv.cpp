// libFuzzer harness for the csv reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("csv", "csv", File)
