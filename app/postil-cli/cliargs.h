#pragma once

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>

namespace postil::cli {

// The exit status contract of docs/architecture.md §6.
enum ExitCode { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

struct OptionSpec {
    OptionSpec(QString name_, QString valueName_, QString description_, bool required_ = false,
               QString shortName_ = QString())
        : name(std::move(name_)),
          valueName(std::move(valueName_)),
          description(std::move(description_)),
          required(required_),
          shortName(std::move(shortName_)) {}

    QString name;       // long name, without dashes
    QString valueName;  // empty for a flag
    QString description;
    bool required = false;
    QString shortName;  // one letter, or empty
};

class Args;

// One subcommand: what it takes and the function that runs it. The synopsis
// and option descriptions are the only place its usage is written down; the
// help text and the usage errors are made from them.
struct CommandSpec {
    QString name;
    QString summary;  // one line for the command list
    // Positional argument names in order; a last name ending in "..." takes one
    // or more values.
    QStringList positionals;
    QList<OptionSpec> options;
    QString notes;  // extra help paragraphs, may be empty
    std::function<int(const Args&)> run;

    QString usageLine() const;
    QString helpText() const;
};

// What the command line said, after parsing against a CommandSpec.
class Args {
public:
    const QStringList& positional() const { return m_positional; }
    QString value(const QString& name, const QString& fallback = QString()) const {
        return m_values.value(name, fallback);
    }
    // Every value of an option given more than once, in order.
    QStringList values(const QString& name) const { return m_allValues.value(name); }
    bool isSet(const QString& name) const { return m_set.contains(name); }

private:
    friend int runCommand(const CommandSpec&, const QStringList&);
    QStringList m_positional;
    QMap<QString, QString> m_values;  // the last value given
    QMap<QString, QStringList> m_allValues;
    QSet<QString> m_set;
};

// Parses the arguments that follow the command name and runs the command.
// --help prints the help on stdout (exit 0); bad usage prints the problem and
// the usage line on stderr (exit 2).
int runCommand(const CommandSpec& command, const QStringList& arguments);

// Prints "postil-cli NAME: message" and the usage line on stderr; returns 2.
int usageError(const CommandSpec& command, const QString& message);
// Prints one line on stderr; returns 1.
int failed(const QString& message);

}  // namespace postil::cli
