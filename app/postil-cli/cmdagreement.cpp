#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "quality/agreementreport.h"

namespace postil::cli {

namespace {

// A figure of the report: four decimals, or "n/a" where it is not defined
// (the reason is printed under the table).
QString figure(const QJsonObject& object, const QString& key) {
    const QJsonValue value = object.value(key);
    return value.isDouble() ? QString::number(value.toDouble(), 'f', 4) : QStringLiteral("n/a");
}

// "  n/a fleiss_kappa: no item was answered by every annotator" per undefined
// figure of `object`, each line once (`said`). That a nominal question has no
// weighted kappa or ordinal alpha is said in one line, not per figure.
void printReasons(const QJsonObject& object, const QString& indent, QStringList& said) {
    const QJsonObject reasons = object.value(QLatin1String("undefined")).toObject();
    for (auto it = reasons.begin(); it != reasons.end(); ++it) {
        const QString reason = it.value().toString();
        const QString line =
            reason.startsWith(QLatin1String("not an ordered scale"))
                ? QStringLiteral("  n/a weighted kappa, ordinal and interval alpha: %1")
                      .arg(reason.section(QLatin1Char(':'), 0, 0))
                : QStringLiteral("%1n/a %2: %3").arg(indent, it.key(), reason);
        if (!said.contains(line)) {
            said << line;
            printOut(line);
        }
    }
}

QString row(const QStringList& cells, const QList<int>& widths) {
    QString line = QStringLiteral("  ");
    for (qsizetype i = 0; i < cells.size(); ++i)
        line += cells.at(i).leftJustified(widths.value(i, 8)) + QStringLiteral("  ");
    return line.trimmed().prepend(QStringLiteral("  "));
}

int nameWidth(const QJsonArray& pairs) {
    int width = 1;
    for (const QJsonValue& p : pairs)
        width = qMax(width, int(qMax(p[QLatin1String("a")].toString().size(),
                                     p[QLatin1String("b")].toString().size())));
    return width;
}

void printCategorical(const QString& title, const QJsonObject& q) {
    const QJsonObject alpha = q.value(QLatin1String("krippendorff_alpha")).toObject();
    const QJsonArray pairs = q.value(QLatin1String("pairs")).toArray();
    if (q.value(QLatin1String("annotators")).toArray().isEmpty()) {
        printOut(QStringLiteral("%1  (no answers)").arg(title));
        return;
    }
    printOut(QStringLiteral("%1  (%2 annotators, %3 items with two answers or more)")
                 .arg(title)
                 .arg(q.value(QLatin1String("annotators")).toArray().size())
                 .arg(q.value(QLatin1String("items")).toInteger()));
    printOut(QStringLiteral("  percent agreement    %1")
                 .arg(figure(q, QStringLiteral("percent_agreement"))));
    printOut(QStringLiteral("  Fleiss' kappa        %1  (%2 items every annotator answered)")
                 .arg(figure(q, QStringLiteral("fleiss_kappa")))
                 .arg(q.value(QLatin1String("fleiss_items")).toInteger()));
    printOut(QStringLiteral("  Krippendorff's alpha nominal %1  ordinal %2  interval %3")
                 .arg(figure(alpha, QStringLiteral("nominal")),
                      figure(alpha, QStringLiteral("ordinal")),
                      figure(alpha, QStringLiteral("interval"))));
    const int width = nameWidth(pairs);
    const QList<int> widths{width, width, 5, 7, 7, 9};
    if (!pairs.isEmpty())
        printOut(
            row({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("items"),
                 QStringLiteral("kappa"), QStringLiteral("linear"), QStringLiteral("quadratic")},
                widths));
    for (const QJsonValue& value : pairs) {
        const QJsonObject p = value.toObject();
        printOut(
            row({p.value(QLatin1String("a")).toString(), p.value(QLatin1String("b")).toString(),
                 QString::number(p.value(QLatin1String("items")).toInteger()),
                 figure(p, QStringLiteral("cohen_kappa")),
                 figure(p, QStringLiteral("cohen_kappa_linear")),
                 figure(p, QStringLiteral("cohen_kappa_quadratic"))},
                widths));
    }
    QStringList said;
    printReasons(q, QStringLiteral("  "), said);
    printReasons(alpha, QStringLiteral("  alpha "), said);
    for (const QJsonValue& value : pairs)
        printReasons(value.toObject(), QStringLiteral("  "), said);
}

// One table of pairs: columns named by `columns` (header, path into the pair).
void printPairs(const QString& title, const QJsonArray& pairs,
                const QList<std::pair<QString, QStringList>>& columns) {
    if (pairs.isEmpty())
        return;
    printOut(title);
    const int width = nameWidth(pairs);
    QList<int> widths{width, width};
    QStringList header{QStringLiteral("a"), QStringLiteral("b")};
    for (const auto& [name, path] : columns) {
        header << name;
        widths << int(qMax(qsizetype(7), name.size()));
    }
    printOut(row(header, widths));
    for (const QJsonValue& value : pairs) {
        QStringList cells{value[QLatin1String("a")].toString(),
                          value[QLatin1String("b")].toString()};
        for (const auto& [name, path] : columns) {
            QJsonObject object = value.toObject();
            for (qsizetype i = 0; i + 1 < path.size(); ++i)
                object = object.value(path.at(i)).toObject();
            const QJsonValue v = object.value(path.last());
            // The unit counts are whole numbers; everything else is a figure.
            static const QStringList counts{QStringLiteral("images"), QStringLiteral("texts"),
                                            QStringLiteral("audios"), QStringLiteral("tasks")};
            cells << (counts.contains(path.last()) ? QString::number(v.toInteger())
                                                   : figure(object, path.last()));
        }
        printOut(row(cells, widths));
    }
}

void printText(const QJsonObject& report) {
    const QJsonObject questions = report.value(QLatin1String("questions")).toObject();
    for (auto it = questions.begin(); it != questions.end(); ++it)
        printCategorical(QStringLiteral("question %1").arg(it.key()), it.value().toObject());
    const QJsonObject boxes = report.value(QLatin1String("boxes")).toObject();
    printPairs(QStringLiteral("boxes  (IoU >= %1, same label, Hungarian matching)")
                   .arg(boxes.value(QLatin1String("iou_threshold")).toDouble()),
               boxes.value(QLatin1String("pairs")).toArray(),
               {{QStringLiteral("images"), {QStringLiteral("images")}},
                {QStringLiteral("precision"), {QStringLiteral("precision")}},
                {QStringLiteral("recall"), {QStringLiteral("recall")}},
                {QStringLiteral("F1"), {QStringLiteral("f1")}},
                {QStringLiteral("mean IoU"), {QStringLiteral("mean_iou")}}});
    printPairs(
        QStringLiteral("spans  (same label)"),
        report.value(QLatin1String("spans"))[QLatin1String("pairs")].toArray(),
        {{QStringLiteral("texts"), {QStringLiteral("texts")}},
         {QStringLiteral("exact F1"), {QStringLiteral("exact"), QStringLiteral("f1")}},
         {QStringLiteral("overlap F1"), {QStringLiteral("overlap"), QStringLiteral("f1")}},
         {QStringLiteral("relation F1"), {QStringLiteral("relations"), QStringLiteral("f1")}}});
    const QJsonObject segments = report.value(QLatin1String("segments")).toObject();
    printPairs(
        QStringLiteral("segments  (boundaries within %1 ms)")
            .arg(segments.value(QLatin1String("tolerance_ms")).toInteger()),
        segments.value(QLatin1String("pairs")).toArray(),
        {{QStringLiteral("audios"), {QStringLiteral("audios")}},
         {QStringLiteral("boundary F1"), {QStringLiteral("boundaries"), QStringLiteral("f1")}},
         {QStringLiteral("WER"), {QStringLiteral("word_error_rate")}}});
    const QJsonObject comparisons = report.value(QLatin1String("comparisons")).toObject();
    const QJsonObject verdict = comparisons.value(QLatin1String("verdict")).toObject();
    if (!verdict.value(QLatin1String("annotators")).toArray().isEmpty())
        printCategorical(QStringLiteral("comparison verdict (7-point)"), verdict);
    printPairs(QStringLiteral("comparisons"), comparisons.value(QLatin1String("pairs")).toArray(),
               {{QStringLiteral("tasks"), {QStringLiteral("tasks")}},
                {QStringLiteral("with ties"), {QStringLiteral("agreement_with_ties")}},
                {QStringLiteral("without ties"), {QStringLiteral("agreement_without_ties")}},
                {QStringLiteral("Kendall tau"), {QStringLiteral("kendall_tau")}}});
    const QJsonObject gold = report.value(QLatin1String("gold")).toObject();
    if (gold.value(QLatin1String("tasks")).toInteger() > 0) {
        printOut(QStringLiteral("gold  (%1 tasks, %2 from reviews)")
                     .arg(gold.value(QLatin1String("tasks")).toInteger())
                     .arg(gold.value(QLatin1String("from_reviews")).toInteger()));
        for (const QJsonValue& value : gold.value(QLatin1String("annotators")).toArray()) {
            const QJsonObject p = value.toObject();
            QStringList parts;
            const QJsonObject answers = p.value(QLatin1String("answers")).toObject();
            for (auto it = answers.begin(); it != answers.end(); ++it)
                parts << QStringLiteral("%1 %2").arg(
                    it.key(), figure(it.value().toObject(), QStringLiteral("accuracy")));
            if (p.contains(QLatin1String("boxes")))
                parts << QStringLiteral("boxes F1 %1")
                             .arg(figure(p.value(QLatin1String("boxes")).toObject(),
                                         QStringLiteral("f1")));
            if (p.contains(QLatin1String("spans")))
                parts << QStringLiteral("spans F1 %1")
                             .arg(figure(p.value(QLatin1String("spans")).toObject(),
                                         QStringLiteral("f1")));
            if (p.contains(QLatin1String("segments")))
                parts << QStringLiteral("WER %1").arg(
                    figure(p.value(QLatin1String("segments")).toObject(),
                           QStringLiteral("word_error_rate")));
            if (p.contains(QLatin1String("comparisons")))
                parts << QStringLiteral("verdicts %1")
                             .arg(figure(p.value(QLatin1String("comparisons")).toObject(),
                                         QStringLiteral("accuracy")));
            printOut(QStringLiteral("  %1  %2 tasks  %3")
                         .arg(p.value(QLatin1String("annotator")).toString())
                         .arg(p.value(QLatin1String("tasks")).toInteger())
                         .arg(parts.join(QStringLiteral(", "))));
        }
    }
}

int runAgreement(const Args& args) {
    quality::AgreementOptions options;
    options.question = args.value(QStringLiteral("question"));
    if (args.isSet(QStringLiteral("iou"))) {
        bool ok = false;
        options.iouThreshold = args.value(QStringLiteral("iou")).toDouble(&ok);
        if (!ok || options.iouThreshold < 0 || options.iouThreshold > 1)
            return usageError(agreementCommand(),
                              QStringLiteral("--iou takes a number from 0 to 1, not '%1'")
                                  .arg(args.value(QStringLiteral("iou"))));
    }
    if (args.isSet(QStringLiteral("tolerance"))) {
        bool ok = false;
        options.toleranceMs = args.value(QStringLiteral("tolerance")).toLongLong(&ok);
        if (!ok || options.toleranceMs < 0 || options.toleranceMs > 600000)
            return usageError(agreementCommand(),
                              QStringLiteral("--tolerance takes whole milliseconds from 0 to "
                                             "600000, not '%1'")
                                  .arg(args.value(QStringLiteral("tolerance"))));
    }
    auto project = openProject(args.positional().at(0));
    if (!project.ok())
        return failed(project.error());
    auto report = quality::computeAgreement(**project, options);
    if (!report.ok())
        return failed(report.error());
    if (args.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(QJsonDocument(*report).toJson(QJsonDocument::Compact)));
    else
        printText(*report);
    return kExitOk;
}

}  // namespace

CommandSpec agreementCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("agreement");
    spec.summary = QStringLiteral(
        "Measure how far annotators agree. Per categorical question: percent agreement, Cohen's "
        "kappa per pair (linear and quadratic weighted for ratings), Fleiss' kappa and "
        "Krippendorff's alpha; per pair: box F1 and mean IoU, span F1, segment boundaries and "
        "word error rate, comparison verdicts and Kendall's tau; each annotator's accuracy on "
        "gold tasks.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("question"), QStringLiteral("Q"),
         QStringLiteral("Only this question's table (a multi choice gives one per option).")},
        {QStringLiteral("iou"), QStringLiteral("T"),
         QStringLiteral("Boxes match when their IoU is at least T (default 0.5).")},
        {QStringLiteral("tolerance"), QStringLiteral("MS"),
         QStringLiteral("Segment boundaries agree within MS milliseconds (default 200).")},
        {QStringLiteral("json"), QString(), QStringLiteral("One JSON object on stdout.")}};
    spec.notes = QStringLiteral(
        "Answers are the annotators' submitted rows; drafts, skips, deleted rows, reviews and "
        "models' rows (\"model:...\") are left out. A figure that is not defined for the data "
        "(one annotator, one value only, nothing in common) is n/a, with the reason; in JSON it "
        "is null, with the reason under \"undefined\". Every figure is computed as NLTK, "
        "scikit-learn or statsmodels compute it (README, \"Agreement\").");
    spec.run = runAgreement;
    return spec;
}

}  // namespace postil::cli
