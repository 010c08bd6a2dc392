#include "base/units.h"
#include "checks/lint.h"
#include "checks/pythonfinder.h"
#include "clisupport.h"
#include "export/atomicoutput.h"
#include "export/compressedsizecache.h"
#include "export/exporter.h"
#include "export/exportplan.h"
#include "export/exportreport.h"
#include "export/zipsizepredictor.h"
#include "select/distributions.h"
#include "select/layerdiff.h"
#include "select/rules.h"
#include "transform/bytecodecompiler.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

namespace {

// The older layer `--compare` names: every file of it, read before the export
// (which may replace it: `-o layer.zip --compare layer.zip`).
struct Baseline {
    QString path;
    Layer layer;
    Distributions distributions;
};

// What `export` is asked to do, read from its options and the session's profile.
struct ExportRequest {
    ExportOptions options;
    std::optional<Baseline> baseline; // --compare
    bool report = true;               // write OUT.report.md and .json; otherwise remove older ones
    bool json = false;
};

// What an export wrote and what is said about it.
struct ExportOutcome {
    ExportResult result;
    ExportReportInput report; // with the lint of the kept files for the runtime and arch used
    LayerBudget budget;
    LayerBudget::Verdict verdict = LayerBudget::Verdict::Fits;
    int lintErrors = 0;
    QString reportPath; // the report's .md; empty with --no-report
};

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Writes the kept part of a layer folder or zip as a reproducible Lambda layer zip (or folder). Entry times "
        "are SOURCE_DATE_EPOCH when set (whole seconds from 1980 to 2107; anything else is refused), otherwise "
        "1980-01-01 00:00. Exit status 2, with the output still written, when the exported bytes do not fit with "
        "the reserve or lint finds kept files that cannot load on the target runtime and architecture."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Folder or layer zip to export from."));
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("The zip (or folder) to write."),
                      QStringLiteral("OUT")});
    addSelectionOptions(parser);
    parser.addOption({QStringLiteral("prefix"),
                      QStringLiteral("Folder the packages go under: python/ (default), "
                                     "python/lib/pythonX.Y/site-packages/, or \"\" for none."),
                      QStringLiteral("prefix")});
    parser.addOption({QStringLiteral("level"),
                      QStringLiteral("Deflate level %1 (store) to %2 (default %3). Zip input is copied as it is "
                                     "stored unless --level is given; then every entry is compressed again at N.")
                          .arg(ExportOptions::kMinLevel)
                          .arg(ExportOptions::kMaxLevel)
                          .arg(ExportOptions::kDefaultLevel),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("threads"), QStringLiteral("Compression threads (default one per core)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("folder"), QStringLiteral("Write an unpacked folder instead of a zip.")});
    parser.addOption({QStringLiteral("strip"),
                      QStringLiteral("Enable the strip rule: native files are written as strip --strip-unneeded "
                                     "copies, except its exceptions (Pillow, cv2, psycopg2 by default).")});
    parser.addOption({QStringLiteral("bytecode"),
                      QStringLiteral("Bytecode in the export: keep (default), drop, precompile or sourceless."),
                      QStringLiteral("mode")});
    parser.addOption({QStringLiteral("python"),
                      QStringLiteral("Interpreter for precompile and sourceless (default: detected, of the "
                                     "runtime's version)."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("runtime"),
                      QStringLiteral("Target runtime (default: the profile's, else the layer's own tags)."),
                      QStringLiteral("pythonX.Y")});
    parser.addOption({QStringLiteral("no-report"),
                      QStringLiteral("Do not write OUT.report.md and OUT.report.json beside the output.")});
    parser.addOption({QStringLiteral("compare"),
                      QStringLiteral("Add the change against an older layer (a zip or folder, every file of it) to "
                                     "the report and --json: total bytes, each distribution's version and bytes, "
                                     "the largest files added, removed and changed. OLD may be OUT itself: it is "
                                     "read before the export replaces it."),
                      QStringLiteral("OLD")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
}

// Scans --compare's OLD, before the export, or prints why it cannot.
std::optional<Layer> openBaseline(const QCommandLineParser &parser)
{
    const QString old = parser.value(QStringLiteral("compare"));
    if (old.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli export: --compare wants the older layer, a zip or a folder\n"));
        return std::nullopt;
    }
    QString apart;
    if (parser.isSet(QStringLiteral("folder")) &&
        !AtomicOutput::apartFromSource(parser.value(QStringLiteral("output")), old, &apart)) {
        printErr(QStringLiteral("layerslim-cli export: --compare %1: the folder export would replace or hold it "
                                "while it is compared; compare with a copy (%2)\n")
                     .arg(old, apart));
        return std::nullopt;
    }
    QString error;
    Layer layer = Layer::open(old, &error);
    if (!layer.tree) {
        printErr(QStringLiteral("layerslim-cli export: --compare: %1\n").arg(error));
        return std::nullopt;
    }
    return layer;
}

// The change from the baseline to what was just written, into the report.
bool compareWithBaseline(const Baseline &baseline, const Target &target, ExportReportInput *report)
{
    QString error;
    const Layer written = Layer::open(report->output, &error);
    if (!written.tree) {
        printErr(
            QStringLiteral("layerslim-cli export: the layer was written, but cannot be compared: %1\n").arg(error));
        return false;
    }
    const Distributions dists = Distributions::scan(*written.tree, written.zipEntries, target);
    report->comparedWith = baseline.path;
    report->compare =
        LayerDiff::compare({baseline.layer.tree.get(), &baseline.layer.zipEntries, nullptr, &baseline.distributions},
                           {written.tree.get(), &written.zipEntries, nullptr, &dists});
    for (const QString &p : report->compare->problems)
        printErr(QStringLiteral("layerslim-cli export: warning: cannot compare %1\n").arg(p));
    return true;
}

// A whole-number option from `lo` to `hi` into `out`, left alone when not given.
bool numberOption(const QCommandLineParser &parser, const QString &name, int lo, int hi, int *out)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    *out = parser.value(name).toInt(&ok);
    if (!ok || *out < lo || *out > hi) {
        printErr(
            QStringLiteral("layerslim-cli export: --%1 must be a number from %2 to %3\n").arg(name).arg(lo).arg(hi));
        return false;
    }
    return true;
}

// --bytecode and, for the modes that compile, --python into `options`.
bool readBytecodeOptions(const QCommandLineParser &parser, const Session &session, ExportOptions *options)
{
    if (!parser.isSet(QStringLiteral("bytecode")))
        return true;
    const auto mode = BytecodeCompiler::modeFromName(parser.value(QStringLiteral("bytecode")));
    if (!mode) {
        printErr(QStringLiteral("layerslim-cli export: --bytecode is keep, drop, precompile or sourceless\n"));
        return false;
    }
    options->bytecode = *mode;
    if (*mode == BytecodeMode::Keep || *mode == BytecodeMode::Drop)
        return true;
    QString error;
    if (parser.isSet(QStringLiteral("python"))) {
        const auto python = PythonFinder::probe(parser.value(QStringLiteral("python")), &error);
        if (python)
            options->python = *python;
    } else {
        const std::vector<PythonInfo> found = PythonFinder::detect();
        if (const int i = PythonFinder::pick(found, options->runtime); i >= 0)
            options->python = found[std::size_t(i)];
    }
    const BytecodeCompiler compiler(*session.layer.tree, &session.layer.zipEntries, options->python, options->runtime);
    if (error.isEmpty())
        error = compiler.unavailableReason(*mode);
    if (!error.isEmpty())
        printErr(QStringLiteral("layerslim-cli export: %1\n").arg(error));
    return error.isEmpty();
}

// The profile's export settings with the command line's over them; --strip
// enables the strip rule in the session's ledger. `level` is --level's, or -1.
bool readExportOptions(const QCommandLineParser &parser, int level, Session &session, ExportOptions *options)
{
    const Profile &profile = session.profile;
    options->output = parser.value(QStringLiteral("output"));
    options->prefix = parser.isSet(QStringLiteral("prefix")) ? parser.value(QStringLiteral("prefix")) : profile.prefix;
    options->level = level >= 0 ? level : profile.level;
    options->recompress = level >= 0; // a level asked for here is honoured for zip input too
    options->toFolder = parser.isSet(QStringLiteral("folder"));
    const int strip = RuleCatalog::indexOf(RuleId::Strip);
    if (parser.isSet(QStringLiteral("strip")))
        session.ledger->setRuleEnabled(strip, true);
    if (session.ledger->ruleEnabled(strip))
        options->strip = session.ledger->ruleMatches(strip);
    const std::optional<LintTarget> target =
        chosenTarget(parser, session, QStringLiteral("export"), TargetOptions::Runtime);
    if (!target)
        return false;
    options->runtime = target->runtime;
    options->targetOrigin = target->origin;
    session.profile.arch = target->arch; // the report lints for the architecture chosen with the runtime
    return readBytecodeOptions(parser, session, options);
}

// Writes the report beside the output, or without one removes an older one
// that would describe another layer. Returns the report's .md, empty without
// one; nullopt after printing why not.
std::optional<QString> writeReport(bool wanted, const ExportReportInput &report, const QString &output)
{
    if (!wanted) {
        for (const QString &suffix : {QStringLiteral(".md"), QStringLiteral(".json")}) {
            QFile old(ExportReport::basePath(output) + suffix);
            if (old.exists() && !old.remove()) {
                printErr(QStringLiteral("layerslim-cli export: the layer was written, but the older report %1 beside "
                                        "it could not be removed: %2\n")
                             .arg(old.fileName(), old.errorString()));
                return std::nullopt;
            }
        }
        return QString();
    }
    QString error;
    if (!ExportReport::write(report, &error)) {
        printErr(QStringLiteral("layerslim-cli export: the layer was written, but not its report: %1\n").arg(error));
        return std::nullopt;
    }
    return ExportReport::basePath(output) + QStringLiteral(".md");
}

// Exports and judges what was written; nullopt after printing why not.
std::optional<ExportOutcome> exportLayer(const Session &session, const ExportRequest &request)
{
    const ExportOptions &options = request.options;
    ExportOutcome out;
    out.result = Exporter::run(*session.layer.tree, session.ledger->pruned(), session.layer.zipEntries, options);
    if (!out.result.ok) {
        printErr(QStringLiteral("layerslim-cli export: %1\n").arg(out.result.error));
        return std::nullopt;
    }
    // The strip rule's bytes in the report are what stripping saves, measured
    // as the GUI and `scan` measure them.
    QString measureError;
    if (!ZipSizePredictor::measureStripSavings(*session.ledger, session.layer.zipEntries, options.level, nullptr,
                                               options.threads, &measureError))
        printErr(QStringLiteral("layerslim-cli export: warning: the strip rule's savings are not measured: %1\n")
                     .arg(measureError));
    // The report's input, with its lint for the runtime and arch used, is built
    // even without a report: the verdict and the lint summary come from it.
    out.report = ExportReport::input(*session.ledger, session.layer.zipEntries, session.profile, options, out.result);
    if (request.baseline && !compareWithBaseline(*request.baseline, sessionTarget(session), &out.report))
        return std::nullopt;
    out.budget = ExportReport::budget(out.report);
    out.verdict = out.budget.verdict(out.result.bytes);
    out.lintErrors = out.report.lint ? out.report.lint->errors() : 0;
    const std::optional<QString> reportPath = writeReport(request.report, out.report, options.output);
    if (!reportPath)
        return std::nullopt;
    out.reportPath = *reportPath;
    return out;
}

void printJson(const ExportOptions &options, const ExportOutcome &outcome)
{
    const ExportResult &r = outcome.result;
    const ExportReportInput &report = outcome.report;
    QJsonObject out{
        {QStringLiteral("output"), options.output},
        {QStringLiteral("files"), qint64(r.files)},
        {QStringLiteral("symlinks"), qint64(r.symlinks)},
        {QStringLiteral("folders"), qint64(r.folders)},
        {QStringLiteral("bytes"), double(r.bytes)},
        {QStringLiteral("zip_bytes"), double(r.outputBytes)},
        {QStringLiteral("seconds"), r.seconds},
        {QStringLiteral("fits"), outcome.verdict == LayerBudget::Verdict::Fits},
        {QStringLiteral("verdict"), LayerBudget::verdictId(outcome.verdict)},
        {QStringLiteral("limit_bytes"), double(outcome.budget.limitBytes())},
        {QStringLiteral("reserve_bytes"), double(outcome.budget.reserveBytes())},
        {QStringLiteral("zip_limit_bytes"), double(units::kLambdaZipUploadLimit)},
        {QStringLiteral("runtime"), report.profile.runtime},
        {QStringLiteral("arch"), report.profile.arch},
        {QStringLiteral("target_origin"), options.targetOrigin},
        {QStringLiteral("lint_errors"), outcome.lintErrors},
        {QStringLiteral("lint_warnings"), report.lint ? report.lint->warnings() : 0},
        {QStringLiteral("report"), outcome.reportPath},
        {QStringLiteral("transforms"), ExportReport::transformJson(r.transform)},
    };
    if (!options.toFolder)
        out.insert(QStringLiteral("zip_under_upload_limit"), LayerBudget::directUpload().fits(r.outputBytes));
    if (report.compare)
        out.insert(QStringLiteral("compare"), ExportReport::compareJson(report));
    printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
}

void printText(const ExportOptions &options, const ExportOutcome &outcome)
{
    const ExportResult &r = outcome.result;
    printOut(QStringLiteral("%1\n  files  %2 (%3 symlinks, %4 folders)\n  bytes  %5 (%6) unzipped\n")
                 .arg(options.output)
                 .arg(units::groupedBytes(r.files), units::groupedBytes(r.symlinks), units::groupedBytes(r.folders),
                      units::groupedBytes(r.bytes), units::formatBytes(r.bytes)));
    if (!options.toFolder)
        printOut(QStringLiteral("  zip    %1 (%2): %3\n")
                     .arg(units::groupedBytes(r.outputBytes), units::formatBytes(r.outputBytes),
                          LayerBudget::directUpload().describe(r.outputBytes)));
    printOut(QStringLiteral("  budget %1\n").arg(outcome.budget.describe(r.bytes)));
    printOut(QStringLiteral("  target %1 on %2, %3\n")
                 .arg(outcome.report.profile.runtime, outcome.report.profile.arch, options.targetOrigin));
    const TransformSummary &t = r.transform;
    if (t.strippedFiles)
        printOut(QStringLiteral("  strip  %1 files, %2 to %3\n")
                     .arg(t.strippedFiles)
                     .arg(units::formatBytes(t.stripBefore), units::formatBytes(t.stripAfter)));
    if (t.bytecode != BytecodeMode::Keep)
        printOut(QStringLiteral("  pyc    %1: +%2 in %3 .pyc, -%4 in %5 files\n")
                     .arg(BytecodeCompiler::modeName(t.bytecode), units::formatBytes(t.bytecodeAddedBytes))
                     .arg(t.bytecodeAddedFiles)
                     .arg(units::formatBytes(t.bytecodeRemovedBytes))
                     .arg(t.bytecodeRemovedFiles));
    for (const QString &w : t.warnings)
        printErr(QStringLiteral("layerslim-cli export: warning: %1\n").arg(w));
    if (const auto &d = outcome.report.compare)
        printOut(QStringLiteral("  change %1 -> %2 (%3) against %4: %5 files added, %6 removed, %7 changed\n")
                     .arg(units::formatBytes(d->bytesA), units::formatBytes(d->bytesB),
                          units::formatChange(units::change(d->bytesA, d->bytesB)), outcome.report.comparedWith)
                     .arg(d->added.size())
                     .arg(d->removed.size())
                     .arg(d->changed.size()));
    printOut(QStringLiteral("  time   %1 s\n").arg(r.seconds, 0, 'f', 2));
    if (!outcome.reportPath.isEmpty())
        printOut(QStringLiteral("  report %1 (and .json)\n").arg(outcome.reportPath));
}

// Not fitting with the reserve and failing lint for the target both exit 2:
// the zip is written, but it is not a layer that will load as it is.
int judge(const ExportOutcome &outcome)
{
    const ExportResult &r = outcome.result;
    if (outcome.verdict != LayerBudget::Verdict::Fits) {
        printErr(QStringLiteral("layerslim-cli export: %1 unzipped %2\n")
                     .arg(units::formatBytes(r.bytes), outcome.budget.describe(r.bytes)));
    }
    if (outcome.lintErrors > 0) {
        const ExportReportInput &report = outcome.report;
        printErr(QStringLiteral("layerslim-cli export: lint for %1 %2: %3 errors, %4 warnings in the kept files\n")
                     .arg(report.profile.runtime, report.profile.arch)
                     .arg(outcome.lintErrors)
                     .arg(report.lint->warnings()));
        for (const LintGroup &g : report.lint->groups()) {
            if (g.severity != LintSeverity::Error)
                continue;
            const LintFinding &first = report.lint->findings[g.findings.front()];
            printErr(g.findings.size() == 1
                         ? QStringLiteral("  %1: %2\n").arg(FileTree::displayName(first.path), g.headline)
                         : QStringLiteral("  %1 (e.g. %2)\n").arg(g.headline, FileTree::displayName(first.path)));
        }
        printErr(QStringLiteral("  (every file is in the report, or run layerslim-cli lint)\n"));
    }
    if (outcome.verdict != LayerBudget::Verdict::Fits)
        return DoesNotFit;
    return outcome.lintErrors > 0 ? ChecksFailed : Ok;
}

} // namespace

int runExport(const QStringList &args)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("export"), 1, &exitCode))
        return exitCode;
    if (!parser.isSet(QStringLiteral("output"))) {
        printErr(QStringLiteral("layerslim-cli export: -o OUT is required\n"));
        return BadInput;
    }
    ExportRequest request;
    request.report = !parser.isSet(QStringLiteral("no-report"));
    request.json = parser.isSet(QStringLiteral("json"));
    int level = -1;
    if (!numberOption(parser, QStringLiteral("level"), ExportOptions::kMinLevel, ExportOptions::kMaxLevel, &level) ||
        !numberOption(parser, QStringLiteral("threads"), 1, 1024, &request.options.threads))
        return BadInput;
    const QString source = parser.positionalArguments().first();
    QString apart;
    if (!AtomicOutput::apartFromSource(parser.value(QStringLiteral("output")), source, &apart)) {
        printErr(QStringLiteral("layerslim-cli export: %1\n").arg(apart)); // before a scan that would be wasted
        return BadInput;
    }
    // What this export deflates makes a later `scan --exact-zip` exact at once.
    std::future<CompressedSizeCache *> sizeCache = readSizeCacheAhead();
    // A bad OLD stops the export before anything is scanned or written.
    std::optional<Layer> old;
    if (parser.isSet(QStringLiteral("compare")) && !(old = openBaseline(parser)))
        return BadInput;
    auto session = openSession(source, parser);
    if (!session || !readExportOptions(parser, level, *session, &request.options))
        return BadInput;
    if (old) {
        const Target target = sessionTarget(*session);
        Distributions dists = Distributions::scan(*old->tree, old->zipEntries, target);
        for (const QString &p : dists.problems())
            printErr(QStringLiteral("layerslim-cli export: warning: %1\n").arg(p));
        request.baseline = Baseline{parser.value(QStringLiteral("compare")), std::move(*old), std::move(dists)};
    }
    request.options.sizeCache = sizeCache.get();
    const std::optional<ExportOutcome> outcome = exportLayer(*session, request);
    if (!outcome)
        return BadInput;
    if (request.json)
        printJson(request.options, *outcome);
    else
        printText(request.options, *outcome);
    return judge(*outcome);
}

} // namespace cli
