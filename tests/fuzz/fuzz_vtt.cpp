// libFuzzer harness for the vtt reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("vtt", "vtt", SpeechFile)
