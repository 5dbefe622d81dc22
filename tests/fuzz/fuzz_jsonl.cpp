// libFuzzer harness for the jsonl reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("jsonl", "jsonl", File)
