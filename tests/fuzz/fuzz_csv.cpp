// libFuzzer harness for the csv reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("csv", "csv", File)
