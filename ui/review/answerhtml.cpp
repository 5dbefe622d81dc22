#include "review/answerhtml.h"

#include <algorithm>

#include <QJsonArray>

#include "model/comparisonresult.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"
#include "text/textoffsets.h"
#include "text/worddiff.h"
#include "widgets/labelcolors.h"

namespace postil {

namespace {

// Long documents are shown up to here: a review compares, it does not read.
constexpr qsizetype kMaxLaneChars = 6000;

QString esc(const QString& text) {
    return text.toHtmlEscaped();
}

QString answersTable(const Schema& schema, const Task& task, const QList<Annotation>& answers) {
    const QList<Question> questions = schema.questionsFor(task);
    if (questions.isEmpty())
        return QString();
    QString html = QStringLiteral(
        "<h4>Answers</h4><table border=1 cellspacing=0 cellpadding=3>"
        "<tr><th></th>");
    for (const Annotation& a : answers)
        html += QStringLiteral("<th>%1</th>").arg(esc(a.annotator));
    html += QStringLiteral("</tr>");
    for (const Question& q : questions) {
        html += QStringLiteral("<tr><td><b>%1</b></td>").arg(esc(q.name));
        QStringList values;
        for (const Annotation& a : answers) {
            const QJsonValue v = a.result.value(QStringLiteral("answers")).toObject().value(q.name);
            QString shown;
            if (v.isArray()) {
                QStringList items;
                for (const QJsonValue& item : v.toArray())
                    items.append(item.toVariant().toString());
                shown = items.join(QStringLiteral(", "));
            } else if (v.isBool()) {
                shown = v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
            } else if (!v.isUndefined() && !v.isNull()) {
                shown = v.toVariant().toString();
            }
            values.append(shown);
        }
        const bool differ = std::any_of(values.begin(), values.end(),
                                        [&](const QString& v) { return v != values.first(); });
        for (const QString& v : values)
            html += QStringLiteral("<td%1>%2</td>")
                        .arg(differ ? QStringLiteral(" bgcolor=\"#fff1c4\"") : QString(),
                             v.isEmpty() ? QStringLiteral("<i>—</i>") : esc(v.left(300)));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString spanLanes(const Task& task, const Schema& schema, const QList<Annotation>& answers) {
    const QString text = task.data.value(QStringLiteral("text")).toString();
    const TextOffsets offsets(text);
    const QHash<QString, QColor> colors = labelColors(schema.labelsFor(TaskKind::Text));
    QString html;
    if (text.size() > kMaxLaneChars)
        html += QStringLiteral("<p><i>The first %1 characters of %2.</i></p>")
                    .arg(kMaxLaneChars)
                    .arg(text.size());
    // A task answered by questions alone has no lanes to show.
    if (std::none_of(answers.begin(), answers.end(), [](const Annotation& a) {
            return !spanresult::read(a.result).spans.isEmpty();
        }))
        return {};
    for (const Annotation& a : answers) {
        const TextAnnotation spans = spanresult::read(a.result);
        if (spans.spans.isEmpty()) {
            html += QStringLiteral("<p><b>%1</b>: no spans</p>").arg(esc(a.annotator));
            continue;
        }
        // Marks at UTF-16 positions: where a span starts and ends.
        QList<std::pair<qsizetype, qsizetype>> ranges;
        QStringList labels;
        for (const Span& s : spans.spans) {
            ranges.append({offsets.toUtf16(s.start), offsets.toUtf16(s.end)});
            labels.append(s.label);
        }
        QString lane;
        qsizetype at = 0;
        const qsizetype limit = qMin(text.size(), kMaxLaneChars);
        // Spans in reading order; a nested or overlapping span is shown from
        // where the one before it ends.
        for (qsizetype i = 0; i < ranges.size(); ++i) {
            const qsizetype from = qMax(ranges[i].first, at);
            const qsizetype to = qMin(ranges[i].second, limit);
            if (from >= to)
                continue;
            lane += esc(text.mid(at, from - at));
            const QColor color = colors.value(labels[i], unknownLabelColor(labels[i]));
            lane +=
                QStringLiteral("<span style=\"background-color:%1\">%2</span><sub>%3</sub>")
                    .arg(color.lighter(150).name(), esc(text.mid(from, to - from)), esc(labels[i]));
            at = to;
        }
        lane += esc(text.mid(at, limit - at));
        html += QStringLiteral("<p><b>%1</b> (%2):<br>%3</p>")
                    .arg(esc(a.annotator))
                    .arg(spans.spans.size())
                    .arg(lane.replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    return html;
}

QString diffHtml(const QString& before, const QString& after) {
    QString html;
    for (const DiffChunk& c : wordDiff(before, after)) {
        if (c.op == DiffOp::Equal)
            html += esc(c.text);
        else if (c.op == DiffOp::Insert)
            html += QStringLiteral("<span style=\"background-color:#c8f0c8\">%1</span>")
                        .arg(esc(c.text));
        else
            html += QStringLiteral("<s style=\"background-color:#f6c8c8\">%1</s>").arg(esc(c.text));
    }
    return html;
}

QString transcripts(const QList<Annotation>& answers) {
    // Each annotator's segments in time order; each transcript diffed against
    // the first annotator's segment that overlaps it most.
    QList<QList<Segment>> all;
    for (const Annotation& a : answers)
        all.append(segmentresult::read(a.result));
    auto timeText = [](qint64 ms) {
        return QStringLiteral("%1:%2.%3")
            .arg(ms / 60000)
            .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
            .arg((ms % 1000) / 100);
    };
    QString html;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        html += QStringLiteral("<p><b>%1</b> (%2 segments)")
                    .arg(esc(answers[i].annotator))
                    .arg(all[i].size());
        if (i > 0)
            html += QStringLiteral(", against %1:").arg(esc(answers[0].annotator));
        html += QStringLiteral("<br>");
        for (const Segment& s : all[i]) {
            QString shown = esc(s.text);
            if (i > 0) {
                const Segment* best = nullptr;
                qint64 bestOverlap = 0;
                for (const Segment& f : all[0]) {
                    const qint64 overlap = qMin(f.endMs, s.endMs) - qMax(f.startMs, s.startMs);
                    if (overlap > bestOverlap) {
                        bestOverlap = overlap;
                        best = &f;
                    }
                }
                if (best)
                    shown = diffHtml(best->text, s.text);
            }
            html += QStringLiteral("%1–%2 %3: %4<br>")
                        .arg(timeText(s.startMs), timeText(s.endMs),
                             s.speaker.isEmpty() ? QString() : esc(s.speaker), shown);
        }
        html += QStringLiteral("</p>");
    }
    return html;
}

QString verdicts(const Task& task, const QList<Annotation>& answers) {
    const int responses = int(task.data.value(QStringLiteral("responses")).toArray().size());
    QStringList dimensions;
    QList<ComparisonResult> read;
    for (const Annotation& a : answers) {
        read.append(ComparisonResult::read(a.result, responses));
        for (const QString& d : read.last().rubric().keys())
            if (!dimensions.contains(d))
                dimensions.append(d);
    }
    QString html = QStringLiteral(
        "<table border=1 cellspacing=0 cellpadding=3><tr><th></th><th>preference</th>"
        "<th>both bad</th><th>ranking</th>");
    for (const QString& d : dimensions)
        html += QStringLiteral("<th>%1</th>").arg(esc(d));
    html += QStringLiteral("<th>flags</th><th>critique</th></tr>");
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const ComparisonResult& r = read[i];
        QStringList groups;
        for (const QList<int>& group : r.ranking()) {
            QStringList ids;
            for (int index : group)
                ids.append(QString::number(index + 1));
            groups.append(ids.join(QLatin1Char('=')));
        }
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%4</td>")
                    .arg(esc(answers[i].annotator),
                         r.preference() ? QString::number(*r.preference()) : QStringLiteral("—"),
                         r.isBothBad() ? QStringLiteral("yes") : QString(),
                         groups.join(QStringLiteral(" &gt; ")));
        for (const QString& d : dimensions) {
            QStringList scores;
            for (const std::optional<double>& s : r.rubric().value(d))
                scores.append(s ? QString::number(*s) : QStringLiteral("–"));
            html += QStringLiteral("<td>%1</td>").arg(scores.join(QStringLiteral(" / ")));
        }
        html += QStringLiteral("<td>%1</td><td>%2</td></tr>")
                    .arg(r.flags().size())
                    .arg(esc(r.critique().left(240)));
    }
    return html + QStringLiteral("</table>");
}

}  // namespace

QString answersHtml(const Task& task, const Schema& schema, const QList<Annotation>& answers) {
    if (answers.isEmpty())
        return QStringLiteral("<p><i>No one has answered this task yet.</i></p>");
    QString html;
    switch (task.kind) {
        case TaskKind::Text:
            html += spanLanes(task, schema, answers);
            break;
        case TaskKind::Audio:
            html += transcripts(answers);
            break;
        case TaskKind::Compare:
            html += verdicts(task, answers);
            break;
        case TaskKind::Image:
            break;  // drawn over the image
    }
    return html + answersTable(schema, task, answers);
}

}  // namespace postil
