// libFuzzer harness for the voc reader (tests/fuzz/README: tools/fuzz).
#include "importfuzzer.h"

POSTIL_IMPORT_FUZZER("voc", "xml", File)
