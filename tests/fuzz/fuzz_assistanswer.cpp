// libFuzzer harness for what a model answers (assistresult::check in
// core/assist, docs/assist.md "What is checked"): a model is code the user
// runs, and what it prints is stored only when the check lets it through.
// The first byte picks the task (0 image 640x480, 1 text of 12 code points,
// 2 audio of 10 s, 3 a comparison of two responses); the rest is the answer.
// Beyond memory errors it checks that an accepted answer is what the check
// promises: every box inside the image, every span within the text, every
// segment within the audio, and the stored result accepted again as it is.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>
#include <cstdlib>

#include "assist/assistresult.h"
#include "model/boxresult.h"
#include "model/schema.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"

namespace {

const postil::Schema& schema() {
    static const postil::Schema s = *postil::Schema::fromJsonText(R"({
      "labels": [{"name": "car", "kinds": ["image"]}, {"name": "DATE", "kinds": ["text"]},
                 {"name": "alice", "kinds": ["audio"]}, {"name": "wrong", "kinds": ["compare"]}],
      "attributes": [{"name": "text", "type": "text"}, {"name": "ok", "type": "flag"},
                     {"name": "size", "type": "single", "options": ["s", "m"]}],
      "relations": [{"name": "near"}],
      "questions": [{"name": "q", "type": "multi", "options": ["a", "b"]},
                    {"name": "r", "type": "rating", "min": 1, "max": 5}],
      "rubric": [{"name": "helpful", "min": 1, "max": 7}]})");
    return s;
}

postil::AssistTask task(int which) {
    postil::AssistTask t;
    t.task.id = 1;
    t.task.uid = QStringLiteral("t");
    switch (which) {
        case 0:
            t.task.kind = postil::TaskKind::Image;
            t.task.data = QJsonObject{{QStringLiteral("image"), QStringLiteral("a.png")}};
            t.imageSize = QSize(640, 480);
            break;
        case 1:
            t.task.kind = postil::TaskKind::Text;
            t.task.data = QJsonObject{{QStringLiteral("text"), QStringLiteral("On 1 May 🙂.")}};
            t.textLength = 12;
            break;
        case 2:
            t.task.kind = postil::TaskKind::Audio;
            t.task.data = QJsonObject{{QStringLiteral("audio"), QStringLiteral("a.wav")}};
            t.durationMs = 10000;
            break;
        default:
            t.task.kind = postil::TaskKind::Compare;
            t.task.data = QJsonObject{{QStringLiteral("prompt"), QStringLiteral("hi")},
                                      {QStringLiteral("responses"),
                                       QJsonArray{QStringLiteral("a"), QStringLiteral("b")}}};
            break;
    }
    return t;
}

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "accepted answer breaks the rule: %s\n", what);
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0)
        return 0;
    const postil::AssistTask t = task(data[0] % 4);
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1)));
    if (!doc.isObject())
        return 0;
    auto result = postil::assistresult::check(doc.object(), schema(), t);
    if (!result.ok())
        return 0;
    for (const postil::Box& box : postil::boxresult::read(*result))
        if (box.x < 0 || box.y < 0 || box.w <= 0 || box.h <= 0 || box.x + box.w > 640.01 ||
            box.y + box.h > 480.01)
            fail("box inside the image");
    if (t.textLength >= 0 && !postil::spanresult::parse(*result, t.textLength).ok())
        fail("spans within the text");
    if (t.durationMs >= 0 && !postil::segmentresult::parse(*result, t.durationMs).ok())
        fail("segments within the audio");
    auto again = postil::assistresult::check(*result, schema(), t);
    if (!again.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(again.error()));
        fail("a stored result is accepted again");
    }
    if (*again != *result)
        fail("checking a stored result again changes nothing");
    return 0;
}
