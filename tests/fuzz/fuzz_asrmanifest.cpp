// libFuzzer harness for the asr-manifest reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("asr-manifest", "jsonl", SpeechFile)
