// libFuzzer harness for the srt reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("srt", "srt", SpeechFile)
