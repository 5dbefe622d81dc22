// libFuzzer harness for the createml reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("createml", "json", File)
