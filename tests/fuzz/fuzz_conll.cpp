// libFuzzer harness for the conll reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("conll", "conll", File)
