// layerslim-cli trace: runs a smoke script on a layer's kept set under an
// audit hook and writes what it imported and touched as TRACE.json.
#include "base/fdio.h"
#include "base/oserror.h"
#include "base/units.h"
#include "checkoptions.h"
#include "checks/traceprune.h"
#include "checks/tracer.h"
#include "checks/verifier.h"
#include "clisupport.h"
#include "export/atomicoutput.h"

#include <QFileInfo>

namespace cli {

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Builds the kept set of a layer folder or zip in a scratch folder, runs a smoke script on it with a real "
        "Python (-S -I -B, clean environment) under an audit hook, and writes the layer's modules it imported and "
        "files it opened, listed or loaded to TRACE.json, for the not-traced rule (--trace). Exit status 2 when "
        "the script fails; nothing is written then."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Layer folder or zip."));
    addSelectionOptions(parser);
    parser.addOption(
        {QStringLiteral("smoke"), QStringLiteral("The script to run (required)."), QStringLiteral("file")});
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("The trace to write (required)."),
                      QStringLiteral("TRACE.json")});
    parser.addOption({QStringLiteral("python"),
                      QStringLiteral("Interpreter to use (default: detected, the one matching the runtime "
                                     "preferred)."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("runtime"),
                      QStringLiteral("Target runtime (default: the profile's, else the layer's own tags)."),
                      QStringLiteral("pythonX.Y")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds the script may run (default 300)."),
                      QStringLiteral("s"), QStringLiteral("300")});
}

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    AtomicOutput out(path, AtomicOutput::Kind::File);
    if (!out.open(error))
        return false;
    if (!writeAll(out.fd(), bytes.constData(), std::size_t(bytes.size()))) {
        *error = QStringLiteral("%1: cannot write: %2").arg(path, errnoText());
        return false;
    }
    return out.commit(error);
}

} // namespace

int runTrace(const QStringList &args)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("trace"), 1, &exitCode))
        return exitCode;
    const QString output = parser.value(QStringLiteral("output"));
    const QString smoke = parser.value(QStringLiteral("smoke"));
    if (smoke.isEmpty() || output.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli trace: --smoke SCRIPT and -o TRACE.json are required\n"));
        return BadInput;
    }
    if (const QString why = Verifier::smokeScriptProblem(smoke); !why.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli trace: %1\n").arg(why));
        return BadInput;
    }
    bool ok = false;
    const double timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    if (!ok || timeout <= 0) {
        printErr(QStringLiteral("layerslim-cli trace: --timeout must be a positive number of seconds\n"));
        return BadInput;
    }
    const QString path = parser.positionalArguments().first();
    auto session = openSession(path, parser);
    if (!session)
        return BadInput;
    QString apart;
    if (!AtomicOutput::apartFromSource(output, session->layer.tree->rootPath(), &apart)) {
        printErr(QStringLiteral("layerslim-cli trace: %1\n").arg(apart));
        return BadInput;
    }
    const std::optional<LintTarget> target =
        chosenTarget(parser, *session, QStringLiteral("trace"), TargetOptions::Runtime);
    if (!target)
        return BadInput;
    const std::optional<PythonInfo> python = choosePython(parser, QStringLiteral("trace"), target->runtime);
    if (!python)
        return BadInput;
    if (const QString w = PythonFinder::mismatch(*python, target->runtime, target->arch); !w.isEmpty())
        printErr(QStringLiteral("layerslim-cli trace: warning: %1\n").arg(w));

    TraceOptions options;
    options.python = *python;
    options.smokeScript = smoke;
    options.timeoutMs = int(timeout * 1000);
    options.layer = QFileInfo(path).absoluteFilePath();
    options.rules = session->profile.rules;
    const TraceRun run =
        Tracer::run(*session->layer.tree, session->layer.zipEntries, session->ledger->pruned(), options);
    if (run.status == TraceRun::Status::NotStarted) {
        printErr(QStringLiteral("layerslim-cli trace: %1\n").arg(run.error));
        return BadInput;
    }
    if (run.status == TraceRun::Status::Failed) {
        printErr(QStringLiteral("layerslim-cli trace: %1; no trace written\n").arg(run.error));
        if (!run.stderrTail.isEmpty())
            printErr(QStringLiteral("%1\n").arg(run.stderrTail));
        return ChecksFailed;
    }
    QString error;
    if (!writeAtomically(output, run.trace.toJson(), &error)) {
        printErr(QStringLiteral("layerslim-cli trace: %1\n").arg(error));
        return BadInput;
    }
    // What the trace would prune from this layer as it is.
    const TracePrune prune = TracePrune::compute(*session->layer.tree, session->layer.zipEntries, run.trace);
    SizeLedger ledger(*session->layer.tree);
    prune.applyTo(ledger, run.trace, output);
    const int rule = RuleCatalog::indexOf(RuleId::NotTraced);
    ledger.setRuleEnabled(rule, true);
    const RuleBytes rb = ledger.ruleBytes(rule);
    printOut(QStringLiteral("%1\n  ran %2 with %3 (Python %4): exit status 0\n"
                            "  %5 modules of the layer imported, %6 files opened or loaded, %7 folders listed\n"
                            "  rule not-traced would prune %8 (%9 bytes) in %10 files; %11 spared\n"
                            "  wrote %12\n")
                 .arg(session->layer.tree->rootPath(), run.trace.smokePath, python->path, python->version)
                 .arg(run.trace.modules.size())
                 .arg(run.trace.files.size())
                 .arg(run.trace.dirs.size())
                 .arg(units::formatBytes(rb.aloneBytes), units::groupedBytes(rb.aloneBytes))
                 .arg(rb.aloneFiles)
                 .arg(prune.spares.size())
                 .arg(QFileInfo(output).absoluteFilePath()));
    return Ok;
}

} // namespace cli
