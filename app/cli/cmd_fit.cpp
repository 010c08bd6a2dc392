// layerslim-cli fit: the least risky selection that fits, every step proved
// with verify, written as a profile the other commands replay.
#include "base/units.h"
#include "checkoptions.h"
#include "checks/fitplanner.h"
#include "checks/metadatausers.h"
#include "checks/trace.h"
#include "clisupport.h"
#include "export/compressedsizecache.h"
#include "export/exportplan.h"
#include "export/zipsizepredictor.h"
#include "select/rules.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Searches for the least risky selection that fits the limit less the reserve: safe rules first, then "
        "caution, then risky, and within a rule the package where it frees most first. Every step is checked by "
        "importing the kept set with a real Python (and the smoke script); a step that breaks a check keeps the "
        "paths the check needs, or is backed out. Starts from --rules / --profile. Exit status 0 with the profile "
        "written when it fits, 2 with the shortfall when it cannot."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Layer folder or zip."));
    addSelectionOptions(parser);
    addCheckOptions(parser);
    parser.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("Where to write the planned profile (JSON)."),
                      QStringLiteral("PROFILE.json")});
    parser.addOption({QStringLiteral("limit"),
                      QStringLiteral("Unzipped limit (default: the profile's, else 250MB = 262,144,000 bytes)."),
                      QStringLiteral("bytes")});
    parser.addOption({QStringLiteral("reserve"),
                      QStringLiteral("Left for the function's other layers (default: the profile's, else 20MB)."),
                      QStringLiteral("bytes")});
    parser.addOption({QStringLiteral("zipped"),
                      QStringLiteral("Also fit the 50 MB direct-upload limit, zipped at the profile's level.")});
    parser.addOption({QStringLiteral("runtime"),
                      QStringLiteral("Target runtime (default: the profile's, else the layer's own tags)."),
                      QStringLiteral("pythonX.Y")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
}

// --limit / --reserve over the profile's; false after printing on a bad value.
bool readGoal(const QCommandLineParser &parser, const Profile &profile, FitGoal *goal)
{
    goal->limitBytes = profile.limitBytes;
    goal->reserveBytes = profile.reserveBytes;
    for (const auto &[name, field] : {std::pair{QStringLiteral("limit"), &goal->limitBytes},
                                      std::pair{QStringLiteral("reserve"), &goal->reserveBytes}}) {
        if (!parser.isSet(name))
            continue;
        const std::optional<std::uint64_t> bytes = units::parseBytes(parser.value(name));
        if (!bytes) {
            printErr(QStringLiteral("layerslim-cli fit: --%1 takes bytes, or a size like 250MB, not \"%2\"\n")
                         .arg(name, parser.value(name)));
            return false;
        }
        *field = *bytes;
    }
    if (goal->reserveBytes >= goal->limitBytes) {
        printErr(QStringLiteral("layerslim-cli fit: the reserve (%1) leaves nothing of the limit (%2)\n")
                     .arg(units::formatBytes(goal->reserveBytes), units::formatBytes(goal->limitBytes)));
        return false;
    }
    if (parser.isSet(QStringLiteral("zipped")))
        goal->zipLimitBytes = units::kLambdaZipUploadLimit;
    return true;
}

// "tests in scipy" / "dist-info in six.py".
QString stepName(const FitStep &s)
{
    return QStringLiteral("%1 in %2").arg(RuleCatalog::all()[std::size_t(s.rule)].id, FileTree::displayName(s.package));
}

QJsonObject stepJson(const FitStep &s)
{
    const Rule &rule = RuleCatalog::all()[std::size_t(s.rule)];
    QJsonArray culprits;
    for (const QByteArray &c : s.keptCulprits)
        culprits.append(FileTree::displayName(c));
    return QJsonObject{{QStringLiteral("rule"), rule.id},
                       {QStringLiteral("package"), FileTree::displayName(s.package)},
                       {QStringLiteral("risk"), RuleCatalog::riskName(rule.risk)},
                       {QStringLiteral("bytes"), double(s.bytes)},
                       {QStringLiteral("files"), qint64(s.files)},
                       {QStringLiteral("outcome"), FitPlanner::outcomeName(s.outcome)},
                       {QStringLiteral("verified"), s.outcome != FitOutcome::NotTried},
                       {QStringLiteral("kept_culprits"), culprits},
                       {QStringLiteral("failure"), s.failure},
                       {QStringLiteral("millis"), double(s.millis)}};
}

void printPlan(const Session &session, const FitPlan &plan, const FitGoal &goal, const QString &output)
{
    printOut(QStringLiteral("%1\n  start %2, target %3 (limit %4 less reserve %5)\n\n")
                 .arg(session.layer.tree->rootPath(), units::formatBytes(plan.startBytes),
                      units::formatBytes(plan.targetBytes), units::formatBytes(goal.limitBytes),
                      units::formatBytes(goal.reserveBytes)));
    int width = 4;
    for (const FitStep &s : plan.steps)
        width = std::max(width, int(stepName(s).size()));
    if (!plan.steps.empty()) {
        printOut(QStringLiteral("  %1  %2  %3  %4  %5\n")
                     .arg(QStringLiteral("step"), -width)
                     .arg(QStringLiteral("frees"), 10)
                     .arg(QStringLiteral("risk"), -8)
                     .arg(QStringLiteral("verified"), -14)
                     .arg(QStringLiteral("time"), 7));
        for (const FitStep &s : plan.steps) {
            printOut(
                QStringLiteral("  %1  %2  %3  %4  %5\n")
                    .arg(stepName(s), -width)
                    .arg(s.outcome == FitOutcome::BackedOut ? QStringLiteral("-") : units::formatBytes(s.bytes), 10)
                    .arg(RuleCatalog::riskName(RuleCatalog::all()[std::size_t(s.rule)].risk), -8)
                    .arg(FitPlanner::outcomeName(s.outcome), -14)
                    .arg(QStringLiteral("%1 s").arg(double(s.millis) / 1000.0, 0, 'f', 1), 7));
            if (!s.keptCulprits.empty() || s.outcome == FitOutcome::BackedOut)
                printOut(QStringLiteral("      %1\n").arg(s.failure.left(200)));
            for (const QByteArray &c : s.keptCulprits)
                printOut(QStringLiteral("      kept %1\n").arg(FileTree::displayName(c)));
        }
        printOut(QStringLiteral("\n"));
    }
    const QString zipped = plan.zipBytes
                               ? QStringLiteral(", zipped %1%2 of %3")
                                     .arg(plan.zipExact ? QString() : QStringLiteral("about "),
                                          units::formatBytes(*plan.zipBytes), units::formatBytes(*goal.zipLimitBytes))
                               : QString();
    if (plan.fits) {
        printOut(QStringLiteral("fits: %1 of %2%3 after %4 step(s), %5 checks run\nprofile: %6\n")
                     .arg(units::formatBytes(plan.keptBytes), units::formatBytes(plan.targetBytes), zipped)
                     .arg(plan.steps.size())
                     .arg(plan.verifyRuns)
                     .arg(output));
        return;
    }
    const QString over = plan.shortfall() > 0 ? units::formatBytes(plan.shortfall()) + QStringLiteral(" over")
                                              : QStringLiteral("zipped over");
    printOut(QStringLiteral("cannot fit: %1 of %2 (%3)%4; no profile written\n")
                 .arg(units::formatBytes(plan.keptBytes), units::formatBytes(plan.targetBytes), over, zipped));
    QStringList next;
    for (const FitStep &s : plan.steps)
        if (s.outcome == FitOutcome::BackedOut)
            next << QStringLiteral("%1 (%2, backed out: breaks %3)")
                        .arg(stepName(s), units::formatBytes(s.bytes), s.failure.section(QLatin1Char(':'), 0, 0));
    if (const int strip = RuleCatalog::indexOf(RuleId::Strip); !session.ledger->ruleEnabled(strip))
        next << QStringLiteral("strip (risky; measured at export: `layerslim-cli scan --rules strip --exact-zip`)");
    next << QStringLiteral("a larger --limit or a smaller --reserve, or prune by hand in the GUI");
    printOut(QStringLiteral("next candidates:\n  %1\n").arg(next.join(QStringLiteral("\n  "))));
}

} // namespace

int runFit(const QStringList &args)
{
    QCommandLineParser parser;
    addOptions(parser);
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("fit"), 1, &exitCode))
        return exitCode;
    const bool json = parser.isSet(QStringLiteral("json"));
    const QString output = parser.value(QStringLiteral("output"));
    if (output.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli fit: -o PROFILE.json is required (where the plan is written)\n"));
        return BadInput;
    }
    // Planning takes minutes: a profile that cannot be written is found out first.
    if (const QFileInfo folder(QFileInfo(output).absolutePath()); !folder.isDir() || !folder.isWritable()) {
        printErr(QStringLiteral("layerslim-cli fit: cannot write %1: %2\n")
                     .arg(output, folder.isDir() ? QStringLiteral("the folder is not writable")
                                                 : QStringLiteral("no such folder %1").arg(folder.filePath())));
        return BadInput;
    }
    VerifyOptions verify;
    if (!readCheckOptions(parser, QStringLiteral("fit"), &verify))
        return BadInput;
    verify.timingRuns = 0;
    auto session = openSession(parser.positionalArguments().first(), parser);
    if (!session)
        return BadInput;
    // --trace gives the not-traced rule its data; fit decides whether to take it (as a risky step).
    const int traced = RuleCatalog::indexOf(RuleId::NotTraced);
    const QStringList asked = parser.value(QStringLiteral("rules")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parser.isSet(QStringLiteral("trace")) && !asked.contains(RuleCatalog::all()[std::size_t(traced)].id))
        session->ledger->setRuleEnabled(traced, false);
    FitGoal goal;
    if (!readGoal(parser, session->profile, &goal))
        return BadInput;
    const std::optional<LintTarget> target =
        chosenTarget(parser, *session, QStringLiteral("fit"), TargetOptions::Runtime);
    if (!target)
        return BadInput;
    const std::optional<PythonInfo> python = choosePython(parser, QStringLiteral("fit"), target->runtime);
    if (!python)
        return BadInput;
    verify.python = python->path;
    if (const QString w = PythonFinder::mismatch(*python, target->runtime, target->arch); !w.isEmpty() && !json)
        printErr(QStringLiteral("layerslim-cli fit: warning: %1\n").arg(w));

    const FileTree &tree = *session->layer.tree;
    SizeLedger &ledger = *session->ledger;
    // Zipped sizes: exact once every file has been deflated (cached across runs).
    ZipSizePredictor predictor(tree, session->layer.zipEntries);
    const QByteArray prefix =
        ExportPlan::normalizePrefix(session->profile.prefix, nullptr).value_or(QByteArray("python/"));
    if (goal.zipLimitBytes) {
        predictor.setCache(&CompressedSizeCache::standard());
        QString error;
        if (!predictor.compute(session->profile.level, nullptr, 0, &error))
            printErr(QStringLiteral("layerslim-cli fit: warning: zipped sizes are estimates: %1\n").arg(error));
        if (const QString warning = predictor.cacheWarning(); !warning.isEmpty())
            printErr(QStringLiteral("layerslim-cli fit: warning: %1\n").arg(warning));
    }
    const FitPlanner::ZipSize zipSize = [&](const SizeLedger &l) {
        const ZipSizePredictor::Prediction p = predictor.predict(l, prefix);
        return FitPlanner::ZipEstimate{p.bytes, p.exact};
    };
    // The metadata rules spare what the layer's code reads, as in every command.
    std::optional<MetadataUsers> users;
    const FitPlanner::AfterChange afterChange = [&](SizeLedger &l) {
        if (!l.ruleEnabled(RuleCatalog::indexOf(RuleId::DistInfo)) &&
            !l.ruleEnabled(RuleCatalog::indexOf(RuleId::DistInfoLite)))
            return;
        if (!users)
            users = MetadataUsers::find(tree, &session->layer.zipEntries, session->distributions());
        users->spareIn(l);
    };
    const FitPlanner::OnStep onStep = [&](const FitStep &s) {
        if (!json)
            printErr(QStringLiteral("layerslim-cli fit: %1 %2 (%3)\n")
                         .arg(FitPlanner::outcomeName(s.outcome), stepName(s), units::formatBytes(s.bytes)));
    };
    FitPlanner planner(tree, &session->layer.zipEntries, verify);
    const FitPlan plan = planner.plan(ledger, goal, zipSize, afterChange, onStep);
    if (!plan.error.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli fit: %1\n").arg(plan.error));
        return ChecksFailed;
    }
    QString written;
    if (plan.fits) {
        Profile base = session->profile;
        base.limitBytes = goal.limitBytes;
        base.reserveBytes = goal.reserveBytes;
        // The target the plan was verified for, so export lints and reports the same one.
        base.runtime = target->runtime;
        base.arch = target->arch;
        // A plan that takes the not-traced rule names the trace it came from
        // (absolute: the plan may be saved in another folder), so it replays.
        base.tracePath = session->profile.traceFile();
        if (parser.isSet(QStringLiteral("trace")) && ledger.ruleEnabled(traced)) {
            base.tracePath = QFileInfo(parser.value(QStringLiteral("trace"))).absoluteFilePath();
            QString why;
            if (const std::optional<Trace> trace = Trace::load(base.tracePath, &why))
                base.traceSmokeSha256 = trace->smokeSha256;
        }
        QString error;
        if (!Profile::fromLedger(ledger, base).save(output, &error)) {
            printErr(QStringLiteral("layerslim-cli fit: cannot write %1: %2\n").arg(output, error));
            return BadInput;
        }
        written = QFileInfo(output).absoluteFilePath();
    }
    if (json) {
        QJsonArray steps, candidates;
        for (const FitStep &s : plan.steps)
            steps.append(stepJson(s));
        for (const FitStep &s : plan.candidates)
            candidates.append(stepJson(s));
        QJsonObject out{{QStringLiteral("root"), tree.rootPath()},
                        {QStringLiteral("python"), python->path},
                        {QStringLiteral("runtime"), target->runtime},
                        {QStringLiteral("limit_bytes"), double(goal.limitBytes)},
                        {QStringLiteral("reserve_bytes"), double(goal.reserveBytes)},
                        {QStringLiteral("target_bytes"), double(plan.targetBytes)},
                        {QStringLiteral("start_bytes"), double(plan.startBytes)},
                        {QStringLiteral("kept_bytes"), double(plan.keptBytes)},
                        {QStringLiteral("fits"), plan.fits},
                        {QStringLiteral("shortfall_bytes"), double(plan.shortfall())},
                        {QStringLiteral("steps"), steps},
                        {QStringLiteral("candidates"), candidates},
                        {QStringLiteral("verify_runs"), plan.verifyRuns},
                        {QStringLiteral("profile"), written.isEmpty() ? QJsonValue() : QJsonValue(written)}};
        if (plan.zipBytes) {
            out.insert(QStringLiteral("zip_bytes"), double(*plan.zipBytes));
            // False when a file could not be deflated (zip_bytes is then an estimate from per-category
            // ratios), or when the strip rule is on: what it rewrites is sized at export.
            out.insert(QStringLiteral("zip_exact"), plan.zipExact);
            out.insert(QStringLiteral("zip_limit_bytes"), double(*goal.zipLimitBytes));
        }
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
    } else {
        printPlan(*session, plan, goal, written);
    }
    return plan.fits ? Ok : DoesNotFit;
}

} // namespace cli
