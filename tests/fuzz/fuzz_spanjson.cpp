// libFuzzer harness for the fast span scanner the text exports read stored
// results with (spanresult::scan in model/spanresult). Beyond memory errors it
// checks that, on any valid JSON object it accepts, the scanner gives exactly
// the spans and relations the Qt JSON path (spanresult::read) gives, with no
// problem said: a difference would export different spans. The first byte is
// the text's length in code points (255: unknown).
#include <QByteArray>
#include <QJsonDocument>
#include <cstdio>
#include <cstdlib>

#include "model/spanresult.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const qint64 length = data[0] == 255 ? -1 : qint64(data[0]);
    const QByteArray json(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    postil::TextAnnotation fast;
    const bool scanned = postil::spanresult::scan(json, fast, length);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!scanned || error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    QStringList problems;
    const postil::TextAnnotation slow =
        postil::spanresult::read(document.object(), &problems, length);
    bool same = problems.isEmpty() && fast.spans.size() == slow.spans.size() &&
                fast.relations.size() == slow.relations.size();
    for (qsizetype i = 0; same && i < slow.spans.size(); ++i)
        same = fast.spans[i].sameAs(slow.spans[i]);
    for (qsizetype i = 0; same && i < slow.relations.size(); ++i)
        same = fast.relations[i].sameAs(slow.relations[i]);
    if (!same) {
        std::fprintf(stderr, "scan and read differ (%lld/%lld spans, %lld problems)\n",
                     static_cast<long long>(fast.spans.size()),
                     static_cast<long long>(slow.spans.size()),
                     static_cast<long long>(problems.size()));
        std::abort();
    }
    return 0;
}
