// libFuzzer harness for the textcat-csv reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("textcat-csv", "csv", File)
