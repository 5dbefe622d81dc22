// The short fuzz run of the normal build and CI (docs/architecture.md §9): a
// main() for a libFuzzer harness built without libFuzzer. It feeds the
// harness every file of its seed corpus, then a fixed number of inputs made
// by mutating those seeds with a seeded random generator, so every run
// tries the same inputs and a failure repeats. No coverage guidance: that is
// what tools/fuzz's long runs are for; this one keeps every reader exercised
// on malformed input in every CI run, under ASan + UBSan in `tools/test
// --sanitize`. A harness reports a finding by crashing or aborting; the
// input is then written next to the working folder and named on stderr.
//
//   smoke_<target> [--mutations N] [--seed S] CORPUS_DIR
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Optional in a harness, as with libFuzzer.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

// Inputs stay as small as libFuzzer's runs keep them (tools/fuzz: -max_len).
constexpr qsizetype kMaxInput = 32768;

// Bytes that tend to reach parsers' edge cases: quotes, brackets, separators,
// digits, signs, escapes, line ends, NUL, high bytes that start or break UTF-8.
constexpr char kInteresting[] = "\"{}[],:\t\r\n0123456789-+.eE\\/<>=&#%|~ \x00\xff\xc3\xa9\xf0\x9f";

QByteArray current;  // the input under test, written out if the harness dies

void writeCrashInput() {
    const char* name = "smoke-crash-input";
    if (FILE* file = std::fopen(name, "wb")) {
        std::fwrite(current.constData(), 1, size_t(current.size()), file);
        std::fclose(file);
        std::fprintf(stderr, "smoke run: the failing input is in %s/%s (%lld bytes)\n",
                     qPrintable(QDir::currentPath()), name, static_cast<long long>(current.size()));
    }
}

void onFatalSignal(int signal) {
    writeCrashInput();
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

class Mutator {
public:
    Mutator(const QList<QByteArray>& seeds, std::uint64_t seed) : m_seeds(seeds), m_random(seed) {}

    QByteArray next() {
        QByteArray input = m_seeds.isEmpty() ? QByteArray() : m_seeds[pick(m_seeds.size())];
        // Stacked mutations, as libFuzzer does, so inputs drift further from
        // the seeds than one change would take them.
        const int steps = 1 + pick(8);
        for (int i = 0; i < steps; ++i)
            mutate(input);
        if (input.size() > kMaxInput)
            input.truncate(kMaxInput);
        return input;
    }

private:
    int pick(qsizetype bound) { return bound <= 0 ? 0 : int(m_random() % std::uint64_t(bound)); }
    char interesting() { return kInteresting[pick(sizeof kInteresting - 1)]; }

    void mutate(QByteArray& input) {
        const qsizetype size = input.size();
        switch (pick(8)) {
            case 0:  // flip a bit
                if (size > 0) {
                    const qsizetype at = pick(size);
                    input[at] = char(input[at] ^ (1 << pick(8)));
                }
                break;
            case 1:  // put an interesting byte over one
                if (size > 0)
                    input[pick(size)] = interesting();
                break;
            case 2:  // insert an interesting byte
                input.insert(pick(size + 1), interesting());
                break;
            case 3:  // delete a range
                if (size > 0) {
                    const qsizetype at = pick(size);
                    input.remove(at, 1 + pick(qMin<qsizetype>(size - at, 64)));
                }
                break;
            case 4:  // repeat a range (long runs, deep nesting)
                if (size > 0) {
                    const qsizetype at = pick(size);
                    const QByteArray piece =
                        input.mid(at, 1 + pick(qMin<qsizetype>(size - at, 32)));
                    input.insert(at, piece.repeated(1 + pick(16)));
                }
                break;
            case 5:  // splice in part of another seed
                if (!m_seeds.isEmpty()) {
                    const QByteArray& other = m_seeds[pick(m_seeds.size())];
                    if (!other.isEmpty()) {
                        const qsizetype from = pick(other.size());
                        input.insert(pick(size + 1),
                                     other.mid(from, 1 + pick(other.size() - from)));
                    }
                }
                break;
            case 6:  // cut the input short (truncated files)
                input.truncate(pick(size + 1));
                break;
            default:  // a number's digits replaced by an extreme one
                if (size > 0) {
                    static const char* const numbers[] = {
                        "0",          "-1",  "1e308", "-1e309", "9223372036854775808",
                        "4294967296", "0.5", "NaN",   "1e-320"};
                    const char* number = numbers[pick(std::size(numbers))];
                    input.insert(pick(size + 1), number);
                }
                break;
        }
    }

    const QList<QByteArray>& m_seeds;
    std::mt19937_64 m_random;
};

int usage() {
    std::fprintf(stderr, "usage: smoke_TARGET [--mutations N] [--seed S] CORPUS_DIR\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    long long mutations = 2000;
    unsigned long long seed = 1;
    const char* corpus = nullptr;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--mutations") == 0 && i + 1 < argc)
            mutations = std::atoll(argv[++i]);
        else if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = std::strtoull(argv[++i], nullptr, 10);
        else if (argv[i][0] != '-' && !corpus)
            corpus = argv[i];
        else
            return usage();
    }
    if (!corpus || mutations < 0)
        return usage();

    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);

    QList<QByteArray> seeds;
    const QDir folder(QString::fromLocal8Bit(corpus));
    const auto entries = folder.entryInfoList(QDir::Files, QDir::Name);
    for (const auto& entry : entries) {
        QFile file(entry.filePath());
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "smoke run: cannot read %s: %s\n", qPrintable(entry.filePath()),
                         qPrintable(file.errorString()));
            return 1;
        }
        seeds.append(file.read(kMaxInput));
    }
    if (seeds.isEmpty()) {
        // A target without seeds would only ever see mutated empty input.
        std::fprintf(stderr, "smoke run: no seed files in %s\n", corpus);
        return 1;
    }

#if defined(__SANITIZE_ADDRESS__)
    // ASan catches the fatal signals itself and prints its report first.
    __sanitizer_set_death_callback(writeCrashInput);
#else
    for (int signal : {SIGSEGV, SIGFPE, SIGBUS, SIGILL})
        std::signal(signal, onFatalSignal);
#endif
    std::signal(SIGABRT, onFatalSignal);  // a harness's own check failing

    auto run = [](const QByteArray& input) {
        current = input;
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(current.constData()),
                               size_t(current.size()));
    };
    for (const QByteArray& input : seeds)
        run(input);
    Mutator mutator(seeds, seed);
    for (long long i = 0; i < mutations; ++i)
        run(mutator.next());
    std::printf("smoke run: %lld seeds and %lld mutated inputs (seed %llu), no finding\n",
                static_cast<long long>(seeds.size()), mutations, seed);
    return 0;
}
