#include <QFile>

#include "commands.h"
#include "console.h"
#include "model/project.h"

namespace postil::cli {

namespace {

int runInit(const CommandSpec& spec, const Args& args) {
    const QString path = args.positional().at(0);
    Project::CreateOptions options;
    const auto kind = taskKindFromString(args.value(QStringLiteral("kind")));
    if (!kind)
        return usageError(spec, QStringLiteral("unknown kind '%1' (image, text, audio or compare)")
                                    .arg(args.value(QStringLiteral("kind"))));
    options.kind = *kind;
    options.name = args.value(QStringLiteral("name"));
    if (args.isSet(QStringLiteral("schema"))) {
        const QString schemaPath = args.value(QStringLiteral("schema"));
        QFile file(schemaPath);
        if (!file.open(QIODevice::ReadOnly))
            return failed(QStringLiteral("%1: %2").arg(schemaPath, file.errorString()));
        auto schema = Schema::fromJsonText(file.readAll());
        if (!schema.ok())
            return failed(QStringLiteral("%1: %2").arg(schemaPath, schema.error()));
        options.schema = *schema;
    }
    auto project = Project::create(path, options);
    if (!project.ok())
        return failed(project.error());
    printOut(QStringLiteral("%1: created %2 project '%3'")
                 .arg(path, toString((*project)->defaultKind()), (*project)->name()));
    return kExitOk;
}

}  // namespace

CommandSpec initCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("init");
    spec.summary =
        QStringLiteral("Create a new project file. An existing file is never overwritten.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("kind"), QStringLiteral("image|text|audio|compare"),
         QStringLiteral("The kind of task the project holds."), true},
        {QStringLiteral("schema"), QStringLiteral("FILE"),
         QStringLiteral("Label configuration (JSON: labels, questions, rubric, guidelines).")},
        {QStringLiteral("name"), QStringLiteral("NAME"),
         QStringLiteral("Display name; default: the file name without extension.")},
    };
    spec.run = [spec](const Args& args) { return runInit(spec, args); };
    return spec;
}

}  // namespace postil::cli
