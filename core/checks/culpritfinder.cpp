#include "checks/culpritfinder.h"

#include "checks/keptset.h"

#include <spdlog/spdlog.h>

#include <algorithm>

QString BisectResult::outcomeName(Outcome o)
{
    switch (o) {
    case Outcome::Found:
        return QStringLiteral("found");
    case Outcome::PassesPruned:
        return QStringLiteral("passes-pruned");
    case Outcome::FailsWhole:
        return QStringLiteral("fails-unpruned");
    case Outcome::NothingPruned:
        return QStringLiteral("nothing-pruned");
    case Outcome::Inconclusive:
        return QStringLiteral("inconclusive");
    }
    return {};
}

Bitset CulpritFinder::restored(const FileTree &tree, const Bitset &pruned, const std::vector<Culprit> &culprits)
{
    Bitset out = pruned;
    for (const Culprit &c : culprits)
        out.resetRange(c.node, tree.subtreeEnd(c.node));
    return out;
}

BisectResult CulpritFinder::find(const Bitset &pruned, const VerifyCheck &check, JobControl *control,
                                 const CheckResult *failed, int maxRuns)
{
    const FileTree &tree = m_verifier.tree();
    BisectResult result;
    result.check = check;
    const std::vector<FileTree::Index> units = KeptSet::pruneRoots(tree, pruned);
    result.candidates = int(units.size());
    if (units.empty()) {
        result.outcome = BisectResult::Outcome::NothingPruned;
        result.message = QStringLiteral("nothing is pruned, so there is nothing to restore");
        return result;
    }

    enum class Verdict { Pass, Fail, Stop };
    auto test = [&](const Bitset &candidate) {
        if (result.runs >= maxRuns || (control && control->cancelled()))
            return Verdict::Stop;
        ++result.runs;
        const CheckResult r = m_verifier.runCheck(candidate, check, control);
        if (r.status == CheckStatus::Cancelled || r.status == CheckStatus::NotStarted)
            return Verdict::Stop;
        return r.passed() ? Verdict::Pass : Verdict::Fail;
    };
    auto stop = [&](const QString &why) {
        result.outcome = BisectResult::Outcome::Inconclusive;
        result.message = why.isEmpty() ? (control && control->cancelled()
                                              ? QStringLiteral("cancelled")
                                              : QStringLiteral("stopped after %1 verify runs").arg(result.runs))
                                       : why;
        return result;
    };

    if (!failed || failed->passed()) {
        const Verdict v = test(pruned);
        if (v == Verdict::Stop)
            return stop({});
        if (v == Verdict::Pass) {
            result.outcome = BisectResult::Outcome::PassesPruned;
            result.message = QStringLiteral("%1 passes with the pruning as it is").arg(check.name);
            return result;
        }
    }
    ++result.runs;
    result.whole = m_verifier.runCheck(Bitset(tree.count()), check, control);
    if (result.whole.status == CheckStatus::Cancelled)
        return stop({});
    if (!result.whole.passed()) {
        result.outcome = BisectResult::Outcome::FailsWhole;
        result.message = QStringLiteral("%1 fails on the unpruned layer too (%2): pruning is not the cause")
                             .arg(check.name, result.whole.error);
        return result;
    }

    std::vector<std::size_t> required;
    if (!search(pruned, units, check, control, maxRuns, &result, &required))
        return stop(result.message);
    std::sort(required.begin(), required.end());
    for (std::size_t k : required)
        result.culprits.push_back(culprit(tree, pruned, units[k]));
    result.outcome = BisectResult::Outcome::Found;
    QStringList paths;
    for (const Culprit &c : result.culprits)
        paths << FileTree::displayName(c.path);
    result.message = QStringLiteral("%1 passes again when %2 %3 kept")
                         .arg(check.name, paths.join(QStringLiteral(", ")),
                              paths.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
    return result;
}

bool CulpritFinder::search(const Bitset &pruned, const std::vector<FileTree::Index> &units, const VerifyCheck &check,
                           JobControl *control, int maxRuns, BisectResult *result, std::vector<std::size_t> *found)
{
    const FileTree &tree = m_verifier.tree();
    enum class Verdict { Pass, Fail, Stop };
    auto test = [&](const Bitset &candidate) {
        if (result->runs >= maxRuns || (control && control->cancelled()))
            return Verdict::Stop;
        ++result->runs;
        const CheckResult r = m_verifier.runCheck(candidate, check, control);
        if (r.status == CheckStatus::Cancelled || r.status == CheckStatus::NotStarted)
            return Verdict::Stop;
        return r.passed() ? Verdict::Pass : Verdict::Fail;
    };
    // Invariant: restoring required ∪ units[0, hi) passes; restoring required alone fails.
    std::vector<std::size_t> required;
    std::size_t hi = units.size();
    auto candidate = [&](std::size_t prefix) {
        Bitset b = pruned;
        for (std::size_t k = 0; k < prefix; ++k)
            b.resetRange(units[k], tree.subtreeEnd(units[k]));
        for (std::size_t k : required)
            b.resetRange(units[k], tree.subtreeEnd(units[k]));
        return b;
    };
    for (;;) {
        std::size_t lo = 0;
        while (hi - lo > 1) {
            const std::size_t mid = lo + (hi - lo) / 2;
            const Verdict v = test(candidate(mid));
            if (v == Verdict::Stop)
                return false;
            (v == Verdict::Pass ? hi : lo) = mid;
        }
        required.push_back(hi - 1);
        spdlog::info("bisect {}: culprit {}", check.name.toStdString(), tree.packagePath(units[hi - 1]).toStdString());
        hi -= 1;
        if (hi == 0)
            break; // restoring `required` alone is what the invariant says passes
        const Verdict v = test(candidate(0));
        if (v == Verdict::Stop)
            return false;
        if (v == Verdict::Pass)
            break;
        if (required.size() >= 32) {
            result->message = QStringLiteral("more than 32 culprits: the check looks flaky");
            return false;
        }
    }

    *found = std::move(required);
    return true;
}

Culprit CulpritFinder::culprit(const FileTree &tree, const Bitset &pruned, FileTree::Index node)
{
    Culprit c;
    c.node = node;
    c.path = tree.packagePath(node);
    for (FileTree::Index j = node; j < tree.subtreeEnd(node); ++j)
        if (tree.isFile(j) && pruned.test(j)) {
            c.bytes += tree.size(j);
            ++c.files;
        }
    return c;
}

BisectResult CulpritFinder::narrow(const Bitset &pruned, const BisectResult &found, JobControl *control, int maxRuns)
{
    const FileTree &tree = m_verifier.tree();
    BisectResult result = found;
    if (found.outcome != BisectResult::Outcome::Found)
        return result;
    std::vector<Culprit> work = found.culprits;
    std::vector<Culprit> done;
    while (!work.empty()) {
        const Culprit c = work.back();
        work.pop_back();
        std::vector<FileTree::Index> children;
        if (tree.isDir(c.node))
            for (FileTree::Index i = c.node + 1; i < tree.subtreeEnd(c.node); i = tree.subtreeEnd(i))
                children.push_back(i); // symlinks and empty folders too: restoring every child must pass
        if (children.size() < 2 || result.runs >= maxRuns) {
            done.push_back(c);
            continue;
        }
        // Only c is pruned among the culprits: what of it does the check need?
        Bitset base = pruned;
        for (const Culprit &other : work)
            base.resetRange(other.node, tree.subtreeEnd(other.node));
        for (const Culprit &other : done)
            base.resetRange(other.node, tree.subtreeEnd(other.node));
        std::vector<std::size_t> required;
        BisectResult step;
        step.runs = result.runs;
        if (!search(base, children, found.check, control, maxRuns, &step, &required)) {
            result.runs = step.runs;
            done.push_back(c); // keep the whole folder: still proven to pass
            continue;
        }
        result.runs = step.runs;
        for (std::size_t k : required)
            work.push_back(culprit(tree, pruned, children[k]));
    }
    std::sort(done.begin(), done.end(), [](const Culprit &a, const Culprit &b) { return a.node < b.node; });
    result.culprits = std::move(done);
    QStringList paths;
    for (const Culprit &c : result.culprits)
        paths << FileTree::displayName(c.path);
    result.message = QStringLiteral("%1 passes again when %2 %3 kept")
                         .arg(found.check.name, paths.join(QStringLiteral(", ")),
                              paths.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"));
    return result;
}
