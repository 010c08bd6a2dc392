// `layerslim-cli stage`: a new layer folder from a requirements file, with pip
// run for the chosen Lambda runtime and architecture.
#include "clisupport.h"
#include "stage/stager.h"

#include <csignal>

namespace cli {

namespace {

// Ctrl-C stops pip and removes its half-made folder; cancel() is a lock-free store.
JobControl *g_control = nullptr;

extern "C" void cancelOnSignal(int)
{
    if (g_control)
        g_control->cancel();
}

} // namespace

int runStage(const QStringList &args)
{
    // Everything after "--" goes to pip unchanged.
    const qsizetype split = args.indexOf(QStringLiteral("--"));
    const QStringList ownArgs = split < 0 ? args : args.mid(0, split);
    const QStringList pipArgs = split < 0 ? QStringList() : args.mid(split + 1);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Stages a layer folder from a requirements file: runs pip for the target Lambda runtime and "
                       "architecture (manylinux wheels only, no bytecode) into OUT/python.\n"
                       "Options after -- are passed to pip, e.g. -- --no-index --find-links WHEELHOUSE."));
    const QCommandLineOption requirements({QStringLiteral("r"), QStringLiteral("requirements")},
                                          QStringLiteral("The requirements file."), QStringLiteral("file"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("The layer folder to create; packages go to its python/."),
                                    QStringLiteral("dir"));
    const QCommandLineOption runtime(
        QStringLiteral("runtime"),
        QStringLiteral("Lambda runtime: %1.").arg(Target::runtimes().join(QStringLiteral(", "))), QStringLiteral("id"),
        Target{}.runtime());
    const QCommandLineOption arch(
        QStringLiteral("arch"),
        QStringLiteral("Architecture: %1.").arg(Target::architectures().join(QStringLiteral(", "))),
        QStringLiteral("name"), Target{}.archName());
    const QCommandLineOption python(QStringLiteral("python"), QStringLiteral("The Python whose pip runs."),
                                    QStringLiteral("interpreter"), QStringLiteral("python3"));
    const QCommandLineOption replace(QStringLiteral("replace"),
                                     QStringLiteral("Replace an existing OUT/python (only once pip has succeeded)."));
    const QCommandLineOption quiet({QStringLiteral("q"), QStringLiteral("quiet")},
                                   QStringLiteral("Do not echo pip's progress lines (errors still show)."));
    parser.addOptions({requirements, output, runtime, arch, python, replace, quiet});
    int exitCode = Ok;
    if (!parseOrExplain(parser, ownArgs, QStringLiteral("stage"), 0, &exitCode))
        return exitCode;
    if (!parser.isSet(requirements) || !parser.isSet(output)) {
        printErr(QStringLiteral("layerslim-cli stage: -r FILE and -o DIR are required\n\n%1")
                     .arg(helpText(parser, QStringLiteral("stage"))));
        return BadInput;
    }
    for (const QString &why : {Target::runtimeProblem(parser.value(runtime)), Target::archProblem(parser.value(arch))})
        if (!why.isEmpty()) {
            printErr(QStringLiteral("layerslim-cli stage: %1\n").arg(why));
            return BadInput;
        }
    const auto target = Target::find(parser.value(runtime), parser.value(arch));

    StageRequest request;
    request.requirements = parser.value(requirements);
    request.outputDir = parser.value(output);
    request.target = *target;
    request.python = parser.value(python);
    request.extraPipArgs = pipArgs;
    request.replace = parser.isSet(replace);
    const bool echo = !parser.isSet(quiet);

    printErr(QStringLiteral("staging for %1\n").arg(target->label()));
    JobControl control;
    g_control = &control;
    auto previousInt = std::signal(SIGINT, cancelOnSignal);
    auto previousTerm = std::signal(SIGTERM, cancelOnSignal);
    const Stager::Result result = Stager::run(
        request,
        [echo](Stager::Stream stream, const QString &line) {
            if (stream == Stager::Stream::Err)
                printErr(line + QLatin1Char('\n'));
            else if (echo)
                printOut(line + QLatin1Char('\n'));
        },
        &control);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    g_control = nullptr;

    if (result.outcome != Stager::Outcome::Staged) {
        printErr(QStringLiteral("layerslim-cli stage: %1\n").arg(result.message));
        return BadInput;
    }
    printOut(QStringLiteral("%1\n").arg(result.message));
    return Ok;
}

} // namespace cli
