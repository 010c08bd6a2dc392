// Selection (enabled rules, manual prunes and keeps) and the SizeLedger that
// turns it into kept/pruned bytes per rule and per top-level package, in
// word-wise bitset passes (O(n/64) a toggle), never a rescan.
#pragma once

#include "base/bitset.h"
#include "select/rules.h"
#include "tree/filetree.h"

#include <QStringList>

#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

// What a node's selection state is after rules and manual choices.
struct LedgerTotals {
    std::uint64_t keptBytes = 0; // the kept files' sizes as they are in the source
    std::uint64_t prunedBytes = 0;
    std::uint32_t keptFiles = 0;
    std::uint32_t prunedFiles = 0;
    // What export writes unzipped: kept bytes less what the enabled Transform
    // rules (strip) save on kept files. This is the figure Lambda counts, so
    // the budget verdict of `scan`, `export` and the GUI is made on it.
    std::uint64_t layerBytes = 0;
    // False while an enabled Transform rule rewrites kept files whose savings
    // have not been measured (layerBytes then counts them unchanged).
    bool layerBytesExact = true;
    bool operator==(const LedgerTotals &) const = default;
};

struct RuleBytes {
    std::uint64_t aloneBytes = 0; // what the rule would free by itself (after keeps)
    std::uint32_t aloneFiles = 0;
    std::uint64_t marginalBytes = 0; // what it frees beyond everything else selected
    std::uint32_t marginalFiles = 0;
};

// A path a rule must keep whatever its exceptions say, and why: e.g. the
// METADATA that prompt_toolkit reads at import (MetadataUsers). Spares follow
// from the layer, not from the user: not part of a State or a profile.
struct RuleSpare {
    QString glob;   // package path glob, like an exception ("prompt_toolkit-3.0.36.dist-info/METADATA")
    QString reason; // "read by prompt_toolkit/__init__.py at import (importlib.metadata.version)"
    bool operator==(const RuleSpare &) const = default;
};

struct PackageBytes {
    FileTree::Index node = FileTree::kNone;
    std::uint64_t totalBytes = 0;
    std::uint64_t keptBytes = 0;
};

class SizeLedger
{
public:
    // Whether the constructor matches every rule (on every core for a big
    // tree), as a window listing what each rule frees needs, or each rule is
    // matched when first needed: once enabled, or asked for its matches or
    // bytes. A scan that reports no rule then walks the tree for none.
    enum class Matching : std::uint8_t { AllRules, OnDemand };
    explicit SizeLedger(const FileTree &tree, Matching matching = Matching::AllRules);

    // ---- the selection ----
    void setRuleEnabled(int rule, bool on);
    [[nodiscard]] bool ruleEnabled(int rule) const { return m_enabled[rule]; }
    // Replaces a rule's exceptions (globs over package paths). A rule already
    // matched is matched again; one not yet matched (OnDemand) uses them when it is.
    void setRuleExceptions(int rule, const QStringList &globs);
    [[nodiscard]] const QStringList &ruleExceptions(int rule) const { return m_exceptions[rule]; }
    // Replaces what a rule spares besides its exceptions; matched again as for exceptions.
    void setRuleSpares(int rule, std::vector<RuleSpare> spares);
    [[nodiscard]] const std::vector<RuleSpare> &ruleSpares(int rule) const { return m_spares[std::size_t(rule)]; }
    // Gives a fromData rule (not-traced) the nodes it matches (a set folder
    // stands for its subtree) and says where they came from ("trace
    // /x/trace.json of smoke.py"); matched again as for exceptions. Like
    // spares, not part of a State: it follows from a file the profile names.
    void setRuleData(int rule, Bitset nodes, QString origin);
    [[nodiscard]] const QString &ruleDataOrigin(int rule) const { return m_dataOrigin[std::size_t(rule)]; }
    // Manual choices on a node and its subtree; a later choice wins over an earlier one.
    enum class Mark : std::uint8_t {
        Prune,   // leave the node's subtree out
        Keep,    // keep the node's subtree whatever the rules say
        Inherit, // forget manual choices on the subtree
    };
    void mark(FileTree::Index node, Mark m);
    // Prune marks on every node set in `nodes` at once (one recompute); other marks stay.
    void prune(const Bitset &nodes);
    // Keep marks the same way.
    void keep(const Bitset &nodes);

    // Everything that defines the selection, for undo and profiles.
    struct State {
        std::vector<bool> enabled;
        std::vector<QStringList> exceptions;
        Bitset manualPrune;
        Bitset manualKeep;
        bool operator==(const State &) const = default;
    };
    [[nodiscard]] State state() const;
    void restore(const State &s);

    // ---- answers ----
    [[nodiscard]] const Bitset &pruned() const { return m_pruned; }
    [[nodiscard]] bool isPruned(FileTree::Index i) const { return m_pruned.test(i); }
    [[nodiscard]] const Bitset &ruleMatches(int rule) const { return matchesOf(rule); }
    // Matches those of `rules` not matched yet, on every core for a big tree:
    // for a caller about to ask for many rules' matches or bytes.
    void matchRules(const std::vector<int> &rules) const;
    // Whether the rule's matches are at hand (always, with AllRules); asking
    // for those of a rule that is not matches it first.
    [[nodiscard]] bool ruleMatched(int rule) const;
    [[nodiscard]] const Bitset &manualPrunes() const { return m_manualPrune; }
    [[nodiscard]] const Bitset &manualKeeps() const { return m_manualKeep; }
    [[nodiscard]] LedgerTotals totals() const { return m_totals; }
    // For a Transform rule (strip) the bytes are what its rewritten copies
    // save, known once they have been measured (setTransformSavings); 0 before.
    [[nodiscard]] RuleBytes ruleBytes(int rule) const;

    // What a Transform rule saves per file, measured on real copies (size
    // before minus size after), e.g. by ZipSizePredictor::compute. Files not
    // named save nothing. Covers the rule's matches of the current exceptions;
    // files it matches later (after its exceptions change) stay unmeasured.
    void setTransformSavings(int rule, std::unordered_map<FileTree::Index, std::uint64_t> savings);
    [[nodiscard]] bool transformMeasured(int rule) const { return m_savingsMeasured[std::size_t(rule)]; }
    // Kept bytes of files in [i, subtreeEnd(i)).
    [[nodiscard]] std::uint64_t keptBytes(FileTree::Index i) const;
    [[nodiscard]] std::vector<PackageBytes> packages() const;
    // The first enabled rule that prunes node i ("manual" is -2, none -1).
    [[nodiscard]] int prunedBy(FileTree::Index i) const;
    static constexpr int kManual = -2;

    [[nodiscard]] const FileTree &tree() const { return m_tree; }

private:
    void recompute();
    void rematch(int rule);
    // A rule's matches, matched now if they are not yet.
    const Bitset &matchesOf(int rule) const;
    [[nodiscard]] Bitset matchNow(int rule) const;
    [[nodiscard]] std::uint64_t bytesOf(const Bitset &set, std::uint32_t *files = nullptr) const;

    const FileTree &m_tree;
    std::vector<bool> m_enabled;
    std::vector<QStringList> m_exceptions;
    std::vector<std::vector<RuleSpare>> m_spares; // per rule
    std::vector<Bitset> m_data;                   // per rule: a fromData rule's nodes (empty for the others)
    std::vector<QString> m_dataOrigin;            // per rule: where m_data came from
    // Matching on demand happens in const methods, so under this lock. A
    // copy of the ledger reads the matches under the lock of the one it
    // copies, and gets a lock of its own.
    struct MatchCache {
        mutable std::mutex mutex;
        std::vector<Bitset> matches;
        std::vector<bool> matched; // per rule: `matches` holds its matches for the current exceptions
        MatchCache() = default;
        MatchCache(const MatchCache &other)
        {
            const std::lock_guard lock(other.mutex);
            matches = other.matches;
            matched = other.matched;
        }
        MatchCache &operator=(const MatchCache &) = delete; // as the ledger's: it refers to its tree
    };
    mutable MatchCache m_match;
    Bitset m_manualPrune;
    Bitset m_manualKeep;
    Bitset m_pruned;
    LedgerTotals m_totals;
    std::vector<std::unordered_map<FileTree::Index, std::uint64_t>> m_savings; // per Transform rule
    std::vector<bool> m_savingsMeasured;
    std::vector<Bitset> m_savingsCover; // per Transform rule: the matches its savings were measured on
};
