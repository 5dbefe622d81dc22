// libFuzzer harness for the coco reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("coco", "json", File)
