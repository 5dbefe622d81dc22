#include <QFileInfo>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "formats/formatregistry.h"
#include "formats/labelstudioexport.h"
#include "formats/textcatformat.h"
#include "formats/vocformat.h"
#include "model/annotation.h"

namespace postil::cli {

namespace {

// Switches of the preference exports, and the formats that read each: given
// for any other format they would be silently ignored, so they are refused.
struct FormatSwitch {
    const char* name;
    QStringList formats;
};

const QList<FormatSwitch>& formatSwitches() {
    static const QList<FormatSwitch> switches{
        {"conversational", {QStringLiteral("trl")}},
        {"keep-ties", {QStringLiteral("trl"), QStringLiteral("hh-rlhf")}},
        {"margin", {QStringLiteral("trl"), QStringLiteral("hh-rlhf")}},
        {"relations", {QStringLiteral("doccano")}},
    };
    return switches;
}

int runExport(const CommandSpec& spec, const Args& args) {
    const QString projectPath = args.positional().at(0);
    const QString formatName = args.value(QStringLiteral("format"));
    const QString output = args.value(QStringLiteral("output"));
    Format* format = FormatRegistry::instance().byName(formatName);
    if (!format)
        return usageError(
            spec, QStringLiteral("unknown format '%1' (see 'postil-cli formats')").arg(formatName));
    if (!format->canWrite())
        return usageError(spec, QStringLiteral("format '%1' cannot be exported (see "
                                               "'postil-cli formats')")
                                    .arg(format->name()));
    ExportOptions options;
    options.annotator = args.value(QStringLiteral("annotator"));
    if (args.isSet(QStringLiteral("prefer"))) {
        if (args.value(QStringLiteral("prefer")) != QLatin1String("reviewed"))
            return usageError(spec, QStringLiteral("--prefer takes 'reviewed'"));
        options.preferReviewed = true;
    }
    if (args.isSet(QStringLiteral("all-annotators"))) {
        if (format->picksOneAnswer())
            return usageError(spec, QStringLiteral("--all-annotators does not apply to %1, "
                                                   "which carries one answer per task (a review "
                                                   "first); export jsonl or a text format, or "
                                                   "pass --annotator")
                                        .arg(format->name()));
        if (!options.annotator.isEmpty())
            return usageError(spec, QStringLiteral("--all-annotators and --annotator exclude "
                                                   "each other"));
        options.allAnnotators = true;
    }
    options.status = args.values(QStringLiteral("status")).join(QLatin1Char(','));
    if (Status statusOk = options.checkStatus(); !statusOk.ok())
        return usageError(spec, statusOk.error());
    for (const FormatSwitch& flag : formatSwitches()) {
        const QString name = QLatin1String(flag.name);
        if (!args.isSet(name))
            continue;
        if (!flag.formats.contains(format->name()))
            return usageError(spec, QStringLiteral("--%1 applies to %2 only")
                                        .arg(name, flag.formats.join(QStringLiteral(" and "))));
        options.formatOptions.insert(name, QStringLiteral("1"));
    }
    if (const QString decimals = QLatin1String(VocFormat::kDecimalsOption); args.isSet(decimals)) {
        if (format->name() != QLatin1String("voc"))
            return usageError(spec, QStringLiteral("--%1 applies to voc only").arg(decimals));
        options.formatOptions.insert(decimals, args.value(decimals));
        if (auto valid = VocFormat::decimals(options); !valid.ok())
            return usageError(spec, valid.error());
    }
    if (const QString mediaUrl = QLatin1String(LabelStudioExport::kMediaUrlOption);
        args.isSet(mediaUrl)) {
        if (format->name() != QLatin1String("labelstudio"))
            return usageError(spec,
                              QStringLiteral("--%1 applies to labelstudio only").arg(mediaUrl));
        options.formatOptions.insert(mediaUrl, args.value(mediaUrl));
    }
    if (args.isSet(QStringLiteral("question"))) {
        if (!format->name().startsWith(QLatin1String("textcat")))
            return usageError(spec,
                              QStringLiteral("--question applies to textcat and textcat-csv only"));
        options.formatOptions.insert(QLatin1String(textcat::kQuestionOption),
                                     args.value(QStringLiteral("question")));
    }
    const QFileInfo outInfo(output);
    if (outInfo.exists() &&
        outInfo.canonicalFilePath() == QFileInfo(projectPath).canonicalFilePath())
        return usageError(spec, QStringLiteral("-o %1 is the project file itself").arg(output));

    auto project = openProject(projectPath);
    if (!project.ok())
        return failed(project.error());
    ProgressLine progress(QStringLiteral("exporting"));
    options.progress = progress.callback();
    ExportReport report;
    Status written = format->write(**project, output, options, report);
    progress.finish();
    if (!written.ok())
        return failed(written.error().contains(output)
                          ? written.error()
                          : QStringLiteral("%1: %2").arg(output, written.error()));
    for (const QString& warning : report.warnings)
        printErr(QStringLiteral("warning: ") + oneLine(warning));
    printOut(QStringLiteral("%1: %2, %3 exported as %4")
                 .arg(output, counted(report.tasks, "task", "tasks"),
                      counted(report.annotations, "annotation", "annotations"), format->name()));
    return kExitOk;
}

}  // namespace

CommandSpec exportCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("export");
    spec.summary = QStringLiteral(
        "Write the project's tasks and annotations in a training format. The output file "
        "appears whole or not at all.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("format"), QStringLiteral("FMT"),
         QStringLiteral("Output format (see 'postil-cli formats')."), true},
        {QStringLiteral("output"), QStringLiteral("OUT"), QStringLiteral("The file to write."),
         true, QStringLiteral("o")},
        {QStringLiteral("annotator"), QStringLiteral("NAME"),
         QStringLiteral("Only this annotator's annotations.")},
        {QStringLiteral("prefer"), QStringLiteral("reviewed"),
         QStringLiteral("A task the lead reviewed (accepted or fixed) exports the reviewed "
                        "answer alone. Without it, formats with one answer per task still take "
                        "a review first; the others write every annotator's rows.")},
        {QStringLiteral("all-annotators"), QString(),
         QStringLiteral("Every annotator's rows, one record each (the default of jsonl and the "
                        "text formats; refused by formats with one answer per task).")},
        {QStringLiteral("status"), QStringLiteral("STATUS"),
         QStringLiteral("Which annotations by status, the same for every format: submitted "
                        "(the default), draft, skipped, a comma-separated list of them (or the "
                        "option given again), or all.")},
        {QStringLiteral("conversational"), QString(),
         QStringLiteral("trl: the conversational form (prompt and responses as message lists).")},
        {QStringLiteral("decimals"), QStringLiteral("N"),
         QStringLiteral("voc: decimals of coordinates, 0 to 2 (default 0: integers, rounded to "
                        "the nearest pixel).")},
        {QStringLiteral("keep-ties"), QString(),
         QStringLiteral("trl, hh-rlhf: keep ties and both-bad verdicts, marked \"tie\" and "
                        "\"both_bad\" on every line (both bad without a preference is a tie).")},
        {QStringLiteral("relations"), QString(),
         QStringLiteral("doccano: the relation variant (\"entities\" with start_offset and "
                        "end_offset, \"relations\" with from_id, to_id and type).")},
        {QStringLiteral("question"), QStringLiteral("NAME"),
         QStringLiteral("textcat, textcat-csv: the question whose answers are the labels "
                        "(default: the schema's first single or multi question for text tasks).")},
        {QStringLiteral("media-url"), QStringLiteral("PREFIX"),
         QStringLiteral("labelstudio: write media as PREFIX followed by the path the project "
                        "stores (relative to its folder), percent-encoded, e.g. "
                        "/data/local-files/?d=receipts/ for Label Studio's local file serving; "
                        "without it, paths relative to the output.")},
        {QStringLiteral("margin"), QString(),
         QStringLiteral("trl, hh-rlhf: add \"margin\", the preference strength (1-3).")},
    };
    spec.notes = QStringLiteral(
        "Comparison exports: trl and hh-rlhf write one line per preference pair (from the "
        "-3..3 preference, or every better-worse pair of a ranking); ties and both-bad "
        "verdicts are left out unless --keep-ties. ratings-jsonl and ratings-csv write one row "
        "per task, response and rubric dimension; critiques one line per annotation; "
        "labelstudio a Label Studio task list with the pairwise verdict. Exports that carry "
        "evaluator text (critiques, labelstudio, ratings) also carry the order shown "
        "(display_order, shown_as, letter): critiques say \"A\" and \"B\" as shown.\n"
        "Text exports (spacy, doccano, conll, brat, textcat, textcat-csv) write one record per "
        "annotation (brat: a "
        "NAME.txt and NAME.ann per annotation, NAME from the task id, plus annotation.conf); text "
        "tasks "
        "without an annotation that passes --status and --annotator are left out and counted. "
        "Offsets: spacy, brat and labelstudio count code points (Python str indexes), doccano "
        "UTF-16 "
        "units (as doccano and JavaScript count).\n"
        "labelstudio writes every task of every kind with each annotator's rows "
        "(completed_by NAME@postil.invalid for a name without @; drafts under \"drafts\"; "
        "model:NAME rows as predictions whatever --status says) and the labeling config "
        "beside it: OUT.xml for OUT.json.\n"
        "Tokens (spacy's \"tokens\", conll's rows) are the words of Unicode UAX #29 that are "
        "not whitespace: a word or number stays whole (\"3.14\", \"don't\"), each punctuation "
        "mark, each emoji (with its skin tone or ZWJ sequence) and each CJK ideograph is a "
        "token of its own, and a word is cut where a span starts or ends inside it, so a span "
        "always starts and ends on a token edge. A conll sentence ends at a line break and "
        "after . ! ? or … before whitespace (。！？ always), never inside a span. conll tags "
        "are strict IOB2; of overlapping or nested spans, which one tag column cannot hold, "
        "the first in reading order (the longer when two start together) is kept and each "
        "other is named in a warning with its task.\n"
        "Speech exports: srt, vtt, textgrid, eaf and audacity write a folder with one file per "
        "audio task, named after its audio file (talk.wav -> talk.srt); when another audio task "
        "has a file of the same name, each gets the first 8 hex digits of its audio's SHA-256 "
        "(talk.1a2b3c4d.srt), which import reads back. asr-manifest writes one JSON lines file "
        "(NeMo): per task a line with the whole transcript (\"kind\": \"task\") and a line per "
        "segment (\"kind\": \"segment\"), audio_filepath relative to the manifest. One "
        "annotation per task: a review, then submitted, then the newest (--annotator chooses); "
        "tasks without one are left out and counted. Times are exact to the millisecond. "
        "TextGrid: a tier per speaker, empty intervals filling the gaps, xmax the audio's "
        "length (the last segment's end when the audio cannot be read). SubRip and Audacity "
        "write the speaker as \"NAME: \" before the text, WebVTT as <v NAME>.\n"
        "Box coordinates: stored rounded to 0.01 px, and written so by coco, labelme, yolo and "
        "createml (derived values such as COCO's area to 6 decimals at most); voc writes "
        "integers unless --decimals.");
    spec.run = [spec](const Args& args) { return runExport(spec, args); };
    return spec;
}

}  // namespace postil::cli
