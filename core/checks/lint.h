// Native-file checks for a Lambda layer: every ELF file's machine against the
// target architecture, the CPython ABI tag in extension names against the
// target runtime, the highest GLIBC_x.y symbol version needed against the
// runtime's glibc, and macOS/Windows binaries that Linux never loads.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "scan/zipscanner.h"
#include "select/targets.h"
#include "tree/filetree.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <optional>
#include <vector>

// Which check a finding comes from.
enum class LintCheck : std::uint8_t {
    Machine,    // ELF e_machine (or class) is not the target architecture
    AbiTag,     // "cpython-311" (or the platform) in an extension's name is not the target's
    Glibc,      // needs a GLIBC_x.y newer than the target runtime's Amazon Linux has
    NonElf,     // a Mach-O or PE binary (.exe, .dll, .pyd, .dylib, …): never loaded on Linux, a warning
    Unreadable, // looks like ELF but libelf cannot parse it, or the file cannot be read
};

// How bad a finding is.
enum class LintSeverity : std::uint8_t {
    Error,   // the file cannot load on the target: the import that needs it fails
    Warning, // suspicious, could not be checked fully
};

// What the layer must run on, as the command line or a profile names it
// ("aarch64" stays as typed); every fact about it comes from Lambda's runtime
// table (Target). Lint::run expects a valid() one: for another, the facts are
// empty and 0.
struct LintTarget {
    QString runtime = Target{}.runtime(); // Lambda runtime id
    QString arch = Target{}.archName();   // "x86_64" or "arm64"
    // Where the runtime and architecture came from, for people ("from the
    // profile", "from the layer (170 extension modules tagged
    // cpython-311-x86_64-linux-gnu)", "runtime from …, architecture from …");
    // empty when nobody asked.
    QString origin;

    // The table's entry, or nullopt when not valid().
    [[nodiscard]] std::optional<Target> target() const;
    [[nodiscard]] int elfMachine() const;      // 62 or 183
    [[nodiscard]] QString machineName() const; // "x86_64" or "aarch64"
    [[nodiscard]] QString cacheTag() const;    // "cpython-310"
    // The runtime's Amazon Linux glibc: 2.26 for python3.8-3.11, 2.34 from python3.12.
    [[nodiscard]] QByteArray glibc() const;
    // A runtime and architecture from Lambda's table (Target::runtimeProblem, archProblem).
    [[nodiscard]] bool valid() const;
    // Why not valid(), in the words every command uses; empty when valid.
    [[nodiscard]] QString problem() const;
};

struct LintFinding {
    FileTree::Index node = FileTree::kNone;
    QByteArray path; // package path
    LintCheck check = LintCheck::Unreadable;
    LintSeverity severity = LintSeverity::Error;
    QString found;    // e.g. "aarch64", "cpython-311", "2.29"
    QString expected; // e.g. "x86_64", "cpython-310", "<= 2.26"
    QString message;  // one line for people
};

// What lint learnt about one ELF file (for badges and reports).
struct LintElf {
    FileTree::Index node = FileTree::kNone;
    QByteArray path;
    QString machine;
    QByteArray maxGlibc; // empty when it needs no GLIBC version
};

// Findings that share one cause (a check and its message, e.g. "built for
// CPython 3.11, the layer targets python3.10"), told once with the files under
// it: what a user fixes is the cause, not each of 170 files.
struct LintGroup {
    LintCheck check = LintCheck::Unreadable;
    LintSeverity severity = LintSeverity::Error;
    QString headline;                  // "170 extension modules are built for CPython 3.11; the target is python3.10"
    std::vector<std::size_t> findings; // indices into LintReport::findings, in tree order
};

struct LintReport {
    LintTarget target;
    std::uint32_t filesChecked = 0; // kept files with a native name or an executable bit, whose format was read
    std::vector<LintElf> elfFiles;
    std::vector<LintFinding> findings;

    [[nodiscard]] int errors() const;   // files with an error finding, counted per finding
    [[nodiscard]] int warnings() const; // the same for warnings
    // The findings by cause: errors before warnings, then in LintCheck order
    // (machine, ABI tag, glibc, …), the largest group first.
    [[nodiscard]] std::vector<LintGroup> groups() const;
};

class Lint
{
public:
    // Lints the regular files of `tree` not in `pruned` (all when null). For
    // a folder every file's magic is read; for a zip, files named like native
    // libraries or marked executable. `zipEntries` is needed for a zip source.
    [[nodiscard]] static LintReport run(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries,
                                        const LintTarget &target, const Bitset *pruned = nullptr,
                                        JobControl *control = nullptr);

    // The ABI tag part of an extension name: "cpython-311-x86_64-linux-gnu" for
    // "x.cpython-311-x86_64-linux-gnu.so"; empty when the name carries none.
    [[nodiscard]] static QByteArray abiTag(QByteArrayView fileName);
    // The CPython version an ABI tag names: "3.11" for "cpython-311-x86_64-linux-gnu"
    // or "cpython-37m"; empty for abi3, another implementation or no tag.
    [[nodiscard]] static QString cpythonVersion(QByteArrayView tag);

    [[nodiscard]] static QString checkName(LintCheck c);
    // The findings as `lint --json` and the export report write them.
    [[nodiscard]] static QJsonArray findingsJson(const std::vector<LintFinding> &findings);
    // The report's groups as `lint --json` and the export report write them:
    // check, severity, headline, count and the files' paths.
    [[nodiscard]] static QJsonArray groupsJson(const LintReport &report);
    [[nodiscard]] static QString severityName(LintSeverity s);
};
