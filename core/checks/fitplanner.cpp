#include "checks/fitplanner.h"

#include "checks/culpritfinder.h"
#include "select/rules.h"

#include <QElapsedTimer>

#include <algorithm>
#include <map>

namespace {

// Culprit bisection runs allowed per failed step.
constexpr int kMaxBisectRuns = 32;

// Every rule's candidate steps from `ledger`'s selection, rule by rule.
struct RuleSteps {
    int rule = -1;
    Risk risk = Risk::Safe;
    std::uint64_t bytes = 0;
    std::vector<FitStep> steps; // largest first
};

std::vector<RuleSteps> stepsByRule(const SizeLedger &ledger)
{
    const FileTree &tree = ledger.tree();
    const FileTree::Index root = tree.packageRoot();
    const FileTree::Index end = tree.subtreeEnd(root);
    const auto &catalog = RuleCatalog::all();
    std::vector<int> offered;
    for (std::size_t r = 0; r < catalog.size(); ++r)
        if (!ledger.ruleEnabled(int(r)) && catalog[r].action != RuleAction::Transform)
            offered.push_back(int(r));
    ledger.matchRules(offered);
    std::vector<RuleSteps> out;
    for (const int r : offered) {
        const Bitset &matches = ledger.ruleMatches(r);
        RuleSteps rs{r, catalog[std::size_t(r)].risk, 0, {}};
        for (FileTree::Index top = root + 1; top < end; top = tree.subtreeEnd(top)) {
            FitStep step;
            step.rule = r;
            step.package = tree.packagePath(top);
            for (FileTree::Index i = top; i < tree.subtreeEnd(top); ++i)
                if (tree.isFile(i) && matches.test(i) && !ledger.isPruned(i) && !ledger.manualKeeps().test(i)) {
                    step.bytes += tree.size(i);
                    ++step.files;
                }
            if (step.bytes == 0)
                continue;
            rs.bytes += step.bytes;
            rs.steps.push_back(std::move(step));
        }
        std::stable_sort(rs.steps.begin(), rs.steps.end(),
                         [](const FitStep &a, const FitStep &b) { return a.bytes > b.bytes; });
        if (!rs.steps.empty())
            out.push_back(std::move(rs));
    }
    std::stable_sort(out.begin(), out.end(), [](const RuleSteps &a, const RuleSteps &b) {
        return a.risk != b.risk ? a.risk < b.risk : a.bytes > b.bytes;
    });
    return out;
}

// A package path as an exception glob: the entry itself (and so its subtree).
QString exceptionFor(const QByteArray &package)
{
    return FileTree::displayName(package);
}

} // namespace

FitPlanner::FitPlanner(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries, VerifyOptions verify)
    : m_verifier(tree, zipEntries, std::move(verify))
{
}

std::vector<FitStep> FitPlanner::candidates(const SizeLedger &ledger)
{
    std::vector<FitStep> out;
    for (RuleSteps &rs : stepsByRule(ledger))
        for (FitStep &s : rs.steps)
            out.push_back(std::move(s));
    return out;
}

QString FitPlanner::outcomeName(FitOutcome outcome)
{
    switch (outcome) {
    case FitOutcome::Taken:
        return QStringLiteral("taken");
    case FitOutcome::TakenWithCulprits:
        return QStringLiteral("culprits-kept");
    case FitOutcome::BackedOut:
        return QStringLiteral("backed-out");
    case FitOutcome::NotTried:
        break;
    }
    return QStringLiteral("not-tried");
}

std::optional<CheckResult> FitPlanner::firstFailure(const SizeLedger &ledger, int *runs, JobControl *control)
{
    const VerifyReport report = m_verifier.run(ledger.pruned(), control);
    *runs += int(report.results.size());
    if (!report.error.isEmpty()) {
        CheckResult r;
        r.error = report.error;
        return r;
    }
    for (const CheckResult &r : report.results)
        if (!r.passed())
            return r;
    return std::nullopt;
}

FitPlan FitPlanner::plan(SizeLedger &ledger, const FitGoal &goal, const ZipSize &zipSize,
                         const AfterChange &afterChange, const OnStep &onStep, JobControl *control)
{
    FitPlan plan;
    plan.targetBytes = goal.unzippedTarget();
    plan.startBytes = ledger.totals().layerBytes;
    const auto fitsNow = [&] {
        plan.keptBytes = ledger.totals().layerBytes;
        bool ok = plan.keptBytes <= plan.targetBytes;
        if (goal.zipLimitBytes && zipSize) {
            const ZipEstimate zipped = zipSize(ledger);
            plan.zipBytes = zipped.bytes;
            plan.zipExact = zipped.exact;
            ok = ok && *plan.zipBytes <= *goal.zipLimitBytes;
        }
        return ok;
    };
    const auto changed = [&] {
        if (afterChange)
            afterChange(ledger);
    };

    changed(); // the spares of the selection as it starts
    std::vector<RuleSteps> rules = stepsByRule(ledger);
    if (fitsNow()) {
        plan.fits = true;
        for (RuleSteps &rs : rules)
            for (FitStep &s : rs.steps)
                plan.candidates.push_back(std::move(s));
        return plan;
    }
    // Every step is proved against a start that passes: a failure is the step's.
    if (const auto failed = firstFailure(ledger, &plan.verifyRuns, control)) {
        plan.error =
            failed->check.name.isEmpty()
                ? failed->error
                : QStringLiteral("the starting selection already fails %1: %2").arg(failed->check.name, failed->error);
        return plan;
    }
    // Per rule: the exceptions it starts with, and the packages not taken (yet).
    std::map<int, QStringList> startExceptions;
    std::map<int, std::vector<QByteArray>> untaken;
    for (const RuleSteps &rs : rules) {
        startExceptions[rs.rule] = ledger.ruleExceptions(rs.rule);
        for (const FitStep &s : rs.steps)
            untaken[rs.rule].push_back(s.package);
    }
    const auto exceptionsOf = [&](int rule, const std::vector<QByteArray> &left) {
        QStringList globs = startExceptions[rule];
        for (const QByteArray &p : left)
            globs << exceptionFor(p);
        return globs;
    };

    bool done = false;
    for (RuleSteps &rs : rules) {
        for (FitStep &candidate : rs.steps) {
            if (done || (control && control->cancelled())) {
                plan.candidates.push_back(candidate);
                continue;
            }
            QElapsedTimer timer;
            timer.start();
            FitStep step = candidate;
            const SizeLedger::State before = ledger.state();
            const LedgerTotals totalsBefore = ledger.totals();
            const Bitset prunedBefore = ledger.pruned();
            std::vector<QByteArray> left = untaken[rs.rule];
            left.erase(std::remove(left.begin(), left.end(), step.package), left.end());
            ledger.setRuleExceptions(rs.rule, exceptionsOf(rs.rule, left));
            ledger.setRuleEnabled(rs.rule, true);
            changed();
            std::optional<CheckResult> failed = firstFailure(ledger, &plan.verifyRuns, control);
            step.outcome = FitOutcome::Taken;
            if (failed) {
                step.failure = failed->check.name.isEmpty()
                                   ? failed->error
                                   : QStringLiteral("%1: %2").arg(failed->check.name, failed->error);
                step.outcome = FitOutcome::BackedOut;
                if (!failed->check.name.isEmpty()) {
                    CulpritFinder finder(m_verifier);
                    BisectResult bisect =
                        finder.find(ledger.pruned(), failed->check, control, &*failed, kMaxBisectRuns);
                    // Keep what the check needs, not the whole folder it is in.
                    bisect = finder.narrow(ledger.pruned(), bisect, control, bisect.runs + kMaxBisectRuns);
                    plan.verifyRuns += bisect.runs;
                    if (bisect.outcome == BisectResult::Outcome::Found) {
                        // Keep what this step pruned of them, never what was pruned before it.
                        Bitset keep(ledger.tree().count());
                        for (const Culprit &c : bisect.culprits) {
                            for (FileTree::Index j = c.node; j < ledger.tree().subtreeEnd(c.node); ++j)
                                if (ledger.isPruned(j) && !prunedBefore.test(j))
                                    keep.set(j);
                            step.keptCulprits.push_back(c.path);
                        }
                        ledger.keep(keep);
                        changed();
                        if (!firstFailure(ledger, &plan.verifyRuns, control))
                            step.outcome = FitOutcome::TakenWithCulprits;
                    } else if (!bisect.message.isEmpty()) {
                        // Why nothing kept could save the step (the unpruned layer fails too, …).
                        step.failure += QStringLiteral("; culprit search: %1").arg(bisect.message);
                    }
                }
            }
            if (step.outcome == FitOutcome::BackedOut) {
                ledger.restore(before);
                changed();
                step.keptCulprits.clear();
            } else {
                untaken[rs.rule] = left;
                step.bytes = totalsBefore.layerBytes - std::min(ledger.totals().layerBytes, totalsBefore.layerBytes);
                step.files = totalsBefore.keptFiles - std::min(ledger.totals().keptFiles, totalsBefore.keptFiles);
            }
            step.millis = timer.elapsed();
            if (onStep)
                onStep(step);
            plan.steps.push_back(step);
            done = fitsNow();
        }
    }
    plan.fits = fitsNow();
    return plan;
}
