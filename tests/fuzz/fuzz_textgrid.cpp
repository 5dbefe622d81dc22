// libFuzzer harness for the textgrid reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("textgrid", "TextGrid", SpeechFile)
