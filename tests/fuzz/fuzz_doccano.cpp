// libFuzzer harness for the doccano reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("doccano", "jsonl", File)
