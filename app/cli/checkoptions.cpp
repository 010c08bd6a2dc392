#include "checkoptions.h"

#include "clisupport.h"

namespace cli {

void addCheckOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("python"),
                      QStringLiteral("Interpreter to use (default: detected, the one "
                                     "matching the runtime preferred)."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("import"),
                      QStringLiteral("Comma-separated modules (default: every top-level "
                                     "package and module)."),
                      QStringLiteral("mods")});
    parser.addOption(
        {QStringLiteral("smoke"), QStringLiteral("A Python script run after the imports."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds per check (default 120)."),
                      QStringLiteral("s"), QStringLiteral("120")});
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Checks run at once (default 2)."), QStringLiteral("n"),
                      QStringLiteral("2")});
}

bool readCheckOptions(const QCommandLineParser &parser, const QString &command, VerifyOptions *options)
{
    bool ok = false;
    const double timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    const int jobs = parser.value(QStringLiteral("jobs")).toInt();
    if (!ok || timeout <= 0 || jobs < 1) {
        printErr(QStringLiteral("layerslim-cli %1: --timeout and --jobs must be positive numbers\n").arg(command));
        return false;
    }
    if (parser.isSet(QStringLiteral("smoke")))
        if (const QString why = Verifier::smokeScriptProblem(parser.value(QStringLiteral("smoke"))); !why.isEmpty()) {
            printErr(QStringLiteral("layerslim-cli %1: %2\n").arg(command, why));
            return false;
        }
    options->modules = parser.value(QStringLiteral("import")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    options->smokeScript = parser.value(QStringLiteral("smoke"));
    options->timeoutMs = int(timeout * 1000);
    options->parallel = jobs;
    return true;
}

std::optional<PythonInfo> choosePython(const QCommandLineParser &parser, const QString &command, const QString &runtime)
{
    if (parser.isSet(QStringLiteral("python"))) {
        QString error;
        auto python = PythonFinder::probe(parser.value(QStringLiteral("python")), &error);
        if (!python)
            printErr(QStringLiteral("layerslim-cli %1: %2\n").arg(command, error));
        return python;
    }
    const std::vector<PythonInfo> found = PythonFinder::detect();
    const int i = PythonFinder::pick(found, runtime);
    if (i < 0) {
        printErr(
            QStringLiteral("layerslim-cli %1: no Python 3 found on PATH or in ~/.pyenv; use --python\n").arg(command));
        return std::nullopt;
    }
    return found[std::size_t(i)];
}

} // namespace cli
