#include <QFileInfo>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "formats/formatregistry.h"
#include "formats/importsession.h"

namespace postil::cli {

namespace {

const QString kAuto = QStringLiteral("auto");

int runImport(const CommandSpec& spec, const Args& args) {
    const QString projectPath = args.positional().at(0);
    const QStringList inputs = args.positional().mid(1);
    const QString formatName = args.value(QStringLiteral("format"), kAuto);

    // Usage first, then the inputs, then the project: nothing is opened for a
    // command that cannot succeed.
    if (formatName != kAuto) {
        const Format* format = FormatRegistry::instance().byName(formatName);
        if (!format)
            return usageError(
                spec,
                QStringLiteral("unknown format '%1' (see 'postil-cli formats')").arg(formatName));
        if (!format->canRead())
            return usageError(spec, QStringLiteral("format '%1' cannot be imported (see "
                                                   "'postil-cli formats')")
                                        .arg(format->name()));
    }
    for (const QString& input : inputs) {
        if (!QFileInfo::exists(input))
            return failed(QStringLiteral("%1: no such file or folder").arg(input));
        if (formatName == kAuto && !FormatRegistry::instance().detectReader(input))
            return failed(QStringLiteral("%1: cannot tell the format; pass --format (see "
                                         "'postil-cli formats')")
                              .arg(input));
    }
    // --task names the audio task of one transcript file: given for anything
    // else it would be silently ignored, so it is refused.
    if (args.isSet(QStringLiteral("task"))) {
        static const QStringList speech{QStringLiteral("srt"),      QStringLiteral("vtt"),
                                        QStringLiteral("textgrid"), QStringLiteral("eaf"),
                                        QStringLiteral("audacity"), QStringLiteral("asr-manifest")};
        if (inputs.size() != 1)
            return usageError(spec, QStringLiteral("--task names the task of one file: give one "
                                                   "INPUT"));
        const Format* format = formatName == kAuto
                                   ? FormatRegistry::instance().detectReader(inputs.first())
                                   : FormatRegistry::instance().byName(formatName);
        if (!format || !speech.contains(format->name()))
            return usageError(spec, QStringLiteral("--task applies to the speech formats (%1) "
                                                   "only")
                                        .arg(speech.join(QStringLiteral(", "))));
    }

    auto project = openProject(projectPath);
    if (!project.ok())
        return failed(project.error());
    if (Status writable = (*project)->database().checkWritable(); !writable.ok())
        return failed(writable.error());

    ImportOptions options;
    options.skipBad = args.isSet(QStringLiteral("skip-bad"));
    options.asAnnotator = args.value(QStringLiteral("as"));
    for (const char* key : {"text-column", "id-column", "images", "question", "task"})
        if (args.isSet(QLatin1String(key)))
            options.formatOptions.insert(QLatin1String(key), args.value(QLatin1String(key)));
    if (args.isSet(QStringLiteral("tasks-only")))
        options.formatOptions.insert(QStringLiteral("tasks-only"), QStringLiteral("1"));
    ProgressLine progress(QStringLiteral("importing"));
    options.progress = progress.callback();

    auto report = importFiles(**project, inputs, formatName, options);
    progress.finish();
    if (!report.ok())
        return failed(report.error());
    for (const QString& bad : report->badRecords)
        printErr(oneLine(bad));
    for (const QString& warning : report->warnings)
        printErr(QStringLiteral("warning: ") + oneLine(warning));

    const qint64 good = report->tasksAdded + report->tasksAlreadyThere;
    if (!report->badRecords.isEmpty() && good == 0)
        return failed(QStringLiteral("%1: nothing imported: every record was bad (%2)")
                          .arg(inputs.join(QStringLiteral(", ")))
                          .arg(report->badRecords.size()));
    QString summary = QStringLiteral("%1: %2 added, %3 already there, %4 added")
                          .arg(projectPath, counted(report->tasksAdded, "task", "tasks"),
                               QString::number(report->tasksAlreadyThere),
                               counted(report->annotationsAdded, "annotation", "annotations"));
    if (options.skipBad)
        summary += QStringLiteral(", %1 skipped")
                       .arg(counted(report->badRecords.size(), "bad record", "bad records"));
    printOut(summary);
    return kExitOk;
}

}  // namespace

CommandSpec importCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("import");
    spec.summary = QStringLiteral(
        "Add tasks (and their annotations) from files or folders. The import is atomic: on the "
        "first bad record nothing is added and the error names the file and line.");
    spec.positionals = {QStringLiteral("PROJECT"), QStringLiteral("INPUT...")};
    spec.options = {
        {QStringLiteral("format"), QStringLiteral("auto|FMT"),
         QStringLiteral("Input format; default: detected per input (see 'postil-cli formats').")},
        {QStringLiteral("as"), QStringLiteral("ANNOTATOR"),
         QStringLiteral("Attribute every imported annotation to this annotator.")},
        {QStringLiteral("skip-bad"), QString(),
         QStringLiteral("Keep the good records; list each bad one on stderr.")},
        {QStringLiteral("tasks-only"), QString(),
         QStringLiteral("NLP and speech formats: import the texts (or find or add the audio) "
                        "as plain tasks, without their annotations.")},
        {QStringLiteral("question"), QStringLiteral("NAME"),
         QStringLiteral("textcat, textcat-csv: the question the labels answer (default: the "
                        "schema's first single or multi question for text tasks).")},
        {QStringLiteral("text-column"), QStringLiteral("COL"),
         QStringLiteral("Tables: the column holding the text.")},
        {QStringLiteral("id-column"), QStringLiteral("COL"),
         QStringLiteral("Tables: the column holding the task id.")},
        {QStringLiteral("images"), QStringLiteral("DIR"),
         QStringLiteral("Detection formats: the folder the file's image paths are relative to "
                        "(default: the annotation file's folder).")},
        {QStringLiteral("task"), QStringLiteral("ID"),
         QStringLiteral("Speech formats: the audio task (its id or uid) one transcript file "
                        "belongs to, whatever the file's name.")},
    };
    spec.notes = QStringLiteral(
        "Importing the same records again adds nothing: a task is known by its id, or by a hash\n"
        "of its kind and data. Annotations without an annotator are attributed to the local\n"
        "annotator (settings, or the POSTIL_ANNOTATOR environment variable).\n"
        "With --skip-bad the exit status is 0 when at least one record was good and 1 when\n"
        "every record was bad.\n"
        "\n"
        "Box formats (coco, voc, yolo, labelme, createml):\n"
        "- Each image named by the file goes to the project's task with the same bytes\n"
        "  (media hash), else the same stored path, else the same file name when only one\n"
        "  task has it. Otherwise, when the image exists (relative to the annotation file,\n"
        "  or to --images DIR), it is added as a new image task; otherwise it is skipped\n"
        "  with a warning naming the file and record.\n"
        "- An image's boxes become one draft annotation (pre-annotations to check) by\n"
        "  FORMAT-import, e.g. coco-import, or by the --as annotator; importing again\n"
        "  replaces it. An image listed with no boxes (an empty YOLO .txt) gets an\n"
        "  annotation with none.\n"
        "- Boxes are in pixels of the displayed (EXIF-rotated) image, stored rounded to\n"
        "  0.01 px (each edge), so float noise such as 349.28999999999996 never reaches the\n"
        "  project or an export. A box reaching outside its image is clamped to it, one\n"
        "  with no area left is dropped; both are reported per record. A size the file\n"
        "  states that differs from the image's is reported.\n"
        "- A label or attribute the project's schema lacks is added to the schema (a label\n"
        "  with a colour and a free number key) and reported.\n"
        "- labelme: rectangles of 2 points (either corner order) or 4 (X-AnyLabeling);\n"
        "  other shapes are reported and skipped. Shape flags become flag attributes.\n"
        "- VOC: difficult, truncated and occluded set to 1 become flag attributes, a pose\n"
        "  other than Unspecified a 'pose' attribute; xmin/ymin/xmax/ymax are read as they\n"
        "  are (no 1-pixel shift).\n"
        "- YOLO: a folder (or its classes.txt) with images and .txt files side by side, or\n"
        "  in images/ and labels/ subfolders; class numbers are names through classes.txt\n"
        "  (or obj.names). Images without a .txt become tasks without annotations.\n"
        "\n"
        "NLP formats (spacy, doccano, conll, brat, labelstudio, textcat, textcat-csv):\n"
        "- Each document becomes a text task; its spans, relations and answers one draft\n"
        "  annotation (pre-annotations to check) by FORMAT-import, e.g. spacy-import, or\n"
        "  by the --as annotator. A record without annotations (no \"spans\" key) is a\n"
        "  plain task; --tasks-only makes every record one.\n"
        "- Offsets are converted from the format's unit to code points of the text:\n"
        "  spacy, brat and labelstudio count code points, doccano UTF-16 units. A span\n"
        "  outside the text, a span whose stated text is not what its offsets cover, or\n"
        "  an offset inside a character is a bad record naming the file and line; no span\n"
        "  is ever shifted to fit. So is a record whose id is a task already in the\n"
        "  project with another text.\n"
        "- A label, attribute, question or option the schema lacks is added to it for\n"
        "  text tasks and reported.\n"
        "- conll: IOB2 and IOB1 tags alike; -DOCSTART- lines separate documents (a file\n"
        "  without any takes each sentence as a document); the text is the tokens joined\n"
        "  by a space, sentences by a line break.\n"
        "- brat: a folder (every .txt with the .ann beside it; a .txt without one is a\n"
        "  plain task) or one .ann; a discontinuous entity becomes one span from its first\n"
        "  fragment to its last, with a warning; events and normalisations are not read.\n"
        "- labelstudio: Label Studio's JSON export (not JSON-MIN) of image, text, audio\n"
        "  and comparison tasks. Every annotation goes in under its annotator\n"
        "  (completed_by; NAME@postil.invalid is NAME, a user id is labelstudio-user-ID),\n"
        "  cancelled ones as skipped, drafts as drafts, predictions as model:VERSION\n"
        "  drafts; --as puts them all under one name. Media are looked for beside the\n"
        "  file (the path, a local-files ?d= path, the file's name). Boxes are percent\n"
        "  of the image (rotated boxes are left out, warned), audio regions seconds.\n"
        "- textcat, textcat-csv: \"label\" (one answer) or \"labels\" (a list; in CSV\n"
        "  options joined by '|') answer --question, else the schema's first single or\n"
        "  multi question for text tasks, else a new question \"label\" or \"labels\".\n"
        "  textcat-csv is never guessed from a .csv: pass --format textcat-csv.\n"
        "\n"
        "Speech formats (srt, vtt, textgrid, eaf, audacity, asr-manifest):\n"
        "- A file or a folder of them; each file goes to one audio task: --task ID (one\n"
        "  file), else the audio the file names (EAF media, manifest audio_filepath) when\n"
        "  it exists, else the task whose audio file has the file's name without suffix\n"
        "  (talk.srt -> talk.wav; talk.1a2b3c4d.srt, as the export names tasks sharing\n"
        "  a name, -> the talk.wav whose SHA-256 starts 1a2b3c4d; task-12.srt -> task\n"
        "  12), else an audio file of that name beside it, which becomes a new task.\n"
        "- Its segments become one draft annotation (pre-annotations to check) by\n"
        "  FORMAT-import or the --as annotator; --tasks-only adds or finds the task only.\n"
        "  A speaker the schema lacks is added as a label for audio tasks.\n"
        "- Times are read to the nearest millisecond. A segment past the end of its\n"
        "  audio, one speaker's segments overlapping, a malformed time or line make the\n"
        "  file a bad record naming the line; nothing of it is imported.\n"
        "- SubRip and Audacity have no speaker field: a text starting \"NAME: \" has the\n"
        "  speaker NAME when NAME is one of the project's audio labels. Audacity reads\n"
        "  \\n, \\t and \\\\ in a label as a line break, a tab and a backslash.\n"
        "- TextGrid: each interval tier is a speaker named after the tier, each interval\n"
        "  with text a segment (long and short format, UTF-8 or UTF-16). EAF: each\n"
        "  top-level tier is a speaker (its PARTICIPANT, else its TIER_ID), each\n"
        "  time-aligned annotation a segment; a DOCTYPE is refused.\n"
        "A malformed file or record fails the import naming the file and line or record;\n"
        "with --skip-bad it is listed and the rest imported.");
    spec.run = [spec](const Args& args) { return runImport(spec, args); };
    return spec;
}

}  // namespace postil::cli
