#pragma once

// What the importer harnesses (fuzz_<format>.cpp) share: a scratch project made
// once per process, and one import of the fuzz input per call that is rolled
// back, so every input meets the same empty project.

#include <cstddef>
#include <cstdint>

namespace postil::fuzz {

// Where the fuzz input is written before the reader sees it.
enum class Placement {
    // <scratch>/input.<extension>, read as that file. A real 64x48 image
    // a.png lies beside it, so records naming "a.png" find their image.
    File,
    // A YOLO dataset <scratch>/yolo with images/a.png, labels/classes.txt
    // (cat, dog, bird) and the input as labels/a.txt; the folder is read.
    YoloDataset,
    // A brat document <scratch>/brat/doc.txt + doc.ann: the input up to its
    // first NUL byte is the .txt, the rest the .ann (without a NUL the .txt
    // is a fixed text with \r\n and an emoji); the .ann is read.
    BratDocument,
    // A transcript <scratch>/speech/input.<extension> beside a real 1-second
    // WAV, speech/input.wav, which the speech readers take as its audio (by
    // name, or as an EAF's or a manifest's "input.wav"): the task, the
    // audio's length and every segment check run for real.
    SpeechFile,
};

// Writes the input where 'placement' says and imports it with the format named
// 'format', going past bad records (--skip-bad); the import never commits.
// Aborts (a finding) only when the project cannot be set up.
int importOnce(const char* format, const char* extension, Placement placement, const uint8_t* data,
               size_t size);

}  // namespace postil::fuzz

// One harness per reader: POSTIL_IMPORT_FUZZER("coco", "json", File).
#define POSTIL_IMPORT_FUZZER(format, extension, placement)                                     \
    extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {                  \
        return postil::fuzz::importOnce(format, extension, postil::fuzz::Placement::placement, \
                                        data, size);                                           \
    }
