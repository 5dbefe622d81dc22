// libFuzzer harness for the jsonl reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("jsonl", "jsonl", File)
