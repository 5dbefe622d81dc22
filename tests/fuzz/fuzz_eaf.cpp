// libFuzzer harness for the eaf reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("eaf", "eaf", SpeechFile)
