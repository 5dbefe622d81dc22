// libFuzzer harness for the yolo reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("yolo", "txt", YoloDataset)
