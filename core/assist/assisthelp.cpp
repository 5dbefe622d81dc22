#include "assist/assisthelp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRectF>

#include "assist/assistmodel.h"
#include "model/boxresult.h"
#include "model/project.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"

namespace postil::assisthelp {

namespace {

const QString kAssist = QStringLiteral("assist");

// One box, span or segment as the matching sees it: what must be equal for
// "accepted", and where it lies for "edited" (spans and segments on a line).
struct Part {
    QString key;
    QRectF area;
};

QString attrsKey(const QJsonObject& attrs) {
    return QString::fromUtf8(QJsonDocument(attrs).toJson(QJsonDocument::Compact));
}

QList<Part> partsOf(TaskKind kind, const QJsonObject& result) {
    QList<Part> parts;
    switch (kind) {
        case TaskKind::Image:
            for (const Box& b : boxresult::read(result))
                parts.append({QStringLiteral("%1|%2|%3|%4|%5|%6")
                                  .arg(b.label)
                                  .arg(b.x, 0, 'f', 2)
                                  .arg(b.y, 0, 'f', 2)
                                  .arg(b.w, 0, 'f', 2)
                                  .arg(b.h, 0, 'f', 2)
                                  .arg(attrsKey(b.attrs)),
                              b.rect().normalized()});
            break;
        case TaskKind::Text:
            for (const Span& s : spanresult::read(result).spans)
                parts.append({QStringLiteral("%1|%2|%3|%4")
                                  .arg(s.label)
                                  .arg(s.start)
                                  .arg(s.end)
                                  .arg(attrsKey(s.attrs)),
                              QRectF(double(s.start), 0, double(s.length()), 1)});
            break;
        case TaskKind::Audio:
            for (const Segment& s : segmentresult::read(result))
                parts.append({QStringLiteral("%1|%2|%3|%4|%5")
                                  .arg(s.startMs)
                                  .arg(s.endMs)
                                  .arg(s.speaker, s.text, attrsKey(s.attrs)),
                              QRectF(double(s.startMs), 0, double(s.durationMs()), 1)});
            break;
        case TaskKind::Compare:
            break;
    }
    return parts;
}

double overlap(const QRectF& a, const QRectF& b) {
    const QRectF common = a.intersected(b);
    if (common.isEmpty())
        return 0;
    const double shared = common.width() * common.height();
    const double all = a.width() * a.height() + b.width() * b.height() - shared;
    return all > 0 ? shared / all : 0;
}

QString runOf(const Annotation& model) {
    return model.result.value(QStringLiteral("model"))
        .toObject()
        .value(QStringLiteral("at"))
        .toString();
}

}  // namespace

Counts measure(TaskKind kind, const QJsonObject& proposed, const QJsonObject& own) {
    const QList<Part> proposals = partsOf(kind, proposed);
    const QList<Part> parts = partsOf(kind, own);
    QList<bool> taken(proposals.size(), false);
    QList<bool> matched(parts.size(), false);
    Counts counts;
    // Equal first, so that an accepted proposal is never spent on an edit.
    QMultiHash<QString, int> byKey;
    for (int p = int(proposals.size()) - 1; p >= 0; --p)
        byKey.insert(proposals[p].key, p);
    for (int i = 0; i < parts.size(); ++i) {
        for (auto it = byKey.find(parts[i].key); it != byKey.end() && it.key() == parts[i].key;
             ++it) {
            if (taken[*it])
                continue;
            taken[*it] = true;
            matched[i] = true;
            ++counts.accepted;
            break;
        }
    }
    for (int i = 0; i < parts.size(); ++i) {
        if (matched[i])
            continue;
        int best = -1;
        double bestOverlap = 0.5;
        for (int p = 0; p < proposals.size(); ++p) {
            if (taken[p])
                continue;
            if (const double o = overlap(parts[i].area, proposals[p].area); o >= bestOverlap) {
                best = p;
                bestOverlap = o;
            }
        }
        if (best >= 0) {
            taken[best] = true;
            ++counts.edited;
        } else {
            ++counts.added;
        }
    }
    counts.rejected = std::count(taken.begin(), taken.end(), false);
    return counts;
}

std::optional<Annotation> modelRow(const QList<Annotation>& rows, TaskKind kind,
                                   const QJsonObject& own) {
    const QString from = own.value(kAssist).toObject().value(QStringLiteral("from")).toString();
    std::optional<Annotation> first;
    for (const Annotation& row : rows) {
        if (!AssistModel::isModelAnnotator(row.annotator) || partsOf(kind, row.result).isEmpty())
            continue;
        if (row.annotator == from)
            return row;
        if (!first)
            first = row;
    }
    return first;
}

QList<int> dismissed(const QJsonObject& own, const Annotation& model) {
    const QJsonObject assist = own.value(kAssist).toObject();
    if (assist.value(QStringLiteral("from")).toString() != model.annotator ||
        assist.value(QStringLiteral("at")).toString() != runOf(model))
        return {};
    QList<int> indexes;
    for (const QJsonValue& v : assist.value(QStringLiteral("dismissed")).toArray())
        if (v.isDouble())
            indexes << v.toInt();
    return indexes;
}

QJsonObject withDismissed(const QJsonObject& own, const Annotation& model, int index) {
    QList<int> indexes = dismissed(own, model);
    if (!indexes.contains(index))
        indexes << index;
    std::sort(indexes.begin(), indexes.end());
    QJsonArray list;
    for (int i : std::as_const(indexes))
        list.append(i);
    QJsonObject assist = own.value(kAssist).toObject();
    assist.insert(QStringLiteral("from"), model.annotator);
    assist.insert(QStringLiteral("at"), runOf(model));
    assist.insert(QStringLiteral("dismissed"), list);
    QJsonObject result = own;
    result.insert(kAssist, assist);
    return result;
}

QJsonObject recordHelp(Project& project, const Task& task, const QJsonObject& own) {
    const auto model =
        modelRow(project.annotations().proposals(task.uid, project.annotator()), task.kind, own);
    if (!model)
        return own;
    const Counts counts = measure(task.kind, model->result, own);
    QJsonObject assist = own.value(kAssist).toObject();
    if (assist.value(QStringLiteral("from")).toString() != model->annotator) {
        assist = QJsonObject();  // dismissals of another model's run mean nothing here
        assist.insert(QStringLiteral("at"), runOf(*model));
    }
    assist.insert(QStringLiteral("from"), model->annotator);
    assist.insert(QStringLiteral("accepted"), counts.accepted);
    assist.insert(QStringLiteral("edited"), counts.edited);
    assist.insert(QStringLiteral("rejected"), counts.rejected);
    assist.insert(QStringLiteral("added"), counts.added);
    QJsonObject result = own;
    result.insert(kAssist, assist);
    return result;
}

}  // namespace postil::assisthelp
