// libFuzzer harness for the responses reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("responses", "jsonl", File)
