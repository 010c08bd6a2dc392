// "Find the culprit": when a check fails on the slimmed layer but passes on
// the whole one, bisects the pruned set (as maximal pruned subtrees, so whole
// folders first) for a smallest set of paths whose restoration makes it pass.
// Each culprit costs O(log n) verify runs.
#pragma once

#include "checks/verifier.h"

#include <QByteArray>

#include <vector>

struct Culprit {
    FileTree::Index node = FileTree::kNone; // a maximal pruned subtree (file or folder)
    QByteArray path;                        // package path, e.g. "pandas/_testing"
    std::uint64_t bytes = 0;                // pruned bytes it holds
    std::uint32_t files = 0;                // pruned files it holds
};

struct BisectResult {
    // What the bisection concluded.
    enum class Outcome : std::uint8_t {
        Found,         // restoring `culprits` (and nothing else) makes the check pass
        PassesPruned,  // the check passes with the pruning as it is: nothing to find
        FailsWhole,    // the check fails on the unpruned layer too: pruning is not the cause
        NothingPruned, // the selection prunes nothing, so nothing can be restored
        Inconclusive,  // cancelled, run limit hit, or results were not consistent (flaky check)
    };
    Outcome outcome = Outcome::Inconclusive;
    VerifyCheck check;
    std::vector<Culprit> culprits;
    int runs = 0;       // verify runs spent
    int candidates = 0; // maximal pruned subtrees considered
    CheckResult whole;  // the check on the unpruned layer
    QString message;    // one line for people

    [[nodiscard]] static QString outcomeName(Outcome o);
};

class CulpritFinder
{
public:
    explicit CulpritFinder(Verifier &verifier)
        : m_verifier(verifier)
    {
    }

    // Bisects for `check` under `pruned`. `failed`, when given, is a run of
    // the check under `pruned` that already failed (saves one run).
    [[nodiscard]] BisectResult find(const Bitset &pruned, const VerifyCheck &check, JobControl *control = nullptr,
                                    const CheckResult *failed = nullptr, int maxRuns = 64);

    // Narrows found culprits that are folders to the parts of them the check
    // needs, child by child (recursively), within `maxRuns` runs in all: a
    // folder that cannot be narrowed stays whole. `found` is find()'s result
    // for `pruned`.
    [[nodiscard]] BisectResult narrow(const Bitset &pruned, const BisectResult &found, JobControl *control = nullptr,
                                      int maxRuns = 64);

    // `pruned` with the culprits' subtrees restored (what "keep them" applies).
    [[nodiscard]] static Bitset restored(const FileTree &tree, const Bitset &pruned,
                                         const std::vector<Culprit> &culprits);

private:
    // Bisects `units` (disjoint pruned subtrees) for the ones whose
    // restoration makes `check` pass, given that restoring all of them does
    // and none does not. False when stopped (cancelled, out of runs, flaky).
    bool search(const Bitset &pruned, const std::vector<FileTree::Index> &units, const VerifyCheck &check,
                JobControl *control, int maxRuns, BisectResult *result, std::vector<std::size_t> *found);
    [[nodiscard]] static Culprit culprit(const FileTree &tree, const Bitset &pruned, FileTree::Index node);

    Verifier &m_verifier;
};
