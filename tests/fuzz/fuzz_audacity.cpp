// libFuzzer harness for the audacity reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("audacity", "txt", SpeechFile)
