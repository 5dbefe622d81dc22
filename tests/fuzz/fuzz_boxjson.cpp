// libFuzzer harness for the fast box scanner the detection exports read stored
// results with (boxresult::scan in model/boxresult). Beyond memory errors it
// checks that, on any valid JSON it accepts, the scanner gives exactly the
// boxes the Qt JSON path (boxresult::read) gives: a difference would export
// different boxes. The strict parse runs too, for its error path.
#include <QByteArray>
#include <QJsonDocument>
#include <cstdio>
#include <cstdlib>

#include "model/boxresult.h"

namespace {

// Equal as numbers: Qt's parser reads "-0.0" as the integer 0, the scanner as
// -0.0; both export as "0" (appendExactNumber), so the sign is no difference.
// JSON has no NaN.
bool sameNumber(double a, double b) {
    return a == b;
}

bool sameBox(const postil::Box& a, const postil::Box& b) {
    return a.label == b.label && sameNumber(a.x, b.x) && sameNumber(a.y, b.y) &&
           sameNumber(a.w, b.w) && sameNumber(a.h, b.h) && a.attrs == b.attrs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray json(reinterpret_cast<const char*>(data), qsizetype(size));
    const auto fast = postil::boxresult::scan(json);
    (void)postil::boxresult::readJson(json);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    // Stored results are always valid JSON objects: only those must agree.
    if (!fast || error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QList<postil::Box> slow = postil::boxresult::read(document.object());
    (void)postil::boxresult::parse(document.object());
    bool same = fast->size() == slow.size();
    for (qsizetype i = 0; same && i < slow.size(); ++i)
        same = sameBox(fast->at(i), slow.at(i));
    if (!same) {
        std::fprintf(stderr, "scan gives %lld boxes, read %lld, or they differ\n",
                     static_cast<long long>(fast->size()), static_cast<long long>(slow.size()));
        std::abort();
    }
    return 0;
}
