// Bytecode options for a layer: keep the caches as shipped, drop them,
// precompile with the target's Python (unchecked-hash .pyc, so zip timestamps
// cannot make them stale), or go sourceless (.pyc in place of .py). Builds
// the result in a scratch folder (kept files as symlinks, new .pyc as real
// files) and measures its size effect; the source is never written.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "checks/pythonfinder.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QString>

#include <vector>

// What happens to Python bytecode in the exported layer.
enum class BytecodeMode : std::uint8_t {
    Keep,       // __pycache__ and *.pyc as the source has them
    Drop,       // no bytecode: smallest, slower cold starts (Python compiles in memory)
    Precompile, // fresh __pycache__/*.pyc from the target's Python, unchecked-hash
    Sourceless, // *.pyc beside each module in place of its *.py; sources dropped
};

struct BytecodeResult {
    QString error;                // set on failure (no Python of the target's version, compile error)
    QString root;                 // the package root of the prepared kept set
    std::int64_t deltaBytes = 0;  // size change against the kept set with bytecode as shipped
    std::uint64_t addedBytes = 0; // new .pyc bytes
    std::uint32_t addedFiles = 0;
    std::uint64_t removedBytes = 0; // shipped bytecode (and, sourceless, .py) left out
    std::uint32_t removedFiles = 0;

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

class BytecodeCompiler
{
public:
    // `python` must match the target runtime for Precompile and Sourceless.
    BytecodeCompiler(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries, PythonInfo python,
                     QString runtime);

    // Prepares the kept set under `pruned` with `mode` applied in `destDir`
    // (created; must be empty) and measures it. Keep and Drop need no Python.
    [[nodiscard]] BytecodeResult prepare(const Bitset &pruned, BytecodeMode mode, const QString &destDir,
                                         JobControl *control = nullptr) const;

    // Why `mode` cannot run with this interpreter (empty when it can): an
    // unknown runtime, no interpreter of its version, or extension modules in
    // the layer built for another CPython than the bytecode would be for.
    [[nodiscard]] QString unavailableReason(BytecodeMode mode) const;

    [[nodiscard]] static QString modeName(BytecodeMode m);
    [[nodiscard]] static std::optional<BytecodeMode> modeFromName(QStringView name);

private:
    // The CPython version of the first extension module whose ABI tag names a
    // version other than `other` ("3.11"), with its path; empty when none does.
    [[nodiscard]] std::pair<QString, QByteArray> extensionVersion(const QString &other) const;

    const FileTree &m_tree;
    const std::vector<ZipEntryRef> *m_zipEntries;
    PythonInfo m_python;
    QString m_runtime;
};
