#include "cliargs.h"

#include <QCommandLineParser>

#include "console.h"

namespace postil::cli {

namespace {

QString optionUsage(const OptionSpec& o) {
    QString text = QStringLiteral("--") + o.name;
    if (!o.shortName.isEmpty())
        text = QStringLiteral("-") + o.shortName;
    if (!o.valueName.isEmpty())
        text += QLatin1Char(' ') + o.valueName;
    return o.required ? text : QStringLiteral("[%1]").arg(text);
}

// Wraps a paragraph at word boundaries for an 80-column terminal.
QString wrapped(const QString& text, int width = 79) {
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(QLatin1Char('\n'));
}

}  // namespace

QString CommandSpec::usageLine() const {
    QStringList parts{QStringLiteral("usage: postil-cli"), name};
    parts << positionals;
    for (const OptionSpec& o : options)
        parts << optionUsage(o);
    return parts.join(QLatin1Char(' '));
}

QString CommandSpec::helpText() const {
    QString text = usageLine() + QStringLiteral("\n\n") + wrapped(summary) + QLatin1Char('\n');
    QStringList left;
    QStringList right;
    for (const OptionSpec& o : options) {
        QString names = QStringLiteral("--") + o.name;
        if (!o.shortName.isEmpty())
            names = QStringLiteral("-%1, %2").arg(o.shortName, names);
        if (!o.valueName.isEmpty())
            names += QLatin1Char(' ') + o.valueName;
        left << names;
        right << o.description;
    }
    left << QStringLiteral("-h, --help");
    right << QStringLiteral("Show this help and exit.");
    qsizetype width = 0;
    for (const QString& l : left)
        width = qMax(width, l.size());
    text += QStringLiteral("\nOptions:\n");
    for (qsizetype i = 0; i < left.size(); ++i)
        text += QStringLiteral("  %1  %2\n").arg(left[i].leftJustified(width), right[i]);
    if (!notes.isEmpty())
        text += QLatin1Char('\n') + notes + QLatin1Char('\n');
    return text;
}

int usageError(const CommandSpec& command, const QString& message) {
    printErr(QStringLiteral("postil-cli %1: %2").arg(command.name, oneLine(message)));
    printErr(command.usageLine());
    return kExitUsage;
}

int failed(const QString& message) {
    printErr(oneLine(message));
    return kExitFailed;
}

int runCommand(const CommandSpec& command, const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOption(help);
    for (const OptionSpec& o : command.options) {
        QStringList names{o.name};
        if (!o.shortName.isEmpty())
            names.prepend(o.shortName);
        parser.addOption(QCommandLineOption(names, o.description, o.valueName));
    }
    // QCommandLineParser takes the program name first.
    if (!parser.parse(QStringList{QStringLiteral("postil-cli")} + arguments)) {
        const QStringList unknown = parser.unknownOptionNames();
        if (unknown.isEmpty())
            return usageError(command, parser.errorText());
        const QString& name = unknown.first();
        return usageError(
            command, QStringLiteral("unknown option '%1%2'")
                         .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name));
    }
    if (parser.isSet(help)) {
        printOut(command.helpText(), false);
        return kExitOk;
    }

    Args args;
    args.m_positional = parser.positionalArguments();
    const bool repeated =
        !command.positionals.isEmpty() && command.positionals.last().endsWith(QLatin1String("..."));
    if (args.m_positional.size() < command.positionals.size())
        return usageError(
            command,
            QStringLiteral("missing %1").arg(command.positionals.at(args.m_positional.size())));
    if (!repeated && args.m_positional.size() > command.positionals.size())
        return usageError(command, QStringLiteral("unexpected argument '%1'")
                                       .arg(args.m_positional.at(command.positionals.size())));
    for (const OptionSpec& o : command.options) {
        if (!parser.isSet(o.name)) {
            if (o.required)
                return usageError(command, QStringLiteral("missing %1").arg(optionUsage(o)));
            continue;
        }
        args.m_set.insert(o.name);
        if (o.valueName.isEmpty())
            continue;
        const QString value = parser.value(o.name);
        if (value.isEmpty())
            return usageError(command, QStringLiteral("--%1 needs a value").arg(o.name));
        args.m_values.insert(o.name, value);
        args.m_allValues.insert(o.name, parser.values(o.name));
    }
    return command.run(args);
}

}  // namespace postil::cli
