// libFuzzer harness for the responses reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("responses", "jsonl", File)
