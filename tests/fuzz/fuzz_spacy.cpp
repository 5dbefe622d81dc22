// libFuzzer harness for the spacy reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("spacy", "jsonl", File)
