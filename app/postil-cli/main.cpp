// postil-cli: the headless entry point. Argument parsing and dispatch only;
// each subcommand lives in its own cmd*.cpp and the work itself in core.

#include <QCoreApplication>

#include "commands.h"
#include "console.h"

using namespace postil::cli;

namespace {

QList<CommandSpec> commandTable() {
    return {initCommand(),     importCommand(),   exportCommand(), statsCommand(),
            checkCommand(),    formatsCommand(),  packOutCommand(), packBackCommand(),
            mergeCommand(),    conflictsCommand(), agreementCommand(), assistCommand()};
}

QString overview(const QList<CommandSpec>& commands) {
    QString text = QStringLiteral(
        "usage: postil-cli COMMAND [ARGS...]\n"
        "       postil-cli COMMAND --help\n\n"
        "Postil's command line: create projects, import and export annotations, check files.\n\n"
        "Commands:\n");
    qsizetype width = 0;
    for (const CommandSpec& c : commands)
        width = qMax(width, c.name.size());
    for (const CommandSpec& c : commands) {
        // The first sentence is enough for the list.
        const QString first = c.summary.section(QStringLiteral(". "), 0, 0);
        text += QStringLiteral("  %1  %2%3\n")
                    .arg(c.name.leftJustified(width), first,
                         first.endsWith(QLatin1Char('.')) ? QString() : QStringLiteral("."));
    }
    text += QStringLiteral(
        "\nExit status: 0 success, 1 failed operation (one line on stderr naming the file and\n"
        "record), 2 bad usage.\n"
        "Environment: POSTIL_ANNOTATOR names the annotator the command line writes as\n"
        "(default: the studio's settings, else the login name).\n");
    return text;
}

int usage(const QString& problem) {
    printErr(QStringLiteral("postil-cli: ") + problem);
    printErr(QStringLiteral("usage: postil-cli COMMAND [ARGS...]  (see 'postil-cli --help')"));
    return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("postil-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(POSTIL_VERSION));

    const QStringList args = QCoreApplication::arguments().mid(1);
    const QList<CommandSpec> commands = commandTable();
    if (args.isEmpty())
        return usage(QStringLiteral("missing COMMAND"));
    const QString& first = args.first();
    if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("help")) {
        if (first == QLatin1String("help") && args.size() > 1) {
            for (const CommandSpec& c : commands)
                if (c.name == args.at(1))
                    return runCommand(c, {QStringLiteral("--help")});
            return usage(QStringLiteral("unknown command '%1'").arg(args.at(1)));
        }
        printOut(overview(commands), false);
        return kExitOk;
    }
    if (first == QLatin1String("--version")) {
        printOut(QStringLiteral("postil-cli %1").arg(QCoreApplication::applicationVersion()));
        return kExitOk;
    }
    for (const CommandSpec& c : commands)
        if (c.name == first)
            return runCommand(c, args.mid(1));
    if (first.startsWith(QLatin1Char('-')))
        return usage(QStringLiteral("unknown option '%1'").arg(first));
    return usage(QStringLiteral("unknown command '%1'").arg(first));
}
