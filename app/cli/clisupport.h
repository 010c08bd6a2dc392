// What several layerslim-cli commands share: opening a layer with progress on
// stderr, building a ledger from --rules or --profile, and printing.
#pragma once

#include "checks/layertarget.h"
#include "checks/lint.h"
#include "checks/pythonfinder.h"
#include "commands.h"
#include "scan/layer.h"
#include "select/distributions.h"
#include "select/profile.h"
#include "select/sizeledger.h"

#include <QCommandLineParser>

#include <cstdint>
#include <future>
#include <memory>
#include <optional>

class CompressedSizeCache;

namespace cli {

// What openSession starts on a second thread as soon as the layer is read,
// for a command that asks for it after work of its own.
enum class ReadAhead : std::uint8_t {
    Nothing,
    Distributions, // Session::distributions()
};

// A layer opened and its selection set from the command line.
struct Session {
    Layer layer;
    std::unique_ptr<SizeLedger> ledger;
    Profile profile;
    // --requirements: the file and the names it asks for (the top-level requirements).
    QString requirementsFile;
    std::optional<QStringList> topLevelNames;

    // What the layer's files say of its target, read once when first asked.
    [[nodiscard]] const LayerTarget &inferredTarget() const;
    // The layer's distributions, requirement markers read for sessionTarget();
    // scanned once when first asked.
    [[nodiscard]] const Distributions &distributions() const;

private:
    friend std::optional<Session> openSession(const QString &, const QCommandLineParser &, ReadAhead);
    // Starts inferring the target and scanning the distributions on a second
    // thread; inferredTarget() and distributions() then wait for it. It
    // reads only the tree, the zip's entries and copies of the runtime and
    // architecture the profile names; the target is chosen on that thread.
    void readDistributionsAhead();
    struct ReadAheadResult {
        LayerTarget inferred;
        std::shared_ptr<Distributions> distributions;
    };
    // Takes what the read-ahead found, once it is done.
    void joinReadAhead() const;
    // Keeps the layer's distributions, setting the top-level requirements.
    void adoptDistributions(std::shared_ptr<Distributions> dists) const;

    mutable std::optional<LayerTarget> m_inferred;
    mutable std::shared_ptr<const Distributions> m_distributions;
    // Declared after `layer`, so it goes first: a scan still running (a bad
    // profile ends the session early) is waited for while its tree exists.
    mutable std::future<ReadAheadResult> m_readAhead;
};

// Adds --rules and --profile to a parser.
void addSelectionOptions(QCommandLineParser &parser);
// Opens `path` and applies --rules / --profile; prints the reason and returns
// nullopt on bad input.
[[nodiscard]] std::optional<Session> openSession(const QString &path, const QCommandLineParser &parser,
                                                 ReadAhead ahead = ReadAhead::Nothing);
// The user's compressed-size cache (CompressedSizeCache::standard()), read on
// a thread of its own while the command scans the layer; get() it where it is
// first used. Reading and checking it takes about 8 ms for 13,000 entries,
// and grows with it up to its bound (64 MB, about a million entries).
[[nodiscard]] std::future<CompressedSizeCache *> readSizeCacheAhead();

// Which of --runtime and --arch a command offers.
enum class TargetOptions : std::uint8_t {
    Runtime,        // --runtime only; the architecture is the profile's
    RuntimeAndArch, // both
};
// The runtime and architecture a command works for: the options it offers,
// over the profile's when it names them, over what the layer says
// (LayerTarget), over the default; the result's origin says which. Checked
// against Lambda's runtime table; when either is not Lambda's, prints
// "layerslim-cli COMMAND: <why>" and returns nullopt.
[[nodiscard]] std::optional<LintTarget> chosenTarget(const QCommandLineParser &parser, const Session &session,
                                                     const QString &command, TargetOptions offered);
// The target a session's layer is read for where no option says (requirement
// markers, for one): the profile's runtime and arch where it names them, else
// what the layer says (LayerTarget), else the default.
[[nodiscard]] Target sessionTarget(const Session &session);
// Parses args; handles --help. Returns false (after printing) on bad usage:
// an unknown option is named as typed, with the nearest of the command's own
// options as a hint, and the command's usage line.
[[nodiscard]] bool parseOrExplain(QCommandLineParser &parser, const QStringList &args, const QString &command,
                                  int positionalCount, int *exitCode);
// The parser's help with the usage line naming the command as it is typed
// ("Usage: layerslim-cli export [options] PATH"), not the binary's path.
[[nodiscard]] QString helpText(const QCommandLineParser &parser, const QString &command);
// The closest of `known` to the mistyped `name` (by edit distance, or a
// prefix), or empty when none is close enough to be a likely meaning.
[[nodiscard]] QString nearestName(const QString &name, const QStringList &known);

void printOut(const QString &text);
void printErr(const QString &text);

} // namespace cli
