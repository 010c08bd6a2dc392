// Verifies a layer as an export writes it: exports the kept set into a zip in
// a scratch folder (strip and bytecode applied, the source only read), opens
// that zip as a layer and imports every module from it, timed cold; a
// stripped export also loads each native library. Compares bytecode modes
// on the same layer, so the choice is made from this layer's numbers.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "checks/verifier.h"
#include "export/exportoptions.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QString>
#include <QStringList>

#include <vector>

// One export verified: its sizes and the checks run on it.
struct ExportedLayerCheck {
    BytecodeMode mode = BytecodeMode::Keep; // the bytecode mode it was exported with
    QString error;                          // why it has no figures (no Python for the mode, export failed)
    bool unavailable = false;               // not tried: the interpreter cannot make this mode (error says why)
    std::uint64_t unzippedBytes = 0;        // files in the zip, as Lambda counts them
    std::uint64_t zipBytes = 0;             // the zip itself
    TransformSummary transform;             // what strip and bytecode did
    VerifyReport report;                    // the checks on the extracted zip, imports timed

    [[nodiscard]] bool ok() const { return error.isEmpty() && report.passed(); }
};

class ExportVerifier
{
public:
    // The modes compared, in the order shown.
    static constexpr BytecodeMode kModes[] = {BytecodeMode::Keep, BytecodeMode::Drop, BytecodeMode::Precompile,
                                              BytecodeMode::Sourceless};

    // Exports the kept set under `pruned` with `options` (its output is
    // ignored: the zip goes to a scratch folder, removed after) and runs
    // `verify` on the zip. Empty verify.modules: the source's top-level
    // importables, so every mode is judged on the same modules. Stripped
    // exports load their native libraries too.
    [[nodiscard]] static ExportedLayerCheck run(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                                const Bitset &pruned, ExportOptions options, VerifyOptions verify,
                                                JobControl *control = nullptr);

    // run() once for each of kModes; a mode that cannot run with
    // options.python (BytecodeCompiler::unavailableReason) gets its reason as
    // the error and is not exported.
    [[nodiscard]] static std::vector<ExportedLayerCheck>
    compareBytecode(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Bitset &pruned,
                    const ExportOptions &options, const VerifyOptions &verify, JobControl *control = nullptr);
};
