// Options the commands that run checks share (verify, fit): the
// interpreter, the modules and smoke script, timeouts and parallel checks.
#pragma once

#include "checks/pythonfinder.h"
#include "checks/verifier.h"

#include <QCommandLineParser>

#include <optional>

namespace cli {

// Adds --python, --import, --smoke, --timeout and --jobs.
void addCheckOptions(QCommandLineParser &parser);
// --import, --smoke, --timeout and --jobs, checked before the
// layer is read; prints "layerslim-cli COMMAND: why" and returns false on bad values.
[[nodiscard]] bool readCheckOptions(const QCommandLineParser &parser, const QString &command, VerifyOptions *options);
// --python, or the detected interpreter closest to `runtime`; prints why when there is none.
[[nodiscard]] std::optional<PythonInfo> choosePython(const QCommandLineParser &parser, const QString &command,
                                                     const QString &runtime);

} // namespace cli
