// libFuzzer harness for the voc reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("voc", "xml", File)
