#pragma once

// Runs postil-cli (POSTIL_CLI_PATH, set for every test) in a child process
// whose settings live under the test's folder, never the user's.
// Header-only: included by the e2e tests that drive the command line.

#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace postil::e2e {

struct CliRun {
    int code = -1;  // -1: crashed or timed out
    QString out;
    QString err;
};

// postil-cli ARGS in `folder` (HOME and the XDG folders under folder/home,
// USER "tester", no POSTIL_ANNOTATOR), with `extraEnv` on top; two minutes at
// most.
inline CliRun runCli(const QString& folder, const QStringList& args,
                     const QMap<QString, QString>& extraEnv = {}) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString home = folder + QStringLiteral("/home");
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("USER"), QStringLiteral("tester"));
    env.remove(QStringLiteral("POSTIL_ANNOTATOR"));
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(folder);
    process.start(QStringLiteral(POSTIL_CLI_PATH), args);
    CliRun result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

}  // namespace postil::e2e
