// libFuzzer harness for the yolo reader (docs/architecture.md §9; run with tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("yolo", "txt", YoloDataset)
