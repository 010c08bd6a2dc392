#include "select/sizeledger.h"

#include "base/parallelruns.h"

#include <algorithm>

namespace {

// Below this many nodes a thread costs more than the matching it takes over.
constexpr FileTree::Index kParallelNodes = 20000;

} // namespace

SizeLedger::SizeLedger(const FileTree &tree, Matching matching)
    : m_tree(tree)
    , m_enabled(RuleCatalog::all().size(), false)
    , m_spares(RuleCatalog::all().size())
    , m_data(RuleCatalog::all().size())
    , m_dataOrigin(RuleCatalog::all().size())
    , m_manualPrune(tree.count())
    , m_manualKeep(tree.count())
    , m_pruned(tree.count())
    , m_savings(RuleCatalog::all().size())
    , m_savingsMeasured(RuleCatalog::all().size(), false)
    , m_savingsCover(RuleCatalog::all().size(), Bitset(tree.count()))
{
    const auto &rules = RuleCatalog::all();
    for (const Rule &rule : rules)
        m_exceptions.push_back(rule.defaultExceptions);
    m_match.matches.resize(rules.size());
    m_match.matched.assign(rules.size(), false);
    if (matching == Matching::AllRules) {
        std::vector<int> all(rules.size());
        for (std::size_t r = 0; r < rules.size(); ++r)
            all[r] = int(r);
        matchRules(all);
    }
    recompute();
}

void SizeLedger::matchRules(const std::vector<int> &rules) const
{
    const std::lock_guard lock(m_match.mutex);
    std::vector<int> todo;
    for (const int rule : rules)
        if (!m_match.matched[rule] && std::find(todo.begin(), todo.end(), rule) == todo.end())
            todo.push_back(rule);
    // Each rule walks the whole tree on its own: on a big tree the rules are
    // matched on every core.
    const unsigned threads = m_tree.count() >= kParallelNodes && todo.size() > 1 ? parallel::allCores() : 1;
    parallel::parallelRuns(todo.size(), threads, 1, [&](std::size_t, std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k)
            m_match.matches[todo[k]] = matchNow(todo[k]);
    });
    for (const int rule : todo)
        m_match.matched[rule] = true;
}

void SizeLedger::setRuleEnabled(int rule, bool on)
{
    if (m_enabled[rule] == on)
        return;
    m_enabled[rule] = on;
    recompute();
}

void SizeLedger::setRuleExceptions(int rule, const QStringList &globs)
{
    m_exceptions[rule] = globs;
    rematch(rule);
    recompute();
}

void SizeLedger::setRuleSpares(int rule, std::vector<RuleSpare> spares)
{
    m_spares[std::size_t(rule)] = std::move(spares);
    rematch(rule);
    recompute();
}

void SizeLedger::setRuleData(int rule, Bitset nodes, QString origin)
{
    m_data[std::size_t(rule)] = std::move(nodes);
    m_dataOrigin[std::size_t(rule)] = std::move(origin);
    rematch(rule);
    recompute();
}

void SizeLedger::rematch(int rule)
{
    const std::lock_guard lock(m_match.mutex);
    if (m_match.matched[rule]) // a rule not matched yet is matched with these exceptions when needed
        m_match.matches[rule] = matchNow(rule);
}

Bitset SizeLedger::matchNow(int rule) const
{
    QStringList globs = m_exceptions[rule];
    for (const RuleSpare &s : m_spares[std::size_t(rule)])
        globs << s.glob;
    const Bitset &data = m_data[std::size_t(rule)];
    return RuleCatalog::match(m_tree, rule, globs, data.size() == m_tree.count() ? &data : nullptr);
}

bool SizeLedger::ruleMatched(int rule) const
{
    const std::lock_guard lock(m_match.mutex);
    return m_match.matched[rule];
}

const Bitset &SizeLedger::matchesOf(int rule) const
{
    matchRules({rule});
    const std::lock_guard lock(m_match.mutex);
    return m_match.matches[rule];
}

void SizeLedger::setTransformSavings(int rule, std::unordered_map<FileTree::Index, std::uint64_t> savings)
{
    m_savings[std::size_t(rule)] = std::move(savings);
    m_savingsMeasured[std::size_t(rule)] = true;
    m_savingsCover[std::size_t(rule)] = matchesOf(rule);
    recompute();
}

void SizeLedger::mark(FileTree::Index node, Mark m)
{
    const FileTree::Index end = m_tree.subtreeEnd(node);
    switch (m) {
    case Mark::Prune:
        m_manualPrune.setRange(node, end);
        m_manualKeep.resetRange(node, end);
        break;
    case Mark::Keep:
        m_manualKeep.setRange(node, end);
        m_manualPrune.resetRange(node, end);
        break;
    case Mark::Inherit:
        m_manualKeep.resetRange(node, end);
        m_manualPrune.resetRange(node, end);
        break;
    }
    recompute();
}

void SizeLedger::prune(const Bitset &nodes)
{
    m_manualPrune |= nodes;
    m_manualKeep.subtract(nodes);
    recompute();
}

void SizeLedger::keep(const Bitset &nodes)
{
    m_manualKeep |= nodes;
    m_manualPrune.subtract(nodes);
    recompute();
}

SizeLedger::State SizeLedger::state() const
{
    return {m_enabled, m_exceptions, m_manualPrune, m_manualKeep};
}

void SizeLedger::restore(const State &s)
{
    for (std::size_t r = 0; r < m_exceptions.size(); ++r)
        if (m_exceptions[r] != s.exceptions[r]) {
            m_exceptions[r] = s.exceptions[r];
            rematch(int(r));
        }
    m_enabled = s.enabled;
    m_manualPrune = s.manualPrune;
    m_manualKeep = s.manualKeep;
    recompute();
}

std::uint64_t SizeLedger::bytesOf(const Bitset &set, std::uint32_t *files) const
{
    std::uint64_t bytes = 0;
    std::uint32_t n = 0;
    set.forEach([&](std::size_t i) {
        if (m_tree.isFile(FileTree::Index(i))) {
            bytes += m_tree.size(FileTree::Index(i));
            ++n;
        }
    });
    if (files)
        *files = n;
    return bytes;
}

void SizeLedger::recompute()
{
    // Every enabled rule is matched from here on: the const answers below
    // read their matches without the lock.
    const auto &rules = RuleCatalog::all();
    std::vector<int> enabled;
    for (std::size_t r = 0; r < rules.size(); ++r)
        if (m_enabled[r])
            enabled.push_back(int(r));
    matchRules(enabled);
    m_pruned = m_manualPrune;
    for (std::size_t r = 0; r < rules.size(); ++r)
        if (m_enabled[r] && rules[r].action == RuleAction::Remove)
            m_pruned |= m_match.matches[r];
    m_pruned.subtract(m_manualKeep);

    m_totals.prunedBytes = bytesOf(m_pruned, &m_totals.prunedFiles);
    m_totals.keptBytes = m_tree.totalBytes(0) - m_totals.prunedBytes;
    m_totals.keptFiles = m_tree.fileCount() - m_totals.prunedFiles;

    // The bytes export writes: what each enabled Transform rule saves on the
    // files it rewrites and the selection keeps.
    m_totals.layerBytes = m_totals.keptBytes;
    m_totals.layerBytesExact = true;
    for (std::size_t r = 0; r < rules.size(); ++r) {
        if (!m_enabled[r] || rules[r].action != RuleAction::Transform)
            continue;
        for (const auto &[node, saved] : m_savings[r])
            if (m_match.matches[r].test(node) && !m_pruned.test(node))
                m_totals.layerBytes -= saved;
        Bitset unmeasured = m_match.matches[r];
        unmeasured.subtract(m_pruned);
        if (m_savingsMeasured[r])
            unmeasured.subtract(m_savingsCover[r]);
        unmeasured.forEach([&](std::size_t i) {
            if (m_tree.isFile(FileTree::Index(i)))
                m_totals.layerBytesExact = false;
        });
    }
}

RuleBytes SizeLedger::ruleBytes(int rule) const
{
    const Bitset &matches = matchesOf(rule);
    RuleBytes out;
    if (RuleCatalog::all()[rule].action == RuleAction::Transform) {
        // Alone: every match rewritten; in union: the matches the selection keeps.
        for (const auto &[node, saved] : m_savings[std::size_t(rule)]) {
            if (saved == 0 || !matches.test(node))
                continue;
            out.aloneBytes += saved;
            ++out.aloneFiles;
            if (!m_pruned.test(node)) {
                out.marginalBytes += saved;
                ++out.marginalFiles;
            }
        }
        return out;
    }
    Bitset alone = matches;
    alone.subtract(m_manualKeep);
    out.aloneBytes = bytesOf(alone, &out.aloneFiles);

    // Marginal: pruned by this rule and by nothing else that is selected.
    Bitset others = m_manualPrune;
    const auto &rules = RuleCatalog::all();
    for (std::size_t r = 0; r < rules.size(); ++r)
        if (int(r) != rule && m_enabled[r] && rules[r].action == RuleAction::Remove)
            others |= m_match.matches[r];
    alone.subtract(others);
    out.marginalBytes = bytesOf(alone, &out.marginalFiles);
    return out;
}

std::uint64_t SizeLedger::keptBytes(FileTree::Index i) const
{
    std::uint64_t pruned = 0;
    const FileTree::Index end = m_tree.subtreeEnd(i);
    // Walk the set bits of [i, end) word by word.
    const auto &words = m_pruned.words();
    for (std::size_t w = i / 64; w * 64 < end; ++w) {
        Bitset::Word bits = words[w];
        while (bits) {
            const std::size_t j = w * 64 + std::size_t(std::countr_zero(bits));
            bits &= bits - 1;
            if (j >= i && j < end && m_tree.isFile(FileTree::Index(j)))
                pruned += m_tree.size(FileTree::Index(j));
        }
    }
    return m_tree.totalBytes(i) - pruned;
}

std::vector<PackageBytes> SizeLedger::packages() const
{
    std::vector<PackageBytes> out;
    for (FileTree::Index c : m_tree.children(m_tree.packageRoot()))
        out.push_back({c, m_tree.totalBytes(c), keptBytes(c)});
    return out;
}

int SizeLedger::prunedBy(FileTree::Index i) const
{
    if (!m_pruned.test(i))
        return -1;
    if (m_manualPrune.test(i))
        return kManual;
    const auto &rules = RuleCatalog::all();
    for (std::size_t r = 0; r < rules.size(); ++r)
        if (m_enabled[r] && rules[r].action == RuleAction::Remove && m_match.matches[r].test(i))
            return int(r);
    return -1;
}
