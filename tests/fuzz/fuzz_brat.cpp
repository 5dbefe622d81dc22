// libFuzzer harness for the brat reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("brat", "ann", BratDocument)
