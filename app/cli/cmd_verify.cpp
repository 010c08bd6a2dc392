#include "base/units.h"
#include "checks/culpritfinder.h"
#include "checks/keptset.h"
#include "checks/pythonfinder.h"
#include "checks/verifier.h"
#include "clisupport.h"
#include "export/exportverifier.h"
#include "select/rules.h"
#include "transform/bytecodecompiler.h"
#include "verifyprint.h"

#include <QTemporaryDir>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

namespace {

QJsonObject bisectJson(const BisectResult &b)
{
    QJsonArray culprits;
    for (const Culprit &c : b.culprits)
        culprits.append(QJsonObject{{QStringLiteral("path"), FileTree::displayName(c.path)},
                                    {QStringLiteral("bytes"), double(c.bytes)},
                                    {QStringLiteral("files"), qint64(c.files)}});
    return QJsonObject{
        {QStringLiteral("name"), b.check.name},       {QStringLiteral("outcome"), BisectResult::outcomeName(b.outcome)},
        {QStringLiteral("culprits"), culprits},       {QStringLiteral("runs"), b.runs},
        {QStringLiteral("candidates"), b.candidates}, {QStringLiteral("message"), b.message},
    };
}

// What `verify` is asked to do, read from its options and the session's profile.
struct VerifyRequest {
    bool json = false;
    VerifyOptions options;                // the interpreter, modules, smoke script, timeout and jobs
    LintTarget target;                    // the runtime checked for and its architecture
    PythonInfo python;                    // the interpreter that runs the checks
    QStringList warnings;                 // e.g. the interpreter is not of the runtime's version
    std::optional<BytecodeMode> bytecode; // verify the layer as exported with this mode
    bool bisect = true;                   // look for culprits when an import fails after pruning
    bool compareBytecode = false;         // export and import with every bytecode mode, side by side
    // The strip rule is on: verify the layer as exported (stripped copies,
    // every native library loaded) through ExportVerifier.
    bool stripped = false;
};

// What the checks found.
struct VerifyOutcome {
    VerifyReport report;
    BytecodeResult bytecode; // with VerifyRequest::bytecode only
    std::vector<BisectResult> bisections;
    std::optional<ExportedLayerCheck> exported; // with VerifyRequest::stripped
    std::vector<ExportedLayerCheck> comparison; // with VerifyRequest::compareBytecode, one per mode
};

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Builds the kept set of a layer folder or zip in a scratch folder and imports every top-level package "
        "with a real Python (-S -I, clean environment), one subprocess each. When an import fails after pruning "
        "but passes unpruned, bisects the pruned paths for the culprit. Exit status 2 when any check fails."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Layer folder or zip."));
    addSelectionOptions(parser);
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
    parser.addOption({QStringLiteral("runtime"),
                      QStringLiteral("Target runtime (default: the profile's, else the layer's own tags)."),
                      QStringLiteral("pythonX.Y")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds per check (default 120)."),
                      QStringLiteral("s"), QStringLiteral("120")});
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Checks run at once (default 2)."), QStringLiteral("n"),
                      QStringLiteral("2")});
    parser.addOption({QStringLiteral("timing-runs"),
                      QStringLiteral("Cold imports timed per module, each in a fresh process; the median and "
                                     "min..max are shown (default 3; 0: no timing)."),
                      QStringLiteral("n"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("no-bisect"), QStringLiteral("Do not look for culprits.")});
    parser.addOption({QStringLiteral("bytecode"),
                      QStringLiteral("Verify the layer as exported with bytecode "
                                     "keep, drop, precompile or sourceless; prints the "
                                     "size effect."),
                      QStringLiteral("mode")});
    parser.addOption({QStringLiteral("compare-bytecode"),
                      QStringLiteral("Export the kept set (in a scratch folder) with bytecode keep, drop, precompile "
                                     "and sourceless, import each export and print its unzipped and zip bytes and "
                                     "cold import time side by side.")});
    parser.addOption({QStringLiteral("strip"),
                      QStringLiteral("Verify the layer as exported with the strip rule on (as --rules strip): "
                                     "stripped copies, every kept native library loaded with ctypes.")});
    parser.addOption({QStringLiteral("list-pythons"), QStringLiteral("Print the interpreters found and exit.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
}

int listPythons(bool json)
{
    QJsonArray list;
    for (const PythonInfo &p : PythonFinder::detect()) {
        list.append(QJsonObject{{QStringLiteral("path"), p.path},
                                {QStringLiteral("version"), p.version},
                                {QStringLiteral("cache_tag"), p.cacheTag},
                                {QStringLiteral("machine"), p.machine},
                                {QStringLiteral("origin"), p.origin}});
        if (!json)
            printOut(QStringLiteral("%1  %2 (%3, %4)\n").arg(p.path, p.version, p.machine, p.origin));
    }
    if (json)
        printOut(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
    return Ok;
}

// --import, --smoke, --timeout and --jobs, checked before the layer is read.
bool readCheckOptions(const QCommandLineParser &parser, VerifyOptions *options)
{
    bool ok = false;
    const double timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    const int jobs = parser.value(QStringLiteral("jobs")).toInt();
    if (!ok || timeout <= 0 || jobs < 1) {
        printErr(QStringLiteral("layerslim-cli verify: --timeout and --jobs must be positive numbers\n"));
        return false;
    }
    bool runsOk = false;
    const int runs = parser.value(QStringLiteral("timing-runs")).toInt(&runsOk);
    if (!runsOk || runs < 0 || runs > 100) {
        printErr(
            QStringLiteral("layerslim-cli verify: --timing-runs must be a whole number from 0 to 100, not \"%1\"\n")
                .arg(parser.value(QStringLiteral("timing-runs"))));
        return false;
    }
    options->timingRuns = runs;
    if (parser.isSet(QStringLiteral("smoke")))
        if (const QString why = Verifier::smokeScriptProblem(parser.value(QStringLiteral("smoke"))); !why.isEmpty()) {
            printErr(QStringLiteral("layerslim-cli verify: %1\n").arg(why));
            return false;
        }
    options->modules = parser.value(QStringLiteral("import")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    options->smokeScript = parser.value(QStringLiteral("smoke"));
    options->timeoutMs = int(timeout * 1000);
    options->parallel = jobs;
    return true;
}

// The target and the interpreter for it; the warnings are the caller's to print.
bool readTarget(const QCommandLineParser &parser, const Session &session, VerifyRequest *request)
{
    const std::optional<LintTarget> target =
        chosenTarget(parser, session, QStringLiteral("verify"), TargetOptions::Runtime);
    if (!target)
        return false;
    request->target = *target;
    const std::optional<PythonInfo> python = choosePython(parser, target->runtime, QStringLiteral("verify"));
    if (!python)
        return false;
    request->python = *python;
    request->options.python = python->path;
    if (const QString w = PythonFinder::mismatch(*python, target->runtime, target->arch); !w.isEmpty())
        request->warnings << w;
    return true;
}

bool readBytecodeMode(const QCommandLineParser &parser, std::optional<BytecodeMode> *mode)
{
    if (!parser.isSet(QStringLiteral("bytecode")))
        return true;
    *mode = BytecodeCompiler::modeFromName(parser.value(QStringLiteral("bytecode")));
    if (!*mode) {
        printErr(QStringLiteral("layerslim-cli verify: --bytecode is keep, drop, precompile or sourceless\n"));
        return false;
    }
    return true;
}

// Runs the checks on the kept set as it would be exported with `mode`.
void verifyAsExported(const Session &session, const VerifyRequest &request, const Verifier &verifier, BytecodeMode mode,
                      VerifyOutcome *outcome)
{
    const Bitset &pruned = session.ledger->pruned();
    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/layerslim-bytecode-XXXXXX"));
    scratch.setAutoRemove(false); // KeptSet::remove never follows the links into the source
    const BytecodeCompiler compiler(*session.layer.tree, &session.layer.zipEntries, request.python,
                                    request.target.runtime);
    outcome->bytecode = compiler.prepare(pruned, mode, scratch.filePath(QStringLiteral("kept")));
    if (outcome->bytecode.ok())
        outcome->report = Verifier::runAt(request.options, outcome->bytecode.root,
                                          scratch.filePath(QStringLiteral("work")), verifier.checks(pruned));
    else
        outcome->report.error = outcome->bytecode.error;
    KeptSet::remove(scratch.path());
}

// What an export of this session would be asked to do: the profile's prefix
// and level, the strip rule's matches when it is on, the target and interpreter.
ExportOptions exportOptions(const Session &session, const VerifyRequest &request)
{
    ExportOptions options;
    options.prefix = session.profile.prefix;
    options.level = session.profile.level;
    if (const int strip = RuleCatalog::indexOf(RuleId::Strip); session.ledger->ruleEnabled(strip))
        options.strip = session.ledger->ruleMatches(strip);
    options.bytecode = request.bytecode.value_or(BytecodeMode::Keep);
    options.python = request.python;
    options.runtime = request.target.runtime;
    return options;
}

VerifyOutcome verify(const Session &session, const VerifyRequest &request)
{
    VerifyOutcome outcome;
    Verifier verifier(*session.layer.tree, &session.layer.zipEntries, request.options);
    const Bitset &pruned = session.ledger->pruned();
    if (request.compareBytecode || request.stripped) {
        const ExportOptions options = exportOptions(session, request);
        if (request.compareBytecode) {
            outcome.comparison = ExportVerifier::compareBytecode(*session.layer.tree, session.layer.zipEntries, pruned,
                                                                 options, request.options);
            return outcome;
        }
        outcome.exported =
            ExportVerifier::run(*session.layer.tree, session.layer.zipEntries, pruned, options, request.options);
        outcome.report = outcome.exported->report;
        if (!outcome.exported->error.isEmpty())
            outcome.report.error = outcome.exported->error;
        return outcome;
    }
    if (request.bytecode) {
        verifyAsExported(session, request, verifier, *request.bytecode, &outcome);
        return outcome;
    }
    outcome.report = verifier.run(pruned, nullptr);
    if (!request.bisect || !outcome.report.error.isEmpty() || !pruned.any())
        return outcome;
    CulpritFinder finder(verifier);
    for (const CheckResult *f : outcome.report.failures()) {
        if (f->status == CheckStatus::NotStarted || f->status == CheckStatus::Cancelled)
            continue;
        if (!request.json)
            printErr(QStringLiteral("layerslim-cli verify: looking for what %1 needs among the pruned paths...\n")
                         .arg(f->check.name));
        outcome.bisections.push_back(finder.find(pruned, f->check, nullptr, f));
    }
    return outcome;
}

int printComparison(const Session &session, const VerifyRequest &request, const VerifyOutcome &outcome)
{
    // A mode this interpreter cannot make is reported, not failed; every mode that ran must pass.
    int measured = 0;
    bool passed = true;
    for (const ExportedLayerCheck &e : outcome.comparison) {
        measured += !e.unavailable;
        passed = passed && (e.unavailable || e.ok());
    }
    passed = passed && measured > 0;
    if (request.json) {
        QJsonArray modes;
        for (const ExportedLayerCheck &e : outcome.comparison)
            modes.append(exportedJson(e));
        const QJsonObject out{{QStringLiteral("root"), session.layer.tree->rootPath()},
                              {QStringLiteral("python"), request.python.path},
                              {QStringLiteral("runtime"), request.target.runtime},
                              {QStringLiteral("timing_runs"), request.options.timingRuns},
                              {QStringLiteral("compare_bytecode"), modes},
                              {QStringLiteral("passed"), passed}};
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return passed ? Ok : ChecksFailed;
    }
    printOut(QStringLiteral("%1\n  with %2 (Python %3), kept %4; cold imports: median of %5 runs\n")
                 .arg(session.layer.tree->rootPath(), request.python.path, request.python.version,
                      units::formatBytes(session.ledger->totals().keptBytes))
                 .arg(request.options.timingRuns));
    printComparisonTable(outcome.comparison);
    return passed ? Ok : ChecksFailed;
}

int printJson(const Session &session, const VerifyRequest &request, const VerifyOutcome &outcome)
{
    const VerifyReport &report = outcome.report;
    const BytecodeResult &bytecode = outcome.bytecode;
    QJsonArray results, culprits;
    for (const CheckResult &r : report.results)
        results.append(resultJson(r));
    for (const BisectResult &b : outcome.bisections)
        culprits.append(bisectJson(b));
    const QJsonObject out{
        {QStringLiteral("root"), session.layer.tree->rootPath()},
        {QStringLiteral("python"), QJsonObject{{QStringLiteral("path"), request.python.path},
                                               {QStringLiteral("version"), request.python.version},
                                               {QStringLiteral("cache_tag"), request.python.cacheTag},
                                               {QStringLiteral("machine"), request.python.machine}}},
        {QStringLiteral("runtime"), request.target.runtime},
        {QStringLiteral("target_origin"), request.target.origin},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(request.warnings)},
        {QStringLiteral("kept_bytes"), double(session.ledger->totals().keptBytes)},
        {QStringLiteral("error"), report.error},
        {QStringLiteral("results"), results},
        {QStringLiteral("bisections"), culprits},
        {QStringLiteral("passed"), report.passed()},
        {QStringLiteral("bytecode"),
         request.bytecode
             ? QJsonValue(QJsonObject{{QStringLiteral("mode"), BytecodeCompiler::modeName(*request.bytecode)},
                                      {QStringLiteral("delta_bytes"), double(bytecode.deltaBytes)},
                                      {QStringLiteral("added_bytes"), double(bytecode.addedBytes)},
                                      {QStringLiteral("added_files"), qint64(bytecode.addedFiles)},
                                      {QStringLiteral("removed_bytes"), double(bytecode.removedBytes)},
                                      {QStringLiteral("removed_files"), qint64(bytecode.removedFiles)}})
             : QJsonValue()},
        {QStringLiteral("exported"), outcome.exported ? QJsonValue(exportedJson(*outcome.exported)) : QJsonValue()},
    };
    printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
    return !report.error.isEmpty() && report.results.empty() ? BadInput : report.passed() ? Ok : ChecksFailed;
}

void printBisections(const std::vector<BisectResult> &bisections)
{
    for (const BisectResult &b : bisections) {
        for (const Culprit &c : b.culprits)
            printOut(QStringLiteral("culprit: %1 (%2, %3 files) for %4\n")
                         .arg(FileTree::displayName(c.path), units::formatBytes(c.bytes))
                         .arg(c.files)
                         .arg(b.check.name));
        if (b.outcome != BisectResult::Outcome::Found)
            printOut(QStringLiteral("no culprit for %1: %2\n").arg(b.check.name, b.message));
        else
            printOut(QStringLiteral("  (%1 verify runs over %2 pruned subtrees)\n").arg(b.runs).arg(b.candidates));
    }
}

int printText(const Session &session, const VerifyRequest &request, const VerifyOutcome &outcome)
{
    const VerifyReport &report = outcome.report;
    printOut(QStringLiteral("%1\n  for %2 on %3, %4\n  with %5 (Python %6), kept %7\n")
                 .arg(session.layer.tree->rootPath(), request.target.runtime, request.target.arch,
                      request.target.origin, request.python.path, request.python.version,
                      units::formatBytes(session.ledger->totals().keptBytes)));
    if (!report.error.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli verify: %1\n").arg(report.error));
        return BadInput;
    }
    if (outcome.exported) {
        const ExportedLayerCheck &e = *outcome.exported;
        printOut(QStringLiteral("  as exported: %1 unzipped, %2 zip; strip: %3 files, %4 -> %5\n")
                     .arg(units::formatBytes(e.unzippedBytes), units::formatBytes(e.zipBytes))
                     .arg(e.transform.strippedFiles)
                     .arg(units::formatBytes(e.transform.stripBefore), units::formatBytes(e.transform.stripAfter)));
        for (const QString &w : e.transform.warnings)
            printOut(QStringLiteral("  strip: %1\n").arg(w));
    } else if (request.bytecode) {
        const BytecodeResult &bytecode = outcome.bytecode;
        printOut(QStringLiteral("  bytecode %1: +%2 in %3 .pyc, -%4 in %5 files (%6%7 bytes)\n")
                     .arg(BytecodeCompiler::modeName(*request.bytecode), units::formatBytes(bytecode.addedBytes))
                     .arg(bytecode.addedFiles)
                     .arg(units::formatBytes(bytecode.removedBytes))
                     .arg(bytecode.removedFiles)
                     .arg(bytecode.deltaBytes >= 0 ? QStringLiteral("+") : QString())
                     .arg(bytecode.deltaBytes));
    }
    printResults(report);
    if (const VerifyReport::ImportTotals t = report.importTotals(); t.modules > 1)
        printOut(QStringLiteral("  imports of %1 modules: %2 ms (medians added; process %3 ms)\n")
                     .arg(t.modules)
                     .arg(t.medianMs, 0, 'f', 1)
                     .arg(t.wallMedianMs, 0, 'f', 0));
    printBisections(outcome.bisections);
    const bool passed = report.passed();
    printOut(passed ? QStringLiteral("verified: every check passed\n")
                    : QStringLiteral("NOT VERIFIED: %1 of %2 checks failed\n")
                          .arg(report.failures().size())
                          .arg(report.results.size()));
    return passed ? Ok : ChecksFailed;
}

} // namespace

int runVerify(const QStringList &args)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = Ok;
    const bool listOnly = args.contains(QStringLiteral("--list-pythons"));
    if (!parseOrExplain(parser, args, QStringLiteral("verify"), listOnly ? -1 : 1, &exitCode))
        return exitCode;
    VerifyRequest request;
    request.json = parser.isSet(QStringLiteral("json"));
    request.bisect = !parser.isSet(QStringLiteral("no-bisect"));
    if (listOnly)
        return listPythons(request.json);
    if (!readCheckOptions(parser, &request.options))
        return BadInput;
    auto session = openSession(parser.positionalArguments().first(), parser);
    if (!session || !readTarget(parser, *session, &request))
        return BadInput;
    if (!request.json)
        for (const QString &w : request.warnings)
            printErr(QStringLiteral("layerslim-cli verify: warning: %1\n").arg(w));
    if (!readBytecodeMode(parser, &request.bytecode))
        return BadInput;
    request.compareBytecode = parser.isSet(QStringLiteral("compare-bytecode"));
    if (request.compareBytecode && request.bytecode) {
        printErr(QStringLiteral("layerslim-cli verify: --compare-bytecode tries every mode; leave out --bytecode\n"));
        return BadInput;
    }
    const int strip = RuleCatalog::indexOf(RuleId::Strip);
    if (parser.isSet(QStringLiteral("strip")))
        session->ledger->setRuleEnabled(strip, true);
    request.stripped = session->ledger->ruleEnabled(strip);
    const VerifyOutcome outcome = verify(*session, request);
    if (request.compareBytecode)
        return printComparison(*session, request, outcome);
    return request.json ? printJson(*session, request, outcome) : printText(*session, request, outcome);
}

} // namespace cli
