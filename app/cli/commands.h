// The layerslim-cli subcommands; each takes its own arguments (without the
// program and command names) and returns the process exit status.
#pragma once

#include <QStringList>

namespace cli {

// Exit statuses shared by every command.
// A layer that will not work as it is exits 2 whatever the reason, so a
// script needs one test; the names say which reason a command reports.
enum Exit : int {
    Ok = 0,           // success
    BadInput = 1,     // bad usage, unreadable input, bad profile
    DoesNotFit = 2,   // the layer does not fit with its reserve (over the limit or into the reserve)
    ChecksFailed = 2, // lint found errors for the target, or verification failed
};

int runRules(const QStringList &args);
int runScan(const QStringList &args);
int runDiff(const QStringList &args);
int runVerify(const QStringList &args);
int runFit(const QStringList &args);
int runLint(const QStringList &args);
int runExport(const QStringList &args);
int runStage(const QStringList &args);
int runTrace(const QStringList &args);

} // namespace cli
