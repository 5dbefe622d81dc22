#include "model/segmentresult.h"

#include <QJsonValue>
#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>

#include "model/resultjson.h"

namespace postil {

namespace {

const QString kSegments = QStringLiteral("segments");
const QString kStart = QStringLiteral("start_ms");
const QString kEnd = QStringLiteral("end_ms");
const QString kSpeaker = QStringLiteral("speaker");
const QString kText = QStringLiteral("text");
const QString kAttrs = QStringLiteral("attrs");

// Text under `key`; where the value is "" and the stored object held no
// text there (no key, null, something else that read as ""), it is left as
// it was, so an untouched segment is written back byte for byte.
void putString(QJsonObject& object, bool stored, const QString& key, const QString& value) {
    const QJsonValue old = object.value(key);
    if (old.isString() && old.toString() == value)
        return;
    if (stored && value.isEmpty() && !old.isString())
        return;
    object.insert(key, value);
}

// Seconds with their milliseconds, for messages: "12.345 s".
QString seconds(qint64 ms) {
    return QStringLiteral("%1.%2 s").arg(ms / 1000).arg(std::abs(ms % 1000), 3, 10,
                                                        QLatin1Char('0'));
}

// What makes an entry a segment at all, whatever the audio's length: an
// object with whole-number times, 0 <= start < end.
bool readTimes(const QJsonValue& value, Segment& segment, QString& why) {
    if (!value.isObject()) {
        why = QStringLiteral("is not an object");
        return false;
    }
    const QJsonObject object = value.toObject();
    if (!resultjson::readWholeNumber(object.value(kStart), segment.startMs) ||
        !resultjson::readWholeNumber(object.value(kEnd), segment.endMs)) {
        why = QStringLiteral("\"start_ms\" and \"end_ms\" are not whole numbers");
        return false;
    }
    if (segment.startMs < 0 || segment.endMs <= segment.startMs) {
        why = QStringLiteral("covers nothing (%1..%2 ms)").arg(segment.startMs).arg(segment.endMs);
        return false;
    }
    return true;
}

// Reads one entry of "segments"; false, with the reason in `why`, for an
// entry that is not a segment. `why` also says what was read in its place
// (a speaker that is not text) for an entry that is.
bool readSegment(const QJsonValue& value, qint64 durationMs, Segment& segment, QString& why) {
    if (!readTimes(value, segment, why))
        return false;
    if (durationMs >= 0 && segment.endMs > durationMs) {
        why = QStringLiteral("ends at %1, past the end of the audio (%2)")
                  .arg(seconds(segment.endMs), seconds(durationMs));
        return false;
    }
    const QJsonObject object = value.toObject();
    const QJsonValue speaker = object.value(kSpeaker);
    const QJsonValue text = object.value(kText);
    const QJsonValue attrs = object.value(kAttrs);
    segment.speaker = speaker.toString();
    segment.text = text.toString();
    segment.attrs = attrs.toObject();
    segment.source = object;
    if (!speaker.isUndefined() && !speaker.isNull() && !speaker.isString())
        why = QStringLiteral("the speaker is not text (read as none)");
    else if (!text.isUndefined() && !text.isNull() && !text.isString())
        why = QStringLiteral("the text is not text (read as empty)");
    else if (!attrs.isUndefined() && !attrs.isObject())
        why = QStringLiteral("\"attrs\" is not an object (read as none)");
    return true;
}

}  // namespace

bool Segment::sameAs(const Segment& other) const {
    return startMs == other.startMs && endMs == other.endMs && speaker == other.speaker &&
           text == other.text && attrs == other.attrs;
}

QJsonObject Segment::toJson() const {
    QJsonObject object = source;
    resultjson::putInteger(object, kStart, startMs);
    resultjson::putInteger(object, kEnd, endMs);
    // A new segment says its speaker and text even when empty: a reader
    // elsewhere (a NeMo manifest, a script) should not have to guess.
    const bool stored = !source.isEmpty();
    putString(object, stored, kSpeaker, speaker);
    putString(object, stored, kText, text);
    // No attributes: no key, unless the stored object had one that read as
    // none (an empty object, or something that is not one), kept as it was.
    const QJsonValue storedAttrs = object.value(kAttrs);
    if (attrs.isEmpty()) {
        if (storedAttrs.isObject() && !storedAttrs.toObject().isEmpty())
            object.remove(kAttrs);
    } else if (!storedAttrs.isObject() || storedAttrs.toObject() != attrs) {
        object.insert(kAttrs, attrs);
    }
    return object;
}

namespace segmentresult {

bool earlier(const Segment& a, const Segment& b) {
    if (a.startMs != b.startMs)
        return a.startMs < b.startMs;
    if (a.endMs != b.endMs)
        return a.endMs < b.endMs;
    return a.speaker < b.speaker;
}

QList<Segment> read(const QJsonObject& result, QStringList* problemsOut, qint64 durationMs) {
    QList<Segment> segments;
    resultjson::ProblemList problems(problemsOut);
    const QJsonValue value = result.value(kSegments);
    if (!value.isUndefined() && !value.isArray())
        problems.add(QStringLiteral("\"segments\" is not a list"));
    const QJsonArray list = value.toArray();
    segments.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        Segment segment;
        QString why;
        if (readSegment(list.at(i), durationMs, segment, why))
            segments << segment;
        if (!why.isEmpty())
            problems.add(QStringLiteral("segment %1 %2").arg(i + 1).arg(why));
    }
    return segments;
}

Expected<QList<Segment>> parse(const QJsonObject& result, qint64 durationMs) {
    QStringList problems;
    QList<Segment> segments = read(result, &problems, durationMs);
    if (!problems.isEmpty())
        return Status::failure(problems.first());
    return segments;
}

QJsonArray toJson(const QList<Segment>& segments) {
    QJsonArray list;
    for (const Segment& segment : segments)
        list.append(segment.toJson());
    return list;
}

QJsonObject withSegments(const QJsonObject& result, const QList<Segment>& segments) {
    QJsonArray list = toJson(segments);
    // What this build cannot read as a segment is not its to drop.
    for (const QJsonValue& entry : result.value(kSegments).toArray()) {
        Segment ignored;
        QString why;
        if (!readTimes(entry, ignored, why))
            list.append(entry);
    }
    QJsonObject out = result;
    out.insert(kSegments, list);
    return out;
}

void sort(QList<Segment>& segments) {
    std::stable_sort(segments.begin(), segments.end(), earlier);
}

QList<QPair<int, int>> overlapsWithinSpeaker(const QList<Segment>& segments, int limit) {
    QList<int> order(segments.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&segments](int a, int b) {
        const Segment& x = segments[a];
        const Segment& y = segments[b];
        if (x.speaker != y.speaker)
            return x.speaker < y.speaker;
        return earlier(x, y);
    });
    QList<QPair<int, int>> pairs;
    // Per speaker, in start order: a segment overlaps an earlier one exactly
    // when it starts before the furthest end so far.
    int reaching = -1;  // the segment of this speaker that ends furthest so far
    for (int k = 0; k < order.size() && pairs.size() < limit; ++k) {
        const Segment& segment = segments[order[k]];
        if (reaching < 0 || segments[reaching].speaker != segment.speaker) {
            reaching = order[k];
            continue;
        }
        if (segment.startMs < segments[reaching].endMs)
            pairs << qMakePair(reaching, order[k]);
        if (segment.endMs > segments[reaching].endMs)
            reaching = order[k];
    }
    return pairs;
}

Status checkNoOverlap(const QList<Segment>& segments) {
    const QList<QPair<int, int>> pairs = overlapsWithinSpeaker(segments, INT_MAX);
    if (pairs.isEmpty())
        return Status::success();
    // The one a listener meets first.
    const auto first = std::min_element(pairs.begin(), pairs.end(), [&](auto x, auto y) {
        return earlier(segments[x.second], segments[y.second]);
    });
    const Segment& a = segments[first->first];
    const Segment& b = segments[first->second];
    const QString who = a.speaker.isEmpty() ? QStringLiteral("segments without a speaker")
                                            : QStringLiteral("speaker \"%1\"").arg(a.speaker);
    return Status::failure(
        QStringLiteral("%1: the segment %2–%3 overlaps the segment %4–%5")
            .arg(who, seconds(b.startMs), seconds(b.endMs), seconds(a.startMs), seconds(a.endMs)));
}

}  // namespace segmentresult
}  // namespace postil
