// libFuzzer harness for the exports' fast word boundaries (text/simplewords).
// The input is read as UTF-8 and cut down to the characters the fast reader
// covers; on that text its boundaries must be exactly QTextBoundaryFinder's
// Word boundaries, which the exports used before it: a difference would cut
// the tokens of a spaCy or CoNLL export differently. Memory errors are the
// sanitizers' to find (the reader indexes the text by hand).
#include <QString>
#include <QTextBoundaryFinder>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "text/simplewords.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString input = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    QString text;
    text.reserve(input.size());
    for (qsizetype i = 0; i < input.size();) {
        const qsizetype width = input.at(i).isHighSurrogate() && i + 1 < input.size() &&
                                        input.at(i + 1).isLowSurrogate()
                                    ? 2
                                    : 1;
        const QStringView one = QStringView(input).mid(i, width);
        if (postil::SimpleWordBoundaries::covers(one))
            text += one;
        i += width;
    }
    if (!postil::SimpleWordBoundaries::covers(text))
        return 0;  // a pair of covered characters need not be; the reader says so
    std::vector<qsizetype> fast;
    postil::SimpleWordBoundaries simple(text);
    for (qsizetype b = simple.toNextBoundary(); b >= 0 && fast.size() <= size_t(text.size()) + 1;
         b = simple.toNextBoundary())
        fast.push_back(b);
    std::vector<qsizetype> qt;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
    for (qsizetype b = finder.toNextBoundary(); b >= 0; b = finder.toNextBoundary())
        qt.push_back(b);
    if (fast != qt) {
        std::fprintf(stderr, "word boundaries differ on a text of %lld UTF-16 units\n",
                     static_cast<long long>(text.size()));
        std::abort();
    }
    return 0;
}
