// libFuzzer harness for the labelme reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("labelme", "json", File)
