// "Make it fit": searches for the least risky selection that fits Lambda's
// limit less a reserve (and, when asked, the zipped upload limit). It takes
// safe rules first, then caution, then risky ones, and within a rule the
// package where it frees most first; every step is proved with verify, and a
// step that breaks a check keeps what the check needs (culprit bisection) or
// is backed out. It stops at the first selection that fits.
#pragma once

#include "base/jobcontrol.h"
#include "checks/verifier.h"
#include "select/sizeledger.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

// What the selection must fit.
struct FitGoal {
    std::uint64_t limitBytes = 0;               // unzipped limit (Lambda's 262,144,000 bytes)
    std::uint64_t reserveBytes = 0;             // left for the function's other layers
    std::optional<std::uint64_t> zipLimitBytes; // also fit zipped (50 MB direct upload), when set
    // The unzipped bytes the layer may take: the limit less the reserve.
    [[nodiscard]] std::uint64_t unzippedTarget() const { return limitBytes - std::min(reserveBytes, limitBytes); }
};

// How a step ended.
enum class FitOutcome : std::uint8_t {
    Taken,             // verify passed with the step
    TakenWithCulprits, // a check failed; keeping the culprits it needs made it pass
    BackedOut,         // a check failed and no kept culprit set made it pass: undone
    NotTried,          // the plan fit (or was cancelled) before this candidate
};

struct FitStep {
    int rule = -1;           // RuleCatalog index
    QByteArray package;      // the top-level entry (package path) the step prunes in
    std::uint64_t bytes = 0; // freed by the step (the estimate, for one not tried)
    std::uint32_t files = 0; // files it pruned
    FitOutcome outcome = FitOutcome::NotTried;
    std::vector<QByteArray> keptCulprits; // paths kept back because a check needed them
    QString failure;                      // the check that failed, and its error, when one did
    qint64 millis = 0;                    // time spent verifying it
};

struct FitPlan {
    std::uint64_t startBytes = 0;          // unzipped bytes of the starting selection
    std::uint64_t keptBytes = 0;           // of the planned selection
    std::uint64_t targetBytes = 0;         // FitGoal::unzippedTarget()
    std::optional<std::uint64_t> zipBytes; // zipped size of the planned selection (zipped goal only)
    bool zipExact = false;                 // zipBytes is to the byte (every file deflated), not an estimate
    bool fits = false;
    std::vector<FitStep> steps;      // taken and backed out, in order
    std::vector<FitStep> candidates; // not tried, in the order they would be
    int verifyRuns = 0;              // checks runs spent, bisection included
    QString error;                   // why no plan could be made (the start fails verify, …)
    // Bytes over the target when it does not fit (0 when it fits).
    [[nodiscard]] std::uint64_t shortfall() const { return keptBytes > targetBytes ? keptBytes - targetBytes : 0; }
};

class FitPlanner
{
public:
    // The zipped size of a selection (for the zipped goal), and whether it is
    // exact or an estimate.
    struct ZipEstimate {
        std::uint64_t bytes = 0;
        bool exact = false;
    };
    using ZipSize = std::function<ZipEstimate(const SizeLedger &)>;
    // Called after every change the planner makes to the ledger (e.g. to
    // refresh the metadata rules' spares); may be empty.
    using AfterChange = std::function<void(SizeLedger &)>;
    // Called as each step is decided (for progress).
    using OnStep = std::function<void(const FitStep &)>;

    FitPlanner(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries, VerifyOptions verify);

    // The steps the planner would try from `ledger`'s selection, in order:
    // rules it does not have on (never Transform rules: their savings are
    // measured at export), by risk, then by what the rule frees; within a
    // rule, its packages by what it frees there. Steps that free nothing are left out.
    [[nodiscard]] static std::vector<FitStep> candidates(const SizeLedger &ledger);

    // Plans from `ledger`'s selection and leaves the plan's selection in it:
    // rules on with the packages not taken as exceptions, culprits kept.
    [[nodiscard]] FitPlan plan(SizeLedger &ledger, const FitGoal &goal, const ZipSize &zipSize = {},
                               const AfterChange &afterChange = {}, const OnStep &onStep = {},
                               JobControl *control = nullptr);

    // "taken", "culprits-kept", "backed-out", "not-tried" (the JSON ids).
    [[nodiscard]] static QString outcomeName(FitOutcome outcome);

private:
    // Runs every check on the ledger's selection; the first failure, if any.
    [[nodiscard]] std::optional<CheckResult> firstFailure(const SizeLedger &ledger, int *runs, JobControl *control);

    Verifier m_verifier;
};
