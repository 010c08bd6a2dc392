// Proves a slimmed layer still works: builds its kept set in a scratch folder
// (never touching the source), then imports every top-level package and
// module of the layer, each in its own `python -S -I -B` subprocess with a
// clean environment, a timeout and an output cap, and runs an optional smoke
// script the same way. Each passing import is timed cold (a fresh process per
// run, the import alone measured inside the child) over several runs.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <vector>

// What a check runs.
enum class CheckKind : std::uint8_t {
    Import, // `import NAME` with the kept set first on sys.path
    Smoke,  // the user's script (NAME is its path), run as __main__ with the same sys.path
    // ctypes.CDLL of every ELF *.so / *.so.* under the package root, one
    // fresh process for all (NAME is kLibrariesCheck); a file that does not
    // load is named with dlerror's message
    Libraries,
};

// How a check ended.
enum class CheckStatus : std::uint8_t {
    Passed,     // exited with status 0
    Failed,     // exited non-zero, e.g. an ImportError; the output holds the traceback
    Crashed,    // killed by a signal (e.g. a segfault inside an extension module)
    TimedOut,   // still running at the timeout and killed
    Cancelled,  // the job was cancelled before or while it ran
    NotStarted, // the interpreter could not be started, or the kept set not built
};

struct VerifyCheck {
    CheckKind kind = CheckKind::Import;
    QString name; // module name, or the smoke script's path
    bool operator==(const VerifyCheck &) const = default;
};

// A module's cold import time over several fresh processes. The import alone
// is timed inside the child (time.perf_counter around it), so interpreter
// start-up is not counted; the wall time of the whole process is kept beside it.
struct ImportTiming {
    int runs = 0;            // timed runs that passed (0: not timed)
    double medianMs = 0;     // median import time over the runs
    double minMs = 0;        // fastest run
    double maxMs = 0;        // slowest run
    double wallMedianMs = 0; // median wall time of the child process, start-up included

    // The median, min and max of `importMs`, the median of `wallMs` (same length).
    [[nodiscard]] static ImportTiming of(std::vector<double> importMs, std::vector<double> wallMs);
};

struct CheckResult {
    VerifyCheck check;
    CheckStatus status = CheckStatus::NotStarted;
    int exitCode = -1;
    qint64 millis = 0;
    QString output;         // stdout and stderr merged, capped (head and tail kept)
    bool truncated = false; // the output went over the cap
    QString error;          // one line: the exception ("ModuleNotFoundError: No module named 'x'") or why
    double importMs = -1;   // this run's import as the child timed it; -1 when not measured (smoke, failure)
    ImportTiming timing;    // an import that passed, timed over VerifyOptions::timingRuns runs

    [[nodiscard]] bool passed() const { return status == CheckStatus::Passed; }
};

struct VerifyOptions {
    QString python;                        // interpreter to run (see PythonFinder)
    QStringList modules;                   // empty: every top-level importable of the layer
    QString smokeScript;                   // optional; run after the imports; relative to the working folder
    int timeoutMs = 120000;                // per check
    qsizetype outputCap = 64 * 1024;       // bytes of output kept per check
    qint64 outputLimit = qint64(16) << 20; // output after which a check is stopped as runaway
    int parallel = 2;                      // checks run at once
    QString scratchDir;                    // where kept sets are built; empty: /dev/shm when usable, else TMPDIR
    // Cold imports timed per passing module, each in a fresh process (the
    // check itself is the first); the median is reported. 0: no timing.
    int timingRuns = 3;
    // Also load every kept native library (CheckKind::Libraries), as a
    // stripped export must: an import proves only the modules it reaches.
    bool loadLibraries = false;
};

struct VerifyReport {
    std::vector<CheckResult> results; // imports in order, then the smoke script
    QString error;                    // set when nothing could run (kept set not built)

    [[nodiscard]] bool passed() const;
    [[nodiscard]] std::vector<const CheckResult *> failures() const;
    // The timed imports added up.
    struct ImportTotals {
        int modules = 0;         // imports that were timed
        double medianMs = 0;     // sum of their median import times
        double wallMedianMs = 0; // sum of their median process wall times
    };
    [[nodiscard]] ImportTotals importTotals() const;
};

class Verifier
{
public:
    // `zipEntries` is needed for a zip source (Layer::zipEntries); the tree
    // must outlive the verifier.
    Verifier(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries, VerifyOptions options);
    ~Verifier();
    Verifier(const Verifier &) = delete;
    Verifier &operator=(const Verifier &) = delete;

    // Top-level importables of the layer that keep at least one file under
    // `pruned`: folders with an __init__.py, *.py modules, and extension
    // (*.so) or sourceless (*.pyc) modules directly under the package root.
    [[nodiscard]] static QStringList importables(const FileTree &tree, const Bitset &pruned);

    // The checks run() would perform for `pruned`.
    [[nodiscard]] std::vector<VerifyCheck> checks(const Bitset &pruned) const;

    // Builds the kept set under `pruned` and runs every check.
    [[nodiscard]] VerifyReport run(const Bitset &pruned, JobControl *control = nullptr);

    // Runs a single check against the kept set under `pruned` (bisection uses
    // this; for a zip source the zip is extracted once and linked to after).
    [[nodiscard]] CheckResult runCheck(const Bitset &pruned, const VerifyCheck &check, JobControl *control = nullptr);

    [[nodiscard]] const VerifyOptions &options() const { return m_options; }
    [[nodiscard]] const FileTree &tree() const { return m_tree; }

    // Runs one check with `python` against a package root already on disk.
    [[nodiscard]] static CheckResult runOne(const VerifyOptions &options, const QString &packageRoot,
                                            const QString &workDir, const VerifyCheck &check,
                                            JobControl *control = nullptr);
    // Runs `checks` against a package root already on disk (e.g. one BytecodeCompiler prepared).
    [[nodiscard]] static VerifyReport runAt(const VerifyOptions &options, const QString &packageRoot,
                                            const QString &workDir, const std::vector<VerifyCheck> &checks,
                                            JobControl *control = nullptr);
    [[nodiscard]] static QString statusName(CheckStatus s);
    // "import", "smoke" or "libraries".
    [[nodiscard]] static QString kindName(CheckKind k);
    // The name of the CheckKind::Libraries check.
    static constexpr char kLibrariesCheck[] = "native libraries";
    // Why a smoke script cannot be run (missing, not a file, unreadable),
    // naming its absolute path; empty when it can. Bad input, not a failed check.
    [[nodiscard]] static QString smokeScriptProblem(const QString &path);

private:
    // Runs a passed import again until it was timed options.timingRuns times and fills its timing.
    static void timeImport(const VerifyOptions &options, const QString &packageRoot, const QString &workDir,
                           CheckResult *result, JobControl *control);
    // Materialises the kept set into a fresh folder; returns its package root or empty with `error`.
    QString buildKeptSet(const Bitset &pruned, bool linkToExtraction, QString *error, JobControl *control);
    void discard(const QString &dir);

    const FileTree &m_tree;
    const std::vector<ZipEntryRef> *m_zipEntries;
    VerifyOptions m_options;
    std::unique_ptr<QTemporaryDir> m_scratch;
    QString m_extracted; // a zip source extracted whole, for repeated runs
    int m_serial = 0;
};
